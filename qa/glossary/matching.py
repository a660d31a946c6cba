"""Find glossary terms in text, fast: Aho-Corasick candidates, then boundary filters.

English (:class:`EnglishMatcher`): word boundaries, case-insensitive unless an entry says
``case=sensitive``, plurals (receptor → receptors, therapy → therapies), possessives
(ketamine's, ketamine’s) and hyphen/space variants (treatment-resistant = treatment
resistant). Chinese (:class:`ChineseMatcher`): a term is found wherever its characters
occur, even where jieba would split it, but not inside a longer word that jieba's
dictionary (with the glossary loaded as a user dictionary) knows: 数据 is not found inside
数据库. On overlaps the longest match wins.

Texts are normalised character by character (same length), so match offsets are offsets
into the original text.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from operator import add
from typing import Any, NamedTuple

import ahocorasick

# Hyphens, dashes used as hyphens, and spaces all compare equal (as a space).
_SPACE_LIKE = "-\u2010\u2011\u00a0\u2009\u202f\t\n\r"
_FOLD = str.maketrans({**{c: " " for c in _SPACE_LIKE}, "\u2019": "'", "\u2018": "'"})


class Match(NamedTuple):
    """A term found in a text: ``text[start:end]``, the glossary form it matched, and the
    entries that own that form (several rows may share one form)."""

    start: int
    end: int
    text: str
    form: str
    entries: tuple[Any, ...]

    @property
    def key(self) -> str:
        """The concept key (case-folded English term) of the first owning entry."""
        return self.entries[0].key


def _is_word_char(c: str) -> bool:
    """A Latin-script word character: letters and digits below the CJK blocks."""
    return (c.isalnum() or c == "_") and ord(c) < 0x2E80


def fold_english(text: str) -> str:
    """Lower-case and unify hyphens/spaces/apostrophes without changing the length.

    >>> fold_english("Treatment-Resistant Ketamine’s")
    "treatment resistant ketamine's"
    """
    out = text.translate(_FOLD)
    low = out.lower()
    if len(low) == len(out):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in out)


def _plurals(form: str) -> list[str]:
    """Inflected forms of the last word of a (folded) English term."""
    if not form or not form[-1].isalpha():
        return []
    out = [form + "s"]
    if form.endswith(("s", "x", "z", "ch", "sh", "o")):
        out.append(form + "es")
    if form.endswith("y") and len(form) > 1 and form[-2] not in "aeiou":
        out.append(form[:-1] + "ies")
    return out


def _longest_first(matches: list[Match]) -> list[Match]:
    """Keep non-overlapping matches, longer ones first (then leftmost), in text order."""
    ordered = sorted(matches, key=lambda m: m.start)
    if all(a.end <= b.start for a, b in zip(ordered, ordered[1:], strict=False)):
        return ordered
    taken: list[Match] = []
    used = bytearray()
    for m in sorted(matches, key=lambda m: (m.start - m.end, m.start)):
        if len(used) < m.end:
            used.extend(b"\0" * (m.end - len(used)))
        if any(used[m.start:m.end]):
            continue
        used[m.start:m.end] = b"\1" * (m.end - m.start)
        taken.append(m)
    taken.sort(key=lambda m: m.start)
    return taken


class EnglishMatcher:
    """Word-boundary matching of English forms (also of ``keep`` forms inside zh text)."""

    def __init__(self, forms: Iterable[tuple[str, Any]]) -> None:
        # key (folded, maybe inflected) -> [(form, entry, length of the base form)]
        table: dict[str, list[tuple[str, Any, int]]] = {}
        for form, entry in forms:
            folded = fold_english(form.strip())
            if not folded:
                continue
            for key in (folded, *_plurals(folded)):
                bucket = table.setdefault(key, [])
                if not any(f == form and e is entry for f, e, _ in bucket):
                    bucket.append((form, entry, len(folded)))
        self.automaton: Any = ahocorasick.Automaton()
        for key, payload in table.items():
            self.automaton.add_word(key, (len(key), payload))
        if table:
            self.automaton.make_automaton()
        self.size = len(table)

    def find(self, text: str) -> list[Match]:
        """Every term in ``text``, longest first on overlaps, in text order."""
        if not self.size or not text:
            return []
        folded = fold_english(text)
        n = len(text)
        found: list[Match] = []
        for last, (length, payload) in self.automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if start > 0:
                c = text[start - 1]  # inlined _is_word_char: this loop is the hot path
                if (c.isalnum() or c == "_") and c < "\u2e80":
                    continue
            after = end
            if folded.startswith("'s", after):
                after += 2
            elif after < n and folded[after] == "'" and folded[after - 1] == "s":
                after += 1
            if after < n:
                c = text[after]
                if (c.isalnum() or c == "_") and c < "\u2e80":
                    continue
            entries: list[Any] = []
            form = ""
            for f, e, base in payload:
                if getattr(e, "case_sensitive", False) and \
                        text[start:start + base].translate(_FOLD) != f.translate(_FOLD):
                    continue
                entries.append(e)
                form = form or f
            if entries:
                found.append(Match(start, end, text[start:end], form, tuple(entries)))
        return _longest_first(found) if len(found) > 1 else found


# jieba cuts text into runs of these characters and segments each run on its own.
_RUN = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")
_RUN_CHARS = "+#&._%-" + string.ascii_letters + string.digits


def _is_run_char(c: str) -> bool:
    """A character jieba segments with its neighbours (one that ``_RUN`` matches)."""
    return "\u4e00" <= c <= "\u9fd5" or c in _RUN_CHARS


_MAX_WORD = 8  # longest dictionary word that can cut an edge (jieba's are mostly ≤ 4)
_WINDOW = 8  # context characters jieba sees on each side of a match
_BASE_TOKENIZER: Any = None
_BASE_EDGES: set[str] | None = None


def base_tokenizer() -> Any:
    """A jieba tokenizer with jieba's default dictionary, loaded once per process and shared:
    callers only segment with it, never add words (use :func:`_fresh_tokenizer` for that)."""
    global _BASE_TOKENIZER
    import jieba

    jieba.setLogLevel(60)
    if _BASE_TOKENIZER is None:
        _BASE_TOKENIZER = jieba.Tokenizer()
        _BASE_TOKENIZER.initialize()
    return _BASE_TOKENIZER


def _fresh_tokenizer() -> Any:
    """A private jieba tokenizer with the default dictionary (loaded from disk only once)."""
    import jieba

    base = base_tokenizer()
    tk = jieba.Tokenizer()
    # Copy the loaded dictionary instead of re-reading it; the base is never modified.
    tk.FREQ, tk.total = dict(base.FREQ), base.total
    tk.initialized = True
    return tk


def _word_edges(words: Iterable[str], into: set[str]) -> set[str]:
    """Add the character pairs that a word could straddle an edge with.

    A word that crosses offset ``p`` and starts at most ``_MAX_WORD - 1`` characters
    before it contains ``text[p-1:p+1]`` at one of its first ``_MAX_WORD - 1`` pair
    positions. So if that pair is not in the set, no dictionary word crosses ``p`` and
    jieba cannot cut there: the test the matcher runs on every edge is one set lookup.
    Pairs with a character outside jieba's runs are left out: a run ends there anyway.
    """
    for w in words:
        for k in range(min(len(w) - 1, _MAX_WORD - 1)):
            pair = w[k:k + 2]
            if _is_run_char(pair[0]) and _is_run_char(pair[1]):
                into.add(pair)
    return into


def _base_edges() -> set[str]:
    """:func:`_word_edges` of jieba's default dictionary (computed once per process)."""
    global _BASE_EDGES
    if _BASE_EDGES is None:
        freq = _fresh_tokenizer().FREQ if _BASE_TOKENIZER is None else _BASE_TOKENIZER.FREQ
        _BASE_EDGES = _word_edges((w for w, f in freq.items() if f and len(w) > 1), set())
    return _BASE_EDGES


class ChineseMatcher:
    """Matching of Chinese forms: exact characters, jieba-checked word edges.

    Candidates: forms are indexed by their first two characters. The text's character
    pairs are intersected with that index in C, and only the pairs in common are looked
    up with ``str.find``. (pyahocorasick walks Chinese text at about 1 µs a character
    with thousands of terms, the whole time budget of a sentence.) Each candidate's
    edges are then tested with two set lookups of the character pairs straddling them
    (:func:`_word_edges`); only where a dictionary word might cross an edge does the
    exact test run: a walk over jieba's prefix dictionary, then jieba itself on a window
    around the match (cached per window).
    """

    def __init__(self, forms: Iterable[tuple[str, Any]], cache_size: int = 65536) -> None:
        table: dict[str, list[tuple[str, Any]]] = {}
        for form, entry in forms:
            form = form.strip()
            if form:
                table.setdefault(form, []).append((form, entry))
        self.words = list(table)
        # first two characters -> [(form, entries, simple)]; one-character forms apart.
        self._by_head: dict[str, list[tuple[str, tuple[Any, ...], bool]]] = {}
        self._singles: dict[str, tuple[str, tuple[Any, ...], bool]] = {}
        for key, payload in table.items():
            # A form made only of run characters lies inside one run wherever it occurs,
            # which lets find() test its edges without locating the run.
            item = (key, tuple(e for _, e in payload), all(_is_run_char(c) for c in key))
            if len(key) == 1:
                self._singles[key] = item
            else:
                self._by_head.setdefault(key[:2], []).append(item)
        self._heads = frozenset(self._by_head)
        self._tokenizer: Any = None
        self._edges: set[str] | frozenset[str] = frozenset()
        self._cache: dict[str, tuple[list[tuple[int, int]], set[int]]] = {}
        self._cache_size = cache_size

    @property
    def tokenizer(self) -> Any:
        """A private jieba tokenizer with every glossary form as a user word (lazy)."""
        if self._tokenizer is None:
            tk = _fresh_tokenizer()
            added = []
            for word in self.words:
                if len(word) > 1:
                    tk.add_word(word)  # jieba suggests the frequency that keeps it whole
                    if tk.FREQ[word]:
                        added.append(word)
            # Share the default dictionary's pairs; copy only when the glossary adds some.
            edges = _base_edges()
            extra = _word_edges(added, set()) - edges
            self._edges = edges | extra if extra else edges
            self._tokenizer = tk
        return self._tokenizer

    def prepare(self) -> None:
        """Build the lazy parts now (the jieba user dictionary), e.g. before timing."""
        self.tokenizer  # noqa: B018

    def tokenize(self, text: str) -> list[str]:
        """jieba tokens of ``text`` with the glossary as user dictionary."""
        return list(self.tokenizer.cut(text, HMM=True))

    def _crossed(self, text: str, a: int, b: int, p: int) -> bool:
        """True if some multi-character dictionary word in ``text[a:b]`` spans offset ``p``.

        If none does, jieba cannot cut a dictionary word there, so it need not run.
        """
        freq = self.tokenizer.FREQ  # holds every prefix of every word (with frequency 0)
        for i in range(max(a, p - _MAX_WORD + 1), p):
            j = i + 2
            while j <= b:
                f = freq.get(text[i:j])
                if f is None:  # not even a prefix: no longer word starts at i
                    break
                if f and j > p:
                    return True
                j += 1
        return False

    def _segments(self, run: str) -> tuple[list[tuple[int, int]], set[int]]:
        cached = self._cache.get(run)
        if cached is None:
            spans, pos = [], 0
            for tok in self.tokenizer.cut(run, HMM=True):
                spans.append((pos, pos + len(tok)))
                pos += len(tok)
            cached = (spans, {s for s, _ in spans} | {pos})
            if len(self._cache) >= self._cache_size:
                self._cache.clear()
            self._cache[run] = cached
        return cached

    def _inside_word(self, run: str, offset: int) -> bool:
        """True if ``offset`` (within ``run``) cuts a multi-character dictionary word."""
        spans, bounds = self._segments(run)
        if offset in bounds:
            return False
        freq = self.tokenizer.FREQ
        for s, e in spans:
            if s < offset < e:
                return e - s > 1 and freq.get(run[s:e], 0) > 0
        return False

    def _rejected(self, text: str, start: int, end: int, runs: list[tuple[int, int]],
                  check_left: bool = True, check_right: bool = True) -> bool:
        """The exact edge test: True if jieba puts a dictionary word across an edge.

        ``check_left`` / ``check_right`` False skip an edge already known to be safe.
        """
        run = next(((a, b) for a, b in runs if a <= start < b), None)
        if run is None or end > run[1] or (start, end) == run:
            return False
        a, b = run
        left = check_left and start > a and self._crossed(text, a, b, start)
        right = check_right and end < b and self._crossed(text, a, b, end)
        if not (left or right):
            return False
        # Segment a window around the match: jieba's choice near the match depends on a
        # few characters of context, not on the whole clause.
        wa, wb = max(a, start - _WINDOW), min(b, end + _WINDOW)
        piece = text[wa:wb]
        return (left and self._inside_word(piece, start - wa)) or \
            (right and self._inside_word(piece, end - wa))

    def _candidates(self, text: str) -> list[tuple[int, str, tuple[Any, ...], bool]]:
        """Every occurrence of every form: (start, form, entries, simple), any order."""
        out = []
        if len(text) > 1:
            pairs = set(map(add, text, text[1:]))  # every character pair, built in C
            if not self._heads.isdisjoint(pairs):
                by_head = self._by_head
                for head in pairs.intersection(self._heads):
                    items = by_head[head]
                    i = text.find(head)
                    while i >= 0:
                        for item in items:
                            if text.startswith(item[0], i):
                                out.append((i, *item))
                        i = text.find(head, i + 1)
        if self._singles and not self._singles.keys().isdisjoint(text):
            for i, c in enumerate(text):
                item = self._singles.get(c)
                if item is not None:
                    out.append((i, *item))
        return out

    def find(self, text: str) -> list[Match]:
        """Every term in ``text``, not inside longer dictionary words, longest first."""
        if not self.words or not text:
            return []
        candidates = self._candidates(text)
        if not candidates:
            return []
        if self._tokenizer is None:
            self.prepare()
        edges = self._edges
        n = len(text)
        found: list[Match] = []
        runs: list[tuple[int, int]] | None = None
        for start, form, entries, simple in candidates:
            end = start + len(form)
            if simple:
                left = start > 0 and text[start - 1:start + 1] in edges
                right = end < n and text[end - 1:end + 1] in edges
                if left or right:
                    if runs is None:
                        runs = [m.span() for m in _RUN.finditer(text)]
                    if self._rejected(text, start, end, runs, left, right):
                        continue
            else:
                if runs is None:
                    runs = [m.span() for m in _RUN.finditer(text)]
                if self._rejected(text, start, end, runs):
                    continue
            found.append(Match(start, end, form, form, entries))
        return _longest_first(found) if len(found) > 1 else found

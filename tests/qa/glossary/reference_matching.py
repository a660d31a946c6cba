"""Deliberately simple oracles for the glossary matchers (``test_matching_differential.py``).

Nothing here comes from :mod:`qa.glossary.matching`: no Aho-Corasick, no candidate index,
no edge pre-filters, no jieba windows or caches. Each oracle states the matching rules as
plainly as possible and applies them by brute force, so that the fast matchers are
compared with the *rules*, not with a copy of themselves. Matches are plain tuples
``(start, end, text, form, entries)``.

English rules (what ``qa/glossary/matching.py`` documents):

- hyphens, non-breaking/thin spaces, tabs and line breaks compare equal to a space; curly
  apostrophes to ``'``; letters compare case-insensitively, unless an entry is
  ``case_sensitive`` (then its base form must appear with the same letter case);
- a form also matches its plural: ``+s``; ``+es`` after s, x, z, ch, sh, o;
  consonant + ``y`` → ``ies`` (only when the form ends in a letter);
- a match must not touch a Latin letter, digit or ``_`` on either side; a possessive
  ``'s`` (or a bare ``'`` after a final s) may follow it and is not part of the match;
- where matches overlap, the longest wins (then the leftmost).

Chinese rules: a form matches wherever its characters occur, except where jieba (default
dictionary, the glossary's forms added as user words, in glossary order) segments the text
around it so that a multi-character dictionary word straddles one of the match's edges.
jieba segments each block (run of Han/ASCII characters) on its own; the matcher lets it
see the match with ``CONTEXT`` (8) characters of the block on each side, its documented
stand-in for the whole block (``context=None`` segments the whole block: see
``test_matching_differential`` for where the two differ). A form that does not start
inside a block, or that reaches past the end of its block, is taken as it is. Longest wins
on overlaps.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# ---------------------------------------------------------------------------------------
# English

SPACE_LIKE = " -\t\n\r\u00a0\u2009\u202f\u2010\u2011"
CURLY_APOSTROPHES = "\u2018\u2019"


def _same_shape(c: str) -> str:
    """One character with spaces/hyphens and apostrophes unified (letter case kept)."""
    if c in SPACE_LIKE:
        return " "
    if c in CURLY_APOSTROPHES:
        return "'"
    return c


def _no_case(c: str) -> str:
    """One character unified as above and lower-cased (where that keeps it one character)."""
    c = _same_shape(c)
    low = c.lower()
    return low if len(low) == 1 else c


def _is_latin_word_char(c: str) -> bool:
    return c == "_" or (c.isalnum() and ord(c) < 0x2E80)


def _spellings(base: str) -> list[str]:
    """The base form and its plural spellings."""
    out = [base]
    if base[-1:].isalpha():
        out.append(base + "s")
        if base[-1] in "sxzo" or base[-2:] in ("ch", "sh"):
            out.append(base + "es")
        if base[-1] == "y" and len(base) >= 2 and base[-2] not in "aeiou":
            out.append(base[:-1] + "ies")
    return out


def _possessive_length(low: str, end: int) -> int:
    """Characters of a possessive right after a match ending at ``end`` (0, 1 or 2)."""
    if low[end:end + 2] == "'s":
        return 2
    if low[end:end + 1] == "'" and low[end - 1:end] == "s":
        return 1
    return 0


def english_matches(forms: Iterable[tuple[str, Any]], text: str) -> list[tuple]:
    """Every glossary form in ``text`` under the English rules (module docstring)."""
    forms = list(forms)
    low = "".join(_no_case(c) for c in text)
    # (start, end) -> [(form, entry)] in glossary order
    found: dict[tuple[int, int], list[tuple[str, Any]]] = {}
    for form, entry in forms:
        base = "".join(_no_case(c) for c in form.strip())
        if not base:
            continue
        for spelling in _spellings(base):
            start = low.find(spelling)
            while start >= 0:
                end = start + len(spelling)
                after = end + _possessive_length(low, end)
                ok = (start == 0 or not _is_latin_word_char(text[start - 1])) and \
                    (after == len(text) or not _is_latin_word_char(text[after]))
                if ok and getattr(entry, "case_sensitive", False):
                    written = "".join(_same_shape(c) for c in text[start:start + len(base)])
                    ok = written == "".join(_same_shape(c) for c in form.strip())
                owners = found.setdefault((start, end), [])
                if ok and not any(f == form and e is entry for f, e in owners):
                    owners.append((form, entry))
                start = low.find(spelling, start + 1)
    matches = [(s, e, text[s:e], owners[0][0], tuple(e_ for _, e_ in owners))
               for (s, e), owners in found.items() if owners]
    return longest_first(matches)


# ---------------------------------------------------------------------------------------
# Chinese


def _in_jieba_block(c: str) -> bool:
    """Characters that jieba segments together (its default block pattern)."""
    return "\u4e00" <= c <= "\u9fd5" or c.isascii() and (c.isalnum() or c in "+#&._%-")


def _block_around(text: str, i: int) -> tuple[int, int] | None:
    if not _in_jieba_block(text[i]):
        return None
    a = i
    while a > 0 and _in_jieba_block(text[a - 1]):
        a -= 1
    b = i + 1
    while b < len(text) and _in_jieba_block(text[b]):
        b += 1
    return a, b


CONTEXT = 8


class ChineseOracle:
    """The Chinese rules, with one jieba tokenizer of its own (built once: ~1 s)."""

    def __init__(self, forms: Iterable[tuple[str, Any]], context: int | None = CONTEXT) -> None:
        import jieba

        jieba.setLogLevel(60)
        self.context = context
        self.forms = [(f.strip(), e) for f, e in forms if f.strip()]
        self.jieba = jieba.Tokenizer()
        self.jieba.initialize()
        for word in dict.fromkeys(f for f, _ in self.forms):
            if len(word) > 1:
                self.jieba.add_word(word)
        self._inside: dict[str, set[int]] = {}

    def words_across(self, piece: str) -> set[int]:
        """Offsets that jieba puts inside a multi-character dictionary word of ``piece``."""
        if piece not in self._inside:
            inside, pos = set(), 0
            for token in self.jieba.cut(piece, HMM=True):
                if len(token) > 1 and self.jieba.FREQ.get(token, 0) > 0:
                    inside.update(range(pos + 1, pos + len(token)))
                pos += len(token)
            self._inside[piece] = inside
        return self._inside[piece]

    def straddled(self, text: str, start: int, end: int) -> bool:
        """Whether jieba puts a dictionary word across an edge of ``text[start:end]``."""
        block = _block_around(text, start)
        if block is None or end > block[1]:
            return False
        a, b = block
        if self.context is not None:
            a, b = max(a, start - self.context), min(b, end + self.context)
        inside = self.words_across(text[a:b])
        return start - a in inside or end - a in inside

    def matches(self, text: str) -> list[tuple]:
        owners: dict[str, list[Any]] = {}
        for form, entry in self.forms:
            owners.setdefault(form, []).append(entry)
        found = []
        for form, entries in owners.items():
            start = text.find(form)
            while start >= 0:
                end = start + len(form)
                if not self.straddled(text, start, end):
                    found.append((start, end, form, form, tuple(entries)))
                start = text.find(form, start + 1)
        return longest_first(found)


# ---------------------------------------------------------------------------------------


def longest_first(matches: list[tuple]) -> list[tuple]:
    """Non-overlapping matches, taken longest first (then leftmost), in text order."""
    taken: list[tuple] = []
    for m in sorted(matches, key=lambda m: (m[0] - m[1], m[0])):
        if all(m[1] <= t[0] or t[1] <= m[0] for t in taken):
            taken.append(m)
    return sorted(taken, key=lambda m: m[0])

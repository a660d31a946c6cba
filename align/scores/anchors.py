"""Anchor evidence: numbers, Latin-script words and symbols that both sides share.

A number written ``3``, ``三`` or ``three`` is one anchor, ``42`` and ``四十二`` another; a Latin
word in the Chinese text (a name, an acronym such as ``NASA``) anchors to the same word in the
English text; symbols such as ``→`` or ``%`` anchor to themselves; opening and closing
quotation marks anchor across scripts (“ ↔ ' or "), since dialogue is quoted on both sides
of a novel (measured on MAC-Dev: strict F1 0.900 → 0.905; the Bible has no quotes); a
glossary term anchors its English forms to its Chinese renderings. The cost rewards matched
anchors and mildly penalises unmatched ones (idioms such as 一心一意 make Chinese numerals
noisy, so a miss is weaker evidence than a match).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence

import numpy as np

from align.numerals import en_number_word, zh_numeral_values
from align.scores.base import BeadScorer, BlockCells, PairTable, prefix_sums
from align.script import has_han
from align.text_memo import TextMemo

_ZH_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
_ARABIC = re.compile(r"\d+(?:[.,]\d+)*")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’-]*")
_SYMBOLS = re.compile(r"[→←↑↓⇒%‰$€£¥©®™§#@&+=<>×÷±°√∞?？!！]")
#: Quotation marks. In English an opening mark stands before a word at the start or after a
#: space, bracket or dash, a closing one after a word or punctuation before a space or the
#: end, so apostrophes inside words ("you've") are neither; trailing possessives ("boys' ")
#: pass as closing marks, a rare false anchor.
_ZH_QUOTE_OPEN = re.compile(r"[“「『]")
_ZH_QUOTE_CLOSE = re.compile(r"[”」』]")
_EN_QUOTE_OPEN = re.compile(r"(?:^|(?<=[\s(\[—-]))['\"‘“](?=\w)")
_EN_QUOTE_CLOSE = re.compile(r"(?<=[\w.,!?…—-])['\"’”](?=\s|$|[)\]—-])")
#: Full-width forms that Chinese text uses for the same symbol.
_SAME_SYMBOL = {"？": "?", "！": "!"}

#: Postings runs up to this long are added in plain Python in :meth:`AnchorScorer._pair_row`.
_SHORT_RUN = 24

#: Values of a numeral anchor (one word, or one run of Chinese numeral characters) below this
#: are not anchors: "one" and 一 are mostly the article ("一个人"), not a number.
_MIN_NUMBER = 2


def _zh_number_anchors(text: str) -> list[str]:
    """Number anchors of the Chinese numeral runs of ``text``, valued by ``align.numerals``.

    Runs are not delimited the way N001 delimits them (idioms such as 一心一意 stay noisy),
    but each run's value is the one parser's: 一万五 is 15000, 两三 is 2 and 3, never 23.

    >>> _zh_number_anchors("一万五，三百五，两三天，一九八四年")
    ['#15000', '#350', '#2', '#3', '#1984']
    """
    return [_value_anchor(v) for m in _ZH_NUMBER.finditer(text)
            for v in zh_numeral_values(m.group()) if v >= _MIN_NUMBER]


def _value_anchor(value: float) -> str:
    """``#15000`` for 15000.0: the spelling of a digit anchor of the same value."""
    return f"#{int(value)}" if value == int(value) else f"#{value:g}"


def _number_anchor(value: str) -> str:
    return "#" + value.replace(",", "")


def extract_anchors(text: str, lang: str) -> Counter[str]:
    """Anchors of one text; Latin words are lowercased and marked ``w:`` (matched later only
    if the Chinese side has them)."""
    found: Counter[str] = Counter()
    # findall, not finditer: no match object per anchor (the patterns have no groups).
    for number in _ARABIC.findall(text):
        found[_number_anchor(number)] += 1
    for symbol in _SYMBOLS.findall(text):
        found["s:" + _SAME_SYMBOL.get(symbol, symbol)] += 1
    opening, closing = ((_ZH_QUOTE_OPEN, _ZH_QUOTE_CLOSE) if lang == "zh"
                        else (_EN_QUOTE_OPEN, _EN_QUOTE_CLOSE))
    for name, pattern in (("q:open", opening), ("q:close", closing)):
        count = len(pattern.findall(text))
        if count:
            found[name] += count
    if lang == "zh":
        found.update(_zh_number_anchors(text))
        for word in _LATIN_WORD.findall(text):
            found["w:" + word.lower()] += 1
    else:
        for word in _LATIN_WORD.findall(text):
            word = word.lower()
            value = en_number_word(word)
            if value is not None and value >= _MIN_NUMBER:
                found[_value_anchor(value)] += 1
            found["w:" + word] += 1
    return found


#: :func:`extract_anchors` of a text, once per text while the memo of its language holds it.
_anchors: dict[str, TextMemo[Counter[str]]] = {}


class TermAnchors:
    """Glossary terms as anchors: any English form and any Chinese rendering of one concept
    become the same anchor ``g:<key>``.

    Takes any glossary object whose ``entries`` have ``key``, ``en_forms`` and ``zh_forms``
    (or ``target_forms``), such as ``qa.glossary.Glossary``; banned renderings count too,
    since they still show where the concept is. A glossary that offers ``in_force`` (its
    entries less the unreviewed guesses: proposed and rejected rows) is read through it.
    """

    def __init__(self, glossary: object) -> None:
        en: dict[str, str] = {}
        zh: dict[str, str] = {}
        entries = glossary.in_force if hasattr(glossary, "in_force") else \
            getattr(glossary, "entries", ())
        for entry in entries:
            key = entry.key
            for form in entry.en_forms:
                if form.strip():
                    en.setdefault(form.casefold(), key)
            for form in getattr(entry, "target_forms", entry.zh_forms):
                if form.strip() and has_han(form):
                    zh.setdefault(form, key)
        self._en, self._zh = en, zh
        self._en_re = _alternation(en, r"(?<![\w-])(?:{})(?![\w-])", re.IGNORECASE)
        self._zh_re = _alternation(zh, "(?:{})", 0)

    def find(self, text: str, lang: str) -> Counter[str]:
        pattern, forms = (self._zh_re, self._zh) if lang == "zh" else (self._en_re, self._en)
        found: Counter[str] = Counter()
        if pattern is not None:
            for m in pattern.finditer(text):
                found["g:" + forms[m.group().casefold() if lang != "zh" else m.group()]] += 1
        return found




def _alternation(forms: dict[str, str], template: str, flags: int) -> re.Pattern[str] | None:
    if not forms:
        return None
    # Longest first, so "ketamine infusion" wins over "ketamine".
    body = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(template.format(body), flags)


def _restrict_words(side: list[Counter[str]], vocabulary: set[str]) -> list[Counter[str]]:
    """Keep numbers and symbols, and Latin words only if the other side has them too.

    Every unit gets a new counter, even one that loses nothing: keeping the counters made
    while reading the text raised the peak resident memory of ``bench/speed.py --only
    sets`` (MAC-Dev then the Bible) from ~1.12 to ~1.37 GiB, far more than their own size."""
    return [Counter({k: v for k, v in c.items() if not k.startswith("w:") or k in vocabulary})
            for c in side]


class AnchorScorer(BeadScorer):
    """Cost ``-matched + miss·unmatched`` over the anchors of a bead's two sides."""

    name = "anchors"

    def __init__(self, source: list[Counter[str]], target: list[Counter[str]],
                 miss: float = 0.25) -> None:
        words_s = {k for c in source for k in c if k.startswith("w:")}
        words_t = {k for c in target for k in c if k.startswith("w:")}
        shared = words_s & words_t
        self.source = _restrict_words(source, shared)
        self.target = _restrict_words(target, shared)
        self.miss = miss
        self._src_total = prefix_sums(np.array([sum(c.values()) for c in self.source], float))
        self._tgt_total = prefix_sums(np.array([sum(c.values()) for c in self.target], float))
        # Inverted index: anchor -> target units holding it, for sparse pair counts.
        where: dict[str, list[tuple[int, int]]] = {}
        for j, c in enumerate(self.target):
            for k, v in c.items():
                where.setdefault(k, []).append((j, v))
        #: Postings as lists (target units, counts); as arrays, made when first needed.
        self._postings = {k: ([j for j, _ in p], [v for _, v in p]) for k, p in where.items()}
        self._arrays: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._pairs = PairTable(len(self.source), len(self.target), self._pair_row, self._pair,
                                self._pair_rows)
        #: Postings of every anchor at once (:meth:`_pair_rows`), made when first needed.
        self._flat: tuple[dict[str, int], np.ndarray, np.ndarray] | None = None

    def _pair(self, u: int, c: int) -> int:
        """Anchors shared by source unit ``u`` and target unit ``c``."""
        there = self.target[c]
        return sum(min(v, there[k]) for k, v in self.source[u].items() if k in there)

    def _posting_arrays(self, key: str) -> tuple[np.ndarray, np.ndarray]:
        """The target units holding anchor ``key`` and its counts there, as arrays."""
        found = self._arrays.get(key)
        if found is None:
            units, counts = self._postings[key]
            found = self._arrays[key] = (np.array(units), np.array(counts, float))
        return found

    def _pair_row(self, u: int, c0: int, c1: int) -> np.ndarray:
        """Anchors shared by source unit ``u`` and each target unit in ``[c0, c1)``.

        Counts are whole numbers, so adding them in any order gives the same figures: a
        short run of a posting is added in plain Python, a long one by numpy."""
        row = np.zeros(c1 - c0)
        short = [0] * (c1 - c0)
        for k, v in self.source[u].items():
            posting = self._postings.get(k)
            if posting is None:
                continue
            units, counts = posting
            first, last = bisect_left(units, c0), bisect_left(units, c1)
            if last - first > _SHORT_RUN:
                where, many = self._posting_arrays(k)
                np.add.at(row, where[first:last] - c0, np.minimum(many[first:last], v))
            else:
                for p in range(first, last):
                    short[units[p] - c0] += min(counts[p], v)
        return row + short

    def _pair_rows(self, units: np.ndarray, starts: np.ndarray,
                   stops: np.ndarray) -> np.ndarray:
        """:meth:`_pair_row` of each unit over its ``[start, stop)``, one row after the
        other, from the postings of all anchors as keys ``anchor · (n + 1) + unit`` in order.
        The counts are whole numbers, so they are :meth:`_pair_row`'s exactly."""
        size = len(self.target) + 1
        if self._flat is None:
            number = {k: n for n, k in enumerate(self._postings)}
            keys, counts = [], []
            for k, (where, many) in self._postings.items():
                keys += [number[k] * size + j for j in where]
                counts += many
            order = np.argsort(np.array(keys, dtype=np.int64), kind="stable")
            self._flat = (number, np.array(keys, dtype=np.int64)[order],
                          np.array(counts, dtype=np.float64)[order])
        number, keys, counts = self._flat
        ids: list[int] = []
        values: list[int] = []
        lengths: list[int] = []
        for u in units.tolist():
            here = [(number[k], v) for k, v in self.source[u].items() if k in number]
            ids += [k for k, _ in here]
            values += [v for _, v in here]
            lengths.append(len(here))
        owner = np.repeat(np.arange(len(units)), lengths)
        anchor = np.array(ids, dtype=np.int64)
        first = np.searchsorted(keys, anchor * size + starts[owner])
        count = np.searchsorted(keys, anchor * size + stops[owner]) - first
        hits = int(count.sum())
        where = np.arange(hits) + np.repeat(first - (np.cumsum(count) - count), count)
        row = np.repeat(owner, count)
        shared = np.minimum(counts[where], np.repeat(np.array(values, dtype=np.float64), count))
        offsets = np.cumsum(stops - starts) - (stops - starts)
        cells = offsets[row] + keys[where] % size - starts[row]
        return np.bincount(cells, weights=shared,
                           minlength=int((stops - starts).sum())).astype(np.float64, copy=False)

    @classmethod
    def from_texts(cls, source: Sequence[str], target: Sequence[str], source_lang: str,
                   target_lang: str, glossary: object | None = None) -> AnchorScorer:
        terms = TermAnchors(glossary) if glossary is not None else None

        def side(texts: Sequence[str], lang: str) -> list[Counter[str]]:
            # The memo's counters are shared: the terms go into copies.
            memo = _anchors.get(lang)
            if memo is None:
                memo = _anchors[lang] = TextMemo(lambda text: extract_anchors(text, lang))
            out = [memo(t) for t in texts]
            if terms is not None:
                out = [Counter(c) for c in out]
                for counter, text in zip(out, texts, strict=True):
                    counter.update(terms.find(text, lang))
            return out

        return cls(side(source, source_lang), side(target, target_lang))

    def _matches(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        """Anchors shared by each candidate bead (pairwise counts summed, then capped)."""
        lo = int(js[0]) - b
        width = int(js[-1]) - lo
        row = np.zeros(width + 1)
        for r in range(i - a, i):
            for k, v in self.source[r].items():
                posting = self._posting_arrays(k) if k in self._postings else None
                if posting is None:
                    continue
                units, counts = posting
                first, last = np.searchsorted(units, [lo, lo + width])
                if first < last:
                    np.add.at(row, units[first:last] - lo + 1, np.minimum(counts[first:last], v))
        pre = np.cumsum(row)
        return pre[js - lo] - pre[js - lo - b]

    def cost(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        src_total = self._src_total[i] - self._src_total[i - a]
        tgt_total = self._tgt_total[js] - self._tgt_total[js - b]
        if src_total == 0:
            return self.miss * tgt_total
        matched = np.minimum(self._matches(a, b, i, js), np.minimum(src_total, tgt_total))
        return -matched + self.miss * (src_total + tgt_total - 2 * matched)

    def band_cost(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        src_total = (self._src_total[rows] - self._src_total[rows - a])[:, None]
        tgt_total = self._tgt_total[cols]
        tgt_total -= self._tgt_total[cols - b]
        # With no anchors on the source side nothing matches: the cost is the misses alone.
        # (The operations of cost(), in place where the band's arrays are this call's own;
        # the pair sums are the table's memo, not changed.)
        matched = np.minimum(src_total, tgt_total)
        np.minimum(self._pairs.sums(a, b, rows, cols), matched, out=matched)
        out = src_total + tgt_total
        out -= 2 * matched
        out *= self.miss
        out -= matched
        return out

    def block_cost(self, cells: BlockCells) -> np.ndarray:
        """:meth:`band_cost` of every bead of ``cells`` at once (the same operations)."""
        src_total = self._src_total[cells.i] - self._src_total[cells.i - cells.a]
        tgt_total = self._tgt_total[cells.j] - self._tgt_total[cells.j - cells.b]
        matched = np.minimum(self._pairs.block_sums(cells), np.minimum(src_total, tgt_total))
        return -matched + self.miss * (src_total + tgt_total - 2 * matched)

    def tiny_block_cost(self, cells: BlockCells) -> list[float]:
        """:meth:`block_cost` in plain Python floats (the same IEEE operations)."""
        if not hasattr(self, "_lists"):
            self._lists = (self._src_total.tolist(), self._tgt_total.tolist())
        src, tgt = self._lists
        sums = iter(self._pairs.tiny_sums(cells))
        miss = self.miss
        out = []
        for a, b in cells.shapes:
            for i in range(a + cells.i0, cells.n + cells.i0 + 1):
                src_total = src[i] - src[i - a]
                for j in range(b + cells.j0, cells.m + cells.j0 + 1):
                    tgt_total = tgt[j] - tgt[j - b]
                    matched = min(next(sums), min(src_total, tgt_total))
                    out.append(-matched + miss * (src_total + tgt_total - 2 * matched))
        return out

    def grouped(self, source_groups: Sequence[range],
                target_groups: Sequence[range]) -> AnchorScorer:
        def merge(side: list[Counter[str]], groups: Sequence[range]) -> list[Counter[str]]:
            out = []
            for g in groups:
                c: Counter[str] = Counter()
                for k in g:
                    c.update(side[k])
                out.append(c)
            return out

        scorer = AnchorScorer(merge(self.source, source_groups),
                              merge(self.target, target_groups), self.miss)
        return scorer


__all__ = ["AnchorScorer", "TermAnchors", "extract_anchors"]

"""Lexical evidence: how many English words of a bead the dictionary says the Chinese side
can mean (a Dice coefficient over content words, after Hunalign's dictionary score).

Independent of the embeddings (it knows rare words and names the model may not), but weak
alone: most Chinese words have several translations and translators paraphrase.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from itertools import chain

import numpy as np

from align.dictionary import DictionaryUnavailable, english_names, english_words
from align.dictionary_cache import load_dictionary
from align.scores.base import BeadScorer, BlockCells, PairTable, prefix_sums
from align.text_memo import TextMemo

__all__ = ["DictionaryScorer", "DictionaryUnavailable"]


def _read_english(text: str) -> tuple[frozenset[str], int]:
    """An English text's stemmed content words and name tokens, and how many content words."""
    words = english_words(text)
    return frozenset(words | english_names(text)), len(words)


#: :func:`_read_english`, once per text while the memo holds it.
_english: TextMemo[tuple[frozenset[str], int]] = TextMemo(_read_english)


class DictionaryScorer(BeadScorer):
    """Cost ``-2·matched / (words_source + words_target)`` over a bead's two sides."""

    name = "dictionary"

    def __init__(self, source: Sequence[AbstractSet[str]], target: Sequence[AbstractSet[str]],
                 source_counts: np.ndarray, target_counts: np.ndarray) -> None:
        self.source, self.target = source, target
        # Words in a fifth of the document's sentences or more are no evidence of where a
        # sentence goes ("said", "went"): drop them. (A stricter cut, a twentieth, lost
        # 0.003 strict F1 on MAC-Dev and on the Bible.)
        limit = max(3, len(target) // 5)
        df = Counter(chain.from_iterable(target))
        common = {w for w, n in df.items() if n > limit}
        # New sets even when nothing is common: keeping the ones made while reading raised
        # peak memory, as anchors' counters did (see anchors._restrict_words).
        self.source = [s - common for s in source]
        self.target = [t - common for t in target]
        self._src_n = prefix_sums(np.asarray(source_counts, dtype=float))
        self._tgt_n = prefix_sums(np.asarray(target_counts, dtype=float))
        self._rows: dict[int, tuple[int, np.ndarray]] = {}
        #: Word numbers for whole rows of pair counts (:meth:`_index`), made when a search
        #: first needs a row: the searches of small blocks count pairs one by one.
        self._number: dict[str, int] | None = None
        self._pairs = PairTable(len(self.source), len(self.target), self._pair_row, self._pair,
                                self._pair_rows)

    def _pair(self, u: int, c: int) -> int:
        """Words that source unit ``u`` shares with target unit ``c``."""
        return len(self.source[u] & self.target[c])

    def _index(self) -> None:
        """The target side as word numbers, unit after unit (unit c's words are
        ``_tgt_ids[_tgt_start[c]:_tgt_start[c + 1]]``), and each source unit's words that
        some target unit has (``_src_ids``, made per unit when its row is first asked for): a
        pair count is then a lookup per target word, not a set intersection per pair."""
        # Any numbering serves (rows count words); one per distinct word, then a lookup
        # per word (setdefault on every word took most of the time).
        vocabulary = set().union(*self.target)
        number = dict(zip(vocabulary, range(len(vocabulary)), strict=True))
        self._tgt_ids = np.fromiter(map(number.__getitem__, chain.from_iterable(self.target)),
                                    dtype=np.int64, count=sum(map(len, self.target)))
        self._tgt_start = np.zeros(len(self.target) + 1, dtype=np.int64)
        np.cumsum([len(t) for t in self.target], out=self._tgt_start[1:])
        self._src_ids: dict[int, np.ndarray] = {}
        self._marked = np.zeros(len(number), dtype=bool)
        self._number = number
        #: Postings: the target units of each word, as keys ``word · (n + 1) + unit`` in
        #: order (made when many rows are first asked for at once, :meth:`_pair_rows`).
        self._keys: np.ndarray | None = None

    def _words_of(self, u: int) -> np.ndarray:
        """Word numbers of source unit ``u`` that some target unit has."""
        words = self._src_ids.get(u)
        if words is None:
            number = self._number
            assert number is not None
            words = self._src_ids[u] = np.array([number[w] for w in self.source[u]
                                                 if w in number], dtype=np.int64)
        return words

    def _pair_rows(self, units: np.ndarray, starts: np.ndarray,
                   stops: np.ndarray) -> np.ndarray:
        """:meth:`_pair_row` of each unit over its ``[start, stop)``, one row after the
        other: each source word's postings inside the row's columns, counted per column.
        The counts are whole numbers, so they are :meth:`_pair_row`'s exactly."""
        if self._number is None:
            self._index()
        size = len(self.target) + 1
        if self._keys is None:
            lengths = np.diff(self._tgt_start)
            unit_of = np.repeat(np.arange(len(self.target), dtype=np.int64), lengths)
            self._keys = np.sort(self._tgt_ids * size + unit_of)
        keys = self._keys
        words = [self._words_of(u) for u in units.tolist()]
        owner = np.repeat(np.arange(len(units)), [len(w) for w in words])
        word = np.concatenate(words) if words else np.zeros(0, dtype=np.int64)
        first = np.searchsorted(keys, word * size + starts[owner])
        count = np.searchsorted(keys, word * size + stops[owner]) - first
        # Every posting found, as (row, target unit), then counted per cell of the rows.
        hits = int(count.sum())
        where = np.arange(hits) + np.repeat(first - (np.cumsum(count) - count), count)
        row = np.repeat(owner, count)
        offsets = np.cumsum(stops - starts) - (stops - starts)
        cells = offsets[row] + keys[where] % size - starts[row]
        return np.bincount(cells, minlength=int((stops - starts).sum())).astype(np.float64)

    def _pair_row(self, u: int, c0: int, c1: int) -> np.ndarray:
        """Words that source unit ``u`` shares with each target unit in ``[c0, c1)``."""
        if self._number is None:
            self._index()
        words = self._words_of(u)
        marked = self._marked
        marked[words] = True
        start = self._tgt_start[c0:c1 + 1]
        hits = np.zeros(start[-1] - start[0] + 1 if len(start) else 1)
        np.cumsum(marked[self._tgt_ids[start[0]:start[-1]]], out=hits[1:])
        marked[words] = False
        return hits[start[1:] - start[0]] - hits[start[:-1] - start[0]]

    @classmethod
    def from_texts(cls, source: Sequence[str], target: Sequence[str], source_lang: str,
                   target_lang: str, cache_dir: str | None = None) -> DictionaryScorer:
        """Scorer for a document pair; ``cache_dir`` holds the parsed dictionary between
        processes (see :mod:`align.dictionary_cache`)."""
        dictionary = load_dictionary(cache_dir)  # raises DictionaryUnavailable

        def side(texts: Sequence[str], lang: str) -> tuple[list[frozenset[str]], np.ndarray]:
            pairs = [(dictionary.translations if lang == "zh" else _english)(t) for t in texts]
            return [p[0] for p in pairs], np.array([p[1] for p in pairs], float)

        src, src_n = side(source, source_lang)
        tgt, tgt_n = side(target, target_lang)
        return cls(src, tgt, src_n, tgt_n)

    def _row(self, r: int, lo: int, hi: int) -> np.ndarray:
        """Matches of source unit ``r`` with target units ``lo..hi-1`` (computed lazily)."""
        cached = self._rows.get(r)
        if cached is None or cached[0] > lo or cached[0] + len(cached[1]) < hi:
            # Pad the range: the next rows ask for a window shifted by a few columns.
            lo2, hi2 = max(0, lo - 16), min(len(self.target), hi + 64)
            words = self.source[r]
            counts = np.array([len(words & self.target[c]) for c in range(lo2, hi2)], float)
            cached = (lo2, counts)
            self._rows[r] = cached
        start, counts = cached
        return counts[lo - start: hi - start]

    def cost(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        lo, hi = int(js[0]) - b, int(js[-1])
        total = np.zeros(hi - lo + 1)
        for r in range(i - a, i):
            total[1:] += self._row(r, lo, hi)
        pre = np.cumsum(total)
        matched = pre[js - lo] - pre[js - lo - b]
        words = (self._src_n[i] - self._src_n[i - a]) + (self._tgt_n[js] - self._tgt_n[js - b])
        return -2.0 * matched / np.maximum(words, 1.0)

    def band_cost(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        matched = self._pairs.sums(a, b, rows, cols)  # the table's memo: not changed here
        words = self._tgt_n[cols]
        words -= self._tgt_n[cols - b]
        words += (self._src_n[rows] - self._src_n[rows - a])[:, None]
        np.maximum(words, 1.0, out=words)
        out = matched * -2.0
        out /= words
        return out

    def block_cost(self, cells: BlockCells) -> np.ndarray:
        """:meth:`band_cost` of every bead of ``cells`` at once (the same operations)."""
        matched = self._pairs.block_sums(cells)
        words = ((self._src_n[cells.i] - self._src_n[cells.i - cells.a])
                 + (self._tgt_n[cells.j] - self._tgt_n[cells.j - cells.b]))
        return -2.0 * matched / np.maximum(words, 1.0)

    def tiny_block_cost(self, cells: BlockCells) -> list[float]:
        """:meth:`block_cost` in plain Python floats (the same IEEE operations)."""
        if not hasattr(self, "_lists"):
            self._lists = (self._src_n.tolist(), self._tgt_n.tolist())
        src, tgt = self._lists
        sums = iter(self._pairs.tiny_sums(cells))
        out = []
        for a, b in cells.shapes:
            for i in range(a + cells.i0, cells.n + cells.i0 + 1):
                src_words = src[i] - src[i - a]
                for j in range(b + cells.j0, cells.m + cells.j0 + 1):
                    words = src_words + (tgt[j] - tgt[j - b])
                    out.append(-2.0 * next(sums) / max(words, 1.0))
        return out

    def grouped(self, source_groups: Sequence[range],
                target_groups: Sequence[range]) -> DictionaryScorer:
        def merge(side: list[set[str]], groups: Sequence[range]) -> list[set[str]]:
            return [set().union(*(side[k] for k in g)) for g in groups]

        def counts(prefix: np.ndarray, groups: Sequence[range]) -> np.ndarray:
            # Word counts are whole numbers: differences of their prefix sums are the sums.
            return np.array([prefix[g.stop] - prefix[g.start] for g in groups])

        return DictionaryScorer(merge(self.source, source_groups),
                                merge(self.target, target_groups),
                                counts(self._src_n, source_groups),
                                counts(self._tgt_n, target_groups))

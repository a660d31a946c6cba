"""The interface every bead scorer implements, and helpers for scores over spans of units."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np


@dataclass(frozen=True)
class BlockCells:
    """Every bead of some shapes inside a small ``n`` × ``m`` grid, as flat arrays: shape
    ``shapes[k]`` owns the cells ``parts[k]`` (slice), its beads ending at rows ``a..n`` and
    columns ``b..m`` in row-major order. ``i`` and ``j`` are document positions (the grid's
    offsets added), ``li`` and ``lj`` the same ends local to the grid. Scorers cost all of
    them in one pass (:meth:`BeadScorer.block_cost`) instead of one band call per shape:
    the searches of a page's many small blocks spent their time in per-call overhead."""

    shapes: tuple[tuple[int, int], ...]
    n: int
    m: int
    i0: int
    j0: int
    parts: tuple[slice, ...]
    a: np.ndarray
    b: np.ndarray
    li: np.ndarray
    lj: np.ndarray

    @cached_property
    def i(self) -> np.ndarray:
        return self.li + self.i0

    @cached_property
    def j(self) -> np.ndarray:
        return self.lj + self.j0

    @property
    def size(self) -> int:
        """The number of beads."""
        return len(self.li)

    @classmethod
    def of(cls, shapes: Sequence[tuple[int, int]], n: int, m: int, i0: int,
           j0: int) -> BlockCells:
        """The cells of ``shapes`` (each with ``1 <= a <= n`` and ``1 <= b <= m``) in the
        grid whose first unit is ``(i0, j0)``."""
        key = (tuple(shapes), n, m)
        local = _LAYOUTS.get(key)
        if local is None:
            local = _LAYOUTS[key] = _layout(key[0], n, m)
        parts, a, b, li, lj = local
        return cls(key[0], n, m, i0, j0, parts, a, b, li, lj)


def _layout(shapes: tuple[tuple[int, int], ...], n: int,
            m: int) -> tuple[tuple[slice, ...], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    parts, a_, b_, li, lj = [], [], [], [], []
    for a, b in shapes:
        rows, cols = n + 1 - a, m + 1 - b
        start = len(li)
        for i in range(a, n + 1):
            li += [i] * cols
            lj += range(b, m + 1)
        a_ += [a] * (rows * cols)
        b_ += [b] * (rows * cols)
        parts.append(slice(start, len(li)))
    arrays = (np.array(x, dtype=np.int64) for x in (a_, b_, li, lj))
    return (tuple(parts), *arrays)


#: Flat layouts of small grids by (shapes, n, m): a page's blocks repeat a few sizes.
_LAYOUTS: dict[tuple, tuple] = {}


class BeadScorer(ABC):
    """One source of evidence about whether source units translate target units."""

    #: Short label of the evidence (``"length"``, ``"embeddings"``), for reading and debugging;
    #: no code reads it. The signature's ``scores`` field is not taken from it but from
    #: ``Evidence.used``: the ``AlignerConfig.scores`` names of the scorers the aligner built.
    name: str = ""

    @abstractmethod
    def cost(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        """Cost of beads ``source[i-a:i] ↔ target[j-b:j]`` (``a, b >= 1``) for ``j`` in ``js``."""

    @abstractmethod
    def grouped(self, source_groups: Sequence[range],
                target_groups: Sequence[range]) -> BeadScorer:
        """The same scorer over units made of consecutive units (blocks of sentences)."""

    def band_cost(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """:meth:`cost` for many rows at once: ``out[r, k]`` is the cost of the bead ending
        at ``(rows[r], cols[r, k])`` (every ``cols`` entry valid: ``b <= j <= n_target``).

        This default asks :meth:`cost` row by row; scorers override it with whole-band
        array work, which is what makes the search fast on long documents. The array
        returned is a new one, which the caller may change in place.
        """
        out = np.empty(cols.shape)
        for r, i in enumerate(rows):
            out[r] = self.cost(a, b, int(i), cols[r])
        return out

    def block_cost(self, cells: BlockCells) -> np.ndarray:
        """The cost of every bead of ``cells`` (flat, in their order): the figures
        :meth:`band_cost` gives them. This default asks :meth:`band_cost` once per shape."""
        out = np.empty(cells.size)
        for (a, b), part in zip(cells.shapes, cells.parts, strict=True):
            rows = np.arange(a, cells.n + 1) + cells.i0
            cols = np.tile(np.arange(b, cells.m + 1) + cells.j0, (len(rows), 1))
            out[part] = self.band_cost(a, b, rows, cols).ravel()
        return out


def spans(prefix: np.ndarray, ends: np.ndarray, width: int) -> np.ndarray:
    """Sums over ``[end - width, end)`` from a prefix-sum array (``prefix[0] == 0``)."""
    return prefix[ends] - prefix[ends - width]


def prefix_sums(values: np.ndarray) -> np.ndarray:
    """``out[k] = values[:k].sum(axis=0)``, with a leading zero row.

    Rows of vectors are added row after row (``out[k] = out[k-1] + values[k-1]``, the very
    sums ``np.cumsum(axis=0)`` makes, in its order): numpy's cumulative sum down the columns
    of a C-ordered table is several times slower (4 ms against 0.5 ms on 300 × 512)."""
    if values.ndim == 1:
        out = np.zeros(len(values) + 1, dtype=np.float64)
        np.cumsum(values, out=out[1:])
        return out
    out = np.empty((len(values) + 1,) + values.shape[1:], dtype=np.float64)
    out[0] = 0.0
    out[1:] = values
    for k in range(1, len(out)):
        out[k] += out[k - 1]
    return out


def group_sum(values: np.ndarray, groups: Sequence[range],
              pre: np.ndarray | None = None) -> np.ndarray:
    """Sum ``values`` over each group of consecutive units (``pre``: their
    :func:`prefix_sums`, if already computed)."""
    if pre is None:
        pre = prefix_sums(values)
    starts = np.array([g.start for g in groups], dtype=np.int64)
    stops = np.array([g.stop for g in groups], dtype=np.int64)
    return pre[stops] - pre[starts]


class PairTable:
    """Pairwise evidence ``V[u, c]`` between source unit ``u`` and target units ``c`` of a
    window around the band, kept as row prefix sums so that the evidence of every bead in
    the band is a few vectorised gathers (no Python loop per row of the search).

    ``pair_row(u, c0, c1)`` returns ``V[u, c0:c1]``; it is called once per source unit
    (again only if a later request reaches outside the unit's window). Outside its window a
    unit's evidence counts as zero.
    """

    #: Columns added on both sides of a requested window, so that wider beads (``b`` up to 4)
    #: and the next rows reuse the row already computed.
    MARGIN = 8
    #: Requests needing at most this many unit pairs (cells × a × b) are summed from single
    #: pairs when the scorer gives ``pair``: the searches of small blocks (a sentence or two a
    #: side) ask for a handful of cells, where the windows' array work is all overhead.
    SMALL = 48
    #: Rows computed together by ``pair_rows``, at most.
    BATCH = 128

    def __init__(self, n_source: int, n_target: int,
                 pair_row: Callable[[int, int, int], np.ndarray],
                 pair: Callable[[int, int], float] | None = None,
                 pair_rows: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]
                 | None = None) -> None:
        self.n_source, self.n_target = n_source, n_target
        self._pair_row = pair_row
        #: ``pair_row`` of many units at once (units, starts, stops), their rows one after
        #: the other in one array: the figures ``pair_row`` gives, in fewer numpy calls (a
        #: block search asks for a row per block of the window at once).
        self._pair_rows = pair_rows
        #: ``V[u, c]`` of one pair (the same figure as ``pair_row``'s), and those computed.
        self._pair = pair
        self._single: dict[tuple[int, int], float] = {}
        self._base = np.zeros(n_source, dtype=np.int64)
        self._stop = np.zeros(n_source, dtype=np.int64)  # empty windows: nothing computed
        #: Row prefix sums of each unit's window, padded with the window's total up to the
        #: table's width. A unit's row is summed once, when its window is computed or grown;
        #: the table only widens (copying its columns) when a window outgrows it. (Rebuilding
        #: every unit's prefix on each request made a page of 4,000 headings, one search per
        #: block, cost millions of ``cumsum`` calls.)
        self._prefix = np.zeros((n_source, 1))
        #: Per target width b: (rows, cols, a, sums) of the last request, to extend.
        self._memo: dict[int, tuple[np.ndarray, np.ndarray, int, np.ndarray]] = {}

    def _cover(self, c0: np.ndarray, c1: np.ndarray, units: np.ndarray) -> None:
        """Make sure each unit's window holds ``[c0, c1)``."""
        missing = (c0 < self._base[units]) | (c1 > self._stop[units])
        if not missing.any():
            return
        rows: dict[int, np.ndarray] = {}
        todo: list[tuple[int, int, int]] = []
        for u, lo, hi in zip(units[missing].tolist(), c0[missing].tolist(),
                             c1[missing].tolist(), strict=True):
            if self._stop[u] > self._base[u]:  # grow the existing window
                lo, hi = min(lo, int(self._base[u])), max(hi, int(self._stop[u]))
            lo = max(0, lo - self.MARGIN)
            hi = min(self.n_target, hi + self.MARGIN)
            self._base[u], self._stop[u] = lo, hi
            todo.append((u, lo, hi))
        if self._pair_rows is not None and len(todo) > 1:
            # A few hundred rows at a time: a window's blocks at once made temporaries of
            # tens of MB (every word of every block, every posting found).
            for k in range(0, len(todo), self.BATCH):
                part = todo[k:k + self.BATCH]
                table = np.array(part, dtype=np.int64)
                flat = self._pair_rows(table[:, 0], table[:, 1], table[:, 2])
                at = 0
                for u, lo, hi in part:
                    rows[u] = flat[at:at + hi - lo]
                    at += hi - lo
        else:
            for u, lo, hi in todo:
                rows[u] = np.asarray(self._pair_row(u, lo, hi), dtype=np.float64)
        width = int((self._stop - self._base).max(initial=0))
        if width + 1 > self._prefix.shape[1]:
            # Widen, padding every row with its total (its last column).
            old = self._prefix
            grown = np.empty((self.n_source, width + 1))
            grown[:, :old.shape[1]] = old
            grown[:, old.shape[1]:] = old[:, -1:]
            self._prefix = grown
        prefix = self._prefix
        for u, row in rows.items():
            size = int(self._stop[u] - self._base[u])
            prefix[u, 0] = 0.0
            if size:
                np.cumsum(row[:size], out=prefix[u, 1:size + 1])
            prefix[u, size + 1:] = prefix[u, size]
        self._memo.clear()  # sums from the old table may lack the rows just computed

    def sums(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """``Σ V[u, c]`` over ``u`` in ``[i-a, i)`` and ``c`` in ``[j-b, j)`` for each row
        ``i`` of ``rows`` and each ``j`` of the matching row of ``cols`` (shape (R, W))."""
        if self._pair is not None and cols.size * a * b <= self.SMALL:
            return self._small_sums(a, b, rows, cols)
        first, last = cols.min(axis=1) - b, cols.max(axis=1)
        for t in range(1, a + 1):
            self._cover(first, last, rows - t)
        # The search asks for a = 1, 2, 3 ... with the same b and the same columns per row:
        # the sum over a source units extends the last one by the units it lacks.
        done, total = 0, np.zeros(cols.shape)
        memo = self._memo.get(b)
        if memo is not None:
            m_rows, m_cols, m_a, m_total = memo
            start = int(rows[0]) - int(m_rows[0])
            if (m_a <= a and 0 <= start and start + len(rows) <= len(m_rows)
                    and m_cols.shape[1] == cols.shape[1]
                    and np.array_equal(m_cols[start:start + len(rows)], cols)):
                done, total = m_a, m_total[start:start + len(rows)].copy()
        stride = self._prefix.shape[1]
        # Gather from the flat table: indexing rows first would copy every row in full.
        # Every unit's window holds the columns asked of it (_cover above), so a position
        # is the column less the window's start, never outside ``0 .. width``.
        flat = self._prefix.ravel()
        for t in range(done + 1, a + 1):
            units = rows - t
            hi = cols + (units * stride - self._base[units])[:, None]
            total += flat[hi] - flat[hi - b]
        self._memo[b] = (rows, cols, a, total)
        return total

    def block_sums(self, cells: BlockCells) -> np.ndarray:
        """:meth:`sums` for every bead of ``cells`` (flat): the grid's pairs, then
        two-dimensional prefix sums. The figures count things, so they are :meth:`sums`'s
        exactly (sums of whole numbers, in any order)."""
        n, m, i0, j0 = cells.n, cells.m, cells.i0, cells.j0
        pair = self._pair
        if pair is not None:
            grid = np.array([[pair(u, c) for c in range(j0, j0 + m)]
                             for u in range(i0, i0 + n)], dtype=np.float64)
        else:
            grid = np.array([self._pair_row(u, j0, j0 + m) for u in range(i0, i0 + n)],
                            dtype=np.float64).reshape(n, m)
        pre = np.zeros((n + 1, m + 1))
        np.cumsum(np.cumsum(grid, axis=0), axis=1, out=pre[1:, 1:])
        li, lj = cells.li, cells.lj
        lo_i, lo_j = li - cells.a, lj - cells.b
        return pre[li, lj] - pre[lo_i, lj] - pre[li, lo_j] + pre[lo_i, lo_j]

    def tiny_sums(self, cells: BlockCells) -> list[float]:
        """:meth:`block_sums` in plain Python, for a grid of a few beads."""
        n, m, i0, j0 = cells.n, cells.m, cells.i0, cells.j0
        pair = self._pair
        pre = [[0] * (m + 1)]
        for u in range(i0, i0 + n):
            above = pre[-1]
            if pair is not None:
                values = [pair(u, c) for c in range(j0, j0 + m)]
            else:
                values = np.asarray(self._pair_row(u, j0, j0 + m)).tolist()
            row, running = [0], 0
            for c, value in enumerate(values, 1):
                running += value
                row.append(above[c] + running)
            pre.append(row)
        out = []
        for a, b in cells.shapes:
            for i in range(a, n + 1):
                here, back = pre[i], pre[i - a]
                for j in range(b, m + 1):
                    out.append(float(here[j] - back[j] - here[j - b] + back[j - b]))
        return out

    def _small_sums(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """:meth:`sums` from single pairs. The evidence counts things (shared words,
        anchors): sums of whole numbers are exact in any order, so the figures are the
        window path's."""
        single, pair = self._single, self._pair
        assert pair is not None
        out = []
        for i, row in zip(rows.tolist(), cols.tolist(), strict=True):
            sums = []
            for j in row:
                total = 0.0
                for u in range(i - a, i):
                    for c in range(j - b, j):
                        value = single.get((u, c))
                        if value is None:
                            value = single[(u, c)] = float(pair(u, c))
                        total += value
                sums.append(total)
            out.append(sums)
        return np.array(out, dtype=np.float64).reshape(cols.shape)

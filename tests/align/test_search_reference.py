"""The vectorised search against the search it replaced (kept here as the oracle).

``reference_best_path`` and its helpers are the row-by-row loops of ``align.search`` before
it was vectorised, unchanged. On random cost grids (with unreachable cells, ties, narrow
bands that must widen, and the aligner's own banded cost), the new search must give the
same beads, the same costs and the same posteriors, bit for bit.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as hs

from align.scores.base import PairTable
from align.search import DEFAULT_BEAD_TYPES, CostFunction, PathStep, _Band, best_path

# ---- the oracle: align/search.py before vectorisation ---------------------------------


def _gather(row: np.ndarray, lo: int, js: np.ndarray, fill: float) -> np.ndarray:
    """``row[js - lo]`` where in range, ``fill`` elsewhere (``js`` is a run of columns)."""
    out = np.full(len(js), fill)
    if len(js) == 0:
        return out
    # js is contiguous: copy the overlapping slice instead of fancy indexing (the hot path).
    first = int(js[0]) - lo
    start, stop = max(first, 0), min(first + len(js), len(row))
    if start < stop:
        out[start - first: stop - first] = row[start:stop]
    return out


def _viterbi(n: int, m: int, cost: CostFunction, types: Sequence[tuple[int, int]],
             band: _Band, keep_costs: bool):
    """Cheapest-path table over the band; returns (D, back-pointers, stored costs)."""
    moves = [(a, b) for a, b in types if a > 0]
    insert = (0, 1) in types
    D: list[np.ndarray] = []
    back: list[np.ndarray] = []
    stored: list[dict[tuple[int, int], np.ndarray]] = []
    # A cost function that can score the whole band at once (CombinedCost.band) is asked
    # once per bead shape: per-row calls cost more in Python overhead than in arithmetic.
    banded = getattr(cost, "band", None)
    whole: dict[tuple[int, int], np.ndarray] = {}
    if banded is not None:
        width = int((band.hi - band.lo).max())
        for a, b in moves:
            rows = np.arange(a, n + 1)
            if len(rows):
                whole[(a, b)] = banded(a, b, rows, band.lo[rows], width, m)
    for i in range(n + 1):
        js = band.columns(i)
        best = np.full(len(js), np.inf)
        arg = np.full(len(js), -1, dtype=np.int64)
        if i == 0 and len(js) and js[0] == 0:
            best[0] = 0.0
        row_costs: dict[tuple[int, int], np.ndarray] = {}
        for k, (a, b) in enumerate(moves):
            if i - a < 0:
                continue
            prev = _gather(D[i - a], band.lo[i - a], js - b, np.inf)
            ok = np.isfinite(prev) & (js - b >= 0)
            if not ok.any():
                continue
            if banded is not None:
                c = np.where(ok, whole[(a, b)][i - a, :len(js)], np.inf)
            else:
                c = np.full(len(js), np.inf)
                c[ok] = cost(a, b, i, js[ok])
            if keep_costs:
                row_costs[(a, b)] = c
            cand = prev + c
            better = cand < best
            best[better] = cand[better]
            arg[better] = k
        if insert and len(js) > 1:
            # 0-1 beads stay in the row: D[j] = min(E[j], D[j-1] + c[j]) becomes a running
            # minimum over cumulative costs, so the row needs no Python loop.
            c01 = np.zeros(len(js))
            c01[1:] = cost(0, 1, i, js[1:])
            if keep_costs:
                row_costs[(0, 1)] = c01
            cum = np.cumsum(c01)
            run = np.minimum.accumulate(best - cum) + cum
            ins = run < best - 1e-12
            best = np.where(ins, run, best)
            arg[ins] = len(moves)
        D.append(best)
        back.append(arg)
        stored.append(row_costs)
    return D, back, stored, moves


def _trace(n: int, m: int, D, back, moves, band: _Band, cost: CostFunction) -> list[PathStep]:
    steps: list[PathStep] = []
    i, j = n, m
    while i > 0 or j > 0:
        k = int(back[i][j - band.lo[i]])
        if k < 0:
            raise RuntimeError(f"no path through the band at ({i}, {j})")
        a, b = moves[k] if k < len(moves) else (0, 1)
        here = D[i][j - band.lo[i]]
        before = D[i - a][j - b - band.lo[i - a]]
        steps.append(PathStep(a, b, i, j, float(here - before)))
        i, j = i - a, j - b
    steps.reverse()
    return steps


def _near_edge(steps: Sequence[PathStep], band: _Band, m: int, margin: int) -> bool:
    for s in steps:
        lo, hi = band.lo[s.i], band.hi[s.i] - 1
        if (lo > 0 and s.j - lo < margin) or (hi < m and hi - s.j < margin):
            return True
    return False


def _posteriors(n: int, m: int, steps: list[PathStep], stored, moves, band: _Band,
                temperature: float) -> list[float]:
    """Posterior probability of each path bead, by forward-backward over the band."""
    t = temperature
    alpha: list[np.ndarray] = []
    for i in range(n + 1):
        js = band.columns(i)
        acc = np.full(len(js), -np.inf)
        if i == 0 and len(js) and js[0] == 0:
            acc[0] = 0.0
        for a, b in moves:
            c = stored[i].get((a, b))
            if c is None:
                continue
            prev = _gather(alpha[i - a], band.lo[i - a], js - b, -np.inf)
            acc = np.logaddexp(acc, prev - c / t)
        c01 = stored[i].get((0, 1))
        if c01 is not None:
            cum = -np.cumsum(c01) / t
            acc = np.logaddexp.accumulate(acc - cum) + cum
        alpha.append(acc)
    beta: list[np.ndarray] = [np.empty(0)] * (n + 1)
    for i in range(n, -1, -1):
        js = band.columns(i)
        acc = np.full(len(js), -np.inf)
        if i == n and len(js) and js[-1] == m:
            acc[-1] = 0.0
        for a, b in moves:
            if i + a > n:
                continue
            c = stored[i + a].get((a, b))
            if c is None:
                continue
            nxt_js = js + b
            nb = _gather(beta[i + a], band.lo[i + a], nxt_js, -np.inf)
            nc = _gather(c, band.lo[i + a], nxt_js, np.inf)
            acc = np.logaddexp(acc, nb - nc / t)
        c01 = stored[i].get((0, 1))
        if c01 is not None and len(js) > 1:
            # beta[j] = logaddexp(F[j], beta[j+1] - c01[j+1]/t), a reversed running sum.
            s = np.zeros(len(js))
            s[:-1] = -c01[1:] / t
            cum = np.concatenate(([0.0], np.cumsum(s[:-1])))  # cum[j] = sum_{k<j} s[k]
            rev = np.logaddexp.accumulate((acc + cum)[::-1])[::-1]
            acc = rev - cum
        beta[i] = acc
    z = alpha[n][m - band.lo[n]]
    out = []
    for st in steps:
        a_prev = alpha[st.i - st.a][st.j - st.b - band.lo[st.i - st.a]]
        b_here = beta[st.i][st.j - band.lo[st.i]]
        logp = a_prev - st.cost / t + b_here - z
        out.append(float(min(1.0, math.exp(min(0.0, logp)))))
    return out


def reference_best_path(n: int, m: int, cost: CostFunction,
              types: Sequence[tuple[int, int]] = DEFAULT_BEAD_TYPES,
              width: int | None = None, posterior_temperature: float | None = None,
              ) -> list[PathStep]:
    """The search as it was: Python loops over rows and bead shapes."""
    types = tuple(types)
    if n == 0 or m == 0:
        # Nothing to pair: every item is its own 1-0 or 0-1 bead.
        return ([PathStep(1, 0, i + 1, 0, 0.0) for i in range(n)]
                + [PathStep(0, 1, n, j + 1, 0.0) for j in range(m)])
    if (1, 0) not in types or (0, 1) not in types:
        width = max(n, m)  # without skips a narrow band may hold no path at all
    w = width or int(16 + math.sqrt(n + m))
    # A row must reach the next one: the diagonal moves m/n columns per row.
    w = max(w, math.ceil(m / n) + 1)
    keep = posterior_temperature is not None
    while True:
        band = _Band.around_diagonal(n, m, w)
        D, back, stored, moves = _viterbi(n, m, cost, types, band, keep)
        full = w >= max(n, m)
        if not np.isfinite(D[n][m - band.lo[n]]):
            if full:
                raise RuntimeError("no path: the bead types cannot cover this grid")
            w *= 2
            continue
        steps = _trace(n, m, D, back, moves, band, cost)
        if full or not _near_edge(steps, band, m, margin=max(3, w // 8)):
            break
        w *= 2
    if keep:
        assert posterior_temperature is not None
        post = _posteriors(n, m, steps, stored, moves, band, posterior_temperature)
        steps = [PathStep(s.a, s.b, s.i, s.j, s.cost, p) for s, p in zip(steps, post, strict=True)]
    return steps


# ---- the comparison --------------------------------------------------------------------


def _same(n, m, cost, **kwargs):
    new = best_path(n, m, cost, **kwargs)
    old = reference_best_path(n, m, cost, **kwargs)
    assert [(s.a, s.b, s.i, s.j) for s in new] == [(s.a, s.b, s.i, s.j) for s in old]
    assert [s.cost for s in new] == [s.cost for s in old]
    assert [s.posterior for s in new] == [s.posterior for s in old]
    return new


def table_cost(tables):
    def cost(a, b, i, js):
        return tables[(a, b)][i, js]
    return cost


class BandedTable:
    """A table cost that also answers whole-band requests, as ``CombinedCost.band`` does."""

    def __init__(self, tables):
        self.tables = tables

    def __call__(self, a, b, i, js):
        return self.tables[(a, b)][i, js]

    def band(self, a, b, rows, first, width, n_target):
        cols = first[:, None] + np.arange(width)[None, :]
        valid = (cols >= b) & (cols <= n_target)
        safe = np.clip(cols, 0, n_target)
        return np.where(valid, self.tables[(a, b)][rows[:, None], safe], np.inf)


def _tables(rng, n, m, types, holes, ties):
    tables = {}
    for t in (*types, (0, 1)):
        if ties:  # few distinct values: many equal-cost paths
            grid = rng.integers(0, 3, size=(n + 1, m + 1)).astype(float)
        else:
            grid = rng.uniform(0, 3, size=(n + 1, m + 1))
        if holes and t != (0, 1):
            grid[rng.random(grid.shape) < holes] = np.inf  # forbidden beads
        tables[t] = grid
    return tables


TYPES = hs.sampled_from([DEFAULT_BEAD_TYPES, ((1, 1), (1, 0), (0, 1)), ((1, 0), (0, 1)), ((0, 1),),
                         ((1, 1), (1, 2), (2, 1), (1, 0), (0, 1), (2, 2), (1, 3), (3, 1)),
                         ((1, 1), (1, 2), (2, 1))])


@settings(max_examples=150, deadline=None)
@given(n=hs.integers(0, 25), m=hs.integers(0, 25), seed=hs.integers(0, 2**32 - 1),
       width=hs.sampled_from([None, 1, 2, 4]), types=TYPES,
       holes=hs.sampled_from([0.0, 0.3]), ties=hs.booleans(),
       temperature=hs.sampled_from([None, 0.2, 1.5]), banded=hs.booleans())
def test_same_path_and_posteriors_as_the_reference(n, m, seed, width, types, holes, ties,
                                                     temperature, banded):
    rng = np.random.default_rng(seed)
    tables = _tables(rng, n, m, types, holes, ties)
    cost = BandedTable(tables) if banded else table_cost(tables)
    try:
        reference_best_path(n, m, cost, types=types, width=width,
                            posterior_temperature=temperature)
    except RuntimeError:  # no path at all: the new search must say so too
        try:
            best_path(n, m, cost, types=types, width=width, posterior_temperature=temperature)
        except RuntimeError:
            return
        raise AssertionError("the reference found no path, the new search did") from None
    _same(n, m, cost, types=types, width=width, posterior_temperature=temperature)


@settings(max_examples=10, deadline=None)
@given(n=hs.integers(80, 160), ratio=hs.floats(0.5, 2.0), seed=hs.integers(0, 2**32 - 1))
def test_same_on_long_documents_with_a_diagonal(n, ratio, seed):
    """Long grids whose cheap path runs near the diagonal, as in real documents (the band is
    narrower than the grid), some with an offset that makes the band widen."""
    m = max(1, int(n * ratio))
    rng = np.random.default_rng(seed)
    tables = _tables(rng, n, m, DEFAULT_BEAD_TYPES, 0.0, False)
    rows = np.arange(n + 1)[:, None]
    cols = np.arange(m + 1)[None, :]
    offset = int(rng.integers(0, 30))
    tables[(1, 1)] = tables[(1, 1)] + 2.0 * (np.abs(cols - offset - rows * m / n) > 2)
    _same(n, m, BandedTable(tables), posterior_temperature=0.2)


def test_same_with_the_aligners_cost():
    """The aligner's own CombinedCost (length and anchors) on a small text."""
    from align.aligner import AlignerConfig, build_evidence

    zh = ["我有3只猫。", "它们很可爱。", "今天是2024年。", "NASA发射了火箭。", "好的。"] * 6
    en = ["I have 3 cats.", "They are cute.", "It is 2024.", "NASA launched a rocket.",
          "Fine.", "Extra."] * 5
    config = AlignerConfig(scores=("length", "anchors"), cache_dir=None)
    ev_new = build_evidence(zh, en, "zh", "en", config)
    ev_old = build_evidence(zh, en, "zh", "en", config)
    new = best_path(len(zh), len(en), ev_new.cost, posterior_temperature=1.5)
    old = reference_best_path(len(zh), len(en), ev_old.cost, posterior_temperature=1.5)
    assert [(s.a, s.b, s.i, s.j, s.cost, s.posterior) for s in new] == \
        [(s.a, s.b, s.i, s.j, s.cost, s.posterior) for s in old]


# ---- PairTable: the table before it stopped rebuilding every prefix on each request -----


class ReferencePairTable:
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

    def __init__(self, n_source: int, n_target: int,
                 pair_row: Callable[[int, int, int], np.ndarray]) -> None:
        self.n_source, self.n_target = n_source, n_target
        self._pair_row = pair_row
        self._base = np.zeros(n_source, dtype=np.int64)
        self._stop = np.zeros(n_source, dtype=np.int64)  # empty windows: nothing computed
        self._rows: list[np.ndarray] = [np.zeros(1)] * n_source
        self._prefix = np.zeros((n_source, 1))
        #: Per target width b: (rows, cols, a, sums) of the last request, to extend.
        self._memo: dict[int, tuple[np.ndarray, np.ndarray, int, np.ndarray]] = {}

    def _cover(self, c0: np.ndarray, c1: np.ndarray, units: np.ndarray) -> None:
        """Make sure each unit's window holds ``[c0, c1)``."""
        missing = (c0 < self._base[units]) | (c1 > self._stop[units])
        if not missing.any():
            return
        for u, lo, hi in zip(units[missing], c0[missing], c1[missing], strict=True):
            u = int(u)
            if self._stop[u] > self._base[u]:  # grow the existing window
                lo, hi = min(lo, self._base[u]), max(hi, self._stop[u])
            lo = max(0, int(lo) - self.MARGIN)
            hi = min(self.n_target, int(hi) + self.MARGIN)
            self._base[u], self._stop[u] = lo, hi
            self._rows[u] = np.asarray(self._pair_row(u, lo, hi), dtype=np.float64)
        width = int((self._stop - self._base).max(initial=0))
        prefix = np.zeros((self.n_source, width + 1))
        for u, row in enumerate(self._rows):
            size = int(self._stop[u] - self._base[u])
            if size:
                np.cumsum(row[:size], out=prefix[u, 1:size + 1])
                prefix[u, size + 1:] = prefix[u, size]
        self._prefix = prefix
        self._memo.clear()  # sums from the old table may lack the rows just computed

    def sums(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """``Σ V[u, c]`` over ``u`` in ``[i-a, i)`` and ``c`` in ``[j-b, j)`` for each row
        ``i`` of ``rows`` and each ``j`` of the matching row of ``cols`` (shape (R, W))."""
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
        width = self._prefix.shape[1] - 1
        # Gather from the flat table: indexing rows first would copy every row in full.
        flat = self._prefix.ravel()
        for t in range(done + 1, a + 1):
            units = rows - t
            base = self._base[units][:, None]
            offset = (units * (width + 1))[:, None]
            hi = np.clip(cols - base, 0, width) + offset
            lo = np.clip(cols - b - base, 0, width) + offset
            total += flat[hi] - flat[lo]
        self._memo[b] = (rows, cols, a, total)
        return total


@settings(max_examples=60, deadline=None)
@given(n=hs.integers(1, 40), m=hs.integers(1, 40), seed=hs.integers(0, 2**32 - 1),
       requests=hs.integers(1, 12))
def test_pair_table_sums_as_before(n, m, seed, requests):
    """Requests in any order (windows that grow, bands that move, several searches over one
    table as the block aligner makes them) give the sums the old table gave."""
    rng = np.random.default_rng(seed)
    values = rng.integers(0, 3, size=(n, m)).astype(float)

    def row(u, c0, c1):
        return values[u, c0:c1]

    new, old = PairTable(n, m, row), ReferencePairTable(n, m, row)
    for _ in range(requests):
        a = int(rng.integers(1, min(4, n) + 1))
        b = int(rng.integers(1, min(4, m) + 1))
        first = int(rng.integers(a, n + 1))
        rows = np.arange(first, int(rng.integers(first, n + 1)) + 1)
        width = int(rng.integers(1, 12))
        lo = np.minimum(rng.integers(b, m + 1, size=len(rows)), m)
        cols = np.minimum(lo[:, None] + np.arange(width)[None, :], m)
        cols = np.maximum(cols, b)
        assert np.array_equal(new.sums(a, b, rows, cols), old.sums(a, b, rows, cols))


@settings(max_examples=60, deadline=None)
@given(n=hs.integers(1, 12), m=hs.integers(1, 12), seed=hs.integers(0, 2**32 - 1),
       requests=hs.integers(1, 12))
def test_pair_table_sums_from_single_pairs_as_from_windows(n, m, seed, requests):
    """Small requests summed from single pairs (``pair`` given) equal the windows' sums,
    whatever the order of small and large requests."""
    rng = np.random.default_rng(seed)
    values = rng.integers(0, 4, size=(n, m)).astype(float)

    def row(u, c0, c1):
        return values[u, c0:c1]

    small = PairTable(n, m, row, lambda u, c: int(values[u, c]))
    windows = PairTable(n, m, row)
    for _ in range(requests):
        a = int(rng.integers(1, min(3, n) + 1))
        b = int(rng.integers(1, min(3, m) + 1))
        first = int(rng.integers(a, n + 1))
        rows = np.arange(first, int(rng.integers(first, min(first + 3, n) + 1)) + 1)
        width = int(rng.integers(1, 6))
        lo = np.minimum(rng.integers(b, m + 1, size=len(rows)), m)
        cols = np.maximum(np.minimum(lo[:, None] + np.arange(width)[None, :], m), b)
        got = small.sums(a, b, rows, cols)
        assert got.shape == cols.shape and got.dtype == np.float64
        assert np.array_equal(got, windows.sums(a, b, rows, cols))


# ---- small grids: the cell-by-cell search against the array search ----------------------


def _array_search(n, m, cost, types, temperature):
    """``best_path`` with the cell-by-cell search turned off; an error as its message."""
    import align.search as search

    cells, search.SMALL_CELLS = search.SMALL_CELLS, 0
    try:
        steps = best_path(n, m, cost, types, posterior_temperature=temperature)
    except RuntimeError as exc:
        return str(exc)
    finally:
        search.SMALL_CELLS = cells
    return [(s.a, s.b, s.i, s.j, s.cost, s.posterior) for s in steps]


@settings(max_examples=300, deadline=None)
@given(n=hs.integers(1, 5), m=hs.integers(1, 5), seed=hs.integers(0, 2**32 - 1),
       types=hs.sampled_from([DEFAULT_BEAD_TYPES, ((1, 1), (1, 0), (0, 1)),
                              ((1, 1), (1, 2), (2, 1)), ((1, 1), (0, 1), (2, 1), (1, 3))]),
       holes=hs.sampled_from([0.0, 0.3]), ties=hs.booleans(), banded=hs.booleans())
def test_small_grids_give_the_array_search_figures(n, m, seed, types, holes, ties, banded):
    """Grids small enough for ``_small_path`` (at most 36 cells): the same beads, costs and
    posteriors as the array search, bit for bit, and the same error where there is no path."""
    import align.search as search

    assert (n + 1) * (m + 1) <= search.SMALL_CELLS
    tables = _tables(np.random.default_rng(seed), n, m, types, holes, ties)
    cost = BandedTable(tables) if banded else table_cost(tables)
    try:
        small = [(s.a, s.b, s.i, s.j, s.cost, s.posterior)
                 for s in best_path(n, m, cost, types, posterior_temperature=0.2)]
    except RuntimeError as exc:
        small = str(exc)
    assert small == _array_search(n, m, cost, types, 0.2)


def test_small_grids_with_the_aligners_cost():
    """Every block-sized grid of a small text under the aligner's own CombinedCost."""
    import align.search as search
    from align.aligner import AlignerConfig, build_evidence

    zh = ["我有3只猫。", "它们很可爱。", "今天是2024年。", "NASA发射了火箭。", "好的。", "谢谢。"]
    en = ["I have 3 cats.", "They are cute.", "It is 2024.", "NASA launched a rocket.",
          "Fine.", "Thanks.", "Extra."]
    config = AlignerConfig(scores=("length", "anchors"), cache_dir=None)
    cost = build_evidence(zh, en, "zh", "en", config).cost
    assert search.SMALL_CELLS >= 4
    for s0 in range(len(zh)):
        for t0 in range(len(en)):
            for n in range(1, min(4, len(zh) - s0) + 1):
                for m in range(1, min(4, len(en) - t0) + 1):
                    shifted = cost.shifted(s0, t0)
                    small = search._small_path(n, m, shifted, DEFAULT_BEAD_TYPES, 1.5)
                    width = n + m + 16
                    band = _Band.around_diagonal(n, m, width)
                    assert band.lo.max() == 0 and band.hi.min() == m + 1
                    D, back, costs, grid, moves = search._viterbi(n, m, shifted,
                                                                  DEFAULT_BEAD_TYPES, band)
                    steps = search._trace(n, m, D, back, moves, band, grid)
                    post = search._posteriors(n, m, steps, D, costs, grid, band, 1.5)
                    assert [(s.a, s.b, s.i, s.j, s.cost, s.posterior) for s in small] == \
                        [(s.a, s.b, s.i, s.j, s.cost, p) for s, p in zip(steps, post, strict=True)]

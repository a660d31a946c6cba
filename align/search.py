"""Monotonic alignment search: a banded dynamic program over a grid of bead costs.

The search knows nothing of how a bead is scored. It asks a cost function for the cost of
beads ``source[i-a:i] ↔ target[j-b:j]`` ending at row ``i`` for a vector of columns ``j``,
and returns the cheapest path from ``(0, 0)`` to ``(n, m)``. Only a band around the diagonal
is searched, so the work grows linearly with the document; when the best path comes close
to the edge of the band, the band is doubled and the search repeated.

Optionally the same band gives each bead of the best path its posterior probability (a
forward-backward pass over all paths, with ``exp(-cost / temperature)`` as path weights),
which the aligner turns into a confidence.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple, Protocol

if TYPE_CHECKING:
    import numpy as np

# numpy is imported inside the functions: importing this module (for DEFAULT_BEAD_TYPES, by
# the aligner's settings that the command line shows) must not load it.

#: Bead shapes (source sentences, target sentences) the aligner allows by default. Literary
#: translation needs more than 2-2: MAC-Dev's gold has 30 1-4, 12 2-3, 4 1-5 and 2 1-6 links
#: in 1,343 (a long Chinese sentence of commas becomes several English ones). Allowing 1-5
#: and 1-6 (and their mirrors) raised strict F1 on MAC-Dev 0.905 -> 0.912 and on the Bible
#: 0.981 -> 0.982; 2-4 did not help.
DEFAULT_BEAD_TYPES: tuple[tuple[int, int], ...] = (
    (1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1),
    (1, 4), (4, 1), (2, 3), (3, 2), (1, 5), (5, 1), (1, 6), (6, 1))


class CostFunction(Protocol):
    """Cost of beads ``source[i-a:i] ↔ target[j-b:j]`` for every ``j`` in ``js``."""

    def __call__(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray: ...


class PathStep(NamedTuple):
    """One bead of a path: it covers ``source[i-a:i]`` and ``target[j-b:j]``.

    A named tuple, not a frozen dataclass: a search makes one per bead of its path, and a
    frozen dataclass takes ten times as long to make (2.3 against 0.2 µs).
    """

    a: int
    b: int
    i: int
    j: int
    cost: float
    posterior: float = 1.0

    @property
    def source(self) -> range:
        return range(self.i - self.a, self.i)

    @property
    def target(self) -> range:
        return range(self.j - self.b, self.j)


@dataclass
class _Band:
    lo: np.ndarray  # first column of each row (inclusive)
    hi: np.ndarray  # last column + 1 of each row
    width: int  # half-width used to build it

    @classmethod
    def around_diagonal(cls, n: int, m: int, width: int) -> _Band:
        import numpy as np

        rows = np.arange(n + 1)
        centre = rows * (m / n) if n else np.zeros(1)
        lo = np.clip(np.floor(centre - width), 0, m).astype(np.int64)
        hi = np.clip(np.ceil(centre + width) + 1, 0, m + 1).astype(np.int64)
        return cls(lo, hi, width)

    def columns(self, i: int) -> np.ndarray:
        import numpy as np

        return np.arange(self.lo[i], self.hi[i])


class _Grid:
    """The band laid out as arrays: row ``i`` of a table holds columns ``lo[i] ..`` at
    positions ``pad ..``, with ``pad`` filler cells on both sides and one extra row of filler
    (the predecessor of a move that would leave the grid). Every move's predecessor cells of
    a row are then one contiguous run of ``width`` cells of the flat table, so a row of the
    search is a handful of array operations over (moves × width) whatever the bead shapes.
    """

    def __init__(self, n: int, band: _Band, moves: Sequence[tuple[int, int]]) -> None:
        import numpy as np

        self.n = n
        self.width = int((band.hi - band.lo).max())
        self.widths = (band.hi - band.lo).astype(np.int64)
        self.cells = np.arange(self.width)
        a = np.array([m[0] for m in moves], dtype=np.int64)
        b = np.array([m[1] for m in moves], dtype=np.int64)
        rows = np.arange(n + 1)
        before = rows[:, None] - a[None, :]
        inside = before >= 0
        # Column shift from a row to its predecessor: position p of row i is column
        # lo[i] + p, whose predecessor by move (a, b) is position p + shift of row i - a.
        shift = band.lo[:, None] - band.lo[np.maximum(before, 0)] - b[None, :]
        shift = np.where(inside, shift, 0)
        self.pad = int(max(int(b.max(initial=0)), int(np.abs(shift).max(initial=0)))) + 1
        self.stride = self.width + 2 * self.pad
        s, pad, k = self.stride, self.pad, len(moves)
        #: Flat start of each move's predecessor run, per row (shape (n+1, K)).
        self.back_start = np.where(inside, before * s + pad + shift, (n + 1) * s + pad)
        after = rows[:, None] + a[None, :]
        ahead = after <= n
        shift_after = np.where(ahead, shift[np.minimum(after, n), np.arange(k)], 0)
        #: Flat start of each move's successor run, per row, in a table and in the costs.
        self.next_start = np.where(ahead, after * s + pad - shift_after, (n + 1) * s + pad)
        self.next_cost_start = np.where(
            ahead, (after * k + np.arange(k)[None, :]) * s + pad - shift_after,
            ((n + 1) * k + np.arange(k)[None, :]) * s + pad)

    def table(self, fill: float) -> np.ndarray:
        import numpy as np

        return np.full((self.n + 2, self.stride), fill)

    def runs(self, flat: np.ndarray, starts: np.ndarray) -> np.ndarray:
        """The runs of ``width`` cells of a flat table that begin at ``starts``: (K, width)."""
        return flat[starts[:, None] + self.cells]


def _costs(n: int, m: int, cost: CostFunction, moves: Sequence[tuple[int, int]], insert: bool,
           band: _Band, grid: _Grid) -> tuple[np.ndarray, np.ndarray | None]:
    """Bead costs over the band: ``(n+2, K, stride)`` in the grid's layout (filler ``inf``
    outside each row's columns), and the 0-1 costs ``(n+1, width)`` with a zero first
    column (``None`` without 0-1 beads)."""
    import numpy as np

    k, width, pad = len(moves), grid.width, grid.pad
    # The table is large (n × K × width): each cell is written once or twice, not filled
    # first and then overwritten.
    out = np.empty((n + 2, k, grid.stride))
    out[:, :, :pad] = np.inf
    out[:, :, pad + width:] = np.inf
    out[n + 1] = np.inf
    # A cost function that scores the whole band at once (CombinedCost.band) is asked
    # once per bead shape: per-row calls cost more in Python overhead than in arithmetic.
    banded = getattr(cost, "band", None)
    for slot, (a, b) in enumerate(moves):
        rows = np.arange(a, n + 1)
        out[:min(a, n + 1), slot, pad:pad + width] = np.inf  # the move would leave the grid
        if not len(rows):
            continue
        if banded is not None:
            out[a:n + 1, slot, pad:pad + width] = banded(a, b, rows, band.lo[rows], width, m)
        else:
            out[a:n + 1, slot, pad:pad + width] = np.inf
            for i in rows:
                js = band.columns(i)
                ok = js - b >= 0
                if ok.any():
                    out[i, slot, pad + np.flatnonzero(ok)] = cost(a, b, int(i), js[ok])
    # Cells past a row's last column are outside the band (only rows near the ends are
    # narrower than the band).
    for i in np.flatnonzero(grid.widths < width).tolist():
        out[i, :, pad + int(grid.widths[i]):pad + width] = np.inf
    outside = np.arange(width)[None, :] >= grid.widths[:, None]
    if not insert:
        return out, None
    c01 = np.zeros((n + 1, width))
    if banded is not None:
        c01[:, 1:] = banded(0, 1, np.arange(n + 1), band.lo, width, m)[:, 1:]
    else:
        for i in range(n + 1):
            js = band.columns(i)
            if len(js) > 1:
                c01[i, 1:len(js)] = cost(0, 1, i, js[1:])
    c01[outside] = 0.0
    return out, c01


def _viterbi(n: int, m: int, cost: CostFunction, types: Sequence[tuple[int, int]],
             band: _Band):
    """Cheapest-path table over the band; returns (D, back-pointers, costs, grid, moves).

    Row by row (a row needs the rows above it), each row in one pass over all bead shapes:
    the cheapest predecessor per cell is an ``argmin`` over the moves (the first of equal
    costs, as a loop over the moves in order with a strict ``<`` would pick).
    """
    import numpy as np

    moves = [(a, b) for a, b in types if a > 0]
    insert = (0, 1) in types
    grid = _Grid(n, band, moves)
    costs, c01 = _costs(n, m, cost, moves, insert, band, grid)
    pad, width = grid.pad, grid.width
    D = grid.table(np.inf)
    back = np.full((n + 1, width), -1, dtype=np.int64)
    flat = D.reshape(-1)
    cum01 = np.cumsum(c01, axis=1) if c01 is not None else None
    cells = grid.cells
    for i in range(n + 1):
        w = int(grid.widths[i])
        if moves:
            cand = grid.runs(flat, grid.back_start[i])
            cand += costs[i, :, pad:pad + width]
            arg = cand.argmin(axis=0)
            best = cand[arg, cells]
            arg[~(best < np.inf)] = -1
        else:  # nothing but 0-1 beads: no path (best_path says so)
            arg, best = np.full(width, -1), np.full(width, np.inf)
        if i == 0 and band.lo[0] == 0:
            best[0] = 0.0
        if cum01 is not None and w > 1:
            # 0-1 beads stay in the row: D[j] = min(E[j], D[j-1] + c[j]) becomes a running
            # minimum over cumulative costs, so the row needs no Python loop.
            cum = cum01[i, :w]
            here = best[:w]
            run = np.minimum.accumulate(here - cum) + cum
            ins = run < here - 1e-12
            best[:w] = np.where(ins, run, here)
            arg[:w][ins] = len(moves)
        D[i, pad:pad + w] = best[:w]
        back[i, :w] = arg[:w]
    return D, back, (costs, c01), grid, moves


def _trace(n: int, m: int, D, back, moves, band: _Band, grid: _Grid) -> list[PathStep]:
    steps: list[PathStep] = []
    pad = grid.pad
    i, j = n, m
    while i > 0 or j > 0:
        k = int(back[i, j - band.lo[i]])
        if k < 0:
            raise RuntimeError(f"no path through the band at ({i}, {j})")
        a, b = moves[k] if k < len(moves) else (0, 1)
        here = D[i, pad + j - band.lo[i]]
        before = D[i - a, pad + j - b - band.lo[i - a]]
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


def _logaddexp_moves(x: np.ndarray) -> np.ndarray:
    """``logaddexp`` over the moves (axis 0 of a C-contiguous array), folded left in move
    order: ``logaddexp(logaddexp(x[0], x[1]), x[2]) ...``, as the loop over moves did.

    numpy reduces the outer axis of a contiguous array as exactly that fold (one pass per
    move over the row); tests/align/test_search_reference.py checks the figures are the
    loop's, bit for bit. It is a third faster than a Python loop of ``logaddexp`` calls.
    """
    import numpy as np

    return np.logaddexp.reduce(x, axis=0)


def _posteriors(n: int, m: int, steps: list[PathStep], D: np.ndarray, costs, grid: _Grid,
                band: _Band, temperature: float) -> list[float]:
    """Posterior probability of each path bead, by forward-backward over the band.

    Cells no path reaches keep ``-inf`` in both passes (their costs never count), and each
    cell's terms are summed in move order, so the figures do not depend on how the rows
    are laid out. The bead cost table of ``costs`` is divided by the temperature in place:
    the search is done with it.
    """
    import numpy as np

    t = temperature
    table, c01 = costs
    # Each cost divided by t once, in place (the search is done with the costs): the
    # quotients each row used to make are these, and the table is not copied.
    table /= t
    pad, width = grid.pad, grid.width
    if c01 is not None:
        cum_fwd = -np.cumsum(c01, axis=1) / t
        # beta[j] = logaddexp(F[j], beta[j+1] - c01[j+1]/t), a reversed running sum:
        # cum_bwd[j] = sum over k < j of -c01[k+1]/t.
        step = -c01[:, 1:] / t
        cum_bwd = np.zeros_like(c01)
        np.cumsum(step, axis=1, out=cum_bwd[:, 1:])
    alpha = grid.table(-np.inf)
    flat = alpha.reshape(-1)
    for i in range(n + 1):
        w = int(grid.widths[i])
        acc = _logaddexp_moves(grid.runs(flat, grid.back_start[i])
                               - table[i, :, pad:pad + width])
        if i == 0 and band.lo[0] == 0:
            acc[0] = 0.0
        if c01 is not None and w > 1:
            cum = cum_fwd[i, :w]
            acc[:w] = np.logaddexp.accumulate(acc[:w] - cum) + cum
        alpha[i, pad:pad + w] = acc[:w]
    beta = grid.table(-np.inf)
    flat = beta.reshape(-1)
    flat_costs = table.reshape(-1)
    for i in range(n, -1, -1):
        w = int(grid.widths[i])
        acc = _logaddexp_moves(grid.runs(flat, grid.next_start[i])
                               - grid.runs(flat_costs, grid.next_cost_start[i]))
        # No path reaches an unreachable cell, so no bead leaves it.
        acc[~(D[i, pad:pad + width] < np.inf)] = -np.inf
        if i == n and band.hi[n] - 1 == m:
            acc[w - 1] = 0.0
        if c01 is not None and w > 1:
            cum = cum_bwd[i, :w]
            acc[:w] = np.logaddexp.accumulate((acc[:w] + cum)[::-1])[::-1] - cum
        beta[i, pad:pad + w] = acc[:w]
    z = alpha[n, pad + m - band.lo[n]]
    out = []
    for st in steps:
        a_prev = alpha[st.i - st.a, pad + st.j - st.b - band.lo[st.i - st.a]]
        b_here = beta[st.i, pad + st.j - band.lo[st.i]]
        logp = a_prev - st.cost / t + b_here - z
        out.append(float(min(1.0, math.exp(min(0.0, logp)))))
    return out


#: Grids of at most this many cells (rows × columns, ends included) that the band covers
#: whole are searched cell by cell in plain Python (:func:`_small_path`): most blocks of a
#: documentation page are a sentence or two on each side, and on those the array search
#: spends its time setting up arrays (measured on the docs pages: 3,154 of 4,862 searches
#: are 1 × 1, at 0.6 ms each).
SMALL_CELLS = 36

#: ``log(2)``, as numpy's ``logaddexp`` adds it for equal arguments.
_LOG2 = 0.693147180559945309417232121458176568


def _logaddexp(x: float, y: float) -> float:
    """numpy's ``logaddexp`` on two floats, step for step (so the figures are the same)."""
    if x == y:
        return x + _LOG2
    tmp = x - y
    if tmp > 0:
        return x + math.log1p(math.exp(-tmp))
    if tmp <= 0:
        return y + math.log1p(math.exp(tmp))
    return tmp


def _cumsum(values: list[float]) -> list[float]:
    """``np.cumsum`` of a row: the first element as it is, then a running sum."""
    out = list(values)
    for j in range(1, len(out)):
        out[j] = out[j - 1] + out[j]
    return out


def _small_costs(n: int, m: int, cost: CostFunction, moves: Sequence[tuple[int, int]],
                 insert: bool) -> tuple[dict[int, list[list[float]]], list[list[float]]] | None:
    """The bead costs of a grid the band covers whole, the same floats as :func:`_costs`
    asks of ``cost``: per move ``k`` that fits the grid, cell ``[r][c]`` holds the cost of
    the bead ending at ``(r + a, c + b)``; and the 0-1 costs per row (first column 0).
    A cost with a ``block`` method (``CombinedCost.block``) gives them all in one call.
    ``None`` when a 0-1 cost is not finite (the array search copes with the NaNs that
    make)."""
    import numpy as np

    width = m + 1
    fits = [k for k, (a, b) in enumerate(moves) if a <= n and b <= m]  # the others leave it
    table: dict[int, list[list[float]]] = {}
    c01 = [[0.0] * width for _ in range(n + 1)]
    blocked = getattr(cost, "block", None)
    banded = getattr(cost, "band", None)
    if blocked is not None:
        shapes = [moves[k] for k in fits] + ([(0, 1)] if insert else [])
        found = blocked(shapes, n, m)
        table = dict(zip(fits, found, strict=False))
        if insert:
            c01 = [[0.0, *row] for row in found[-1]]
    for k in fits if blocked is None else ():
        a, b = moves[k]
        rows = np.arange(a, n + 1)
        if banded is not None:
            block = banded(a, b, rows, np.zeros(len(rows), dtype=np.int64), width, m)
            table[k] = np.asarray(block, dtype=np.float64)[:, b:].tolist()
        else:
            js = np.arange(b, m + 1)
            table[k] = [np.asarray(cost(a, b, int(i), js), dtype=np.float64).tolist()
                        for i in rows]
    if insert and blocked is None and banded is not None:
        whole = np.asarray(banded(0, 1, np.arange(n + 1), np.zeros(n + 1, dtype=np.int64),
                                  width, m), dtype=np.float64).tolist()
        c01 = [[0.0, *row[1:]] for row in whole]
    elif insert and blocked is None:
        js = np.arange(1, m + 1)
        c01 = [[0.0, *np.asarray(cost(0, 1, i, js), dtype=np.float64).tolist()]
               for i in range(n + 1)]
    if insert and not all(math.isfinite(c) for row in c01 for c in row):
        return None
    return table, c01


def _small_path(n: int, m: int, cost: CostFunction, types: Sequence[tuple[int, int]],
                temperature: float | None) -> list[PathStep] | None:
    """:func:`best_path` on a grid the band covers whole, cell by cell: the same path,
    costs and posteriors, float for float (the same operations in the same order; a bead
    that would leave the grid adds nothing to a minimum or a ``logaddexp``, so it is left
    out). ``None`` when the array search must do it (see :func:`_small_costs`)."""
    moves = [(a, b) for a, b in types if a > 0]
    insert = (0, 1) in types
    found = _small_costs(n, m, cost, moves, insert)
    if found is None:
        return None
    table, c01 = found
    fit = [(k, a, b, table[k]) for k, (a, b) in enumerate(moves) if k in table]
    inf = math.inf
    cols = range(m + 1)
    D = [[inf] * (m + 1) for _ in range(n + 1)]
    back = [[-1] * (m + 1) for _ in range(n + 1)]
    last_row: list[float] | None = None
    cum: list[float] = []
    for i in range(n + 1):
        best, arg = D[i], back[i]
        here_moves = [(k, b, D[i - a], rows[i - a]) for k, a, b, rows in fit if i >= a]
        for j in cols:
            low, pick = inf, -1
            for k, b, before, row in here_moves:
                if j >= b:
                    cand = before[j - b] + row[j - b]
                    if cand < low:
                        low, pick = cand, k
            best[j], arg[j] = low, pick
        if i == 0:
            best[0] = 0.0
        if insert and m > 0:
            if c01[i] != last_row:  # rows of equal 0-1 costs share their running sums
                last_row = c01[i]
                cum = _cumsum(last_row)
            run = inf
            for j in cols:
                here = best[j]
                x = here - cum[j]
                run = x if j == 0 or x < run else run
                if run + cum[j] < here - 1e-12:
                    best[j], arg[j] = run + cum[j], len(moves)
    if not D[n][m] < inf:
        raise RuntimeError("no path: the bead types cannot cover this grid")
    steps: list[PathStep] = []
    i, j = n, m
    while i > 0 or j > 0:
        k = back[i][j]
        if k < 0:
            raise RuntimeError(f"no path through the band at ({i}, {j})")
        a, b = moves[k] if k < len(moves) else (0, 1)
        steps.append(PathStep(a, b, i, j, D[i][j] - D[i - a][j - b]))
        i, j = i - a, j - b
    steps.reverse()
    if temperature is None:
        return steps
    post = _small_posteriors(n, m, steps, D, fit, c01 if insert else None, temperature)
    return [PathStep(s.a, s.b, s.i, s.j, s.cost, p) for s, p in zip(steps, post, strict=True)]


def _small_posteriors(n: int, m: int, steps: list[PathStep], D: list[list[float]],
                      fit: list[tuple[int, int, int, list[list[float]]]],
                      c01: list[list[float]] | None, t: float) -> list[float]:
    """:func:`_posteriors` cell by cell (see :func:`_small_path`). Each cost is divided by
    ``t`` once (the same quotient wherever it is used), and rows of 0-1 costs equal to the
    previous row reuse its running sums."""
    inf = math.inf
    cols = range(m + 1)
    alpha = [[-inf] * (m + 1) for _ in range(n + 1)]
    beta = [[-inf] * (m + 1) for _ in range(n + 1)]
    scaled = [(a, b, [[c / t for c in row] for row in rows]) for _, a, b, rows in fit]
    last_row: list[float] | None = None
    cum: list[float] = []
    for i in range(n + 1):
        acc = alpha[i]
        here = [(a, b, rows) for a, b, rows in scaled if i >= a]
        for j in cols:
            total = -inf
            for a, b, rows in here:
                if j >= b:
                    term = alpha[i - a][j - b] - rows[i - a][j - b]
                    total = term if total == -inf else _logaddexp(total, term)
            acc[j] = total
        if i == 0:
            acc[0] = 0.0
        if c01 is not None and m > 0:
            if c01[i] != last_row:
                last_row = c01[i]
                cum = [-c / t for c in _cumsum(last_row)]
            run = acc[0] - cum[0]
            acc[0] = run + cum[0]
            for j in range(1, m + 1):
                run = _logaddexp(run, acc[j] - cum[j])
                acc[j] = run + cum[j]
    last_row = None
    for i in range(n, -1, -1):
        acc = beta[i]
        here = [(a, b, rows[i]) for a, b, rows in scaled if i + a <= n]
        for j in cols:
            total = -inf
            if D[i][j] < inf:
                for a, b, row in here:
                    if j + b <= m:
                        term = beta[i + a][j + b] - row[j]
                        total = term if total == -inf else _logaddexp(total, term)
            acc[j] = total
        if i == n:
            acc[m] = 0.0
        if c01 is not None and m > 0:
            if c01[i] != last_row:
                last_row = c01[i]
                cum = [0.0, *_cumsum([-c / t for c in last_row[1:]])]
            run = acc[m] + cum[m]
            acc[m] = run - cum[m]
            for j in range(m - 1, -1, -1):
                run = _logaddexp(run, acc[j] + cum[j])
                acc[j] = run - cum[j]
    z = alpha[n][m]
    out = []
    for st in steps:
        logp = alpha[st.i - st.a][st.j - st.b] - st.cost / t + beta[st.i][st.j] - z
        out.append(float(min(1.0, math.exp(min(0.0, logp)))))
    return out


def best_path(n: int, m: int, cost: CostFunction,
              types: Sequence[tuple[int, int]] = DEFAULT_BEAD_TYPES,
              width: int | None = None, posterior_temperature: float | None = None,
              ) -> list[PathStep]:
    """Cheapest monotonic path of beads covering ``n`` source and ``m`` target items.

    With ``posterior_temperature`` set, each step carries its posterior probability.

    >>> import numpy as np
    >>> flat = lambda a, b, i, js: np.full(len(js), 1.0 if (a, b) == (1, 1) else 5.0)
    >>> [(s.a, s.b) for s in best_path(2, 2, flat)]
    [(1, 1), (1, 1)]
    """
    import numpy as np

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
    if max(n, m) <= w and (n + 1) * (m + 1) <= SMALL_CELLS:
        small = _small_path(n, m, cost, types, posterior_temperature)
        if small is not None:
            return small
    while True:
        band = _Band.around_diagonal(n, m, w)
        D, back, costs, grid, moves = _viterbi(n, m, cost, types, band)
        full = w >= max(n, m)
        if not np.isfinite(D[n, grid.pad + m - band.lo[n]]):
            if full:
                raise RuntimeError("no path: the bead types cannot cover this grid")
            w *= 2
            continue
        steps = _trace(n, m, D, back, moves, band, grid)
        if full or not _near_edge(steps, band, m, margin=max(3, w // 8)):
            break
        w *= 2
    if keep:
        assert posterior_temperature is not None
        post = _posteriors(n, m, steps, D, costs, grid, band, posterior_temperature)
        steps = [PathStep(s.a, s.b, s.i, s.j, s.cost, p) for s, p in zip(steps, post, strict=True)]
    return steps

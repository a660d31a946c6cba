"""A bead's total cost: weighted evidence from several scorers plus a prior on its shape."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from align.scores.base import BeadScorer, BlockCells

#: Grids with at most this many beads to cost (over all shapes) are costed in plain Python
#: floats (:meth:`CombinedCost.block`); the same IEEE operations as numpy's, so the same
#: figures.
TINY_CELLS = 24


class CombinedCost:
    """Callable cost for the search: ``Σ weight·scorer.cost + shape penalty``.

    ``skip`` is the cost of leaving one sentence unaligned (a 1-0 or 0-1 bead); ``merge`` the
    extra cost per sentence beyond one on either side of a bead, so 1-2 costs ``merge`` and
    2-2 costs ``2·merge``: many-to-many beads must earn their place with better evidence.
    """

    def __init__(self, scorers: Sequence[tuple[BeadScorer, float]], skip: float = 1.0,
                 merge: float = 0.3, shape_penalties: Mapping[tuple[int, int], float] | None = None,
                 source_offset: int = 0, target_offset: int = 0) -> None:
        self.scorers = list(scorers)
        self.skip = skip
        self.merge = merge
        self.shape_penalties = dict(shape_penalties or {})
        self.source_offset = source_offset
        self.target_offset = target_offset

    def shape_penalty(self, a: int, b: int) -> float:
        extra = self.shape_penalties.get((a, b), 0.0)
        return self.merge * (max(a - 1, 0) + max(b - 1, 0)) + extra

    def __call__(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        if a == 0 or b == 0:
            return np.full(len(js), self.skip)
        i += self.source_offset
        js = js + self.target_offset
        total = np.full(len(js), self.shape_penalty(a, b))
        for scorer, weight in self.scorers:
            if weight:
                total += weight * scorer.cost(a, b, i, js)
        return total

    def band(self, a: int, b: int, rows: np.ndarray, first: np.ndarray, width: int,
             n_target: int) -> np.ndarray:
        """Costs of the beads ending at rows ``rows`` and columns ``first[r] + k`` for
        ``k < width`` (shape (len(rows), width)); columns outside ``[b, n_target]`` cost inf.
        Local positions, like :meth:`__call__`; the offsets are added here."""
        cols = first[:, None] + np.arange(width)[None, :]
        valid = (cols >= b) & (cols <= n_target)
        if a == 0 or b == 0 or b > n_target:
            return np.where(valid, self.skip if a == 0 or b == 0 else np.inf, np.inf)
        # Invalid cells are scored at a valid column and masked afterwards, so scorers
        # never see an index outside the document.
        safe = np.minimum(np.maximum(cols, b), max(n_target, b)) + self.target_offset
        rows = rows + self.source_offset
        total = np.full(cols.shape, self.shape_penalty(a, b))
        for scorer, weight in self.scorers:
            if weight:
                part = scorer.band_cost(a, b, rows, safe)
                if part.dtype == np.float64:
                    # A fresh array (band_cost's contract): weighted in place, one band-sized
                    # temporary less per scorer.
                    part *= weight
                    total += part
                else:
                    total += weight * part
        total[~valid] = np.inf
        return total

    def block(self, shapes: Sequence[tuple[int, int]], n: int,
              m: int) -> list[list[list[float]]]:
        """Costs of every bead of each shape ``(a, b)`` inside the ``n`` × ``m`` grid (``a <=
        n``, ``b <= m``), as lists for the cell-by-cell search: ``n + 1 - a`` rows of ``m + 1
        - b`` costs, cell ``[r][c]`` the bead ending at ``(a + r, b + c)``. The figures
        :meth:`band` gives, float for float (the same operations, cell by cell), each scorer
        asked once for all shapes; grids of at most :data:`TINY_CELLS` beads are costed in
        plain Python (numpy's per-call overhead is most of the work on a 1 × 1 block)."""
        out: list[list[list[float]]] = [[] for _ in shapes]
        scored = []
        for k, (a, b) in enumerate(shapes):
            if a == 0 or b == 0:
                out[k] = [[float(self.skip)] * (m + 1 - b) for _ in range(n + 1 - a)]
            else:
                scored.append(k)
        if not scored:
            return out
        cells = BlockCells.of([shapes[k] for k in scored], n, m, self.source_offset,
                              self.target_offset)
        weighted = [(s, w) for s, w in self.scorers if w]
        if cells.size <= TINY_CELLS and all(hasattr(s, "tiny_block_cost") for s, _ in weighted):
            total = [penalty for a, b in cells.shapes
                     for penalty in [float(self.shape_penalty(a, b))] * ((n + 1 - a) * (m + 1 - b))]
            for scorer, weight in weighted:
                costs = scorer.tiny_block_cost(cells)
                total = [t + weight * c for t, c in zip(total, costs, strict=True)]
        else:
            flat = np.empty(cells.size)
            for (a, b), part in zip(cells.shapes, cells.parts, strict=True):
                flat[part] = self.shape_penalty(a, b)
            for scorer, weight in weighted:
                flat += weight * scorer.block_cost(cells)
            total = flat.tolist()
        for k, (_, b), part in zip(scored, cells.shapes, cells.parts, strict=True):
            width = m + 1 - b
            out[k] = [total[r:r + width] for r in range(part.start, part.stop, width)]
        return out

    def shifted(self, source_offset: int, target_offset: int) -> CombinedCost:
        """The same cost over a window starting at the given unit offsets."""
        return CombinedCost(self.scorers, self.skip, self.merge, self.shape_penalties,
                            source_offset, target_offset)

    def grouped(self, source_groups: Sequence[range], target_groups: Sequence[range],
                **overrides: float) -> CombinedCost:
        """The same weights over groups of units (blocks)."""
        scorers = [(s.grouped(source_groups, target_groups), w) for s, w in self.scorers]
        return CombinedCost(scorers, overrides.get("skip", self.skip),
                            overrides.get("merge", self.merge), self.shape_penalties)

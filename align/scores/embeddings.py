"""Semantic evidence: cosine similarity of multilingual sentence embeddings.

A bead's side is represented by the sum of its sentences' vectors (measured on the benchmark:
as good as embedding the joined text, and no extra model calls). Vectors are centred per
document and language first: subtracting each side's mean vector removes what all sentences
of a document share (its topic, its language) and sharpens which sentence matches which.
The cost is ``1 - cos`` divided by the same quantity for random pairs, so 1.0 means "no
better than chance" whatever model produced the vectors (after Vecalign), times the mean
number of sentences on the two sides: a 1-2 bead then costs about what the 1-1 and the
0-1 it replaces would, instead of undercutting them (measured on MAC-Dev: strict F1 0.82 →
0.83, and with 1-4 and 2-3 beads allowed, 0.87).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from align.scores.base import BeadScorer, BlockCells, group_sum, prefix_sums

#: Longest bead side whose span vectors are precomputed (the longest in DEFAULT_BEAD_TYPES).
MAX_SPAN = 6
#: Sides with more vectors than this get all their span vectors when the scorer is built.
EAGER_ROWS = 1000


def centre(vectors: np.ndarray) -> np.ndarray:
    """Subtract the mean vector and renormalise each row."""
    if len(vectors) == 0:
        return vectors
    centred = vectors - vectors.mean(axis=0, keepdims=True)
    norms = np.linalg.norm(centred, axis=1, keepdims=True)
    return centred / np.maximum(norms, 1e-9)


def _span_vectors(vectors: np.ndarray, width: int,
                  pre: np.ndarray | None = None) -> np.ndarray:
    """Row ``e`` (for ``e >= width``): the normalised sum of ``vectors[e-width:e]``
    (``pre``: the vectors' prefix sums, if already computed)."""
    if pre is None:
        pre = prefix_sums(vectors)
    out = np.zeros_like(pre, dtype=np.float32)
    if len(vectors) < width:
        return out
    # A few hundred rows at a time (each row's figures are its own): the temporaries stay
    # in cache instead of being fresh memory as large as the table (13 -> 5 ms on 5,600
    # vectors of 512).
    for start in range(width, len(pre), _ROWS):
        stop = min(start + _ROWS, len(pre))
        s = pre[start:stop] - pre[start - width:stop - width]
        # np.linalg.norm(s, axis=1) is sqrt(add.reduce(s.conj() * s)); a real array's
        # conjugate is a copy of it, not needed here.
        norms = np.sqrt(np.add.reduce(s * s, axis=1, keepdims=True))
        out[start:stop] = np.divide(s, np.maximum(norms, 1e-9), out=s)
    return out


#: Rows of span vectors computed at a time.
_ROWS = 512


def random_pair_distance(source: np.ndarray, target: np.ndarray, samples: int = 2000,
                         seed: int = 0) -> float:
    """Mean ``1 - cos`` over random source/target pairs (the chance level).

    ``einsum`` gives each row's figure whatever the other rows, so the cosines are
    computed :data:`_CHUNK` pairs at a time (gathering all 2,000 pairs' vectors at once,
    megabytes of fresh memory, cost up to ten times more; so did 500 at a time, at
    times), and when there are fewer pairs than twice the samples, once per distinct pair
    drawn; the mean is the same."""
    if len(source) == 0 or len(target) == 0:
        return 1.0
    rng = np.random.default_rng(seed)
    i = rng.integers(0, len(source), samples)
    j = rng.integers(0, len(target), samples)
    again = None
    if len(source) * len(target) < 2 * samples:
        _, first, again = np.unique(i * len(target) + j, return_index=True,
                                    return_inverse=True)
        i, j = i[first], j[first]
    cos = np.concatenate([np.einsum("ij,ij->i", source[i[k:k + _CHUNK]], target[j[k:k + _CHUNK]])
                          for k in range(0, max(len(i), 1), _CHUNK)])
    if again is not None:
        cos = cos[again.reshape(-1)]
    return float(max(np.mean(1.0 - cos), 1e-3))


#: Pairs whose cosines :func:`random_pair_distance` computes at a time (timeit, 80 x 75
#: vectors of 512: 128 at a time ~0.55 ms, 500 at a time 0.5 to 5 ms).
_CHUNK = 128


class _Spans:
    """Span vectors of one side by width (``spans[w]``, see :func:`_span_vectors`), each
    computed when first asked for: blocks use widths up to 4 only, and a page of short
    blocks none of the widest. A side of more than :data:`EAGER_ROWS` vectors gets every
    width at once, and its prefix sums are let go at once: kept, they would sit in memory
    beside the search's tables (a long text uses every width anyway). With ``defer``, that
    happens at the first width asked for, not at once: a window of a long document searches
    its blocks first (from the prefix sums) while the sentences' widths are not yet needed,
    so they do not sit beside the block search's tables (24 MiB less at the peak of a 1 MB
    document's alignment)."""

    def __init__(self, vectors: np.ndarray, defer: bool = False) -> None:
        self._vectors = vectors
        self._prefix: np.ndarray | None = prefix_sums(vectors)
        self._widths: dict[int, np.ndarray] = {}
        self._all_at_once = len(vectors) > EAGER_ROWS
        if self._all_at_once and not defer:
            self._make_all()

    def _make_all(self) -> None:
        for width in range(1, MAX_SPAN + 1):
            if width not in self._widths:
                self._widths[width] = _span_vectors(self._vectors, width, self.prefix)
        self._prefix = None

    @property
    def prefix(self) -> np.ndarray:
        """The vectors' prefix sums: they serve every width, and the blocks' sums. Let go
        once every width is made (a long document's table is tens of MB), made again if
        asked for after that."""
        if self._prefix is None:
            return prefix_sums(self._vectors)
        return self._prefix

    def __getitem__(self, width: int) -> np.ndarray:
        found = self._widths.get(width)
        if found is None:
            if not 1 <= width <= MAX_SPAN:
                raise IndexError(f"span width {width} outside 1..{MAX_SPAN}")
            if self._all_at_once:
                self._make_all()
                return self._widths[width]
            found = self._widths[width] = _span_vectors(self._vectors, width, self.prefix)
            if len(self._widths) == MAX_SPAN:
                self._prefix = None
        return found


class EmbeddingScorer(BeadScorer):
    """Cost ``(1 - cos) / chance`` between the summed vectors of the two sides."""

    name = "embeddings"

    def __init__(self, source_vectors: np.ndarray, target_vectors: np.ndarray,
                 centred: bool = True, defer: bool = False) -> None:
        """``defer``: long sides make their span vectors when first asked for, not now
        (see :class:`_Spans`)."""
        src = np.asarray(source_vectors, dtype=np.float32)
        tgt = np.asarray(target_vectors, dtype=np.float32)
        if centred:
            src, tgt = centre(src), centre(tgt)
        self.source_vectors, self.target_vectors = src, tgt
        self.chance = random_pair_distance(src, tgt)
        self._src, self._tgt = _Spans(src, defer), _Spans(tgt, defer)

    def similarity(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        """Cosine between the span vectors for each ``j`` in ``js``."""
        u = self._src[a][i]
        lo, hi = int(js[0]), int(js[-1]) + 1
        # A contiguous slice avoids copying rows that a fancy index would gather.
        return (self._tgt[b][lo:hi] @ u)[js - lo]

    def cost(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        return (1.0 - self.similarity(a, b, i, js)) / self.chance * ((a + b) / 2.0)

    def band_cost(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        out = np.empty(cols.shape)
        src, tgt = self._src[a], self._tgt[b]
        # A few hundred rows at a time: one matrix product against the columns they span,
        # then the band's cells picked out (the product over all rows would be n × m).
        for start in range(0, len(rows), 256):
            r, c = rows[start:start + 256], cols[start:start + 256]
            lo, hi = int(c.min()), int(c.max()) + 1
            out[start:start + 256] = np.take_along_axis(src[r] @ tgt[lo:hi].T, c - lo, 1)
        # (1 - cos) / chance * (a + b) / 2, in place: the same operations in the same order.
        np.subtract(1.0, out, out=out)
        out /= self.chance
        out *= (a + b) / 2.0
        return out

    def block_cost(self, cells: BlockCells) -> np.ndarray:
        """:meth:`band_cost` of every bead of ``cells``: one matrix product per shape, of
        the very arrays :meth:`band_cost` multiplies (BLAS rounds a product differently
        for other shapes), and the rest at once."""
        out = np.empty(cells.size)
        scale = np.empty(cells.size)
        n, m, i0, j0 = cells.n, cells.m, cells.i0, cells.j0
        for (a, b), part in zip(cells.shapes, cells.parts, strict=True):
            # Row slices, not gathered copies: the same rows, so the same products.
            out[part] = (self._src[a][a + i0:n + i0 + 1]
                         @ self._tgt[b][b + j0:m + j0 + 1].T).ravel()
            scale[part] = (a + b) / 2.0
        return (1.0 - out) / self.chance * scale

    def tiny_block_cost(self, cells: BlockCells) -> list[float]:
        """:meth:`block_cost` in plain Python floats: the same matrix products, then the
        same IEEE operations."""
        n, m, i0, j0 = cells.n, cells.m, cells.i0, cells.j0
        chance = self.chance
        out: list[float] = []
        for a, b in cells.shapes:
            cos = (self._src[a][a + i0:n + i0 + 1]
                   @ self._tgt[b][b + j0:m + j0 + 1].T).ravel().tolist()
            scale = (a + b) / 2.0
            out += [(1.0 - c) / chance * scale for c in cos]
        return out

    def grouped(self, source_groups: Sequence[range],
                target_groups: Sequence[range]) -> EmbeddingScorer:
        src = group_sum(self.source_vectors, source_groups, self._src.prefix)
        tgt = group_sum(self.target_vectors, target_groups, self._tgt.prefix)
        src /= np.maximum(np.linalg.norm(src, axis=1, keepdims=True), 1e-9)
        tgt /= np.maximum(np.linalg.norm(tgt, axis=1, keepdims=True), 1e-9)
        return EmbeddingScorer(src, tgt, centred=False)

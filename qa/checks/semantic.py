"""Semantic evidence for the alignment checks: sentence similarities judged per document.

Cosines of sentence embeddings are not comparable across documents or models (a literary
chapter translated freely scores lower than a technical text), so every judgement here is
relative to the document itself: how a pair's similarity compares with the document's
aligned pairs (``z_aligned``) and with pairs of unrelated sentences (``z_chance``). The
vectors are computed once per document (:func:`semantic_evidence` caches them on the
:class:`~qa.checks.base.AlignedDocument`) from the aligner's model and cache; without the
model the checks fall back to length and anchor evidence.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from align.alignment import SentencePair
from qa.core.run import AlignedDocument, CheckContext

if TYPE_CHECKING:
    from align.similarity import SentenceVectors

#: Pairs a document needs before its own distribution of similarities means anything.
MIN_PAIRS = 12
#: Never treat the spread of similarities as narrower than this (a very regular document
#: would otherwise make every ordinary pair an outlier).
MIN_SPREAD = 0.08


@dataclass
class DocumentSimilarity:
    """One document's sentence vectors and the distribution of its pairs' similarities."""

    vectors: SentenceVectors
    aligned_median: float
    aligned_spread: float  # robust standard deviation (MAD × 1.4826)
    chance_mean: float
    chance_spread: float
    pairs: int

    @property
    def reliable(self) -> bool:
        """Whether the document has enough pairs for its distribution to be trusted."""
        return self.pairs >= MIN_PAIRS

    def between(self, source: Sequence[int], target: Sequence[int]) -> float:
        """Cosine between the summed vectors of source and target sentence indices."""
        return self.vectors.between(source, target)

    def pair(self, pair: SentencePair) -> float:
        """Similarity of a pair's two sides."""
        return self.between([s.index for s in pair.source], [t.index for t in pair.target])

    def z_aligned(self, similarity: float) -> float:
        """Standard deviations from the document's typical aligned pair (negative: worse)."""
        return (similarity - self.aligned_median) / self.aligned_spread

    def z_chance(self, similarity: float) -> float:
        """Standard deviations above the similarity of unrelated sentences of the document."""
        return (similarity - self.chance_mean) / self.chance_spread


def semantic_evidence(doc: AlignedDocument, ctx: CheckContext) -> DocumentSimilarity | None:
    """The document's similarity evidence, computed on first use and cached on ``doc``;
    None when the model is unavailable or ``semantic-evidence = false`` is configured."""
    if not ctx.settings.options.semantic_evidence:
        return None
    cached = getattr(doc, "_semantic", False)
    if cached is not False:
        return cached
    result = _measure(doc)
    doc._semantic = result  # type: ignore[attr-defined]
    return result


def _measure(doc: AlignedDocument) -> DocumentSimilarity | None:
    source, target = doc.alignment.source, doc.alignment.target
    from align.similarity import sentence_vectors  # numpy loads with the first document

    vectors = sentence_vectors([s.text for s in source.sentences],
                               [s.text for s in target.sentences])
    if vectors is None:
        return None
    full = [p for p in doc.pairs if p.source and p.target]
    sims = [vectors.between([s.index for s in p.source], [t.index for t in p.target])
            for p in full]
    if sims:
        median = statistics.median(sims)
        spread = 1.4826 * statistics.median(abs(x - median) for x in sims)
    else:
        median, spread = 0.0, 0.0
    values = _chance_similarities(vectors, full)
    return DocumentSimilarity(vectors, median, max(spread, MIN_SPREAD), float(values.mean()),
                              max(float(values.std()), MIN_SPREAD / 2), len(full))


#: Above this many sentence pairs the unrelated pairs are sampled, not all compared: the full
#: matrix grows with the square of the document (a 1 MB document pair: ~13,000² cosines).
MAX_CHANCE_CELLS = 250_000


def _chance_similarities(vectors: SentenceVectors, full: list[SentencePair]):  # noqa: ANN202
    """Similarities of sentence pairs that the alignment does not link: every such pair of a
    normal document, a seeded sample of ``MAX_CHANCE_CELLS`` of a very long one."""
    import numpy as np  # only when a document is measured: 'bitext rules' loads no numpy

    n, m = len(vectors.source), len(vectors.target)
    linked = {(s.index, t.index) for p in full for s in p.source for t in p.target}
    if n * m <= MAX_CHANCE_CELLS:
        matrix = vectors.matrix()
        chance = np.ones(matrix.shape, dtype=bool)
        for i, j in linked:
            chance[i, j] = False
        return matrix[chance] if chance.any() else np.zeros(1)
    rng = np.random.default_rng(0)
    rows = rng.integers(0, n, MAX_CHANCE_CELLS)
    cols = rng.integers(0, m, MAX_CHANCE_CELLS)
    keep = np.array([(i, j) not in linked for i, j in zip(rows.tolist(), cols.tolist(),
                                                          strict=True)])
    rows, cols = rows[keep], cols[keep]
    if not len(rows):
        return np.zeros(1)
    return np.einsum("ij,ij->i", vectors.source[rows], vectors.target[cols])

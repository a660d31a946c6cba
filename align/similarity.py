"""Sentence-level semantic similarity between the two sides of a document, for the checks.

The aligner turns embeddings into bead costs; the checks need the plain evidence underneath:
how similar each source sentence is to each target sentence, and a bead's side to a set of
sentences of the other side. Vectors come from the same model and disk cache as the
aligner's, so after an alignment this costs no model call. They are centred per document and
language (as the aligner does), which removes what all sentences of a document share and
makes cosines comparable within the document — never across documents, so users of these
numbers should judge them relative to the document's own distribution. The vectors are
made by :func:`qa.checks.semantic.document_vectors`, the one place that fetches and centres
them (in bounded memory).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

#: Centring needs enough sentences for the mean to be the document's, not one sentence's.
MIN_CENTRED = 8


@dataclass(frozen=True)
class SentenceVectors:
    """L2-normalised (and, for long enough documents, centred) vectors of both sides."""

    source: np.ndarray
    target: np.ndarray
    model: str

    def matrix(self) -> np.ndarray:
        """Cosine of every source sentence (rows) with every target sentence (columns)."""
        return self.source @ self.target.T

    def between(self, source: Sequence[int], target: Sequence[int]) -> float:
        """Cosine between the summed vectors of some source and some target sentences.

        >>> v = SentenceVectors(np.eye(3, dtype=np.float32), np.eye(3, dtype=np.float32), "t")
        >>> round(v.between([0, 1], [0]), 3)
        0.707
        """
        if not len(source) or not len(target):
            return 0.0
        a, b = summed_rows(self.source, source), summed_rows(self.target, target)
        # np.linalg.norm of a vector is sqrt(x.dot(x)): the same figures without its
        # argument checks, which cost more than the arithmetic on one vector.
        norm = float(np.sqrt(a.dot(a)) * np.sqrt(b.dot(b)))
        return float(a @ b / norm) if norm > 1e-12 else 0.0


def summed_rows(vectors: np.ndarray, rows: Sequence[int]) -> np.ndarray:
    """``vectors[rows].sum(axis=0)``; one row is its own sum (a one-row sum copies it)."""
    if len(rows) == 1:
        (only,) = rows
        return vectors[only]
    return vectors[list(rows)].sum(axis=0)


__all__ = ["MIN_CENTRED", "SentenceVectors"]

"""Sentence-level semantic similarity between the two sides of a document, for the checks.

The aligner turns embeddings into bead costs; the checks need the plain evidence underneath:
how similar each source sentence is to each target sentence, and a bead's side to a set of
sentences of the other side. Vectors come from the same model and disk cache as the
aligner's, so after an alignment this costs no model call. They are centred per document and
language (as the aligner does), which removes what all sentences of a document share and
makes cosines comparable within the document — never across documents, so users of these
numbers should judge them relative to the document's own distribution.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from align.cache import DEFAULT_CACHE_DIR, embed_texts
from align.embedding import DEFAULT_MODEL
from align.scores.embeddings import centre

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
        a, b = _summed(self.source, source), _summed(self.target, target)
        # np.linalg.norm of a vector is sqrt(x.dot(x)): the same figures without its
        # argument checks, which cost more than the arithmetic on one vector.
        norm = float(np.sqrt(a.dot(a)) * np.sqrt(b.dot(b)))
        return float(a @ b / norm) if norm > 1e-12 else 0.0


def _summed(vectors: np.ndarray, rows: Sequence[int]) -> np.ndarray:
    """``vectors[rows].sum(axis=0)``; one row is its own sum (a one-row sum copies it)."""
    if len(rows) == 1:
        (only,) = rows
        return vectors[only]
    return vectors[list(rows)].sum(axis=0)


def sentence_vectors(source_texts: Sequence[str], target_texts: Sequence[str], *,
                     model: str = DEFAULT_MODEL,
                     cache_dir: str | None = DEFAULT_CACHE_DIR) -> SentenceVectors | None:
    """Vectors for both sides, or None (with one warning on stderr) when the model is missing."""
    if not source_texts or not target_texts:
        return SentenceVectors(np.zeros((len(source_texts), 1), dtype=np.float32),
                               np.zeros((len(target_texts), 1), dtype=np.float32), model)
    embedded = embed_texts([*source_texts, *target_texts], model=model, cache_dir=cache_dir,
                           fallback="checks fall back to length and anchor evidence")
    if embedded is None:
        return None
    n = len(source_texts)
    vectors = np.asarray(embedded.vectors, dtype=np.float32)
    src, tgt = vectors[:n], vectors[n:]
    if min(len(src), len(tgt)) >= MIN_CENTRED:
        src, tgt = centre(src), centre(tgt)
    else:
        src = src / np.maximum(np.linalg.norm(src, axis=1, keepdims=True), 1e-9)
        tgt = tgt / np.maximum(np.linalg.norm(tgt, axis=1, keepdims=True), 1e-9)
    return SentenceVectors(src, tgt, embedded.model)


def similarity_matrix(source_texts: Sequence[str], target_texts: Sequence[str], *,
                      model: str = DEFAULT_MODEL,
                      cache_dir: str | None = DEFAULT_CACHE_DIR) -> np.ndarray | None:
    """Cosines (source rows × target columns) from the aligner's model; None without it."""
    vectors = sentence_vectors(source_texts, target_texts, model=model, cache_dir=cache_dir)
    return None if vectors is None else vectors.matrix()


__all__ = ["SentenceVectors", "sentence_vectors", "similarity_matrix"]

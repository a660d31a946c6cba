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

import math
import statistics
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from align.alignment import SentencePair
from align.defaults import DEFAULT_CACHE_DIR
from align.embedding import DEFAULT_MODEL
from align.memory import release_free_memory
from qa.core.run import AlignedDocument, CheckContext

if TYPE_CHECKING:
    import numpy as np

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
    vectors = document_vectors([s.text for s in source.sentences],
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
    chance_mean, chance_std = _chance_moments(vectors, full)
    if len(source.sentences) + len(target.sentences) > TRIM_ROWS:
        release_free_memory()  # the moments' float64 copies
    return DocumentSimilarity(vectors, median, max(spread, MIN_SPREAD), chance_mean,
                              max(chance_std, MIN_SPREAD / 2), len(full))


#: Rows taken at once in float64.
_CHUNK = 4096
#: Documents with more sentences than this (both sides) give the C heap's free pages back
#: after their moments (half a millisecond a call): at most 512 × 512 float64 cosines,
#: 2 MiB, are left behind by a smaller one.
TRIM_ROWS = 1024
#: Sentences whose vectors are fetched from the cache (or the model) at once.
EMBED_CHUNK = 4096
#: Documents with more sentences than this (both sides together) keep their vectors in a
#: temporary file (:class:`~qa.checks.vector_rows.SpilledRows`), not in memory: 32 MiB of
#: vectors, at 512 dimensions. A docs page has a few hundred sentences; 1 MB of text about
#: 25,000.
SPILL_ROWS = 16384


def document_vectors(source_texts: Sequence[str], target_texts: Sequence[str], *,
                     model: str = DEFAULT_MODEL, cache_dir: str | None = DEFAULT_CACHE_DIR,
                     chunk: int = EMBED_CHUNK,
                     spill_rows: int = SPILL_ROWS) -> SentenceVectors | None:
    """Centred (per side, as the aligner centres: :func:`align.scores.embeddings.centre`,
    float for float) and L2-normalised vectors of both sides from the aligner's model and
    cache, or None (with one warning on stderr) when the model is missing.

    Memory stays bounded for a long document: the vectors are fetched ``chunk`` sentences at
    a time into one float32 matrix (in a temporary file beyond ``spill_rows`` sentences),
    which is centred and normalised in place, ``chunk`` rows at a time. (Each side's mean is
    numpy's float32 sum over the rows, one row after the other, carried from chunk to
    chunk.) Stacking the cache's arrays and centring a copy held every vector three times at
    once: at 5 MB of text (128,000 sentences) about 3 × 250 MiB.
    """
    try:
        return _vectors(source_texts, target_texts, model, cache_dir, chunk, spill_rows)
    except OSError:  # the temporary file failed (no space, no writable folder): in memory
        return _vectors(source_texts, target_texts, model, cache_dir, chunk,
                        len(source_texts) + len(target_texts))


def _vectors(source_texts: Sequence[str], target_texts: Sequence[str], model: str,
             cache_dir: str | None, chunk: int, spill_rows: int) -> SentenceVectors | None:
    import numpy as np  # only when a document is measured: 'bitext rules' loads no numpy

    from align.cache import embed_texts
    from align.similarity import MIN_CENTRED, SentenceVectors
    from qa.checks.vector_rows import SpilledRows, read_rows, write_rows

    if not source_texts or not target_texts:
        return SentenceVectors(np.zeros((len(source_texts), 1), dtype=np.float32),
                               np.zeros((len(target_texts), 1), dtype=np.float32), model)
    texts = [*source_texts, *target_texts]
    n = len(source_texts)
    sides = (range(0, n), range(n, len(texts)))
    centred = min(n, len(texts) - n) >= MIN_CENTRED
    sums: list[np.ndarray | None] = [None, None]
    vectors: np.ndarray | None = None
    file = tempfile.TemporaryFile(prefix="bitext-vectors-") if len(texts) > spill_rows \
        else None
    dim = 0
    name = model
    for a in range(0, len(texts), chunk):
        embedded = embed_texts(texts[a:a + chunk], model=model, cache_dir=cache_dir,
                               fallback="checks fall back to length and anchor evidence")
        if embedded is None:
            return None
        rows = np.asarray(embedded.vectors, dtype=np.float32)
        name, dim = embedded.model, rows.shape[1]
        if file is not None:
            write_rows(file, 0, rows, at=a)
        else:
            if vectors is None:
                vectors = np.empty((len(texts), dim), dtype=np.float32)
            vectors[a:a + chunk] = rows
        for k, side in enumerate(sides):  # the running sums of the spilled rows
            lo, hi = max(a, side.start), min(a + len(rows), side.stop)
            if file is not None and centred and hi > lo:
                part = rows[lo - a:hi - a]
                sums[k] = np.add.reduce(part if sums[k] is None else
                                        np.concatenate([sums[k], part]), axis=0, keepdims=True)
        del embedded, rows
    out = []
    for k, side in enumerate(sides):
        if file is None:
            rows = vectors[side.start:side.stop]
            mean = rows.mean(axis=0, keepdims=True) if centred else None
        else:
            mean = np.true_divide(sums[k], np.intp(len(side)), out=sums[k],
                                  casting="unsafe") if centred else None
        for a in range(side.start, side.stop, chunk):
            b = min(a + chunk, side.stop)
            rows = vectors[a:b] if file is None else read_rows(file, 0, dim, a, b)
            if mean is not None:
                np.subtract(rows, mean, out=rows)
            norms = np.linalg.norm(rows, axis=1, keepdims=True)
            np.divide(rows, np.maximum(norms, 1e-9), out=rows)
            if file is not None:
                write_rows(file, 0, rows, at=a)
        out.append(vectors[side.start:side.stop] if file is None else
                   SpilledRows(file, side.start * dim * 4, len(side), dim))
    return SentenceVectors(out[0], out[1], name)


def _moments(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The column sums and the Gram matrix (XᵀX) of ``rows``, in float64, chunk by chunk."""
    import numpy as np

    dim = rows.shape[1] if rows.ndim == 2 else 0
    total = np.zeros(dim, dtype=np.float64)
    gram = np.zeros((dim, dim), dtype=np.float64)
    for a in range(0, len(rows), _CHUNK):
        block = np.asarray(rows[a:a + _CHUNK], dtype=np.float64)
        total += block.sum(axis=0)
        gram += block.T @ block
    return total, gram


#: Documents with at most this many sentence pairs (a few hundred sentences a side, 32 MiB
#: of float64 cosines) have their chance moments taken from the cosines themselves.
_DIRECT_CELLS = 1 << 22


def _direct_moments(src: np.ndarray, tgt: np.ndarray, linked: list[tuple[int, int]],
                    count: int) -> tuple[float, float]:
    """:func:`_chance_moments` from the n × m cosines: cheaper than two d × d Gram matrices
    when n·m < (n + m)·d, which is the case of a page of a few hundred sentences a side."""
    import numpy as np

    cells = np.asarray(src, dtype=np.float64) @ np.asarray(tgt, dtype=np.float64).T
    if linked:
        rows, cols = (np.array(x) for x in zip(*linked, strict=True))
        cells[rows, cols] = 0.0
    flat = cells.ravel()
    mean = float(flat.sum()) / count
    return mean, math.sqrt(max(float(flat @ flat) / count - mean * mean, 0.0))


def _matrix(rows: object) -> object:
    """``rows`` as an array, unless they are :class:`~qa.checks.vector_rows.SpilledRows`
    (read a block at a time)."""
    import numpy as np

    from qa.checks.vector_rows import SpilledRows

    return rows if isinstance(rows, SpilledRows) else np.asarray(rows)


def _chance_moments(vectors: SentenceVectors, full: list[SentencePair]) -> tuple[float, float]:
    """Mean and standard deviation of the similarities of every sentence pair the alignment
    does not link, exactly and in time linear in the document.

    The n × m matrix of cosines is never built (a 1 MB document pair has ~13,000² cells):
    with S and T the row-normalised vectors, the sum of all cells is ``ΣS · ΣT`` and the sum
    of their squares is ``⟨SᵀS, TᵀT⟩`` (two d × d Gram matrices); the linked cells are then
    taken out one by one.
    """
    import numpy as np  # only when a document is measured: 'bitext rules' loads no numpy

    from qa.checks.vector_rows import SpilledRows

    src, tgt = _matrix(vectors.source), _matrix(vectors.target)
    linked = sorted({(s.index, t.index) for p in full for s in p.source for t in p.target})
    count = len(src) * len(tgt) - len(linked)
    if count <= 0:
        return 0.0, 0.0
    dim = src.shape[1] if len(src) else 0
    if (len(src) * len(tgt) <= _DIRECT_CELLS and len(src) * len(tgt) < (len(src) + len(tgt)) * dim
            and not isinstance(src, SpilledRows) and not isinstance(tgt, SpilledRows)):
        return _direct_moments(src, tgt, linked, count)
    # In float64, a few thousand rows at a time: a 64-bit copy of both sides at once was most
    # of a long document's memory.
    (sum_s, gram_s), (sum_t, gram_t) = _moments(src), _moments(tgt)
    total = float(sum_s @ sum_t)
    squares = float(np.sum(gram_s * gram_t))
    if linked:
        rows, cols = (np.array(x) for x in zip(*linked, strict=True))
        cells = np.empty(len(rows), dtype=np.float64)
        for a in range(0, len(rows), _CHUNK):
            b = a + _CHUNK
            cells[a:b] = np.einsum("ij,ij->i", src[rows[a:b]].astype(np.float64),
                                   tgt[cols[a:b]].astype(np.float64))
        total -= float(cells.sum())
        squares -= float(cells @ cells)
    mean = total / count
    return mean, math.sqrt(max(squares / count - mean * mean, 0.0))

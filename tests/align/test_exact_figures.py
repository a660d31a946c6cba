"""The faster ways of computing the scorers' figures give the very floats of the plain ways
(the aligner's output must not change by a bit when it gets faster)."""

import numpy as np
import pytest

from align.scores.base import group_sum, prefix_sums
from align.scores.embeddings import EmbeddingScorer, random_pair_distance


@pytest.mark.parametrize("shape", [(0, 4), (1, 4), (7, 3), (40, 16), (300, 64)])
def test_prefix_sums_of_vectors_are_cumsums_down_the_columns(shape):
    values = np.random.default_rng(len(shape) + shape[0]).normal(size=shape).astype(np.float32)
    expected = np.zeros((shape[0] + 1, shape[1]))
    np.cumsum(values, axis=0, out=expected[1:])
    got = prefix_sums(values)
    assert got.dtype == np.float64
    assert got.tobytes() == expected.tobytes()


def test_prefix_sums_of_a_column():
    assert prefix_sums(np.array([3.0, 1.0, 2.0])).tolist() == [0.0, 3.0, 4.0, 6.0]


@pytest.mark.parametrize("sizes", [(1, 1), (3, 5), (20, 30), (44, 45), (80, 90)])
def test_random_pair_distance_counts_each_drawn_pair_once_to_the_same_mean(sizes):
    """Few sentences: pairs repeat among the 2,000 drawn, and each is computed once; the
    figure is the one of all 2,000 rows."""
    rng = np.random.default_rng(sizes[0])
    source = rng.normal(size=(sizes[0], 32)).astype(np.float32)
    target = rng.normal(size=(sizes[1], 32)).astype(np.float32)
    draw = np.random.default_rng(0)
    i = draw.integers(0, sizes[0], 2000)
    j = draw.integers(0, sizes[1], 2000)
    cos = np.einsum("ij,ij->i", source[i], target[j])
    assert random_pair_distance(source, target) == float(max(np.mean(1.0 - cos), 1e-3))


def test_grouped_embeddings_reuse_the_sentence_prefix_sums():
    rng = np.random.default_rng(3)
    scorer = EmbeddingScorer(rng.normal(size=(9, 8)), rng.normal(size=(7, 8)))
    groups_s, groups_t = [range(0, 4), range(4, 9)], [range(0, 2), range(2, 7)]
    grouped = scorer.grouped(groups_s, groups_t)
    src = group_sum(scorer.source_vectors, groups_s)
    src /= np.maximum(np.linalg.norm(src, axis=1, keepdims=True), 1e-9)
    assert grouped.source_vectors.tobytes() == src.astype(np.float32).tobytes()
    # Span widths are computed when asked for, and only widths 1..6 exist.
    assert grouped._src[2].shape == (3, 8)
    with pytest.raises(IndexError):
        grouped._src[7]

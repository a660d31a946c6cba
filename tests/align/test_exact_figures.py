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


def test_dictionary_rows_and_groups_count_what_pairs_count():
    from align.scores.lexicon import DictionaryScorer

    source = [{"cat", "dog"}, {"rain"}, set(), {"cat", "sun", "rain"}]
    target = [{"cat"}, {"dog", "rain"}, {"sun"}, {"moon"}, {"cat", "rain"}]
    scorer = DictionaryScorer(source, target, np.array([2.0, 1.0, 0.0, 3.0]),
                              np.array([1.0, 2.0, 1.0, 1.0, 2.0]))
    for u in range(len(source)):
        assert scorer._pair_row(u, 0, 5).tolist() == [scorer._pair(u, c) for c in range(5)]
    grouped = scorer.grouped([range(0, 2), range(2, 4)], [range(0, 3), range(3, 5)])
    assert np.diff(grouped._src_n).tolist() == [3.0, 3.0]
    assert np.diff(grouped._tgt_n).tolist() == [4.0, 3.0]
    assert grouped.source == [{"cat", "dog", "rain"}, {"cat", "sun", "rain"}]


def test_dictionary_rows_asked_together_are_the_rows_asked_one_by_one():
    from align.scores.lexicon import DictionaryScorer

    source = [{"cat", "dog"}, {"rain"}, set(), {"cat", "sun", "rain"}, {"owl"}]
    target = [{"cat"}, {"dog", "rain"}, {"sun"}, {"moon"}, {"cat", "rain"}]
    scorer = DictionaryScorer(source, target, np.ones(5), np.ones(5))
    units, starts, stops = np.array([3, 0, 2, 4, 1]), np.array([0, 1, 0, 2, 4]), \
        np.array([5, 5, 5, 4, 4])
    rows = scorer._pair_rows(units, starts, stops)
    assert rows.tolist() == [1.0, 1.0, 1.0, 0.0, 2.0, 1.0, 0.0, 0.0, 1.0,
                             0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    assert rows.tolist() == [x for u, c0, c1 in zip(units, starts, stops, strict=True)
                             for x in scorer._pair_row(int(u), int(c0), int(c1)).tolist()]
    # One number per distinct target word; unit c's numbers are its words'.
    assert sorted(scorer._number) == ["cat", "dog", "moon", "rain", "sun"]
    assert sorted(scorer._number.values()) == [0, 1, 2, 3, 4]
    words = {v: w for w, v in scorer._number.items()}
    assert [{words[int(k)] for k in scorer._tgt_ids[scorer._tgt_start[c]:scorer._tgt_start[c + 1]]}
            for c in range(5)] == target
    # The band's sums through the table: the same with the rows asked together or not.
    # (4 rows x 4 columns x 2 x 2 unit pairs: more than PairTable.SMALL, so rows are read.)
    band_rows, cols = np.array([2, 3, 4, 5]), np.tile(np.array([2, 3, 4, 5]), (4, 1))
    together = scorer._pairs.sums(2, 2, band_rows, cols)
    scorer._pairs._pair_rows = None
    scorer._pairs._stop[:] = 0
    one_by_one = scorer._pairs.sums(2, 2, band_rows, cols)
    assert together.tolist() == one_by_one.tolist()
    assert together[-1].tolist() == [2.0, 2.0, 1.0, 2.0]


def test_anchor_rows_asked_together_are_the_rows_asked_one_by_one():
    from collections import Counter

    from align.scores.anchors import AnchorScorer

    scorer = AnchorScorer([Counter({"#3": 2, "s:%": 1}), Counter(), Counter({"#5": 1})],
                          [Counter({"#3": 1}), Counter({"#3": 3, "s:%": 2}), Counter({"#7": 1}),
                           Counter({"#5": 2, "#3": 1})])
    units, starts, stops = np.array([0, 1, 2, 0]), np.array([0, 0, 1, 2]), np.array([4, 2, 4, 2])
    rows = scorer._pair_rows(units, starts, stops)
    assert rows.dtype == np.float64
    assert rows.tolist() == [1.0, 3.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0]
    assert rows.tolist() == [x for u, c0, c1 in zip(units, starts, stops, strict=True)
                             for x in scorer._pair_row(int(u), int(c0), int(c1)).tolist()]


def test_anchor_words_the_other_side_lacks_are_dropped():
    from collections import Counter

    from align.scores.anchors import AnchorScorer

    scorer = AnchorScorer([Counter({"w:nasa": 1, "#3": 1}), Counter({"#5": 2})],
                          [Counter({"#3": 1, "w:moon": 1}), Counter({"w:nasa": 1})])
    assert scorer.source == [Counter({"w:nasa": 1, "#3": 1}), Counter({"#5": 2})]
    assert scorer.target == [Counter({"#3": 1}), Counter({"w:nasa": 1})]
    assert scorer._pair(0, 0) == 1 and scorer._pair(0, 1) == 1 and scorer._pair(1, 0) == 0


@pytest.mark.parametrize("rows", [3, 50, 1300])  # 1,300: three chunks of rows
@pytest.mark.parametrize("width", [1, 2, 6])
def test_span_vectors_are_the_normalised_sums_by_linalg_norm(width, rows):
    from align.scores.embeddings import _span_vectors

    vectors = np.random.default_rng(width).normal(size=(rows, 24)).astype(np.float32)
    pre = prefix_sums(vectors)
    s = pre[width:] - pre[:-width]
    expected = np.zeros_like(pre, dtype=np.float32)
    expected[width:] = s / np.maximum(np.linalg.norm(s, axis=1, keepdims=True), 1e-9)
    assert _span_vectors(vectors, width).tobytes() == expected.tobytes()


@pytest.mark.parametrize("short_run", [-1, 3, 10**6])  # numpy only, both, Python only
def test_anchor_rows_count_what_pairs_count(short_run, monkeypatch):
    from collections import Counter

    import align.scores.anchors as anchors

    monkeypatch.setattr(anchors, "_SHORT_RUN", short_run)
    rng = np.random.default_rng(7)
    keys = [f"#{k}" for k in range(12)] + ["s:?", "q:open"]
    side = [[Counter({keys[x]: int(rng.integers(1, 3)) for x in rng.integers(0, 14, 5)})
             for _ in range(30)] for _ in range(2)]
    scorer = anchors.AnchorScorer(*side)
    for u in range(30):
        for c0, c1 in ((0, 30), (5, 17), (29, 30)):
            assert scorer._pair_row(u, c0, c1).tolist() == \
                [float(scorer._pair(u, c)) for c in range(c0, c1)]


def test_span_prefix_is_let_go_once_every_width_is_made():
    from align.scores.embeddings import MAX_SPAN

    rng = np.random.default_rng(4)
    scorer = EmbeddingScorer(rng.normal(size=(9, 8)), rng.normal(size=(7, 8)))
    before = scorer.grouped([range(0, 9)], [range(0, 7)]).source_vectors.tobytes()
    for width in range(1, MAX_SPAN + 1):
        scorer._src[width]
    assert scorer._src._prefix is None and scorer._tgt._prefix is not None
    # The blocks' sums are made again from the vectors: the same figures.
    assert scorer.grouped([range(0, 9)], [range(0, 7)]).source_vectors.tobytes() == before


def test_long_sides_get_every_span_width_at_once(monkeypatch):
    import align.scores.embeddings as embeddings

    monkeypatch.setattr(embeddings, "EAGER_ROWS", 8)
    rng = np.random.default_rng(6)
    scorer = EmbeddingScorer(rng.normal(size=(9, 8)), rng.normal(size=(7, 8)))
    assert scorer._src._prefix is None and len(scorer._src._widths) == embeddings.MAX_SPAN
    assert scorer._tgt._prefix is not None and not scorer._tgt._widths  # 7 rows: lazy
    eager = EmbeddingScorer(scorer.source_vectors, scorer.target_vectors, centred=False)
    monkeypatch.setattr(embeddings, "EAGER_ROWS", 1000)
    lazy = EmbeddingScorer(scorer.source_vectors, scorer.target_vectors, centred=False)
    for width in range(1, embeddings.MAX_SPAN + 1):
        assert eager._src[width].tobytes() == lazy._src[width].tobytes()


def test_deferred_long_sides_make_every_width_at_the_first_asked_for(monkeypatch):
    import align.scores.embeddings as embeddings

    monkeypatch.setattr(embeddings, "EAGER_ROWS", 8)
    rng = np.random.default_rng(6)
    vectors = rng.normal(size=(9, 8)), rng.normal(size=(7, 8))
    eager = EmbeddingScorer(*vectors)
    deferred = EmbeddingScorer(*vectors, defer=True)
    # Nothing made yet: the blocks' sums come from the kept prefix sums, the same figures.
    assert deferred._src._prefix is not None and not deferred._src._widths
    groups = [range(0, 4), range(4, 9)], [range(0, 7)]
    assert deferred.grouped(*groups).source_vectors.tobytes() == \
        eager.grouped(*groups).source_vectors.tobytes()
    assert deferred._src[3].tobytes() == eager._src[3].tobytes()
    assert deferred._src._prefix is None and len(deferred._src._widths) == embeddings.MAX_SPAN
    for width in range(1, embeddings.MAX_SPAN + 1):
        assert deferred._src[width].tobytes() == eager._src[width].tobytes()
    assert not deferred._tgt._widths  # 7 rows: each width when asked for, as before

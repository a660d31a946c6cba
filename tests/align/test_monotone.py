"""Monotone matching: the banded program against the full one it replaced (kept here as the
oracle), on random similarity grids with ties and bands of every shape."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from align.monotone import banded_pairs, monotone_pairs


def reference_pairs(similarity: list[list[float]], minimum: float) -> list[tuple[int, int]]:
    """align/monotone.py's ``monotone_pairs`` before bands, unchanged."""
    n = len(similarity)
    m = len(similarity[0]) if n else 0
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            s = similarity[i][j]
            take = s + best[i + 1][j + 1] if s >= minimum else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    out, i, j = [], 0, 0
    while i < n and j < m:
        s = similarity[i][j]
        if s >= minimum and best[i][j] == s + best[i + 1][j + 1]:
            out.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return out


def test_pairs_in_order_and_leaves_unlike_items_alone() -> None:
    # Item 2 is like target 0 and 1, but those are taken by better pairs earlier in order.
    assert monotone_pairs([[0.9, 0.1], [0.2, 0.8], [0.7, 0.6]], 0.5) == [(0, 0), (1, 1)]
    assert monotone_pairs([[0.4, 0.2]], 0.5) == []
    assert monotone_pairs([], 0.5) == []
    assert monotone_pairs([[], []], 0.5) == []


def test_band_keeps_an_item_from_a_better_pair_outside_it() -> None:
    sim = [[0.0, 0.0, 0.9], [0.0, 0.9, 0.0], [0.0, 0.0, 0.9]]
    assert monotone_pairs(sim, 0.5) == [(1, 1), (2, 2)]
    # Item 0 may only pair with target 0 (below the minimum): it stays alone, the rest agree.
    narrow = [range(0, 1), range(0, 2), range(1, 3)]
    assert banded_pairs(lambda i, j: sim[i][j], narrow, 3, 0.5) == [(1, 1), (2, 2)]


def test_similarity_is_asked_only_inside_the_bands() -> None:
    asked: list[tuple[int, int]] = []

    def similarity(i: int, j: int) -> float:
        asked.append((i, j))
        return 1.0 if i == j else 0.0

    bands = [range(max(0, i - 1), min(100, i + 2)) for i in range(100)]
    assert banded_pairs(similarity, bands, 100, 0.3) == [(i, i) for i in range(100)]
    assert all(abs(i - j) <= 1 for i, j in asked)
    assert len(asked) < 4 * 100


def test_bands_must_not_go_back() -> None:
    with pytest.raises(ValueError):
        banded_pairs(lambda i, j: 1.0, [range(1, 2), range(0, 2)], 2, 0.5)


@hs.composite
def _grids(draw: hs.DrawFn) -> tuple[list[list[float]], list[range], float]:
    n = draw(hs.integers(0, 9))
    m = draw(hs.integers(0, 9))
    # Few distinct values, so that equal totals (ties) are common.
    values = hs.sampled_from([0.0, 0.2, 0.3, 0.5, 0.6, 0.9, 1.0])
    sim = [[draw(values) for _ in range(m)] for _ in range(n)]
    starts = sorted(draw(hs.lists(hs.integers(0, m), min_size=n, max_size=n)))
    stops = sorted(draw(hs.lists(hs.integers(0, m), min_size=n, max_size=n)))
    bands = [range(min(a, b), b) for a, b in zip(starts, stops, strict=True)]
    # min(a, b) can break the starts' order: lift each start to at least the previous one
    # (still at most its stop, which is at least the previous stop).
    fixed: list[range] = []
    for band in bands:
        start = max(band.start, fixed[-1].start if fixed else 0)
        fixed.append(range(min(start, band.stop), band.stop))
    return sim, fixed, draw(hs.sampled_from([0.3, 0.5]))


@settings(max_examples=400, deadline=None)
@given(_grids())
def test_banded_matches_the_full_program_with_pairs_outside_the_bands_masked(grid) -> None:
    sim, bands, minimum = grid
    m = len(sim[0]) if sim else 0
    masked = [[s if j in band else -1.0 for j, s in enumerate(row)]
              for row, band in zip(sim, bands, strict=True)]
    assert banded_pairs(lambda i, j: sim[i][j], bands, m, minimum) == \
        reference_pairs(masked, minimum)
    assert monotone_pairs(sim, minimum) == reference_pairs(sim, minimum)

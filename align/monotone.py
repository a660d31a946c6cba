"""Monotone matching: the order-preserving one-to-one pairing of two sequences that
maximises the summed similarity of its pairs (items too unlike any counterpart stay alone).

Used to pair code blocks of a document pair and the edited sentences of two versions of a
file. The dynamic program fills one cell per pair it may take: every pair for short
sequences (quadratic), a band of pairs near the diagonal for long ones (linear in their
length times the band's width).

>>> monotone_pairs([[0.9, 0.1], [0.2, 0.8], [0.7, 0.6]], minimum=0.5)
[(0, 0), (1, 1)]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence


def monotone_pairs(similarity: Sequence[Sequence[float]],
                   minimum: float) -> list[tuple[int, int]]:
    """``(i, j)`` pairs, increasing in both, of the best-scoring monotone matching in which
    every pair's ``similarity[i][j]`` is at least ``minimum``."""
    n = len(similarity)
    m = len(similarity[0]) if n else 0
    return banded_pairs(lambda i, j: similarity[i][j], [range(m)] * n, m, minimum)


def banded_pairs(similarity: Callable[[int, int], float], bands: Sequence[range], m: int,
                 minimum: float) -> list[tuple[int, int]]:
    """:func:`monotone_pairs` of ``len(bands)`` source items and ``m`` target items in which
    source item ``i`` may pair only with the targets in ``bands[i]``: the same matching, with
    the same choice among equal ones, as if every pair outside the bands were less similar
    than ``minimum``. ``similarity(i, j)`` is called only inside the bands, whose starts and
    stops must not decrease from one item to the next.

    >>> sim = [[0.9, 0.8, 0.0], [0.0, 0.9, 0.0], [0.0, 0.0, 0.9]]
    >>> banded_pairs(lambda i, j: sim[i][j], [range(0, 1), range(0, 2), range(2, 3)], 3, 0.5)
    [(0, 0), (1, 1), (2, 2)]
    """
    n = len(bands)
    lo = [b.start for b in bands]
    hi = [b.stop for b in bands]
    if any(lo[k] > lo[k + 1] or hi[k] > hi[k + 1] for k in range(n - 1)):
        raise ValueError("the bands' starts and stops must not decrease")
    # rows[i][j - lo[i]] is the best total of the pairs among source items ≥ i and target
    # items ≥ j, for lo[i] ≤ j ≤ hi[i]. Left of its band a row's value is that at lo[i] (no
    # later row reaches further left); right of it, the next row's (the row takes nothing
    # there). A row reads the next at columns ≤ hi[i] ≤ hi[i + 1], so never past its band.
    rows: list[list[float]] = [[] for _ in range(n)]

    def best(i: int, j: int) -> float:
        if i >= n or j >= m:
            return 0.0
        return rows[i][max(j - lo[i], 0)]

    for i in range(n - 1, -1, -1):
        start, stop = lo[i], hi[i]
        row = [0.0] * (stop - start + 1)
        row[-1] = best(i + 1, stop)
        for j in range(stop - 1, start - 1, -1):
            s = similarity(i, j)
            take = s + best(i + 1, j + 1) if s >= minimum else -1.0
            row[j - start] = max(take, best(i + 1, j), row[j - start + 1])
        rows[i] = row
    out, i, j = [], 0, 0
    # The walk never passes right of a band: at j == hi[i] the row's value is the next
    # row's, so it steps down.
    while i < n and j < m:
        here = best(i, j)
        s = similarity(i, j) if lo[i] <= j < hi[i] else None
        if s is not None and s >= minimum and here == s + best(i + 1, j + 1):
            out.append((i, j))
            i, j = i + 1, j + 1
        elif here == best(i + 1, j):
            i += 1
        else:
            j += 1
    return out

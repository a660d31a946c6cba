"""Monotone matching: the order-preserving one-to-one pairing of two sequences that
maximises the summed similarity of its pairs (items too unlike any counterpart stay alone).

Used to pair code blocks of a document pair and the edited sentences of two versions of a
file — small sequences, so a quadratic dynamic program.

>>> monotone_pairs([[0.9, 0.1], [0.2, 0.8], [0.7, 0.6]], minimum=0.5)
[(0, 0), (1, 1)]
"""

from __future__ import annotations

from collections.abc import Sequence


def monotone_pairs(similarity: Sequence[Sequence[float]],
                   minimum: float) -> list[tuple[int, int]]:
    """``(i, j)`` pairs, increasing in both, of the best-scoring monotone matching in which
    every pair's ``similarity[i][j]`` is at least ``minimum``."""
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

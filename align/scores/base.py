"""The interface every bead scorer implements, and helpers for scores over spans of units."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

import numpy as np


class BeadScorer(ABC):
    """One source of evidence about whether source units translate target units."""

    #: Short name recorded in the alignment's signature, e.g. ``"length"``.
    name: str = ""

    @abstractmethod
    def cost(self, a: int, b: int, i: int, js: np.ndarray) -> np.ndarray:
        """Cost of beads ``source[i-a:i] ↔ target[j-b:j]`` (``a, b >= 1``) for ``j`` in ``js``."""

    @abstractmethod
    def grouped(self, source_groups: Sequence[range],
                target_groups: Sequence[range]) -> BeadScorer:
        """The same scorer over units made of consecutive units (blocks of sentences)."""


def spans(prefix: np.ndarray, ends: np.ndarray, width: int) -> np.ndarray:
    """Sums over ``[end - width, end)`` from a prefix-sum array (``prefix[0] == 0``)."""
    return prefix[ends] - prefix[ends - width]


def prefix_sums(values: np.ndarray) -> np.ndarray:
    """``out[k] = values[:k].sum(axis=0)``, with a leading zero row."""
    out = np.zeros((len(values) + 1,) + values.shape[1:], dtype=np.float64)
    np.cumsum(values, axis=0, out=out[1:])
    return out


def group_sum(values: np.ndarray, groups: Sequence[range]) -> np.ndarray:
    """Sum ``values`` over each group of consecutive units."""
    pre = prefix_sums(values)
    starts = np.array([g.start for g in groups], dtype=np.int64)
    stops = np.array([g.stop for g in groups], dtype=np.int64)
    return pre[stops] - pre[starts]

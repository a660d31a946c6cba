"""Per-sentence features (anchors, dictionary words) kept from one window of a long document
to the next, so that the sentences two windows share are read once.

A long document is aligned in overlapping windows (:func:`align.structure._windowed`): each
window starts inside the one before, so a quarter or more of its sentences were just read.
What a scorer draws from one sentence alone (its anchors, its dictionary words) does not
depend on the window; the document statistics built over them (shared words, common words)
do, and are still made per window from the full lists.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any


class FeatureMemo:
    """Features of the last window's sentences, by scorer name and side (0 source, 1 target).

    >>> memo = FeatureMemo()
    >>> read = []
    >>> def lengths(texts):
    ...     read.extend(texts)
    ...     return [len(t) for t in texts]
    >>> memo.at(0, 0).features("length", 0, ["a", "bb", "ccc"], lengths)
    [1, 2, 3]
    >>> memo.at(1, 0).features("length", 0, ["bb", "ccc", "dddd"], lengths)
    [2, 3, 4]
    >>> read
    ['a', 'bb', 'ccc', 'dddd']
    """

    def __init__(self) -> None:
        #: (name, side) -> (global position of the first sentence, its features in order).
        self._held: dict[tuple[str, int], tuple[int, list[Any]]] = {}

    def at(self, source_start: int, target_start: int) -> WindowFeatures:
        """The view of a window whose first sentences are at these global positions."""
        return WindowFeatures(self, (source_start, target_start))

    def _features(self, name: str, side: int, start: int, texts: Sequence[str],
                  compute: Callable[[Sequence[str]], list[Any]]) -> list[Any]:
        held = self._held.get((name, side))
        reuse: list[Any] = []
        if held is not None:
            held_start, values = held
            if held_start <= start < held_start + len(values):
                reuse = values[start - held_start:start - held_start + len(texts)]
        out = reuse + compute(texts[len(reuse):])
        self._held[(name, side)] = (start, out)
        return out


class WindowFeatures:
    """One window's view of a :class:`FeatureMemo`."""

    def __init__(self, memo: FeatureMemo, starts: tuple[int, int]) -> None:
        self._memo, self._starts = memo, starts

    def features(self, name: str, side: int, texts: Sequence[str],
                 compute: Callable[[Sequence[str]], list[Any]]) -> list[Any]:
        """``compute(texts)``, reusing the features of the sentences the last window held
        (``compute`` must give one value per text, each from that text alone)."""
        return self._memo._features(name, side, self._starts[side], texts, compute)


def features_of(memo: WindowFeatures | None, name: str, side: int, texts: Sequence[str],
                compute: Callable[[Sequence[str]], list[Any]]) -> list[Any]:
    """``compute(texts)``, through ``memo`` when there is one."""
    return compute(texts) if memo is None else memo.features(name, side, texts, compute)

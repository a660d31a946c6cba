"""Bead scorers: each module turns one kind of evidence into a cost for a candidate bead.

Every scorer has the same verb, ``cost(a, b, i, js)``: the cost of pairing source units
``[i-a, i)`` with target units ``[j-b, j)`` for each ``j`` in ``js`` (lower is better), and
``grouped(source_groups, target_groups)``, the same evidence over groups of units (blocks
made of sentences). They know nothing about the search.
"""

from align.scores.base import BeadScorer, spans

__all__ = ["BeadScorer", "spans"]

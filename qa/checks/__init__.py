"""The check catalogue: one class per check, grouped by theme, found through one registry.

Helpers that only checks use live here too (``spans``, ``lengths``, ``semantic``,
``changes``); they import from ``qa.core`` and ``align``, never from the rules.
"""

from qa.checks.base import REGISTRY, Check, register

__all__ = ["REGISTRY", "Check", "register"]

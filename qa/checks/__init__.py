"""The check catalogue: one class per check, grouped by theme, found through one registry.

Helpers that only checks use live here too (``spans``, ``lengths``, ``semantic``,
``changes``); they import from ``qa.core`` and ``align``, never from the rules.
"""

import importlib
import pkgutil

from qa.checks.base import REGISTRY, Check, register


def load_checks() -> dict[str, type[Check]]:
    """Import every module of the catalogue so their ``@register`` lines run; the registry.
    (Here rather than in the pipeline, so that ``bitext rules`` loads no aligner.)"""
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    return REGISTRY


__all__ = ["REGISTRY", "Check", "load_checks", "register"]

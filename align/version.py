"""The installed bitext version: the one place every signature and report reads it from.

It is read from the package metadata on first use (``importlib.metadata`` costs a start-up
that ``bitext --help`` and ``bitext rules`` do not need).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def installed_version() -> str:
    """The installed version (``0+unknown`` in a source tree that is not installed)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("bitext")
    except PackageNotFoundError:  # a source tree that is not installed
        return "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        return installed_version()
    raise AttributeError(f"module 'align.version' has no attribute {name!r}")

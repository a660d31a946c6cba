"""The installed bitext version: the one place every signature and report reads it from."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def _installed() -> str:
    try:
        return version("bitext")
    except PackageNotFoundError:  # a source tree that is not installed
        return "0+unknown"


__version__ = _installed()

"""The bitext version, for signatures, reports and ``--version`` (read from ``align``)."""

from __future__ import annotations

from align.version import installed_version


def version() -> str:
    """The installed version (``0+unknown`` in a source tree that is not installed)."""
    return installed_version()

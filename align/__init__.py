"""Sentence and block alignment of Chinese–English document pairs.

The names below load on first use, so that importing a light module of the package (its
errors, positions or version) does not load numpy and the aligner.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_LAZY = {"AlignerConfig": "align.aligner", "align_sentences": "align.aligner",
         "align_documents": "align.structure"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    if name == "__version__":
        from align.version import installed_version

        return installed_version()
    raise AttributeError(f"module 'align' has no attribute {name!r}")


__all__ = ["AlignerConfig", "align_documents", "align_sentences", "__version__"]

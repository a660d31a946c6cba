"""Sentence and block alignment of Chinese–English document pairs."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("bitext")
except PackageNotFoundError:  # a source tree that is not installed
    __version__ = "0+unknown"

from align.aligner import AlignerConfig, align_sentences  # noqa: E402
from align.structure import align_documents  # noqa: E402

__all__ = ["AlignerConfig", "align_documents", "align_sentences", "__version__"]

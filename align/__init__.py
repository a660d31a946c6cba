"""Sentence and block alignment of Chinese–English document pairs."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("bitext")
except PackageNotFoundError:  # a source tree that is not installed
    __version__ = "0+unknown"

from align.aligner import AlignerConfig, align_sentences  # noqa: E402

__all__ = ["AlignerConfig", "align_sentences", "__version__"]

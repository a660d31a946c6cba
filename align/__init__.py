"""Sentence and block alignment of Chinese–English document pairs."""

from __future__ import annotations

from align.aligner import AlignerConfig, align_sentences
from align.structure import align_documents
from align.version import __version__

__all__ = ["AlignerConfig", "align_documents", "align_sentences", "__version__"]

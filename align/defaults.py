"""The aligner's default settings that the command line shows before anything is aligned:
names only, so that building ``bitext``'s parser loads neither the aligner nor the cache."""

from __future__ import annotations

#: Every kind of evidence the aligner can use, and the ones it uses by default.
ALL_SCORES = ("length", "anchors", "dictionary", "embeddings")
DEFAULT_SCORES = ALL_SCORES
#: Folder of the embedding cache, relative to the working folder.
DEFAULT_CACHE_DIR = ".bitext-cache"

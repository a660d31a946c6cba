"""Read user files into text: strict UTF-8 first, then careful detection, never a silent guess.

Order: a byte-order mark decides (UTF-8, UTF-16, UTF-32); else strict UTF-8; else, for files
that are not binary, charset-normalizer's best guess — accepted only for the encodings it is
reliable on here (UTF-16/32 and the GB family, which is decoded as GB18030, its superset) and
reported in ``notice`` (as is a UTF-16/32 byte-order mark). Anything else is refused with
the offset of the first invalid byte. Line endings are kept as they are (CRLF stays CRLF), so
positions match what an editor shows.

Writing goes the other way through one function, :func:`write_atomic`: every file bitext
writes (glossaries, baselines, reports, split documents, caches) appears whole or not at all.
"""

from __future__ import annotations

import codecs
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from align.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# charset-normalizer names it is trusted on (measured: right on UTF-16 and on GB18030 texts of
# ten or more Han characters; wrong on very short ones, hence the Han-count guard below).
_TRUSTED = {
    "utf_16": "utf-16", "utf_16_le": "utf-16-le", "utf_16_be": "utf-16-be",
    "utf_32": "utf-32", "utf_32_le": "utf-32-le", "utf_32_be": "utf-32-be",
    "gb18030": "gb18030", "gbk": "gb18030", "gb2312": "gb18030", "hz": None,
}


@dataclass(frozen=True)
class DecodedText:
    """A file's text and how it was decoded; ``notice`` is set when the encoding was detected."""

    text: str
    encoding: str
    notice: str | None = None


def decode_bytes(data: bytes, path: str, encoding: str | None = None) -> DecodedText:
    """Decode ``data`` (the content of ``path``) or raise a one-line :class:`InputError`.

    >>> decode_bytes("中文".encode(), "a.md").encoding
    'utf-8'
    """
    if not data.strip():
        raise InputError(path, "empty file" if not data else "empty file (only whitespace)")
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(path, f"unknown encoding {encoding!r}") from None
        return DecodedText(_strict(data, encoding, path), encoding)
    for bom, name in _BOMS:
        if data.startswith(bom):
            text = _strict(data, name, path)
            if not text.strip():
                raise InputError(path, "empty file (only a byte-order mark or whitespace)")
            # UTF-8 with a BOM is still UTF-8; UTF-16/32 are worth a word to the user.
            notice = None if name == "utf-8-sig" else \
                f"{path}: decoded as {name.upper()} (byte-order mark)"
            return DecodedText(text, name, notice)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _detect(data, path, exc)
    if "\x00" in text:
        # ASCII text in UTF-16 without a BOM is valid UTF-8 full of NULs.
        return _detect(data, path, None)
    return DecodedText(text, "utf-8")


def read_text(path: str | Path, encoding: str | None = None) -> DecodedText:
    """Read and decode a file; every problem becomes ``InputError("PATH: problem")``."""
    return decode_bytes(read_bytes(path), str(path), encoding)


def read_utf8_range(path: str | Path, start: int, end: int) -> str:
    """Bytes ``[start, end)`` of a UTF-8 file, decoded (a part of a long file whose
    boundaries fall between characters); problems are an InputError as for :func:`read_text`."""
    try:
        with open(path, "rb") as handle:
            handle.seek(start)
            data = handle.read(end - start)
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror}") from None
    return _strict(data, "utf-8", str(path))


def read_bytes(path: str | Path) -> bytes:
    """A file's bytes; a missing file, a folder or an unreadable file is an InputError."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory, expected a file") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror}") from None


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not valid {encoding}: invalid byte 0x{data[exc.start]:02x} "
                               f"at offset {exc.start}") from None


def _detect(data: bytes, path: str, exc: UnicodeDecodeError | None) -> DecodedText:
    at = exc.start if exc else data.index(0)
    refusal = InputError(
        path,
        f"not valid UTF-8: invalid byte 0x{data[at]:02x} at offset {at} "
        "(save it as UTF-8; bitext split and segment also take --encoding)",
    )
    name = _utf16_without_bom(data)
    if name:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            text = ""
        if text and _plausible(text):
            return DecodedText(text, name, f"{path}: decoded as {name.upper()} (no BOM)")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or (b"\x00" in data and not best.encoding.startswith("utf_")):
        if b"\x00" in data:
            raise InputError(path, "binary file (contains NUL bytes); expected text")
        raise refusal
    name = _TRUSTED.get(best.encoding)
    if not name:
        raise refusal
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        raise refusal from None
    # Counted over the common ideographs (U+4E00–U+9FFF), the range the guard was measured
    # with, not align.script's whole Han range: rare ideographs are weak evidence of Chinese.
    if name == "gb18030" and sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff") < 10:
        raise refusal  # too short to trust the guess
    return DecodedText(text, name, f"{path}: not UTF-8; decoded as {name.upper()} (detected)")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without BOM: ASCII characters put their NUL in the odd (LE) or even (BE) bytes."""
    if len(data) < 4 or len(data) % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    half = len(data) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _plausible(text: str) -> bool:
    return not any((ord(ch) < 32 and ch not in "\t\r\n") or "\ue000" <= ch <= "\uf8ff"
                   for ch in text)


def write_atomic(path: str | Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` all or nothing: a reader sees the old file or the new one.

    The bytes go to a temporary file in the same folder (so the rename stays on one file
    system), are flushed to disk, and the file is then renamed over ``path``; on any error
    the temporary file is removed and ``path`` is untouched. A replaced file keeps its
    permission bits (not its set-id bits); a new one gets the bits ``open()`` would give
    (``0o666`` less the umask). A symbolic link is written through: the file it points to
    is replaced and the link stays. With ``overwrite=False`` an existing ``path`` is never
    replaced: :class:`FileExistsError` is raised instead.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "a.txt"
    ...     write_atomic(path, b"one"); write_atomic(path, b"two")
    ...     print(path.read_bytes(), [p.name for p in path.parent.iterdir()])
    b'two' ['a.txt']
    """
    path = Path(os.path.realpath(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _written_temporary(path, [data])
    try:
        if overwrite:
            _keep_permissions(path, tmp)
            os.replace(tmp, path)
        else:
            _place_new(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)  # after a replace there is nothing left to remove
    _sync_folder(path.parent)


def write_new(names: Iterable[str | Path], chunks: Iterable[bytes]) -> Path:
    """Write ``chunks`` to a new file, all or nothing, named by the first of ``names`` that
    does not exist yet (all in one folder); return its path.

    The bytes go to a temporary file in the folder of the first name and are flushed to
    disk; only then does the file take a name, one that no existing file has (an existing
    file is never replaced). On any error the temporary file is removed and nothing is
    left. :class:`FileExistsError` if every name is taken.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     a, b = Path(folder) / "r.html", Path(folder) / "r-2.html"
    ...     print(write_new([a, b], [b"one"]).name, write_new([a, b], [b"t", b"wo"]).name,
    ...           b.read_bytes(), sorted(p.name for p in a.parent.iterdir()))
    r.html r-2.html b'two' ['r-2.html', 'r.html']
    """
    paths = [Path(os.path.realpath(n)) for n in names]
    if not paths:
        raise ValueError("write_new needs at least one name")
    folder = paths[0].parent
    folder.mkdir(parents=True, exist_ok=True)
    tmp = _written_temporary(paths[0], chunks)
    try:
        for path in paths:
            try:
                _place_new(tmp, path)
            except FileExistsError:
                continue
            _sync_folder(folder)
            return path
        raise FileExistsError(f"{paths[0]}: every name is taken")
    finally:
        tmp.unlink(missing_ok=True)


def _written_temporary(path: Path, chunks: Iterable[bytes]) -> Path:
    """A new hidden file next to ``path`` holding ``chunks``, flushed to disk (before a rename
    or link makes it a file of the user's); removed again if writing fails."""
    fd, tmp = _create_temporary(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _create_temporary(path: Path) -> tuple[int, Path]:
    """A new, empty hidden file next to ``path``, opened for writing.

    Not :func:`tempfile.mkstemp`: it creates files ``0o600``, and finding the umask to undo
    that means setting it, which races with other threads; ``os.open`` applies it for us.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"{path}: no free temporary file name next to it")


def _keep_permissions(path: Path, tmp: Path) -> None:
    """Give ``tmp`` the permission bits of the file it replaces, if there is one."""
    try:
        mode = path.stat().st_mode & 0o777  # never carry a set-id bit onto new content
    except FileNotFoundError:
        return
    os.chmod(tmp, mode)


def _place_new(tmp: Path, path: Path) -> None:
    """Move ``tmp`` to ``path`` only if ``path`` does not exist (FileExistsError if it does)."""
    try:
        os.link(tmp, path)  # atomic, and fails if path exists
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: reserve the name, then rename over it
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
        os.replace(tmp, path)


def _sync_folder(folder: Path) -> None:
    """Flush the folder entry of a renamed file, where the platform allows (not Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a folder; the data itself is on disk
    finally:
        os.close(fd)

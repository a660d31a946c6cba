"""Change a glossary file safely: under a lock, atomically, touching nothing else.

Every writer (``glossary add``, ``import --into``, ``extract --write``, ``review``) holds
a lock on the glossary for its whole read–modify–replace, so that writers running at the
same time take turns instead of losing each other's rows. The lock is a
:class:`filelock.FileLock` on a sidecar file, ``glossary.tsv.lock`` next to the glossary
(an OS lock: it is released when its holder exits, even by a crash, so it never goes
stale; the file itself may stay). A writer that waits longer than its timeout (10 s by
default) stops with a one-line error naming the glossary and the lock; a lock is never
broken.

Every byte of the existing file (comments, blank lines, order, line endings, a BOM) stays
as it is: new rows are appended, a review changes only the status field of the rows it
decides, and a row that needs a column the header lacks (a ``forbidden`` row in a plain
``en<TAB>zh`` file) adds that column at the end of the header line. The file is replaced
through :func:`align.textio.write_atomic`, so a crash leaves either the old or the new
file, and the file's permission bits are kept.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from align.errors import InputError
from align.textio import read_bytes, write_atomic
from qa.glossary.model import Entry, Glossary, Status
from qa.glossary.tsv import decode, format_row, is_comment, missing_columns, parse_tsv

DEFAULT_LOCK_TIMEOUT = 10.0  # seconds a writer waits for another one to finish


def lock_path(path: str | Path) -> Path:
    """The sidecar lock file of a glossary.

    >>> lock_path("corpus/glossary.tsv").name
    'glossary.tsv.lock'
    """
    p = Path(path)
    return p.with_name(p.name + ".lock")


@contextmanager
def locked(path: str | Path, timeout: float = DEFAULT_LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the glossary's lock; waiting longer than ``timeout`` seconds is an InputError."""
    from filelock import FileLock, Timeout  # loads with the first write, not with the CLI

    lock = lock_path(path)
    lock.parent.mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(str(lock), timeout=timeout):
            yield
    except Timeout:
        raise InputError(str(path), f"another writer has held the lock {lock} for more than "
                                    f"{timeout:g} s; nothing was changed (try again, or "
                                    "give --lock-timeout SECONDS)") from None


@dataclass
class _File:
    """A glossary file's text split into lines (each with its ``\\r``, if any)."""

    bom: bytes
    lines: list[str]

    @classmethod
    def read(cls, path: Path) -> _File:
        data = read_bytes(path)
        bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
        return cls(bom, decode(data, str(path)).split("\n"))

    def data(self) -> bytes:
        return self.bom + "\n".join(self.lines).encode()

    @property
    def newline(self) -> str:
        return "\r\n" if any(line.endswith("\r") for line in self.lines) else "\n"

    def header_index(self) -> int:
        return next(i for i, line in enumerate(self.lines) if not is_comment(line))

    def extend_header(self, names: tuple[str, ...]) -> None:
        """Add columns at the end of the header line, keeping its line ending."""
        i = self.header_index()
        line = self.lines[i]
        cr = "\r" if line.endswith("\r") else ""
        self.lines[i] = line.removesuffix("\r") + "".join(f"\t{n}" for n in names) + cr

    def append(self, rows: list[str]) -> list[int]:
        """Append rows (after a final line ending, added if missing); their line numbers."""
        nl = self.newline
        if self.lines[-1]:  # no final line ending yet
            self.lines[-1] += nl.removesuffix("\n")
            self.lines.append("")
        first = len(self.lines)
        self.lines[-1:] = [row + nl.removesuffix("\n") for row in rows] + [""]
        return list(range(first, first + len(rows)))


def _parsed(path: Path, f: _File) -> Glossary:
    glossary, problems = parse_tsv("\n".join(f.lines), str(path))
    if problems:
        raise InputError(str(path), f"{problems[0]} (fix the file before changing it)")
    return glossary


def duplicate_of(entry: Entry, entries: list[Entry]) -> Entry | None:
    """A row ``entry`` repeats: same English term (case-folded) and the same Chinese
    rendering (or one of its variants), or a second ``keep`` row."""
    for e in entries:
        same_zh = e.zh == entry.zh or (entry.zh and entry.zh in e.zh_forms)
        both_keep = e.status is Status.KEEP and entry.status is Status.KEEP
        if e.key == entry.key and (same_zh or both_keep):
            return e
    return None


@dataclass
class Appended:
    """What :func:`append_entries` did: line numbers of the new rows, the entries skipped
    as duplicates, and the columns it added to the header."""

    lines: list[int] = field(default_factory=list)
    skipped: list[Entry] = field(default_factory=list)
    new_columns: tuple[str, ...] = ()


def append_entries(path: str | Path, entries: list[Entry], *, skip_duplicates: bool = False,
                   timeout: float = DEFAULT_LOCK_TIMEOUT) -> Appended:
    """Append entries to the glossary at ``path`` (created if missing), under its lock.

    A duplicate (:func:`duplicate_of`) of a row or of an earlier new entry is skipped
    with ``skip_duplicates``, else refused (``InputError``, nothing written); so is a file
    with format problems.
    """
    p = Path(path)
    with locked(p, timeout):
        exists = p.exists()
        f = _File.read(p) if exists else _File(b"", [""])
        current = _parsed(p, f) if exists else Glossary()
        columns, known = current.columns, current.entries
        done = Appended()
        new: list[Entry] = []
        for entry in entries:
            dup = duplicate_of(entry, known + new)
            if dup is not None and not skip_duplicates:
                raise InputError(str(p), f"line {dup.line}: already in the glossary: "
                                         f"{format_row(dup, columns)!r}")
            (done.skipped if dup is not None else new).append(entry)
        if not new:
            return done
        done.new_columns = missing_columns(new, columns)
        columns += done.new_columns
        if not exists:
            f.lines = ["\t".join(columns), ""]
        elif done.new_columns:
            f.extend_header(done.new_columns)
        done.lines = f.append([format_row(e, columns) for e in new])
        write_atomic(p, f.data())  # keeps the file's permission bits
    return done


def set_statuses(path: str | Path, decisions: dict[tuple[str, str], Status],
                 timeout: float = DEFAULT_LOCK_TIMEOUT) -> list[Entry]:
    """Give ``proposed`` rows a new status, under the lock; the rows changed.

    ``decisions`` maps (concept key, zh) to the new status. The file is read again under
    the lock, so rows other writers added meanwhile stay; only the status field of each
    decided row changes.
    """
    p = Path(path)
    with locked(p, timeout):
        f = _File.read(p)
        glossary = _parsed(p, f)
        status_at = glossary.columns.index("status")  # proposed rows imply the column
        changed = []
        for e in glossary.proposals:
            new = decisions.get((e.key, e.zh))
            if new is None:
                continue
            line = f.lines[e.line - 1]
            cr = "\r" if line.endswith("\r") else ""
            fields = line.removesuffix("\r").split("\t")
            fields += [""] * (status_at + 1 - len(fields))
            fields[status_at] = new.value
            f.lines[e.line - 1] = "\t".join(fields) + cr
            changed.append(e)
        if changed:
            write_atomic(p, f.data())
    return changed

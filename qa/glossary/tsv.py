"""Read and write ``glossary.tsv``: one entry a line, a fixed header, ``#`` comments.

The format is plain UTF-8, tab-separated, diff-friendly::

    # comment lines and blank lines are allowed anywhere
    en	zh	status	variants	case	note	domain
    neuroplasticity	神经可塑性	approved
    PTSD		keep

Trailing columns may be omitted; ``status`` defaults to ``approved`` and ``case`` to
``insensitive``. :func:`parse_tsv` collects every problem (for ``glossary lint``);
:func:`load_glossary` raises :class:`~align.errors.InputError` at the first one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from align.errors import InputError
from align.script import has_han
from align.textio import read_bytes
from qa.glossary.model import COLUMNS, Entry, Glossary, Status

HEADER = "\t".join(COLUMNS)
_CASES = {"": False, "insensitive": False, "sensitive": True}


@dataclass(frozen=True)
class FormatProblem:
    """A row that breaks the format: 1-based line and column, and what is wrong."""

    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"


def parse_tsv(text: str, path: str | None = None) -> tuple[Glossary, list[FormatProblem]]:
    """Parse glossary text; rows with problems are skipped and reported, never guessed."""
    entries: list[Entry] = []
    problems: list[FormatProblem] = []
    header_line = 0
    for lineno, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line == HEADER:
            if header_line:
                problems.append(FormatProblem(lineno, 1, f"duplicate header (first on line "
                                                         f"{header_line})"))
            header_line = header_line or lineno
            continue
        if not header_line:
            problems.append(FormatProblem(lineno, 1, "expected the header line "
                                                     f"{HEADER!r} before any entry"))
            header_line = -1  # report it once; still read the rows
        entry, problem = _parse_row(line, lineno)
        if problem:
            problems.append(problem)
        else:
            assert entry is not None
            entries.append(entry)
    if not header_line:
        problems.append(FormatProblem(1, 1, f"missing header line {HEADER!r}"))
    return Glossary(entries, path), problems


def _parse_row(line: str, lineno: int) -> tuple[Entry | None, FormatProblem | None]:
    fields = line.split("\t")
    starts = [1]
    for f in fields[:-1]:
        starts.append(starts[-1] + len(f) + 1)

    def bad(i: int, message: str) -> tuple[None, FormatProblem]:
        return None, FormatProblem(lineno, starts[min(i, len(starts) - 1)], message)

    if len(fields) > len(COLUMNS):
        return bad(len(COLUMNS), f"{len(fields)} columns, expected at most {len(COLUMNS)}")
    if len(fields) < 2:
        return bad(0, "1 column, expected at least 2 (en, zh)")
    values = [f.strip() for f in fields] + [""] * (len(COLUMNS) - len(fields))
    en, zh, status, variants, case, note, domain = values
    if not en:
        return bad(0, "empty English term")
    if has_han(en):
        return bad(0, f"English term {en!r} contains Chinese characters")
    try:
        st = Status(status or "approved")
    except ValueError:
        return bad(2, f"unknown status {status!r} (expected one of "
                      f"{', '.join(s.value for s in Status)})")
    if not zh and st is not Status.KEEP:
        return bad(1, "empty Chinese term (only keep entries may leave zh empty)")
    if case not in _CASES:
        return bad(4, f"unknown case {case!r} (expected sensitive or insensitive)")
    parts = tuple(v.strip() for v in variants.split("|")) if variants else ()
    if any(not v for v in parts):
        return bad(3, "empty variant")
    return Entry(en, zh, st, parts, _CASES[case], note, domain, line=lineno), None


def decode(data: bytes, path: str | None) -> str:
    """UTF-8 text of a glossary file (a BOM is allowed); bad bytes name line and column."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        raise InputError(path, f"line {line}, column {column}: not valid UTF-8") from None


def load_glossary(path: str | Path) -> Glossary:
    """Load a ``glossary.tsv``; the first format problem raises ``InputError``."""
    p = str(path)
    data = read_bytes(path)
    glossary, problems = parse_tsv(decode(data, p), p)
    if problems:
        raise InputError(p, str(problems[0]))
    glossary.checksum = hashlib.sha256(data).hexdigest()
    return glossary


def format_row(entry: Entry) -> str:
    """One entry as a TSV line (no line ending); trailing empty columns are dropped."""
    values = [entry.en, entry.zh, entry.status.value, "|".join(entry.variants),
              "sensitive" if entry.case_sensitive else "", entry.note, entry.domain]
    for v in values:
        if "\t" in v or "\n" in v or "\r" in v:
            raise ValueError(f"glossary field {v!r} contains a tab or line break")
    while len(values) > 3 and not values[-1]:
        values.pop()
    return "\t".join(values)


def dump_tsv(glossary: Glossary) -> str:
    """The whole glossary as TSV text: header, then one row per entry."""
    return "".join(f"{line}\n" for line in [HEADER, *map(format_row, glossary.entries)])

"""Read and write ``glossary.tsv``: one entry a line, a header naming the columns, ``#`` comments.

The format is plain UTF-8, tab-separated, diff-friendly::

    # comment lines and blank lines are allowed anywhere
    en	zh	status	variants	case	note	domain
    neuroplasticity	神经可塑性	approved
    PTSD		keep

The header (the first line that is neither blank nor a comment) must name ``en`` and
``zh``; ``status``, ``variants``, ``case``, ``note`` and ``domain`` are optional, in any
order, and columns bitext does not know are kept as they are (:attr:`Entry.extra`), so a
plain two-column ``en<TAB>zh`` file is a glossary. Trailing columns of a row may be
omitted; ``status`` defaults to ``approved`` and ``case`` to ``insensitive``. Comment lines
are kept with the row below them (:attr:`Entry.comments`) or, before the header and after
the last row, with the glossary, so that :func:`dump_tsv` writes them back (blank lines are
not kept). :func:`parse_tsv` collects every problem (for ``glossary lint``);
:func:`load_glossary` raises :class:`~align.errors.InputError` at the first one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

from align.errors import InputError
from align.script import has_han
from align.textio import read_bytes
from qa.glossary.model import COLUMNS, REQUIRED, Entry, Glossary, Status

HEADER = "\t".join(COLUMNS)
_CASES = {"": False, "insensitive": False, "sensitive": True}
_OPTIONAL = ", ".join(COLUMNS[2:])


@dataclass(frozen=True)
class FormatProblem:
    """A row that breaks the format: 1-based line and column, and what is wrong."""

    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"


def is_comment(line: str) -> bool:
    """Whether a line is skipped as a row: blank, or a ``#`` comment."""
    return not line.strip() or line.lstrip().startswith("#")


def header_names(line: str) -> tuple[str, ...]:
    """A header line's column names; known names case-insensitively, as bitext spells them.

    >>> header_names("EN\\tzh\\tSource ")
    ('en', 'zh', 'Source')
    """
    names = (f.strip() for f in line.split("\t"))
    return tuple(n.lower() if n.lower() in COLUMNS else n for n in names)


def parse_header(line: str, lineno: int) -> FormatProblem | None:
    """The problem of a header line, if any: ``en`` or ``zh`` missing, a name empty or twice."""
    names = header_names(line)
    if not all(c in names for c in REQUIRED):
        return FormatProblem(lineno, 1, "expected the header line (columns en and zh, "
                                        f"optionally {_OPTIONAL}, in any order) before any "
                                        f"entry, got {line!r}")
    starts = _starts(line.split("\t"))
    for i, name in enumerate(names):
        if not name:
            return FormatProblem(lineno, starts[i], "empty column name in the header")
        if name in names[:i]:
            return FormatProblem(lineno, starts[i], f"column {name!r} twice in the header")
    return None


def parse_tsv(text: str, path: str | None = None) -> tuple[Glossary, list[FormatProblem]]:
    """Parse glossary text; rows with problems are skipped and reported, never guessed."""
    entries: list[Entry] = []
    problems: list[FormatProblem] = []
    columns: tuple[str, ...] = COLUMNS
    header_line = 0
    preamble: tuple[str, ...] = ()
    comments: list[str] = []
    for lineno, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")
        if is_comment(line):
            if line.strip():
                comments.append(line)
            continue
        if not header_line:
            header_line = lineno
            problem = parse_header(line, lineno)
            if problem is None:
                columns = header_names(line)
                preamble, comments = tuple(comments), []
                continue
            problems.append(problem)  # and read the line as a row: it may be one
        elif header_line > 0 and header_names(line) == columns:
            problems.append(FormatProblem(lineno, 1, f"duplicate header (first on line "
                                                     f"{header_line})"))
            continue
        entry, problem = parse_row(line, lineno, columns)
        if problem:
            problems.append(problem)
        else:
            assert entry is not None
            entries.append(_with_comments(entry, comments))
            comments = []
    if not header_line:
        problems.append(FormatProblem(1, 1, "missing header line (columns en and zh at least)"))
    glossary = Glossary(entries, path, columns=columns, preamble=preamble,
                        trailer=tuple(comments))
    return glossary, problems


def _with_comments(entry: Entry, comments: list[str]) -> Entry:
    """The entry with the comment lines above it."""
    return replace(entry, comments=tuple(comments))


def _starts(fields: list[str]) -> list[int]:
    """1-based start column of each field of a split line."""
    starts = [1]
    for f in fields[:-1]:
        starts.append(starts[-1] + len(f) + 1)
    return starts


def parse_row(line: str, lineno: int, columns: tuple[str, ...] = COLUMNS
              ) -> tuple[Entry | None, FormatProblem | None]:
    """One row under the header ``columns``: its entry, or the problem (line and column)."""
    fields = line.split("\t")
    starts = _starts(fields)

    def bad(name: str | int, message: str) -> tuple[None, FormatProblem]:
        i = name if isinstance(name, int) else columns.index(name)
        return None, FormatProblem(lineno, starts[min(i, len(starts) - 1)], message)

    if len(fields) > len(columns):
        return bad(len(columns), f"{len(fields)} columns, expected at most {len(columns)} "
                                 "(the header's)")
    if len(fields) < 2:
        return bad(0, "1 column, expected at least 2 (en, zh)")
    values = dict(zip(columns, [f.strip() for f in fields] + [""] * len(columns),
                      strict=False))
    en, zh, status = values["en"], values["zh"], values.get("status", "")
    if not en:
        return bad("en", "empty English term")
    if has_han(en):
        return bad("en", f"English term {en!r} contains Chinese characters")
    try:
        st = Status(status or "approved")
    except ValueError:
        return bad("status", f"unknown status {status!r} (expected one of "
                             f"{', '.join(s.value for s in Status)})")
    if not zh and st is not Status.KEEP:
        return bad("zh", "empty Chinese term (only keep entries may leave zh empty)")
    case = values.get("case", "")
    if case not in _CASES:
        return bad("case", f"unknown case {case!r} (expected sensitive or insensitive)")
    variants = values.get("variants", "")
    parts = tuple(v.strip() for v in variants.split("|")) if variants else ()
    if any(not v for v in parts):
        return bad("variants", "empty variant")
    extra = tuple((c, v) for c, v in values.items() if c not in COLUMNS and v)
    return Entry(en, zh, st, parts, _CASES[case], values.get("note", ""),
                 values.get("domain", ""), line=lineno, extra=extra), None


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


def row_values(entry: Entry) -> dict[str, str]:
    """The entry's value for each column it has a value for (``status`` always)."""
    values = {"en": entry.en, "zh": entry.zh, "status": entry.status.value,
              "variants": "|".join(entry.variants),
              "case": "sensitive" if entry.case_sensitive else "",
              "note": entry.note, "domain": entry.domain, **dict(entry.extra)}
    return {c: v for c, v in values.items() if v or c in REQUIRED or c == "status"}


def missing_columns(entries: list[Entry], columns: tuple[str, ...]) -> tuple[str, ...]:
    """Columns the entries need that ``columns`` lacks (an approved row needs no status).

    >>> missing_columns([Entry("a", "甲", Status.KEEP, note="n")], ("en", "zh"))
    ('status', 'note')
    """
    need: dict[str, None] = {}
    for e in entries:
        values = row_values(e)
        if e.status is Status.APPROVED:
            values.pop("status")
        need.update(dict.fromkeys(c for c in values if c not in columns))
    return tuple(need)


def format_row(entry: Entry, columns: tuple[str, ...] = COLUMNS) -> str:
    """One entry as a TSV line under ``columns`` (no line ending); trailing empty columns
    are dropped, the status is written whenever the header has the column."""
    values = row_values(entry)
    lacking = missing_columns([entry], columns)
    if lacking:
        raise ValueError(f"the glossary has no column {lacking[0]!r} for {entry.en!r}")
    for v in values.values():
        if "\t" in v or "\n" in v or "\r" in v:
            raise ValueError(f"glossary field {v!r} contains a tab or line break")
    cells = [values.get(c, "") for c in columns]
    keep = max(columns.index(c) for c in ("en", "zh", "status") if c in columns) + 1
    while len(cells) > keep and not cells[-1]:
        cells.pop()
    return "\t".join(cells)


def dump_tsv(glossary: Glossary) -> str:
    """The whole glossary as TSV text: preamble comments, header, each entry's comments and
    row, trailing comments. The header is the glossary's, plus any column an entry needs."""
    columns = glossary.columns + missing_columns(glossary.entries, glossary.columns)
    lines = [*glossary.preamble, "\t".join(columns)]
    for e in glossary.entries:
        lines += [*e.comments, format_row(e, columns)]
    lines += glossary.trailer
    return "".join(f"{line}\n" for line in lines)

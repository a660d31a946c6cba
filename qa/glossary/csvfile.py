"""CSV import and export: the glossary's columns, comma-separated, with a header row.

Import reads any CSV whose header names at least ``en`` and ``zh`` (case-insensitive,
any order); other known columns are read, unknown ones kept (:attr:`Entry.extra`); errors
name the line and field. Export writes the glossary's columns, unknown ones included;
CSV has no place for ``#`` comments (:func:`dropped_comments` counts what is lost).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from align.errors import InputError
from align.textio import read_bytes
from qa.glossary.model import Glossary
from qa.glossary.tsv import decode, header_names, missing_columns, parse_row, row_values


def export_csv(glossary: Glossary) -> str:
    """The glossary as CSV text (RFC 4180 quoting, ``\\r\\n`` line endings)."""
    columns = glossary.columns + missing_columns(glossary.entries, glossary.columns)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(columns)
    for e in glossary.entries:
        values = row_values(e)
        writer.writerow([values.get(c, "") for c in columns])
    return buf.getvalue()


def dropped_comments(glossary: Glossary) -> int:
    """How many comment lines a CSV export leaves out."""
    return len(glossary.preamble) + len(glossary.trailer) + \
        sum(len(e.comments) for e in glossary.entries)


def parse_csv(text: str, path: str | None = None) -> Glossary:
    """Rows from CSV text; the first bad row raises ``InputError`` with line and field."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(path, "line 1, column 1: empty CSV file") from None
    names = header_names("\t".join(h.replace("\t", " ") for h in header))
    missing = [c for c in ("en", "zh") if c not in names]
    if missing:
        raise InputError(path, f"line 1, column 1: the header lacks column(s) "
                               f"{', '.join(missing)}")
    used = [i for i, n in enumerate(names) if n]  # a nameless column holds nothing to keep
    for i in used:
        if names[i] in names[:i]:
            raise InputError(path, f"line 1, field {i + 1}: column {names[i]!r} twice")
    columns = tuple(names[i] for i in used)
    entries = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            values = [row[i] if i < len(row) else "" for i in used]
            if any("\t" in v or "\n" in v or "\r" in v for v in values):
                raise InputError(path, f"line {reader.line_num}, column 1: a field holds a tab "
                                       "or line break")
            line = "\t".join(values)
            entry, problem = parse_row(line, reader.line_num, columns)
            if problem:
                # Point at the CSV field the problem is in, not the character.
                field = used[min(line[: problem.column - 1].count("\t"), len(used) - 1)] + 1
                raise InputError(path, f"line {problem.line}, field {field}: "
                                       f"{problem.message}")
            entries.append(entry)
    except csv.Error as exc:
        raise InputError(path, f"line {reader.line_num}: {exc}") from None
    return Glossary.from_entries(entries, path)


def load_csv(path: str | Path) -> Glossary:
    """Read a CSV glossary file (UTF-8, a BOM allowed)."""
    return parse_csv(decode(read_bytes(path), str(path)), str(path))

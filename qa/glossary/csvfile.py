"""CSV import and export: the TSV columns, comma-separated, with a header row.

Import reads any CSV whose header names at least ``en`` and ``zh`` (case-insensitive,
any order; other columns are ignored); errors name the line and column.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from align.errors import InputError
from align.textio import read_bytes
from qa.glossary.model import COLUMNS, Glossary
from qa.glossary.tsv import _parse_row, decode, format_row


def export_csv(glossary: Glossary) -> str:
    """The glossary as CSV text (RFC 4180 quoting, ``\\r\\n`` line endings)."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(COLUMNS)
    for e in glossary.entries:
        row = format_row(e).split("\t")
        writer.writerow(row + [""] * (len(COLUMNS) - len(row)))
    return buf.getvalue()


def parse_csv(text: str, path: str | None = None) -> Glossary:
    """Rows from CSV text; the first bad row raises ``InputError`` with line and column."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(path, "line 1, column 1: empty CSV file") from None
    names = [h.strip().lower() for h in header]
    missing = [c for c in ("en", "zh") if c not in names]
    if missing:
        raise InputError(path, f"line 1, column 1: the header lacks column(s) "
                               f"{', '.join(missing)}")
    index = {c: names.index(c) for c in COLUMNS if c in names}
    entries = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            values = [row[index[c]] if c in index and index[c] < len(row) else ""
                      for c in COLUMNS]
            if any("\t" in v or "\n" in v for v in values):
                raise InputError(path, f"line {reader.line_num}, column 1: a field holds a tab "
                                       "or line break")
            entry, problem = _parse_row("\t".join(values), reader.line_num)
            if problem:
                # Point at the CSV column the problem is in, not the TSV one.
                col = next((i for i, c in enumerate(COLUMNS)
                            if sum(len(v) + 1 for v in values[:i]) + 1 == problem.column), 0)
                csv_col = index.get(COLUMNS[col], 0) + 1
                raise InputError(path, f"line {problem.line}, field {csv_col}: "
                                       f"{problem.message}")
            entries.append(entry)
    except csv.Error as exc:
        raise InputError(path, f"line {reader.line_num}: {exc}") from None
    return Glossary.from_entries(entries, path)


def load_csv(path: str | Path) -> Glossary:
    """Read a CSV glossary file (UTF-8, a BOM allowed)."""
    return parse_csv(decode(read_bytes(path), str(path)), str(path))

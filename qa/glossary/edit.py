"""Change a glossary file safely: append one entry, atomically, touching nothing else.

Every byte of the existing file (comments, blank lines, order, line endings, a BOM) stays
as it is; the new row is appended. The file is replaced through a temporary file in the
same folder and ``os.replace``, so a crash leaves either the old or the new file, and the
file's permission bits are kept.
"""

from __future__ import annotations

from pathlib import Path

from align.errors import InputError
from align.textio import write_atomic
from qa.glossary.model import Entry, Status
from qa.glossary.tsv import HEADER, decode, format_row, parse_tsv


def add_entry(path: str | Path, entry: Entry) -> int:
    """Append ``entry`` to the glossary at ``path`` (created if missing); its line number.

    Refuses (``InputError``) a file with format problems, and a duplicate: a row with the
    same English term (case-folded) and the same Chinese rendering, or a second ``keep``.
    """
    p = Path(path)
    row = format_row(entry)
    if not p.exists():
        write_atomic(p, f"{HEADER}\n{row}\n".encode())
        return 2
    data = p.read_bytes()
    glossary, problems = parse_tsv(decode(data, str(p)), str(p))
    if problems:
        raise InputError(str(p), f"{problems[0]} (fix the file before adding to it)")
    for e in glossary.entries:
        same_zh = e.zh == entry.zh or (entry.zh and entry.zh in e.zh_forms)
        both_keep = e.status is Status.KEEP and entry.status is Status.KEEP
        if e.key == entry.key and (same_zh or both_keep):
            raise InputError(str(p), f"line {e.line}: already in the glossary: "
                                     f"{format_row(e)!r}")
    newline = b"\r\n" if b"\r\n" in data else b"\n"
    sep = b"" if not data or data.endswith(b"\n") else newline
    new = data + sep + row.encode() + newline
    write_atomic(p, new)  # keeps the file's permission bits
    return new.count(b"\n")

"""Apply the safe fixes that findings carry (``bitext check --fix``), or show them as a diff.

A fix is an :class:`~qa.core.finding.Edit` of a file's decoded text. Edits are applied only
when the file on disk still reads as it did when it was checked, never when two edits
overlap, and only to UTF-8 files (with or without a BOM), so every byte outside the edits —
BOM, line endings, the rest of the text — stays as it was. Files are replaced atomically.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from align.errors import InputError
from align.textio import read_bytes, write_atomic
from qa.core.finding import Edit, Finding

#: Encodings a file may have for bitext to rewrite it byte for byte.
_REWRITABLE = {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig"}


@dataclass
class FixPlan:
    """The edits to apply, per file, and what could not be fixed and why."""

    edits: dict[str, list[Edit]] = field(default_factory=dict)
    fixed: list[Finding] = field(default_factory=list)
    skipped: list[tuple[Finding, str]] = field(default_factory=list)


def plan(findings: Iterable[Finding]) -> FixPlan:
    """Choose the edits of fixable findings; a finding whose edits overlap an edit already
    chosen stays a finding (the next run fixes it).

    >>> e = Edit("a.md", 2, 3, ",", "，")
    >>> f = Finding("P002", "halfwidth-in-zh", "warning", "m", "a.md", fixes=(e,))
    >>> p = plan([f, f])
    >>> len(p.fixed), p.skipped[0][1]
    (1, 'overlaps another fix')
    """
    result = FixPlan()
    taken: dict[str, list[tuple[int, int]]] = {}
    for f in findings:
        if not f.fixes:
            continue
        spans = taken.setdefault(f.fixes[0].path, [])
        if any(e.path != f.fixes[0].path for e in f.fixes):
            result.skipped.append((f, "edits more than one file"))
            continue
        if any(_overlaps(e.start, e.end, a, b) for e in f.fixes for a, b in spans):
            result.skipped.append((f, "overlaps another fix"))
            continue
        spans += [(e.start, e.end) for e in f.fixes]
        result.edits.setdefault(f.fixes[0].path, []).extend(f.fixes)
        result.fixed.append(f)
    return result


def _overlaps(a: int, b: int, c: int, d: int) -> bool:
    """Whether edits of ``[a, b)`` and ``[c, d)`` touch (an insertion touches its point)."""
    if a == b or c == d:
        return c <= a <= d if a == b else a <= c <= b
    return a < d and c < b


def apply_edits(text: str, edits: list[Edit]) -> str:
    """``text`` with ``edits`` applied (from the end, so offsets stay valid).

    >>> apply_edits("中文,English", [Edit("a", 2, 3, ",", "，"), Edit("a", 2, 2, "", " ")])
    '中文 ，English'
    """
    for e in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        if text[e.start:e.end] != e.old:
            raise ValueError(f"edit at {e.start} expects {e.old!r}, found {text[e.start:e.end]!r}")
        text = text[:e.start] + e.new + text[e.end:]
    return text


def fixed_files(fix: FixPlan, texts: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """New text per path (with its encoding) from the checked texts ``path → (text,
    encoding)``; raises :class:`InputError` when a file cannot be rewritten safely."""
    out = {}
    for path, edits in fix.edits.items():
        text, encoding = texts[path]
        if encoding not in _REWRITABLE:
            raise InputError(path, f"not fixed: only UTF-8 files are rewritten (this one is "
                                   f"{encoding})")
        out[path] = (apply_edits(text, edits), encoding)
    return out


def write_fixes(new: dict[str, tuple[str, str]], texts: dict[str, tuple[str, str]]) -> None:
    """Replace each file atomically, after checking that it still holds the checked text."""
    for path, (text, encoding) in new.items():
        current = read_bytes(path)
        if current != texts[path][0].encode(_REWRITABLE[encoding]):
            raise InputError(path, "changed since it was checked; not fixed (run again)")
        write_atomic(path, text.encode(_REWRITABLE[encoding]))


def unified_diff(new: dict[str, tuple[str, str]], texts: dict[str, tuple[str, str]]) -> str:
    """The fixes as a unified diff (``--- a/PATH``, ``+++ b/PATH``)."""
    out = []
    for path in sorted(new):
        before = texts[path][0].splitlines(keepends=True)
        after = new[path][0].splitlines(keepends=True)
        out += difflib.unified_diff(before, after, f"a/{path}", f"b/{path}")
    return "".join(line if line.endswith("\n") else line + "\n" for line in out)

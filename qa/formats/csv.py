"""``--format csv``: one row per finding, locations flattened into columns (via pandas).

Opens in a spreadsheet for triage; the columns are fixed, so an empty run still writes the
header row.
"""

from __future__ import annotations

from typing import Any, TextIO

import pandas as pd

from qa.finding import Finding, Location
from qa.pipeline import CheckRun

_LOCATION_FIELDS = ("path", "line", "column", "end_line", "end_column", "text")
COLUMNS = [
    "code", "name", "severity", "document", "message", "suggestion", "confidence",
    *(f"source_{k}" for k in _LOCATION_FIELDS),
    *(f"target_{k}" for k in _LOCATION_FIELDS),
]
_INT_COLUMNS = [f"{side}_{k}" for side in ("source", "target")
                for k in ("line", "column", "end_line", "end_column")]


def row(f: Finding) -> dict[str, Any]:
    """The flat record of one finding (missing sides and values are empty)."""
    out: dict[str, Any] = {
        "code": f.code, "name": f.name, "severity": str(f.severity), "document": f.document,
        "message": f.message, "suggestion": f.suggestion, "confidence": f.confidence,
    }
    for side, loc in (("source", f.source), ("target", f.target)):
        for k in _LOCATION_FIELDS:
            out[f"{side}_{k}"] = getattr(loc, k) if isinstance(loc, Location) else None
    return out


def render(run: CheckRun, out: TextIO) -> None:
    """Write the findings of ``run`` as CSV with a header row."""
    frame = pd.DataFrame([row(f) for f in run.findings], columns=COLUMNS)
    # Nullable integers, so a missing side prints as an empty cell and not as "12.0".
    frame[_INT_COLUMNS] = frame[_INT_COLUMNS].astype("Int64")
    frame.to_csv(out, index=False, lineterminator="\n")

"""``--format csv``: one row per finding, locations flattened into columns (via pandas).

Opens in a spreadsheet for triage; the columns are fixed, so an empty run still writes the
header row.
"""

from __future__ import annotations

from typing import TextIO

from qa.core.finding import LOCATION_FIELDS
from qa.core.run import CheckRun
from qa.formats.frame import findings_frame

COLUMNS = [
    "code", "name", "severity", "document", "message", "suggestion", "confidence",
    *(f"source_{k}" for k in LOCATION_FIELDS),
    *(f"target_{k}" for k in LOCATION_FIELDS),
]


def write(run: CheckRun, out: TextIO) -> None:
    """Write the findings of ``run`` as CSV with a header row."""
    findings_frame(run.findings)[COLUMNS].to_csv(out, index=False, lineterminator="\n")

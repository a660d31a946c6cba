"""Findings as a pandas DataFrame, for reports and notebooks.

>>> findings_frame([]).columns[:3].tolist()
['code', 'name', 'severity']
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from qa.finding import Finding

_LOCATION_KEYS = ("path", "line", "column", "end_line", "end_column", "text")

#: Column order of :func:`findings_frame`: the finding's keys, locations flattened.
COLUMNS = ["code", "name", "severity", "message", "document",
           *(f"source_{k}" for k in _LOCATION_KEYS), *(f"target_{k}" for k in _LOCATION_KEYS),
           "confidence", "suggestion"]


def findings_frame(findings: Iterable[Finding]) -> pd.DataFrame:
    """One row per finding; ``source``/``target`` become ``source_line``, ``target_path`` …

    Missing locations give ``None`` (line numbers use pandas' nullable integers).
    """
    rows = []
    for f in findings:
        row = {k: v for k, v in f.to_dict().items() if k not in ("source", "target")}
        for side in ("source", "target"):
            loc = getattr(f, side)
            for k in _LOCATION_KEYS:
                row[f"{side}_{k}"] = getattr(loc, k) if loc else None
        rows.append(row)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for side in ("source", "target"):
        for k in ("line", "column", "end_line", "end_column"):
            frame[f"{side}_{k}"] = frame[f"{side}_{k}"].astype("Int64")
    frame["confidence"] = frame["confidence"].astype("Float64")
    return frame

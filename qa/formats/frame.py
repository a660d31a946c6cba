"""Findings as a pandas DataFrame, for reports and notebooks.

>>> findings_frame([]).columns[:3].tolist()
['code', 'name', 'severity']
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from qa.core.finding import LOCATION_FIELDS, Finding

#: Column order of :func:`findings_frame`: the finding's keys, locations flattened.
COLUMNS = ["code", "name", "severity", "message", "document",
           *(f"source_{k}" for k in LOCATION_FIELDS), *(f"target_{k}" for k in LOCATION_FIELDS),
           "confidence", "suggestion"]


def findings_frame(findings: Iterable[Finding]) -> pd.DataFrame:
    """One row per finding (:meth:`Finding.to_row`): ``source_line``, ``target_path`` …

    Missing locations give ``None`` (line numbers use pandas' nullable integers).
    """
    frame = pd.DataFrame([f.to_row() for f in findings], columns=COLUMNS)
    for side in ("source", "target"):
        for k in ("line", "column", "end_line", "end_column"):
            frame[f"{side}_{k}"] = frame[f"{side}_{k}"].astype("Int64")
    frame["confidence"] = frame["confidence"].astype("Float64")
    return frame

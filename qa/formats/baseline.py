"""Baselines: record today's findings so that CI reports only new ones.

A finding's fingerprint is its rule code, its document and the normalised text of both
sides — never line numbers — so an edit elsewhere in a file that shifts lines keeps it
matched. Identical findings (the same sentence pair twice) are counted, so a baseline with
one copy still reports a second, new copy.

The file is JSON, sorted and readable in a diff::

    {"version": 1, "tool": "bitext", "findings": [
        {"fingerprint": "5f2c…", "code": "N001", "document": "ketamine.md",
         "source": "…", "target": "…", "count": 1}]}
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from align.errors import InputError
from align.textio import write_atomic
from qa.core.finding import Finding

VERSION = 1
_SPACE = re.compile(r"\s+")


def normalise(text: str | None) -> str:
    """Text compared by fingerprints: NFKC, whitespace collapsed, ends trimmed.

    >>> normalise(" 0.5  mg/kg\\n体重 ")
    '0.5 mg/kg 体重'
    """
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text or "")).strip()


def fingerprint(f: Finding) -> str:
    """A stable identity for a finding that survives line shifts (hex SHA-256, 20 digits)."""
    parts = [f.code, f.document, normalise(f.source.text if f.source else None),
             normalise(f.target.text if f.target else None)]
    if f.source is None and f.target is None:
        parts.append(normalise(f.message))  # a document-level finding has only its message
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


@dataclass
class Baseline:
    """Known findings: fingerprint → how many copies are accepted."""

    counts: Counter[str]
    path: str | None = None

    def filter(self, findings: list[Finding]) -> tuple[list[Finding], int]:
        """The findings not in the baseline, and how many were matched (and so dropped)."""
        left = Counter(self.counts)
        new, matched = [], 0
        for f in findings:
            fp = fingerprint(f)
            if left[fp] > 0:
                left[fp] -= 1
                matched += 1
            else:
                new.append(f)
        return new, matched


def load_baseline(path: str | Path) -> Baseline:
    """Read a baseline file; a missing or malformed one is a one-line InputError."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(str(p), "no such baseline file (create one with --write-baseline)")\
            from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(str(p), f"not a bitext baseline: {exc}") from None
    if not isinstance(data, dict) or data.get("tool") != "bitext" \
            or not isinstance(data.get("findings"), list):
        raise InputError(str(p), "not a bitext baseline (expected tool \"bitext\" and findings)")
    if data.get("version") != VERSION:
        raise InputError(str(p), f"baseline version {data.get('version')!r} is not supported "
                                 f"(expected {VERSION}); write it again with --write-baseline")
    counts: Counter[str] = Counter()
    for entry in data["findings"]:
        try:
            counts[str(entry["fingerprint"])] += int(entry.get("count", 1))
        except (KeyError, TypeError, ValueError):
            raise InputError(str(p), f"malformed baseline entry: {entry!r}") from None
    return Baseline(counts, str(p))


def baseline_data(findings: list[Finding]) -> dict:
    """The JSON document of a baseline for ``findings`` (deterministic order)."""
    entries: dict[str, dict] = {}
    for f in findings:
        fp = fingerprint(f)
        if fp in entries:
            entries[fp]["count"] += 1
            continue
        entries[fp] = {
            "fingerprint": fp, "code": f.code, "document": f.document,
            "source": normalise(f.source.text) if f.source else None,
            "target": normalise(f.target.text) if f.target else None,
            "count": 1,
        }
    ordered = sorted(entries.values(), key=lambda e: (e["document"], e["code"], e["fingerprint"]))
    return {"version": VERSION, "tool": "bitext", "findings": ordered}


def write_baseline(path: str | Path, findings: list[Finding]) -> int:
    """Write a baseline of ``findings`` atomically; the number of findings recorded."""
    data = baseline_data(findings)
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    write_atomic(path, text.encode("utf-8"))
    return len(findings)

"""``--format sarif``: SARIF 2.1.0, the format GitHub code scanning and IDE viewers read.

One run; ``tool.driver.rules`` lists every enabled rule (like ruff), results point at the
target side (what gets edited) with the source side as a related location. Columns are
Unicode code points, which SARIF supports through ``columnKind``. ``partialFingerprints``
carries the baseline fingerprint, so code scanning tracks a finding across line shifts.
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePath
from typing import Any, TextIO

from qa.core.finding import Finding, Location, Severity
from qa.core.run import CheckRun
from qa.formats.baseline import fingerprint

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A relative POSIX URI for a path under the working directory, else a ``file:`` URI."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.as_uri()
    return PurePath(os.path.normpath(p)).as_posix()


def _location(loc: Location, message: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(loc.path)},
            "region": {
                "startLine": loc.line, "startColumn": loc.column,
                "endLine": max(loc.end_line, loc.line),
                "endColumn": max(loc.end_column, 1),
                "snippet": {"text": loc.text},
            },
        },
    }
    if message:
        out["message"] = {"text": message}
    return out


def result(f: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    """The SARIF result object of one finding."""
    text = f.message if f.primary else f"{f.document}: {f.message}"
    res: dict[str, Any] = {
        "ruleId": f.code,
        "level": LEVELS[f.severity],
        "message": {"text": text},
        "partialFingerprints": {"bitextFingerprint/v1": fingerprint(f)},
        "properties": {"document": f.document, "name": f.name},
    }
    if f.code in rule_index:
        res["ruleIndex"] = rule_index[f.code]
    if f.primary is not None:
        res["locations"] = [_location(f.primary)]
    if f.target is not None and f.source is not None:
        other, label = (f.target, "target (translation)") if f.primary is f.source \
            else (f.source, "source (original)")
        res["relatedLocations"] = [dict(_location(other, label), id=1)]
    if f.confidence is not None:
        res["properties"]["confidence"] = f.confidence
    if f.suggestion:
        res["properties"]["suggestion"] = f.suggestion
        res["message"]["text"] += f" (suggestion: {f.suggestion})"
    return res


def sarif_log(run: CheckRun) -> dict[str, Any]:
    """The whole SARIF log as a JSON-ready dict."""
    from qa.core.version import version

    rules: list[dict[str, Any]] = []
    for check in run.checks:
        rule: dict[str, Any] = {
            "id": check.code,
            "name": check.name,
            "shortDescription": {"text": getattr(check, "description", "") or check.name},
            "defaultConfiguration": {"level": LEVELS[Severity(check.severity)]},
        }
        if getattr(check, "doc", ""):
            rule["fullDescription"] = {"text": check.doc}
            rule["help"] = {"text": check.doc, "markdown": check.doc}
        rules.append(rule)
    # Findings of a rule that is not in the run's list (hand-made runs) still get a rule.
    known = {r["id"] for r in rules}
    for f in run.findings:
        if f.code not in known:
            known.add(f.code)
            rules.append({"id": f.code, "name": f.name, "shortDescription": {"text": f.name}})
    rule_index = {r["id"]: i for i, r in enumerate(rules)}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "bitext",
                "version": version(),
                "semanticVersion": version(),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": [result(f, rule_index) for f in run.findings],
            "properties": {"signature": run.signature_line, **run.signature},
        }],
    }


def write(run: CheckRun, out: TextIO) -> None:
    """Write the run as an indented SARIF 2.1.0 document."""
    json.dump(sarif_log(run), out, ensure_ascii=False, indent=2)
    out.write("\n")

"""Counts over a run's findings, shared by the HTML report and the summary formats."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from qa.core.finding import Finding, Severity

SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


@dataclass
class Summary:
    """Finding counts by severity, by rule, and by document (with rule × severity inside)."""

    total: int = 0
    by_severity: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)
    rule_names: dict[str, str] = field(default_factory=dict)
    by_document: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)

    def rule_severity(self, code: str) -> str:
        """The highest severity a rule was reported with (for sorting and colouring)."""
        return max(
            (Severity(s) for d in self.by_document.values() for (c, s) in d if c == code),
            key=lambda s: s.rank,
            default=Severity.INFO,
        ).value


def summarize(findings: list[Finding], documents: list[str] | None = None) -> Summary:
    """Count findings; ``documents`` lists documents to include even when they are clean.

    >>> summarize([]).total
    0
    """
    s = Summary(by_document={name: Counter() for name in documents or []})
    for f in findings:
        s.total += 1
        s.by_severity[str(f.severity)] += 1
        s.by_rule[f.code] += 1
        s.rule_names.setdefault(f.code, f.name)
        s.by_document.setdefault(f.document, Counter())[(f.code, str(f.severity))] += 1
    return s


def plural(n: int, word: str) -> str:
    """``1 finding``, ``2 findings``."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"

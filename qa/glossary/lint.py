"""``glossary lint``: problems of a glossary file, alone and against a corpus.

Kinds: ``format`` (a row that breaks the format), ``whitespace`` (spaces around a
field), ``duplicate`` (the same term and rendering twice), ``conflict`` (two approved
renderings of one term in one domain, or a rendering both approved and banned),
``unused`` (an approved or keep term that never occurs in the English corpus),
``forbidden-used`` (a forbidden or deprecated rendering that occurs in the Chinese corpus).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from qa.glossary.model import Glossary, Status
from qa.glossary.tsv import HEADER, parse_tsv


@dataclass(frozen=True)
class LintIssue:
    """One problem: where (1-based line, column), its kind, and what is wrong."""

    line: int
    column: int
    kind: str
    message: str


def lint_text(text: str, path: str | None = None) -> tuple[Glossary, list[LintIssue]]:
    """Problems visible in the file alone; also the entries that could be read."""
    glossary, problems = parse_tsv(text, path)
    issues = [LintIssue(p.line, p.column, "format", p.message) for p in problems]
    for lineno, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip() or line.lstrip().startswith("#") or line == HEADER:
            continue
        col = 1
        for field in line.split("\t"):
            if field != field.strip():
                issues.append(LintIssue(lineno, col, "whitespace",
                                        f"spaces around {field.strip()!r}"))
            col += len(field) + 1
    seen: dict[tuple[str, str], int] = {}
    approved: dict[tuple[str, str], tuple[str, int]] = {}
    for e in glossary.entries:
        pair = (e.key, e.zh)
        if pair in seen:
            issues.append(LintIssue(e.line, 1, "duplicate",
                                    f"'{e.en}' → '{e.zh}' repeats line {seen[pair]}"))
            continue
        seen[pair] = e.line
        if e.status is Status.APPROVED:
            first = approved.setdefault((e.key, e.domain), (e.zh, e.line))
            if first[0] != e.zh:
                issues.append(LintIssue(e.line, 1, "conflict",
                                        f"'{e.en}' has two approved renderings in domain "
                                        f"'{e.domain or '-'}': '{first[0]}' (line {first[1]}) "
                                        f"and '{e.zh}'"))
    for entries in glossary.concepts.values():
        good = {f: e for e in entries if not e.status.is_banned for f in e.target_forms}
        for e in entries:
            if e.status.is_banned:
                for f in e.zh_forms:
                    if f in good:
                        issues.append(LintIssue(e.line, 1, "conflict",
                                                f"'{f}' is both {e.status.value} here and "
                                                f"approved on line {good[f].line}"))
    return glossary, sorted(set(issues), key=lambda i: (i.line, i.column, i.kind))


def lint_corpus(glossary: Glossary, en_texts: Iterable[str],
                zh_texts: Iterable[str]) -> list[LintIssue]:
    """Problems against a corpus: unused approved terms, banned renderings in use."""
    seen_keys: set[str] = set()
    for text in en_texts:
        seen_keys.update(m.key for m in glossary.source_matcher.find(text))
    used: dict[str, int] = {}
    for text in zh_texts:
        for m in glossary.target_matcher.find(text):
            if any(e.status.is_banned for e in m.entries):
                used[m.text] = used.get(m.text, 0) + 1
    issues = []
    reported: set[str] = set()
    for e in glossary.entries:
        if not e.status.is_banned and e.key not in seen_keys and e.key not in reported:
            reported.add(e.key)
            issues.append(LintIssue(e.line, 1, "unused",
                                    f"'{e.en}' never occurs in the English corpus"))
        if e.status.is_banned:
            for f in e.zh_forms:
                if f in used:
                    better = glossary.suggestion(e.key)
                    advice = f"; use '{better}'" if better else ""
                    issues.append(LintIssue(e.line, 1, "forbidden-used",
                                            f"{e.status.value} rendering '{f}' occurs "
                                            f"{used[f]}× in the Chinese corpus{advice}"))
    return issues

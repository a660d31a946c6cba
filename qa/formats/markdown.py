"""``--format markdown``: a short summary to post as a pull-request comment.

A headline with the counts, a table by rule, a table by document, the first findings, and
the run's signature. Corpus text is escaped so it cannot break the tables or inject HTML.
"""

from __future__ import annotations

import re
from typing import TextIO

from qa.core.finding import Finding
from qa.core.run import CheckRun
from qa.report.summary import SEVERITY_ORDER, plural, summarize

#: Findings listed one by one; the rest are counted (a comment should stay short).
MAX_LISTED = 25
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")
_ICONS = {"error": "🔴", "warning": "🟡", "info": "🔵"}


def escape(text: str, limit: int | None = None) -> str:
    """Text that renders literally in GitHub Markdown, on one line, optionally shortened."""
    text = " ".join(text.split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _where(f: Finding) -> str:
    return f"`{f.primary.ref}`" if f.primary else escape(f.document)


def write(run: CheckRun, out: TextIO) -> None:
    """Write a Markdown summary of the run."""
    s = summarize(run.findings, [d.name for d in run.documents])
    w = out.write
    if not s.total:
        w(f"### ✅ bitext: no findings in {plural(len(s.by_document), 'document')}\n\n")
    else:
        counts = ", ".join(f"{s.by_severity[sev.value]} {sev.value}" for sev in SEVERITY_ORDER
                           if s.by_severity[sev.value])
        w(f"### bitext: {plural(s.total, 'finding')} ({counts}) in "
          f"{plural(len(s.by_document), 'document')}\n\n")
        w("| Rule | Name | Findings |\n| --- | --- | ---: |\n")
        for code, n in sorted(s.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
            w(f"| {_ICONS[s.rule_severity(code)]} `{code}` | {escape(s.rule_names[code])} "
              f"| {n} |\n")
        w("\n| Document | Errors | Warnings | Info |\n| --- | ---: | ---: | ---: |\n")
        for doc, counter in sorted(s.by_document.items()):
            per = {sev.value: sum(n for (_, sv), n in counter.items() if sv == sev.value)
                   for sev in SEVERITY_ORDER}
            w(f"| {escape(doc)} | {per['error']} | {per['warning']} | {per['info']} |\n")
        w("\n<details><summary>Findings</summary>\n\n")
        for f in run.findings[:MAX_LISTED]:
            line = f"- {_ICONS[str(f.severity)]} {_where(f)} `{f.code}` {escape(f.message, 200)}"
            if f.suggestion:
                line += f" — suggestion: {escape(f.suggestion, 120)}"
            w(line + "\n")
        if s.total > MAX_LISTED:
            w(f"- … and {s.total - MAX_LISTED} more (see the HTML report or SARIF)\n")
        w("\n</details>\n\n")
    if run.signature_line:
        w(f"<sub>{escape(run.signature_line)}</sub>\n")

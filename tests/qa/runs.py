"""Hand-made check runs for testing formats and the report without the aligner."""

from __future__ import annotations

from pathlib import Path

from align.alignment import Alignment, Bead
from align.reader import parse_document
from align.signature import Signature
from qa.checks.base import Check
from qa.core.finding import Finding, Location, Severity
from qa.core.run import AlignedDocument, CheckRun
from qa.core.settings import Settings

EN = """# Ketamine dosing

The reference dose is 0.5 mg/kg. Effects appear within 10–15 minutes.

- Ketamine is addictive.
- It is used for <script>alert(1)</script> depression.
"""

ZH = """# 氯胺酮剂量

参考剂量为0.5 mg/kg。效果在10–15分钟内出现。

- 氯胺酮具有成瘾性。
- 它被用于治疗<img src=x onerror=alert(2)>抑郁症。
"""


class NumberMismatch(Check):
    code = "N001"
    name = "number-mismatch"
    description = "A number in the source is missing or different in the target."
    doc = "## What it does\nCompares numbers."


class MissingTranslation(Check):
    code = "A001"
    name = "missing-translation"
    severity = Severity.ERROR
    description = "A source sentence has no translation."


class Spacing(Check):
    code = "P004"
    name = "cjk-latin-spacing"
    severity = Severity.INFO
    description = "Space between Chinese and Latin text."


def aligned(name: str = "dosing.md", en: str = EN, zh: str = ZH,
            beads: list[Bead] | None = None, folder: str = "corpus") -> AlignedDocument:
    """Parse the two texts and link sentence i to sentence i unless beads are given."""
    src = parse_document(en, f"{folder}/en/{name}", "en")
    tgt = parse_document(zh, f"{folder}/zh/{name}", "zh")
    if beads is None:
        n = min(len(src.sentences), len(tgt.sentences))
        beads = [Bead((i,), (i,), 0.95 - 0.2 * (i % 3)) for i in range(n)]
    return AlignedDocument(name, Alignment(src, tgt, beads, signature=Signature.of(aligner="test", version="0")))


def write_pair(root: Path, name: str, en: str, zh: str) -> None:
    """Write a page pair in the default layout: ``root/en/NAME`` and ``root/zh/NAME``."""
    for lang, text in (("en", en), ("zh", zh)):
        (root / lang).mkdir(parents=True, exist_ok=True)
        (root / lang / name).write_text(text, encoding="utf-8")


def one_to_one(source, target, glossary=None) -> Alignment:
    """Stand-in aligner: sentence i ↔ sentence i, the rest alone."""
    n, m = len(source.sentences), len(target.sentences)
    beads = [Bead((i,), (i,), 0.9) for i in range(min(n, m))]
    beads += [Bead((i,), ()) for i in range(m, n)] + [Bead((), (j,)) for j in range(n, m)]
    return Alignment(source, target, beads, signature=Signature.of(aligner="one-to-one"))


def sample_run(docs: list[AlignedDocument] | None = None,
               findings: list[Finding] | None = None) -> CheckRun:
    """A run over one document with three findings of three rules (and injected markup)."""
    docs = docs if docs is not None else [aligned()]
    if findings is None:
        doc = docs[0]
        pairs = doc.pairs
        n001 = NumberMismatch().finding(
            doc, "number 15 is missing in the target; \"10-15\" became '10–15'",
            source=pairs[2].source, target=Location(
                path=pairs[2].target[0].path, line=pairs[2].target[0].line,
                column=pairs[2].target[0].column + 3, end_line=pairs[2].target[0].line,
                end_column=pairs[2].target[0].column + 8, text="10–15"),
            confidence=0.9, suggestion="write 10–15 分钟")
        a001 = MissingTranslation().finding(doc, "the <b>bold</b> sentence has no translation",
                                            source=pairs[4].source, target=pairs[4].target)
        p004 = Spacing().finding(doc, "add a space between 0.5 and mg/kg",
                                 target=pairs[1].target, suggestion="0.5 mg/kg, 100%: done")
        findings = [n001, a001, p004]
    checks = [MissingTranslation(), NumberMismatch(), Spacing()]
    signature = Signature.of(bitext="0.1.0", aligner="aligner:test|v0", glossary="none",
                             rules="A001,N001,P004", langs="en->zh")
    return CheckRun(findings, docs, Settings(), checks, signature=signature)

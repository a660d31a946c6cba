"""The report's view model: findings placed on aligned pairs, spans cut into highlighted runs.

Everything the template shows is computed here, in plain data, so the template only lays it
out (and autoescapes it) and the placement logic is testable without HTML.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from align.document import Document, Sentence
from qa.core.finding import Finding, Severity
from qa.core.run import AlignedDocument, CheckRun
from qa.report.summary import SEVERITY_ORDER

#: Confidence below which a bead is shown as doubtful, and below which as likely wrong.
GOOD, DOUBTFUL = 0.8, 0.5


@dataclass
class FindingView:
    id: str  # "f12"
    finding: Finding
    doc_id: str
    pair_id: str | None  # None: a document-level finding

    @property
    def where(self) -> str:
        return self.finding.where

    @property
    def title(self) -> str:
        f = self.finding
        text = f"{f.code} {f.name} ({f.severity}): {f.message}"
        return text + (f"\nSuggestion: {f.suggestion}" if f.suggestion else "")


@dataclass
class Segment:
    """A run of text with the findings whose span covers it (none: plain text)."""

    text: str
    ids: list[str] = field(default_factory=list)
    severity: str = ""
    title: str = ""
    whole: bool = False  # only sentence-level findings cover it (underlining it all is noise)


@dataclass
class SideView:
    lang: str
    lines: str  # "12" or "12–13"; "" for an empty side
    segments: list[Segment]

    @property
    def empty(self) -> bool:
        return not self.segments


@dataclass
class PairView:
    id: str
    number: int  # 1-based, as shown
    kind: str  # bead type "1-1", "1-0", …
    confidence: float
    band: str  # "good" | "doubtful" | "bad" | "gap"
    source: SideView
    target: SideView
    findings: list[FindingView] = field(default_factory=list)

    @property
    def rules(self) -> str:
        return " ".join(sorted({fv.finding.code for fv in self.findings}))

    @property
    def severities(self) -> str:
        return " ".join(sorted({str(fv.finding.severity) for fv in self.findings}))

    @property
    def worst(self) -> str:
        return _worst([fv.finding for fv in self.findings])


@dataclass
class DocumentView:
    id: str
    name: str
    source_path: str
    target_path: str
    source_lang: str
    target_lang: str
    aligner: str
    pairs: list[PairView]
    findings: list[FindingView]  # all, in order
    unplaced: list[FindingView]  # document-level
    counts: Counter[tuple[str, str]]  # (code, severity) → n
    bands: Counter[str]

    @property
    def by_severity(self) -> dict[str, int]:
        return {s.value: sum(n for (_, sv), n in self.counts.items() if sv == s.value)
                for s in SEVERITY_ORDER}

    @property
    def rule_counts(self) -> list[tuple[str, str, int]]:
        """(code, worst severity, count) per rule, most frequent first."""
        per: Counter[str] = Counter()
        worst: dict[str, Severity] = {}
        for (code, sev), n in self.counts.items():
            per[code] += n
            s = Severity(sev)
            if code not in worst or s.rank > worst[code].rank:
                worst[code] = s
        return [(c, worst[c].value, n) for c, n in sorted(per.items(),
                                                          key=lambda kv: (-kv[1], kv[0]))]


@dataclass
class RuleView:
    code: str
    name: str
    description: str
    counts: dict[str, int]  # severity → n

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class ReportView:
    documents: list[DocumentView]
    rules: list[RuleView]
    findings: list[FindingView]
    signature: dict[str, str]
    signature_line: str
    totals: dict[str, int]

    @property
    def total(self) -> int:
        return len(self.findings)

    @property
    def pair_count(self) -> int:
        return sum(len(d.pairs) for d in self.documents)


def band(confidence: float, kind: str) -> str:
    """The colour class of a bead: ``gap`` for a side left empty, else by confidence."""
    if kind.startswith("0-") or kind.endswith("-0"):
        return "gap"
    if confidence >= GOOD:
        return "good"
    return "doubtful" if confidence >= DOUBTFUL else "bad"


def build(run: CheckRun) -> ReportView:
    """Place every finding of ``run`` on its pair and cut the pairs' text into segments."""
    by_doc: dict[str, list[Finding]] = {}
    for f in run.findings:
        by_doc.setdefault(f.document, []).append(f)
    counter = iter(range(1, 1 << 30))
    documents = [
        _document(f"d{k}", doc, by_doc.pop(doc.name, []), counter)
        for k, doc in enumerate(run.documents)
    ]
    # Findings about documents the run did not align (should not happen) stay visible.
    for k, (name, findings) in enumerate(sorted(by_doc.items()), start=len(documents)):
        views = [FindingView(f"f{next(counter)}", f, f"d{k}", None) for f in findings]
        documents.append(DocumentView(f"d{k}", name, "", "", "", "", "", [], views, views,
                                      Counter((f.code, str(f.severity)) for f in findings),
                                      Counter()))
    findings = [fv for d in documents for fv in d.findings]
    rules = _rules(run, [fv.finding for fv in findings])
    totals = {s.value: sum(d.by_severity[s.value] for d in documents) for s in SEVERITY_ORDER}
    return ReportView(documents, rules, findings, dict(run.signature), run.signature_line,
                      totals)


def _rules(run: CheckRun, findings: list[Finding]) -> list[RuleView]:
    out: dict[str, RuleView] = {}
    for check in run.checks:
        out[check.code] = RuleView(check.code, check.name, getattr(check, "description", ""),
                                   {s.value: 0 for s in SEVERITY_ORDER})
    for f in findings:
        view = out.setdefault(f.code, RuleView(f.code, f.name, "",
                                               {s.value: 0 for s in SEVERITY_ORDER}))
        view.counts[str(f.severity)] += 1
    return sorted(out.values(), key=lambda r: (-r.total, r.code))


def _document(doc_id: str, doc: AlignedDocument, findings: list[Finding],
              counter: Iterator[int]) -> DocumentView:
    src, tgt = doc.alignment.source, doc.alignment.target
    pairs = doc.pairs
    beads = doc.alignment.beads
    ranges = [(_range(p.source), _range(p.target)) for p in pairs]
    placed: dict[int, list[tuple[FindingView, list[tuple[str, int, int]]]]] = {}
    views, unplaced = [], []
    for f in findings:
        spans = []  # (side, start, end) in document offsets
        sides = [("target", f.target, tgt), ("source", f.source, src)]
        if f.primary is not None and f.primary is f.source:
            sides.reverse()  # place the finding by the side that holds the defect
        for side, loc, d in sides:
            if loc is not None and loc.path == d.path:
                spans.append((side, *loc.offsets(d)))
        where = f.pair
        fv = FindingView(f"f{next(counter)}", f, doc_id,
                         f"{doc_id}-p{where}" if where is not None else None)
        views.append(fv)
        if where is None:
            unplaced.append(fv)
        else:
            placed.setdefault(where, []).append((fv, spans))
    pair_views = []
    for i, pair in enumerate(pairs):
        here = placed.get(i, [])
        kind = beads[i].kind if i < len(beads) else f"{len(pair.source)}-{len(pair.target)}"
        pair_views.append(PairView(
            id=f"{doc_id}-p{i}", number=i + 1, kind=kind, confidence=pair.confidence,
            band=band(pair.confidence, kind),
            source=_side(src, pair.source, ranges[i][0], here, "source"),
            target=_side(tgt, pair.target, ranges[i][1], here, "target"),
            findings=[fv for fv, _ in here],
        ))
    return DocumentView(
        id=doc_id, name=doc.name, source_path=src.path, target_path=tgt.path,
        source_lang=src.lang, target_lang=tgt.lang, aligner=doc.alignment.signature,
        pairs=pair_views, findings=views, unplaced=unplaced,
        counts=Counter((f.code, str(f.severity)) for f in findings),
        bands=Counter(p.band for p in pair_views),
    )


def _range(sentences: list[Sentence]) -> tuple[int, int] | None:
    return (sentences[0].start, sentences[-1].end) if sentences else None


def _side(doc: Document, sentences: list[Sentence], rng: tuple[int, int] | None,
          placed: list[tuple[FindingView, list[tuple[str, int, int]]]], side: str) -> SideView:
    if rng is None:
        return SideView(doc.lang, "", [])
    a, b = rng
    first, last = sentences[0].line, sentences[-1].end_line
    lines = str(first) if first == last else f"{first}–{last}"
    marks: list[tuple[int, int, FindingView]] = []
    starts, ends = {s.start for s in sentences}, {s.end for s in sentences}
    coarse: set[str] = set()  # findings that cover whole sentences (drawn lighter)
    for fv, spans in placed:
        for s, x, y in spans:
            if s != side:
                continue
            if x == y:  # a point (e.g. "missing here"): mark one character
                x, y = (x, x + 1) if x < b else (x - 1, x)
            x, y = max(x, a), min(y, b)
            if x < y:
                marks.append((x, y, fv))
                if x in starts and y in ends:
                    coarse.add(fv.id)
    cuts = sorted({a, b, *(x for x, _, _ in marks), *(y for _, y, _ in marks)})
    segments = []
    for x, y in zip(cuts, cuts[1:], strict=False):
        covering = [fv for s, e, fv in marks if s <= x and e >= y]
        seg = Segment(doc.text[x:y])
        if covering:
            seg.ids = [fv.id for fv in covering]
            seg.severity = _worst([fv.finding for fv in covering])
            seg.title = "\n".join(fv.title for fv in covering)
            seg.whole = all(fv.id in coarse for fv in covering)
        if segments and segments[-1].ids == seg.ids and segments[-1].whole == seg.whole:
            segments[-1].text += seg.text
        else:
            segments.append(seg)
    return SideView(doc.lang, lines, segments)


def _worst(findings: list[Finding]) -> str:
    if not findings:
        return ""
    return max((f.severity for f in findings), key=lambda s: Severity(s).rank).value


__all__ = ["ReportView", "DocumentView", "PairView", "FindingView", "build", "band"]

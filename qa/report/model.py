"""The report's view model: findings placed on aligned pairs, spans cut into highlighted runs.

Everything the template shows is computed here, in plain data, so the template only lays it
out (and autoescapes it) and the placement logic is testable without HTML.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from align.document import Document, Sentence
from qa.core.finding import Finding, Severity
from qa.core.run import AlignedDocument, CheckRun
from qa.formats.baseline import baseline_data
from qa.report.summary import SEVERITY_ORDER

#: Confidence below which a bead is shown as doubtful, and below which as likely wrong.
GOOD, DOUBTFUL = 0.8, 0.5

#: The revision rules (``--changed-since``): their findings count towards a document's
#: staleness, with its unaligned content (beads with an empty side).
STALE_RULES = frozenset({"D001", "D002"})


@dataclass
class FindingView:
    """One defect: the findings of one rule on one pair (a document-level finding: of one
    rule with one message), shown once with their count. ``entries`` are their baseline
    records (:func:`qa.formats.baseline.baseline_data`), what triage in the page writes."""

    id: str  # "f12"
    findings: list[Finding]
    doc_id: str
    pair_id: str | None  # None: a document-level finding
    pair_number: int | None = None  # 1-based, as shown
    entries: list[dict] = field(default_factory=list)

    @property
    def finding(self) -> Finding:
        """The first finding of the group: what is shown."""
        return self.findings[0]

    @property
    def count(self) -> int:
        return len(self.findings)

    @property
    def severity(self) -> str:
        return _worst(self.findings)

    @property
    def messages(self) -> list[str]:
        """The other findings' messages, where they differ from the first's."""
        seen = {self.finding.message}
        out = []
        for f in self.findings[1:]:
            if f.message not in seen:
                seen.add(f.message)
                out.append(f.message)
        return out

    @property
    def where(self) -> str:
        return self.finding.where

    @property
    def title(self) -> str:
        f = self.finding
        text = f"{f.code} {f.name} ({self.severity}): {f.message}"
        if self.count > 1:
            text += f" (×{self.count})"
        return text + (f"\nSuggestion: {f.suggestion}" if f.suggestion else "")

    @property
    def baseline_json(self) -> str:
        """The baseline entries as compact JSON (for a data attribute)."""
        return json.dumps(self.entries, ensure_ascii=False, separators=(",", ":"))


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
    table: bool = False  # every sentence of it is in a table cell

    @property
    def rules(self) -> str:
        return " ".join(sorted({fv.finding.code for fv in self.findings}))

    @property
    def severities(self) -> str:
        return " ".join(sorted({s for fv in self.findings for s in _severities(fv.findings)}))

    @property
    def worst(self) -> str:
        return _worst([f for fv in self.findings for f in fv.findings])


@dataclass
class CellView:
    """One cell of a table row: the highlighted text of its sentences, or its plain text."""

    segments: list[Segment]
    pair: PairView | None = None  # the pair holding the cell's sentences
    anchor: bool = False  # the first cell of its pair: carries the pair's id


@dataclass
class TableView:
    """Consecutive pairs of table cells shown as one block: each side's rows as a table."""

    id: str
    pairs: list[PairView]
    source_rows: list[list[CellView]]
    target_rows: list[list[CellView]]
    source_lines: str
    target_lines: str

    @property
    def findings(self) -> list[FindingView]:
        return [fv for p in self.pairs for fv in p.findings]

    @property
    def numbers(self) -> str:
        a, b = self.pairs[0].number, self.pairs[-1].number
        return str(a) if a == b else f"{a}–{b}"

    @property
    def band(self) -> str:
        order = ["good", "doubtful", "bad", "gap"]
        return max((p.band for p in self.pairs), key=order.index)

    @property
    def rules(self) -> str:
        return " ".join(sorted({r for p in self.pairs for r in p.rules.split()}))

    @property
    def severities(self) -> str:
        return " ".join(sorted({s for p in self.pairs for s in p.severities.split()}))

    @property
    def worst(self) -> str:
        return _worst([f for fv in self.findings for f in fv.findings])


class _Tally:
    """What the summary shows of a document, from its finding ``counts`` and pair ``bands``."""

    name: str
    counts: Counter[tuple[str, str]]  # (code, severity) → n findings
    bands: Counter[str]

    @property
    def by_severity(self) -> dict[str, int]:
        return {s.value: sum(n for (_, sv), n in self.counts.items() if sv == s.value)
                for s in SEVERITY_ORDER}

    @property
    def staleness(self) -> int:
        """Findings of the revision rules (D001/D002) plus beads with an empty side."""
        stale = sum(n for (code, _), n in self.counts.items() if code in STALE_RULES)
        return stale + self.bands["gap"]

    @property
    def rank_key(self) -> tuple:
        """What needs attention first: errors, then warnings, then staleness, then info."""
        sev = self.by_severity
        return (-sev["error"], -sev["warning"], -self.staleness, -sev["info"], self.name)

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
class DocumentView(_Tally):
    id: str
    name: str
    source_path: str
    target_path: str
    source_lang: str
    target_lang: str
    aligner: str
    pairs: list[PairView]
    findings: list[FindingView]  # all defects, in order
    unplaced: list[FindingView]  # document-level
    counts: Counter[tuple[str, str]]  # (code, severity) → n findings
    bands: Counter[str]
    rows: list[PairView | TableView] = field(default_factory=list)  # what the view lists

    @property
    def pair_count(self) -> int:
        return len(self.pairs)

    @property
    def strip(self) -> list[tuple[int, int, str]]:
        """The confidence strip: (first pair, how many, band) per run of pairs of one band."""
        runs: list[tuple[int, int, str]] = []
        for i, p in enumerate(self.pairs):
            if runs and runs[-1][2] == p.band:
                runs[-1] = (runs[-1][0], runs[-1][1] + 1, p.band)
            else:
                runs.append((i, 1, p.band))
        return runs

    def summary(self) -> SummaryRow:
        """What the page's summary needs of this view, once the view itself is rendered."""
        return SummaryRow(self.id, self.name, self.counts, self.bands, len(self.pairs))


@dataclass
class SummaryRow(_Tally):
    """A document's row in the page's summary: a few counts, kept in place of its view
    while a report streams (:func:`qa.report.render.stream_html`)."""

    id: str
    name: str
    counts: Counter[tuple[str, str]]
    bands: Counter[str]
    pair_count: int


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
    """The page: the documents' views (or, in a streamed report, their summary rows), the
    rules and the run's totals."""

    documents: list[DocumentView] | list[SummaryRow]
    rules: list[RuleView]
    findings: list[FindingView]  # every defect; empty in a streamed report (see defects)
    signature: dict[str, str]
    signature_line: str
    totals: dict[str, int]
    defects: int | None = None  # how many defects, where ``findings`` does not hold them

    @property
    def total(self) -> int:
        return len(self.findings) if self.defects is None else self.defects

    @property
    def pair_count(self) -> int:
        return sum(d.pair_count for d in self.documents)

    @property
    def ranked(self) -> list[DocumentView] | list[SummaryRow]:
        """The documents by what needs attention (:attr:`DocumentView.rank_key`)."""
        return sorted(self.documents, key=lambda d: d.rank_key)


def band(confidence: float, kind: str) -> str:
    """The colour class of a bead: ``gap`` for a side left empty, else by confidence."""
    if kind.startswith("0-") or kind.endswith("-0"):
        return "gap"
    if confidence >= GOOD:
        return "good"
    return "doubtful" if confidence >= DOUBTFUL else "bad"


def build(run: CheckRun) -> ReportView:
    """Place every finding of ``run`` on its pair and cut the pairs' text into segments."""
    documents = list(document_views(run))
    return report_view(run, documents, [fv for d in documents for fv in d.findings])


def document_views(run: CheckRun,
                   documents: Iterable[AlignedDocument] | None = None) -> Iterator[DocumentView]:
    """The view of each document of ``run`` (or of ``documents``, the run's documents as
    they are read back from where they were kept), one at a time and in order, then one for
    each document that has findings but was not aligned (should not happen)."""
    by_doc: dict[str, list[Finding]] = {}
    for f in run.findings:
        by_doc.setdefault(f.document, []).append(f)
    counter = iter(range(1, 1 << 30))
    aligned = 0
    for doc in run.documents if documents is None else documents:
        yield _document(f"d{aligned}", doc, by_doc.pop(doc.name, []), counter)
        del doc  # before the next is read: one document at a time
        aligned += 1
    # Findings about documents the run did not align stay visible.
    for k, (name, findings) in enumerate(sorted(by_doc.items()), start=aligned):
        views = [_view(counter, group, f"d{k}", None)
                 for group in _groups(findings, lambda f: (f.code, f.message))]
        yield DocumentView(f"d{k}", name, "", "", "", "", "", [], views, views,
                           Counter((f.code, str(f.severity)) for f in findings), Counter())


def report_view(run: CheckRun, documents: list[DocumentView] | list[SummaryRow],
                findings: list[FindingView], defects: int | None = None) -> ReportView:
    """The page around the documents' views or summary rows (``defects``: how many there
    are, where ``findings`` does not hold them all)."""
    totals = {s.value: sum(d.by_severity[s.value] for d in documents) for s in SEVERITY_ORDER}
    return ReportView(documents, _rules(run, run.findings), findings, dict(run.signature),
                      run.signature_line, totals, defects)


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


def _groups(findings: list[Finding], key) -> list[list[Finding]]:
    """Findings with the same key, in the order of their first."""
    out: dict[object, list[Finding]] = {}
    for f in findings:
        out.setdefault(key(f), []).append(f)
    return list(out.values())


def _defect(f: Finding) -> tuple:
    """Findings of one defect: one rule on one pair (on no pair: with the same message)."""
    return (f.code, f.pair) if f.pair is not None else (f.code, None, f.message)


def _view(counter: Iterator[int], group: list[Finding], doc_id: str,
          pair: int | None) -> FindingView:
    return FindingView(f"f{next(counter)}", group, doc_id,
                       f"{doc_id}-p{pair}" if pair is not None else None,
                       pair + 1 if pair is not None else None,
                       baseline_data(group)["findings"])


def _spans(f: Finding, src: Document, tgt: Document) -> list[tuple[str, int, int]]:
    """(side, start, end) in document offsets, the side holding the defect first."""
    spans = []
    sides = [("target", f.target, tgt), ("source", f.source, src)]
    if f.primary is not None and f.primary is f.source:
        sides.reverse()  # place the finding by the side that holds the defect
    for side, loc, d in sides:
        if loc is not None and loc.path == d.path:
            spans.append((side, *loc.offsets(d)))
    return spans


def _document(doc_id: str, doc: AlignedDocument, findings: list[Finding],
              counter: Iterator[int]) -> DocumentView:
    src, tgt = doc.alignment.source, doc.alignment.target
    pairs = doc.pairs
    beads = doc.alignment.beads
    placed: dict[int, list[tuple[FindingView, list[tuple[str, int, int]]]]] = {}
    views, unplaced = [], []
    for group in _groups(findings, _defect):
        where = group[0].pair
        fv = _view(counter, group, doc_id, where)
        views.append(fv)
        if where is None:
            unplaced.append(fv)
        else:
            spans = [s for f in group for s in _spans(f, src, tgt)]
            placed.setdefault(where, []).append((fv, spans))
    pair_views = []
    for i, pair in enumerate(pairs):
        here = placed.get(i, [])
        kind = beads[i].kind if i < len(beads) else f"{len(pair.source)}-{len(pair.target)}"
        sentences = [*pair.source, *pair.target]
        pair_views.append(PairView(
            id=f"{doc_id}-p{i}", number=i + 1, kind=kind, confidence=pair.confidence,
            band=band(pair.confidence, kind),
            source=_side(src, pair.source, _range(pair.source), here, "source"),
            target=_side(tgt, pair.target, _range(pair.target), here, "target"),
            findings=[fv for fv, _ in here],
            table=bool(sentences) and all(s.cell is not None for s in sentences),
        ))
    return DocumentView(
        id=doc_id, name=doc.name, source_path=src.path, target_path=tgt.path,
        source_lang=src.lang, target_lang=tgt.lang, aligner=doc.alignment.signature,
        pairs=pair_views, findings=views, unplaced=unplaced,
        counts=Counter((f.code, str(f.severity)) for f in findings),
        bands=Counter(p.band for p in pair_views),
        rows=_rows(doc, pair_views, placed),
    )


def _rows(doc: AlignedDocument, views: list[PairView],
          placed: dict[int, list[tuple[FindingView, list[tuple[str, int, int]]]]]
          ) -> list[PairView | TableView]:
    """The pairs, with each run of consecutive table pairs folded into one table."""
    rows: list[PairView | TableView] = []
    run: list[int] = []

    def flush() -> None:
        if run:
            rows.append(_table(doc, [views[i] for i in run], run, placed))
            run.clear()

    for i, view in enumerate(views):
        if view.table:
            run.append(i)
        else:
            flush()
            rows.append(view)
    flush()
    return rows


def _table(doc: AlignedDocument, views: list[PairView], indices: list[int],
           placed: dict[int, list[tuple[FindingView, list[tuple[str, int, int]]]]]
           ) -> TableView:
    sides = []
    for side, document in (("source", doc.alignment.source), ("target", doc.alignment.target)):
        cells: dict[tuple[int, int], list[Segment]] = {}  # (block, cell) → segments
        owner: dict[tuple[int, int], PairView] = {}
        lines: list[int] = []
        for view, i in zip(views, indices, strict=True):
            for s in getattr(doc.pairs[i], side):
                segs = _side(document, [s], (s.start, s.end), placed.get(i, []), side).segments
                cells.setdefault((s.block, s.cell), []).extend(segs)
                owner.setdefault((s.block, s.cell), view)
                lines += [s.line, s.end_line]
        rows, anchored = [], set()
        for b in sorted({b for b, _ in cells}):
            block = document.blocks[b]
            count = max([len(block.cells), *(c + 1 for bb, c in cells if bb == b)])
            row = []
            for c in range(count):
                pair = owner.get((b, c))
                segs = cells.get((b, c)) or [Segment(block.cells[c].text if c < len(block.cells)
                                                      else "")]
                first = pair is not None and side == "source" and pair.id not in anchored
                if pair is not None and first:
                    anchored.add(pair.id)
                row.append(CellView(segs, pair, first))
            rows.append(row)
        sides.append((rows, anchored, _lines(lines)))
    (src_rows, anchored, src_lines), (tgt_rows, _, tgt_lines) = sides
    for row in tgt_rows:  # pairs with no source cell carry their id on the target side
        for cell in row:
            if cell.pair is not None and cell.pair.id not in anchored:
                anchored.add(cell.pair.id)
                cell.anchor = True
    return TableView(f"{views[0].id}-t", views, src_rows, tgt_rows, src_lines, tgt_lines)


def _lines(lines: list[int]) -> str:
    if not lines:
        return ""
    a, b = min(lines), max(lines)
    return str(a) if a == b else f"{a}–{b}"


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


def _severities(findings: list[Finding]) -> set[str]:
    return {str(f.severity) for f in findings}


def _worst(findings: list[Finding]) -> str:
    if not findings:
        return ""
    return max((f.severity for f in findings), key=lambda s: Severity(s).rank).value


__all__ = ["ReportView", "DocumentView", "PairView", "TableView", "FindingView", "build",
           "band"]

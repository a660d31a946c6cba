from align.alignment import Bead
from qa.core.finding import Finding, Location, Severity
from qa.report.model import band, build
from tests.qa.runs import aligned, sample_run


def test_findings_land_on_their_pairs_with_highlighted_spans():
    view = build(sample_run())
    doc = view.documents[0]
    assert [len(p.findings) for p in doc.pairs] == [0, 1, 1, 0, 1]
    n001 = doc.pairs[2]
    assert [(s.text, s.severity) for s in n001.target.segments] == [
        ("效果在", ""), ("10–15", "warning"), ("分钟内出现。", "")]
    assert n001.source.segments[0].text == "Effects appear within 10–15 minutes."
    assert n001.source.segments[0].ids == [n001.findings[0].id]
    assert n001.target.lines == "3"
    assert "Suggestion: write 10–15 分钟" in n001.target.segments[1].title
    assert doc.counts[("N001", "warning")] == 1
    assert doc.by_severity == {"error": 1, "warning": 1, "info": 1}
    assert view.totals == {"error": 1, "warning": 1, "info": 1}
    assert [r.code for r in view.rules] == ["A001", "N001", "P004"]


def test_overlapping_findings_split_into_runs():
    doc = aligned()
    pair = doc.pairs[1]  # 参考剂量为0.5 mg/kg。
    t = pair.target[0]
    a = Finding("N001", "n", Severity.WARNING, "a", doc.name,
                target=Location(t.path, t.line, 6, t.line, 9, "0.5"), pair=1)
    b = Finding("P004", "p", Severity.ERROR, "b", doc.name,
                target=Location(t.path, t.line, 8, t.line, 15, "5 mg/kg"), pair=1)
    side = build(sample_run([doc], [a, b])).documents[0].pairs[1].target
    assert [(s.text, len(s.ids), s.severity) for s in side.segments] == [
        ("参考剂量为", 0, ""), ("0.", 1, "warning"), ("5", 2, "error"), (" mg/kg", 1, "error"),
        ("。", 0, "")]


def test_unplaced_findings_and_gaps():
    en = "# T\n\nOne. Two. Three.\n"
    zh = "# 标题\n\n一。二。\n"
    doc = aligned("cut.md", en, zh, [Bead((0,), (0,)), Bead((1,), (1,), 0.6),
                                     Bead((2,), (2,), 0.3), Bead((3,), ())])
    whole = Finding("A003", "truncated", Severity.WARNING, "target ends early", doc.name)
    point = Finding("A001", "missing", Severity.ERROR, "here", doc.name,
                    source=Location(doc.alignment.source.path, 3, 17, 3, 17, ""), pair=3)
    view = build(sample_run([doc], [whole, point])).documents[0]
    assert [p.band for p in view.pairs] == ["good", "doubtful", "bad", "gap"]
    assert [p.kind for p in view.pairs] == ["1-1", "1-1", "1-1", "1-0"]
    assert [fv.finding.code for fv in view.unplaced] == ["A003"]
    assert view.pairs[3].findings[0].finding.code == "A001"
    assert view.pairs[3].target.empty and view.pairs[3].target.lines == ""
    # A zero-width point marks the character before it at the end of a sentence.
    assert [s.text for s in view.pairs[3].source.segments] == ["Three", "."]


def test_band_thresholds():
    assert band(0.8, "1-1") == "good"
    assert band(0.79, "2-1") == "doubtful"
    assert band(0.49, "1-1") == "bad"
    assert band(1.0, "0-1") == "gap"


def test_a_finding_on_a_whole_sentence_is_marked_whole():
    doc = build(sample_run()).documents[0]
    assert doc.pairs[1].target.segments[0].whole  # P004 covers the whole target sentence
    assert not any(s.whole for s in doc.pairs[2].target.segments)  # N001: a part of it


def test_findings_of_one_rule_on_one_pair_are_one_defect():
    doc = aligned()
    t = doc.pairs[2].target[0]
    same = [Finding("N001", "n", Severity.WARNING, f"number {k}", doc.name,
                    target=Location(t.path, t.line, 3 + k, t.line, 5 + k, "x"), pair=2)
            for k in range(3)]
    other = Finding("P004", "p", Severity.INFO, "spacing", doc.name, target=Location(
        t.path, t.line, 1, t.line, 2, "x"), pair=2)
    view = build(sample_run([doc], [*same, other])).documents[0]
    assert [(fv.finding.code, fv.count) for fv in view.findings] == [("N001", 3), ("P004", 1)]
    n001 = view.findings[0]
    assert n001.messages == ["number 1", "number 2"] and n001.pair_number == 3
    assert sum(e["count"] for e in n001.entries) == 3  # baseline entries: every copy
    assert view.counts[("N001", "warning")] == 3  # counts stay per finding
    assert view.pairs[2].findings == view.findings


def test_documents_are_ranked_by_errors_warnings_then_staleness():
    def doc(name):
        return aligned(name)

    a, b, c, d = doc("a.md"), doc("b.md"), doc("c.md"), doc("d.md")
    gap = aligned("e.md", "# T\n\nOne. Two.\n", "# 标题\n\n一。\n",
                  [Bead((0,), (0,)), Bead((1,), (1,)), Bead((2,), ())])

    def f(d, code, sev):
        return Finding(code, "x", sev, "m", d.name, pair=0)

    findings = [f(a, "N001", Severity.WARNING), f(b, "A001", Severity.ERROR),
                f(c, "D001", Severity.WARNING), f(c, "N001", Severity.INFO),
                f(d, "D002", Severity.INFO)]
    view = build(sample_run([a, b, c, d, gap], findings))
    assert [(x.name, x.staleness) for x in view.ranked] == [
        ("b.md", 0), ("c.md", 1), ("a.md", 0), ("d.md", 1), ("e.md", 1)]


def test_consecutive_table_pairs_are_one_table():
    en = "# T\n\nIntro.\n\n| A | B |\n| --- | --- |\n| one | two |\n\nEnd.\n"
    zh = "# 标题\n\n引言。\n\n| 甲 | 乙 |\n| --- | --- |\n| 一 | 二 |\n\n结束。\n"
    view = build(sample_run([aligned("t.md", en, zh)], [])).documents[0]
    kinds = [type(r).__name__ for r in view.rows]
    assert kinds == ["PairView", "PairView", "TableView", "PairView"]
    table = view.rows[2]
    assert [[c.segments[0].text for c in row] for row in table.source_rows] == [
        ["A", "B"], ["one", "two"]]
    assert [[c.segments[0].text for c in row] for row in table.target_rows] == [
        ["甲", "乙"], ["一", "二"]]
    assert table.numbers == "3–6" and all(c.anchor for row in table.source_rows for c in row)
    assert [(x, n) for x, n, _ in view.strip] and sum(n for _, n, _ in view.strip) == 7

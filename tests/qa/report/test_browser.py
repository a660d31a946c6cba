"""The report in a real browser: no errors, the ranked summary links to each document's view
(#doc=NAME), filters work, links scroll, markup stays text, and triage downloads a baseline
that ``bitext check --baseline`` reads."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from align.alignment import Bead
from qa.core.finding import Location
from qa.formats.baseline import fingerprint, load_baseline
from qa.report import render_html, stream_html, write_report
from tests.qa.runs import NumberMismatch, aligned, sample_run

pytestmark = pytest.mark.browser

INJECT_EN = "# Title\n\nIt says <script>window.__pwned = 1</script> here.\n"
INJECT_ZH = "# 标题\n\n它说<img src=x onerror=\"window.__pwned = 2\">在这里。\n"
TABLE_EN = "# Doses\n\n| Drug | Dose |\n| --- | --- |\n| Ketamine | 0.5 mg/kg |\n| Water | None. |\n"
TABLE_ZH = "# 剂量\n\n| 药物 | 剂量 |\n| --- | --- |\n| 氯胺酮 | 0.5 mg/kg |\n| 水 | 无。 |\n"


def long_document():
    """60 numbered pairs with the last one missing its translation (a cut-off end)."""
    en = "\n".join(f"Sentence number {i} is here." for i in range(60)) + "\n"
    zh = "\n".join(f"第{i}句在这里。" for i in range(59)) + "\n"
    beads = [Bead((i,), (i,), 0.9 if i % 7 else 0.4) for i in range(59)] + [Bead((59,), ())]
    return aligned("long.md", en, zh, beads)


@pytest.fixture
def run():
    dosing, long, injected = aligned(), long_document(), aligned("inject.md", INJECT_EN,
                                                                   INJECT_ZH)
    table = aligned("table.md", TABLE_EN, TABLE_ZH)
    run = sample_run(docs=[dosing, long, injected, table])
    far = long.pairs[50]
    run.findings.append(NumberMismatch().finding(
        long, "number 50 became 5O", source=far.source,
        target=Location(far.target[0].path, far.target[0].line, 2, far.target[0].line, 4, "50")))
    run.findings.append(NumberMismatch().finding(
        injected, "markup <script> differs", source=injected.pairs[1].source,
        target=injected.pairs[1].target, suggestion="<img src=y onerror=alert(3)>"))
    cell = table.pairs[-1]
    run.findings.append(NumberMismatch().finding(table, "a cell", source=cell.source,
                                                 target=cell.target))
    return run


@pytest.fixture
def report(tmp_path, run) -> Path:
    """The page as ``bitext report`` writes it: streamed."""
    return write_report(stream_html(run, paths=["corpus"]), tmp_path)


def visible_findings(page) -> list[str]:
    return page.eval_on_selector_all(
        "#view .finding-list .finding", "els => els.filter(e => !e.hidden).map(e => e.dataset.rule)")


def visible_pairs(page) -> list[str]:
    return page.eval_on_selector_all(
        "#view .pair[id]", "els => els.filter(e => e.offsetParent !== null).map(e => e.id)")


def eventually(read, expected, timeout: float = 5.0):
    """``read()`` once it equals ``expected`` (the page applies filters on its own event
    loop, so a check right after a click may run before it); the last value on timeout."""
    deadline = time.monotonic() + timeout
    value = read()
    while value != expected and time.monotonic() < deadline:
        time.sleep(0.05)
        value = read()
    return value


def in_viewport(page, selector: str) -> bool:
    return page.eval_on_selector(selector, """el => { const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }""")


def test_summary_ranks_documents_and_links_to_their_views(open_page, report, tmp_path):
    page = open_page(report)
    assert page.title().startswith("bitext report · 6 defects")
    # dosing: an error; long: a warning and a pair without translation; then the others.
    names = page.eval_on_selector_all("#ranking tbody tr", "rs => rs.map(r => r.dataset.name)")
    assert names == ["dosing.md", "long.md", "inject.md", "table.md"]
    assert page.inner_text("#ranking tbody tr:nth-child(2) td:nth-child(6)") == "1"  # stale
    assert page.locator("#view").is_hidden() and page.locator("#view article").count() == 0
    page.click("#ranking a:text-is('dosing.md')")
    assert page.evaluate("location.hash") == "#doc=dosing.md"
    assert page.locator("#summary").is_hidden()
    assert page.inner_text("#d0-p1 .tgt") == "参考剂量为0.5 mg/kg。"
    assert page.get_attribute("#d0-p1 .tgt", "lang") == "zh-Hans"
    assert page.locator("#view .strip").count() == 1
    page.go_back()
    assert eventually(lambda: page.locator("#summary").is_visible(), True)
    # Sorting: by name, then back to the ranking.
    page.click("#ranking th[data-sort=name]")
    names = page.eval_on_selector_all("#ranking tbody tr", "rs => rs.map(r => r.dataset.name)")
    assert names == ["dosing.md", "inject.md", "long.md", "table.md"]
    page.click("#ranking th[data-sort=rank]")
    assert page.eval_on_selector("#ranking tbody tr", "r => r.dataset.name") == "dosing.md"
    page.goto(report.as_uri() + "#doc=long.md")
    assert page.locator("#d1-p59.band-gap .missing").inner_text() == "no translation"
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000
    if os.environ.get("BITEXT_SCREENSHOTS"):  # keep it for a person to look at
        Path(os.environ["BITEXT_SCREENSHOTS"]).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(os.environ["BITEXT_SCREENSHOTS"]) / "report.png")
    assert page.errors == []


def test_filters_change_what_is_shown(open_page, report):
    page = open_page(report)
    page.goto(report.as_uri() + "#doc=dosing.md")
    assert eventually(lambda: len(visible_findings(page)), 3) == 3
    assert len(visible_pairs(page)) == 5
    page.select_option("#filter-rule", "N001")
    assert eventually(lambda: visible_findings(page), ["N001"]) == ["N001"]
    assert eventually(lambda: visible_pairs(page), ["d0-p2"]) == ["d0-p2"]
    assert page.inner_text("#shown") == "1 of 3 defects"
    # Highlights of the selected rule stay live; others are dimmed.
    assert page.locator("#d0-p2 mark.hl.dim").count() == 0
    assert page.locator("#d0-p4 mark.hl.dim").count() == 2
    page.select_option("#filter-rule", "")
    page.select_option("#filter-sev", "error")
    assert eventually(lambda: visible_pairs(page), ["d0-p4"]) == ["d0-p4"]
    page.click("#filter-reset")
    # Not page.wait_for_function: its polling evaluates strings, which the report's CSP forbids.
    assert eventually(lambda: page.inner_text("#shown"), "3 of 3 defects") == "3 of 3 defects"
    page.check("#filter-only")
    only = ["d0-p1", "d0-p2", "d0-p4"]
    assert eventually(lambda: visible_pairs(page), only) == only
    assert page.errors == []


def test_a_link_opens_a_document_at_a_pair(open_page, report):
    page = open_page(report)
    page.goto(report.as_uri() + "#doc=long.md&pair=51")
    assert eventually(lambda: in_viewport(page, "#d1-p50"), True)
    assert "flash" in page.get_attribute("#d1-p50", "class")
    page.evaluate("window.scrollTo(0, 0)")
    assert not in_viewport(page, "#d1-p50")
    page.click("#view .finding-list a")
    assert page.evaluate("location.hash") == "#doc=long.md&pair=51"
    assert in_viewport(page, "#d1-p50")
    note_id = page.get_attribute("#view .finding-list a", "data-note")
    assert "active" in page.get_attribute(f"#{note_id}", "class")
    # The strip goes to the pair under the pointer: the cut-off last pair.
    strip = page.locator("#view .strip")
    strip.click(position={"x": strip.bounding_box()["width"] - 1, "y": 5})
    assert page.evaluate("location.hash") == "#doc=long.md&pair=60"
    assert in_viewport(page, "#d1-p59")
    page.click("#d1-p50 mark.hl")
    assert "active" in page.get_attribute(f"#{note_id}", "class")
    assert page.errors == []


def test_tables_are_tables_and_defects_are_grouped(open_page, report):
    page = open_page(report)
    page.goto(report.as_uri() + "#doc=table.md")
    block = page.locator("#view .pair.table-block")
    assert block.count() == 1
    rows = page.eval_on_selector_all("#view .pair.table-block .src table.md tr",
                                     "rs => rs.map(r => Array.from(r.cells, c => c.innerText))")
    assert rows == [["Drug", "Dose"], ["Ketamine", "0.5 mg/kg"], ["Water", "None."]]
    assert page.locator("#view .pair.table-block .tgt tr").count() == 3
    assert page.locator("#view .pair.table-block .note").count() == 1
    assert page.errors == []


def test_injected_markup_stays_inert(open_page, report):
    page = open_page(report)
    page.goto(report.as_uri() + "#doc=inject.md")
    assert page.locator("#d2-p1").count() == 1
    assert page.evaluate("window.__pwned") is None
    assert page.locator("main img").count() == 0
    assert page.locator("main script").count() == 0
    assert page.locator("script:not([type='application/json'])").count() == 1  # the report's
    assert "<script>window.__pwned = 1</script>" in page.inner_text("#d2-p1 .src")
    assert "<img src=x onerror=\"window.__pwned = 2\">" in page.inner_text("#d2-p1 .tgt")
    assert "<img src=y onerror=alert(3)>" in page.inner_text("#d2-p1 .notes")
    assert page.errors == []


def test_triage_downloads_a_baseline_that_check_applies(open_page, report, run, tmp_path):
    page = open_page(report)
    page.goto(report.as_uri() + "#doc=dosing.md")
    a001 = page.locator("#view .note[data-rule=A001]")
    a001.locator("button[data-mark=false-alarm]").click()
    a001.locator(".triage-note").fill("the sentence is translated in the next one")
    assert page.inner_text("#marked") == "1 marked"
    page.goto(report.as_uri() + "#doc=long.md")
    page.locator("#view .note[data-rule=N001] button[data-mark=accepted]").click()
    assert page.inner_text("#marked") == "2 marked"
    page.goto(report.as_uri() + "#doc=dosing.md")  # marks survive leaving the view
    assert page.get_attribute("#view .note[data-rule=A001] button[data-mark=false-alarm]",
                              "aria-pressed") == "true"
    with page.expect_download() as download:
        page.click("#download-baseline")
    path = tmp_path / "downloaded.json"
    download.value.save_as(path)
    assert download.value.suggested_filename == "bitext-baseline.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [(e["document"], e["code"], e["triage"]) for e in data["findings"]] == [
        ("dosing.md", "A001", "false-alarm"), ("long.md", "N001", "accepted")]
    assert data["findings"][0]["note"] == "the sentence is translated in the next one"
    marked = [f for f in run.findings if (f.document, f.code) in
              {("dosing.md", "A001"), ("long.md", "N001")}]
    new, matched = load_baseline(path).filter(run.findings)
    assert matched == 2 and [f for f in run.findings if f not in new] == marked
    assert {e["fingerprint"] for e in data["findings"]} == {fingerprint(f) for f in marked}
    assert page.errors == []


def test_a_thousand_documents_open_fast(open_page, tmp_path):
    """1,000 short documents: the summary is ready and a document opens quickly, because the
    views stay inert JSON until asked for. (Short, so the test stays fast; the figures for
    1,000 documents of 71 pairs come from ``python -m tests.qa.report.measure --synthetic
    1000``: see the README.)"""
    from tests.qa.report.measure import synthetic_run

    path = write_report(render_html(synthetic_run(1000, paragraphs=2)), tmp_path)
    page = open_page(path)
    page.wait_for_selector("html[data-ready]", timeout=30_000)
    assert page.locator("#ranking tbody tr").count() == 1000
    assert page.locator("#view article").count() == 0
    ready_ms = float(page.get_attribute("html", "data-ready"))
    assert ready_ms < 10_000  # generous: a loaded CI machine
    start = time.perf_counter()
    page.click("#ranking tbody tr:first-child a")
    page.wait_for_selector("#view article.document")
    assert time.perf_counter() - start < 5
    assert page.locator("#view .pair[id]").count() > 5
    assert page.errors == []

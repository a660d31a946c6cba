"""The report in a real browser: no errors, filters work, links scroll, markup stays text."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from align.alignment import Bead
from qa.core.finding import Location
from qa.report import render_html, write_report
from tests.qa.runs import NumberMismatch, aligned, sample_run

pytestmark = pytest.mark.browser

INJECT_EN = "# Title\n\nIt says <script>window.__pwned = 1</script> here.\n"
INJECT_ZH = "# 标题\n\n它说<img src=x onerror=\"window.__pwned = 2\">在这里。\n"


def long_document():
    """60 numbered pairs with the last one missing its translation (a cut-off end)."""
    en = "\n".join(f"Sentence number {i} is here." for i in range(60)) + "\n"
    zh = "\n".join(f"第{i}句在这里。" for i in range(59)) + "\n"
    beads = [Bead((i,), (i,), 0.9 if i % 7 else 0.4) for i in range(59)] + [Bead((59,), ())]
    return aligned("long.md", en, zh, beads)


@pytest.fixture
def report(tmp_path) -> Path:
    dosing, long, injected = aligned(), long_document(), aligned("inject.md", INJECT_EN,
                                                                   INJECT_ZH)
    run = sample_run(docs=[dosing, long, injected])
    far = long.pairs[50]
    run.findings.append(NumberMismatch().finding(
        long, "number 50 became 5O", source=far.source,
        target=Location(far.target[0].path, far.target[0].line, 2, far.target[0].line, 4, "50")))
    run.findings.append(NumberMismatch().finding(
        injected, "markup <script> differs", source=injected.pairs[1].source,
        target=injected.pairs[1].target, suggestion="<img src=y onerror=alert(3)>"))
    return write_report(render_html(run, paths=["corpus"]), tmp_path)


def visible_findings(page) -> list[str]:
    return page.eval_on_selector_all(
        "#finding-list .finding", "els => els.filter(e => !e.hidden).map(e => e.dataset.rule)")


def visible_pairs(page) -> list[str]:
    return page.eval_on_selector_all(
        ".pair[data-doc]", "els => els.filter(e => e.offsetParent !== null).map(e => e.id)")


def eventually(read, expected, timeout: float = 5.0):
    """``read()`` once it equals ``expected`` (the page applies filters on its own event
    loop, so a check right after a click may run before it); the last value on timeout."""
    import time

    deadline = time.monotonic() + timeout
    value = read()
    while value != expected and time.monotonic() < deadline:
        time.sleep(0.05)
        value = read()
    return value


def test_opens_without_errors_and_shows_chinese(open_page, report, tmp_path):
    page = open_page(report)
    assert page.title().startswith("bitext report · 5 findings")
    assert page.inner_text("#d0-p1 .tgt") == "参考剂量为0.5 mg/kg。"
    assert page.get_attribute("#d0-p1 .tgt", "lang") == "zh-Hans"
    assert page.locator(".strip").count() == 3
    assert page.locator("#d1-p59.band-gap .missing").inner_text() == "no translation"
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    if os.environ.get("BITEXT_SCREENSHOTS"):  # keep it for a person to look at
        Path(os.environ["BITEXT_SCREENSHOTS"]).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(os.environ["BITEXT_SCREENSHOTS"]) / "report.png")
    assert page.errors == []


def test_filters_change_what_is_shown(open_page, report):
    page = open_page(report)
    assert len(visible_findings(page)) == 5
    assert len(visible_pairs(page)) == 5 + 60 + 2

    page.select_option("#filter-rule", "N001")
    assert eventually(lambda: visible_findings(page), ["N001"] * 3) == ["N001", "N001", "N001"]
    assert eventually(lambda: visible_pairs(page), ["d0-p2", "d1-p50", "d2-p1"]) == \
        ["d0-p2", "d1-p50", "d2-p1"]
    assert page.inner_text("#shown") == "3 of 5 findings"
    # Highlights of the selected rule stay live; others are dimmed.
    assert page.locator("#d0-p2 mark.hl.dim").count() == 0
    assert page.locator("#d0-p4 mark.hl.dim").count() == 2

    page.select_option("#filter-doc", "d1")
    assert eventually(lambda: visible_pairs(page), ["d1-p50"]) == ["d1-p50"]
    assert page.locator("#d0").is_hidden() and page.locator("#d1").is_visible()

    page.select_option("#filter-rule", "")
    page.select_option("#filter-sev", "error")
    assert eventually(lambda: visible_findings(page), []) == []
    assert eventually(lambda: visible_pairs(page), []) == []

    page.click("#filter-reset")
    # Not page.wait_for_function: its polling evaluates strings, which the report's CSP forbids.
    assert eventually(lambda: page.inner_text("#shown"), "5 of 5 findings") == "5 of 5 findings"
    page.check("#filter-only")
    only = ["d0-p1", "d0-p2", "d0-p4", "d1-p50", "d2-p1"]
    assert eventually(lambda: visible_pairs(page), only) == only
    assert page.errors == []


def in_viewport(page, selector: str) -> bool:
    return page.eval_on_selector(selector, """el => { const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }""")


def test_clicking_a_finding_scrolls_to_its_pair(open_page, report):
    page = open_page(report)
    assert not in_viewport(page, "#d1-p50")
    page.click("#finding-list a[href='#d1-p50']")
    assert eventually(lambda: page.evaluate("window.scrollY > 0"), True)
    assert in_viewport(page, "#d1-p50")
    assert page.evaluate("location.hash") == "#d1-p50"
    assert "flash" in page.get_attribute("#d1-p50", "class")
    note_id = page.get_attribute("#finding-list a[href='#d1-p50']", "data-note")
    assert "active" in page.get_attribute(f"#{note_id}", "class")
    # The strip links to pairs too: the cut-off last pair of long.md.
    page.click("#finding-list a[href='#d0-p4']")
    assert in_viewport(page, "#d0-p4")
    page.eval_on_selector(".doc-card[data-doc=d1] .strip a[href='#d1-p59']",
                          "a => a.dispatchEvent(new MouseEvent('click', {bubbles: true}))")
    assert in_viewport(page, "#d1-p59")
    # A highlight shows its finding's note when clicked.
    page.click("#d1-p50 mark.hl")
    assert "active" in page.get_attribute(f"#{note_id}", "class")
    assert page.errors == []


def test_injected_markup_stays_inert(open_page, report):
    page = open_page(report)
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("typeof alert") == "function"
    assert page.locator("main img").count() == 0
    assert page.locator("main script").count() == 0
    assert page.locator("body script").count() == 1  # the report's own
    assert "<script>window.__pwned = 1</script>" in page.inner_text("#d2-p1 .src")
    assert "<img src=x onerror=\"window.__pwned = 2\">" in page.inner_text("#d2-p1 .tgt")
    assert "<img src=y onerror=alert(3)>" in page.inner_text("#d2-p1 .notes")
    assert page.errors == []

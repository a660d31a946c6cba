"""Size and time to first render of reports in headless chromium (the README's figures).

    python -m tests.qa.report.measure REPORT.html [...]      # a written report
    python -m tests.qa.report.measure --synthetic 1000       # 1,000 documents, both layouts

``--synthetic N`` builds a check run of N document pairs from the committed corpus's text
(no aligner: :func:`synthetic_run`), renders it as one file with inert document views (the
layout ``bitext report`` writes) and as an index page plus one file per document (the
alternative that was measured against it), and opens each in chromium. Each figure is the
median of ``--repeat`` fresh pages: *first paint* (First Contentful Paint), *ready* (the
page's script has run: the report is usable) and *open* (from clicking the worst document in
the ranking to its view being shown).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tests.qa.report.conftest import LAUNCH_ARGS, chromium_path


def synthetic_run(n: int, findings_per_doc: int = 12, paragraphs: int = 30):
    """A run of ``n`` documents: the sample document, ``paragraphs`` numbered paragraphs of
    two sentences (30: 71 pairs, the size of an average page of the docs sites) and a table,
    with up to ``findings_per_doc`` findings of three rules."""
    from tests.qa.runs import (
        EN,
        ZH,
        MissingTranslation,
        NumberMismatch,
        Spacing,
        aligned,
        sample_run,
    )

    body_en = "".join(f"Paragraph {i} says the dose is {i}.5 mg/kg. It acts within {i} "
                      "minutes.\n\n" for i in range(paragraphs))
    body_zh = "".join(f"第{i}段说剂量为{i}.5 mg/kg。它在{i}分钟内起效。\n\n" for i in range(paragraphs))
    table_en = "| Name | Value |\n| --- | --- |\n| dose | 0.5 mg/kg |\n| onset | ten minutes |\n"
    table_zh = "| 名称 | 数值 |\n| --- | --- |\n| 剂量 | 0.5 mg/kg |\n| 起效 | 十分钟 |\n"
    en, zh = EN + "\n" + body_en + table_en, ZH + "\n" + body_zh + table_zh
    docs, findings = [], []
    rules = [NumberMismatch(), MissingTranslation(), Spacing()]
    for k in range(n):
        doc = aligned(f"section-{k // 50}/page-{k:04d}.md", en, zh)
        docs.append(doc)
        for j in range((k * 7) % findings_per_doc + 1):
            i = (j * 5 + k) % len(doc.pairs)
            pair = doc.pairs[i]
            f = rules[(j + k) % 3].finding(doc, f"defect {j} of page {k}", source=pair.source,
                                           target=pair.target)
            findings.append(f)
    return sample_run(docs, findings)


def write_files_layout(report, out: Path) -> Path:
    """The alternative layout: ``index.html`` (the summary) + ``docs/dN.html`` (one view
    each, with the same page around it). Returns the index's path."""
    from qa.report.model import ReportView
    from qa.report.render import render_view

    (out / "docs").mkdir(parents=True, exist_ok=True)
    index = ReportView(report.documents, report.rules, report.findings, report.signature,
                       report.signature_line, report.totals)
    html = render_view(index, views=False, doc_file="docs/{id}.html")
    (out / "index.html").write_text(html, encoding="utf-8")
    for d in report.documents:
        one = ReportView([d], report.rules, d.findings, report.signature,
                         report.signature_line, report.totals)
        (out / "docs" / f"{d.id}.html").write_text(render_view(one), encoding="utf-8")
    return out / "index.html"


def measure(browser, path: Path, repeat: int = 3) -> dict[str, float]:
    """Median milliseconds to first paint, to ready, and to open the top-ranked document."""
    paint, ready, opened = [], [], []
    for _ in range(repeat):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        page.goto(path.as_uri(), wait_until="load", timeout=120_000)
        page.wait_for_selector("html[data-ready]", timeout=120_000)
        ready.append(float(page.get_attribute("html", "data-ready")))
        fcp = page.evaluate("(performance.getEntriesByName('first-contentful-paint')[0]"
                            " || {startTime: -1}).startTime")
        paint.append(float(fcp))
        link = page.locator("#ranking tbody tr:first-child a")
        href = link.get_attribute("href")
        t = time.perf_counter()
        if href.startswith("#"):
            link.click()
            page.wait_for_selector("#view article.document", timeout=60_000)
        else:  # a file of its own
            page.goto((path.parent / href.split("#")[0]).as_uri() + "#" + href.split("#")[1])
            page.wait_for_selector("#view article.document", timeout=60_000)
        opened.append((time.perf_counter() - t) * 1000)
        assert not errors, errors
        page.close()
    return {"first_paint_ms": statistics.median(paint), "ready_ms": statistics.median(ready),
            "open_doc_ms": statistics.median(opened)}


def size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("reports", nargs="*", type=Path)
    ap.add_argument("--synthetic", type=int, metavar="N")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from qa.report.model import build
    from qa.report.render import render_view

    targets: list[tuple[str, Path, Path]] = [(str(p), p, p) for p in args.reports]
    tmp = Path(tempfile.mkdtemp(prefix="bitext-measure-"))
    if args.synthetic:
        t = time.perf_counter()
        report = build(synthetic_run(args.synthetic))
        single = tmp / "single.html"
        single.write_text(render_view(report), encoding="utf-8")
        print(f"built and rendered {args.synthetic} documents in "
              f"{time.perf_counter() - t:.1f} s ({report.pair_count} pairs, "
              f"{len(report.findings)} defects)")
        targets.append((f"synthetic {args.synthetic}, one file (lazy views)", single, single))
        index = write_files_layout(report, tmp / "files")
        targets.append((f"synthetic {args.synthetic}, index + one file per document", index,
                        tmp / "files"))
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=LAUNCH_ARGS)
        for label, path, disk in targets:
            m = measure(browser, path, args.repeat)
            entry = f" (entry page {size(path) / 1e6:.2f} MB)" if disk != path else ""
            print(f"{label}: {size(disk) / 1e6:.2f} MB on disk{entry}; first paint "
                  f"{m['first_paint_ms']:.0f} ms, ready {m['ready_ms']:.0f} ms, open the top "
                  f"document {m['open_doc_ms']:.0f} ms")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

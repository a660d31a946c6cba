import re
from datetime import datetime

from qa.report import render_html, write_report
from qa.report.render import report_path
from tests.qa.report.pages import everything, views
from tests.qa.runs import aligned, sample_run


def test_corpus_text_and_messages_are_escaped():
    page = render_html(sample_run())
    assert "<script>" not in page.replace("<script>\n", "")  # only the report's own
    assert "</script" not in views(page)["dosing.md"].replace("&lt;/script", "")
    html = everything(page)
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "the &lt;b&gt;bold&lt;/b&gt; sentence" in html
    assert len(re.findall(r"<script\b", html)) == 1
    # The inert views' JSON cannot close its element, whatever the corpus holds.
    assert page.count("</script>") == 2 and page.count('type="application/json"') == 1


def test_self_contained_with_a_strict_policy_and_the_signature():
    html = render_html(sample_run(), generated=datetime(2025, 1, 2, 3, 4, 5))
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "@import" not in html and "url(" not in html
    nonce = re.search(r"script-src 'nonce-([\w-]+)'", html).group(1)
    assert f'<script nonce="{nonce}">' in html
    assert "default-src 'none'" in html
    assert ('<meta name="bitext-signature" content="bitext:0.1.0|aligner:aligner:test|v0|'
            'glossary:none|rules:A001,N001,P004|langs:en-&gt;zh">') in html
    assert "Generated 2025-01-02 03:04:05" in html
    assert render_html(sample_run()) != html  # a fresh nonce each time


def test_clean_and_empty_runs_render():
    assert "No findings." in render_html(sample_run(findings=[]))
    assert 'id="data-d0"' in render_html(sample_run(findings=[]))
    assert "0 aligned pairs" in render_html(sample_run(docs=[], findings=[]))
    assert "no translation" in everything(render_html(sample_run(
        docs=[aligned(zh="# 标题\n")], findings=[])))


def test_written_atomically_to_a_new_file_never_overwriting(tmp_path):
    now = datetime(2025, 1, 2, 3, 4, 5)
    assert report_path(tmp_path, now).name == "bitext-report-20250102-030405.html"
    first = write_report("<p>one</p>", tmp_path / "reports", now)
    second = write_report("<p>two</p>", tmp_path / "reports", now)
    assert first.name == "bitext-report-20250102-030405.html"
    assert second.name == "bitext-report-20250102-030405-2.html"
    assert first.read_text() == "<p>one</p>" and second.read_text() == "<p>two</p>"
    assert {p.name for p in (tmp_path / "reports").iterdir()} == {first.name, second.name}
    assert first.stat().st_mode & 0o044  # readable like any file the user makes


def test_rules_without_findings_are_folded_away():
    run = sample_run()
    run.findings = [f for f in run.findings if f.code != "P004"]
    html = render_html(run)
    assert "1 more rule ran with no findings" in html
    folded = html[html.index('class="quiet-rules"'):]
    assert "<code>P004</code> cjk-latin-spacing" in folded[:folded.index("</details>")]

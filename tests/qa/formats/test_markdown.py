import io

from qa.core.finding import Finding, Severity
from qa.formats import markdown
from tests.qa.runs import aligned, sample_run


def render(run) -> str:
    out = io.StringIO()
    markdown.write(run, out)
    return out.getvalue()


def test_summary_tables_and_listed_findings():
    text = render(sample_run())
    assert text.startswith("### bitext: 3 findings (1 error, 1 warning, 1 info) in 1 document\n")
    assert "| 🔴 `A001` | missing\\-translation | 1 |" not in text  # names are not escaped twice
    assert "| 🔴 `A001` | missing-translation | 1 |" in text
    assert "| dosing.md | 1 | 1 | 1 |" in text
    assert "- 🔴 `corpus/zh/dosing.md:6:3` `A001` the &lt;b&gt;bold&lt;/b&gt; sentence" in text
    assert "<b>" not in text
    assert text.rstrip().endswith("langs:en-&gt;zh</sub>")


def test_clean_run_and_long_runs_are_short():
    assert render(sample_run(findings=[])).startswith("### ✅ bitext: no findings in 1 document")
    doc = aligned()
    many = [Finding("P004", "cjk-latin-spacing", Severity.INFO, f"spacing {i} | pipe",
                    doc.name) for i in range(40)]
    text = render(sample_run(findings=many))
    assert text.count("\n- 🔵") == markdown.MAX_LISTED
    assert "… and 15 more" in text
    assert "spacing 0 \\| pipe" in text


def test_escape_keeps_one_line_and_neutralises_markup():
    assert markdown.escape("a\n*b* [x](y) <img>") == "a \\*b\\* \\[x\\](y) &lt;img&gt;"
    assert markdown.escape("abcdef", limit=4) == "abc…"

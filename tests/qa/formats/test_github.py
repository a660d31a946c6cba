import io

from qa.core.finding import Finding, Location, Severity
from qa.formats import github
from tests.qa.runs import sample_run


def test_one_annotation_per_finding_with_the_right_level_and_span():
    out = io.StringIO()
    github.write(sample_run(), out)
    lines = out.getvalue().splitlines()
    assert lines[0] == (
        "::warning file=corpus/zh/dosing.md,line=3,col=19,endLine=3,endColumn=24,"
        "title=N001 number-mismatch::number 15 is missing in the target; \"10-15\" became "
        "'10–15'%0ASuggestion: write 10–15 分钟")
    assert lines[1].startswith("::error file=corpus/zh/dosing.md,line=6,col=3,")
    assert lines[2].startswith("::notice ")
    assert lines[2].endswith("::add a space between 0.5 and mg/kg%0ASuggestion: 0.5 mg/kg, "
                             "100%25: done")


def test_escaping_follows_the_runner_rules():
    assert github.escape_data("50%\r\nnext: a, b") == "50%25%0D%0Anext: a, b"
    assert github.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    loc = Location("docs/zh/a,b:c.md", 1, 1, 1, 2, "x")
    f = Finding("T001", "term", Severity.ERROR, "multi\nline", "a,b:c.md", target=loc)
    assert github.command(f) == ("::error file=docs/zh/a%2Cb%3Ac.md,line=1,col=1,endLine=1,"
                                 "endColumn=2,title=T001 term::multi%0Aline")


def test_document_level_finding_has_no_file_but_names_the_document():
    f = Finding("A003", "truncated", Severity.WARNING, "target ends early", "ketamine.md")
    assert github.command(f) == "::warning title=A003 truncated::ketamine.md: target ends early"

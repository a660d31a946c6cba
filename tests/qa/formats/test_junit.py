import io
import xml.etree.ElementTree as ET

from qa.core.finding import Finding, Severity
from qa.core.settings import Settings
from qa.formats import junit
from tests.qa.runs import aligned, sample_run


def parse(run):
    out = io.StringIO()
    junit.write(run, out)
    text = out.getvalue()
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.split("\n", 1)[1])


def test_one_case_per_rule_and_document_failing_at_fail_on():
    root = parse(sample_run())
    assert root.get("tests") == "3" and root.get("failures") == "1"
    suite = root.find("testsuite")
    assert suite.get("name") == "dosing.md"
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert list(cases) == ["A001 missing-translation", "N001 number-mismatch",
                           "P004 cjk-latin-spacing"]
    failure = cases["A001 missing-translation"].find("failure")
    assert failure.get("type") == "A001"
    assert "<b>bold</b>" in failure.text  # escaped in XML, back to text after parsing
    # Below fail-on (error): passed, reported in system-out.
    assert cases["N001 number-mismatch"].find("failure") is None
    assert "10–15" in cases["N001 number-mismatch"].find("system-out").text


def test_fail_on_warning_and_clean_documents_and_control_characters():
    run = sample_run(docs=[aligned(), aligned(name="clean.md")])
    run.settings = Settings(fail_on=Severity.WARNING)
    run.findings.append(Finding("P004", "cjk-latin-spacing", Severity.WARNING,
                                "bell \x07 here", "dosing.md"))
    root = parse(run)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["dosing.md", "clean.md"]
    assert suites[0].get("failures") == "3" and suites[1].get("failures") == "0"
    assert root.get("tests") == "6"
    p004 = suites[0].findall("testcase")[2].find("failure")
    assert "bell \ufffd here" in p004.text

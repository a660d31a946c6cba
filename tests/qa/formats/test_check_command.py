"""``bitext check`` with the machine formats, --changed-since and the baseline options."""

from __future__ import annotations

import io
import json
import subprocess
import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from qa.cli import main as bitext
from qa.formats import FORMATS
from tests.qa.runs import one_to_one

EN = "# Dose\n\nThe dose is 0.5 mg/kg.\nEffects last 3 days.\n"
ZH = "# 剂量\n\n剂量为0.7 mg/kg。\n效果持续3天。\n"


def main(argv: list[str]) -> int:
    """``bitext`` with the one-to-one stand-in aligner, so expectations are exact."""
    return bitext(argv, aligner=one_to_one)


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for lang, text in (("en", EN), ("zh", ZH)):
        (tmp_path / "corpus" / lang).mkdir(parents=True)
        (tmp_path / "corpus" / lang / "dose.md").write_text(text, encoding="utf-8")
    return tmp_path


def check(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check", "corpus", "--select", "N001,D", *args])
    out, err = capsys.readouterr()
    return code, out, err


# What each registered format must say about the one N001 finding of the corpus above
# (0.5 in the source, 0.7 in the translation) with N001, D001 and D002 selected.
SOURCE = {"path": "corpus/en/dose.md", "line": 3, "column": 13, "end_line": 3,
          "end_column": 16, "text": "0.5"}
TARGET = {"path": "corpus/zh/dose.md", "line": 3, "column": 4, "end_line": 3,
          "end_column": 7, "text": "0.7"}
MESSAGE = "0.5 in the source is missing from the translation; the translation has 0.7 not in the source"


def _record(r: dict) -> None:
    assert (r["code"], r["name"], r["severity"], r["document"]) == (
        "N001", "number-mismatch", "error", "dose.md")
    assert (r["message"], r["suggestion"]) == (MESSAGE, "write 0.5 instead of 0.7")
    assert (r["source"], r["target"]) == (SOURCE, TARGET)


def _text(out: str) -> None:
    assert out.splitlines() == [f"corpus/zh/dose.md:3:4: N001 {MESSAGE}",
                                "  help: write 0.5 instead of 0.7",
                                "Found 1 finding (1 error)."]


def _json(out: str) -> None:
    records = json.loads(out)  # one JSON array, not one object per line
    assert isinstance(records, list) and len(records) == 1
    _record(records[0])


def _jsonl(out: str) -> None:
    lines = out.splitlines()
    assert len(lines) == 1  # one compact object per line
    _record(json.loads(lines[0]))


def _csv(out: str) -> None:
    frame = pd.read_csv(io.StringIO(out))
    assert len(frame) == 1
    row = frame.iloc[0]
    assert (row["code"], row["severity"], row["message"]) == ("N001", "error", MESSAGE)
    assert [row[f"source_{k}"] for k in ("path", "line", "column", "text")] == [
        "corpus/en/dose.md", 3, 13, 0.5]
    assert [row[f"target_{k}"] for k in ("path", "line", "column", "end_column", "text")] == [
        "corpus/zh/dose.md", 3, 4, 7, 0.7]


def _sarif(out: str) -> None:
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["D001", "D002", "N001"]
    [result] = run["results"]
    assert (result["ruleId"], result["level"], result["ruleIndex"]) == ("N001", "error", 2)
    where = result["locations"][0]["physicalLocation"]
    assert where["artifactLocation"]["uri"] == "corpus/zh/dose.md"
    assert {k: where["region"][k] for k in ("startLine", "startColumn", "endColumn")} == {
        "startLine": 3, "startColumn": 4, "endColumn": 7}
    related = result["relatedLocations"][0]["physicalLocation"]
    assert (related["artifactLocation"]["uri"], related["region"]["startColumn"]) == (
        "corpus/en/dose.md", 13)


def _github(out: str) -> None:
    assert out.splitlines() == [
        "::error file=corpus/zh/dose.md,line=3,col=4,endLine=3,endColumn=7,"
        f"title=N001 number-mismatch::{MESSAGE}%0ASuggestion: write 0.5 instead of 0.7"]


def _junit(out: str) -> None:
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(out.split("\n", 1)[1])
    assert (root.get("tests"), root.get("failures")) == ("3", "1")  # N001, D001, D002
    [suite] = root
    cases = {c.get("name"): c.find("failure") for c in suite}
    assert set(cases) == {"D001 stale-translation", "D002 target-only-edit",
                          "N001 number-mismatch"}
    failure = cases["N001 number-mismatch"]
    assert cases["D001 stale-translation"] is None and failure.get("type") == "N001"
    assert failure.text.startswith(f"corpus/zh/dose.md:3:4: error N001 {MESSAGE}")


def _markdown(out: str) -> None:
    lines = out.splitlines()
    assert lines[0] == "### bitext: 1 finding (1 error) in 1 document"
    assert "| 🔴 `N001` | number-mismatch | 1 |" in lines
    assert "| dose.md | 1 | 0 | 0 |" in lines
    assert f"- 🔴 `corpus/zh/dose.md:3:4` `N001` {MESSAGE} — suggestion: write 0.5 instead of 0.7" in lines


EXPECTED = {"text": _text, "json": _json, "jsonl": _jsonl, "csv": _csv, "sarif": _sarif,
            "github": _github, "junit": _junit, "markdown": _markdown}


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_registered_format_from_the_command_line(name, corpus, capsys):
    """Each format that ``--format`` accepts writes the run's finding in its own shape (a
    format registered without an expectation here fails: add one)."""
    assert name in EXPECTED, f"format {name!r} has no expectation in this test"
    code, out, _ = check(capsys, "--format", name)
    assert code == 1  # an error was found
    EXPECTED[name](out)


def test_one_run_writes_several_formats(corpus, capsys):
    code, out, _ = check(capsys, "--format", "github", "--output", "sarif:out/bitext.sarif",
                         "--output", "markdown:summary.md")
    assert code == 1 and out.startswith("::error file=corpus/zh/dose.md,line=3,")
    sarif = json.loads((corpus / "out" / "bitext.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"][0]["ruleId"] == "N001"
    assert (corpus / "summary.md").read_text(encoding="utf-8").startswith("### bitext: 1 finding")


def test_output_needs_a_known_format(corpus, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", "corpus", "--output", "pdf:x.pdf"])
    assert exc.value.code == 2
    assert "expected FORMAT:FILE" in capsys.readouterr().err
    assert not (corpus / "x.pdf").exists()


def git(repo, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org",
                    "-c", "commit.gpgsign=false", *args], cwd=repo, check=True,
                   capture_output=True)


def test_changed_since_and_baseline(corpus, capsys):
    git(corpus, "init", "-q")
    git(corpus, "add", "-A")
    git(corpus, "commit", "-q", "-m", "first")
    # Nothing changed: the N001 finding on the unchanged pair is not reported.
    code, out, _ = check(capsys, "--changed-since", "HEAD", "--format", "jsonl")
    assert (code, out) == (0, "")
    en = corpus / "corpus" / "en" / "dose.md"
    en.write_text(EN.replace("3 days", "4 days"), encoding="utf-8")
    _, out, _ = check(capsys, "--changed-since", "HEAD", "--format", "jsonl")
    assert [json.loads(line)["code"] for line in out.splitlines()] == ["D001", "N001"]

    # Baseline: record today's findings, then only new ones are reported.
    code, out, err = check(capsys, "--write-baseline", "base.json")
    assert (code, out) == (0, "") and "wrote 2 findings to base.json" in err
    code, out, _ = check(capsys, "--baseline", "base.json", "--format", "jsonl")
    assert (code, out) == (0, "")
    # An edit elsewhere shifts the lines: still known. A new problem: reported.
    en.write_text("# Dose\n\nIntro.\n\n" + EN.replace("# Dose\n\n", "").replace(
        "3 days", "5 days"), encoding="utf-8")
    (corpus / "corpus" / "zh" / "dose.md").write_text(
        "# 剂量\n\n引言。\n\n" + ZH.replace("# 剂量\n\n", ""), encoding="utf-8")
    _, out, _ = check(capsys, "--baseline", "base.json", "--format", "jsonl")
    new = [json.loads(line) for line in out.splitlines()]
    assert [(f["code"], f["source"]["text"], f["source"]["line"]) for f in new] == [
        ("N001", "5", 6)]

    code, _, err = check(capsys, "--changed-since", "v9.9")
    assert code == 2 and err.startswith("bitext: error: unknown revision 'v9.9'")

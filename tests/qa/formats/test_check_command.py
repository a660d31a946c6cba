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


def test_every_format_is_registered():
    assert {"jsonl", "csv", "sarif", "github", "junit", "markdown"} <= set(FORMATS)


def test_formats_from_the_command_line(corpus, capsys):
    code, out, _ = check(capsys, "--format", "jsonl")
    assert code in (0, 1)
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["code"] for r in records] == ["N001"]
    assert records[0]["target"]["path"] == "corpus/zh/dose.md"
    _, out, _ = check(capsys, "--format", "csv")
    assert list(pd.read_csv(io.StringIO(out))["code"]) == ["N001"]
    _, out, _ = check(capsys, "--format", "sarif")
    assert json.loads(out)["runs"][0]["results"][0]["ruleId"] == "N001"
    _, out, _ = check(capsys, "--format", "github")
    assert out.startswith("::") and "file=corpus/zh/dose.md,line=3," in out
    _, out, _ = check(capsys, "--format", "junit")
    assert ET.fromstring(out.split("\n", 1)[1]).get("tests") == "3"  # N001, D001, D002
    _, out, _ = check(capsys, "--format", "markdown")
    assert out.startswith("### bitext: 1 finding")


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

"""``bitext check --fix`` and ``--diff``: safe typographic fixes, byte-exact elsewhere."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from qa.cli import main as bitext
from qa.core.finding import Edit, Finding, Severity
from qa.fix import apply_edits, plan
from tests.qa.runs import one_to_one

ROOT = Path(__file__).resolve().parents[2]
FIXABLE = "P002,P003,P004"


def main(argv: list[str]) -> int:
    return bitext(argv, aligner=one_to_one)


def finding(*edits: Edit) -> Finding:
    return Finding("P002", "halfwidth-in-zh", Severity.WARNING, "m", "a.md", fixes=edits)


def test_overlapping_fixes_wait_for_the_next_run():
    first = finding(Edit("a.md", 2, 3, ",", "，"))
    second = finding(Edit("a.md", 2, 3, ",", "、"))
    third = finding(Edit("a.md", 5, 5, "", " "))
    p = plan([first, second, third])
    assert p.fixed == [first, third] and p.skipped == [(second, "overlaps another fix")]
    assert apply_edits("中文,英文 x", p.edits["a.md"]) == "中文，英文  x"


def test_an_edit_that_does_not_match_the_text_is_refused():
    with pytest.raises(ValueError, match="expects ','"):
        apply_edits("中文。", [Edit("a.md", 2, 3, ",", "，")])


def write(root: Path, en: str, zh: bytes) -> Path:
    (root / "corpus" / "en").mkdir(parents=True)
    (root / "corpus" / "zh").mkdir(parents=True)
    (root / "corpus" / "en" / "a.md").write_text(en, encoding="utf-8")
    (root / "corpus" / "zh" / "a.md").write_bytes(zh)
    return root / "corpus" / "zh" / "a.md"


ZH = "\ufeff# 标题\r\n\r\n剂量为0.5 mg/kg,每周两次(共3周)。见 `a,b` 与 https://x.org/a,b 。\r\n"
EN = "# Title\n\nThe dose is 0.5 mg/kg, twice a week (for 3 weeks). See `a,b` and " \
     "https://x.org/a,b .\n"


def test_diff_changes_nothing_and_fix_is_byte_exact_and_idempotent(tmp_path, monkeypatch,
                                                                    capsys):
    monkeypatch.chdir(tmp_path)
    zh = write(tmp_path, EN, ZH.encode("utf-8"))
    before = zh.read_bytes()
    assert main(["check", "corpus", "--select", FIXABLE, "--diff"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("--- a/corpus/zh/a.md\n+++ b/corpus/zh/a.md\n")
    assert "+剂量为0.5 mg/kg，每周两次（共3周）。" in out and zh.read_bytes() == before
    assert main(["check", "corpus", "--select", FIXABLE, "--fix"]) == 0
    assert "bitext: fixed" in capsys.readouterr().err
    after = zh.read_bytes()
    # BOM, CRLF, code span and URL unchanged; only the prose marks became full-width.
    assert after == ZH.replace("mg/kg,每周两次(共3周)", "mg/kg，每周两次（共3周）").encode("utf-8")
    assert main(["check", "corpus", "--select", FIXABLE, "--fix"]) == 0
    assert zh.read_bytes() == after
    assert main(["check", "corpus", "--select", FIXABLE, "--diff"]) == 0


def test_fix_on_a_copy_of_the_corpus_leaves_nothing_fixable(tmp_path, monkeypatch, capsys):
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    original = (tmp_path / "corpus" / "zh" / "ketamine.md").read_text(encoding="utf-8")
    main(["check", "corpus", "--select", FIXABLE, "--fix", "--exit-zero"])
    capsys.readouterr()
    assert main(["check", "corpus", "--select", FIXABLE, "--exit-zero"]) == 0
    assert capsys.readouterr().out == "All checks passed!\n"
    fixed = (tmp_path / "corpus" / "zh" / "ketamine.md").read_text(encoding="utf-8")
    # Only punctuation and spacing changed: the text without them is the same.
    strip = str.maketrans("", "", ",:;!?()，：；！？（） ")
    assert fixed.translate(strip) == original.translate(strip)
    assert fixed.count("\n") == original.count("\n")

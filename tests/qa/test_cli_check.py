"""``bitext check`` / ``bitext rules`` end to end, on small corpora written for the test.

The aligner is replaced by the test helper's block-by-block alignment, so these tests measure
the checks and the command, not alignment quality.
"""

import json
from pathlib import Path

from qa import pipeline
from qa.cli import main
from qa.core.settings import load_settings
from qa.formats.frame import findings_frame
from tests.qa.helpers import block_alignment

EN = """# Ketamine for Depression

## Summary
Ketamine is a dissociative anesthetic with powerful clinical applications for depression.

Unlike traditional antidepressants, it produces relief within hours. However, it carries significant risks for abuse and addiction that must be weighed against its clinical benefits.

## Clinical Evidence

- An early study used IV ketamine at 0.5 mg/kg in 7 patients with major depression
- Effects appeared within 10–15 minutes and the acute state resolved within ~2 hours
- Patients reported relief lasting at least 3 days after a single dose
- Blocking opioid receptors with naltrexone removed the antidepressant effect
- The dissociative “experience” is not necessarily what produces the benefit

## Open Questions

Does the benefit last beyond the treatment period? Several mechanisms work in parallel, including NMDA blockade, BDNF release and opioid signaling.
"""

ZH = """# 氯胺酮治疗抑郁症

## 摘要
氯胺酮是一种解离性麻醉剂，在治疗抑郁症方面具有强大的临床应用价值。

与传统抗抑郁药不同，它能在数小时内缓解症状。然而，它也存在显著的滥用和成瘾风险，必须与其临床获益进行权衡。

## 临床证据

- 一项早期研究对7名重度抑郁患者使用了0.5 mg/kg静脉注射氯胺酮
- 效果在10–15分钟内出现，急性状态在约2小时内消退
- 患者报告在单次给药后至少3天内感受到缓解
- 用纳曲酮阻断阿片受体会消除抗抑郁效果
- 解离“体验”不一定是产生获益的原因

## 未解问题

这种获益能否在疗程结束后持续？多个机制并行起作用，包括NMDA阻断、BDNF释放和阿片信号传导。
"""

MINE = "A,N,M,P"


def hand_aligned(source, target, glossary=None):
    """The stand-in aligner: blocks in order, sentences one to one inside them."""
    return block_alignment(source, target)


def write_corpus(root: Path, en: str = EN, zh: str = ZH) -> Path:
    for lang, text in (("en", en), ("zh", zh)):
        (root / lang).mkdir(parents=True, exist_ok=True)
        (root / lang / "doc.md").write_text(text, encoding="utf-8")
    (root / "pyproject.toml").write_text("[tool.bitext]\n", encoding="utf-8")
    return root


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args), aligner=hand_aligned)
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_corpus_passes(tmp_path, capsys):
    root = write_corpus(tmp_path)
    code, out, _ = run(capsys, "check", str(root), "--select", MINE,
                       "--config", str(root / "pyproject.toml"))
    assert (code, out) == (0, "All checks passed!\n")


def inject(en: str, zh: str) -> tuple[str, str]:
    """One error of each kind, each on its own line."""
    zh = zh.replace("然而，它也存在显著的滥用和成瘾风险，必须与其临床获益进行权衡。", "")  # drop a target sentence (line 6)
    zh = zh.replace("对7名", "对17名")  # change a number (line 10)
    zh = zh.replace("单次给药后", "**单次给药**后")  # bold one side only (line 12)
    zh = zh.replace("解离“体验”", "解离”体验”")  # flip a quote (line 14)
    zh = zh.replace("## 临床证据", "- 临床证据")  # a heading rendered as a list item (line 8)
    zh = zh.replace("持续？", "持续。")  # question rendered as a statement (line 18)
    # Cut the last paragraph mid-word, on both sides, without the final newline (line 18).
    en = en[: en.index("opioid signaling") + 3]
    zh = zh[: zh.index("和阿片信号传导")]
    return en, zh


def test_one_error_of_each_kind_is_reported_at_its_line(tmp_path, capsys):
    en, zh = inject(EN, ZH)
    root = write_corpus(tmp_path, en, zh)
    code, out, _ = run(capsys, "check", str(root), "--select", MINE, "--format", "json",
                       "--config", str(root / "pyproject.toml"))
    assert code == 1
    findings = json.loads(out)
    assert all(list(f) == ["code", "name", "severity", "message", "document", "source",
                           "target", "confidence", "suggestion"] for f in findings)
    got = {(f["code"], (f["target"] or f["source"])["path"].split("/")[-2],
            (f["target"] or f["source"])["line"]) for f in findings}
    expected = {
        ("A001", "en", 6),  # dropped sentence: the source line with no translation
        ("N001", "zh", 10),
        ("M001", "zh", 12),
        ("P001", "zh", 14),
        ("M002", "zh", 8),
        ("P005", "zh", 18),
        # The source is cut mid-word ("opi"): one finding, which also names (target) the
        # translation that renders the cut text — one finding per defect.
        ("A003", "zh", 18),
    }
    assert expected <= got, sorted(got)
    # Nothing else: the untouched lines yield no finding.
    assert got == expected, sorted(got - expected)


def test_text_format_statistics_and_exit_codes(tmp_path, capsys):
    en, zh = inject(EN, ZH)
    root = write_corpus(tmp_path, en, zh)
    cfg = str(root / "pyproject.toml")
    code, out, _ = run(capsys, "check", str(root), "--select", MINE, "--config", cfg)
    assert code == 1
    assert f"{root}/zh/doc.md:10:" in out and " N001 " in out
    assert out.rstrip().splitlines()[-1].startswith("Found ")
    code, out, _ = run(capsys, "check", str(root), "--select", MINE, "--statistics",
                       "--exit-zero", "--config", cfg)
    assert code == 0
    assert any(line.split("\t")[1:3] == ["A003", "truncation"] and line.split()[0] == "1"
               for line in out.splitlines())
    # Only warnings left and fail-on error: exit 0; fail-on warning: exit 1.
    code, *_ = run(capsys, "check", str(root), "--select", "P001", "--config", cfg)
    assert code == 0
    code, *_ = run(capsys, "check", str(root), "--select", "P001", "--fail-on", "warning",
                   "--config", cfg)
    assert code == 1
    code, out, _ = run(capsys, "check", str(root), "--select", MINE, "--ignore", "A,N,M",
                       "--ignore", "P", "--config", cfg)
    assert (code, out) == (0, "All checks passed!\n")


def test_inline_suppression_hides_the_next_block(tmp_path, capsys):
    zh = ZH.replace("对7名", "对17名").replace(
        "- 一项早期研究", "<!-- bitext: ignore N001 -->\n- 一项早期研究")
    en = EN.replace("- An early study", "<!-- bitext: ignore N001 -->\n- An early study")
    root = write_corpus(tmp_path, en, zh)
    code, out, _ = run(capsys, "check", str(root), "--select", "N001",
                       "--config", str(root / "pyproject.toml"))
    assert (code, out) == (0, "All checks passed!\n")


def test_usage_and_input_errors_exit_2(tmp_path, capsys):
    code, _, err = run(capsys, "check", str(tmp_path / "missing"))
    assert code == 2 and "no such file or directory" in err
    root = write_corpus(tmp_path)
    code, _, err = run(capsys, "check", str(root), "--select", "Q999")
    assert code == 2 and "unknown rule 'Q999'" in err


def test_a_site_too_deep_to_be_found_is_a_warning_on_stderr(tmp_path, capsys):
    root = write_corpus(tmp_path / "repo")
    write_corpus(root / "a" / "b" / "c" / "d" / "e" / "web")
    code, out, err = run(capsys, "check", str(root), "--select", MINE,
                         "--config", str(root / "pyproject.toml"))
    assert (code, out) == (0, "All checks passed!\n")
    assert err == (f"bitext: warning: {root / 'a/b/c/d/e/web'}: its language folders are "
                   "more than 5 folder levels down and were not checked; give that folder "
                   "to check them\n")


def test_findings_as_a_dataframe(tmp_path):
    en, zh = inject(EN, ZH)
    root = write_corpus(tmp_path, en, zh)
    settings = load_settings(root / "pyproject.toml").with_cli(select=["N001"])
    result = pipeline.check_paths([str(root)], settings=settings, aligner=hand_aligned)
    frame = findings_frame(result.findings)
    assert frame[["code", "target_line", "source_line"]].values.tolist() == [["N001", 10, 10]]
    assert str(frame["target_line"].dtype) == "Int64"


def test_rules_listing_and_one_rule(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0
    codes = [line.split()[0] for line in out.splitlines()]
    assert {"A001", "A002", "A003", "A004", "A005", "N001", "N002", "M001", "M002", "M003",
            "P001", "P002", "P003", "P004", "P005"} <= set(codes)
    # The legend explains the marks the listing uses; N004 is opt-in.
    assert out.splitlines()[-1] == ("[*] fixable with 'bitext check --fix'; [+] opt-in: runs "
                                    "only when selected by its code or name")
    assert [line.split()[:2] for line in out.splitlines() if line.startswith("N004")] == [
        ["N004", "[+]"]]
    code, out, _ = run(capsys, "rule", "number-mismatch")
    assert code == 0 and out.startswith("# number-mismatch (N001)")
    for section in ("## What it does", "## Why it matters", "## Example", "## Use instead"):
        assert section in out
    code, _, err = run(capsys, "rule", "X999")
    assert code == 2 and err.strip() == "bitext: error: unknown rule 'X999' (see 'bitext rules')"
    # "bitext rules CODE" explains the rule too (a helper engineer's first try).
    code, out, _ = run(capsys, "rules", "p005", "N001")
    assert code == 0 and out.startswith("# end-punctuation (P005)")
    assert "# number-mismatch (N001)" in out
    code, _, err = run(capsys, "rules", "X999")
    assert code == 2 and "unknown rule 'X999'" in err


def test_every_rule_has_a_complete_doc():
    from qa.commands.rules import catalogue
    for cls in catalogue():
        if cls.code[0] not in "ANMP":
            continue
        assert cls.name == cls.name.lower() and " " not in cls.name
        for section in ("## What it does", "## Why it matters", "## Example", "## Use instead"):
            assert section in cls.doc, (cls.code, section)

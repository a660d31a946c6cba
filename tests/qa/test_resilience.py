"""One rule's bug or one bad file never loses a whole run (issue: never lose a run)."""

from __future__ import annotations

from collections.abc import Iterable

from align.alignment import Alignment
from qa.checks.base import Check
from qa.checks.spans import unique_findings
from qa.cli import main
from qa.core.finding import Finding, Severity
from qa.core.run import CheckContext, RunProblem
from qa.pipeline import run_rule
from tests.qa.helpers import sentence_by_sentence
from tests.qa.runs import one_to_one


class FailsOnSecond(Check):
    code = "Z902"
    name = "fails-on-second"
    severity = Severity.WARNING
    description = "Reports every pair but raises on 'Second.' (test only)."

    def check_pair(self, pair, doc, ctx) -> Iterable[Finding]:
        if pair.source_text == "Second.":
            raise ValueError("chr() arg not in range(0x110000)")
        yield self.finding(doc, "pair", source=pair.source, target=pair.target)



def test_a_rule_that_raises_loses_only_that_pair():
    docs = [sentence_by_sentence("First.\n\nSecond.\n\nThird.\n", "第一。\n\n第二。\n\n第三。\n", "a.md"),
            sentence_by_sentence("Fourth.\n", "第四。\n", "b.md")]
    problems: list[RunProblem] = []
    found = run_rule(FailsOnSecond(), docs, CheckContext(corpus=docs), problems)
    assert [f.source.text for f in found] == ["First.", "Third.", "Fourth."]
    assert [str(p) for p in problems] == [
        "internal error in Z902 on zh/a.md:3: ValueError: chr() arg not in range(0x110000)"]


class FailsAfterYielding(Check):
    code = "Z903"
    name = "fails-after-yielding"
    severity = Severity.WARNING
    description = "Reports 'Second.' and then raises on it (test only)."

    def check_pair(self, pair, doc, ctx) -> Iterable[Finding]:
        yield self.finding(doc, "pair", source=pair.source, target=pair.target)
        if pair.source_text == "Second.":
            raise ValueError("late")


def test_what_a_pair_yielded_before_it_raised_is_kept():
    docs = [sentence_by_sentence("First.\n\nSecond.\n\nThird.\n", "第一。\n\n第二。\n\n第三。\n", "a.md")]
    problems: list[RunProblem] = []
    found = run_rule(FailsAfterYielding(), docs, CheckContext(corpus=docs), problems)
    assert [f.source.text for f in found] == ["First.", "Second.", "Third."]
    assert [str(p) for p in problems] == ["internal error in Z903 on zh/a.md:3: ValueError: late"]


class EagerFails(Check):
    code = "Z904"
    name = "eager-fails"
    severity = Severity.WARNING
    description = "A document rule that builds its findings when called, and raises (test only)."

    @unique_findings
    def check_document(self, doc, ctx) -> Iterable[Finding]:
        if doc.name == "a.md":
            raise AttributeError("'Block' object has no attribute 'split'")
        yield self.finding(doc, "document", source=doc.pairs[0].source)


def test_a_document_rule_that_raises_when_called_loses_only_that_document():
    # @unique_findings collects a rule's findings when the rule is called: its exception
    # came before the guard started iterating, and took the whole run down.
    docs = [sentence_by_sentence("First.\n", "第一。\n", "a.md"),
            sentence_by_sentence("Fourth.\n", "第四。\n", "b.md")]
    problems: list[RunProblem] = []
    found = run_rule(EagerFails(), docs, CheckContext(corpus=docs), problems)
    assert [f.source.text for f in found] == ["Fourth."]
    assert [str(p) for p in problems] == [
        "internal error in Z904 on zh/a.md: AttributeError: 'Block' object has no attribute "
        "'split'"]

def write(root, name: str, en: str, zh: str) -> None:
    for lang, text in (("en", en), ("zh", zh)):
        (root / "corpus" / lang).mkdir(parents=True, exist_ok=True)
        (root / "corpus" / lang / name).write_text(text, encoding="utf-8")


def test_an_unreadable_file_is_reported_and_the_others_are_checked(tmp_path, monkeypatch,
                                                                    capsys):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "a.md", "The dose is 5 mg.\n", "剂量为7 mg。\n")
    write(tmp_path, "b.md", "Fine.\n", "")  # an empty translation
    (tmp_path / "corpus" / "zh" / "c.md").write_bytes(b"caf\xe9 au lait\n")
    (tmp_path / "corpus" / "en" / "c.md").write_text("Text.\n", encoding="utf-8")
    code = main(["check", "corpus", "--select", "N001"], aligner=one_to_one)
    out, err = capsys.readouterr()
    assert code == 2
    assert "corpus/zh/a.md:1:4: N001" in out  # the readable pair is still checked
    assert err.splitlines()[0].startswith("bitext: error: corpus/zh/b.md: empty file")
    assert err.splitlines()[1].startswith("bitext: error: corpus/zh/c.md:")
    assert len(err.splitlines()) == 2


def test_ctrl_c_is_one_line_and_exit_130(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "a.md", "Text.\n", "文本。\n")

    def interrupted(source, target, glossary=None) -> Alignment:
        raise KeyboardInterrupt

    assert main(["check", "corpus"], aligner=interrupted) == 130
    assert capsys.readouterr().err == "bitext: interrupted\n"

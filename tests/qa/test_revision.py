"""Revision drift and --changed-since on a real git history made in a temporary repository."""

from __future__ import annotations

import subprocess

import pytest

from align.errors import InputError
from align.reader import load_document
from qa.checks.changes import document_changes, side_changes
from qa.checks.revision import StaleTranslation, TargetOnlyEdit, edit_similarity
from qa.core.finding import Finding, Severity
from qa.core.run import AlignedDocument, CheckContext
from qa.pipeline import keep_changed
from tests.qa.runs import one_to_one

EN = """# Dosing

Ketamine is genuinely addictive.
The reference dose is 0.5 mg/kg.
Ketamine provides same-day relief from depression.
Effects appear within 10 minutes.
Patients reported relief for 3 days.
"""
ZH = """# 剂量

氯胺酮具有真实的成瘾性。
参考剂量为0.5 mg/kg。
氯胺酮可在当天缓解抑郁症状。
效果在10分钟内出现。
患者报告缓解持续3天。
"""


def git(repo, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
         "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=repo, check=True, capture_output=True, text=True).stdout.strip()


def write(repo, en: str, zh: str, name: str = "dosing.md") -> None:
    for lang, text in (("en", en), ("zh", zh)):
        (repo / "corpus" / lang).mkdir(parents=True, exist_ok=True)
        (repo / "corpus" / lang / name).write_text(text, encoding="utf-8")


def aligned(repo, name: str = "dosing.md") -> AlignedDocument:
    src = load_document(repo / "corpus" / "en" / name, "en")
    tgt = load_document(repo / "corpus" / "zh" / name, "zh")
    return AlignedDocument(name, one_to_one(src, tgt))


@pytest.fixture
def repo(tmp_path):
    git(tmp_path, "init", "-q")
    write(tmp_path, EN, ZH)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "first translation")
    # Edits after the commit: a new pair on top (shifts every line), a typo fix, a new number,
    # a substantive source edit, a target-only edit; the last pair is left alone.
    en = EN.replace("# Dosing\n", "# Dosing\n\nA new first line.\n") \
        .replace("genuinely", "genuinly").replace("0.5 mg/kg", "0.7 mg/kg") \
        .replace("provides same-day relief", "does not provide any relief")
    zh = ZH.replace("# 剂量\n", "# 剂量\n\n新的第一行。\n").replace("10分钟", "十分钟")
    write(tmp_path, en, zh)
    return tmp_path


def run(check, doc, rev="HEAD") -> list[Finding]:
    return list(check.check_document(doc, CheckContext(changed_since=rev)))


def test_changed_sentences_are_located_despite_line_shifts(repo):
    doc = aligned(repo)
    changes = document_changes("HEAD", doc)
    src = doc.alignment.source.sentences
    assert sorted(src[i].text for i in changes.source.changed) == [
        "A new first line.", "Ketamine does not provide any relief from depression.",
        "Ketamine is genuinly addictive.", "The reference dose is 0.7 mg/kg."]
    assert changes.source.old[2] == "Ketamine is genuinely addictive."
    assert changes.source.old[1] == ""  # added
    tgt = doc.alignment.target.sentences
    assert sorted(tgt[i].text for i in changes.target.changed) == ["效果在十分钟内出现。", "新的第一行。"]
    assert not changes.source.new_file


def test_stale_translation_graded_by_chrf(repo):
    findings = run(StaleTranslation(), aligned(repo))
    got = [(f.severity, f.source.text, f.source.line) for f in findings]
    assert got == [
        (Severity.INFO, "Ketamine is genuinly addictive.", 5),
        (Severity.WARNING, "The reference dose is 0.7 mg/kg.", 6),
        (Severity.WARNING, "Ketamine does not provide any relief from depression.", 7),
    ]
    assert findings[0].message.startswith("source lightly edited since HEAD (chrF 87; was: ")
    assert findings[1].message.startswith("source numbers changed since HEAD")
    assert "chrF" in findings[2].message and findings[2].code == "D001"
    assert findings[0].target.text == "氯胺酮具有真实的成瘾性。"


def test_target_only_edit(repo):
    findings = run(TargetOnlyEdit(), aligned(repo))
    assert [(f.code, f.severity, f.target.text) for f in findings] == [
        ("D002", Severity.INFO, "效果在十分钟内出现。")]
    assert findings[0].message == ("translation changed since HEAD while the source did not "
                                   "(was: \"效果在10分钟内出现。\")")


def test_rules_are_silent_without_a_revision_and_for_new_files(repo):
    doc = aligned(repo)
    assert list(StaleTranslation().check_document(doc, CheckContext())) == []
    write(repo, "# New\n\nFresh text.\n", "# 新\n\n新文本。\n", name="new.md")
    new = aligned(repo, "new.md")
    assert run(StaleTranslation(), new) == [] and run(TargetOnlyEdit(), new) == []
    assert document_changes("HEAD", new).source.new_file


def test_filter_keeps_only_findings_in_changed_pairs(repo):
    doc = aligned(repo)
    pairs = doc.pairs

    def finding(i: int, side: str = "target") -> Finding:
        loc = {"target": pairs[i].target, "source": pairs[i].source}[side]
        return StaleTranslation().finding(doc, f"pair {i}", **{side: loc})

    # Pair 3 changed in the source only; a finding on its (unchanged) target still counts.
    found = [finding(0), finding(2, "source"), finding(3), finding(5), finding(6)]
    assert [f.pair for f in found] == [0, 2, 3, 5, 6]
    kept = keep_changed(found, [doc], "HEAD")
    assert [f.message for f in kept] == ["pair 2", "pair 3", "pair 5"]
    whole = Finding("A003", "truncated", Severity.WARNING, "ends early", doc.name)
    assert keep_changed([whole], [doc], "HEAD") == [whole]


def test_unchanged_documents_report_nothing(repo):
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "edits")
    doc = aligned(repo)
    assert not document_changes("HEAD", doc).any
    assert run(StaleTranslation(), doc) == [] and run(TargetOnlyEdit(), doc) == []
    # Against the first commit, the same edits show again.
    assert len(run(StaleTranslation(), doc, "HEAD~1")) == 3


def test_errors_are_one_line(repo, tmp_path_factory):
    doc = aligned(repo)
    with pytest.raises(InputError, match=r"^unknown revision 'no-such-rev' in "):
        run(StaleTranslation(), doc, "no-such-rev")
    with pytest.raises(InputError, match=r"^unknown revision '--all'$"):
        run(StaleTranslation(), doc, "--all")
    bare = tmp_path_factory.mktemp("plain")
    write(bare, EN, ZH)
    with pytest.raises(InputError, match=r"not a git repository \(--changed-since needs one\)$"):
        run(StaleTranslation(), aligned(bare))


def test_side_changes_of_a_split_sentence():
    from align.reader import parse_document

    old = parse_document("One two three. Four.\n", "a.md", "en")
    new = parse_document("One two. Three. Four.\n", "a.md", "en")
    changes = side_changes(old, new)
    assert changes.changed == {0, 1}
    assert changes.old == {0: "One two three.", 1: ""}  # the split-off part is new text
    assert side_changes(new, old).removed == 1
    assert edit_similarity("", "x") == 0.0


def test_the_changes_of_only_the_last_documents_are_remembered(repo, monkeypatch):
    # A streamed corpus must not keep every document's changes: the pipeline and the D rules
    # ask for one document after another, so a few recent ones are enough.
    from qa.checks import changes

    monkeypatch.setattr(changes, "_CACHE", {})
    monkeypatch.setattr(changes, "CACHE_SIZE", 2)
    for name in ("a.md", "b.md", "c.md"):
        write(repo, EN, ZH, name)
    docs = [aligned(repo, name) for name in ("a.md", "b.md", "c.md")]
    first = document_changes("HEAD", docs[0])
    assert document_changes("HEAD", docs[0]) is first  # asked again: remembered
    for doc in docs[1:]:
        document_changes("HEAD", doc)
    assert len(changes._CACHE) == 2 and all(v is not first for v in changes._CACHE.values())
    assert document_changes("HEAD", docs[0]).source.new_file  # made again, the same answer

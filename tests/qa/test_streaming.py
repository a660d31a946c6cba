"""A check run streams (issue #12): each document is dropped once its rules have run and the
corpus rules have taken what they need of it, with the findings of a run that keeps them all."""

import gc
import weakref
from collections.abc import Iterable

import pytest

from align.errors import InputError
from qa import pipeline
from qa.checks.base import Check
from qa.core.finding import Finding, Severity
from qa.core.run import AlignedDocument, DocumentSummary
from qa.core.settings import Settings
from tests.qa.runs import one_to_one, write_pair

#: Three pairs and a page without a translation: a word cut off in b.md that only a.md
#: completes (A003 needs the corpus vocabulary), 'glutamate' rendered as 谷氨酸 twice and
#: left in English once (T003 counts across documents), a number mismatch in c.md hidden
#: by a suppression comment and another one left, and the untranslated page (F001).
TEXTS = {
    "a.md": ("Ketamine is an NMDA antagonist. It binds opioid receptors.\n\n"
             "BDNF inserts new glutamate receptors.\n",
             "氯胺酮是NMDA拮抗剂。它结合opioid受体。\n\nBDNF插入新的谷氨酸受体。\n"),
    "b.md": ("# Title\n\nThe brain has glutamate neurons.\n\n"
             "- Multiple processes — NMDA, BDNF, opi",
             "# 标题\n\n大脑有谷氨酸神经元。\n\n- 多重过程——NMDA、BDNF和阿片系统共同起作用。\n"),
    "c.md": ("Ketamine acts through glutamate signaling.\n\n<!-- bitext: ignore N001 -->\n"
             "The dose is 5 mg.\n\nThe dose is 7 mg.\n",
             "氯胺酮通过glutamate信号传导起作用。\n\n<!-- bitext: ignore N001 -->\n"
             "剂量为6 mg。\n\n剂量为8 mg。\n"),
}
GLOSSARY = "en\tzh\tstatus\nglutamate\t谷氨酸\tapproved\n"


@pytest.fixture
def corpus(tmp_path):
    for name, (en, zh) in TEXTS.items():
        write_pair(tmp_path, name, en, zh)
    (tmp_path / "en" / "d.md").write_text("Not translated yet.\n", encoding="utf-8")
    (tmp_path / "glossary.tsv").write_text(GLOSSARY, encoding="utf-8")
    return str(tmp_path)


def _found(run) -> list[dict]:
    return [f.to_dict() for f in run.findings]


def test_a_stream_finds_what_a_run_that_keeps_every_document_finds(corpus, monkeypatch):
    settings = Settings().with_cli(select=["A003", "N001", "T003", "F001"])
    streamed = [pipeline.check_paths([corpus], settings=settings, aligner=one_to_one,
                                     jobs=jobs, keep_documents=False) for jobs in (1, 2)]
    kept = pipeline.check_paths([corpus], settings=settings, aligner=one_to_one)
    # What every run did before: all documents aligned first, the corpus rules at the end.
    monkeypatch.setattr(Check, "streams", classmethod(lambda cls: False))
    whole = pipeline.check_paths([corpus], settings=settings, aligner=one_to_one)
    for run in (*streamed, kept):
        assert _found(run) == _found(whole)
        assert run.signature == whole.signature and run.problems == whole.problems == []
    found = [(f.code, f.document, f.primary.line) for f in whole.findings]
    # The number mismatch of line 4 is suppressed, the one of line 6 is not.
    assert found == [("A003", "b.md", 5), ("T003", "c.md", 1), ("N001", "c.md", 6),
                     ("F001", "d.md", 1)]
    [cut] = [f for f in whole.findings if f.code == "A003"]
    assert "opioid" in cut.message  # completed from a.md's words
    [term] = [f for f in whole.findings if f.code == "T003"]
    assert term.message == ("'glutamate' rendered as 'glutamate' (1× in the corpus); the "
                            "majority rendering is '谷氨酸' (2×, e.g. a.md:3)")
    assert [type(d) for d in kept.documents] == [AlignedDocument] * 3
    for run in streamed:
        assert run.documents == [
            DocumentSummary(name, f"{corpus}/en/{name}", f"{corpus}/zh/{name}", "en", "zh",
                            pairs, "aligner:one-to-one")
            for name, pairs in (("a.md", 3), ("b.md", 3), ("c.md", 3))]


def test_no_document_model_outlives_its_rules(corpus):
    # The aligner notes how many of the alignments it made before are still alive: in a
    # stream, the one before at most (the loop's last document), not the whole corpus.
    made: list[weakref.ref] = []
    alive: list[int] = []

    def aligner(source, target, glossary=None):
        gc.collect()
        alive.append(sum(ref() is not None for ref in made))
        alignment = one_to_one(source, target, glossary)
        made.append(weakref.ref(alignment))
        return alignment

    for name in "efgh":
        for lang, text in (("en", f"Dose {name}: 5 mg.\n"), ("zh", f"剂量{name}：5 mg。\n")):
            (pipeline.Path(corpus) / lang / f"{name}.md").write_text(text, encoding="utf-8")
    run = pipeline.check_paths([corpus], aligner=aligner, keep_documents=False, keep_texts=True)
    assert len(alive) == 7 and max(alive) <= 1
    gc.collect()
    assert not any(ref() for ref in made)
    assert [d.name for d in run.documents] == ["a.md", "b.md", "c.md", "e.md", "f.md", "g.md",
                                               "h.md"]
    # --fix and --diff get each file's checked text.
    assert run.documents[3].texts == {f"{corpus}/en/e.md": ("Dose e: 5 mg.\n", "utf-8"),
                                      f"{corpus}/zh/e.md": ("剂量e：5 mg。\n", "utf-8")}


class CorpusSize(Check):
    code = "Z911"
    name = "corpus-size"
    severity = Severity.INFO
    description = "Reports the corpus size on every document (test only)."

    def check_document(self, doc, ctx) -> Iterable[Finding]:
        yield self.finding(doc, f"one of {len(ctx.corpus)}")


def test_a_document_rule_that_reads_the_corpus_still_sees_all_of_it(corpus, monkeypatch):
    monkeypatch.setattr(pipeline, "select_checks", lambda settings: [CorpusSize()])
    for jobs in (1, 2):
        run = pipeline.check_paths([corpus], aligner=one_to_one, jobs=jobs,
                                   keep_documents=False)
        assert [(f.document, f.message) for f in run.findings] == [
            (name, "one of 3") for name in ("a.md", "b.md", "c.md")]
        assert all(isinstance(d, DocumentSummary) for d in run.documents)


def test_a_narrow_window_hands_back_the_same_findings_in_order(corpus, monkeypatch):
    # One pair let in at a time beyond the next to hand back: no process waits forever.
    settings = Settings().with_cli(select=["A003", "N001", "T003", "F001"])
    wide = pipeline.check_paths([corpus], settings=settings, aligner=one_to_one, jobs=2,
                                keep_documents=False)
    monkeypatch.setattr(pipeline, "WINDOW_BYTES", 1)
    narrow = pipeline.check_paths([corpus], settings=settings, aligner=one_to_one, jobs=3,
                                  keep_documents=False)
    assert _found(narrow) == _found(wide) and len(wide.findings) == 4
    assert [d.name for d in narrow.documents] == ["a.md", "b.md", "c.md"]


def test_a_revision_that_cannot_be_read_keeps_no_document_alive(corpus):
    # Outside a git repository --changed-since fails at the first finding it filters; what
    # each document's attempt raised is kept until then without its frames (which would
    # keep every document).
    made: list[weakref.ref] = []

    def aligner(source, target, glossary=None):
        alignment = one_to_one(source, target, glossary)
        made.append(weakref.ref(alignment))
        return alignment

    settings = Settings().with_cli(select=["N001"])
    with pytest.raises(InputError, match="not a git repository") as raised:
        pipeline.check_paths([corpus], settings=settings, aligner=aligner,
                             changed_since="HEAD", keep_documents=False)
    gc.collect()  # the error is still held, with the frames it was raised through
    assert len(made) == 3 and sum(ref() is not None for ref in made) <= 1
    assert raised.value.__traceback__ is not None

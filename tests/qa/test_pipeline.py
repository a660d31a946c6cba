import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import Future

import pytest

from align.errors import InputError
from qa import pipeline
from qa.checks.base import REGISTRY, Check
from qa.core.finding import Finding, Severity
from qa.core.run import CheckContext
from qa.core.settings import Settings, parse_settings
from tests.qa.helpers import sentence_by_sentence
from tests.qa.runs import one_to_one, write_pair


class EveryPair(Check):
    code = "Z901"
    name = "every-pair"
    severity = Severity.WARNING
    description = "Reports every pair (test only)."

    def check_pair(self, pair, doc, ctx) -> Iterable[Finding]:
        yield self.finding(doc, "pair", source=pair.source, target=pair.target,
                           confidence=pair.confidence)


class CorpusSize(Check):
    code = "Z902"
    name = "corpus-size"
    severity = Severity.WARNING
    description = "Reports the corpus size on every document (test only)."

    def check_document(self, doc, ctx) -> Iterable[Finding]:
        yield self.finding(doc, f"one of {len(ctx.corpus)}")


TEST_REGISTRY = {"Z901": EveryPair}



def test_rule_matches_prefix_name_and_all():
    assert pipeline.rule_matches("Z901", "every-pair", ["Z"])
    assert pipeline.rule_matches("Z901", "every-pair", ["every-pair"])
    assert pipeline.rule_matches("Z901", "every-pair", ["ALL"])
    assert not pipeline.rule_matches("Z901", "every-pair", ["Z902", "N"])


def test_select_and_ignore_from_the_command_line():
    cfg = parse_settings({})
    assert [c.code for c in pipeline.select_checks(cfg, TEST_REGISTRY)] == ["Z901"]
    assert pipeline.select_checks(cfg.with_cli(ignore=["Z9"]), TEST_REGISTRY) == []
    with pytest.raises(InputError) as exc:
        pipeline.select_checks(cfg.with_cli(select=["Q123"]), TEST_REGISTRY)
    assert str(exc.value) == "unknown rule 'Q123' (see 'bitext rules')"


@pytest.mark.parametrize("table,key", [
    ({"select": ["Q1"]}, "select"), ({"ignore": ["Q1"]}, "ignore"),
    ({"severity": {"Q1": "info"}}, "severity"), ({"per-file-ignores": {"*": ["Q1"]}},
                                                 "per-file-ignores"),
])
def test_unknown_rules_in_the_configuration_name_the_file_and_key(table, key):
    cfg = parse_settings(table, "proj/pyproject.toml")
    with pytest.raises(InputError) as exc:
        pipeline.select_checks(cfg, TEST_REGISTRY)
    assert str(exc.value) == (f"proj/pyproject.toml: [tool.bitext] {key}: unknown rule 'Q1' "
                              "(see 'bitext rules')")


def test_the_real_registry_holds_every_rule_once():
    codes = [c.code for c in pipeline.select_checks(Settings())]
    assert codes == sorted(set(codes)) and {"A001", "N001", "T004", "D001"} <= set(codes)
    assert "Z901" not in REGISTRY


def test_suppression_comment_hides_the_next_block_only():
    doc = sentence_by_sentence("<!-- bitext: ignore Z901 -->\nFirst.\n\nSecond.\n", "第一。\n\n第二。\n\n")
    findings = list(EveryPair().check_corpus([doc], CheckContext()))
    assert len(findings) == 2
    kept = pipeline.postprocess(findings, [doc], parse_settings({}))
    assert [f.source.text for f in kept] == ["Second."]


def test_severity_override_and_per_file_ignore():
    doc = sentence_by_sentence("First.\n", "第一。\n")
    findings = list(EveryPair().check_corpus([doc], CheckContext()))
    cfg = parse_settings({"severity": {"Z901": "error"}})
    assert pipeline.postprocess(findings, [doc], cfg)[0].severity is Severity.ERROR
    cfg = parse_settings({"per-file-ignores": {"zh/*": ["Z9"]}})
    assert pipeline.postprocess(findings, [doc], cfg) == []
    cfg = parse_settings({"per-file-ignores": {"zh/*": ["N"]}})
    assert len(pipeline.postprocess(findings, [doc], cfg)) == 1


def test_findings_know_their_pair():
    doc = sentence_by_sentence("First. Second.\n\nThird.\n", "第一。第二。\n\n第三。\n")
    findings = list(EveryPair().check_corpus([doc], CheckContext()))
    assert [(f.pair, f.source.text) for f in findings] == [
        (0, "First."), (1, "Second."), (2, "Third.")]


def test_finding_primary_follows_side_and_json_keys_stay_fixed():
    doc = sentence_by_sentence("First.\n", "第一。\n")
    pair = doc.pairs[0]
    f = EveryPair().finding(doc, "m", source=pair.source, target=pair.target, side="source")
    assert f.primary.path == "en/a.md" and f.where == "en/a.md:1:1"
    assert list(f.to_dict()) == ["code", "name", "severity", "message", "document", "source",
                                 "target", "confidence", "suggestion"]
    assert EveryPair().finding(doc, "m", source=pair.source, target=pair.target).primary.path \
        == "zh/a.md"


def test_check_paths_with_a_configured_aligner(tmp_path):
    write_pair(tmp_path, "a.md", "# Title\n\nFirst. Second.\n", "# 标题\n\n第一。\n")
    settings = Settings().with_cli(select=["A001"])
    run = pipeline.check_paths([str(tmp_path)], settings=settings, aligner=one_to_one)
    assert [(f.code, f.source.text, f.pair) for f in run.findings] == [
        ("A001", "Second.", 2)]
    assert run.signature["aligner"] == "one-to-one" and run.signature["rules"] == "A001"
    assert [str(d.alignment.signature) for d in run.documents] == ["aligner:one-to-one"]


def test_the_command_lines_aligner_reads_back_a_pair_that_did_not_change(tmp_path, monkeypatch):
    from align import structure
    from align.aligner import AlignerConfig
    from align.reader import parse_document
    from qa.cli import main

    calls = []
    real = structure.align_documents
    monkeypatch.setattr(structure, "align_documents",
                        lambda *a, **k: calls.append(a[0].text) or real(*a, **k))
    config = AlignerConfig(scores=("length",), cache_dir=str(tmp_path / "cache"))
    en, zh = "# Cats\n\nCats sleep. Dogs run.\n", "# 猫\n\n猫睡觉。狗跑。\n"

    def align(en_text, aligner):
        return aligner(parse_document(en_text, "en/a.md", "en"),
                       parse_document(zh, "zh/a.md", "zh"))

    first = align(en, pipeline.document_aligner(config, reuse=True))
    again = align(en, pipeline.document_aligner(config, reuse=True))
    assert len(calls) == 1  # the second time from the cache
    assert (again.beads, again.signature) == (first.beads, first.signature)
    align(en.replace("run", "bark"), pipeline.document_aligner(config, reuse=True))
    align(en, pipeline.document_aligner(config))  # the library's aligner: never reads it back
    assert len(calls) == 3
    # bitext check reads back unless told --realign.
    seen = []
    monkeypatch.setattr(pipeline, "check_paths",
                        lambda paths, **k: seen.append(k["aligner"]) or pipeline.CheckRun([]))
    write_pair(tmp_path / "corpus", "a.md", en, zh)
    for extra in ([], ["--realign"]):
        main(["check", str(tmp_path / "corpus"), *extra])
    assert [getattr(a, "reuse", None) for a in seen] == [True, False]


def test_signature_records_the_loaded_glossary_checksum():
    import hashlib
    from pathlib import Path

    from qa.glossary.tsv import load_glossary

    path = Path(__file__).resolve().parents[2] / "corpus" / "glossary.tsv"
    sig = pipeline.signature(parse_settings({}), [EveryPair()], [], load_glossary(path))
    assert sig["glossary"] == "sha256=" + hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    assert pipeline.signature(parse_settings({}), [], [], None)["glossary"] == "none"


def test_jobs_give_the_same_documents_in_the_same_order(tmp_path):
    for k in range(5):
        write_pair(tmp_path, f"d{k}.md", f"# T{k}\n\nDose {k} mg. More.\n",
                   f"# 标题{k}\n\n剂量{k + (k == 3)} mg。\n")
    (tmp_path / "zh" / "d2.md").write_text("", encoding="utf-8")  # unreadable: a problem
    runs = [pipeline.check_paths([str(tmp_path)], aligner=one_to_one, jobs=jobs)
            for jobs in (1, 2, 3)]
    for run in runs[1:]:
        assert [f.to_dict() for f in runs[0].findings] == [f.to_dict() for f in run.findings]
        assert [d.name for d in run.documents] == ["d0.md", "d1.md", "d3.md", "d4.md"]
        assert [str(p) for p in run.problems] == [f"{tmp_path}/zh/d2.md: empty file"]
    assert any(f.code == "N001" for f in runs[1].findings)


def test_this_process_takes_a_share_and_takes_back_pairs_not_started(tmp_path, monkeypatch):
    for k in range(12):
        write_pair(tmp_path, f"d{k:02}.md", f"# T{k}\n\n{'Word. ' * (12 - k)}\n",
                   f"# 标题{k}\n\n{'词。' * (12 - k)}\n")
    pairs = pipeline.document_pairs([str(tmp_path)], Settings())
    monkeypatch.setattr(pipeline, "AHEAD", 8)  # more handed out than the worker starts
    docs = list(pipeline.align_corpus(pairs, one_to_one, jobs=2))
    assert [d.name for d in docs] == [f"d{k:02}.md" for k in range(12)]
    assert [len(d.pairs) for d in docs] == [13 - k for k in range(12)]


def test_workers_run_the_rules_that_need_no_corpus_and_leave_the_others_to_the_parent():
    doc = sentence_by_sentence("One. Two.", "一。二。")
    rules = pipeline.LocalRules([EveryPair(), CorpusSize()], Settings())
    found = rules.run(doc, None)
    assert [f.message for f in found[0][0]] == ["pair", "pair"] and found[0][1] == []
    assert found[1] is None  # it reads the corpus: the parent runs it
    corpus = pipeline._NoCorpus()
    for look in (bool, len, list, lambda c: c[0], lambda c: doc in c, lambda c: c.index(doc),
                 lambda c: c == []):
        with pytest.raises(pipeline.CorpusNeeded):
            look(corpus)


def test_rules_give_the_same_findings_in_workers_and_in_one_process(tmp_path, monkeypatch):
    for k in range(3):
        write_pair(tmp_path, f"d{k}.md", f"# T{k}\n\nDose {k} mg.\n", f"# 标题{k}\n\n剂量{k} mg。\n")
    monkeypatch.setattr(pipeline, "select_checks", lambda settings: [EveryPair(), CorpusSize()])
    runs = [pipeline.check_paths([str(tmp_path)], aligner=one_to_one, jobs=jobs)
            for jobs in (1, 2)]
    found = [[(f.code, f.document, f.message) for f in run.findings] for run in runs]
    assert found[0] == found[1]
    assert [x for x in found[1] if x[0] == "Z902"] == [
        ("Z902", f"d{k}.md", "one of 3") for k in range(3)]
    assert sum(x[0] == "Z901" for x in found[1]) == 6


class OptIn(Check):
    code = "Z904"
    name = "opt-in-rule"
    severity = Severity.INFO
    description = "Runs only when named (test only)."
    opt_in = True


def test_an_opt_in_rule_runs_only_when_named():
    registry = {"Z901": EveryPair, "Z904": OptIn}
    codes = lambda s: [c.code for c in pipeline.select_checks(s, registry)]  # noqa: E731
    assert codes(Settings()) == ["Z901"] and codes(Settings().with_cli(select=["Z"])) == ["Z901"]
    assert codes(Settings().with_cli(select=["Z", "Z904"])) == ["Z901", "Z904"]
    assert codes(Settings().with_cli(select=["opt-in-rule"])) == ["Z904"]
    # A007 used to be opt-in; it now runs by default, on running prose only.
    assert "A007" in [c.code for c in pipeline.select_checks(Settings())]


class CachesEvidence(Check):
    """Caches evidence on the document as the semantic rules do, and records what each
    document held when the rule reached it (test only)."""

    code = "Z903"
    name = "caches-evidence"
    severity = Severity.WARNING
    description = "Caches evidence on each document (test only)."
    seen: list[tuple[str, int]] = []

    def check_document(self, doc, ctx) -> Iterable[Finding]:
        # How many documents of the corpus still hold their evidence right now.
        CachesEvidence.seen.append((doc.name, sum("_semantic" in d.__dict__ for d in ctx.corpus)))
        doc._semantic = "vectors"
        yield from ()


def test_each_document_drops_its_cached_evidence_once_its_rules_have_run(tmp_path, monkeypatch):
    # Documents are checked one after another, so a corpus never holds every document's
    # sentence vectors at once.
    for k in range(3):
        write_pair(tmp_path, f"d{k}.md", f"# T{k}\n\nDose {k} mg.\n", f"# 标题{k}\n\n剂量{k} mg。\n")
    monkeypatch.setattr(pipeline, "select_checks",
                        lambda settings: [CachesEvidence(), EveryPair(), CorpusSize()])
    monkeypatch.setattr(CachesEvidence, "seen", [])
    run = pipeline.check_paths([str(tmp_path)], aligner=one_to_one)
    assert CachesEvidence.seen == [("d0.md", 0), ("d1.md", 0), ("d2.md", 0)]
    assert not any("_semantic" in d.__dict__ for d in run.documents)
    assert sorted(f.code for f in run.findings) == ["Z901"] * 6 + ["Z902"] * 3
    # A worker that ran every rule of a document sends it back without the evidence.
    doc = sentence_by_sentence("One. Two.", "一。二。")
    pipeline.LocalRules([CachesEvidence()], Settings()).run(doc, None)
    assert "_semantic" not in doc.__dict__


def test_a_parallel_run_sums_the_vocabulary_first_so_workers_run_the_a_rules(tmp_path):
    # The A rules read the corpus vocabulary; summed from every pair before any is aligned,
    # it lets workers run them, with the findings of one process. A truncated word ("opi",
    # a prefix of "opioid" used in another document) needs the whole corpus's words.
    texts = {"a": ("Ketamine is an NMDA antagonist. It binds opioid receptors.\n",
                   "氯胺酮是NMDA拮抗剂。它结合opioid受体。\n"),
             "b": ("# Title\n\nKetamine acts on NMDA.\n\n- Multiple processes — NMDA, BDNF, opi",
                   "# 标题\n\n氯胺酮作用于NMDA。\n\n- 多重过程——NMDA、BDNF和阿片系统共同起作用。\n"),
             "c": ("It is used as an anaesthetic.\n", "它被用作麻醉剂。\n")}
    for name, (en, zh) in texts.items():
        write_pair(tmp_path, f"{name}.md", en, zh)
    settings = Settings().with_cli(select=["A"])
    runs = [pipeline.check_paths([str(tmp_path)], settings=settings, aligner=one_to_one,
                                 jobs=jobs) for jobs in (1, 2)]
    assert [f.to_dict() for f in runs[0].findings] == [f.to_dict() for f in runs[1].findings]
    [cut] = [f for f in runs[0].findings if f.code == "A003"]
    assert cut.document == "b.md" and "opioid" in cut.message  # completed from a.md
    pairs = pipeline.document_pairs([str(tmp_path)], settings)
    rules = pipeline.LocalRules(pipeline.select_checks(settings), settings)
    assert rules.needs_vocabulary()
    local = [found for _, found in pipeline._align_and_check(
        pairs, one_to_one, None, None, [], 2, None, rules)]
    corpus_rules = [c.reads_corpus() for c in rules.checks]
    assert all(row is not None and [x is None for x in row] == corpus_rules
               for row in local)  # only the corpus rules are left to this process
    vocab = sum((pipeline._pair_vocabulary(p) for p in pairs), Counter())
    assert vocab["opioid"] == 2 and vocab["opi"] == 1 and vocab["nmda"] == 6
    pipeline._forget_parsed()


def test_a_pair_read_for_the_vocabulary_is_aligned_from_what_was_read(tmp_path, monkeypatch):
    # The vocabulary pass keeps the documents it parsed: the process that read a pair does
    # not read it again to align it (once only: the rules cache what they compute on them).
    write_pair(tmp_path, "a.md", "Dose 5 mg. Twice a day.\n", "剂量5 mg。每天两次。\n")
    [pair] = pipeline.document_pairs([str(tmp_path)], Settings())
    monkeypatch.setattr(pipeline, "_PARSED", {})
    monkeypatch.setattr(pipeline, "_PARSED_SIZE", [0])
    assert pipeline._pair_vocabulary(pair)["mg"] == 2  # both sides
    assert pipeline._PARSED_SIZE == [len("Dose 5 mg. Twice a day.\n剂量5 mg。每天两次。\n")]
    reads = []
    real = pipeline.load_document
    monkeypatch.setattr(pipeline, "load_document",
                        lambda path, lang: reads.append(path) or real(path, lang))
    first = pipeline._align_with(pair, one_to_one, None, None)
    assert reads == [] and pipeline._PARSED == {} and pipeline._PARSED_SIZE == [0]
    again = pipeline._align_with(pair, one_to_one, None, None)
    assert len(reads) == 2  # given out once: the second alignment reads the files
    assert [p.target_text for p in first.pairs] == [p.target_text for p in again.pairs] \
        == ["剂量5 mg。", "每天两次。"]
    # Over the budget, nothing is kept.
    monkeypatch.setattr(pipeline, "PARSED_BUDGET", 10)
    pipeline._pair_vocabulary(pair)
    assert pipeline._PARSED == {}


class CountsPairs(Check):
    """A corpus rule that streams: it takes each document's pair count (test only)."""

    code = "Z905"
    name = "counts-pairs"
    severity = Severity.INFO
    description = "Reports the corpus's pair count (test only)."

    def check_corpus(self, docs, ctx) -> Iterable[Finding]:
        return self.check_collected([self.collect(doc, ctx) for doc in docs], ctx)

    def collect(self, doc, ctx) -> int:
        if doc.name == "bad.md":
            raise ValueError("no count")
        return len(doc.pairs)

    def check_collected(self, parts, ctx) -> Iterable[Finding]:
        yield Finding(self.code, self.name, self.severity, f"{sum(parts)} pairs", "corpus")


def test_a_worker_sends_back_a_summary_when_the_run_keeps_no_documents(tmp_path, monkeypatch):
    doc = sentence_by_sentence("<!-- bitext: ignore Z901 -->\nOne. Two.\n", "一。二。\n")
    rules = pipeline.LocalRules([EveryPair(), CountsPairs()], Settings(), summaries=True)
    local = rules.run(doc, None)
    checked = rules.checked(doc, local, None)
    assert checked.summary.pair_count == 2 and checked.name == doc.name
    assert checked.suppressed == pipeline._suppressions(doc) and checked.changes is None
    assert local[1] == ([2], [])  # the corpus rule's part, taken in the worker
    # A rule that raises on the document loses that document only, as in the parent.
    doc.name = "bad.md"
    local = rules.run(doc, None)
    rules.checked(doc, local, None)
    assert local[1][0] == [] and str(local[1][1][0]).startswith("internal error in Z905")
    # A run that keeps documents, or a rule that needs the corpus: the document goes back.
    keeps = pipeline.LocalRules([EveryPair(), CountsPairs()], Settings())
    assert keeps.checked(doc, keeps.run(doc, None), None) is None
    reads = pipeline.LocalRules([CorpusSize(), CountsPairs()], Settings(), summaries=True)
    assert reads.checked(doc, reads.run(doc, None), None) is None
    # Two jobs find what one finds, each document coming back as a few kilobytes.
    for k in range(3):
        write_pair(tmp_path, f"d{k}.md", f"# T{k}\n\nDose {k} mg. Twice.\n",
                   f"# 标题{k}\n\n剂量{k} mg。两次。\n")
    pairs = pipeline.document_pairs([str(tmp_path)], Settings())
    back = [d for d, _ in pipeline._align_and_check(pairs, one_to_one, None, None, [], 2, None,
                                                     rules)]
    assert [type(d).__name__ for d in back] == ["CheckedDocument"] * 3
    monkeypatch.setattr(pipeline, "select_checks", lambda settings: [EveryPair(), CountsPairs()])
    runs = [pipeline.check_paths([str(tmp_path)], aligner=one_to_one, jobs=jobs,
                                 keep_documents=False) for jobs in (1, 2)]
    assert [f.to_dict() for f in runs[0].findings] == [f.to_dict() for f in runs[1].findings]
    assert [f.message for f in runs[1].findings if f.code == "Z905"] == ["9 pairs"]
    assert [d.pair_count for d in runs[1].documents] == [3, 3, 3]


def test_workers_are_forked_only_from_a_process_of_one_thread(tmp_path, monkeypatch):
    tasks, threads = ["1"], [1]
    monkeypatch.setattr(pipeline.os, "listdir", lambda path: list(tasks))
    monkeypatch.setattr(pipeline.threading, "active_count", lambda: len(threads))
    assert pipeline._start_method() == "fork"
    tasks.append("2")  # a thread of a library (numpy's BLAS threads, say)
    assert pipeline._start_method() == "forkserver"
    tasks.pop()
    threads.append(2)  # a Python thread that has not started its OS thread yet
    assert pipeline._start_method() == "forkserver"
    monkeypatch.undo()
    # Forked workers find what forkserver workers find.
    for k in range(3):
        write_pair(tmp_path, f"d{k}.md", f"# T{k}\n\nDose {k} mg.\n", f"# 标题{k}\n\n剂量{k} mg。\n")
    monkeypatch.setattr(pipeline, "select_checks", lambda settings: [EveryPair(), CountsPairs()])
    runs = []
    for method in ("forkserver", "fork"):
        monkeypatch.setattr(pipeline, "_start_method", lambda method=method: method)
        runs.append(pipeline.check_paths([str(tmp_path)], aligner=one_to_one, jobs=2,
                                         keep_documents=False))
    assert [f.to_dict() for f in runs[0].findings] == [f.to_dict() for f in runs[1].findings]
    assert len(runs[1].findings) == 7


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="threads counted on Linux")
def test_preparing_the_aligner_loads_numpy_and_the_dictionary_without_a_thread():
    # In a fresh process, as the command line's: numpy's BLAS starts no thread, so workers
    # can still be forked, and they find the dictionary with its index built.
    code = ("import os, sys; from qa import pipeline; pipeline.document_aligner().prepare(); "
            "from align import dictionary_cache as d; "
            "print(len(os.listdir('/proc/self/task')), 'numpy' in sys.modules, "
            "d._loaded is None or d._loaded._starts is not None, pipeline._start_method(), "
            "os.environ.get('OPENBLAS_NUM_THREADS'))")
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True).stdout.split()
    assert out == ["1", "True", "True", "fork", "None"]


def test_the_pairs_this_process_reads_for_the_vocabulary_are_spread_over_the_corpus(
        tmp_path, monkeypatch):
    # Workers start the chunks in the order they were handed out; this process takes back
    # the others from the end. Handed out one in every `jobs` first, what it takes back
    # lies all over the corpus, so that each window of pairs to align holds some of both.
    for k in range(40):
        for lang in ("en", "zh"):
            (tmp_path / lang).mkdir(exist_ok=True)
            (tmp_path / lang / f"d{k:02}.md").write_text(f"Page {k}.\n", encoding="utf-8")
    pairs = pipeline.document_pairs([str(tmp_path)], Settings())
    monkeypatch.setattr(pipeline, "_PARSED", {})
    monkeypatch.setattr(pipeline, "_PARSED_SIZE", [0])

    class HalfStarted:
        """A pool whose worker has started the first half of the chunks handed out."""

        def __init__(self) -> None:
            self.handed: list = []

        def submit(self, fn, chunk):
            future = Future()
            self.handed.append(future)
            if len(self.handed) <= 3:
                future.set_running_or_notify_cancel()
                future.set_result(fn(chunk, keep=False))
            return future

    rules = pipeline.LocalRules([], Settings())
    rules, mine = pipeline._with_vocabulary(rules, pairs, HalfStarted(), 2)
    assert rules.vocabulary["page"] == 80  # both sides
    # Chunks of 8: the worker read chunks 0, 2, 4; this process 1 and 3.
    assert sorted(mine) == [*range(8, 16), *range(24, 32)]
    pipeline._forget_parsed()


def test_workers_tell_the_pairs_changed_since_a_revision(tmp_path, monkeypatch):
    # A worker finds the changed pairs itself (CheckedDocument.changes): the findings kept
    # are one process's; outside a git repository the run fails as one process's does.
    for k in range(3):
        write_pair(tmp_path, f"d{k}.md", f"# T{k}\n\nDose {k} mg. Twice.\n",
                   f"# 标题{k}\n\n剂量{k} mg。两次。\n")
    monkeypatch.setattr(pipeline, "select_checks", lambda settings: [EveryPair()])
    with pytest.raises(InputError, match="not a git repository"):
        pipeline.check_paths([str(tmp_path)], aligner=one_to_one, jobs=2,
                             changed_since="HEAD", keep_documents=False)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(tmp_path)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "pages"], check=True)
    (tmp_path / "zh" / "d1.md").write_text("# 标题1\n\n剂量9 mg。两次。\n", encoding="utf-8")
    runs = [pipeline.check_paths([str(tmp_path)], aligner=one_to_one, jobs=jobs,
                                 changed_since="HEAD", keep_documents=False)
            for jobs in (1, 2)]
    found = [[(f.document, f.primary.line) for f in run.findings] for run in runs]
    assert found[0] == found[1] == [("d1.md", 3)]


def test_a_big_pair_is_frozen_while_it_is_aligned_and_checked_and_thawed_after(
        tmp_path, monkeypatch):
    import gc

    write_pair(tmp_path, "a.md", "# Title\n\nFirst. Second.\n", "# 标题\n\n第一。\n")
    seen = []

    def aligner(source, target, glossary):
        seen.append(gc.get_freeze_count())
        return one_to_one(source, target, glossary)

    assert gc.get_freeze_count() == 0
    run = pipeline.check_paths([str(tmp_path)], aligner=aligner)  # 32 characters: too small
    monkeypatch.setattr(pipeline, "FREEZE_CHARS", 10)
    big = pipeline.check_paths([str(tmp_path)], aligner=aligner)
    assert seen[0] == 0 and seen[1] > 1000  # the model, and all else alive then
    assert gc.get_freeze_count() == 0  # thawed once the run is over
    assert [f.to_dict() for f in big.findings] == [f.to_dict() for f in run.findings]


def test_the_alignment_of_a_frozen_pair_is_frozen_too_and_thawed_with_it():
    import gc

    assert gc.get_freeze_count() == 0
    pipeline.freeze_alignment()  # nothing was frozen for the pair: nothing to add to
    assert gc.get_freeze_count() == 0
    pipeline.freeze_model(10 * pipeline.FREEZE_CHARS)
    try:
        model = gc.get_freeze_count()
        alignment = [[k] for k in range(1000)]  # what the aligner made after the freeze
        pipeline.freeze_alignment()
        assert gc.get_freeze_count() >= model + len(alignment)
    finally:
        pipeline.thaw_model()
    assert gc.get_freeze_count() == 0


def test_a_freeze_made_by_someone_else_is_left_alone(monkeypatch):
    import gc

    gc.freeze()
    try:
        mine = gc.get_freeze_count()
        pipeline.freeze_model(10 * pipeline.FREEZE_CHARS)
        pipeline.thaw_model()
        assert gc.get_freeze_count() == mine
    finally:
        gc.unfreeze()

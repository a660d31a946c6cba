"""``--scheduler``: document pairs as tasks on a Dask cluster (two local worker processes)."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from qa import pipeline
from tests.qa.runs import one_to_one, write_pair

distributed = pytest.importorskip("distributed")


def slow_one_to_one(source, target, glossary=None):
    """The stand-in aligner, slow enough that a worker can be killed mid-run."""
    time.sleep(0.4)
    return one_to_one(source, target, glossary)


def corpus(root: Path, n: int = 8) -> Path:
    for k in range(n):
        write_pair(root, f"d{k}.md", f"# T{k}\n\nDose {k} mg. More text.\n",
                   f"# 标题{k}\n\n剂量{k + (k % 3 == 0)} mg。\n")
    (root / "zh" / "d5.md").write_text("", encoding="utf-8")  # an unreadable pair
    return root


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as c:
        yield c


def dicts(run):
    return [f.to_dict() for f in run.findings]


def test_the_cluster_gives_the_local_findings_in_the_local_order(tmp_path, cluster):
    root = corpus(tmp_path)
    local = pipeline.check_paths([str(root)], aligner=one_to_one)
    remote = pipeline.check_paths([str(root)], aligner=one_to_one,
                                  scheduler=cluster.scheduler_address)
    assert dicts(remote) == dicts(local) and len(local.findings) >= 3
    assert [d.name for d in remote.documents] == [d.name for d in local.documents]
    assert [str(p) for p in remote.problems] == [f"{root}/zh/d5.md: empty file"]


def test_a_worker_killed_mid_run_is_retried(tmp_path, cluster):
    root = corpus(tmp_path, 10)
    local = pipeline.check_paths([str(root)], aligner=one_to_one)
    pids = [w.process.pid for w in cluster.workers.values()]

    def kill_one() -> None:
        time.sleep(1.0)
        os.kill(pids[0], signal.SIGKILL)

    killer = threading.Thread(target=kill_one)
    killer.start()
    remote = pipeline.check_paths([str(root)], aligner=slow_one_to_one,
                                  scheduler=cluster.scheduler_address)
    killer.join()
    assert dicts(remote) == dicts(local)


def test_an_unreachable_scheduler_is_one_line():
    from align.errors import InputError

    with pytest.raises(InputError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        list(pipeline.align_corpus([], one_to_one, scheduler="tcp://127.0.0.1:9"))


def test_the_rules_run_on_the_cluster_not_here(tmp_path, cluster, monkeypatch):
    # The tasks check what they align and send back the findings with a summary: this
    # process runs no document rule itself (one job runs every one here).
    root = corpus(tmp_path)
    local = pipeline.check_paths([str(root)], aligner=one_to_one)
    here = []
    original = pipeline.rule_on_document

    def counted(*args, **kwargs):
        here.append(args[0].code)
        return original(*args, **kwargs)

    monkeypatch.setattr(pipeline, "rule_on_document", counted)
    remote = pipeline.check_paths([str(root)], aligner=one_to_one,
                                  scheduler=cluster.scheduler_address)
    assert dicts(remote) == dicts(local) and here == []
    pipeline.check_paths([str(root)], aligner=one_to_one)
    assert len(here) > 0


def test_a_long_pair_goes_to_the_cluster_in_parts(tmp_path, cluster, monkeypatch):
    import align.parts
    from tests.align.test_parts import long_pair

    monkeypatch.setattr(align.parts, "SPLIT_CHARS", 10_000)
    monkeypatch.setattr(align.parts, "PART_CHARS", 5_000)
    en, zh = long_pair(40)
    write_pair(tmp_path, "guide.md", en, zh.replace("### 示例 12\n", "### 示例 13\n"))
    assert len(pipeline.split_long_pairs(pipeline.document_pairs([str(tmp_path)],
                                                                 pipeline.Settings()))) >= 4
    local = pipeline.check_paths([str(tmp_path)], aligner=one_to_one, keep_documents=False)
    remote = pipeline.check_paths([str(tmp_path)], aligner=one_to_one, keep_documents=False,
                                  scheduler=cluster.scheduler_address)
    assert dicts(remote) == dicts(local) and local.findings
    assert [f.pair for f in remote.findings] == [f.pair for f in local.findings]
    assert [(d.name, d.pair_count) for d in remote.documents] == \
        [(d.name, d.pair_count) for d in local.documents]
    assert [d.name for d in local.documents] == ["guide.md"]

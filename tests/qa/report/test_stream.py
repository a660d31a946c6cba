"""The streamed report (``stream_html``): the page ``render_html`` writes, one document held
at a time."""

from __future__ import annotations

import gc
import re
import weakref
from datetime import datetime

import pytest

from qa.pipeline import check_paths
from qa.report import render_html, stream_html, write_report
from qa.report.spill import DocumentSpill, SpilledDocument, loaded
from tests.qa.report.pages import views
from tests.qa.runs import EN, ZH, Location, MissingTranslation, aligned, one_to_one, sample_run

WHEN = datetime(2025, 1, 2, 3, 4, 5)

#: Two pages with a table, numbers that differ, an untranslated sentence and a term rendered
#: two ways across the corpus (T003: a finding known only after the last document).
PAGES = {
    "setup.md": ("# Setup\n\nInstall the connector on 3 nodes. The job needs 2 GB of memory."
                 "\n\n| Option | Default |\n| --- | --- |\n| parallelism | 4 |\n"
                 "| timeout | 30 seconds |\n\nRestart the cluster after the change.\n",
                 "# 安装\n\n在3个节点上安装连接器。作业需要4 GB内存。\n\n| 选项 | 默认值 |\n"
                 "| --- | --- |\n| parallelism | 4 |\n| timeout | 30秒 |\n"),
    "sink.md": ("# Sink connector\n\nThe sink connector writes rows to the cluster. Each "
                "connector has a name.\n\nSet <b>batch size</b> to 100 rows.\n",
                "# 输出连接器\n\n输出连接器将行写入集群。每个接头都有一个名称。\n\n"
                "将<b>批次大小</b>设置为1000行。\n"),
}
GLOSSARY = "en\tzh\tstatus\nconnector\t连接器\tapproved\nconnector\t接头\tdeprecated\n"


def masked(html: str) -> str:
    """The page without what differs from one rendering to the next: nonce, time stamp."""
    stamp = re.search(r"Generated ([^·<]+?) ·", html).group(1)
    html = re.sub(r"nonce(-|=\")[\w-]+", r"nonce\1N", html)
    return html.replace(stamp, "STAMP")


@pytest.fixture
def corpus(tmp_path):
    for name, (en, zh) in PAGES.items():
        for lang, text in (("en", en), ("zh", zh)):
            (tmp_path / "corpus" / lang).mkdir(parents=True, exist_ok=True)
            (tmp_path / "corpus" / lang / name).write_text(text, encoding="utf-8")
    (tmp_path / "corpus" / "glossary.tsv").write_text(GLOSSARY, encoding="utf-8")
    return str(tmp_path / "corpus")


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_streamed_page_is_the_page_render_html_writes(corpus, jobs):
    whole = check_paths([corpus], aligner=one_to_one, jobs=jobs)
    assert {f.code for f in whole.findings} >= {"A001", "N001", "T003"}
    expected = render_html(whole, generated=WHEN, paths=[corpus])
    with DocumentSpill() as spill:
        run = check_paths([corpus], aligner=one_to_one, jobs=jobs, keep_documents=spill.keep)
        assert [type(d) for d in run.documents] == [SpilledDocument] * 2
        page = "".join(stream_html(run, loaded(run.documents), generated=WHEN, paths=[corpus]))
    assert [f.to_dict() for f in run.findings] == [f.to_dict() for f in whole.findings]
    assert masked(page) == masked(expected)
    assert masked(page) != page  # the nonce was masked, nothing else
    assert "connector" in views(page)["sink.md"] and "T003" in views(page)["sink.md"]


def test_findings_of_documents_not_aligned_are_streamed_too():
    run = sample_run()
    lost = MissingTranslation().finding(aligned("lost.md"), "not aligned", source=Location(
        "corpus/en/lost.md", 1, 1, 1, 3, "# K"))
    run.findings.append(lost)
    page = "".join(stream_html(run, generated=WHEN))
    assert masked(page) == masked(render_html(run, generated=WHEN))
    assert set(views(page)) == {"dosing.md", "lost.md"}
    assert "4 defects" in page


def test_each_document_is_dropped_before_the_next_is_read():
    run = sample_run([aligned(f"p{k}.md") for k in range(3)], [])
    alive: list[bool] = []

    def fresh():  # the run's documents, parsed again one at a time, as from a spill
        previous = None
        for k in range(3):
            if previous is not None:
                gc.collect()
                alive.append(previous() is not None)
            doc = aligned(f"p{k}.md", EN, ZH)
            previous = weakref.ref(doc)
            yield doc
            del doc

    page = "".join(stream_html(run, fresh(), generated=WHEN))
    assert alive == [False, False]
    assert masked(page) == masked(render_html(run, generated=WHEN))


def test_a_streamed_page_is_written_atomically_to_a_new_file(tmp_path):
    first = write_report(iter(["<p>", "one", "</p>"]), tmp_path, WHEN)
    second = write_report(iter(["<p>two</p>"]), tmp_path, WHEN)
    assert first.read_text() == "<p>one</p>" and second.read_text() == "<p>two</p>"
    assert second.name == "bitext-report-20250102-030405-2.html"

    def broken():
        yield "<p>half"
        raise RuntimeError("the run failed")

    with pytest.raises(RuntimeError):
        write_report(broken(), tmp_path, WHEN)
    assert {p.name for p in tmp_path.iterdir()} == {first.name, second.name}

"""A long document pair is checked in parts (issue #12): the same findings, at the same lines
and pairs, as the whole pair, in one summary, at any number of jobs."""

from __future__ import annotations

from pathlib import Path

import pytest

import align.parts
from qa import pipeline
from qa.core.settings import Settings
from tests.align.test_parts import long_pair
from tests.qa.runs import write_pair


def _write(tmp_path, en: str, zh: str) -> str:
    write_pair(tmp_path, "guide.md", en, zh)
    return str(tmp_path)


@pytest.fixture
def corpus(tmp_path):
    en, zh = long_pair(40)
    # Errors to find, in sections far apart: a sentence left out (section 31), a number
    # changed (section 12), and one hidden by a suppression comment (section 25).
    zh = zh.replace("Kafka2 连接器从源表读取数据。它支持 `batch` 模式。",
                    "Kafka2 连接器从源表读取数据。")
    zh = zh.replace("### 示例 12\n", "### 示例 13\n")
    zh = zh.replace("### 示例 25\n", "<!-- bitext: ignore N001 -->\n### 示例 26\n")
    return _write(tmp_path, en, zh)


def _check(corpus: str, jobs: int = 1, split: bool = True, **kwargs) -> pipeline.CheckRun:
    settings = Settings().with_cli(select=["A001", "A002", "A003", "A006", "N001"])
    return pipeline.check_paths([corpus], settings=settings, jobs=jobs, keep_documents=False,
                                **kwargs)


@pytest.fixture
def small_parts(monkeypatch):
    monkeypatch.setattr(align.parts, "SPLIT_CHARS", 10_000)
    monkeypatch.setattr(align.parts, "PART_CHARS", 5_000)


def _rows(run) -> list[tuple]:
    return [(f.code, f.message, f.source and f.source.ref, f.target and f.target.ref, f.pair)
            for f in run.findings]


def test_a_long_pair_is_checked_in_parts_with_the_findings_of_the_whole(corpus, small_parts,
                                                                       monkeypatch):
    parts = pipeline.split_long_pairs(pipeline.document_pairs([corpus], Settings()))
    assert len(parts) >= 4 and {p.name for p in parts} == {"guide.md"}
    split = [_check(corpus, jobs) for jobs in (1, 2)]
    monkeypatch.setattr(align.parts, "SPLIT_CHARS", 10**9)
    whole = _check(corpus)
    assert _rows(split[0]) == _rows(split[1]) == _rows(whole)
    rows = _rows(whole)
    # The left-out sentence, the changed number, and not the suppressed one.
    assert any(code == "A001" and '"It supports batch mode."' in message
               for code, message, *_ in rows)
    assert [message[:32] for code, message, *_ in rows if code == "N001"] == \
        ["12 in the source is missing from"]
    # One summary for the pair, with every part's pairs.
    for run in split:
        assert [(d.name, d.pair_count) for d in run.documents] == \
            [(d.name, d.pair_count) for d in whole.documents]
        assert run.problems == []


def test_a_part_points_at_the_lines_of_the_file(corpus, small_parts):
    run = _check(corpus)
    en = (Path(corpus) / "en" / "guide.md").read_text(encoding="utf-8").split("\n")
    zh = (Path(corpus) / "zh" / "guide.md").read_text(encoding="utf-8").split("\n")
    assert run.findings
    for f in run.findings:
        for loc, lines in ((f.source, en), (f.target, zh)):
            if loc is not None and loc.text and loc.line == loc.end_line:
                assert lines[loc.line - 1][loc.column - 1:].startswith(loc.text[:10])


def test_a_translation_in_the_wrong_language_is_one_finding_for_the_pair(tmp_path,
                                                                         small_parts):
    en, _ = long_pair(40)
    run = _check(_write(tmp_path, en, en))
    assert [(f.code, f.document) for f in run.findings] == [("A006", "guide.md")]
    # Read from the first part: its counts say so.
    assert "prose sentences of its part from line 2 contain Chinese" in run.findings[0].message


def test_the_end_of_a_part_is_no_end_of_the_document(tmp_path, small_parts, monkeypatch):
    en, zh = long_pair(40)
    # The translation stops halfway through its last section's sentence: cut off at the end
    # of the document (A003), and only there; the parts before end where sections end.
    zh = zh[:zh.rindex("连接器从源表") + 6]
    corpus = _write(tmp_path, en, zh)
    assert len(pipeline.split_long_pairs(pipeline.document_pairs([corpus], Settings()))) >= 4
    split = _check(corpus)
    monkeypatch.setattr(align.parts, "SPLIT_CHARS", 10**9)
    # The same findings, at the same places (the length model of a part predicts a length
    # a per cent or so off the whole document's: "54% of the length", not 53%).
    assert [(code, *rest) for code, _, *rest in _rows(split)] == \
        [(code, *rest) for code, _, *rest in _rows(_check(corpus))]
    cut = [f for f in split.findings if f.code == "A003"]
    last = zh.count("\n", 0, zh.rindex("## 40.")) + 1
    assert cut and all(f.target.line >= last for f in cut)
    assert any(f.target.line == zh.count("\n") + 1 and "cut off" in f.message for f in cut)


@pytest.mark.parametrize("bom, newline", [(b"", "\n"), (b"\xef\xbb\xbf", "\r\n")])
def test_a_part_of_a_utf8_file_is_read_from_its_bytes(tmp_path, small_parts, bom, newline):
    from align.textio import read_text

    en, zh = long_pair(40)
    for lang, text in (("en", en), ("zh", zh)):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "guide.md").write_bytes(bom + text.replace("\n", newline).encode())
    parts = pipeline.split_long_pairs(pipeline.document_pairs([str(tmp_path)], Settings()))
    assert len(parts) >= 4
    whole = {lang: read_text(tmp_path / lang / "guide.md").text for lang in ("en", "zh")}
    for pair in parts:
        part = pair.part
        assert part.source_bytes is not None and part.target_bytes is not None
        source, target = pipeline.read_pair(pair)
        assert source.text == whole["en"][part.source_start:part.source_end]
        assert target.text == whole["zh"][part.target_start:part.target_end]
        assert source.ends_file == target.ends_file == part.last
        assert source.encoding == ("utf-8-sig" if bom else "utf-8")
        first = source.sentences[0]
        line = whole["en"].split("\n")[first.line - 1]
        assert line[first.column - 1:].startswith(first.raw[:10])


def test_a_part_of_a_gbk_file_is_cut_from_the_decoded_text(tmp_path, small_parts):
    en, zh = long_pair(40)
    write_pair(tmp_path, "guide.md", en, "")
    (tmp_path / "zh" / "guide.md").write_bytes(zh.encode("gbk"))
    parts = pipeline.split_long_pairs(pipeline.document_pairs([str(tmp_path)], Settings()))
    assert len(parts) >= 4
    assert all(p.part.source_bytes and p.part.target_bytes is None for p in parts)
    texts = [pipeline.read_pair(pair)[1].text for pair in parts]
    assert "".join(texts) == zh

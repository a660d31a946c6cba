"""End to end on the corpus document: a dropped translation is reported where it is missing."""

import shutil

from qa.core.settings import Settings
from qa.pipeline import check_paths


def test_dropped_sentence_and_list_item_are_omissions(corpus_dir, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_dir / "en", corpus / "en")
    shutil.copytree(corpus_dir / "zh", corpus / "zh")
    zh = corpus / "zh" / "ketamine.md"
    text = zh.read_text(encoding="utf-8")
    a, b = text.index("与传统抗抑郁药不同"), text.index("然而,它也存在")
    text = text[:a] + text[b:]
    text = text.replace("- 个体差异较大——相同剂量在不同人身上产生不同效果\n", "")
    zh.write_text(text, encoding="utf-8")

    run = check_paths([str(corpus)], settings=Settings().with_cli(select=["A001", "A002"]))
    found = [(f.code, f.source.line, f.source.column) for f in run.findings]
    assert found == [("A001", 3, 213), ("A001", 42, 3)]
    assert run.findings[0].source.text.startswith("Unlike traditional antidepressants")

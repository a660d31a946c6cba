import pytest

from align.corpus import find_document_pairs
from align.errors import InputError


def make(tmp_path, files):
    for rel, text in files.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return tmp_path


def test_pairs_by_relative_path(tmp_path):
    root = make(tmp_path, {"en/a.md": "A.", "zh/a.md": "甲。", "en/sub/b.md": "B.",
                           "zh/sub/b.md": "乙。", "glossary.tsv": "x"})
    pairs = find_document_pairs([str(root)])
    assert [(p.name, p.source_path.endswith("en/a.md")) for p in pairs] == [
        ("a.md", True), ("sub/b.md", False)] or [p.name for p in pairs] == ["a.md", "sub/b.md"]
    assert pairs[1].target_path == str(root / "zh" / "sub" / "b.md")


def test_missing_counterpart_is_named(tmp_path):
    root = make(tmp_path, {"en/a.md": "A.", "zh/a.md": "甲。", "zh/c.md": "丙。"})
    with pytest.raises(InputError) as exc:
        find_document_pairs([str(root)])
    assert str(exc.value) == f"{root}/zh/c.md: no counterpart {root}/en/c.md"


def test_single_file_finds_its_counterpart(tmp_path):
    root = make(tmp_path, {"en/a.md": "A.", "zh/a.md": "甲。"})
    (pair,) = find_document_pairs([str(root / "zh" / "a.md")])
    assert pair.source_path == str(root / "en" / "a.md")


def test_not_a_corpus(tmp_path):
    with pytest.raises(InputError, match="not a corpus folder"):
        find_document_pairs([str(tmp_path)])
    with pytest.raises(InputError, match="no such file or directory"):
        find_document_pairs([str(tmp_path / "nope")])

import json
import xml.etree.ElementTree as ET

import pytest

from qa.cli import main


@pytest.fixture
def presplit(tmp_path):
    zh = tmp_path / "a.zh"
    en = tmp_path / "a.en"
    zh.write_text("第1章\n他有3个孩子。\n他们住在北京。\n", encoding="utf-8")
    en.write_text("Chapter 1\nHe had 3 children.\nThey lived in Beijing.\n", encoding="utf-8")
    return zh, en


def test_presplit_prints_beads(presplit, capsys):
    zh, en = presplit
    code = main(["align", "--presplit", str(zh), str(en), "--format", "beads", "--scores",
                 "length,anchors", "--no-cache"])
    assert code == 0
    assert capsys.readouterr().out == "[0]:[0]\n[1]:[1]\n[2]:[2]\n"


def test_corpus_to_tmx_and_jsonl(corpus_dir, capsys):
    assert main(["align", str(corpus_dir), "--format", "tmx", "--scores", "length,anchors"]) == 0
    root = ET.fromstring(capsys.readouterr().out)
    assert len(root.findall("body/tu")) > 50
    assert main(["align", str(corpus_dir), "--format", "jsonl", "--scores", "length"]) == 0
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert first["document"] == "ketamine.md" and first["source"]["lang"] == "en"


def test_input_problems_are_one_line_with_exit_2(tmp_path, capsys):
    empty = tmp_path / "empty.zh"
    empty.write_text("", encoding="utf-8")
    other = tmp_path / "b.en"
    other.write_text("Hello.\n", encoding="utf-8")
    assert main(["align", "--presplit", str(empty), str(other)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"bitext: error: {empty}: ")
    assert "empty" in err[0]
    assert main(["align", "--presplit", str(other)]) == 2
    assert main(["align", str(tmp_path / "missing")]) == 2
    assert main(["align", "--presplit", str(empty), str(other), "--scores", "magic"]) == 2


def test_corpus_glossary_is_found_and_recorded(corpus_dir, capsys):
    assert main(["align", str(corpus_dir), "--format", "beads", "--scores", "length,anchors"]) == 0
    err = capsys.readouterr().err
    assert "glossary:none" not in err and "glossary:" in err
    assert main(["align", str(corpus_dir), "--scores", "length", "--no-glossary"]) == 0
    assert "glossary:none" in capsys.readouterr().err

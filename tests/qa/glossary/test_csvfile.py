"""CSV import and export."""

import pytest

from align.errors import InputError
from qa.glossary import Entry, Glossary, Status
from qa.glossary.csvfile import export_csv, parse_csv


def test_round_trip_with_quoting():
    g = Glossary.from_entries([
        Entry("phencyclidine", "苯环利定", note='PCP, "angel dust"'),
        Entry("PTSD", "", Status.KEEP, case_sensitive=True),
        Entry("depression", "忧郁症", Status.FORBIDDEN, ("忧郁",)),
    ])
    text = export_csv(g)
    assert text.splitlines()[1] == 'phencyclidine,苯环利定,approved,,,"PCP, ""angel dust""",'
    assert parse_csv(text).entries == g.entries


def test_any_column_order_and_errors():
    assert parse_csv("ZH,En\n谷氨酸,glutamate\n").entries == [Entry("glutamate", "谷氨酸")]
    with pytest.raises(InputError, match=r"g.csv: line 1, column 1: the header lacks .*zh"):
        parse_csv("en,chinese\nx,y\n", "g.csv")
    with pytest.raises(InputError, match=r"line 3, field 3: unknown status 'preferred'"):
        parse_csv("en,zh,status\nketamine,氯胺酮,approved\nglutamate,谷氨酸,preferred\n")


def test_unknown_columns_travel_and_comments_are_reported_dropped(tmp_path, capsys):
    from qa.cli import main
    from qa.glossary.csvfile import dropped_comments
    from qa.glossary.tsv import parse_tsv

    g, _ = parse_tsv("# a\nen\tzh\tsource\nketamine\t氯胺酮\tWHO\n# b\n")
    text = export_csv(g)
    assert text.splitlines() == ["en,zh,source", "ketamine,氯胺酮,WHO"]
    assert parse_csv(text).entries[0].extra == (("source", "WHO"),)
    assert dropped_comments(g) == 2
    p = tmp_path / "glossary.tsv"
    p.write_text("# a\nen\tzh\tsource\nketamine\t氯胺酮\tWHO\n# b\n", encoding="utf-8")
    assert main(["glossary", "export", "--glossary", str(p), "--to", "csv"]) == 0
    assert capsys.readouterr().err == (f"bitext: warning: {p}: CSV has no place for comments: "
                                       "dropped 2 comment lines\n")
    assert main(["glossary", "export", "--glossary", str(p), "--to", "tbx"]) == 0
    assert capsys.readouterr().err == ""

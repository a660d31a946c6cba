"""glossary.tsv: parsing, defaults, and load errors that name line and column."""

from pathlib import Path

import pytest

from align.errors import InputError
from qa.glossary import Entry, Glossary, Status, load_glossary, parse_tsv
from qa.glossary.tsv import HEADER, dump_tsv

CORPUS_GLOSSARY = Path(__file__).parents[3] / "corpus" / "glossary.tsv"


def write(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "glossary.tsv"
    p.write_text(body, encoding="utf-8")
    return p


def test_parse_defaults_comments_and_variants(tmp_path):
    p = write(tmp_path, "# terms\n\n" + HEADER + "\n"
              "neuroplasticity\t神经可塑性\n"
              "PTSD\t\tkeep\t\tsensitive\tpost-traumatic\tpsychiatry\n"
              "treatment-resistant depression\t难治性抑郁症\tapproved\t"
              "treatment resistant depression|难治性忧郁症\n")
    g = load_glossary(p)
    assert [e.en for e in g.entries] == ["neuroplasticity", "PTSD",
                                         "treatment-resistant depression"]
    first, keep, trd = g.entries
    assert (first.status, first.case_sensitive, first.line) == (Status.APPROVED, False, 4)
    assert (keep.status, keep.case_sensitive, keep.domain) == (Status.KEEP, True, "psychiatry")
    assert keep.target_forms == ("PTSD",)
    assert trd.en_forms == ("treatment-resistant depression", "treatment resistant depression")
    assert trd.zh_forms == ("难治性抑郁症", "难治性忧郁症")
    assert len(g.checksum) == 64


@pytest.mark.parametrize(("row", "problem"), [
    ("ketamine\t氯胺酮\tapproved\t\t\t\tpharma\textra", "line 2, column 33: 8 columns"),
    ("ketamine", "line 2, column 1: 1 column, expected at least 2"),
    ("ketamine\t氯胺酮\tpreferred", "line 2, column 14: unknown status 'preferred'"),
    ("\t氯胺酮", "line 2, column 1: empty English term"),
    ("ketamine\t", "line 2, column 10: empty Chinese term"),
    ("ketamine\t氯胺酮\tapproved\t\tupper", "line 2, column 24: unknown case 'upper'"),
    ("ketamine\t氯胺酮\tapproved\ta||b", "line 2, column 23: empty variant"),
    (HEADER, "line 2, column 1: duplicate header (first on line 1)"),
    ("氯胺酮\tketamine", "line 2, column 1: English term '氯胺酮' contains Chinese"),
])
def test_load_errors_name_line_and_column(tmp_path, row, problem):
    p = write(tmp_path, f"{HEADER}\n{row}\n")
    with pytest.raises(InputError) as exc:
        load_glossary(p)
    assert str(exc.value).startswith(f"{p}: {problem}")


def test_missing_header_and_bad_utf8(tmp_path):
    with pytest.raises(InputError, match=r"line 1, column 1: expected the header"):
        load_glossary(write(tmp_path, "ketamine\t氯胺酮\n"))
    p = tmp_path / "bad.tsv"
    p.write_bytes(HEADER.encode() + b"\nket\xffamine\tx\n")
    with pytest.raises(InputError, match=r"line 2, column 4: not valid UTF-8"):
        load_glossary(p)


def test_parse_collects_every_problem():
    _, problems = parse_tsv(f"{HEADER}\nok\t好\nbad\nx\t\n{HEADER}\n")
    assert [(p.line, p.column) for p in problems] == [(3, 1), (4, 3), (5, 1)]


def test_dump_round_trip():
    g = Glossary.from_entries([
        Entry("NMDA receptor", "NMDA受体"),
        Entry("PTSD", "", Status.KEEP, case_sensitive=True, note="a note"),
        Entry("depression", "忧郁症", Status.FORBIDDEN, ("忧郁",), domain="psychiatry"),
    ])
    text = dump_tsv(g)
    assert text.splitlines()[2] == "PTSD\t\tkeep\t\tsensitive\ta note"
    again, problems = parse_tsv(text)
    assert problems == [] and again.entries == g.entries


def test_corpus_glossary_loads():
    g = load_glossary(CORPUS_GLOSSARY)
    assert g.approved_forms("neuroplasticity") == ("神经可塑性",)
    assert g.concepts["ptsd"][0].status is Status.KEEP


def test_two_columns_any_order_unknown_columns_kept(tmp_path):
    p = write(tmp_path, "# mine\nzh\tEN\tsource\tstatus\n氯胺酮\tketamine\tWHO\n"
              "忧郁症\tdepression\t\tforbidden\n# end\n")
    g = load_glossary(p)
    assert g.columns == ("zh", "en", "source", "status")
    assert g.entries[0].extra == (("source", "WHO"),) and g.entries[0].comments == ()
    assert g.entries[1].status is Status.FORBIDDEN
    assert (g.preamble, g.trailer) == (("# mine",), ("# end",))
    assert dump_tsv(g) == ("# mine\nzh\ten\tsource\tstatus\n氯胺酮\tketamine\tWHO\tapproved\n"
                           "忧郁症\tdepression\t\tforbidden\n# end\n")
    assert load_glossary(write(tmp_path, "en\tzh\nPCP\t苯环利定\n")).entries == [
        Entry("PCP", "苯环利定")]


@pytest.mark.parametrize(("text", "problem"), [
    ("en\ten\tzh\n", "line 1, column 4: column 'en' twice in the header"),
    ("en\t\tzh\n", "line 1, column 4: empty column name in the header"),
    ("en\tchinese\nx\ty\n", "line 1, column 1: expected the header line (columns en and zh"),
    ("en\tzh\nketamine\t氯胺酮\textra\n", "line 2, column 14: 3 columns, expected at most 2"),
    ("en\tzh\nPTSD\t\n", "line 2, column 6: empty Chinese term"),
])
def test_header_problems_are_one_line(tmp_path, text, problem):
    p = write(tmp_path, text)
    with pytest.raises(InputError) as exc:
        load_glossary(p)
    assert str(exc.value).startswith(f"{p}: {problem}") and "\n" not in str(exc.value)

"""``bitext glossary`` subcommands on the ketamine corpus and small files."""

import os
from pathlib import Path

from qa.cli import main
from qa.glossary.tsv import HEADER


def test_check_runs_only_t_rules(corpus, capsys):
    assert main(["glossary", "check", "corpus"]) == 0  # warnings only: exit as bitext check
    out = capsys.readouterr().out
    codes = {line.split(": ")[1].split()[0] for line in out.splitlines()
             if line.startswith("corpus/")}
    assert codes <= {"T001", "T002", "T003", "T004", "T005"} and "T005" in codes
    assert "corpus/en/ketamine.md:3:213: T005 Chinese text in the English source: " \
           "'神经可塑性'" in out
    assert out.rstrip().splitlines()[-1].startswith("Found ")


def test_check_uses_the_shared_formats_and_exit_codes(corpus, capsys):
    import json

    assert main(["glossary", "check", "corpus", "--format", "json"]) == 0
    findings = json.loads(capsys.readouterr().out)
    assert findings and {f["code"][0] for f in findings} == {"T"}
    with (corpus / "glossary.tsv").open("a", encoding="utf-8") as fh:
        fh.write("system\t系统\tforbidden\n")  # an error: the corpus uses it
    assert main(["glossary", "check", "corpus"]) == 1
    assert main(["glossary", "check", "corpus", "--exit-zero"]) == 0


def test_two_column_glossary_works_everywhere(corpus, capsys):
    g = corpus / "glossary.tsv"
    g.write_text("en\tzh\nketamine\t氯胺酮\nglutamate\t谷氨酸\n", encoding="utf-8")
    assert main(["check", "corpus", "--select", "T"]) == 0
    assert main(["glossary", "check", "corpus"]) == 0
    assert main(["glossary", "lint"]) == 0
    assert main(["glossary", "stats", "corpus", "--format", "csv"]) == 0
    assert main(["glossary", "extract", "corpus", "--limit", "3"]) == 0
    assert main(["glossary", "add", "dopamine", "多巴胺", "--glossary", str(g)]) == 0
    assert main(["glossary", "export", "--to", "csv", "-o", "g.csv"]) == 0
    assert main(["glossary", "export", "--to", "tbx", "-o", "g.tbx"]) == 0
    assert main(["glossary", "import", "g.tbx", "-o", "back.tsv"]) == 0
    assert main(["glossary", "import", "g.csv", "--into", str(g)]) == 0
    assert Path("back.tsv").read_bytes() == g.read_bytes()  # TBX kept the header too
    assert g.read_text(encoding="utf-8").endswith("glutamate\t谷氨酸\ndopamine\t多巴胺\n")
    assert "0 imported entries added, 3 already there" in capsys.readouterr().out


def test_lint_clean_corpus_glossary(corpus, capsys):
    assert main(["glossary", "lint"]) == 0


def test_lint_reports_every_kind(corpus, capsys):
    g = corpus / "glossary.tsv"
    with g.open("a", encoding="utf-8") as fh:
        fh.write("ketamine\t氯胺酮\n"                       # duplicate
                 "glutamate\t麸胺酸\n"                       # second approved rendering
                 "opioid\t阿片\tforbidden\n"                  # approved and forbidden
                 "anxiety\t焦虑症 \n"                         # whitespace
                 "ketamine\t克他命\tforbidden\n"               # fine, unused in the corpus
                 "serotonin\t血清素\tdeprecated\n"
                 "dopamine\t多巴胺\tmaybe\n"                   # format
                 "lithium\t锂\n")                             # never in the corpus
    n = len(g.read_text(encoding="utf-8").splitlines())
    assert main(["glossary", "lint"]) == 1
    out = capsys.readouterr().out
    kinds = {line.split(": ")[1] for line in out.splitlines()}
    assert kinds == {"duplicate", "conflict", "whitespace", "format", "unused",
                     "forbidden-used"}  # 阿片, forbidden above, is in the corpus
    assert f"glossary.tsv:{n - 1}:14: format: unknown status 'maybe'" in out
    assert f"glossary.tsv:{n}:1: unused: 'lithium' never occurs in the English corpus" in out
    # a banned rendering that the corpus uses
    g.write_text(f"{HEADER}\nNMDA receptor\tNMDA受体\nNMDA receptor\tNMDA receptor\tforbidden\n"
                 "glutamate\t谷氨酸\tdeprecated\n", encoding="utf-8")
    assert main(["glossary", "lint", "corpus"]) == 1
    out = capsys.readouterr().out
    assert "4:1: forbidden-used: deprecated rendering '谷氨酸' occurs 2× in the Chinese corpus" \
        in out


def test_stats_formats(corpus, capsys):
    assert main(["glossary", "stats", "corpus", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == ("en,approved,status,source,target,pairs,consistent,"
                                   "consistency,renderings")
    row = next(line for line in out.splitlines() if line.startswith("glutamate,"))
    assert row == "glutamate,谷氨酸,approved,3,2,3,2,0.667,谷氨酸 ×2; glutamate ×1"
    assert main(["glossary", "stats", "corpus", "--format", "markdown", "-o", "s.md"]) == 0
    assert "| glutamate | 谷氨酸 | approved | 3 | 2 | 3 | 2 | 0.667 |" in \
        Path("s.md").read_text(encoding="utf-8")
    assert main(["glossary", "stats", "corpus", "-o", "s.md"]) == 2  # never overwrites


def test_extract_rows_ready_to_paste(corpus, capsys):
    (corpus / "glossary.tsv").write_text(f"{HEADER}\nketamine\t氯胺酮\n", encoding="utf-8")
    assert main(["glossary", "extract", "corpus"]) == 0
    rows = capsys.readouterr().out.splitlines()
    pairs = {tuple(r.split("\t")[:2]) for r in rows}
    assert {("monoamine hypothesis", "单胺假说"), ("neuroplasticity", "神经可塑性"),
            ("treatment-resistant depression", "难治性抑郁症"), ("dopamine", "多巴胺"),
            ("BDNF", "脑源性神经营养因子")} <= pairs
    assert ("ketamine", "氯胺酮") not in pairs
    assert all(r.split("\t")[2] == "proposed" and "extracted:" in r for r in rows)
    assert rows[0].split("\t")[5].startswith("extracted: explicit")  # explicit glosses first


def test_add_appends_atomically_keeping_bytes(tmp_path, capsys):
    g = tmp_path / "glossary.tsv"
    original = ("\ufeff# a comment  with odd  spacing\r\n" + HEADER + "\r\n\r\n"
                "ketamine\t氯胺酮\t\t\t\tnote with trailing tab\t\r\n# end\r\n").encode()
    g.write_bytes(original)
    os.chmod(g, 0o640)
    assert main(["glossary", "add", "NMDA receptor", "NMDA受体", "--glossary", str(g)]) == 0
    data = g.read_bytes()
    assert data[: len(original)] == original
    assert data[len(original):] == "NMDA receptor\tNMDA受体\tapproved\r\n".encode()
    assert oct(g.stat().st_mode & 0o777) == oct(0o640)
    # no temp file left; the lock's sidecar file may stay (an OS lock: never stale)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["glossary.tsv", "glossary.tsv.lock"]
    assert "glossary.tsv:6: added" in capsys.readouterr().out


def test_add_refuses_duplicates_and_bad_entries(tmp_path, capsys):
    g = tmp_path / "glossary.tsv"
    g.write_text(f"{HEADER}\nPTSD\t\tkeep\nketamine\t氯胺酮\n", encoding="utf-8")
    before = g.read_bytes()
    assert main(["glossary", "add", "Ketamine", "氯胺酮", "--glossary", str(g)]) == 2
    assert "line 3: already in the glossary" in capsys.readouterr().err
    assert main(["glossary", "add", "PTSD", "--status", "keep", "--glossary", str(g)]) == 2
    assert main(["glossary", "add", "glutamate", "", "--glossary", str(g)]) == 2
    assert g.read_bytes() == before
    assert main(["glossary", "add", "PTSD", "创伤后应激障碍", "--status", "forbidden",
                 "--glossary", str(g)]) == 0
    assert g.read_text(encoding="utf-8").endswith("PTSD\t创伤后应激障碍\tforbidden\n")


def test_add_creates_a_missing_glossary(tmp_path):
    g = tmp_path / "new.tsv"
    assert main(["glossary", "add", "BDNF", "--status", "keep", "--case", "sensitive",
                 "--glossary", str(g)]) == 0
    assert g.read_text(encoding="utf-8") == f"{HEADER}\nBDNF\t\tkeep\t\tsensitive\n"


def test_export_import_round_trip(corpus, capsys):
    assert main(["glossary", "export", "--to", "tbx", "-o", "g.tbx"]) == 0
    assert main(["glossary", "import", "g.tbx", "-o", "back.tsv"]) == 0
    assert main(["glossary", "export", "--to", "csv", "-o", "g.csv"]) == 0
    assert main(["glossary", "import", "g.csv"]) == 0
    from qa.glossary import load_glossary
    assert load_glossary("back.tsv").entries == load_glossary(corpus / "glossary.tsv").entries
    assert capsys.readouterr().out.startswith(HEADER)


def test_load_error_is_one_line_exit_2(tmp_path, capsys):
    g = tmp_path / "g.tsv"
    g.write_text(f"{HEADER}\nketamine\t氯胺酮\tpreferred\n", encoding="utf-8")
    assert main(["glossary", "export", "--glossary", str(g)]) == 2
    err = capsys.readouterr().err
    assert err == f"bitext: error: {g}: line 2, column 14: unknown status 'preferred' " \
                  "(expected one of approved, forbidden, deprecated, keep, proposed, rejected)\n"

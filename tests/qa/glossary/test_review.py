"""Proposed entries: extract writes them, no rule uses them, review accepts or rejects them."""

import io

from qa.cli import main
from qa.glossary import Entry, Glossary, Status, load_glossary


def _findings(json_text: str) -> list[tuple]:
    import json

    return [(f["code"], f["message"], (f.get("target") or {}).get("line"))
            for f in json.loads(json_text)]


def test_rules_and_matchers_leave_proposed_rows_out():
    g = Glossary.from_entries([Entry("glutamate", "谷氨酸"),
                               Entry("dopamine", "多巴胺", Status.PROPOSED),
                               Entry("receptor", "受体", Status.REJECTED)])
    assert list(g.concepts) == ["glutamate"] and g.approved("dopamine") == []
    assert g.approved_forms("dopamine") == () and g.suggestion("dopamine") is None
    assert [m.key for m in g.source_matcher.find("dopamine and glutamate")] == ["glutamate"]
    assert g.target_matcher.find("多巴胺受体") == []
    assert [e.en for e in g.proposals] == ["dopamine"] and len(g) == 3


def test_extract_write_then_review_by_stdin(corpus, capsys, monkeypatch):
    g = corpus / "glossary.tsv"
    assert main(["glossary", "check", "corpus", "--format", "json"]) == 0
    before = _findings(capsys.readouterr().out)
    assert main(["glossary", "extract", "corpus", "--write", "--limit", "3"]) == 0
    proposals = load_glossary(g).proposals
    assert len(proposals) == 3 and all(e.note.startswith("extracted:") for e in proposals)
    capsys.readouterr()
    assert main(["glossary", "check", "corpus", "--format", "json"]) == 0
    # proposed rows change no finding (the aligner's anchors still see them: confidences
    # may move, see align/scores/anchors.py)
    assert _findings(capsys.readouterr().out) == before
    monkeypatch.setattr("sys.stdin", io.StringIO("a\nwhat\nr\n"))  # then end of input
    assert main(["glossary", "review", "corpus"]) == 0
    out = capsys.readouterr().out
    first = proposals[0]
    assert f"[1/3] {first.en} → {first.zh}" in out and "    en  corpus/en/ketamine.md:" in out
    assert "    zh  corpus/zh/ketamine.md:" in out and "unknown answer 'what'" in out
    after = {e.en: e.status for e in load_glossary(g).entries}
    assert [after[e.en] for e in proposals] == [Status.APPROVED, Status.REJECTED,
                                                Status.PROPOSED]
    # a rejected pair is never proposed again; an approved one is a glossary term
    assert main(["glossary", "extract", "corpus", "--write", "--limit", "3"]) == 0
    texts = g.read_text(encoding="utf-8")
    assert texts.count(f"{proposals[1].en}\t{proposals[1].zh}\t") == 1


def test_review_accept_and_reject_options(tmp_path, capsys):
    g = tmp_path / "glossary.tsv"
    text = ("# terms\nen\tzh\tstatus\nketamine\t氯胺酮\n"
            "dopamine\t多巴胺\tproposed\nside effect\t副作用\tproposed\n"
            "side effect\t不良反应\tproposed\n")
    g.write_text(text, encoding="utf-8")
    args = ["glossary", "review", "--glossary", str(g)]
    assert main([*args, "--accept", "side effect"]) == 2  # two proposals: name one
    assert "name one as EN=ZH" in capsys.readouterr().err
    assert main([*args, "--accept", "nothing"]) == 2
    assert main([*args, "--accept", "dopamine", "--reject", "dopamine"]) == 2
    assert g.read_text(encoding="utf-8") == text
    assert main([*args, "--accept", "Dopamine", "--reject", "side effect=副作用",
                 "--reject", "不良反应"]) == 0
    assert g.read_text(encoding="utf-8") == text.replace("proposed", "approved", 1) \
        .replace("proposed", "rejected")
    assert "3 decided, 0 still proposed" in capsys.readouterr().err
    assert main(args) == 0  # nothing left to review

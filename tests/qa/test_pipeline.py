from collections.abc import Iterable

import pytest

from align.alignment import Alignment, Bead
from align.errors import InputError
from align.reader import parse_document
from qa import pipeline
from qa.checks.base import REGISTRY, AlignedDocument, Check, CheckContext
from qa.config import parse_config
from qa.finding import Finding, Severity


class EveryPair(Check):
    code = "Z901"
    name = "every-pair"
    severity = Severity.WARNING
    description = "Reports every pair (test only)."

    def check_pair(self, pair, doc, ctx) -> Iterable[Finding]:
        yield self.finding(doc, "pair", source=pair.source, target=pair.target,
                           confidence=pair.confidence)


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(pipeline, "load_checks", lambda: {"Z901": EveryPair})
    return {"Z901": EveryPair}


def aligned(src_text: str, tgt_text: str) -> AlignedDocument:
    src = parse_document(src_text, "en/a.md", "en")
    tgt = parse_document(tgt_text, "zh/a.md", "zh")
    beads = [Bead((i,), (i,), 0.9) for i in range(len(src.sentences))]
    return AlignedDocument("a.md", Alignment(src, tgt, beads))


def test_rule_matches_prefix_name_and_all():
    assert pipeline.rule_matches(EveryPair, ["Z"])
    assert pipeline.rule_matches(EveryPair, ["every-pair"])
    assert pipeline.rule_matches(EveryPair, ["ALL"])
    assert not pipeline.rule_matches(EveryPair, ["Z902", "N"])


def test_select_and_ignore(registry):
    cfg = parse_config({})
    assert [c.code for c in pipeline.select_checks(cfg)] == ["Z901"]
    assert pipeline.select_checks(cfg, ignore=["Z9"]) == []
    with pytest.raises(InputError, match="unknown rule 'Q123'"):
        pipeline.select_checks(cfg, select=["Q123"])


def test_suppression_comment_hides_the_next_block_only(registry):
    doc = aligned("<!-- bitext: ignore Z901 -->\nFirst.\n\nSecond.\n", "第一。\n\n第二。\n\n")
    findings = list(EveryPair().check_corpus([doc], CheckContext()))
    assert len(findings) == 2
    kept = pipeline.postprocess(findings, [doc], parse_config({}))
    assert [f.source.text for f in kept] == ["Second."]


def test_severity_override_and_per_file_ignore(registry):
    doc = aligned("First.\n", "第一。\n")
    findings = list(EveryPair().check_corpus([doc], CheckContext()))
    cfg = parse_config({"severity": {"Z901": "error"}})
    assert pipeline.postprocess(findings, [doc], cfg)[0].severity is Severity.ERROR
    cfg = parse_config({"per-file-ignores": {"zh/*": ["Z9"]}})
    assert pipeline.postprocess(findings, [doc], cfg) == []


def test_registry_has_no_test_pollution():
    assert "Z901" not in REGISTRY


def test_finding_primary_follows_side_and_json_keys_stay_fixed():
    doc = aligned("First.\n", "第一。\n")
    pair = doc.pairs[0]
    f = EveryPair().finding(doc, "m", source=pair.source, target=pair.target, side="source")
    assert f.primary.path == "en/a.md"
    assert list(f.to_dict()) == ["code", "name", "severity", "message", "document", "source",
                                 "target", "confidence", "suggestion"]
    assert EveryPair().finding(doc, "m", source=pair.source, target=pair.target).primary.path \
        == "zh/a.md"


def test_signature_records_the_loaded_glossary_checksum():
    import hashlib
    from pathlib import Path

    from qa.glossary.tsv import load_glossary

    path = Path(__file__).resolve().parents[2] / "corpus" / "glossary.tsv"
    sig = pipeline.signature(parse_config({}), [EveryPair()], [], load_glossary(path))
    assert sig["glossary"] == "sha256=" + hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    assert pipeline.signature(parse_config({}), [], [], None)["glossary"] == "none"

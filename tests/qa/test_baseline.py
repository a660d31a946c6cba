import json
from collections import Counter

import pytest

from align.errors import InputError
from qa.core.finding import Finding, Severity
from qa.formats.baseline import Baseline, fingerprint, load_baseline, normalise, write_baseline
from tests.qa.runs import NumberMismatch, aligned

EN = "# Dose\n\nThe dose is 0.5 mg/kg.\nEffects last 3 days.\n"
ZH = "# 剂量\n\n剂量为0.5毫克/千克。\n效果持续3天。\n"


def findings_of(doc):
    """A finding on the 0.5 pair and one on the 3-days pair, wherever they are now."""
    out = []
    for needle in ("0.5", "3 days"):
        pair = next(p for p in doc.pairs if needle in p.source_text)
        out.append(NumberMismatch().finding(doc, f"{needle} differs", source=pair.source,
                                            target=pair.target))
    return out


def test_fingerprints_survive_line_shifts_but_not_text_changes():
    before = findings_of(aligned(en=EN, zh=ZH))
    shifted = findings_of(aligned(en=EN.replace("# Dose\n", "# Dose\n\nNew intro.\n\n"),
                                  zh=ZH.replace("# 剂量\n", "# 剂量\n\n新的引言。\n\n")))
    assert before[0].source.line != shifted[0].source.line
    assert [fingerprint(f) for f in before] == [fingerprint(f) for f in shifted]
    edited = findings_of(aligned(en=EN, zh=ZH.replace("3天", "三天")))
    assert fingerprint(edited[0]) == fingerprint(before[0])
    assert fingerprint(edited[1]) != fingerprint(before[1])
    other_doc = findings_of(aligned(name="other.md", en=EN, zh=ZH))
    assert fingerprint(other_doc[0]) != fingerprint(before[0])


def test_write_then_filter_reports_only_new_findings(tmp_path):
    path = tmp_path / "bitext-baseline.json"
    old = findings_of(aligned(en=EN, zh=ZH))
    assert write_baseline(path, old) == 2
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["tool"] == "bitext"
    assert [e["fingerprint"] for e in data["findings"]] == sorted(fingerprint(f) for f in old)
    assert {e["target"] for e in data["findings"]} == {normalise(f.target.text) for f in old}
    assert {e["code"] for e in data["findings"]} == {"N001"}
    assert "剂量为0.5毫克/千克。" in path.read_text(encoding="utf-8")  # readable in a diff

    now = findings_of(aligned(en=EN.replace("# Dose\n", "# Dose\n\nIntro.\n"),
                              zh=ZH.replace("# 剂量\n", "# 剂量\n\n引言。\n")
                              .replace("3天", "三天")))
    new, matched = load_baseline(path).filter(now)
    assert matched == 1
    assert [f.target.text for f in new] == ["效果持续三天。"]


def test_duplicates_are_counted():
    doc = aligned(en=EN, zh=ZH)
    f = findings_of(doc)[0]
    new, matched = Baseline(Counter({fingerprint(f): 1})).filter([f, f])
    assert (len(new), matched) == (1, 1)


def test_document_level_findings_use_the_message():
    a = Finding("A003", "truncated", Severity.WARNING, "ends early", "a.md")
    b = Finding("A003", "truncated", Severity.WARNING, "ends  early ", "a.md")
    c = Finding("A003", "truncated", Severity.WARNING, "ends late", "a.md")
    assert fingerprint(a) == fingerprint(b) != fingerprint(c)


def test_bad_baseline_files_are_one_line_errors(tmp_path):
    with pytest.raises(InputError, match="no such baseline file"):
        load_baseline(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not a bitext baseline"):
        load_baseline(bad)
    bad.write_text('{"tool": "bitext", "version": 99, "findings": []}', encoding="utf-8")
    with pytest.raises(InputError, match="baseline version 99 is not supported"):
        load_baseline(bad)
    bad.write_text('{"tool": "bitext", "version": 1, "findings": [{"x": 1}]}', encoding="utf-8")
    with pytest.raises(InputError, match="malformed baseline entry"):
        load_baseline(bad)

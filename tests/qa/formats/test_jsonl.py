import io
import json

from qa.formats import jsonl
from tests.qa.runs import sample_run

KEYS = ["code", "name", "severity", "message", "document", "source", "target", "confidence",
        "suggestion"]


def test_one_json_object_per_line_with_the_json_keys():
    out = io.StringIO()
    jsonl.write(sample_run(), out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    records = [json.loads(line) for line in lines]
    assert [list(r) for r in records] == [KEYS] * 3
    assert [r["code"] for r in records] == ["N001", "A001", "P004"]
    assert records[0]["target"]["text"] == "10–15"  # UTF-8 kept, not \u escapes
    assert "10–15" in lines[0]
    assert records[2]["source"] is None


def test_clean_run_writes_nothing():
    out = io.StringIO()
    jsonl.write(sample_run(findings=[]), out)
    assert out.getvalue() == ""

import io
import json

from qa.formats import json as json_format
from tests.qa.runs import sample_run


class CountingWrites(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        return super().write(text)


def test_one_indented_array_in_one_write_with_utf8_kept():
    run = sample_run()
    out = CountingWrites()
    json_format.write(run, out)
    text = out.getvalue()
    assert out.writes == 2  # the array, then its newline
    assert text == json.dumps([f.to_dict() for f in run.findings], ensure_ascii=False,
                              indent=2) + "\n"
    assert text.startswith('[\n  {\n    "code": "N001",\n')
    assert '"text": "10–15"' in text  # UTF-8 kept, not \u escapes
    assert [r["code"] for r in json.loads(text)] == ["N001", "A001", "P004"]


def test_clean_run_is_an_empty_array():
    out = io.StringIO()
    json_format.write(sample_run(findings=[]), out)
    assert out.getvalue() == "[]\n"

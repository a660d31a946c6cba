from pathlib import Path

from qa.report.spill import DocumentSpill, SpilledDocument, loaded
from tests.qa.runs import aligned


def test_documents_are_kept_on_disk_and_read_back_whole():
    doc = aligned("a.md", "# Title\n\nOne. Two.\n", "# 标题\n\n一。二。\n")
    with DocumentSpill() as spill:
        kept = spill.keep(doc)
        assert kept == SpilledDocument("a.md", kept.path) and kept.path.stat().st_size > 0
        back = kept.load()
        assert back is not doc and back.name == "a.md"
        assert [([s.text for s in p.source], [s.text for s in p.target])
                for p in back.pairs] == [(["Title"], ["标题"]), (["One."], ["一。"]),
                                         (["Two."], ["二。"])]
        assert back.alignment.source.text == doc.alignment.source.text
        assert [d.name for d in loaded([kept, doc])] == ["a.md", "a.md"]
        folder = Path(kept.path).parent
    assert not folder.exists()  # removed with the spill

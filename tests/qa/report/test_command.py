import pytest

import qa.pipeline
from align.alignment import Alignment, Bead
from qa.cli import main


def one_to_one(source, target, glossary=None):
    """Stand-in aligner: sentence i ↔ sentence i, the rest alone."""
    n, m = len(source.sentences), len(target.sentences)
    beads = [Bead((i,), (i,), 0.9) for i in range(min(n, m))]
    beads += [Bead((i,), ()) for i in range(m, n)] + [Bead((), (j,)) for j in range(n, m)]
    return Alignment(source, target, beads, signature="aligner:one-to-one")


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.setattr(qa.pipeline, "align_pair", one_to_one)
    monkeypatch.chdir(tmp_path)
    for lang, text in (("en", "# Title\n\nOne <b>. Two.\n"), ("zh", "# 标题\n\n一<b>。\n")):
        (tmp_path / "corpus" / lang).mkdir(parents=True)
        (tmp_path / "corpus" / lang / "a.md").write_text(text, encoding="utf-8")
    return tmp_path


def test_report_writes_a_new_file_and_prints_its_path(corpus, capsys):
    assert main(["report"]) == 0
    out, err = capsys.readouterr()
    path = corpus / out.strip()
    assert path.parent == corpus / "reports" and path.name.startswith("bitext-report-")
    html = path.read_text(encoding="utf-8")
    assert "一&lt;b&gt;。" in html and "aligner:one-to-one" in html
    assert "in 1 document" in err
    assert "\r" not in err  # no progress bar when stderr is not a terminal
    assert main(["report", "corpus", "--out", "elsewhere"]) == 0
    assert (corpus / capsys.readouterr().out.strip()).parent == corpus / "elsewhere"


def test_report_input_errors_are_one_line(corpus, capsys):
    assert main(["report", "nowhere"]) == 2
    assert capsys.readouterr().err == "bitext: error: nowhere: no such file or directory\n"

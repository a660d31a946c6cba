import io

from qa.commands.progress import Progress


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_nothing_when_not_a_terminal():
    out = io.StringIO()
    with Progress(5, stream=out) as step:
        for name in "abcde":
            step(name)
    assert out.getvalue() == ""


def test_bar_on_a_terminal_is_erased_at_the_end(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    out = FakeTTY()
    with Progress(2, stream=out, label="aligning") as step:
        step("a.md")
        step("b.md")
    text = out.getvalue()
    assert text.startswith("\raligning [------------------------] 1/2 a.md")
    assert "2/2 b.md" in text
    assert text.endswith("\r") and "\n" not in text


def test_ci_and_single_documents_get_no_bar(monkeypatch):
    monkeypatch.setenv("CI", "true")
    out = FakeTTY()
    with Progress(10, stream=out) as step:
        step("a.md")
    monkeypatch.delenv("CI")
    with Progress(1, stream=out) as step:
        step("a.md")
    assert out.getvalue() == ""

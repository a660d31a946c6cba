"""The shipped CI files call bitext with options that exist (no drift from the CLI)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from qa.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]


def commands(text: str) -> list[list[str]]:
    """Every ``bitext …`` command line, without shell redirections."""
    out = []
    for line in text.splitlines():
        m = re.search(r"(?:run|entry):\s*(bitext .*)$", line)
        if m:
            words = shlex.split(m.group(1), comments=True)
            cut = next((i for i, w in enumerate(words) if w in (">", ">>", "|")), len(words))
            out.append(words[1:cut])
    return out


def test_workflow_commands_parse():
    text = (ROOT / "examples" / "github-actions.yml").read_text(encoding="utf-8")
    found = commands(text)
    assert [args[0] for args in found] == ["check", "report"]  # one check run feeds all
    parser = build_parser()
    check = parser.parse_args(found[0])
    assert check.format == "github"
    assert check.output == [("sarif", "bitext.sarif"), ("markdown", "bitext-summary.md")]
    assert parser.parse_args(found[1]).command == "report"
    assert "fetch-depth: 0" in text and "upload-sarif" in text and "upload-artifact" in text
    assert "bitext.sarif" in text.split("upload-sarif", 1)[1]
    # The caches (sentence vectors, alignments) are kept between runs, before the check.
    assert text.index("path: .bitext-cache") < text.index("bitext check")


def test_pre_commit_hook_parses_and_matches_corpus_documents():
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    (args,) = commands(text)
    assert build_parser().parse_args([*args, "corpus/zh/a.md"]).command == "check"
    files = re.compile(re.search(r"^\s*files:\s*(\S+)\s*$", text, re.M).group(1))
    assert files.search("corpus/zh/ketamine.md") and files.search("docs/en/guide/intro.md")
    assert not files.search("README.md") and not files.search("corpus/zh/notes.py")

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
    assert len(found) == 4
    parser = build_parser()
    for args in found:
        ns = parser.parse_args(args)
        assert ns.command in ("check", "report")
    assert "fetch-depth: 0" in text and "upload-sarif" in text and "upload-artifact" in text
    assert {a[a.index("--format") + 1] for a in found if "--format" in a} == {
        "sarif", "markdown", "github"}


def test_pre_commit_hook_parses_and_matches_corpus_documents():
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    (args,) = commands(text)
    assert build_parser().parse_args([*args, "corpus/zh/a.md"]).command == "check"
    files = re.compile(re.search(r"^\s*files:\s*(\S+)\s*$", text, re.M).group(1))
    assert files.search("corpus/zh/ketamine.md") and files.search("docs/en/guide/intro.md")
    assert not files.search("README.md") and not files.search("corpus/zh/notes.py")

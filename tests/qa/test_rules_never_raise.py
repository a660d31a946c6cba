"""No rule may raise, whatever Markdown it meets: every rule runs on random documents built
from fragments of real documentation pages (../shared/data/docs) and the corpus, in both
directions, and the run must record no problem."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from align.reader import parse_document
from qa.core.run import AlignedDocument, CheckContext, RunProblem
from qa.core.settings import Settings
from qa.pipeline import run_rule, select_checks
from tests.qa.helpers import block_alignment

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT.parent / "shared" / "data" / "docs"


def _fragments(lang: str) -> list[str]:
    """Runs of 1–6 lines from real pages of one language, and from the corpus."""
    files = sorted((ROOT / "corpus" / lang).glob("*.md"))
    if DOCS.is_dir():
        pages = sorted(DOCS.rglob("*.md"))
        zh_site = [p for p in pages if "/zh/" in p.as_posix() or "versioned_docs" in p.parts]
        files += zh_site if lang == "zh" else [p for p in pages if p not in zh_site]
    rng = random.Random(7)
    out = []
    for f in rng.sample(files, min(len(files), 40)):
        lines = f.read_text(encoding="utf-8").splitlines(keepends=True)
        for _ in range(12):
            if lines:
                a = rng.randrange(len(lines))
                out.append("".join(lines[a:a + rng.randint(1, 6)]))
    return out


ZH, EN = _fragments("zh"), _fragments("en")
CHECKS = select_checks(Settings())


def _text(fragments: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(fragments), min_size=1, max_size=8).map("\n".join)


@pytest.mark.parametrize("direction", [("en", "zh"), ("zh", "en")])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_no_rule_raises_on_docs_markdown(direction, data):
    source_lang, target_lang = direction
    pool = {"en": EN, "zh": ZH}
    source_text = data.draw(_text(pool[source_lang]))
    target_text = data.draw(_text(pool[target_lang]))
    source = parse_document(source_text, f"{source_lang}/a.md", source_lang)
    target = parse_document(target_text, f"{target_lang}/a.md", target_lang)
    doc = AlignedDocument("a.md", block_alignment(source, target))
    ctx = CheckContext(settings=Settings(source_lang=source_lang, target_lang=target_lang),
                       corpus=[doc])
    problems: list[RunProblem] = []
    for check in CHECKS:
        run_rule(check, [doc], ctx, problems)
    assert problems == []

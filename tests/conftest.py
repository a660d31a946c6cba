from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_21b134badab9422e.txt"


@pytest.fixture
def corpus_dir() -> Path:
    return ROOT / "corpus"


@pytest.fixture
def seed_text() -> str:
    """The seed document as committed in the corpus: zh part, divider line, en part."""
    zh = (ROOT / "corpus" / "zh" / "ketamine.md").read_text(encoding="utf-8")
    en = (ROOT / "corpus" / "en" / "ketamine.md").read_text(encoding="utf-8")
    return zh + "English Original 英文原文\n" + en

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[3]


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """A copy of the corpus in a temporary working directory (aligned by the real aligner)."""
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "corpus"

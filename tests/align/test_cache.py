import numpy as np
import pytest

from align import embedding as embedding_module
from align.cache import embed_texts
from align.embedding import register_model


class _Unit:
    name = "unit-1"

    def encode(self, texts):
        return np.ones((len(texts), 3), dtype=np.float32)


class _Broken:
    name = "broken-1"

    def encode(self, texts):
        raise OSError("weights.npz is truncated")


@pytest.fixture(autouse=True)
def fresh_warnings(monkeypatch):
    monkeypatch.setattr(embedding_module, "_warned", set())


def test_embed_texts_reads_and_writes_the_cache(tmp_path):
    register_model("unit", _Unit)
    first = embed_texts(["a", "b", "a"], model="unit", cache_dir=tmp_path, fallback="x")
    assert first.model == "unit-1" and first.vectors.shape == (3, 3) and first.embedded == 2
    again = embed_texts(["b", "a"], model="unit", cache_dir=tmp_path, fallback="x")
    assert again.embedded == 0 and again.vectors.shape == (2, 3)


def test_embed_texts_without_a_cache_embeds_everything():
    register_model("unit", _Unit)
    assert embed_texts(["a", "b"], model="unit", cache_dir=None, fallback="x").embedded == 2


@pytest.mark.parametrize("model,problem", [
    ("no-such-model", "unknown embedding model 'no-such-model'"),
    ("broken", "embedding model 'broken' failed (OSError: weights.npz is truncated)"),
])
def test_unavailable_or_failing_model_gives_none_and_warns_once(model, problem, capsys):
    register_model("broken", _Broken)
    for _ in range(3):
        assert embed_texts(["a"], model=model, cache_dir=None, fallback="doing without") is None
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"bitext: warning: {problem}")
    assert err[0].endswith("; doing without")

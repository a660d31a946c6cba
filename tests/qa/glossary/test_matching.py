"""Term matching: English word boundaries and inflections, Chinese jieba-checked edges."""

import pytest

from qa.glossary import Entry, Glossary, Status
from qa.glossary.matching import ChineseMatcher, EnglishMatcher, fold_english


@pytest.fixture(scope="module")
def glossary():
    return Glossary.from_entries([
        Entry("neuroplasticity", "神经可塑性"),
        Entry("receptor", "受体"),
        Entry("NMDA receptor", "NMDA受体"),
        Entry("ketamine", "氯胺酮"),
        Entry("treatment-resistant depression", "难治性抑郁症"),
        Entry("therapy", "疗法"),
        Entry("data", "数据"),
        Entry("NMDA", "", Status.KEEP, case_sensitive=True),
        Entry("AMPA", "", Status.KEEP, case_sensitive=True),
    ])


def english(glossary, text):
    return [(m.text, m.key) for m in glossary.source_matcher.find(text)]


def test_fold_keeps_length():
    text = "Treatment‑Resistant ketamine’s İx"
    assert len(fold_english(text)) == len(text)


def test_english_case_and_word_boundaries(glossary):
    assert english(glossary, "Neuroplasticity and neuroplasticity.") == [
        ("Neuroplasticity", "neuroplasticity"), ("neuroplasticity", "neuroplasticity")]
    assert english(glossary, "neuroplasticityx, ketaminex, deceptor") == []
    assert english(glossary, "AMPA ampa Ampa") == [("AMPA", "ampa")]


def test_english_plurals_possessives_hyphens(glossary):
    assert english(glossary, "receptors, ketamine’s, ketamine's, therapies") == [
        ("receptors", "receptor"), ("ketamine", "ketamine"), ("ketamine", "ketamine"),
        ("therapies", "therapy")]
    assert english(glossary, "treatment resistant depression; Treatment-Resistant "
                             "Depression") == [
        ("treatment resistant depression", "treatment-resistant depression"),
        ("Treatment-Resistant Depression", "treatment-resistant depression")]


def test_longest_match_wins(glossary):
    assert english(glossary, "blocks NMDA receptors on neurons") == [
        ("NMDA receptors", "nmda receptor")]
    assert english(glossary, "NMDA blockade") == [("NMDA", "nmda")]


def test_keep_terms_found_inside_chinese(glossary):
    assert [m.text for m in glossary.keep_matcher.find("NMDA受体与NMDA阻断")] == ["NMDA", "NMDA"]


def test_chinese_term_found_where_jieba_splits_it():
    # Without the user dictionary jieba cuts 神经/可塑性; the term must still be found.
    m = ChineseMatcher([("神经可塑性", "e")])
    assert [x.text for x in m.find("氯胺酮阻断了神经可塑性关键受体")] == ["神经可塑性"]
    assert "神经可塑性" in m.tokenize("诱导了神经可塑性")


def test_chinese_not_inside_a_longer_dictionary_word(glossary):
    found = [(m.text, m.start) for m in glossary.target_matcher.find("数据库中的数据")]
    assert found == [("数据", 5)]


def test_chinese_longest_first(glossary):
    assert [m.text for m in glossary.target_matcher.find("NMDA受体与受体")] == ["NMDA受体", "受体"]


def test_empty_matchers():
    assert EnglishMatcher([]).find("anything") == []
    assert ChineseMatcher([]).find("任何") == []

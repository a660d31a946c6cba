from qa.checks.punctuation import (
    CjkLatinSpacing,
    EndPunctuation,
    FullwidthInEnglish,
    HalfwidthInChinese,
    UnpairedPunctuation,
)
from tests.qa.helpers import aligned, run_check, where

EN = """- The dissociative “experience” is not what helps.
- Ketamine (a dissociative anesthetic) acts fast, unlike SSRIs.
- Does the effect last?
"""
ZH = """- 解离“体验”并不是起效的原因。
- 氯胺酮（一种解离性麻醉剂）起效快，这与SSRIs不同。
- 效果会持续吗？
"""


def test_clean_pair_gives_no_punctuation_findings():
    doc = aligned(EN, ZH)
    for check in (UnpairedPunctuation, HalfwidthInChinese, FullwidthInEnglish, CjkLatinSpacing,
                  EndPunctuation):
        assert run_check(check, doc) == [], check.code


def test_flipped_quote_is_reported_at_its_column():
    found = run_check(UnpairedPunctuation, aligned(EN, ZH.replace("解离“体验”", "解离”体验”")))
    assert where(found) == [("P001", 1, 5)]
    assert found[0].message == "closing ” without an opening “ (2 marks)"
    assert found[0].suggestion == "open the quotation with “"
    assert found[0].source.line == 1


def test_unclosed_bracket_in_the_source():
    found = run_check(UnpairedPunctuation, aligned(EN.replace("anesthetic)", "anesthetic"), ZH))
    assert where(found) == [("P001", 2, 12)]
    assert found[0].target is None and found[0].source.path == "en/doc.md"


def test_apostrophes_and_enumerations_are_not_quotes():
    en = "- Ketamine’s effect: a) fast b) lasting, as patients’ reports show.\n"
    assert run_check(UnpairedPunctuation, aligned(en, "- 氯胺酮的效果：a）快 b）持久。\n")) == []


def test_halfwidth_marks_in_chinese_grouped_per_sentence():
    zh = ZH.replace("氯胺酮（一种解离性麻醉剂）起效快，", "氯胺酮(一种解离性麻醉剂)起效快,")
    found = run_check(HalfwidthInChinese, aligned(EN, zh))
    assert where(found) == [("P002", 2, 6)]
    assert found[0].message == "half-width punctuation in Chinese text: ( ) ,"
    assert found[0].suggestion == "use full-width （ ） ，"
    # Latin context stays half-width: 0.5 mg/kg; IV, IM
    assert run_check(HalfwidthInChinese, aligned("IV, IM\n", "静脉注射(IV, IM)\n")) == []


def test_fullwidth_marks_in_english():
    found = run_check(FullwidthInEnglish, aligned(EN.replace("fast, unlike", "fast，unlike"), ZH))
    assert where(found) == [("P003", 2, 49)]
    assert found[0].suggestion == "use half-width ,"
    # Chinese quoted in English text keeps its own punctuation.
    assert run_check(FullwidthInEnglish, aligned("He said 好，走吧.\n", "他说好，走吧。\n")) == []


def test_spacing_against_configured_style_and_document_majority():
    zh = "- 使用 BDNF 受体。\n- 结合TrkB受体。\n- 通过NMDA受体。\n- 影响AMPA受体。\n"
    en = "- Uses BDNF.\n- Binds TrkB.\n- Via NMDA.\n- Affects AMPA.\n"
    doc = aligned(en, zh)
    assert where(run_check(CjkLatinSpacing, doc)) == [("P004", 1, 5)]  # as-is: majority none
    assert where(run_check(CjkLatinSpacing, doc, cjk_latin_spacing="none")) == [
        ("P004", 1, 5)]
    assert where(run_check(CjkLatinSpacing, doc, cjk_latin_spacing="add")) == [
        ("P004", 2, 5), ("P004", 3, 5), ("P004", 4, 5)]


def test_question_rendered_as_statement():
    found = run_check(EndPunctuation, aligned(EN, ZH.replace("效果会持续吗？", "效果会持续。")))
    assert where(found) == [("P005", 3, 8)]
    assert found[0].message == ("the source ends with a question mark, the translation with "
                                "a full stop")
    # CJK and ASCII forms are equal; exclamation vs full stop is style.
    assert run_check(EndPunctuation, aligned("Go now!\n", "现在就走。\n")) == []
    assert run_check(EndPunctuation, aligned("Really?\n", "真的?\n")) == []


def test_quotation_running_over_paragraphs_is_balanced():
    from qa.checks.punctuation import UnpairedPunctuation

    zh = "他说：“我明天去北京，\n\n然后再回上海。”\n\n她答：“好。\n\n“路上小心。”\n"
    en = "He said, \"I'll go to Beijing tomorrow,\n\nthen back to Shanghai.\"\n\nShe said: \"Fine.\n\n\"Take care.\"\n"
    assert run_check(UnpairedPunctuation, aligned(en, zh)) == []


def test_two_closing_quotes_after_an_open_paragraph_still_reported():
    from qa.checks.punctuation import UnpairedPunctuation

    zh = "他说：“我明天去，\n\n解离”体验”不一定。\n"
    en = "He said, I will go tomorrow,\n\nthe dissociative experience is not necessarily.\n"
    found = run_check(UnpairedPunctuation, aligned(en, zh))
    assert where(found) == [("P001", 3, 6)]


def test_rhetorical_question_in_the_translation_is_not_reported():
    from qa.checks.punctuation import EndPunctuation

    doc = aligned("Could this be the Palace itself!\n\nWho would dare to stop him?\n",
                  "难道这就是皇宫？\n\n谁敢拦他！\n")
    assert run_check(EndPunctuation, doc) == []
    doc = aligned("Who would dare to stop him?\n", "谁敢拦他。\n")
    assert [f.code for f in run_check(EndPunctuation, doc)] == ["P005"]


def test_enumeration_comma_in_english_is_reported_not_a_crash():
    # 、 is no full-width form (U+FF01–U+FF5E): its ASCII form comes from the table only.
    found = run_check(FullwidthInEnglish, aligned("API、Master and Worker all scale.\n",
                                                  "API、Master 和 Worker 都可以扩展。\n"))
    assert where(found) == [("P003", 1, 4)]
    assert found[0].message == "full-width punctuation in English text: 、"
    assert found[0].suggestion == "use half-width ,"


def test_halfwidth_form():
    from qa.checks.punctuation import halfwidth_form

    assert [halfwidth_form(c) for c in "、。，（＃Ａ"] == [",", ".", ",", "(", "#", "A"]


def test_pairing_problems_are_data_and_their_messages_derive_from_it():
    from qa.checks.punctuation import Pairing, PairingProblem, sentence_message, unpaired

    problems = unpaired("「他说（好」，“走 \"x")
    assert problems == [
        PairingProblem(3, Pairing.CUT_OFF, "（", "」"),
        PairingProblem(7, Pairing.NEVER_CLOSED, "“", "”"),
        PairingProblem(10, Pairing.ODD_QUOTES, '"'),
    ]
    assert [p.message for p in problems] == [
        "（ is not closed before 」", "“ is never closed (expected ”)",
        'unpaired " (an odd number of quotation marks)']
    assert [p.suggestion for p in problems] == [None, "close it with ”", None]
    stray = unpaired("a 】 b")[0]
    assert (stray.kind, stray.message, stray.suggestion) == (
        Pairing.STRAY_CLOSE, "closing 】 without an opening 【", "add the opening 【, or remove the 】")
    assert sentence_message(problems) == ("（ is not closed before 」; “ is never closed (expected ”); "
                                          'unpaired " (an odd number of quotation marks) (3 marks)')


def test_every_closing_mark_of_a_pair_is_a_closing_mark_for_the_segmenter():
    from align.script import CLOSING_MARKS
    from qa.checks.punctuation import _OPEN_TO_CLOSE

    assert set(_OPEN_TO_CLOSE.values()) <= set(CLOSING_MARKS)


def test_end_punctuation_looks_past_a_tortoise_shell_bracket():
    # 〕 was missing from P005's closing marks: the question mark before it went unseen.
    from qa.checks.punctuation import end_kind

    assert end_kind("〔效果会持续吗？〕") == ("question", 7)

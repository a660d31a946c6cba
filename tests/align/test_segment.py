import pytest

from align.segment import split_sentences


def sents(text, lang):
    return [text[a:b] for a, b in split_sentences(text, lang)]


def test_seed_summary_paragraph_has_three_sentences_each(corpus_dir):
    from align.reader import load_document

    for lang in ("zh", "en"):
        doc = load_document(corpus_dir / lang / "ketamine.md", lang)
        summary = next(b for b in doc.blocks if b.kind == "paragraph")
        assert len(summary.sentences) == 3, lang
        assert summary.sentences[-1].text.endswith(("权衡。", "clinical benefits."))


@pytest.mark.parametrize("text,expected", [
    ("氯胺酮有效。它起效快！真的吗？", ["氯胺酮有效。", "它起效快！", "真的吗？"]),
    ("他说：“走吧。”然后离开了。", ["他说：“走吧。”", "然后离开了。"]),
    ("结果如下（见表1。）其余略。", ["结果如下（见表1。）", "其余略。"]),
    ("剂量为0.5 mg/kg体重;麻醉剂量更高", ["剂量为0.5 mg/kg体重;", "麻醉剂量更高"]),
    ("效果很好!但是有风险?是的", ["效果很好!", "但是有风险?", "是的"]),
    ("等等……然后呢", ["等等……", "然后呢"]),
    ("访问example.com获取更多。版本为v1.2", ["访问example.com获取更多。", "版本为v1.2"]),
    ("第一句。\n第二句。", ["第一句。", "第二句。"]),
])
def test_zh(text, expected):
    assert sents(text, "zh") == expected


@pytest.mark.parametrize("text,expected", [
    ("It works. Dr. Smith agreed.", ["It works.", "Dr. Smith agreed."]),
    ("Use e.g. ketamine, i.e. the drug. It lasts ~2 hours. Done.",
     ["Use e.g. ketamine, i.e. the drug.", "It lasts ~2 hours.", "Done."]),
    ('He said "Stop." Then he left.', ['He said "Stop."', "Then he left."]),
    ("The dose was 0.5 mg/kg. Effects peaked.", ["The dose was 0.5 mg/kg.", "Effects peaked."]),
    ("Williams et al. found it. The U.S. Army agreed.", ["Williams et al. found it.",
                                                        "The U.S. Army agreed."]),
    ("See Fig. 2 vs. Fig. 3. Next.", ["See Fig. 2 vs. Fig. 3.", "Next."]),
    ("Wait... What? Yes! (It works.) Next.", ["Wait...", "What?", "Yes!", "(It works.)",
                                              "Next."]),
    ("J. Smith came. Visit example.com. Now.", ["J. Smith came.", "Visit example.com.", "Now."]),
    ("it ends here. and continues", ["it ends here. and continues"]),
    ("It rose (see above). Then fell.", ["It rose (see above).", "Then fell."]),
])
def test_en(text, expected):
    assert sents(text, "en") == expected


def test_protected_code_span_never_splits():
    text = "Run `a. B` now. Then stop."
    a = text.index("`")
    b = text.index("`", a + 1) + 1
    spans = split_sentences(text, "en", protected=[(a, b)])
    assert [text[x:y] for x, y in spans] == ["Run `a. B` now.", "Then stop."]


def test_offsets_are_relative_to_whole_text():
    text = "# T\nOne. Two."
    assert split_sentences(text, "en", 4, len(text)) == [(4, 8), (9, 13)]


def test_every_closing_mark_stays_with_its_sentence():
    # 〔…〕 brackets were missing from the segmenter's closing marks: 〕 began the next sentence.
    from align.script import CLOSING_MARKS

    for mark in CLOSING_MARKS:
        assert sents(f"他说完了。{mark}然后走了。", "zh") == [f"他说完了。{mark}", "然后走了。"]
        assert sents(f"It ended.{mark} Then he left.", "en") == [f"It ended.{mark}",
                                                                  "Then he left."]


def test_an_item_number_after_a_tag_stays_with_its_item():
    # apache/incubator-seata-website's FAQ index: <a href="#33">33. Why does …</a>. The number
    # is no sentence of its own, which paired it with another question.
    from align.reader import parse_document

    text = ('<a href="#33" target="_self">33. Why does the error occur when the JDK '
            "version is 1.8 ? </a>\n<br/>\n")
    assert [s.text.strip() for s in parse_document(text, "en/faq.md", "en").sentences] == [
        "33. Why does the error occur when the JDK version is 1.8 ?"]
    # A sentence that ends in a number is still a sentence.
    text = "The retry count is 3. Then the client gives up. We stop.\n"
    assert [s.text for s in parse_document(text, "en/a.md", "en").sentences] == [
        "The retry count is 3.", "Then the client gives up.", "We stop."]


def test_english_sentences_left_in_a_chinese_text_end_the_english_way():
    # istio's Chinese gardener page keeps English paragraphs; "Fig." and "e.g." end none.
    text = ("You can find an example for GCP\nhere.\nMake sure the namespace matches. "
            "Then apply it. 参见 Fig. A 和 e.g. Foo 的说明。")
    assert [text[a:b] for a, b in split_sentences(text, "zh")] == [
        "You can find an example for GCP\nhere.", "Make sure the namespace matches.",
        "Then apply it.", "参见 Fig. A 和 e.g. Foo 的说明。"]

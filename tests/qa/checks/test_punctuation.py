import pytest

from align.alignment import Alignment, Bead
from align.reader import parse_document
from align.segment import split_sentences
from qa.checks.punctuation import (
    CjkLatinSpacing,
    EndPunctuation,
    FullwidthInEnglish,
    HalfwidthInChinese,
    UnpairedPunctuation,
    halfwidth_marks,
    unpaired,
)
from qa.core.run import AlignedDocument
from tests.qa.helpers import aligned, both, run_check, where, zh_en

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
    assert found[0].suggestion == ('use full-width （ ） ， (2:6 "(" → "（"; 2:15 ")" → "）"; '
                                    '2:19 "," → "，")')
    # Latin context stays half-width: 0.5 mg/kg; IV, IM
    assert run_check(HalfwidthInChinese, aligned("IV, IM\n", "静脉注射(IV, IM)\n")) == []


@pytest.mark.parametrize("direction", ["en-zh", "zh-en"])
def test_halfwidth_full_stop_ending_a_chinese_sentence(direction):
    # A table cell of seatunnel's Pulsar sink page: 输出到Pulsar主题名称.
    en = "| topic | Name of the Pulsar topic to write to. |\n"
    zh = "| topic | 输出到Pulsar主题名称. |\n"
    found = run_check(HalfwidthInChinese, both(en, zh)[direction])
    assert where(found) == [("P002", 1, 24)]
    assert found[0].suggestion == 'use full-width 。 (1:24 "." → "。")'
    # File names, versions, an ellipsis and Latin sentences keep their dots.
    zh = "| topic | 见 a.md 和 3.1 版本等等... Done. |\n"
    assert run_check(HalfwidthInChinese, both(en, zh)[direction]) == []


def test_fullwidth_marks_in_english():
    found = run_check(FullwidthInEnglish, aligned(EN.replace("fast, unlike", "fast，unlike"), ZH))
    assert where(found) == [("P003", 2, 49)]
    assert found[0].suggestion == 'use half-width , (2:49 "，" → ",")'
    # Chinese quoted in English text keeps its own punctuation.
    assert run_check(FullwidthInEnglish, aligned("He said 好，走吧.\n", "他说好，走吧。\n")) == []


def test_spacing_against_configured_style_and_document_majority():
    zh = ("- 使用 BDNF受体。\n- 结合TrkB受体。\n- 通过NMDA受体。\n- 影响AMPA受体。\n"
          "- 作用于GABA受体。\n- 调节mTOR通路。\n- 激活Akt信号。\n- 抑制GSK3激酶。\n"
          "- 增加BDNF释放。\n- 阻断NMDA受体。\n- 升高cAMP水平。\n")
    en = ("- Uses BDNF.\n- Binds TrkB.\n- Via NMDA.\n- Affects AMPA.\n- Acts on GABA.\n"
          "- Regulates mTOR.\n- Activates Akt.\n- Inhibits GSK3.\n- Raises BDNF.\n"
          "- Blocks NMDA.\n- Raises cAMP.\n")
    doc = aligned(en, zh)
    # as-is: 20 of 21 boundaries unspaced (95%) make the document's style "none".
    assert where(run_check(CjkLatinSpacing, doc)) == [("P004", 1, 5)]
    assert where(run_check(CjkLatinSpacing, doc, cjk_latin_spacing="none")) == [
        ("P004", 1, 5)]
    # add: every line has an unspaced boundary (line 1 after "BDNF").
    assert [line for _, line, _ in where(run_check(CjkLatinSpacing, doc,
                                                    cjk_latin_spacing="add"))] == list(range(1, 12))


def test_a_mixed_document_has_no_spacing_style_to_break():
    # 2 spaced, 3 unspaced (60%): as-is reports nothing, as a reader would.
    zh = "- 使用 BDNF 受体。\n- 结合TrkB受体。\n- 通过NMDA受体。\n"
    en = "- Uses BDNF.\n- Binds TrkB.\n- Via NMDA.\n"
    assert run_check(CjkLatinSpacing, aligned(en, zh)) == []
    # The space after a heading's section number is not a spacing choice.
    assert run_check(CjkLatinSpacing, aligned("# 7.3 Update ACL\n", "# 7.3 更新ACL\n"),
                     cjk_latin_spacing="none") == []


def test_question_rendered_as_statement():
    found = run_check(EndPunctuation, aligned(EN, ZH.replace("效果会持续吗？", "效果会持续。")))
    assert where(found) == [("P005", 3, 8)]
    assert found[0].message == ("the source ends with a question mark, the translation with "
                                "a full stop")
    # CJK and ASCII forms are equal; exclamation vs full stop is style.
    assert run_check(EndPunctuation, aligned("Go now!\n", "现在就走。\n")) == []
    assert run_check(EndPunctuation, aligned("Really?\n", "真的?\n")) == []


def test_a_quoted_question_rendered_as_a_statement():
    # MAC-Dev 002: English puts the speaker after the quotation, Chinese before it, so both
    # sentences end with a full stop; the question inside the quotation lost its mark.
    en = "'What are you so happy about?' snapped the old eunuch.\n"
    found = run_check(EndPunctuation, aligned(en, "海老公问道：“有什么开心。”\n"))
    assert where(found) == [("P005", 1, 13)]  # the 。 inside the quotation
    assert found[0].message.startswith("the source's quotation asks a question")
    # With its question mark, or where the Chinese does not ask in its words (a reported or
    # rhetorical rendering), nothing.
    assert run_check(EndPunctuation, aligned(en, "海老公问道：“有什么开心？”\n")) == []
    assert run_check(EndPunctuation, aligned(en, "海老公听他喜不自胜，便喝他住口。\n")) == []
    assert run_check(EndPunctuation, aligned(en, "海老公道：“高兴成这样。”\n")) == []
    # A quoted statement is no question.
    assert run_check(EndPunctuation, aligned("'Go now,' he said.\n",
                                             "他说：“现在就走吧。”\n")) == []


def test_a_pair_that_ends_at_a_semicolon_is_part_of_a_longer_sentence():
    # MAC-Dev 006, one sentence per line: the Chinese question mark is on the line before.
    doc = aligned("Could it be that someone like me bore the ultimate responsibility?\n",
                  "是否都有一个像自己这样的人要负最终责任；\n")
    assert run_check(EndPunctuation, doc) == []
    # The same question ending with a full stop has lost its mark.
    doc = aligned("Could it be that someone like me bore the ultimate responsibility?\n",
                  "是否都有一个像自己这样的人要负最终责任。\n")
    assert [f.code for f in run_check(EndPunctuation, doc)] == ["P005"]


def test_quotation_running_over_paragraphs_is_balanced():
    from qa.checks.punctuation import UnpairedPunctuation

    zh = "他说：“我明天去北京，\n\n然后再回上海。”\n\n她答：“好。\n\n“路上小心。”\n"
    en = "He said, \"I'll go to Beijing tomorrow,\n\nthen back to Shanghai.\"\n\nShe said: \"Fine.\n\n\"Take care.\"\n"
    assert run_check(UnpairedPunctuation, aligned(en, zh)) == []


def test_sentence_per_line_text_runs_quotations_and_brackets_over_lines():
    from qa.checks.punctuation import UnpairedPunctuation

    # MAC-Dev 003 (one sentence per paragraph): 刘老老's speech opens at one line and closes
    # nine lines later, a quotation of the other kind (‘…’) inside.
    speech = ["刘老老道“这倒也不然。", "‘谋事在人，成事在天’，咱们谋到了，也未可知。"] + \
        [f"第{k}句话。" for k in range(7)] + ["比咱们的腰还壮呢！”"]
    en = "\n\n".join(f"Sentence {k}." for k in range(len(speech))) + "\n"
    assert run_check(UnpairedPunctuation, aligned(en, "\n\n".join(speech) + "\n")) == []
    # MAC-Dev 006: a parenthesis that holds a question closes in the next line …
    zh = "也许谁也不会将其与纳米研究相联系（由此联想到，是否都是倒计时的尽头？\n\n都有一个人要负最终责任）；\n"
    en = "No one will connect it to my research. Could it be?\n\nSomeone bore the responsibility.\n"
    assert run_check(UnpairedPunctuation, aligned(en, zh)) == []
    # … but not two lines later: the open bracket and the stray one are both reported.
    zh = zh.replace("\n\n", "\n\n中间一句。\n\n")
    en = en.replace("\n\n", "\n\nA line between.\n\n")
    found = run_check(UnpairedPunctuation, aligned(en, zh))
    assert [f.message for f in found] == ["（ is never closed (expected ）)",
                                          "closing ） without an opening （"]


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
    assert found[0].suggestion == 'use half-width , (1:4 "、" → ",")'


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


# --- Both directions, and real snippets of documentation sites (seatunnel en → zh,
# rocketmq-site zh → en). ---------------------------------------------------------------------

ALL_P = (UnpairedPunctuation, HalfwidthInChinese, FullwidthInEnglish, CjkLatinSpacing,
         EndPunctuation)




def spots(findings) -> list[tuple[str, str, int, int]]:
    """(code, language of the file, line, column) at each finding's primary location."""
    return [(f.code, f.primary.path.split("/")[0], f.primary.line, f.primary.column)
            for f in findings]


def run_all(doc: AlignedDocument, **settings) -> list:
    return [f for check in ALL_P for f in run_check(check, doc, **settings)]


@pytest.mark.parametrize("direction", ["en-zh", "zh-en"])
def test_every_rule_is_quiet_on_a_clean_pair_in_both_directions(direction):
    assert run_all(both(EN, ZH)[direction]) == []


@pytest.mark.parametrize("direction", ["en-zh", "zh-en"])
def test_typography_rules_look_at_the_side_of_their_language_in_both_directions(direction):
    # P002 on the Chinese file, P003 on the English file, whichever is the source.
    zh = ZH.replace("起效快，这与", "起效快,这与")
    en = EN.replace("acts fast, unlike", "acts fast，unlike")
    found = run_all(both(en, zh)[direction])
    assert sorted(spots(found)) == [("P002", "zh", 2, 19), ("P003", "en", 2, 49)]
    side = {"en-zh": "target", "zh-en": "source"}[direction]
    p002 = next(f for f in found if f.code == "P002")
    assert p002.side == side and getattr(p002, side).path == "zh/" + p002.primary.path[3:]
    assert p002.suggestion == 'use full-width ， (2:19 "," → "，")'


@pytest.mark.parametrize("direction", ["en-zh", "zh-en"])
def test_spacing_is_checked_on_the_chinese_text_in_both_directions(direction):
    zh = ("- 使用 BDNF 受体。\n- 结合TrkB受体。\n- 通过NMDA受体。\n- 影响AMPA受体。\n"
          "- 作用于GABA受体。\n- 调节mTOR通路。\n- 激活Akt信号。\n")
    en = ("- Uses BDNF.\n- Binds TrkB.\n- Via NMDA.\n- Affects AMPA.\n- Acts on GABA.\n"
          "- Regulates mTOR.\n- Activates Akt.\n")
    found = run_check(CjkLatinSpacing, both(en, zh)[direction], cjk_latin_spacing="none")
    assert spots(found) == [("P004", "zh", 1, 5)]
    assert found[0].suggestion == ('remove the space between Chinese and Latin text '
                                   '(1:5 " " → ""; 1:10 " " → "")')


@pytest.mark.parametrize("direction", ["en-zh", "zh-en"])
def test_end_marks_compare_alike_in_both_directions(direction):
    # 。≡ .  ？≡ ?  ！≡ !  ：≡ :  — nothing to report whichever side is the source.
    en = "It works.\n\nDoes it last?\n\nGo now!\n\nAs follows:\n"
    zh = "它有效。\n\n效果会持续吗？\n\n现在就走！\n\n如下：\n"
    assert run_check(EndPunctuation, both(en, zh)[direction]) == []


def test_a_dropped_full_stop_is_reported_an_added_one_is_not():
    # rocketmq-site 04-featureBehavior/07messagefilter.md: the translation drops the 。
    doc = zh_en("* 订阅消息，匹配Topic中的所有消息，不进行过滤。\n",
                "* Subscribe to all the messages in the topic\n")
    assert spots(run_check(EndPunctuation, doc)) == [("P005", "en", 1, 44)]
    # rocketmq-site 03-domainModel/04producer.md: a bold title the translation completes.
    doc = zh_en("**不建议单一进程创建大量生产者**\n",
                "**We recommend that you limit the number of producers on individual "
                "processes.**\n")
    assert run_check(EndPunctuation, doc) == []
    doc = zh_en("以下是关于RocketMQ项目的常见问题\n", "Common questions about the RocketMQ project:\n")
    assert run_check(EndPunctuation, doc) == []


def test_a_quotation_closed_after_a_digit_is_balanced():
    # seatunnel seatunnel-engine/telemetry.md: the closing " follows a digit.
    en = '| node_state | Gauge | **address**, server instance address,for example: ' \
         '"127.0.0.1:5801" |\n'
    zh = '| node_state | Gauge | **address**，服务器实例地址，例如："127.0.0.1:5801" |\n'
    for doc in both(en, zh).values():
        assert run_check(UnpairedPunctuation, doc) == []
    # An inch mark still is one: the quote count is odd without it.
    assert run_check(UnpairedPunctuation, aligned('A 5" screen.\n', "一块5英寸的屏幕。\n")) == []


def test_json_written_as_prose_has_no_quotations():
    # rocketmq-site 10-connect/07RocketMQ Connect In Action4.md: truncated JSON output.
    zh = '>{"status":200,"body":{"connector.class":"...\n'
    for doc in both(zh, zh).values():
        assert run_check(UnpairedPunctuation, doc) == []


def test_a_bracket_closed_on_the_next_line_of_a_paragraph():
    # seatunnel concept/connector-v2-features.md: a hard-wrapped paragraph.
    en = ("In SeaTunnel, we can save the read **Split** and its **offset** (The position of "
          "the read data in split at that time,\nsuch as line number, byte size, offset, "
          "etc.) as **StateSnapshot** when checkpointing.\n")
    zh = "在SeaTunnel中，我们可以保存读取的**Split**和它的**offset**（当时读取的数据在split中的位置，" \
         "例如行号、字节大小、偏移量等）作为**StateSnapshot**。\n"
    for doc in both(en, zh).values():
        assert run_check(UnpairedPunctuation, doc) == []
    # A bracket really left open is still reported.
    found = run_check(UnpairedPunctuation, aligned(en.replace("etc.)", "etc."), zh))
    assert where(found) == [("P001", 1, 65)]


def test_a_stray_quote_in_the_translation_is_kept():
    # seatunnel connector-v2/formats/debezium-json.md: the translator left a " behind.
    en = '- `{"before" : {}, "after": {} ... }` --> `false`\n'
    zh = '- `{"before" : {}, "after": {} ... }` --> `false`"\n'
    assert where(run_check(UnpairedPunctuation, aligned(en, zh))) == [("P001", 1, 50)]


def test_latin_keys_code_lists_urls_and_placeholders_are_not_chinese_punctuation():
    cases = [
        # seatunnel seatunnel-engine/engine-jar-storage-mode.md: a Latin key and its colon.
        ("- connector-jar-expiry-time: The expiration time of the connector jar package.\n",
         "- connector-jar-expiry-time: 连接器 Jar 包的过期时间，默认为 600 秒。\n"),
        # rocketmq-site 12-observability/01metrics.md
        ("- consumer_group: the consumer ID.\n", "- consumer_group: 消费者 ID。\n"),
        # StarRocks ds_theta_combine.md: the key in code.
        ("- `sketch`: A VARBINARY column.\n", "- `sketch`: 包含 Theta 草图的 VARBINARY 列。\n"),
        # seatunnel concept/connector-v2-features.md: code listed with ASCII commas.
        ("For example `MySQL`, `Kudu`.\n", "例如 `MySQL`, `Kudu`。\n"),
        # a placeholder's own comma, and a URL's own colon and question mark
        ("Use ${key,default value}.\n", "使用 ${key,默认值} 替换。\n"),
        ("See http://a.cn/x?y=1.\n", "参见 http://a.cn/x?y=1 。\n"),
    ]
    for en, zh in cases:
        for doc in both(en, zh).values():
            assert run_check(HalfwidthInChinese, doc) == [], zh


def test_real_halfwidth_marks_in_chinese_are_kept():
    cases = [
        # seatunnel seatunnel-engine/rest-api-v2.md
        ("**Notes:**\n", "**注意:**\n", ":"),
        ("#### Parameters (add in the `params` field in the request body)\n",
         "#### 参数(在请求体中params字段中添加)\n", "( )"),
        # seatunnel start-v2/locally/quick-start-spark.md
        ("## Step 3: Add Job Config File To Define A Job\n", "## 步骤 3: 添加作业配置文件来定义作业\n",
         ":"),
        # rocketmq-site 03RocketMQ Connect Quick Start.md: a word in bold is no code key.
        ("**tips**: you can change the config.\n", "**tips**: 可修改配置。\n", ":"),
    ]
    for en, zh, marks in cases:
        for doc in both(en, zh).values():
            found = run_check(HalfwidthInChinese, doc)
            assert [f.message for f in found] == [
                f"half-width punctuation in Chinese text: {marks}"], zh


def test_mixed_brackets_are_one_finding_at_the_half_width_mark():
    # seatunnel concept/connector-v2-features.md: ( opened, ） closed.
    en = "* The target support **XA Transaction**(This transaction can be used across sessions).\n"
    zh = "* 目标支持 **XA 事务**(事务可以跨会话使用）。\n"
    # seatunnel connector-v2/sink/Phoenix.md, with the other half half-width.
    en2 = "> Tips: By default, the (thin) driver jar is used.\n"
    zh2 = "> 提示1：该接收器默认使用的是（thin)驱动jar包。\n"
    for e, z, col in ((en, zh, 17), (en2, zh2, 22)):
        for doc in both(e, z).values():
            found = run_all(doc)
            assert spots(found) == [("P002", "zh", 1, col)], z
            assert found[0].message.endswith(": (") or found[0].message.endswith(": )")


def test_fullwidth_marks_in_an_english_translation_are_kept():
    # rocketmq-site 10-connect/05RocketMQ Connect In Action2.md
    found = run_check(FullwidthInEnglish, zh_en("端口：3306\n", "Port：3306\n"))
    assert spots(found) == [("P003", "en", 1, 5)]
    assert found[0].suggestion == 'use half-width : (1:5 "：" → ":")'


def test_a_url_is_no_latin_text_for_spacing():
    # seatunnel concept/connector-v2-features.md: a bare URL needs its spaces.
    zh = ("从 https://github.com/apache/seatunnel/issues/1608 我们添加了Connector特性。\n\n"
          "结合TrkB受体。\n\n通过NMDA受体。\n")
    en = "Since https://github.com/apache/seatunnel/issues/1608 We Added Features.\n\n" \
         "Binds TrkB.\n\nVia NMDA.\n"
    for doc in both(en, zh).values():
        assert run_check(CjkLatinSpacing, doc) == []


def test_a_caption_before_a_code_block_may_drop_its_colon():
    # rocketmq 07messagefilter.md: English captions of code samples end without a mark.
    en = "- Subscribe to all tags\n\n  ```java\n  consumer.subscribe(\"T\", \"*\");\n  ```\n"
    zh = "- 订阅全部标签：\n\n  ```java\n  consumer.subscribe(\"T\", \"*\");\n  ```\n"
    src = parse_document(zh, "zh/a.md", "zh")
    tgt = parse_document(en, "en/a.md", "en")
    doc = AlignedDocument("a.md", Alignment(src, tgt, [Bead((0,), (0,))]))
    assert run_check(EndPunctuation, doc) == []


@pytest.mark.parametrize("direction", ["en-zh", "zh-en"])
def test_a_heading_needs_no_full_stop(direction):
    # seatunnel seatunnel-engine/rest-api-v2.md: the English heading ends with a full stop,
    # the Chinese one (rightly) does not; and the mirror case for zh → en.
    en, zh = "### Returns an overview of Zeta cluster.\n", "### 返回Zeta集群的概览\n"
    if direction == "zh-en":
        en, zh = "### Returns an overview of Zeta cluster\n", "### 返回Zeta集群的概览。\n"
    assert run_check(EndPunctuation, both(en, zh)[direction]) == []
    # A question in a heading is still a question; a paragraph still needs its full stop.
    found = run_check(EndPunctuation, both("### Why Zeta?\n", "### 为什么选择Zeta\n")["en-zh"])
    assert [f.code for f in found] == ["P005"]
    found = run_check(EndPunctuation, both("Returns an overview.\n", "返回概览\n")["en-zh"])
    assert [f.code for f in found] == ["P005"]


def test_a_pair_cut_after_a_mark_inside_an_unmarked_block_is_not_a_dropped_mark():
    # rocketmq-site 11-contributionGuide/02code-guidelines.md: the zh item has a 。 in the
    # middle and ends unmarked; the English item (one sentence) ends unmarked too.
    zh = "2. 导入：`IntelliJ IDEA > Settings` 。进入 `Code Style` 标签页\n"
    en = "2. Import: `IntelliJ IDEA > Settings` enter the `Code Style` tab\n"
    doc = zh_en(zh, en)
    src, tgt = doc.alignment.source, doc.alignment.target
    doc = AlignedDocument("a.md", Alignment(src, tgt, [Bead((0,), (0,)), Bead((1,), ())]))
    assert run_check(EndPunctuation, doc) == []
    # The same cut where the source's item ends with a full stop is a dropped mark.
    doc = zh_en(zh.replace("标签页\n", "标签页。\n"), en)
    src, tgt = doc.alignment.source, doc.alignment.target
    doc = AlignedDocument("a.md", Alignment(src, tgt, [Bead((0,), (0,)), Bead((1,), ())]))
    assert [f.code for f in run_check(EndPunctuation, doc)] == ["P005"]


@pytest.mark.parametrize("direction", ["en-zh", "zh-en"])
def test_a_multi_word_name_set_off_by_spaces_keeps_an_unspaced_style(direction):
    # rocketmq-site 01-introduction/03limits.md: a document that writes 结合TrkB受体 but
    # spaces the product name "Apache RocketMQ" has not broken its style there.
    zh = "".join(f"- 结合TrkB{k}受体。\n" for k in range(19)) + "- 是 Apache RocketMQ 的限制。\n"
    en = "".join(f"- Binds TrkB {k}.\n" for k in range(19)) + "- Limits of Apache RocketMQ.\n"
    assert run_check(CjkLatinSpacing, both(en, zh)[direction]) == []
    # A single word set off by spaces is still reported; so is any space under a
    # configured style.
    zh1 = zh.replace("Apache RocketMQ", "RocketMQ")
    en1 = en.replace("Apache RocketMQ", "RocketMQ")
    assert spots(run_check(CjkLatinSpacing, both(en1, zh1)[direction])) == [
        ("P004", "zh", 20, 4)]
    found = run_check(CjkLatinSpacing, both(en, zh)[direction], cjk_latin_spacing="none")
    assert spots(found) == [("P004", "zh", 20, 4)]


def test_footnote_marks_and_emoji_shortcodes_are_not_punctuation():
    en = ("The client needs Java 8[^1]. It is fast :rocket:.\n\n"
          "[^1]: Java 11 is recommended.\n")
    zh = "客户端需要 Java 8[^1]。它很快 :rocket:。\n\n[^1]: 推荐使用 Java 11。\n"
    assert run_check(HalfwidthInChinese, aligned(en, zh)) == []
    # A half-width colon of Chinese prose is still one.
    found = run_check(HalfwidthInChinese, aligned("Note: it is fast.\n", "注意:它很快。\n"))
    assert [f.message for f in found] == ["half-width punctuation in Chinese text: :"]


def test_tag_and_alternative_questions_ask_in_their_words():
    # MAC-Dev's injected questions: 吧 after a tag question, two 还是 of an alternative one.
    en = ("The boy stood up, laughing.\n\n\"Breathtaking, aren't they?\"\n\n"
          "'Were you just passing by, or have you come specially?'\n")
    zh = "那男孩站起身来，笑了。\n\n“壮观吧。”\n\n“今日还是路过，还是特来的。”\n"
    assert [f.primary.line for f in run_check(EndPunctuation, aligned(en, zh))] == [3, 5]
    fixed = zh.replace("吧。", "吧？").replace("的。", "的？")
    assert run_check(EndPunctuation, aligned(en, fixed)) == []
    # A suggestion with 吧 and a "still" 还是 answer no question, and are left alone.
    en = "The boy stood up, laughing.\n\nBetter go to the thermal springs.\n"
    zh = "那男孩站起身来，笑了。\n\n还是去洗温泉吧。\n"
    assert run_check(EndPunctuation, aligned(en, zh)) == []


def test_a_chinese_question_with_ma_ends_with_a_question_mark_whatever_the_source():
    # The English is a statement; the Chinese asks with 吗 and ends with a full stop.
    en = "'Then you should have found a way to offer one.'\n"
    zh = "海老公道：“没向你借，你不会想法子借给他吗。”\n"
    found = run_check(EndPunctuation, aligned(en, zh))
    assert where(found) == [("P005", 1, 22)]
    assert found[0].message == ("the translation asks a question (吗, or a tag such as 是不是) "
                                "but ends with a full stop")
    assert run_check(EndPunctuation, aligned(en, zh.replace("吗。", "吗？"))) == []
    # A tag question after a comma asks too; an A-not-A inside a clause reports a question.
    tag = run_check(EndPunctuation, aligned("'He beat you, presumably.'\n",
                                            "海老公道：“你输了，是不是。”\n"))
    assert where(tag) == [("P005", 1, 14)]
    assert run_check(EndPunctuation, aligned("He could not even tell whether I was mute.\n",
                                             "他甚至搞不清我是不是哑巴。\n")) == []
    # 干吗 ("why") is a question word, not the particle: rendered freely, left alone.
    assert run_check(EndPunctuation, aligned("I said, then why believe me.\n",
                                             "我说，既然我是假的，你信我干吗。\n")) == []


def test_a_chinese_question_form_ends_with_a_question_mark_whatever_the_source():
    # MAC-Dev (A Dream of Red Mansions): the English says it as a statement; the Chinese
    # asks a rhetorical question with a final 不成 after 会, which a full stop leaves unasked.
    en = "Because if we don't, the money isn't going to come walking in the door of its own accord.'\n"
    zh = "不然那银子钱会自己跑到咱们家里来不成。”\n"
    found = run_check(EndPunctuation, aligned(en, zh))
    assert where(found) == [("P005", 1, 19)]
    assert found[0].message == "the translation asks a question (不成) but ends with a full stop"
    assert run_check(EndPunctuation, aligned(en, zh.replace("不成。", "不成？"))) == []
    # 岂 in the last clause, and a quotation that 问 opens with a question word.
    rhetorical = run_check(EndPunctuation, aligned(
        "After you've made such a long pilgrimage, we won't let you go home without seeing "
        "a real Buddha!\n", "大远的诚心诚意来了，岂有个不叫你见个真佛儿去的呢。\n"))
    assert [f.message for f in rhetorical] == [
        "the translation asks a question (岂) but ends with a full stop"]
    asked = run_check(EndPunctuation, aligned(
        "Zhou Rui's wife came hurrying out and asked what was the matter.\n",
        "周瑞家的在内忙迎出来，问：“是怎么了。”\n"))
    assert where(asked) == [("P005", 1, 19)]
    # Statements that use the same words are left alone: "that won't do", "must go", a
    # question word made indefinite (没说什么) or reported (当是谁), 岂料 "unexpectedly".
    for statement in ("这可不成。", "今天不去不成。", "我还没说什么呢。", "我当是谁呢。",
                      "岂料他早已走了。", "谁也不知道呢。", "他问：“我想知道是谁。”"):
        assert run_check(EndPunctuation, aligned("It will not do.\n", statement + "\n")) == [], \
            statement


def test_a_question_rendered_freely_in_prose_is_left_alone():
    # MAC-Dev: a novel's questions come back as statements or reported speech ...
    en = ("The boy stood up, laughing.\n\n'So you make a habit of coming here for food, "
          "do you?'\n\nShortly afterward he shouted at me: How dare you walk away?\n")
    zh = ("那男孩站起身来，笑了。\n\n“好啊，原来你时时到这里偷食。”\n\n"
          "过了一会，他骂我，说你怎么敢走了。\n")
    assert run_check(EndPunctuation, aligned(en, zh)) == []
    # ... but a Chinese question that keeps its words and loses its mark is still one.
    slip = zh.replace("原来你时时到这里偷食。", "你是不是时时到这里偷食。")
    assert where(run_check(EndPunctuation, aligned(en, slip))) == [("P005", 3, 16)]
    # On a page with a heading, paragraphs are left alone the same way (react.dev: "Doesn't
    # `Gallery` use `Profile`, too?" ↔ 因为 `Gallery` 中也调用了 `Profile` 组件。) …
    assert run_check(EndPunctuation, aligned("# Food\n\n" + en, "# 食物\n\n" + zh)) == []
    en_docs = ("# Hint\n\nImport your components where they are called. Doesn't `Gallery` "
               "use `Profile`, too?\n\nWhat if you want to show just one `Profile` instead "
               "of a gallery? You can export the `Profile` component, too.\n")
    zh_docs = ("# 提示\n\n在调用它们的地方导入你的组件。因为 `Gallery` 中也调用了 `Profile` 组件。"
               "\n\n如果你只想展示一个 `Profile` 组件，而不展示整个图集。你也可以导出 `Profile` 组件。\n")
    assert run_check(EndPunctuation, aligned(en_docs, zh_docs)) == []
    # … but a list item or a heading (an FAQ's question) is checked as before.
    items = run_check(EndPunctuation, aligned("# Food\n\n- " + en.replace("\n\n", "\n- "),
                                              "# 食物\n\n- " + zh.replace("\n\n", "\n- ")))
    assert [f.primary.line for f in items] == [4, 5]
    heading = run_check(EndPunctuation, aligned("## Can I export it?\n\nYes.\n",
                                                "## 可以导出它。\n\n可以。\n"))
    assert [f.primary.line for f in heading] == [1]


def test_p005_a_list_whose_items_all_end_unmarked_is_a_style():
    # apache/dubbo-website zh-cn: Chinese list items without 。 against English full stops.
    en = ("* Development: Dubbo offers Java and Go.\n* Deployment: it runs on Kubernetes.\n"
          "* Governance: it discovers addresses.\n")
    zh = ("* 开发层面，Dubbo 提供了 Java 和 Go\n* 部署层面，它运行在 Kubernetes 上\n"
          "* 治理层面，它提供地址发现\n")
    assert run_check(EndPunctuation, aligned(en, zh)) == []
    # One item without its mark where the others have one is a dropped mark …
    zh_mixed = zh.replace("Go\n", "Go。\n").replace("上\n", "上。\n")
    [f] = run_check(EndPunctuation, aligned(en, zh_mixed))
    assert f.target.line == 3
    # … and two items are too few to make a style.
    two = aligned("".join(en.splitlines(True)[:2]), "".join(zh.splitlines(True)[:2]))
    assert len(run_check(EndPunctuation, two)) == 2


def test_p004_a_digit_boundary_follows_the_style_only_where_the_digits_do():
    # apache/shardingsphere: a page that spaces Latin words but writes "默认是3308" and
    # "步骤 1" alike has no digit style to break.
    names = ("Kafka", "Redis", "MySQL", "Spark", "Flink", "Hive", "Doris", "Pulsar", "Presto",
             "Trino")
    words = "".join(f"- 使用 {n} 集群。\n" for n in names)
    en = "".join(f"- Use {n} clusters.\n" for n in names) + \
        "- The default is 3308.\n- Go to step 1.\n"
    zh = words + "- 默认是3308。\n- 回到步骤 1。\n"
    assert run_check(CjkLatinSpacing, aligned(en, zh)) == []
    # Where the digits are spaced too (two in three or more), the bare one is reported.
    en += "- Wait 72 hours.\n"
    zh += "- 等待 72 小时。\n"
    [f] = run_check(CjkLatinSpacing, aligned(en, zh))
    assert (f.target.line, f.target.text) == (11, "3")  # 默认是3308


def test_an_operator_or_an_image_mark_is_no_exclamation_mark():
    # apache/doris-website: "!=" in a list of operators; ant-design: a badge image in a link.
    en = "- It has no effect on other queries, such as !=, NOT IN, >, <, etc.\n"
    zh = "- 对其他查询没有效果，比如 !=、NOT IN、>、< 等。\n"
    assert run_check(HalfwidthInChinese, aligned(en, zh)) == []
    en = "- Stable: [![npm package](https://img.shields.io/npm/v/antd.svg)](https://npmjs.org)\n"
    zh = "- 稳定版：[![npm package](https://img.shields.io/npm/v/antd.svg)](https://npmjs.org)\n"
    assert run_check(HalfwidthInChinese, aligned(en, zh)) == []
    assert [f.code for f in run_check(HalfwidthInChinese, aligned(
        "Stop!\n", "停下!\n"))] == ["P002"]


def test_a_symbol_named_between_brackets_or_quotes_is_no_punctuation():
    # MDN nullish_coalescing: the operator ?? named in the title; TDengine: 逗号（,）.
    en = "---\ntitle: Nullish coalescing operator (??)\n---\n\nSeparate the values with commas (,).\n"
    zh = "---\ntitle: 空值合并运算符（??）\n---\n\n用逗号（,）分隔各个值。\n"
    assert run_check(HalfwidthInChinese, aligned(en, zh)) == []
    # A question mark after Chinese text, or inside brackets with text, is still one.
    assert [f.code for f in run_check(HalfwidthInChinese, aligned(
        "Is it (really) the operator?\n", "这（真的）是运算符?\n"))] == ["P002"]


def test_pictures_after_a_sentence_are_not_its_end():
    # apache/shenyu-website: the aligner put the pictures after "最终面板效果如下：" with it.
    en = "The final panel looks like this:\n\n![](/img/request-metric.png)\n"
    zh = "最终面板效果如下：\n\n![](/img/request-metric-1.png)\n\n![](/img/request-metric-2.png)\n"
    doc = aligned(en, zh, beads=[((0, 1), (0, 1, 2))])
    assert run_check(EndPunctuation, doc) == []
    # rocketmq-site: a picture at the end of a sentence's line is not its end mark either.
    en = "This solution shortens the processing. ![方案](a.png)\n"
    zh = "这个方案缩短了链路。\n\n![方案](a.png)\n"
    assert run_check(EndPunctuation, aligned(en, zh, beads=[((0,), (0, 1))])) == []
    # A translation that drops the colon before its pictures still drops it.
    en = "The final panel looks like this:\n\n![](/img/request-metric.png)\n"
    zh = "最终面板效果如下\n\n![](/img/request-metric-1.png)\n\n![](/img/request-metric-2.png)\n"
    doc = aligned(en, zh, beads=[((0, 1), (0, 1, 2))])
    assert [f.code for f in run_check(EndPunctuation, doc)] == ["P005"]


def test_a_half_open_interval_is_no_unclosed_bracket():
    # StarRocks automatic_partitioning.md: partition ranges.
    en = ("The partition p20230226 holds the range [2023-02-26 00:00:00, "
          "2023-02-27 00:00:00).\n")
    zh = "分区 p20230226 的范围为 [2023-02-26 00:00:00, 2023-02-27 00:00:00)。\n"
    for doc in both(en, zh).values():
        assert run_check(UnpairedPunctuation, doc) == []
    # A bracket left open around words is still reported.
    assert [f.code for f in run_check(UnpairedPunctuation, aligned(
        "See [the guide, the notes).\n", "见 [指南, 说明)。\n"))] == ["P001", "P001"]


def test_a_paragraph_that_still_asks_in_chinese_words_keeps_its_question_mark():
    # 能否, 可否 and 如何 ask as 吗 does: the paragraph's exemption is for statements.
    en = "# Effect\n\nDoes the benefit last after treatment ends? Several mechanisms act.\n"
    for zh in ("# 效果\n\n这种获益能否在疗程结束后持续。多个机制并行起作用。\n",
               "# 效果\n\n如何让获益在疗程结束后持续。多个机制并行起作用。\n"):
        assert [f.code for f in run_check(EndPunctuation, aligned(en, zh))] == ["P005"], zh
    # 无论如何 ("anyway") asks nothing.
    zh = "# 效果\n\n无论如何，获益会在疗程结束后持续。多个机制并行起作用。\n"
    assert run_check(EndPunctuation, aligned(en, zh)) == []


def test_sentences_made_list_fragments_need_no_full_stop():
    # apache/iotdb-docs Grafana-Plugin.md (zh → en): paragraphs become a list of fragments.
    zh = ("# 添加数据源\n\nIp 为您的 IoTDB 服务器所在的宿主机 IP。\n\n"
          "输入 IoTDB 服务器的 username 和 password。\n")
    en = ("# Add a Data Source\n\n* ip is the host ip where your IoTDB server is located\n"
          "* Enter the username and password of the IoTDB server\n")
    assert run_check(EndPunctuation, zh_en(zh, en)) == []
    # A paragraph that stays a paragraph still needs its full stop.
    en = en.replace("* ", "").replace("located\n", "located\n\n")
    assert len(run_check(EndPunctuation, zh_en(zh, en))) == 2


def test_a_mark_named_in_brackets_is_no_quotation_or_punctuation():
    # TDengine 04-schemaless.md: the characters to escape, each in brackets.
    en = ("For spaces, equal signs (=), commas (,), double quotes (\"), and backslashes (\\), "
          "a backslash (\\) is needed for escaping.\n")
    zh = "对于空格、等号（=）、逗号（,）、双引号（\"）、反斜杠（\\），前面需要使用反斜杠（\\）进行转义。\n"
    for check in (UnpairedPunctuation, HalfwidthInChinese):
        assert run_check(check, aligned(en, zh)) == [], check.code
    # A quotation left open is still reported (on each side).
    assert [f.code for f in run_check(UnpairedPunctuation, aligned(
        'He said "stop.\n', '他说"停下。\n'))] == ["P001", "P001"]


def test_a_sentence_left_in_chinese_keeps_its_marks_in_an_english_page():
    # umijs/umi blog/legacy-browser.en-US.md: a page never translated (zh → en).
    zh = "# 兼容\n\n可以使用 [serve](https://www.npmjs.com/package/serve) 、nginx 等启动服务。\n"
    en = "# Compat\n\n可以使用 [serve](https://www.npmjs.com/package/serve) 、nginx 等启动服务。\n"
    assert run_check(FullwidthInEnglish, zh_en(zh, en)) == []
    # An English sentence with a full-width comma is still reported.
    en = "# Compat\n\nUse [serve](https://www.npmjs.com/package/serve)，nginx or another server.\n"
    assert [f.code for f in run_check(FullwidthInEnglish, zh_en(zh, en))] == ["P003"]


def test_a_mark_inside_a_final_code_span_is_the_code_s():
    # alibaba/arthas faq.md (zh → en): the log line quoted in code ends with its own ".".
    zh = "如果Arthas 日志里有 `Arthas server already bind.`\n"
    en = "If there is `Arthas server already bind.` in the Arthas log\n"
    assert run_check(EndPunctuation, zh_en(zh, en)) == []


def test_fixes_that_would_change_what_the_markup_means_are_not_offered():
    # hertzbeat alert_template.md: 【Confirm】(optional) made [Confirm](optional) is a link.
    en = "Click 【Confirm】(optional) to save the receiver.\n"
    zh = "点击【确定】（可选）保存接收人。\n"
    [f] = run_check(FullwidthInEnglish, aligned(en, zh))
    assert (f.fixes, f.suggestion) == ((), "mark the label another way (quotes or bold): [ ] "
                                            "here would make a Markdown link")
    # hertzbeat alert-threshold-expr.md: the brackets named in a table; go-kratos.dev: a
    # statement of code without backticks.
    en = "| Function | Description |\n|---|---|\n| ( and ) | Brackets set the precedence |\n"
    zh = "| 函数 | 说明 |\n|---|---|\n| ( 和 ) | 括号用于控制运算的优先级 |\n"
    assert run_check(HalfwidthInChinese, aligned(en, zh)) == []
    # Padded brackets around Chinese text are still half-width (rocketmq-site, judged real).
    assert [f.code for f in run_check(HalfwidthInChinese, aligned(
        "* Get keys signed by other committers (optional)\n",
        "* 获得其他 committer 签名的密钥 ( 可选 )\n"))] == ["P002"]
    zh = '### IDE中import "google/api/annotations.proto";等proto文件有错误提示\n'
    en = '### The IDE marks import "google/api/annotations.proto"; as an error\n'
    assert run_check(HalfwidthInChinese, zh_en(zh, en)) == []


def test_a_spaced_colon_in_chinese_text_is_still_half_width():
    # openkruise broadcastjob.md: "`Desired` : 期望的…", judged a real half-width colon.
    en = "- `Desired` : The desired number of Pods.\n"
    zh = "- `Desired` : 期望的 Pod 数量。\n"
    assert [f.code for f in run_check(HalfwidthInChinese, aligned(en, zh))] == ["P002"]


def test_a_parameter_described_on_a_line_of_its_own_is_a_fragment():
    # PaddlePaddle/docs (zh → en): "device - 使用的设备。" ↔ "device - the device to be used".
    zh = "### 参数\n\ndevice - 使用的设备。\n\nptr - 存储分配的设备内存地址。\n"
    en = "### Parameter\n\ndevice - the device to be used\n\nptr - the address of the memory\n"
    assert run_check(EndPunctuation, zh_en(zh, en)) == []
    # A sentence that is not a name's description still keeps its full stop.
    zh = "### 参数\n\n设备由调用方指定。\n"
    en = "### Parameter\n\nThe caller gives the device\n"
    assert [f.code for f in run_check(EndPunctuation, zh_en(zh, en))] == ["P005"]


def test_a_smiley_and_names_joined_by_dots_are_no_punctuation():
    # apache/incubator-streampark-website: "…这一过程 : )"; higress: a service name template.
    assert halfwidth_marks("我们会提供一种方式来简化挂载这一过程 : )") == []
    assert unpaired("我们会提供一种方式来简化挂载这一过程 : )") == []
    text = "目标服务格式为：“服务名称.服务分组.命名空间ID.nacos”。"
    assert halfwidth_marks(text) == []
    assert [text[a:b] for a, b in split_sentences(text, "zh")] == [text]
    # A dot that ends a sentence before the next is still a half-width stop.
    assert halfwidth_marks("重启服务.然后检查") == [4]

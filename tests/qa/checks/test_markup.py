import pytest

from align.alignment import Alignment, Bead
from align.reader import parse_document
from align.signature import Signature
from qa.checks.markup import (
    ConflictMarkers,
    LinkDefinitionMismatch,
    MarkupMismatch,
    StructureMismatch,
    TableShape,
    UnclosedFence,
)
from qa.checks.numbers import TokenMismatch
from qa.core.run import AlignedDocument
from tests.qa.helpers import aligned, both, run_check, where, zh_en

EN = """## Background

- Ketamine shares its core mechanism of action with PCP (phencyclidine)
- Both are **dissociative** anesthetics, see `ketamine.md`

| Route | Notes |
|---|---|
| Intravenous (IV) | Fastest onset |
| Oral (pill) | Slowest onset |
"""
ZH = """## 背景

- 氯胺酮与PCP（苯环利定）共享核心作用机制
- 两者均为**解离性**麻醉剂，见`ketamine.md`

| 途径 | 备注 |
|---|---|
| 静脉注射（IV） | 起效最快 |
| 口服（片剂） | 起效最慢 |
"""


def test_same_markup_gives_nothing():
    doc = aligned(EN, ZH)
    for check in (MarkupMismatch, StructureMismatch, TableShape):
        assert run_check(check, doc) == [], check.code


def test_bold_on_the_translation_only():
    zh = ZH.replace("氯胺酮与PCP（苯环利定）", "氯胺酮与**PCP（苯环利定）**")
    found = run_check(MarkupMismatch, aligned(EN, zh))
    assert where(found) == [("M001", 3, 7)]
    assert found[0].message == "bold on the translation only: **PCP（苯环利定）**"
    assert found[0].source.line == 3


def test_code_span_lost_in_translation():
    found = run_check(MarkupMismatch, aligned(EN, ZH.replace("`ketamine.md`", "ketamine.md")))
    assert [f.code for f in found] == ["M001"]
    assert (found[0].source.line, found[0].source.column) == (4, 46)
    assert "code span of the source is missing" in found[0].message


def test_heading_rendered_as_list_item():
    found = run_check(StructureMismatch, aligned(EN, ZH.replace("## 背景", "- 背景")))
    assert where(found) == [("M002", 1, 1)]
    assert "level-2 heading in the source is a list item" in found[0].message


def test_heading_level_changed():
    found = run_check(StructureMismatch, aligned(EN, ZH.replace("## 背景", "### 背景")))
    assert where(found) == [("M002", 1, 1)]


def test_table_with_an_extra_cell_and_a_missing_row():
    zh = ZH.replace("| 静脉注射（IV） | 起效最快 |", "| 静脉注射（IV） | 起效最快 | 最常用 |")
    found = run_check(TableShape, aligned(EN, zh))
    assert where(found) == [("M003", 8, 1)]
    assert found[0].message == "row has 2 cells in the source and 3 in the translation"
    found = run_check(TableShape, aligned(EN, ZH.replace("| 口服（片剂） | 起效最慢 |\n", "")))
    assert where(found) == [("M003", 6, 1)]
    assert "3 rows in the source and 2" in found[0].message


ALL_M = (MarkupMismatch, StructureMismatch, TableShape)




@pytest.mark.parametrize("direction", ["en-zh", "zh-en"])
def test_same_markup_gives_nothing_in_both_directions(direction):
    doc = both(EN, ZH)[direction]
    for check in ALL_M:
        assert run_check(check, doc) == [], check.code


@pytest.mark.parametrize("direction", ["en-zh", "zh-en"])
def test_each_markup_rule_reports_in_both_directions(direction):
    # (A dropped bold, not a dropped code span: a translation that code-formats a name its
    # source writes plain adds nothing wrong, see below.)
    zh = ZH.replace("## 背景", "### 背景").replace("**解离性**", "解离性").replace(
        "| 口服（片剂） | 起效最慢 |", "| 口服（片剂） | 起效最慢 | 最少用 |")
    found = [f for check in ALL_M for f in run_check(check, both(EN, zh)[direction])]
    assert sorted((f.code, f.primary.line) for f in found) == [
        ("M001", 4), ("M002", 1), ("M003", 9)]


# seatunnel transform-v2/common-options.md: the translation dropped the Description column.
EN_TABLE = """|       Name        |  Type  | Required | Default | Description |
|-------------------|--------|----------|---------|-------------|
| result_table_name | String | No       | -       | When `source_table_name` is not specified, … |
| source_table_name | String | No       | -       | When `result_table_name` is not specified, … |
"""
ZH_TABLE = """|       参数名称        |  参数类型  | 是否必须 | 默认值 |
|-------------------|--------|----------|---------|
| result_table_name | string | no   | -   |
| source_table_name | string | no   | -   |
"""


@pytest.mark.parametrize("direction", ["en-zh", "zh-en"])
def test_a_table_missing_a_column_is_one_finding_listing_its_rows(direction):
    found = run_check(TableShape, both(EN_TABLE, ZH_TABLE)[direction])
    assert len(found) == 1
    assert found[0].message == ("rows at lines 1, 3, 4 have 5 cells in the source and 4 in "
                                "the translation") if direction == "en-zh" else (
        "rows at lines 1, 3, 4 have 4 cells in the source and 5 in the translation")
    assert (found[0].source.line, found[0].target.line) == (1, 1)


def test_a_table_with_a_missing_row_and_a_misshapen_one_is_one_finding():
    # seatunnel connector-v2/sink-common-options.md: one row dropped, the rest misshapen.
    zh = ZH_TABLE.replace("| source_table_name | string | no   | -   |\n", "")
    found = run_check(TableShape, aligned(EN_TABLE, zh))
    assert [f.message for f in found] == [
        "table has 3 rows in the source and 2 in the translation; rows at lines 1, 3 have "
        "5 cells in the source and 4 in the translation"]
    assert found[0].suggestion.startswith("translate every row of the table; keep one cell")


def test_rules_merge_their_own_duplicates_on_one_spot():
    from qa.checks.spans import unique
    from qa.core.finding import Finding, Severity

    a = Finding("M003", "table-shape", Severity.ERROR, "x", "d")
    b = Finding("M003", "table-shape", Severity.ERROR, "y", "d")
    c = Finding("M002", "structure-mismatch", Severity.ERROR, "x", "d")
    assert [f.message for f in unique([a, b, a, c])] == ["x; y", "x"]


# rocketmq-site 04-featureBehavior/03fifomessage.md: the en item has its second paragraph
# indented under the bullet (part of the item), the zh item has both on one line.
ZH_ITEMS = """* 消费中：消息被消费者获取，并按照消费者本地的业务逻辑进行处理的过程。 此时服务端会等待消费者完成消费并提交消费结果。

* 消费提交：消费者完成消费处理，并向服务端提交消费结果。
"""
EN_ITEMS = """* Inflight: The message is obtained by the consumer and processed based on the local \
business logic of the consumer.

  In this process, the broker waits for the consumer to complete the consumption and submit \
the consumption result.

* Acked: The consumer completes consumption and submits the consumption result to the broker.
"""


def test_an_indented_continuation_paragraph_is_part_of_its_list_item():
    assert run_check(StructureMismatch, zh_en(ZH_ITEMS, EN_ITEMS)) == []


def test_a_paragraph_that_falls_out_of_the_bullet_is_still_reported():
    # rocketmq-site 03-domainModel/07consumergroup.md en:68-70: not indented, so not the item's.
    zh = ("* 定义：当前消费者分组关联的订阅关系集合。 消费者动态注册订阅关系。\n\n"
          "* 约束：订阅关系必须一致。\n")
    en = ("* Definition: the set of subscription relationships of the consumer group.\n\n"
          "Consumers dynamically register subscriptions for consumer groups.\n\n"
          "* Constraint: subscriptions must be consistent.\n")
    source = parse_document(zh, "zh/a.md", "zh")
    target = parse_document(en, "en/a.md", "en")
    beads = [Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.9), Bead((2,), (2,), 0.9)]
    doc = AlignedDocument("a.md", Alignment(source, target, beads,
                                            signature=Signature.of(aligner="test")))
    found = run_check(StructureMismatch, doc)
    assert [(f.message, f.target.line) for f in found] == [
        ("one source list item is split into 2 blocks in the translation", 1)]


def test_a_translated_link_left_in_a_neighbouring_sentence_is_not_missing():
    # rocketmq 01-introduction/02concepts.md en:56: the link text is translated and the link
    # is in the paragraph, but the aligner paired it with another sentence.
    zh = ("订阅关系是消费者获取消息的规则。订阅关系由消费者分组动态注册到服务端。"
          "更多信息，请参见[订阅关系（Subscription）](../03-domainModel/09subscription.md)。\n")
    en = ("A subscription is the rule for consumers to obtain messages. Subscriptions are "
          "registered by consumer groups with brokers. Learn more "
          "[Subscription](../03-domainModel/09subscription.md)。\n")
    source = parse_document(zh, "zh/a.md", "zh")
    target = parse_document(en, "en/a.md", "en")
    beads = [Bead((0,), (0,), 0.9), Bead((1, 2), (1,), 0.9), Bead((), (2,), 0.9)]
    doc = AlignedDocument("a.md", Alignment(source, target, beads,
                                            signature=Signature.of(aligner="test")))
    assert run_check(MarkupMismatch, doc) == []
    # A link that points elsewhere is still missing.
    en2 = en.replace("09subscription.md", "10other.md")
    target2 = parse_document(en2, "en/a.md", "en")
    doc2 = AlignedDocument("a.md", Alignment(source, target2, beads,
                                             signature=Signature.of(aligner="test")))
    assert [f.message[:40] for f in run_check(MarkupMismatch, doc2)] == [
        "link of the source is missing from the t"]


def test_a_trailing_empty_cell_that_gfm_ignores_is_not_a_cell():
    # seatunnel seatunnel-engine/telemetry.md en:65: "|  |" after the last of 4 header cells.
    en = ("| MetricName | Type | Labels | DESCRIPTION |\n|---|---|---|---|\n"
          "| job_thread_pool_rejection_total | Counter | **address**, server instance "
          "address | The rejectionCount of the pool  |          |\n")
    zh = ("| MetricName | Type | Labels | 描述 |\n|---|---|---|---|\n"
          "| job_thread_pool_rejection_total | Counter | **address**，服务器实例地址 | "
          "线程池的拒绝任务总数 |\n")
    assert run_check(TableShape, aligned(en, zh)) == []
    # A cell with text beyond the header's is still a difference.
    en_extra = en.replace("|          |", "| extra |")
    assert [f.message for f in run_check(TableShape, aligned(en_extra, zh))] == [
        "row has 5 cells in the source and 4 in the translation"]


def test_emphasis_the_translation_adds_to_what_the_source_says_is_not_reported():
    # rocketmq-site 10-connect/07RocketMQ Connect In Action4.md and 05-deploymentOperations/
    # 03autofailover.md: the translation code-formats a file name or a setting the source
    # writes plain; 04-featureBehavior/06consumertype.md: it bolds a whole title line.
    zh = "写入 sink.txt 文件。\n\n若设置 enableControllerMode=true，则需要部署。\n\n顺序性保障\n"
    en = ("Write the `sink.txt` file.\n\nIf **`enableControllerMode=true`**, deploy it.\n\n"
          "**Ensured message order**\n")
    assert run_check(MarkupMismatch, zh_en(zh, en)) == []
    # en → zh (seatunnel seatunnel-engine/engine-jar-storage-mode.md): `JobId` added.
    assert run_check(MarkupMismatch, aligned("Each JobId has a folder.\n",
                                             "每个 `JobId` 有一个目录。\n")) == []
    # Emphasis the source has and the translation drops is still reported.
    found = run_check(MarkupMismatch, aligned(en, zh))
    assert sorted(f.message for f in found) == [
        "bold of the source is missing from the translation: **Ensured message order**",
        "bold of the source is missing from the translation: **`enableControllerMode=true`**",
        "code span of the source is missing from the translation: `enableControllerMode=true`",
        "code span of the source is missing from the translation: `sink.txt`"]
    # 10-connect/01RocketMQ Connect Overview.md: a heading demoted to a bold line is reported.
    found = run_check(MarkupMismatch, zh_en("##### 构建流式数据管道\n",
                                            "**Building a streaming data pipeline**\n"))
    assert [f.message for f in found] == [
        "bold on the translation only: **Building a streaming data pipeline**"]
    # And bold added to words the source does not have as they are is still reported.
    found = run_check(MarkupMismatch, zh_en("请注意顺序。\n", "Mind the **order**.\n"))
    assert [f.message for f in found] == ["bold on the translation only: **order**"]


def test_code_formatting_the_translation_adds_is_not_reported_but_code_it_drops_is():
    # rocketmq-site 10-connect/03RocketMQ Connect Quick Start.md: the English code-formats
    # the translated concept names the Chinese source writes plain.
    zh = "支持普通消息和顺序消息。\n"
    en = "Supports `normal message` and `ordered message`.\n"
    assert run_check(MarkupMismatch, zh_en(zh, en)) == []
    assert run_check(MarkupMismatch, aligned("Supports normal and ordered messages.\n",
                                             "支持`普通消息`和`顺序消息`。\n")) == []
    # The other way round the translation drops the source's code: reported.
    found = run_check(MarkupMismatch, aligned(en, zh))
    assert [f.message for f in found] == [
        "code span of the source is missing from the translation: `normal message`"]


@pytest.mark.parametrize("direction", ["en-zh", "zh-en"])
def test_a_number_in_code_dress_is_not_markup(direction):
    # seatunnel seatunnel-engine/rest-api-v2.md: `0` in the English, a plain 0 in the Chinese.
    found = run_check(MarkupMismatch, both("Returns `0` on success.\n",
                                           "成功时返回 0。\n")[direction])
    assert found == []


@pytest.mark.parametrize("direction", ["en-zh", "zh-en"])
def test_a_plain_line_is_named_a_paragraph(direction):
    # rocketmq-site 11-contributionGuide/02code-guidelines.md: "1.File Path: …" has no space
    # after the dot, so it renders as a plain line, not a heading.
    zh = "1. 文件路径：`rocketmq/style/rmq_codeStyle.xml`\n"
    en = "1.File Path: `rocketmq/style/rmq_codeStyle.xml`\n"
    doc = zh_en(zh, en) if direction == "zh-en" else aligned(en.replace("1.F", "1. F"),
                                                               zh.replace("1. ", "1."))
    [f] = run_check(StructureMismatch, doc)
    assert f.message == "list item in the source is a paragraph in the translation"


def test_a_list_markdown_ran_together_may_become_a_markdown_list():
    # rocketmq-site 06-bestPractice/03access.md: "（1）…" lines right under each other render
    # as one paragraph; the English writes them as a numbered list.
    zh = "校验分为以下几步：\n（1）检查全局 IP 白名单；\n（2）检查用户 IP 白名单。\n"
    en = ("Verification has the following steps:\n\n1. Check the global IP whitelist.\n"
          "2. Check the user IP whitelist.\n")
    found = run_check(StructureMismatch, zh_en(zh, en))
    assert [f.message for f in found] == []
    # en → zh: a Markdown list that the translation runs together is still reported, once for
    # the two items (one edit), at both.
    [f] = run_check(StructureMismatch, aligned(en, zh))
    assert f.message == "2 list items in the source are paragraphs in the translation"
    assert (f.source.line, f.source.end_line, f.target.line, f.target.end_line) == (3, 4, 2, 3)
    # Items the source writes as separate paragraphs are still reported when they become a
    # list (03access.md "(2)如果ACL…", judged a real change of structure).
    zh2 = "限制如下。\n\n(1)如果同时启用，需要设置白名单。\n\n(2)如果多副本，需要设置全部地址。\n"
    en2 = ("The limits are as follows.\n\n1. If both are enabled, set the whitelist.\n"
           "2. If there are replicas, set all addresses.\n")
    found = run_check(StructureMismatch, zh_en(zh2, en2))
    assert [f.message for f in found] == [
        "2 paragraphs in the source are list items in the translation"]


def test_one_change_to_blocks_in_a_row_is_one_finding():
    # rocketmq-site 04release-manual.md makes six paragraphs of steps a numbered list: one
    # edit, one finding; a different change, or a block between, starts another.
    en = "Steps.\n\nFirst step.\n\nSecond step.\n\nThird step.\n\n## Notes\n\nA note.\n"
    zh = "步骤。\n\n1. 第一步。\n\n2. 第二步。\n\n3. 第三步。\n\n### 说明\n\n- 一条说明。\n"
    found = run_check(StructureMismatch, aligned(en, zh))
    assert [(f.message, f.source.line, f.source.end_line) for f in found] == [
        ("3 paragraphs in the source are list items in the translation", 3, 7),
        ("heading level 2 in the source is level 3 in the translation", 9, 9),
        ("paragraph in the source is a list item in the translation", 11, 11)]
    # Nested one level deeper, three items in a row.
    en = "- Causes:\n- Network errors.\n- Timeouts.\n- Slow servers.\n"
    zh = "- 原因：\n  - 网络异常。\n  - 超时。\n  - 服务端慢。\n"
    [f] = run_check(StructureMismatch, aligned(en, zh))
    assert f.message == "3 list items nested at depth 0 in the source are at depth 1 in the " \
        "translation"


@pytest.mark.parametrize("direction", ["en-zh", "zh-en"])
def test_a_link_written_as_an_html_anchor_is_a_link(direction):
    # rocketmq-site 02-quickStart/02quickstartWithDocker.md
    zh = "可以从 [rocketmq-clients](https://github.com/apache/rocketmq-clients) 中参阅更多细节。\n"
    en = ("You can see more details from "
          "<a href='https://github.com/apache/rocketmq-clients'>rocketmq-clients</a>.\n")
    doc = zh_en(zh, en) if direction == "zh-en" else aligned(en, zh)
    assert run_check(MarkupMismatch, doc) == []
    # Without the anchor the link is missing.
    en2 = "You can see more details from rocketmq-clients.\n"
    doc = zh_en(zh, en2) if direction == "zh-en" else aligned(en2, zh)
    assert [f.code for f in run_check(MarkupMismatch, doc)] == ["M001"]


def test_text_paired_with_a_picture_is_not_a_markup_difference():
    # rocketmq-site 05-deploymentOperations/04Dashboard.md: the English renders the zh
    # "**tips**:" paragraph as a ':::tip' admonition; the aligner paired it with an image.
    zh = "![1657547891994](../picture/4_resetOffset.png)\n\n**tips**:\n"
    en = "![1657547891994](../picture/4_resetOffset.png)\n"
    src = parse_document(zh, "zh/a.md", "zh")
    tgt = parse_document(en, "en/a.md", "en")
    doc = AlignedDocument("a.md", Alignment(src, tgt, [Bead((0, 1), (0,))]))
    assert run_check(MarkupMismatch, doc) == []


def _by_beads(zh: str, en: str, beads: list[tuple[tuple[int, ...], tuple[int, ...]]]):
    """A zh → en document pair aligned by the given sentence beads."""
    source = parse_document(zh, "zh/a.md", "zh")
    target = parse_document(en, "en/a.md", "en")
    return AlignedDocument("a.md", Alignment(
        source, target, [Bead(s, t, 0.9) for s, t in beads],
        signature=Signature.of(aligner="test")))


def test_a_heading_aligned_with_a_paragraph_the_translation_adds_is_not_split():
    # seatunnel rest-api-v2.md: '##### Responses' ↔ '##### 响应' plus the lead-in 响应体将为：
    # that the aligner put with it; the added lead-in is the A rules' to judge.
    doc = _by_beads("##### 响应\n\n响应体将为：\n\n## 示例\n",
                    "##### Responses\n\n## Example\n", [((0, 1), (0,)), ((2,), (1,))])
    assert run_check(StructureMismatch, doc) == []


def test_a_heading_of_another_level_among_the_blocks_is_still_reported():
    doc = _by_beads("### 响应\n\n响应体将为：\n", "## Responses\n", [((0, 1), (0,))])
    assert [f.message for f in run_check(StructureMismatch, doc)] == [
        "2 blocks of the source are merged into one level-2 heading in the translation"]


def test_a_translation_indenting_what_follows_a_source_item_under_it_is_not_reported():
    # rocketmq-site 03RocketMQEventBridgeQuickStart.md: the zh leaves the paragraph after
    # '* 获取 EventBridge' unindented, the en indents it under the item.
    zh = "- 获取 EventBridge\n\n你可以从[这里](a.md)下载。\n"
    en = "- Get EventBridge\n\n  You can download it from [here](a.md).\n"
    assert run_check(StructureMismatch, _by_beads(zh, en, [((0,), (0,)), ((1,), (1,))])) == []


@pytest.mark.parametrize("en", [
    ":::tip\n\nSet the default public key.\n\n:::\n",
    "> [!TIP]\n> Set the default public key.\n",
])
def test_a_bold_label_that_becomes_an_admonition_is_not_lost(en):
    # rocketmq-site 04release-manual.md: zh '**Tips:** 需要设置默认公钥' ↔ en ':::tip' box.
    zh = "**Tips:** 需要设置默认公钥。\n"
    source = parse_document(zh, "zh/a.md", "zh")
    target = parse_document(en, "en/a.md", "en")
    doc = _by_beads(zh, en, [((0,), tuple(range(len(target.sentences))))])
    assert len(source.sentences) == 1
    assert run_check(MarkupMismatch, doc) == []


def test_a_bold_label_dropped_outside_an_admonition_is_reported():
    zh = "**Tips:** 需要设置默认公钥。\n"
    en = "Tips: set the default public key.\n"
    found = run_check(MarkupMismatch, _by_beads(zh, en, [((0,), (0,))]))
    assert [f.message for f in found] == [
        "bold of the source is missing from the translation: **Tips:**"]


def test_pairs_without_any_markup_have_no_markup_findings():
    from qa.checks.markup import MarkupMismatch

    assert run_check(MarkupMismatch, aligned("Plain text here.\n", "纯文本。\n")) == []
    [f] = run_check(MarkupMismatch, aligned("Plain text here.\n", "**纯文本**。\n"))
    assert f.message == "bold on the translation only: **纯文本**"


REF_EN = """See the [configuration reference][config] and the [guide].

[config]: https://example.com/en/docs/config.md#options
[guide]: ./guide.md "The guide"
[^1]: A footnote.
"""
REF_ZH = """请参见[配置参考][config]和[指南][guide]。

[config]: https://example.com/zh/docs/config.md#选项
[guide]: ./guide.md "指南"
[^1]: 一条脚注。
"""


def test_link_definitions_that_agree_after_locale_and_fragment_give_nothing():
    assert run_check(LinkDefinitionMismatch, aligned(REF_EN, REF_ZH)) == []


def test_a_link_definition_pointing_elsewhere_in_the_translation():
    zh = REF_ZH.replace("./guide.md", "./guides.md")
    found = run_check(LinkDefinitionMismatch, aligned(REF_EN, zh))
    assert [(f.code, f.source.line, f.target.line) for f in found] == [("M004", 4, 4)]
    assert found[0].message == ("[guide] links to ./guide.md in the source and to "
                                "./guides.md in the translation")


def test_a_definition_the_translation_uses_but_left_out():
    zh = REF_ZH.replace('[guide]: ./guide.md "指南"\n', "")
    found = run_check(LinkDefinitionMismatch, aligned(REF_EN, zh))
    assert [(f.code, f.source.line, f.target) for f in found] == [("M004", 4, None)]
    assert "not in the translation, which refers to it" in found[0].message
    # Rewritten as an inline link, the definition is not needed.
    zh = zh.replace("[指南][guide]", "[指南](./guide.md)")
    assert run_check(LinkDefinitionMismatch, aligned(REF_EN, zh)) == []


FENCE_EN = """:::info
The SDK commits the failure result.
:::

Run it:

```bash
sh bin/mqbroker
```

Done.
"""
FENCE_ZH = """:::info
SDK 会提交消费失败结果。
:::

运行：

```bash
sh bin/mqbroker
```

完成。
"""


def test_closed_fences_give_nothing():
    assert run_check(UnclosedFence, aligned(FENCE_EN, FENCE_ZH)) == []


def test_a_container_closed_by_a_fence_glued_to_the_text():
    zh = FENCE_ZH.replace("SDK 会提交消费失败结果。\n:::", "SDK 会提交消费失败结果。:::")
    found = run_check(UnclosedFence, aligned(FENCE_EN, zh))
    assert [(f.code, f.source, f.target.line) for f in found] == [("M005", None, 1)]
    assert found[0].message == (
        "the :::info container opened here is never closed in the translation: what follows "
        "renders inside it; the ::: at the end of line 2 does not close it: put it on a line "
        "of its own")


def test_a_code_fence_left_open_and_nested_containers():
    zh = FENCE_ZH.replace("sh bin/mqbroker\n```\n", "sh bin/mqbroker\n")
    found = run_check(UnclosedFence, aligned(FENCE_EN, zh))
    assert [(f.target.line, f.message.split(":")[0]) for f in found] == [
        (7, "the code fence opened here is never closed in the translation")]
    # An outer container with more colons holds an inner one; both close.
    nested = "::::note\n外层。\n\n:::tip\n内层。\n:::\n::::\n"
    assert run_check(UnclosedFence, aligned("::::note\nOuter.\n\n:::tip\nInner.\n:::\n::::\n",
                                            nested)) == []
    # A closing fence with fewer colons than the container closes nothing.
    from align.reader import parse_document
    from qa.checks.markup import unclosed_fences

    doc = parse_document("::::note\nA\n:::\n", "x.md", "en")
    assert [(b.line, fence) for b, fence in unclosed_fences(doc)] == [(1, "::::note")]
    # The source's own open fence is reported on the source side.
    found = run_check(UnclosedFence, aligned(FENCE_EN.replace("\n:::\n", "\n"), FENCE_ZH))
    assert [(f.source.line, f.target) for f in found] == [(1, None)]


def test_a_chinese_book_title_is_an_english_italic():
    # 《用户手册》 ↔ *User Guide*: each language marks a title its own way.
    found = run_check(MarkupMismatch, aligned("See the *User Guide* and *Ops*.\n",
                                              "参见《用户手册》和《运维指南》。\n"))
    assert found == []
    # An italic beyond the titles is still reported, in either direction.
    found = run_check(MarkupMismatch, aligned("See the *User Guide*, *now*.\n",
                                              "现在参见《用户手册》。\n"))
    assert [f.message for f in found] == ["italic of the source is missing from the "
                                          "translation: *now*"]


def test_an_english_italic_term_is_a_chinese_quoted_term():
    # kubernetes/website zh-cn introduces a term in quotation marks where English italicises.
    found = run_check(MarkupMismatch, aligned(
        "In Kubernetes, some objects are *owners* of other objects.\n",
        "在 Kubernetes 中，一些对象是其他对象的“属主（Owner）”。\n"))
    assert found == []
    # Quotations the English has too are no stand-in for its italic.
    found = run_check(MarkupMismatch, aligned('He said "stop" to the *owners*.\n',
                                              "他对属主说“停下”。\n"))
    assert [f.message for f in found] == ["italic of the source is missing from the "
                                          "translation: *owners*"]


def test_an_english_italic_is_a_chinese_bold():
    # Kubernetes zh-cn: _Pods_ are … ↔ **Pod** 是……; Chinese type has no italics.
    assert run_check(MarkupMismatch, aligned("_Pods_ are the smallest units.\n",
                                             "**Pod** 是最小的单元。\n")) == []
    assert run_check(MarkupMismatch, zh_en("**Pod** 是最小的单元。\n",
                                           "_Pods_ are the smallest units.\n")) == []
    # Bold the source has too is no stand-in: the italic is still missing.
    found = run_check(MarkupMismatch, aligned("**Pods** are _very_ small.\n",
                                              "**Pod** 非常小。\n"))
    assert [f.message for f in found] == ["italic of the source is missing from the "
                                          "translation: _very_"]


def test_html_text_rendered_as_a_paragraph_is_no_structure_change():
    found = run_check(StructureMismatch, aligned("# T\n\n<p>The broker keeps messages.</p>\n",
                                                 "# T\n\nBroker 会保存消息。\n"))
    assert found == []


def test_a_code_name_the_translation_refers_back_to_is_not_missing():
    # apache/shardingsphere: the English names `t_order` twice, the Chinese once and then
    # 它 ("it"); apache/apisix: "The `data-mask` Plugin" is 该插件 ("this plugin") under the
    # data-mask heading. Both were judged false alarms.
    en = "Create the table `t_order`, then shard `t_order` by `order_id`.\n"
    zh = "创建表 `t_order`，然后按 `order_id` 对它分片。\n"
    assert run_check(MarkupMismatch, aligned(en, zh)) == []
    en = "## data-mask\n\nThe `data-mask` Plugin masks fields.\n"
    zh = "## data-mask\n\n该插件用于对字段脱敏。\n"
    assert run_check(MarkupMismatch, aligned(en, zh)) == []
    # In a later section too: the page's title names the plugin.
    en = ("# data-mask\n\nMasks fields.\n\n## Delete Plugin\n\nTo remove the `data-mask` "
          "Plugin, delete its configuration.\n")
    zh = "# data-mask\n\n对字段脱敏。\n\n## 删除插件\n\n当你需要删除该插件时，删除相应的配置。\n"
    assert run_check(MarkupMismatch, aligned(en, zh)) == []
    # Without a word that refers back, the dropped name is still reported; so is a name the
    # translation never gave.
    dropped = run_check(MarkupMismatch, aligned(
        "Create the table `t_order`, then shard `t_order` by `order_id`.\n",
        "创建表 `t_order`，然后按 `order_id` 分片。\n"))
    assert [f.message for f in dropped] == ["3 code spans in the source, 2 in the translation"]
    never = run_check(MarkupMismatch, aligned("Set `a.b` first.\n", "先设置该值。\n"))
    assert [f.message for f in never] == [
        "code span of the source is missing from the translation: `a.b`"]
    # zh → en alike: the English says "it" for the name the Chinese repeats.
    assert run_check(MarkupMismatch, zh_en(
        "创建表 `t_order`，然后按 `order_id` 对 `t_order` 分片。\n",
        "Create the table `t_order`, then shard it by `order_id`.\n")) == []


def test_a_bare_url_made_a_link_is_the_same_link():
    # apache/doris-website: the English gives the URL bare, the Chinese as a link to itself.
    en = "1. Download the certificate at https://curl.se/docs/caextract.html: cacert.pem\n"
    zh = ("1. 在 [https://curl.se/docs/caextract.html](https://curl.se/docs/caextract.html) "
          "下载证书：cacert.pem\n")
    assert run_check(MarkupMismatch, aligned(en, zh)) == []
    other = zh.replace("(https://curl.se/docs/caextract.html)", "(https://curl.se/)")
    assert [f.code for f in run_check(MarkupMismatch, aligned(en, other))] == ["M001"]


def test_a_quoted_note_made_an_admonition_keeps_its_structure():
    # apache/doris-website: a "> Note" quote in English is a :::caution box in Chinese.
    en = "> Note that.\n>\n> At least three followers are required.\n"
    zh = ":::caution\n注意：\n\n至少需要三台 follower。\n:::\n"
    assert run_check(StructureMismatch, aligned(en, zh)) == []
    # A quote that became a plain paragraph is reported, and says so.
    plain = run_check(StructureMismatch, aligned("> At least three followers are required.\n",
                                                 "- 至少需要三台 follower。\n"))
    assert [f.message for f in plain] == [
        "quoted paragraph in the source is a list item in the translation"]


def test_an_interface_label_the_translation_shows_translated_is_not_missing_code():
    # apache/dolphinscheduler's quick start: the English sets the buttons in code, the
    # Chinese names them in its own words, in quotation marks.
    en = "After all done, we can run the workflow by clicking the `Online` and then the `Run` button.\n"
    zh = "全部完成后，我们可以通过单击“在线”然后单击“运行”按钮来运行工作流。\n"
    assert run_check(MarkupMismatch, aligned(en, zh)) == []
    # A label kept in English but left plain lost its code formatting; a code name is kept.
    kept = "全部完成后，我们可以通过单击 Online 然后单击 Run 按钮来运行工作流。\n"
    assert [f.code for f in run_check(MarkupMismatch, aligned(en, kept))] == ["M001"]
    names = run_check(MarkupMismatch, aligned("Set `jobId` first.\n", "先设置任务编号。\n"))
    assert [f.code for f in names] == ["M001"]


def test_m006_a_merge_conflict_left_in_the_translation_is_one_finding():
    # reactjs/zh-hans.react.dev learn/editor-setup.md, as stored upstream.
    en = ("# Editor\n\nMost of the time, React's error messages help you find the problem.\n\n"
          "Use Quick Open (press Ctrl/Cmd+P).\n")
    zh = ("# 编辑器\n\n<<<<<<< HEAD\n大多数时候，React 的错误信息能帮你找到问题。\n=======\n"
          "Most of the time, React's error messages help you find the problem.\n"
          ">>>>>>> 5d2a9c1f (Sync with react.dev)\n\n使用快速打开（按 Ctrl/Cmd+P）。\n")
    [f] = run_check(ConflictMarkers, aligned(en, zh))
    assert (f.code, f.target.line, f.target.end_line, f.source) == ("M006", 3, 7, None)
    assert f.message == ("merge conflict left in the translation (lines 3-7): both versions "
                         "and git's markers are on the page")
    # A marker line left alone after the rest was resolved, on the source side.
    resolved = zh.replace("<<<<<<< HEAD\n", "").split("=======")[0] + "\n使用快速打开。\n"
    [f] = run_check(ConflictMarkers, aligned(en.replace("\n\nUse", "\n>>>>>>> 5d2a9c1f\n\nUse"),
                                             resolved))
    assert (f.source.line, f.target, f.message) == (
        4, None, "merge-conflict marker left in the source")


def test_m006_a_conflict_shown_in_a_code_block_or_a_setext_underline_is_no_marker():
    en = ("# Resolving conflicts\n\nGit marks the conflict:\n\n```\n<<<<<<< HEAD\nours\n"
          "=======\ntheirs\n>>>>>>> feature\n```\n\nTitle\n=======\n\nText.\n")
    zh = ("# 解决冲突\n\nGit 会标出冲突：\n\n```\n<<<<<<< HEAD\nours\n"
          "=======\ntheirs\n>>>>>>> feature\n```\n\n标题\n=======\n\n正文。\n")
    assert run_check(ConflictMarkers, aligned(en, zh)) == []


def test_an_italic_variable_is_the_math_of_the_other_side():
    # TDengine's TDgpt pages: the Chinese writes the variable as math ($v$, $0 < K \le
    # 49.9$), the English in italics (*v*, *k*).
    zh = ("# IQR\n\n对于 $v$，$Q1 \\le v \\le Q3$ 是正常值。\n\n|参数|说明|\n|---|---|\n"
          "|max_anoms|异常值比例 $0 < K \\le 49.9$|\n")
    en = ("# IQR\n\nFor *v*, Q1 \\<= v \\<= Q3 is normal.\n\n|Parameter|Description|\n"
          "|---|---|\n|max_anoms|Maximum proportion of anomalous data *k*, where 0 \\< *k* "
          "\\<= 49.9|\n")
    assert run_check(MarkupMismatch, zh_en(zh, en)) == []
    # An italic that names nothing of the formula is still reported.
    [f] = run_check(MarkupMismatch, zh_en(zh, en.replace("For *v*", "For *each value*")))
    assert f.message == "italic on the translation only: *each value*"


def test_a_bold_note_label_in_a_quote_is_the_other_side_s_note_box():
    # StarRocks data_compression.md (zh → en): "> **说明**" against ":::note".
    zh = ("您只能在创建表时为其设置数据压缩算法。\n\n> **说明**\n>\n"
          "> 如不指定数据压缩算法，StarRocks 默认使用 LZ4。\n")
    en = ("You can specify a data compression algorithm only when creating the table.\n\n"
          ":::note\n\nIf no data compression algorithm is specified, StarRocks uses LZ4 by "
          "default.\n\n:::\n")
    assert run_check(MarkupMismatch, zh_en(zh, en)) == []


def test_code_spans_the_translation_writes_as_one_count_once():
    # volcano hierarchical_queue.md: `deserved`/`guarantee` ↔ `deserved/guarantee`.
    en = ("The sum of the `deserved`/`guarantee` values of child queues cannot exceed the "
          "`deserved`/`guarantee` values of the parent queue.\n")
    zh = "子队列的`deserved/guarantee`总和不能超过父队列配置的`deserved/guarantee`值。\n"
    assert run_check(MarkupMismatch, aligned(en, zh)) == []
    dropped = "子队列的`deserved/guarantee`总和不能超过父队列配置的 deserved/guarantee 值。\n"
    assert [f.code for f in run_check(MarkupMismatch, aligned(en, dropped))] == ["M001"]


def test_m001_points_at_the_code_span_that_went_missing():
    # umi api/runtime-config.md (zh → en): `loading` lost, not `false`, which both have.
    zh = "手动设置 `initialState` 的值，手动设置完毕会将 `loading` 置为 `false`。\n"
    en = ("Manually set the value of `initialState`, and the loading will be set to `false` "
          "after manual setting.\n")
    [f] = run_check(MarkupMismatch, zh_en(zh, en))
    assert (f.message, f.source.text) == ("3 code spans in the source, 2 in the translation",
                                          "`loading`")


def test_a_term_in_corner_quotes_is_english_italics():
    # apache/echarts-doc visual-map.md (zh → en): 『线』 ↔ *lines*.
    zh = "比如折线图把数据映射到『线』，柱状图把数据映射到『长度』。\n"
    en = "For example, line charts map data into *lines*, bar charts map data into *length*.\n"
    assert run_check(MarkupMismatch, zh_en(zh, en)) == []


def test_bold_around_a_whole_header_cell_is_no_markup_lost():
    # apache/dubbo-website (zh → en): a header cell is shown bold anyway.
    zh = "| 字段名 | 类型 | **描述** | 必填 |\n| --- | --- | --- | --- |\n| scope | 是 | 规则 | 是 |\n"
    en = "| Field | Type | Description | Required |\n| --- | --- | --- | --- |\n| scope | Yes | Rule | Yes |\n"
    assert run_check(MarkupMismatch, zh_en(zh, en)) == []
    # In a body cell, or around part of a header cell, bold is the text's own.
    body = zh.replace("| 规则 |", "| **规则** |")
    assert [f.code for f in run_check(MarkupMismatch, zh_en(body, en))] == ["M001"]
    part = zh.replace("| **描述** |", "| **描述**说明 |")
    assert [f.code for f in run_check(MarkupMismatch, zh_en(part, en))] == ["M001"]


def test_a_value_written_with_its_property_in_one_code_span_is_no_code_lost():
    # youzan/vant (zh → en): `fit` 为 `contain` ↔ `fit=contain`.
    zh = ("通过 `round` 属性可以设置图片变圆，注意当 `fit` 为 `contain` 或 `scale-down` 时，"
          "将无法填充一个完整的圆形。\n")
    en = ("The `round` prop makes the image round; it may not fill a full circle when "
          "`fit=contain` or `fit=scale-down`.\n")
    assert run_check(MarkupMismatch, zh_en(zh, en)) == []
    assert run_check(TokenMismatch, zh_en(zh, en)) == []
    # A value the translation changed is still another token.
    assert [f.code for f in run_check(TokenMismatch, zh_en(zh, en.replace("fit=contain",
                                                                          "fit=cover")))] \
        == ["N002", "N002"]

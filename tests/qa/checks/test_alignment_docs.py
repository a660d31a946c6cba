"""The A rules on documentation pages, in both directions: snippets of the seatunnel (en → zh)
and rocketmq-site (zh → en) pages for each false-alarm pattern fixed and each defect kept."""

from align.alignment import Alignment, Bead
from align.reader import parse_document
from align.signature import Signature
from qa.checks.alignment import (
    Addition,
    Drift,
    LengthRatio,
    Omission,
    Truncation,
    WrongLanguage,
    anchors,
    ends_mid_clause,
    languages,
)
from qa.core.run import AlignedDocument
from tests.qa.helpers import aligned, block_alignment, run_check

A_RULES = (Omission, Addition, Truncation, Drift, LengthRatio, WrongLanguage)


def zh_en(zh: str, en: str, name: str = "a.md", beads: list[tuple] | None = None,
          confidence: float = 0.9) -> AlignedDocument:
    """An aligned pair with a Chinese source and an English translation (rocketmq-site)."""
    source = parse_document(zh, f"zh/{name}", "zh")
    target = parse_document(en, f"en/{name}", "en")
    if beads is None:
        alignment = block_alignment(source, target, confidence)
    else:
        alignment = Alignment(source, target, [Bead(tuple(s), tuple(t), confidence)
                                               for s, t in beads],
                              signature=Signature.of(aligner="test"))
    return AlignedDocument(name, alignment)


def codes(doc: AlignedDocument, *checks, **settings) -> list[str]:
    return [f.code for c in checks or A_RULES for f in run_check(c, doc, **settings)]


# ---------------------------------------------------------------------------------------------
# A003: no finding without evidence of a cut

def test_titles_alt_text_and_lead_ins_without_a_period_are_not_truncation():
    # rocketmq 03messagequeue.md: a heading, a sentence that ends in an image, a lead-in.
    zh = ("## 模型关系\n\n在整个 Apache RocketMQ 的领域模型中，队列所处的流程和位置如下："
          "![队列](../picture/v5/archiforqueue.png)\n\n"
          "这里我们利用环境变量`NAMESRV_ADDR`\n\n```shell\nexport NAMESRV_ADDR=localhost:9876\n```\n")
    en = ("## Model relationship\n\nThe following figure shows the position of queues in the "
          "domain model of Apache RocketMQ.![队列](../picture/v5/archiforqueue.png)\n\n"
          "Here we use the environment variable `NAMESRV_ADDR` to set it, which is the most "
          "common way.\n\n```shell\nexport NAMESRV_ADDR=localhost:9876\n```\n")
    assert codes(zh_en(zh, en), Truncation) == []


def test_table_cells_and_list_items_of_a_bare_list_are_not_truncation():
    # rocketmq 10consumerretrypolicy.md and 05Exporter.md: items and cells end bare by style.
    zh = ("修改消息不可见时间需要满足以下条件：\n\n* 消息处理未超时\n\n* 消息处理未提交消费状态\n\n"
          "| 指标 | 含义 |\n|---|---|\n| rocketmq_brokeruntime_commitlogdir_capacity_free | "
          "commitLog所在目录的可用空间 |\n")
    en = ("The following conditions must be met:\n\n* A timeout error has not occurred on the "
          "current message.\n\n* A consumption status of the current message is not returned."
          "\n\n| Metric | Meaning |\n|---|---|\n| rocketmq_brokeruntime_commitlogdir_capacity_free "
          "| Available space in the directory where the commitLog is located, in bytes. |\n")
    assert codes(zh_en(zh, en), Truncation) == []


def test_front_matter_and_admonition_titles_are_not_truncation():
    en = ("---\ntitle: Speed Limit\ndescription: How to limit the speed of a job in SeaTunnel "
          "with read_limit options\n---\n\n:::tip Important note for users\n\nSet the limits "
          "before you start the job.\n\n:::\n")
    zh = "---\ntitle: 速度限制\ndescription: 如何限制\n---\n\n:::tip 提示\n\n在启动作业之前设置限制。\n\n:::\n"
    assert codes(aligned(en, zh), Truncation) == []


def test_a_missing_period_alone_is_not_truncation():
    # seatunnel speed-limit.md: the source paragraph ends without a period, as does its
    # translation; nothing is cut.
    en = ("The speed limit supports the batch and stream mode\n\nIt limits rows per second. "
          "It limits bytes per second.\n\nThe limit applies to each parallel reader.\n")
    zh = "速度限制支持批和流模式\n\n它限制每秒行数。它限制每秒字节数。\n\n限制作用于每个并行读取器。\n"
    assert codes(aligned(en, zh), Truncation) == []


def test_a_chinese_source_that_stops_mid_clause_is_one_finding():
    # rocketmq 09-streams overview: the Chinese source ends with a comma; the translation
    # completes the sentence. One finding, at the source, naming the translation too.
    zh = ("计算实例实质上是依赖了Rocket-streams SDK的client，因此，计算实例消费的MQ依赖"
          "RocketMQ rebalance分配，\n")
    en = ("The calculation instances actually depend on the client of the Rocket-streams SDK. "
          "Therefore, the calculation instances consume MQ, dependent on the RocketMQ "
          "rebalance allocation and the number of queues of the topic.\n")
    doc = zh_en(zh, en, beads=[((0,), (0, 1))])
    found = run_check(Truncation, doc)
    assert len(found) == 1
    f = found[0]
    assert f.side == "source" and f.source.path == "zh/a.md" and f.target.path == "en/a.md"
    assert "mid-clause" in f.message and "its translation renders the cut text" in f.message


def test_a_translation_cut_mid_sentence_is_found_in_both_directions():
    en = ("# Ketamine\n\nKetamine is a dissociative anesthetic. It acts within hours through "
          "several mechanisms involving glutamate signaling and the endogenous opioid system.\n")
    zh = "# 氯胺酮\n\n氯胺酮是一种解离性麻醉剂。它在数小时内\n"
    found = run_check(Truncation, aligned(en, zh, beads=[((0,), (0,)), ((1,), (1,)),
                                                         ((2,), (2,))]))
    assert [(f.code, f.primary.path) for f in found] == [("A003", "zh/doc.md")]
    # zh → en: the English translation stops after "and the".
    zh2 = "# 氯胺酮\n\n氯胺酮是一种解离性麻醉剂。它在数小时内通过涉及谷氨酸信号传导和内源性阿片系统的多重机制起效。\n"
    en2 = "# Ketamine\n\nKetamine is a dissociative anesthetic. It acts within hours through several mechanisms and the\n"
    found = run_check(Truncation, zh_en(zh2, en2, beads=[((0,), (0,)), ((1,), (1,)),
                                                        ((2,), (2,))]))
    assert [(f.code, f.primary.path) for f in found] == [("A003", "en/a.md")]


def test_a_stray_cut_word_in_a_list_item_is_kept_as_a_stray_fragment():
    # rocketmq 07consumergroup.md: "aa" left in the English translation after a complete
    # sentence (judged: the right spot, but nothing is cut off: a warning about junk).
    zh = "* 订阅关系：具体信息，请参见订阅关系。\n* 投递顺序性：具体信息，请参见顺序消息。\n"
    en = ("* Subscription: For more information, see Subscriptions.\n  aa\n"
          "* Delivery order: For more information, see fifo messages and aaccount details.\n")
    [f] = run_check(Truncation, zh_en(zh, en))
    assert f.message.startswith("translation is not cut off, but it ends in a stray fragment "
                                "(\"aa\") after a complete sentence")
    assert f.severity.value == "warning"
    assert (f.primary.path, f.primary.line, f.primary.column) == ("en/a.md", 2, 3)  # the token
    # The other direction: the stray token in the Chinese translation of an en page.
    [f] = run_check(Truncation, aligned(en.replace("  aa\n", "").replace(" and aaccount", ""),
                                        zh.replace("订阅关系。\n", "订阅关系。\n  aa\n", 1)
                                        + "\nAaccount aardvark\n"))
    assert "stray fragment" in f.message and f.severity.value == "warning"


def test_a_word_cut_after_other_words_stays_an_error():
    zh = "* 订阅关系：具体信息，请参见订阅关系。\n* 投递顺序性：具体信息，请参见顺序消息。\n"
    en = ("* Subscription: For more information, see the aa\n"
          "* Delivery order: For more information, see fifo messages and aaccount details.\n")
    [f] = run_check(Truncation, zh_en(zh, en))
    assert "mid-word" in f.message and f.severity.value == "error"


def _tables(first: list[str], second: list[str], lang: str) -> str:
    """A page with a metric table, a second table of ``second`` rows, and a closing line."""
    if lang == "zh":
        head, titles, end = "| 指标 | 含义 |\n|---|---|\n", ("## 指标", "## 其他"), "以上为全部指标。"
    else:
        head, titles, end = ("| Metric | Meaning |\n|---|---|\n", ("## Metrics", "## Others"),
                             "These are all the metrics.")
    return (f"{titles[0]}\n\n{head}" + "\n".join(first) + f"\n\n{titles[1]}\n\n{head}"
            + "".join(r + "\n" for r in second) + f"\n{end}\n")


def _table_beads(long: int, short: int) -> list[tuple]:
    """1-1 beads in order, the long side's extra rows (before the last sentence) unpaired."""
    extra = long - short
    return ([((k,), (k,)) for k in range(short - 1)]
            + [((k,), ()) for k in range(short - 1, short - 1 + extra)]
            + [((long - 1,), (short - 1,))])


ROWS_ZH = ["| rocketmq_broker_tps | Broker级别的生产TPS |", "| rocketmq_broker_qps | Broker级别的消费TPS |",
           "| rocketmq_broker_rt | 生产消息的平均耗时 |"]
ROWS_EN = ["| rocketmq_broker_tps | Production TPS of the broker |",
           "| rocketmq_broker_qps | Consumption TPS of the broker |",
           "| rocketmq_broker_rt | Average time to produce a message |"]


def test_a_source_table_repeated_and_translated_once_is_a_duplicate_warning():
    # rocketmq 05Exporter.md: the zh page lists its broker metric rows twice (zh 216-234 =
    # 282-300), the en page once; no text is left untranslated.
    zh, en = _tables(ROWS_ZH, ROWS_ZH, "zh"), _tables(ROWS_EN, [], "en")
    plain = zh_en(zh, en)
    beads = _table_beads(len(plain.alignment.source.sentences),
                         len(plain.alignment.target.sentences))
    found = run_check(Omission, zh_en(zh, en, beads=beads), semantic_evidence=False)
    assert [(f.severity.value, "a duplicate in the source?" in f.message) for f in found] \
        == [("warning", True)]
    # The other direction: an en page with the repeated rows, a zh page with them once.
    en2, zh2 = _tables(ROWS_EN, ROWS_EN, "en"), _tables(ROWS_ZH, [], "zh")
    found = run_check(Omission, aligned(en2, zh2, beads=beads), semantic_evidence=False)
    assert [f.severity.value for f in found] == ["warning"]
    # Rows that are not repeated stay an error.
    zh3 = _tables(ROWS_ZH, ["| a_metric | 第一项 |", "| b_metric | 第二项 |", "| c_metric | 第三项 |"],
                  "zh")
    found = run_check(Omission, zh_en(zh3, en, beads=beads), semantic_evidence=False)
    assert [f.severity.value for f in found] == ["error"]


# rocketmq 06-bestPractice/03access.md: punctuated paragraphs around a complete sentence
# that has no end mark.
ACCESS_ZH = ("RocketMQ在4.4.0版本开始支持ACL。\n\nACL主要由用户、资源、权限三部分组成。\n\n"
             "用户需要在配置文件中定义账号和密码。\n\n")
ACCESS_EN = ("RocketMQ supports ACL since version 4.4.0.\n\nACL consists of users, resources and "
             "permissions.\n\nUsers define accounts and passwords in the configuration file.\n\n")


def test_a_complete_sentence_without_an_end_mark_is_not_truncation():
    zh = ACCESS_ZH + "具体可以参考**distribution/conf/plain_acl.yml**配置文件\n"
    en = ACCESS_EN + ("Refer to the **distribution/conf/plain_acl.yml** configuration file for "
                      "specific information.\n")
    assert codes(zh_en(zh, en), Truncation) == []
    # seatunnel Phoenix.md (en → zh): the English tip ends without a period.
    en2 = ("Two ways of connecting Phoenix with Java JDBC.\n\nOne connects to zookeeper.\n\n"
           "The other connects to queryserver.\n\n> Tips: By default, the (thin) driver jar is "
           "used. If you want to use the (thick) driver  or other versions of Phoenix (thin) "
           "driver, you need to recompile the jdbc connector module\n")
    zh2 = ("两种通过Java JDBC连接Phoenix的方式。\n\n一种连接zookeeper。\n\n另一种连接queryserver。"
           "\n\n> 提示：默认使用（thin）驱动jar包。如果需要使用（thick）驱动或者其他版本的Phoenix（thin）"
           "驱动，需要重新编译jdbc数据接收器模块。\n")
    assert codes(aligned(en2, zh2), Truncation) == []


def test_a_translation_that_lacks_a_clause_is_still_truncation():
    # rocketmq 07-eventbridge/02RocketMQEventBridgeOverview.md en:78: the translation stops
    # after "convert upstream" and drops the last sentence.
    zh = ACCESS_ZH + ("这种方式下，消费者不需要引入SDK订阅Broker，只需要按照自己的业务领域模型设计API，消息服务"
                      "会将上游的事件，过滤并转换成API需要的事件格式。既没有调用链路上的依赖，也没有业务上的依赖。\n")
    en = ACCESS_EN + ("Under this method, consumers do not need to introduce SDK to subscribe to "
                      "Broker, they only need to design API according to their own business "
                      "domain model, and the message service will filter and convert upstream\n")
    more_zh = "".join(f"第{i}个事件经过过滤后投递给订阅方。\n\n" for i in range(8))
    more_en = "".join(f"Event {i} is filtered and delivered to its subscriber.\n\n"
                      for i in range(8))
    doc = zh_en(more_zh + zh, more_en + en,
                beads=[((i,), (i,)) for i in range(11)] + [((11, 12), (11,))])
    found = run_check(Truncation, doc)
    assert [(f.code, f.primary.path, f.primary.line) for f in found] == [
        ("A003", "en/a.md", 23)]


def test_a_lead_in_to_a_nested_list_is_not_truncation():
    # rocketmq 03-domainModel/03messagequeue.md zh:44.
    zh = ACCESS_ZH + ("* 定义：当前队列是否可以读写数据。\n\n* 取值：由服务端定义，枚举值如下\n"
                      "  * 6：读写状态，当前队列允许读取消息和写入消息。\n\n"
                      "* 约束：每个主题下会由一到多个队列来存储消息。\n\n"
                      "* 默认值：默认为读写状态。\n")
    en = ACCESS_EN + ("* Definition: whether the current queue can read and write data.\n\n"
                      "* Values: defined by the broker. The following describes the "
                      "enumerations:\n  * 6: read and write. The queue allows reading and "
                      "writing messages.\n\n* Constraint: each topic stores its messages in "
                      "one or more queues.\n\n* Default value: readable and writable.\n")
    assert codes(zh_en(zh, en), Truncation) == []


def test_a_hard_wrapped_chinese_paragraph_is_not_cut_at_its_comma():
    # rocketmq 09-streams/01RocketMQ Streams Overview.md zh:20-21: the line break after "，"
    # wraps the paragraph; the reader joins the lines.
    zh = ("计算实例实质上是依赖了Rocket-streams SDK的client，因此，计算实例消费的MQ依赖RocketMQ "
          "rebalance分配，\n计算实例总个数也不能大于消费总MQ个数，否则将有部分计算实例处于等待状态，"
          "消费不到数据。\n")
    en = ("The calculation instances actually depend on the client of the Rocket-streams SDK. "
          "Therefore, the calculation instances consume MQ, dependent on the RocketMQ rebalance "
          "allocation. The total number of calculation instances cannot be greater than the "
          "total number of MQ consumed, otherwise some instances will be waiting.\n")
    assert codes(zh_en(zh, en), Truncation) == []


def test_dangling_endings():
    assert ends_mid_clause("计算实例消费的MQ依赖RocketMQ rebalance分配，", "zh") == "，"
    assert ends_mid_clause("Returns an overview over the", "en") == "the"
    assert ends_mid_clause("Subscribe to all the messages in a topic", "en") is None
    # An adverb stands before its verb: a sentence cannot end with it.
    assert ends_mid_clause("从此，片厂就", "zh") == "就"
    assert ends_mid_clause("在这种时候，我又觉得用不", "zh") == "不"
    assert ends_mid_clause("修改后需要重启服务才能生效", "zh") is None


# ---------------------------------------------------------------------------------------------
# Direction: the document's own languages

def test_the_length_model_takes_the_documents_direction():
    doc = zh_en("氯胺酮是一种解离性麻醉剂。\n", "Ketamine is a dissociative anesthetic.\n")
    assert languages(doc) == ("zh", "en")


def test_free_expansion_of_a_zh_lead_in_is_no_length_outlier():
    # rocketmq 06consumertype.md: "具体差异如下：" before a table, rendered at length.
    rows = "".join(f"第{i}种消费者在首次启动后的数天内完成负载均衡。\n\n" for i in range(8))
    rows_en = "".join(f"Consumer type {i} completes load balancing within days of its first "
                      "start.\n\n" for i in range(8))
    zh = rows + "具体差异如下：\n\n| 类型 | 说明 |\n|---|---|\n| Push | 推 |\n"
    en = rows_en + ("The following table describes the differences between the three types of "
                    "consumers in detail.\n\n| Type | Description |\n|---|---|\n| Push | push |\n")
    assert codes(zh_en(zh, en), LengthRatio) == []


def test_a_label_on_its_own_line_is_no_length_outlier():
    # rocketmq 04-featureBehavior/03fifomessage.md: zh "* 有限重试" with its text in an
    # indented paragraph; en "* Limited retries:Apache RocketMQ limits …" on one line.
    rows = "".join(f"第{i}种消费者在首次启动后的数天内完成负载均衡。\n\n" for i in range(8))
    rows_en = "".join(f"Consumer type {i} completes load balancing within days of its first "
                      "start.\n\n" for i in range(8))
    zh = rows + ("* 有限重试\n\n  Apache RocketMQ 顺序消息投递仅在重试次数限定范围内。"
                 "超过最大重试次数后将不再重试。\n")
    en = rows_en + ("* Limited retries:Apache RocketMQ limits the number of delivery retries for "
                    "ordered messages. If a message reaches the maximum number of delivery "
                    "retries, Apache RocketMQ stops retrying.\n")
    beads = [((i,), (i,)) for i in range(8)] + [((8,), (8,)), ((9, 10), (9,))]
    assert codes(zh_en(zh, en, beads=beads), LengthRatio) == []


def test_an_added_sentence_is_a_length_outlier_in_both_directions():
    rows = [(f"第{i}位患者报告在首次给药后数天内得到缓解。",
             f"Patient {i} reported relief within days of the first dose.") for i in range(8)]
    extra_zh = ("氯胺酮具有真实的成瘾性，部分人会发展出强迫性使用模式，损害工作、人际关系和经济状况，"
                "并且在停药以后仍会长期渴求这种药物带来的解离体验。")
    zh = "\n\n".join([z for z, _ in rows] + ["氯胺酮具有成瘾性。"]) + "\n"
    en = "\n\n".join([e for _, e in rows] + [
        "Ketamine is addictive: some people develop compulsive use patterns that damage work, "
        "relationships and finances, and go on craving the dissociative state long after they "
        "stop taking the drug."]) + "\n"
    assert len(run_check(LengthRatio, zh_en(zh, en))) == 1
    zh_long = "\n\n".join([z for z, _ in rows] + [extra_zh]) + "\n"
    en_short = "\n\n".join([e for _, e in rows] + ["Ketamine is addictive."]) + "\n"
    assert len(run_check(LengthRatio, aligned(en_short, zh_long))) == 1


# ---------------------------------------------------------------------------------------------
# A004: free translations, identical cells and numbers written out are no drift

def test_identical_and_code_like_cells_are_no_drift_even_with_low_confidence():
    zh = "| 指标 | 名称 |\n|---|---|\n| earliestMessageTimeStamp | putMessageTimesTotal |\n"
    en = "| Metric | Name |\n|---|---|\n| earliestMessageTimeStamp | putMessageTimesTotal |\n"
    assert codes(zh_en(zh, en, confidence=0.1), Drift) == []


def test_numbers_written_out_share_their_anchors():
    zh = "例如，最大重试次数为3次，则该消息最多可被投递4次，1次为原始消息，3次为重试投递次数。\n"
    en = ("For example, if the maximum number of retries is three, the message can be delivered "
          "four times: one original attempt and three retries.\n")
    pair = zh_en(zh, en).pairs[0]
    assert anchors(pair)[2] >= {"3", "4", "1"}
    assert codes(zh_en(zh, en), Drift) == []


def test_an_acronym_s_english_plural_is_the_same_anchor():
    # StarRocks upgrade.md (zh → en): BE, CN, FE written BEs, CNs, FEs.
    zh = "错误的升级顺序可能会导致 FE 与 BE/CN 不兼容，进而导致服务崩溃。\n"
    en = ("Upgrading them in an inverted order may lead to incompatibility between FEs and "
          "BEs/CNs, and thereby cause the service to crash.\n")
    pair = zh_en(zh, en).pairs[0]
    assert anchors(pair)[2] == {"fe", "be", "cn"}
    assert codes(zh_en(zh, en), Drift) == []


def test_an_english_plural_shares_the_anchor_of_the_word_the_chinese_keeps():
    # cloudwego hertz cors.md (zh → en): Header ↔ headers.
    zh = "用于设置允许客户端从 HTTP Response 的 Header 中获取的自定义头信息字段名称。\n"
    en = ("The property indicates which headers are safe to expose to the API of a CORS API "
          "specification.\n")
    assert "header" in anchors(zh_en(zh, en).pairs[0])[2]
    assert codes(zh_en(zh, en), Drift) == []


def test_a_retitled_heading_is_no_drift():
    # rocketmq 07messagefilter.md: "消息过滤原理" → "Working mechanism".
    assert codes(zh_en("## 消息过滤原理\n", "## Working mechanism\n", confidence=0.1),
                 Drift) == []


def test_disjoint_anchors_still_drift_in_the_zh_en_direction():
    zh = "BDNF与TrkB受体在10 nM时结合。\n"
    en = "Patients felt relief within 3 days.\n"
    assert codes(zh_en(zh, en), Drift) == ["A004"]


# ---------------------------------------------------------------------------------------------
# A001/A002: real omissions kept, one finding per missing table

def test_missing_table_rows_are_one_omission_and_a_missing_tip_is_kept():
    en = ("Options:\n\n| name | type |\n|---|---|\n| host | string |\n| port | int |\n"
          "| user | string |\n\n:::tip\n\nThe port must be open before the job starts.\n\n:::\n\n"
          "The job runs in batch mode.\n")
    zh = "选项：\n\n| 名称 | 类型 |\n|---|---|\n| host | string |\n\n作业以批处理模式运行。\n"
    beads = [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,)), ((4,), (4,)),
             ((5,), ()), ((6,), ()), ((7,), ()), ((8,), ()), ((9,), ()), ((10,), (5,))]
    doc = aligned(en, zh, beads=beads)
    found = run_check(Omission, doc)
    lines = sorted(f.source.line for f in found)
    assert lines == [6, 11], [f.message for f in found]  # the rows, then the tip


def test_an_untranslated_end_is_one_finding():
    # rocketmq 02concepts.md: the last entries of the source have no translation.
    zh = ("# 概念\n\n消息是最小的数据传输单元。\n\n## 消息轨迹\n\n消息轨迹记录完整链路。\n\n"
          "## 消息堆积\n\n服务端保存着未被消费的消息。\n")
    en = "# Concepts\n\nA message is the smallest unit of data transmission.\n"
    doc = zh_en(zh, en, beads=[((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()),
                               ((4,), ()), ((5,), ())])
    assert codes(doc, Omission, Truncation) == ["A003"]


# ---------------------------------------------------------------------------------------------
# A006: a translation in the wrong language is one finding

def test_an_english_file_in_the_chinese_place_is_one_finding():
    text = "".join(f"Paragraph {i} explains how the connector reads rows from the source.\n\n"
                   for i in range(8))
    doc = aligned(text, text)
    assert codes(doc) == ["A006"]
    (f,) = run_check(WrongLanguage, doc)
    assert "zh/doc.md" in f.message and "English" in f.message


def test_a_chinese_file_in_the_english_place_is_one_finding():
    zh = "".join(f"第{i}段说明连接器如何从数据源读取数据。\n\n" for i in range(8))
    assert codes(zh_en(zh, zh)) == ["A006"]


def test_a_chinese_translation_with_many_latin_terms_is_in_the_right_language():
    en = "".join(f"Set `option_{i}` to control the SeaTunnel Kafka source.\n\n" for i in range(8))
    zh = "".join(f"设置 `option_{i}` 以控制 SeaTunnel Kafka source。\n\n" for i in range(8))
    assert run_check(WrongLanguage, aligned(en, zh)) == []


# ---------------------------------------------------------------------------------------------
# A001/A002: table header cells paired crosswise, code moved out of a code block

def test_a_header_cell_translated_in_place_is_no_addition():
    # seatunnel seatunnel-engine/rest-api-v2.md zh:42: the aligner pairs "type" with "参数类型"
    # and "data type" with "参数描述"'s neighbour, leaving "是否必传" unpaired.
    en = ("> |   name   |   type   | data type |   description   |\n"
          "> |----------|----------|-----------|-----------------|\n")
    zh = ("> |  参数名称  | 是否必传 | 参数类型 |           参数描述           |\n"
          "> |--------|------|------|--------------------------|\n")
    beads = [((0,), (0,)), ((), (1,)), ((1,), (2,)), ((2,), ()), ((3,), (3,))]
    doc = aligned(en, zh, beads=beads)
    assert codes(doc, Addition, Omission) == []
    # A row of another shape: the unpaired cells are reported.
    zh3 = ("> |  参数名称  | 是否必传 | 参数类型 |\n> |--------|------|------|\n")
    doc3 = aligned(en, zh3, beads=[((0,), (0,)), ((), (1,)), ((1,), (2,)), ((2, 3), ())])
    assert sorted(codes(doc3, Addition, Omission)) == ["A001", "A002"]


def test_a_sentence_left_out_of_a_translated_cell_is_still_an_omission():
    # rocketmq 01-introduction/03limits.md zh:11: the cell's second sentence is not rendered.
    zh = "| 请求超时时间 | 默认值：3000毫秒。 <br></br> 取值范围：该参数为客户端本地行为，取值范围建议不要超过30000毫秒。 |\n"
    en = "| Request timeout | Default value：3000ms. |\n"
    doc = zh_en(zh, en, beads=[((0,), (0,)), ((1,), (1,)), ((2,), ())])
    assert codes(doc, Omission) == ["A001"]


def test_a_command_moved_out_of_a_code_block_is_no_addition():
    # rocketmq 06-bestPractice/02dledger.md en:109: the zh code block became inline code.
    zh = ("与老版本的启动方式一致。\n\n```shell\n$ nohup sh bin/mqbroker -c "
          "conf/dledger/xxx-n0.conf & \n```\n")
    en = ("Startup stays consistent with the old version.\n\n"
          "`nohup sh bin/mqbroker -c conf/dledger/xxx-n0.conf & `  \n")
    assert codes(zh_en(zh, en), Addition) == []
    # Inline code found in no code block of the source is an addition.
    en2 = en.replace("xxx-n0", "xxx-n9")
    assert codes(zh_en(zh, en2), Addition) == ["A002"]


def test_only_unpaired_sentences_are_searched_for_in_the_other_sides_code():
    # Each search is of all the other side's code: asked of every sentence, a long document
    # took time in the square of its length (A002, 2 MB → 8 MB: 12 times as long).
    from qa.checks import alignment

    zh = ("与老版本的启动方式一致。\n\n```shell\n$ nohup sh bin/mqbroker -c "
          "conf/dledger/xxx-n0.conf & \n```\n")
    en = ("Startup stays consistent with the old version.\n\n"
          "`nohup sh bin/mqbroker -c conf/dledger/xxx-n0.conf & `  \n")
    everything = [((0,), (0,)), ((), (1,))]
    assert alignment._code_from_a_block(zh_en(zh, en, beads=everything), "target") == {1}
    # Paired, the same sentence is not asked about.
    assert alignment._code_from_a_block(zh_en(zh, en, beads=[((0,), (0, 1))]), "target") == set()


# ---------------------------------------------------------------------------------------------
# A001/A002: a sentence the aligner left unpaired although the other side renders it

def _en_zh(en: str, zh: str, beads: list[tuple]) -> AlignedDocument:
    return aligned(en, zh, beads=beads)


def test_a_1_0_and_a_0_1_bead_that_translate_each_other_are_no_omission_or_addition():
    # rocketmq 05-deploymentOperations/03autofailover.md zh:115 / en:113: the aligner made a
    # 1-0 and a 0-1 bead for a sentence and its translation.
    zh = ("升级前需要确认集群状态。\n\n针对 Broker 升级，分为两种情况：\n\n"
          "第一种情况需要先备份数据。\n")
    en = ("Check the cluster state before the upgrade.\n\n"
          "For broker upgrades, there are two cases:\n\nIn the first case, back up the data.\n")
    beads = [((0,), (0,)), ((1,), ()), ((), (1,)), ((2,), (2,))]
    assert codes(zh_en(zh, en, beads=beads), Omission, Addition) == []
    assert codes(_en_zh(en, zh, beads), Omission, Addition) == []


def test_a_second_sentence_rendered_inside_its_neighbour_is_no_addition():
    # rocketmq 01-introduction/02concepts.md: one zh sentence, two en sentences; the aligner
    # paired the first and left the second unpaired.
    zh = ("Apache RocketMQ 从5.0版本开始，支持强制校验消息类型，即每个主题Topic只允许发送一种消息"
          "类型的消息，这样可以更好的运维和管理生产系统，避免混乱。\n")
    en = ("Starting from version 5.0, Apache RocketMQ supports enforcing the validation of "
          "message types, that is, each topic only allows messages of a single type to be sent. "
          "This can better facilitate operation and management of production systems and "
          "avoid confusion.\n")
    assert codes(zh_en(zh, en, beads=[((0,), (0,)), ((), (1,))]), Addition) == []
    # The other direction: the English second sentence is rendered by the Chinese neighbour.
    assert codes(_en_zh(en, zh, [((0,), (0,)), ((1,), ())]), Omission) == []


def test_an_omitted_sentence_beside_a_pair_on_the_same_subject_is_kept():
    # rocketmq 13-sdk/01overview.md zh:40: the en paragraph does not say that the SDK evolves
    # with the server's repository.
    zh = ("Remoting 协议 SDK 作为 Apache RocketMQ 最初演进的 SDK，使用 RocketMQ 内部组件的 "
          "Remoting 通信协议。Remoting 协议 SDK 和服务端主仓库同步演进迭代。\n")
    en = ("The Remoting protocol SDK, as the initial SDK evolution of Apache RocketMQ, uses the "
          "Remoting communication protocol of internal components of RocketMQ.\n")
    assert codes(zh_en(zh, en, beads=[((0,), (0,)), ((1,), ())]), Omission) == ["A001"]
    assert codes(_en_zh(en, zh, [((0,), (0,)), ((), (1,))]), Addition) == ["A002"]


# ---------------------------------------------------------------------------------------------
# A004: disjoint anchors are drift only when the words disagree too

def test_identifiers_spelled_out_in_the_translation_are_no_drift_in_both_directions():
    # rocketmq 04-featureBehavior/09consumerprogress.md: the zh keeps the identifiers, the en
    # spells them out ("minimum offset"); the rest of the sentence is translated word by word.
    zh = "队列中消息位点MinOffset、MaxOffset和每个消费者分组的消费位点ConsumerOffset的关系如下图所示。\n"
    en = ("The following figure shows the relationship between the minimum offset, the "
          "maximum offset, and the consumer offset of each consumer group in the queue.\n")
    assert codes(zh_en(zh, en), Drift) == []
    assert codes(aligned(en, zh), Drift) == []


def test_disjoint_anchors_with_unrelated_words_still_drift_in_both_directions():
    zh = "请将 broker.conf 中的 brokerIP1 设置为 10.0.0.1，然后重启 NameServer。\n"
    en = ("The console shows the message trace of each consumer group for 3 days by "
          "default.\n")
    assert codes(zh_en(zh, en), Drift) == ["A004"]
    assert codes(aligned(en, zh), Drift) == ["A004"]


def test_a_crossed_pair_is_judged_once_for_both_sides():
    # rocketmq 04-featureBehavior/02delaymessage.md zh:166 / en:176: the zh title-like line is
    # rendered by the en sentence (half its words), not the other way round; neither is a
    # defect.
    zh = "使用建议\n\n避免大量相同定时时刻的消息\n\n定时消息的实现逻辑需要先经过定时存储等待触发。\n"
    en = ("Usage notes\n\nWe recommend that you do not schedule the same delivery time for a "
          "large number of messages.\n\nDelay messages are stored in a time-based storage "
          "system before they are delivered.\n")
    beads = [((0,), (0,)), ((1,), ()), ((), (1,)), ((2,), (2,))]
    assert codes(zh_en(zh, en, beads=beads), Omission, Addition) == []
    assert codes(_en_zh(en, zh, beads), Omission, Addition) == []


# ---------------------------------------------------------------------------------------------
# A003: a short line without an end mark that renders a prose paragraph is cut, not a title

_PROSE_EN = ("The men had formed a ring around us.\n\nThen many of them pushed forward, "
             "shouting and urging the two of us to fight in the yard.\n\n"
             "Nobody came to stop them.\n\nThe fight lasted until dark.\n")
_PROSE_ZH = "那些人围成了一个圈。\n\n然后很多人拥了上\n\n没有人来阻止他们。\n\n这场架一直打到天黑。\n"


def test_a_short_cut_paragraph_is_truncation_in_both_directions():
    found = run_check(Truncation, aligned(_PROSE_EN, _PROSE_ZH))
    assert [(f.code, f.primary.line) for f in found] == [("A003", 3)]
    found = run_check(Truncation, zh_en(_PROSE_ZH, _PROSE_EN))
    assert [(f.code, f.primary.line) for f in found] == [("A003", 3)]


def test_a_title_that_renders_a_title_is_no_truncation():
    en = "Quick start\n\nInstall the package before you run the job.\n"
    zh = "快速开始\n\n运行作业前先安装软件包。\n"
    assert codes(aligned(en, zh), Truncation) == []
    assert codes(zh_en(zh, en), Truncation) == []


def test_unpaired_runs_without_content_words_are_not_taken_for_each_others_translation():
    # MAC-Dev 002 with an added sentence: "'Go to!'" has no content word, so nothing says that
    # the unpaired "非叫你投降不可。”" near it renders it. (Under a heading: in running prose
    # a run this short is not judged at all, see test_alignment.py.)
    en = "# Fight\n\nHe stood up again.\n\n'Go to!'\n\nThe boy laughed.\n"
    zh = "# 打架\n\n他又站了起来。\n\n非叫你投降不可。”\n\n那男孩笑了。\n"
    beads = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((), (2,)), ((3,), (3,))]
    assert sorted(codes(_en_zh(en, zh, beads), Omission, Addition)) == ["A001", "A002"]
    assert sorted(codes(zh_en(zh, en, beads=beads), Omission, Addition)) == ["A001", "A002"]


# ---------------------------------------------------------------------------------------------
# A001 (a clause may be missing) / A005: a short target that keeps every clause's words

def test_a_terse_target_with_every_clauses_words_is_no_missing_clause_in_both_directions():
    from qa.checks.alignment import _clause_words_missing

    # rocketmq 12-observability/01metrics.md zh:95: nothing is left out of "Ready time".
    assert not _clause_words_missing("已就绪消息的就绪时间（ready time）", "zh", "Ready time", "en")
    assert _clause_words_missing("效果在10–15分钟内出现，急性状态在两小时内消退。", "zh",
                                 "Effects appeared within 10–15 minutes.", "en")
    en = ("Effects appeared within 10–15 minutes, and the acute state resolved within two "
          "hours.")
    assert _clause_words_missing(en, "en", "效果在10–15分钟内出现。", "zh")
    assert not _clause_words_missing("Effects appeared within 10–15 minutes.", "en",
                                     "效果在10–15分钟内出现。", "zh")


def test_an_identifier_found_verbatim_on_the_other_side_is_no_addition():
    # seatunnel connector-v2/sink-common-options.md zh:11: the aligner paired table rows
    # crosswise and left the zh cell "source_table_name" unpaired; the en page has it.
    en = "The sink reads source_table_name first.\n\nIt then writes the rows.\n"
    beads = [((0,), (0,)), ((), (1,)), ((1,), (2,))]
    for name, expected in (("source_table_name", []), ("result_table_name", ["A002"])):
        zh = f"Sink 首先读取数据。\n\n{name}\n\n然后写入各行。\n"
        assert codes(_en_zh(en, zh, beads), Addition) == expected
        swapped = [(t, s) for s, t in beads]
        omitted = ["A001"] if expected else []
        assert codes(zh_en(zh, en, beads=swapped), Omission) == omitted


def test_a_box_title_one_side_adds_is_no_addition_and_needs_no_full_stop():
    # apache/apisix: ":::note" ↔ ":::note 注意" / ":::tip 提示": a label, not a sentence.
    from qa.checks.alignment import Addition
    from qa.checks.punctuation import EndPunctuation

    en = ":::note\n\nThe example shows how to use it.\n\n:::\n"
    zh = ":::note 注意\n\n示例说明了用法。\n\n:::\n"
    doc = aligned(en, zh, beads=[((), (0,)), ((0,), (1,))])
    assert run_check(Addition, doc) == []
    # Paired with a sentence of the box by the aligner, the title has no end mark to miss.
    doc = aligned(en, zh, beads=[((0,), (0,)), ((), (1,))])
    assert run_check(EndPunctuation, doc) == []
    # A sentence the translation adds inside the box is still an addition.
    doc = aligned(en, zh.replace("用法。", "用法。此外还支持集群。"),
                  beads=[((), (0,)), ((0,), (1,)), ((), (2,))])
    assert [f.code for f in run_check(Addition, doc)] == ["A002"]


def test_an_image_s_alt_text_is_never_a_cut_off_sentence(tmp_path):
    # apache/doris-website, what-is-apache-doris: the aligner put the third image with the
    # paragraph before it; its alt text has no full stop, as no caption does.
    from qa.core.settings import Settings
    from qa.pipeline import check_paths

    en = ("### Query engine\n\n"
          "Apache Doris has an MPP-based query engine for parallel execution between and "
          "within nodes. It supports distributed shuffle join for large tables to better "
          "handle complicated queries.\n\n"
          "![MPP-based Query Engine](/images/getting-started/apache-doris-query-engine-1.png)"
          "\n\n"
          "The query engine of Apache Doris is fully vectorized, with all memory structures "
          "laid out in a columnar format. This can largely reduce virtual function calls, "
          "increase cache hit rates, and make efficient use of SIMD instructions. Apache Doris "
          "delivers a 5~10 times higher performance in wide table aggregation scenarios than "
          "non-vectorized engines.\n\n"
          "![MPP-based Query Engine](/images/getting-started/apache-doris-query-engine-2.png)"
          "\n\n"
          "Apache Doris uses adaptive query execution technology to dynamically adjust the "
          "execution plan based on runtime statistics. For example, it can generate a runtime "
          "filter and push it to the probe side. Specifically, it pushes the filters to the "
          "lowest-level scan node on the probe side, which largely reduces the data amount to "
          "be processed and increases join performance. The runtime filter of Apache Doris "
          "supports In/Min/Max/Bloom Filter.\n\n"
          "![MPP-based Auery Engine](/images/pip_exec_3.png)\n")
    zh = ("### 查询引擎\n\n"
          "在查询引擎方面，Apache Doris 采用 MPP 的模型，节点间和节点内都并行执行，也支持多个大表的"
          "分布式 Shuffle Join，从而能够更好应对复杂查询。\n\n"
          "![查询引擎](/images/getting-started/apache-doris-query-engine-1.png)\n\n"
          "Apache Doris 查询引擎是向量化的查询引擎，所有的内存结构能够按照列式布局，能够达到大幅减少"
          "虚函数调用、提升 Cache 命中率，高效利用 SIMD 指令的效果。在宽表聚合场景下性能是非向量化"
          "引擎的 5-10 倍。\n\n"
          "![Doris 查询引擎是向量化](/images/getting-started/apache-doris-query-engine-2.png)\n\n"
          "Apache Doris 采用了自适应查询执行（Adaptive Query Execution）技术，可以根据 Runtime "
          "Statistics 来动态调整执行计划，比如通过 Runtime Filter 技术能够在运行时生成 Filter 推到 "
          "Probe 侧，并且能够将 Filter 自动穿透到 Probe 侧最底层的 Scan 节点，从而大幅减少 Probe "
          "的数据量，加速 Join 性能。Apache Doris 的 Runtime Filter 支持 In/Min/Max/Bloom Filter。\n")
    for lang, text in (("en", en), ("zh", zh)):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "p.md").write_text(text, encoding="utf-8")
    run = check_paths([str(tmp_path)], settings=Settings().with_cli(select=["A003"]))
    assert run.findings == []


def test_a_list_that_renders_steps_the_source_set_in_a_code_fence_is_no_addition():
    # apache/incubator-seata-website's FAQ (zh → en): the Chinese wrote its steps inside a
    # ```xml fence; the English writes them as a list.
    zh = ("# 打包\n\n如何自己修改源码后打包？\n\n```xml\n1. 删除 distribution 模块的bin、conf和lib目录。\n"
          "2. 在 distribution 模块的 target 目录下解压相应的压缩包即可。\n```\n\n打包完成后启动服务即可。\n")
    en = ("# Packaging\n\nHow to package after modifying the source code?\n\n"
          "1. Delete the `bin`,`conf`,and `lib` directories of the `distribution` module.\n"
          "2. Unzip the corresponding compressed package in the target directory of the "
          "`distribution` module.\n\nAfter packaging, just start the server.\n")
    doc = zh_en(zh, en, beads=[((0,), (0,)), ((1,), (1,)), ((), (2,)), ((), (3,)), ((2,), (4,))])
    assert codes(doc, Addition) == []
    # A list the code does not hold is still an addition.
    other = en.replace("Delete the `bin`,`conf`,and `lib` directories of the `distribution` module.",
                       "Restart every broker of the cluster before the upgrade begins.")
    assert codes(zh_en(zh, other, beads=[((0,), (0,)), ((1,), (1,)), ((), (2,)), ((), (3,)),
                                         ((2,), (4,))]), Addition) == ["A002"]


def test_a_linked_image_one_side_shows_is_no_sentence_of_its_own():
    # apache/dolphinscheduler's quick start: the Chinese links a bilibili thumbnail where the
    # English embeds the video in HTML; rocketmq-site: a licence badge only the Chinese has.
    en = ("# Quick Start\n\nIn this section, we will create and run a simple workflow.\n\n"
          "## Video Tutorial\n\n## Text Tutorial\n\nInstall DolphinScheduler first.\n")
    zh = ("# 快速上手\n\n在本节中，我们将创建和运行一个简单的工作流。\n\n## 视频教程\n\n"
          "[![image](https://example.org/thumb.png)](https://www.bilibili.com/video/BV1d64y1s7eZ)"
          "\n\n## 图文教程\n\n先安装 DolphinScheduler。\n")
    doc = aligned(en, zh, beads=[((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((), (3,)),
                                 ((3,), (4,)), ((4,), (5,))])
    assert codes(doc, Addition, Omission) == []
    # A sentence with words beside the image is still one.
    worded = zh.replace("[![image]", "点击观看：[![image]")
    doc = aligned(en, worded, beads=[((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((), (3,)),
                                     ((3,), (4,)), ((4,), (5,))])
    assert codes(doc, Addition) == ["A002"]


def test_a_front_matter_description_only_one_side_has_is_no_addition_nor_a_kind_change():
    # apache/doris-website: the Chinese page has a description in its JSON front matter and
    # no H1; the English has no description and an H1 that repeats its title.
    from qa.checks.markup import StructureMismatch

    en = ('---\n{\n    "title": "Reset Stub Cache",\n    "language": "en"\n}\n---\n\n'
          "# Reset Stub Cache\n\n## Request\n\n`GET /api/reset_rpc_channel/{endpoints}`\n")
    zh = ('---\n{\n    "title": "重置连接缓存",\n    "language": "zh-CN",\n'
          '    "description": "该功能用于重置 brpc 的连接缓存。"\n}\n---\n\n'
          "## 请求路径\n\n`GET /api/reset_rpc_channel/{endpoints}`\n")
    doc = aligned(en, zh, beads=[((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))])
    assert codes(doc, Addition, StructureMismatch) == []
    # Unpaired, the description is still no addition.
    doc = aligned(en, zh, beads=[((0,), (0,)), ((), (1,)), ((1,), ()), ((2,), (2,)),
                                 ((3,), (3,))])
    assert codes(doc, Addition) == []



# ---------------------------------------------------------------------------------------------
# MDX: tags and fences indented deeper than Markdown allows are markup, not missing prose

#: tauri-docs start/frontend/vite.mdx: the en step indents its <Tabs>, <TabItem>s and fences
#: by 6 and 8 spaces, the zh by 4.
TAURI_STEPS = "import { Tabs, TabItem, Steps } from '@astrojs/starlight/components';\n\n<Steps>\n\n"
TAURI_EN = TAURI_STEPS + (
    "1.  ##### Update Tauri configuration\n\n"
    "  You can configure the Tauri CLI to run the Vite scripts:\n\n      <Tabs>\n\n"
    '        <TabItem label="npm">\n\n        ```json\n'
    '        { "beforeDevCommand": "npm run dev" }\n        ```\n\n        </TabItem>\n\n'
    '        <TabItem label="yarn">\n\n        ```json\n'
    '        { "beforeDevCommand": "yarn dev" }\n        ```\n\n        </TabItem>\n\n'
    "      </Tabs>\n\n</Steps>\n")
TAURI_ZH = TAURI_STEPS + (
    "1.  ##### 更新 Tauri 配置\n\n    配置 Tauri CLI 来运行 Vite 脚本：\n\n    <Tabs>\n\n"
    '    <TabItem label="npm">\n\n    ```json\n'
    '    { "beforeDevCommand": "npm run dev" }\n    ```\n\n    </TabItem>\n\n'
    '    <TabItem label="yarn">\n\n    ```json\n'
    '    { "beforeDevCommand": "yarn dev" }\n    ```\n\n    </TabItem>\n\n'
    "    </Tabs>\n\n</Steps>\n")


def test_deeply_indented_jsx_and_fences_of_an_mdx_step_are_no_omission():
    # Read as prose, the en tags and code were an A003, an A007 and an M001 ("code span
    # missing": a whole fence).
    from qa.checks.markup import MarkupMismatch

    doc = aligned(TAURI_EN, TAURI_ZH, name="page.mdx")
    assert [s.text for s in doc.alignment.source.sentences] == [
        "##### Update Tauri configuration",
        "You can configure the Tauri CLI to run the Vite scripts:"]
    assert codes(doc, *A_RULES, MarkupMismatch) == []


def test_a_clause_moved_across_a_sentence_boundary_is_no_addition():
    # apache/shardingsphere limitation page (zh → en): the English cuts the experimental
    # support's two sentences elsewhere; the first carries "…是实验性产品" of the second.
    zh = ("## 稳定支持\n\n全面支持 DML、DDL、DCL、TCL 和常用 DAL。 支持分页、去重、排序、分组、聚合、"
          "表关联等复杂查询。\n\n## 实验性支持\n\n实验性支持特指使用 Federation 执行引擎提供支持。 "
          "该引擎处于快速开发中，用户虽基本可用，但仍需大量优化，是实验性产品。\n\n### 子查询\n\n"
          "子查询和外层查询未同时指定分片键，或分片键的值不一致时，由 Federation 执行引擎提供支持。\n")
    en = ("## Stable Support\n\nFull support for DML, DDL, DCL, TCL, and common DALs. Support "
          "for complex queries such as paging, de-duplication, sorting, grouping, aggregation, "
          "table association, etc.\n\n## Experimental Support\n\nExperimental support refers "
          "specifically to support provided by implementing Federation execution engine, an "
          "experimental product that is still under development. Although largely available "
          "to users, it still requires significant optimization.\n\n### Sub-query\n\nThe "
          "Federation execution engine provides support for subqueries and outer queries that "
          "do not both specify a sharding key or have inconsistent values for the sharding "
          "key.\n")
    doc = zh_en(zh, en)
    assert run_check(LengthRatio, doc) == []
    # Text the second sentence's source does not have is added, wherever the cut falls.
    added = en.replace("an experimental product that is still under development",
                       "which a large team of engineers designed over many years in three "
                       "countries")
    assert [f.code for f in run_check(LengthRatio, zh_en(zh, added))] == ["A005"]


def test_a_lead_in_to_the_code_block_that_closes_the_file_is_not_cut_off():
    # apache/linkis-website (zh → en): "…, such as" + a properties block ends both pages.
    zh = ("# 配置\n\n您必须放置一个 `linkis.properties` 文件，并指定 `gateway` 地址和 `api` 版本，如\n"
          "```properties\nwds.linkis.server.version=v1\n```")
    en = ("# Configuration\n\nYou must place a `linkis.properties` file, and specify the "
          "`gateway` address and `api` version, such as\n```properties\n"
          "wds.linkis.server.version=v1\n```")
    assert run_check(Truncation, zh_en(zh, en)) == []
    # Without the code block, the lead-in is where the pages stop.
    cut = en[:en.index("\n```")]
    assert [f.code for f in run_check(Truncation, zh_en(zh[:zh.index("\n```")], cut))] \
        == ["A003"]

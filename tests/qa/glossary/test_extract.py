"""Candidate mining: explicit bilingual pairs and scored co-occurrence."""

import math
from collections import Counter

from qa.glossary import Entry, Glossary
from qa.glossary.extract import (
    cooccurrence,
    dice,
    explicit_pairs,
    extract,
    fit_zh,
    length_fit,
    log_likelihood,
    singularise,
)


def test_explicit_patterns_both_orders_and_glosses():
    found = explicit_pairs([
        "1980至90年代以来占主导地位的治疗框架是monoamine hypothesis(单胺假说)，认为",
        "- Treatment-resistant depression(难治性抑郁症)",
        "框架是单胺假说 (monoamine hypothesis)。",
        "BDNF（脑源性神经营养因子）是关键介质",
        "the blocked receptor critical for Neuroplasticity 神经可塑性, yet",
        "阻断了Neuroplasticity 神经可塑性关键受体",
    ])
    assert found == {("monoamine hypothesis", "单胺假说"): 2,
                     ("treatment-resistant depression", "难治性抑郁症"): 1,
                     ("BDNF", "脑源性神经营养因子"): 1,
                     ("neuroplasticity", "神经可塑性"): 1}


def test_scores():
    assert dice(2, 2, 2, 10) == 1.0
    assert log_likelihood(2, 2, 2, 10) > log_likelihood(1, 2, 2, 10) > 0
    assert math.isclose(log_likelihood(1, 2, 5, 10), 0.0, abs_tol=1e-9)  # independent


def test_cooccurrence_links_each_item_once():
    pairs = [("glutamate receptors grow", "谷氨酸 受体 生长"),
             ("release of glutamate", "释放 谷氨酸"),
             ("new receptors", "新的 受体"),
             ("ketamine acts", "氯胺酮 起效")]
    found = cooccurrence(pairs, str.split, "dice", min_count=2)
    assert [(c.en, c.zh, c.count, c.score) for c in found] == [
        ("glutamate", "谷氨酸", 2, 1.0), ("receptor", "受体", 2, 1.0)]
    g = Glossary.from_entries([Entry("glutamate", "谷氨酸")])
    rows = [c.row() for c in extract(pairs, g, str.split)]
    assert rows == ["receptor\t受体\tproposed\t\t\textracted: dice n=2 score=1"]


def test_long_chinese_span_cut_to_the_glossed_term():
    # corpus/zh/ketamine.md: the phrase before the gloss also renders "synaptic connections".
    found = explicit_pairs(["NMDA受体激活 → AMPA受体插入 → 突触连接长期增强(long-term potentiation)",
                            "氯胺酮触发的爆发式放电导致释放脑源性神经营养因子"
                            "(brain-derived neurotrophic factor)"])
    assert found == {("long-term potentiation", "长期增强"): 1,
                     ("brain-derived neurotrophic factor", "脑源性神经营养因子"): 1}
    assert fit_zh("单胺假说", "monoamine hypothesis") == "单胺假说"  # fits: untouched
    assert fit_zh("增加滥用风险", "abuse risk") == "滥用风险"  # one token per word at least


def test_plurals_singularised():
    assert [singularise(t) for t in ("NMDA receptors", "SSRIs", "therapies", "analysis",
                                     "stimulus", "NMDA", "glutamate", "synapses")] == [
        "NMDA receptor", "SSRI", "therapy", "analysis", "stimulus", "NMDA", "glutamate",
        "synapse"]
    assert explicit_pairs(["阿片受体拮抗剂(opioid receptor antagonists)"]) == {
        ("opioid receptor antagonist", "阿片受体拮抗剂"): 1}


def test_length_fit_penalises_short_renderings_of_long_ngrams():
    assert length_fit("neuroplasticity", "神经可塑性") == 1.0
    assert length_fit("endogenous opioid system", "系统") == 0.4
    pairs = [("endogenous opioid system", "内源性 阿片 系统")] * 2
    found = cooccurrence(pairs, str.split, "dice", min_count=2)
    assert ("endogenous opioid system", "系统") not in [(c.en, c.zh) for c in found]


def test_docs_site_prose_is_no_gloss():
    # rocketmq-site (zh → en): 'RocketMQ 提供' / 'Connector 编译好' are names before prose,
    # '消费者（Consumer）' is a gloss; the pairs come zh first and are turned round.
    from qa.glossary.extract import orient, well_formed_zh
    pairs = [("RocketMQ 提供消费者（Consumer）。", "RocketMQ provides a consumer."),
             ("RocketMQ 提供生产者。", "RocketMQ provides a producer."),
             ("将 Connector 编译好的包放入目录。", "Put the compiled Connector package in the dir."),
             ("将 Connector 编译好的包放入目录。", "Put the compiled Connector package in the dir.")]
    assert orient(pairs)[0] == ("RocketMQ provides a consumer.", "RocketMQ 提供消费者（Consumer）。")
    rows = [(c.en, c.zh) for c in extract(pairs, None, str.split)]
    assert rows == [("consumer", "消费者")]
    assert [well_formed_zh(z) for z in ("中获取", "编译好", "启动成功", "消费者分组", "缓解")] == [
        False, False, False, True, True]


def _dictionary():
    from align.dictionary import ChineseEnglishDictionary

    # Meanings are stemmed, as CC-CEDICT's are in the aligner (english_words).
    return ChineseEnglishDictionary({
        "订阅": "subscribe subscription", "关系": "relation relationship", "地域": "area region",
        "实例": "instance", "使用": "apply employ use", "厚": "thick", "疗法": "therapy",
        "无效": "ineffective valid", "消息": "information new", "方法": "method way",
        "用来": "use", "定义": "defin definition", "存储": "storage store", "路径": "path",
        "隔离": "isolate separate"})


def test_identifiers_are_never_cut():
    # rocketmq-site: ASYNC_MASTER（异步主机） is no gloss of MASTER; TO_CHAR is no CHAR.
    bare: Counter[tuple[str, str]] = Counter()
    assert explicit_pairs(["Broker 角色分为 ASYNC_MASTER（异步主机）、SYNC_MASTER（同步主机）"],
                          bare) == {}
    assert bare == {("broker", "角色分为"): 1}  # a bare gloss, left to the aligned pairs
    from qa.glossary.extract import en_ngrams, split_identifier
    assert en_ngrams("use TO_CHAR in org.apache.seatunnel now") == {"use", "now"}
    assert en_ngrams("call getPluginName first") == {"call", "first"}
    assert split_identifier("MessageQueueOffset") == "Message Queue Offset"
    assert split_identifier("exactly-once") == "exactly once"


def test_chinese_cut_only_at_jieba_words():
    # seatunnel: 并 is a conjunction alone, not inside 并行性.
    assert explicit_pairs(["### 并行性（parallelism）", "框架是单胺假说 (monoamine hypothesis)。"]) == {
        ("parallelism", "并行性"): 1, ("monoamine hypothesis", "单胺假说"): 1}


def test_dictionary_fit_and_renderings():
    from qa.glossary.extract import best_rendering, dictionary_fit
    d = _dictionary()
    assert dictionary_fit("subscription", "订阅关系", d) == 1.0
    assert dictionary_fit("thick", "使用", d) == 0.0  # contradicted
    assert dictionary_fit("FIFO", "先进先出", d) is None  # no evidence either way
    assert dictionary_fit("storage path", "存储", d) == 0.5
    assert dictionary_fit("ISOLATED", "隔离", d) == 1.0
    # 位点 is not in it: its characters (位 'position', 点 'point') contradict nothing.
    assert dictionary_fit("offset", "位点", d) is None
    # rocketmq-site: 订阅关系（Subscription）was cut to 关系, 实例所处地域（Region）to 处地域.
    assert best_rendering("订阅关系", "subscription", d) == "订阅关系"
    assert best_rendering("实例所处地域", "region", d) == "地域"
    assert best_rendering("突触连接长期增强", "long-term potentiation", d) == "长期增强"  # fit_zh's


def test_dictionary_drops_patterns_gone_astray():
    d = _dictionary()
    pairs = [("If you need the thick driver", "如果需要使用（thick）驱动"),
             ("The getPluginName method defines the name", "getPluginName 方法用来定义名字"),
             ("The getPluginName method defines the name", "getPluginName 方法用来定义名字"),
             ("Subscription", "订阅关系（Subscription）"),
             *[("Use the client", "使用 客户端")] * 3]  # 使用 is common: no link to thick
    found = [(c.en, c.zh) for c in extract(pairs, None, str.split, dictionary=d)]
    assert found == [("subscription", "订阅关系"), ("client", "客户端")]  # 订阅 is a verb,
    # but the dictionary finds all the English in 订阅关系
    assert ("thick", "使用") in explicit_pairs([t for _, t in pairs], dictionary=d)


def test_dictionary_and_termhood_order_the_links():
    from qa.glossary.extract import termhood
    d = _dictionary()
    # corpus: 'therapy' is as often beside 无效 as beside 疗法; the dictionary decides.
    pairs = [("this therapy works", "这种 疗法 无效"), ("the therapy", "疗法 无效")]
    found = cooccurrence(pairs, str.split, "dice", dictionary=d)
    assert [(c.en, c.zh, c.score) for c in found] == [("therapy", "疗法", 1.0)]
    assert [termhood(e, z) for e, z in [("storage path", "存储路径"), ("avoid", "避免"),
                                        ("cached", "缓存区"), ("executor", "执行器"),
                                        ("endogenous opioid", "内源性")]] == [
        1.1, 0.8, 0.8, 1.0, 1.0]


def test_bracketed_gloss_kept_beside_a_longer_bare_one():
    # rocketmq-site: 'Consumer 消费消息' is prose; 消费者（Consumer）is not its run-on.
    found = explicit_pairs(["消费者（Consumer）", "Consumer 消费消息"], Counter())
    assert found == {("consumer", "消费者"): 1}

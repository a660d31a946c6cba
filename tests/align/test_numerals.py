import pytest

from align.numerals import (
    compare_numbers,
    extract_numbers,
    numbers_en,
    numbers_zh,
    parse_zh_numeral,
    unit_conflict,
    zh_numeral_values,
)
from align.scores.anchors import extract_anchors


def values(numbers):
    return [(n.value, n.hard) for n in numbers]


@pytest.mark.parametrize("text,expected", [
    ("四十一", 41), ("十万", 1e5), ("一万五", 15000), ("一百零五", 105), ("3.5亿", 3.5e8),
    ("两", 2), ("二十", 20),
])
def test_parse_zh_numeral(text, expected):
    assert parse_zh_numeral(text) == expected


def test_zh_numbers_in_free_text_are_delimited_before_parsing():
    # The cn2an pitfalls: 十多万 is about 100,000, 两三次 is 2 or 3 (a vague count: soft),
    # 统一 is no number.
    assert values(numbers_zh("十多万人")) == [(1e5, True)]
    assert values(numbers_zh("两三次")) == [(2, False), (3, False)]
    assert numbers_zh("统一标准，十分重要，千万不要") == []
    assert values(numbers_zh("三种机制、第一步、一半的人")) == [(3, True), (1, False),
                                                                 (0.5, False)]
    assert values(numbers_zh("百分之四十和三分之一")) == [(40, True), (pytest.approx(1 / 3), True)]
    assert numbers_zh("5-羟色胺") == []


def test_en_numbers_words_scales_and_ranges():
    assert values(numbers_en("one hundred thousand")) == [(1e5, True)]
    assert values(numbers_en("forty-one patients, twice, thrice, once")) == [
        (41, True), (2, True), (3, True), (1, False)]
    assert values(numbers_en("10 million")) == [(1e7, True)]
    assert [n.value for n in numbers_en("within 10–15 minutes")] == [10, 15]
    assert [n for n in numbers_en("5-HT and COVID-19 and TrkB2") if n.hard] == []


def test_legitimate_renderings_match():
    for en, zh in [("Mechanism 1", "机制一："), ("three times weekly", "每周三次"),
                   ("two types", "两种类型"), ("the 1990s", "90年代"),
                   ("by the early 2000s", "21世纪初"), ("one of them", "其中")]:
        result = compare_numbers(numbers_en(en), numbers_zh(zh))
        assert (result.missing, result.extra) == ([], []), (en, zh)


def test_hundredfold_error_is_caught():
    result = compare_numbers(numbers_en("10 million people"), numbers_zh("10万人"))
    assert [n.text for n in result.missing] == ["10 million"]
    assert [n.text for n in result.extra] == ["10万人"]


def test_zh_thousands_separators_are_one_number():
    from align.numerals import numbers_zh

    assert [(n.value, n.text) for n in numbers_zh("免费套餐每天允许 1,000 次请求，共1,234,567人")] == \
        [(1000.0, "1,000"), (1234567.0, "1,234,567人")]
    assert [n.value for n in numbers_zh("第1,2,3步")] == [1.0, 2.0, 3.0]


@pytest.mark.parametrize("numeral,expected", [
    ("一万五", [15000]), ("三百五", [350]), ("两三", [2, 3]),
])
def test_one_reading_for_the_checks_and_the_aligner(numeral, expected):
    # 一万五 is 15000 (not 10005), 三百五 is 350 (not 305), 两三 is "two or three" (never 23):
    # the N001 scanner, the parser and the aligner's anchors must all say so.
    assert zh_numeral_values(numeral) == expected
    assert [n.value for n in numbers_zh(numeral + "人")] == expected
    anchors = extract_anchors(numeral + "人", "zh")
    assert sorted(k for k in anchors if k.startswith("#")) == sorted(f"#{v}" for v in expected)


def test_two_three_is_a_range_not_twenty_three():
    found = numbers_zh("两三次")
    assert [(n.value, n.text, n.start, n.end) for n in found] == [
        (2, "两三次", 0, 3), (3, "两三次", 0, 3)]
    assert parse_zh_numeral("两三") is None
    assert "#23" not in extract_anchors("两三次", "zh")


# ---------------------------------------------------------------------------------------------
# Technical documentation (snippets of apache/seatunnel and apache/rocketmq-site)

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from align.numerals import structured_numbers  # noqa: E402


def hard(numbers):
    return [(n.kind, n.key or n.value) for n in numbers if n.hard]


@pytest.mark.parametrize("text,expected", [
    ("eg:192.168.12.134:10911", [("address", "192.168.12.134"), ("cardinal", 10911)]),
    ("n0-127.0.0.1:40911;n1-127.0.0.1:40912",
     [("address", "127.0.0.1"), ("cardinal", 40911), ("address", "127.0.0.1"),
      ("cardinal", 40912)]),
    ("\\*;192.168.\\*.\\*;192.168.0.1", [("address", "192.168.*.*"), ("address", "192.168.0.1")]),
    ("Installed Helm 3.7.0+ and JDK 1.8+", [("version", "3.7"), ("version", "1.8")]),
    ("RocketMQ 5.x, v1.13.1+, >=3.8, MySQL 8.0.16", [
        ("version", "5.x"), ("version", "1.13.1"), ("version", "3.8"), ("version", "8.0.16")]),
    ("2022-06-09 17:30:00", [("date", "2022-06-09"), ("time", "17:30")]),
    ("May 1, 2023 and 1 May 2023", [("date", "2023-05-01"), ("date", "2023-05-01")]),
    ("localhost:8080", [("cardinal", 8080)]),
    ("le_1_ms le_5_ms tps10 jdk8 utf-8 log4j2 s3a v2 M4 img_2.png deploy1.png", []),
    ("https://rocketmq.apache.org/docs/4.x/ and <br />", []),
    ("1/2 of 24/7", [("cardinal", 0.5), ("cardinal", 24), ("cardinal", 7)]),
])
def test_structured_numbers_in_english(text, expected):
    assert hard(extract_numbers(text, "en")) == expected


@pytest.mark.parametrize("text,expected", [
    ("所以地址是 127.0.0.1， 端口是默认的22。", [("address", "127.0.0.1"), ("cardinal", 22)]),
    ("服务端4.x和3.x历史版本，服务端3.x/4.x版本", [
        ("version", "4.x"), ("version", "3.x"), ("version", "3.x"), ("version", "4.x")]),
    ("于2023年5月1日发布", [("date", "2023-05-01")]),
    ("分布区间如下：le_1_ms le_5_ms", []),
    ("例如2个Master或者3个Master", [("cardinal", 2), ("cardinal", 3)]),
    ("队列名称由三元组组成", []),
])
def test_structured_numbers_in_chinese(text, expected):
    assert hard(extract_numbers(text, "zh")) == expected


@pytest.mark.parametrize("text,lang,unit", [
    ("3000ms", "en", "millisecond"), ("3000 ms", "en", "millisecond"),
    ("3000毫秒", "zh", "millisecond"), ("10s内", "zh", "second"),
    ("4 GB", "en", "GB"), ("4GB", "en", "GB"), ("4G", "en", "GB"), ("16 KB", "zh", "KB"),
    ("2x faster", "en", "fold"),
])
def test_units_with_and_without_a_space(text, lang, unit):
    (n,) = extract_numbers(text, lang)
    assert (n.hard, n.unit) == (True, unit)


@pytest.mark.parametrize("en,zh", [
    ("1,000", "1000"), ("1 000", "1,000"), ("50%", "百分之五十"), ("15,000", "一万五"),
    ("twenty-first", "第二十一"), ("21st", "第二十一"), ("first", "第一"),
    ("my twenty-first birthday", "我二十一岁生日"), ("a dozen", "十二个"),
    ("a couple of days", "两天"), ("half", "一半"), ("1/2", "一半"), ("twice", "两倍"),
    ("May 1, 2023", "2023年5月1日"), ("2023-05-01", "2023年5月1日"), ("8.0", "8.0.0"),
    ("10 milliseconds", "10 毫秒"), ("10ms", "10 毫秒"), ("midnight", "12点"),
    ("10k QPS", "1 万 QPS"), ("10k QPS", "1万 QPS"), ("50K+ stars", "5 万多星标"),
    ("3K glasses", "3K眼镜"), ("Three-K glasses", "3K眼镜"), ("300 million", "3 亿"),
    ("1M messages", "100 万条消息"), ("a 512M heap", "512 MB 的堆"),
    ("the broker&#8212;fast", "Broker——很快"),
])
def test_renderings_of_one_number_match(en, zh):
    result = compare_numbers(numbers_en(en), numbers_zh(zh))
    assert (result.missing, result.extra) == ([], []), (en, zh)


@pytest.mark.parametrize("text,heading", [
    ("1. Install", False), ("(2)如果ACL", False), ("（3）原 DLedger 模式", False),
    ("5.After IDEA is set", False), ("1.1 订阅的Topic一样", True), ("3 Setup", True),
    ("<br />1. 文件位置", False),
])
def test_list_and_heading_markers_are_soft(text, heading):
    lang = "zh" if any(ord(c) > 0x2e80 for c in text) else "en"
    assert [n for n in extract_numbers(text, lang, heading) if n.hard] == []


def test_a_leading_number_of_prose_is_no_marker():
    assert hard(numbers_en("3 nodes are needed.")) == [("cardinal", 3)]
    assert hard(numbers_en("5.x supports it.")) == [("version", "5.x")]


#: Pieces of documentation text that meet at odd places (1.2.3年, jdk192.168., 5%第).
_DOC_TEXT = st.lists(st.sampled_from(
    list("0123456789.,:-/_ xXvV%+年月日第个万十一二三四五ms")
    + ["GB", "KB", "May ", "jdk", "192.168.", "https://a.b/", "twenty-", "first", "(2)"]),
    max_size=20).map("".join)


@settings(max_examples=300, deadline=None)
@given(_DOC_TEXT, st.sampled_from(["en", "zh"]), st.booleans())
def test_every_number_has_exact_offsets(text, lang, heading):
    # Every number found is exactly the text between its offsets, and the hidden text keeps
    # the length (so checks can turn offsets into columns).
    for n in extract_numbers(text, lang, heading):
        assert 0 <= n.start < n.end <= len(text)
        assert text[n.start:n.end] == n.text
    assert len(structured_numbers(text)[1]) == len(text)


@pytest.mark.parametrize("text, lang", [
    ("发送顺序为1-\\>2-\\>3-\\>4，", "zh"), ("发送顺序为1->2->3->4，", "zh"),
    ("sent in the 1->2->3->4 order", "en"), ("sent in the 1-\\>2-\\>3-\\>4 order", "en")])
def test_numbers_joined_by_arrows_are_numbers(text, lang):
    # rocketmq-site 04-featureBehavior/03fifomessage.md: "1-\>2-\>3-\>4" lost 1, 2 and 3
    # (the "-" read as the hyphen of a name such as 5-HT).
    assert [n.value for n in extract_numbers(text, lang)] == [1, 2, 3, 4]
    assert extract_numbers("5-HT", "en") == [] and extract_numbers("5-羟色胺", "zh") == []


def test_structured_numbers_without_digits_hides_the_same_runs():
    from align.numerals import HIDE, structured_numbers

    found, rest = structured_numbers("see docs/a.md, x/x and https://example.org")
    assert found == []
    assert rest == "see " + HIDE * 9 + ", x/x and " + HIDE * 19


@pytest.mark.parametrize("text, value", [
    ("two thirds of them", 2 / 3), ("three-quarters of the disk", 0.75),
    ("a quarter of the nodes", 0.25), ("one third of the budget", 1 / 3),
    ("five eighths", 0.625)])
def test_english_fractions_in_words(text, value):
    from align.numerals import numbers_en

    found = numbers_en(text)
    assert len(found) == 1 and found[0].value == pytest.approx(value) and found[0].hard


def test_a_third_party_is_no_fraction():
    from align.numerals import numbers_en

    assert [(n.value, n.kind) for n in numbers_en("a third party library")] == [(3, "ordinal")]


def test_vague_counts_are_soft_on_both_sides():
    # MAC-Dev: "a little boy of four or five" ↔ 五六岁的孩子 is no changed number.
    assert values(numbers_en("four or five years old")) == [(4, False), (5, False)]
    assert values(numbers_zh("五六岁的孩子")) == [(5, False), (6, False)]
    assert values(numbers_en("four and five")) == [(4, True), (5, True)]


def test_decades_and_months_of_a_year():
    # MAC-Dev: "FOUR DECADES" ↔ 四十年; "launched in November of 1989" ↔ 1989年11月.
    assert [(n.value, n.unit) for n in numbers_en("four decades")] == [(40, "year")]
    assert [n.key for n in numbers_en("launched in November of 1989")] == ["1989-11"]


def test_an_address_is_hidden_whole_and_a_long_word_run_is_no_address():
    from align.numerals import HIDE, structured_numbers

    assert structured_numbers("mail dev@x.org now")[1] == "mail " + HIDE * 9 + " now"
    # A long run of word characters without "@" (a 40,000-character line without
    # punctuation) is scanned once, not from every position: the result is the text.
    text = "消息队列" * 10000
    assert structured_numbers(text) == ([], text)


def test_overlap_test_agrees_with_the_pairwise_test():
    import random

    from align.numerals import overlap_test

    rng = random.Random(5)
    for _ in range(200):
        spans = [(a, a + rng.randint(1, 6)) for a in rng.sample(range(60), 8)]
        hits = overlap_test(spans)
        for start in range(0, 70, 3):
            end = start + rng.randint(1, 5)
            assert hits(start, end) == any(a < end and start < b for a, b in spans)


def test_digits_named_as_alternatives_stay_hard():
    assert values(numbers_en("set the replicas to 1 or 2")) == [(1, True), (2, True)]


def test_number_words_in_any_case_and_after_a_article_are_found():
    # The scan for number words first looks for one of them (in any case, as a whole word):
    # a sentence without one is skipped, one with one is read as before.
    assert values(numbers_en("Forty-One runs, A HUNDRED nodes, Twice a day")) == \
        [(41.0, True), (100.0, True), (2, True)]
    assert numbers_en("Someone left often, tonight, anyone") == []
    assert values(numbers_en("a third of the nodes")) == [(1 / 3, True)]


def test_text_without_a_url_path_or_file_name_is_left_as_it_is():
    from align.numerals import HIDE, structured_numbers
    # Nothing to hide, nothing structured: the text comes back unchanged …
    assert structured_numbers("No digits here, nor links.") == ([], "No digits here, nor links.")
    # … and with one of them it is still hidden (the same result on each call).
    for _ in range(2):
        found, rest = structured_numbers("see docs/a.md or mail x@y.org, jdk8")
        assert rest == "see " + HIDE * 9 + " or mail " + HIDE * 7 + ", " + HIDE * 4
        assert [(n.kind, n.value, n.hard) for n in found] == [("identifier", 8.0, False)]
    # The caller's list is its own: changing it changes no later result.
    found.clear()
    assert len(structured_numbers("see docs/a.md or mail x@y.org, jdk8")[0]) == 1


def test_the_authorised_versions_number_forms():
    # Genesis and Numbers as the Bible data has them: units before tens, "and" between tens
    # and units, counts by scores, and a run that ends in an ordinal.
    def values(text):
        return [(n.value, n.kind) for n in numbers_en(text)]

    assert values("Mahalaleel lived sixty and five years") == [(65, "cardinal")]
    assert values("Arphaxad lived five and thirty years") == [(35, "cardinal")]
    assert values("Sarah was an hundred and seven and twenty years old") == [(127, "cardinal")]
    assert values("the days of Isaac were an hundred and fourscore years") == [(180, "cardinal")]
    assert values("the firstborn were twenty and two thousand two hundred and threescore and "
                  "thirteen") == [(22273, "cardinal")]
    assert values("threescore and ten years") == [(70, "cardinal")]
    assert values("in the six hundredth year of Noah's life") == [(600, "ordinal")]
    assert values("on the four and twentieth day") == [(24, "ordinal")]
    # Today's forms and ranges are unchanged.
    assert values("between five and twenty minutes") == [(5, "cardinal"), (20, "cardinal")]
    assert values("two hundred and five") == [(205, "cardinal")]
    assert values("he was five and then thirty") == [(5, "cardinal"), (30, "cardinal")]


def test_the_tael_after_an_approximate_number_is_no_number_of_its_own():
    # 二十几两 is "twenty-odd taels": 两 is the measure word, never a 2 beside the 20.
    found = numbers_zh("其实他赢了二十几两，除了借给老吴之外，还有八九两剩下")
    assert [(n.text, n.value, n.approx) for n in found] == [("二十几两", 20.0, True)]
    assert zh_numeral_values("八九两") == [8.0, 9.0]
    # "Two more" is still two.
    assert [n.value for n in numbers_zh("再多两个人")] == [2.0]


def test_years_of_the_republic_of_china():
    # 民国 N 年 is 1911 + N (the calendar Taiwan still uses); 元年 is its first year.
    assert [(n.value, n.kind) for n in numbers_zh("民国元年，曲阜县的哭丧户前来学习")] == \
        [(1912.0, "year")]
    assert [(n.value, n.kind) for n in numbers_zh("民国二十六年")] == [(1937.0, "year")]
    assert [(n.value, n.kind) for n in numbers_zh("民國38年")] == [(1949.0, "year")]
    assert [(n.value, n.kind) for n in numbers_zh("他二十六年没回家")] == [(26.0, "cardinal")]
    result = compare_numbers(numbers_en("During 1912, the first year of the Republic."),
                             [n for n in numbers_zh("民国元年，曲阜县的哭丧户前来学习") if n.hard])
    assert not result.missing and not result.extra


def test_a_k_suffix_is_thousands_not_a_unit_or_a_word():
    assert [(n.value, n.unit) for n in numbers_en("10k QPS, 4K video, 10kg, 5 km")] == [
        (10000.0, None), (4000.0, None), (10.0, "kg"), (5.0, "km")]
    # A changed count in thousands is still a change.
    result = compare_numbers(numbers_en("10k QPS"), numbers_zh("2 万 QPS"))
    assert [n.value for n in result.missing] == [10000.0]
    # Digits of an HTML character reference are no number.
    assert numbers_en("A&#8212;B &#x2014; C &sup2;") == []


def test_measures_converted_into_other_units_match_when_rounded():
    # MAC-Dev 004 (Red Sorghum): the Chinese gives the height and weight in metric units.
    en = numbers_en("That year Grandma was five feet four inches tall and weighed about 130 "
                    "pounds.")
    zh = numbers_zh("奶奶那年身高一米六零，体重六十公斤，上穿碎花洋布褂子，下穿绿色缎裤。")
    assert [(n.text, round(n.value, 3), n.unit) for n in en] == [
        ("five feet four", 5.333, "ft"), ("130", 130.0, "lb")]
    assert [(n.text, n.value, n.unit) for n in zh] == [("一米六零", 1.6, "m"),
                                                      ("六十公斤", 60.0, "kg")]
    result = compare_numbers(en, zh)
    assert not result.missing and not result.extra and len(result.matched) == 2
    # MAC-Dev 006: a six-meter antenna is 二十英尺 (19.7 feet); ten li are about three miles.
    assert not compare_numbers(numbers_en("the six-meter horn antenna"),
                               numbers_zh("二十英尺的喇叭形天线")).missing
    assert not compare_numbers(numbers_en("three miles"), numbers_zh("走了十里路")).missing
    # A different measure is still a different number, and so is another dimension.
    changed = compare_numbers(en, numbers_zh("身高一米六零，体重九十公斤"))
    assert [n.text for n in changed.missing] == ["130"]
    assert [n.text for n in changed.extra] == ["九十公斤"]
    assert compare_numbers(numbers_en("20 feet"), numbers_zh("六公斤")).missing
    # The old Chinese measures rendered by name (三尺 as "three feet") match by value.
    assert not compare_numbers(numbers_en("three feet"), numbers_zh("三尺")).missing
    assert not unit_conflict(numbers_en("three feet")[0], numbers_zh("三尺")[0])


@pytest.mark.parametrize("zh, en", [
    # TDengine 32-compress.md: "v" for "version", and a version of four parts.
    ("从 v3.3.0.0 开始，TDengine 提供了更高级的压缩功能。",
     "Starting from version 3.3.0.0, TDengine provides more advanced compression features."),
    # istio webhook: a version's suffix in a name, read alike in both languages.
    ("Server Version: v1.10.4-gke.0，值是 gke.0。", "Server Version: v1.10.4-gke.0; the value is gke.0."),
    # apache/iotdb-docs TTL-Delete.md: a path glob, escaped on one side.
    ("比如 set ttl to root.sg.group1.\\*\\* 就相当于对所有设备挂载 ttl。",
     "For example, setting ttl to root.sg.group1.** is equivalent to mounting ttl for all devices."),
    # StarRocks automatic_partitioning.md: the month said once for two days; Example 2.
    ("如果导入了未来时间 4 月 5 日和 6 日的数据，则会创建两个分区。",
     "If data from the future dates April 5 and April 6 is loaded, two partitions are created."),
    ("如果导入了 4 月 5 日和 6 日的数据，则会创建两个分区。",
     "If data of April 5 and 6, is loaded, two partitions are created."),
    ("参考上述示例二的语句。", "See the statements in the preceding Example 2."),
    # cloudwego kitex loadbalance.md: W for 万 in Chinese shorthand; and watts.
    ("总虚拟节点数 1000W，build 一次需要 251 ms。",
     "The total number of virtual nodes is 10,000,000; it takes 251 ms to build once."),
    ("功率为 1000W。", "The power is 1000W."),
])
def test_numbers_written_another_way_match(zh, en):
    match = compare_numbers(numbers_zh(zh), numbers_en(en))
    assert (match.missing, match.extra) == ([], [])


def test_a_changed_day_or_version_is_still_a_mismatch():
    match = compare_numbers(numbers_zh("4 月 5 日和 7 日，从 v3.3.0.0 开始"),
                            numbers_en("April 5 and April 6, from version 3.3.1.0"))
    assert sorted(n.text for n in match.missing) == ["7 日", "v3.3.0.0"]
    assert sorted(n.text for n in match.extra) == ["3.3.1.0", "April 6"]


def test_a_heading_section_number_with_a_final_dot_is_structure():
    # TDengine 09-backup.md: "## 3.1. 端口访问异常" against an unnumbered English heading.
    assert [(n.text, n.hard) for n in numbers_zh("3.1. 端口访问异常", heading=True)] == [
        ("3.1", False)]
    assert [(n.text, n.hard) for n in numbers_zh("2.1.3. 配置", heading=True)] == [
        ("2.1.3", False)]
    assert [(n.text, n.hard) for n in numbers_zh("升级到 2.1.3 版本", heading=True)] == [
        ("2.1.3", True)]


def test_a_heading_number_before_an_enumeration_comma_is_structure():
    # go-kratos.dev faq: "### 7、proto 文件…" against an unnumbered English heading.
    assert [(n.text, n.hard) for n in numbers_zh("7、proto 文件生成失败", heading=True)] == [
        ("7", False)]

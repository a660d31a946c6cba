import pytest

from align.numerals import (
    compare_numbers,
    numbers_en,
    numbers_zh,
    parse_zh_numeral,
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
    # The cn2an pitfalls: 十多万 is about 100,000, 两三次 is 2 or 3, 统一 is no number.
    assert values(numbers_zh("十多万人")) == [(1e5, True)]
    assert values(numbers_zh("两三次")) == [(2, True), (3, True)]
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

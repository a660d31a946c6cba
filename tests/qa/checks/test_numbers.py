from qa.checks.numbers import NumberMismatch, TokenMismatch
from qa.core.finding import Severity
from tests.qa.helpers import aligned, run_check, where

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

import pytest

from align.script import (
    ASCII_SENTENCE_ENDS,
    CLOSING_MARKS,
    END_MARKS,
    FULLWIDTH_SENTENCE_ENDS,
    SENTENCE_END_KINDS,
    end_mark,
    has_han,
    is_han,
    strip_closing,
)


@pytest.mark.parametrize("ch", ["受", "㐀", "䶵", "鿿", "豈", "𠀀", "𰀀"])
def test_han_covers_extensions_and_compatibility_ideographs(ch):
    assert is_han(ch) and has_han(f"x{ch}y")


@pytest.mark.parametrize("ch", ["a", "，", "。", "ア", "한", "䷀", ""])
def test_han_excludes_other_scripts_and_punctuation(ch):
    assert not is_han(ch)


def test_is_han_takes_one_character():
    assert not is_han("受体")


def test_sentence_end_sets_are_parts_of_one_table():
    assert set(FULLWIDTH_SENTENCE_ENDS) | set(ASCII_SENTENCE_ENDS) | {"…"} == set(
        SENTENCE_END_KINDS)
    assert set(SENTENCE_END_KINDS) < set(END_MARKS)


@pytest.mark.parametrize("text,expected", [
    ("他问：“你去吗？”", ("question", 7)),
    ("Really?)", ("question", 6)),
    ("好。〕", ("statement", 1)),
    ("Wait...", ("ellipsis", 6)),
    ("等等……", ("ellipsis", 3)),
    ("如下：", ("colon", 2)),
    ("and so on;", ("semicolon", 9)),
    ("0.5 mg", ("none", -1)),
    ("”", ("none", -1)),
    ("", ("none", -1)),
])
def test_end_mark(text, expected):
    assert end_mark(text) == expected


def test_strip_closing_looks_past_white_space_between_marks():
    assert strip_closing("好。” ）\u3000") == "好。"
    assert strip_closing("**Yes.**", also="*") == "**Yes."
    assert strip_closing(CLOSING_MARKS) == ""

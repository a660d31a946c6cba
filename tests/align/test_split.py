import pytest

from align.errors import InputError
from align.split import split_bilingual
from tests.conftest import SEED


def test_committed_corpus_is_the_seed_split(seed_text):
    if SEED.exists():
        assert seed_text.encode() == SEED.read_bytes()
    s = split_bilingual(seed_text, "seed.txt")
    assert (s.first_lang, s.second_lang, s.divider) == ("zh", "en", "English Original 英文原文\n")
    assert s.first + s.divider + s.second == seed_text
    assert not s.second.endswith("\n")  # the seed is cut off without a final newline


def test_crlf_and_en_first():
    text = "The English text.\r\nAnother line.\r\n--- 中文译文 ---\r\n中文第一句。\r\n"
    s = split_bilingual(text, "f")
    assert (s.first_lang, s.divider) == ("en", "--- 中文译文 ---\r\n")
    assert s.first + s.divider + s.second == text


def test_script_switch_without_divider_line():
    text = "中文第一句。\n中文第二句话很长。\nThe English text.\nAnother line."
    s = split_bilingual(text, "f")
    assert (s.first, s.divider) == ("中文第一句。\n中文第二句话很长。\n", "")


def test_line_naming_a_language_inside_prose_is_not_a_divider():
    text = "中文第一句。\n中文是一种语言。\nEnglish Original\nThe English text."
    assert split_bilingual(text, "f").divider == "English Original\n"


def test_explicit_divider():
    text = "中文。\n=====\nEnglish."
    s = split_bilingual(text, "f", divider="=====")
    assert (s.first, s.second) == ("中文。\n", "English.")


def test_no_divider_is_an_error():
    with pytest.raises(InputError, match="f: no divider between the two languages found"):
        split_bilingual("Only English here.\nAnd more English.\n", "f")


def test_missing_explicit_divider():
    with pytest.raises(InputError, match="divider line '###' not found"):
        split_bilingual("中文。\nEnglish.", "f", divider="###")

from align.reader import parse_document
from qa.checks.spans import MASK, TOKEN, masked, prose


def _first(text: str, lang: str = "zh"):
    doc = parse_document(text, f"{lang}/a.md", lang)
    return doc, doc.sentences[0]


def test_masked_hides_markup_and_code_keeps_link_text():
    doc, s = _first("见 **粗体** 和 [链接](https://a.cn/x) 与 `a:b`。\n")
    out = masked(doc, s.start, s.end, s.spans)
    assert len(out) == s.end - s.start
    assert out.replace(MASK, "_") == "见 __粗体__ 和 _链接_________________ 与 _____。"


def test_prose_of_plain_text_is_the_text_itself():
    # No markup and none of ":", "@", "{", "[^": nothing to hide, the text as it is.
    doc, s = _first("这是一个普通的句子，没有标记。\n")
    assert prose(doc, s.start, s.end, s.spans) == "这是一个普通的句子，没有标记。"


def test_prose_hides_tokens_next_to_plain_marks():
    doc, s = _first("Set {key} to `a:b`, mail dev@x.org or see :rocket: [^1].\n", "en")
    out = prose(doc, s.start, s.end, s.spans).replace(TOKEN, "#").replace(MASK, "_")
    # The footnote reference is markup the reader found, masked as a tag is.
    assert out == "Set ##### to _###_, mail ######### or see ######## ____."


def test_prose_is_the_same_for_a_list_or_a_tuple_of_spans_and_on_every_call():
    doc, s = _first("见 `a:b` 和 {k}。\n")
    first = prose(doc, s.start, s.end, s.spans)
    assert prose(doc, s.start, s.end, list(s.spans)) == first
    assert prose(doc, s.start, s.end, s.spans) == first
    assert first.replace(TOKEN, "#").replace(MASK, "_") == "见 _###_ 和 ###。"
    # Another document with the same offsets has its own prose.
    other, t = _first("看 `c:d` 与 {x}。\n")
    assert prose(other, t.start, t.end, t.spans).startswith("看")


def test_html_character_references_are_tokens_not_punctuation():
    # &mdash;'s ";" in Chinese text was a P002 half-width semicolon, and --fix would have
    # turned it into "；", breaking the entity.
    doc, s = _first("运行 `x`&mdash;&mdash;日志显示&nbsp;完成&#8212;&#x2014;。\n")
    out = prose(doc, s.start, s.end, s.spans).replace(TOKEN, "#").replace(MASK, "_")
    entities = "#" * len("&mdash;&mdash;"), "#" * len("&nbsp;"), "#" * len("&#8212;&#x2014;")
    assert out == "运行 _#_{}日志显示{}完成{}。".format(*entities)
    doc, s = _first("Tom & Jerry; done.\n", "en")  # a bare "&" is text
    assert prose(doc, s.start, s.end, s.spans) == "Tom & Jerry; done."


def test_the_text_of_an_html_code_element_is_a_token_like_a_code_span():
    doc = parse_document("<summary><code>(返回作业的详细信息。)</code> 说明,</summary>\n", "zh/a.md",
                         "zh")
    (s,) = doc.sentences
    out = prose(doc, s.start, s.end, s.spans).replace(TOKEN, "#").replace(MASK, "_")
    assert out == "______" + "#" * len("(返回作业的详细信息。)") + "_______ 说明,"

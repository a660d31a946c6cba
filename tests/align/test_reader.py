from hypothesis import given, settings
from hypothesis import strategies as st

from align.document import BlockKind
from align.reader import parse_document, prose_texts
from tests.align.invariants import assert_lossless

SAMPLE = """# Ketamine

Ketamine is an **NMDA** antagonist. See [the study](https://example.org/a.b) for `0.5 mg/kg`.

## Routes
- Intravenous (IV)
  - fastest *onset*
- Oral

| Route | Notes |
|---|---|
| IV | Most studied; fastest onset |

```
code. Not prose.
```
<!-- bitext: ignore N001 -->
Key Takeaways
"""


def test_block_kinds_and_levels():
    doc = parse_document(SAMPLE, "en/a.md", "en")
    kinds = [(b.kind.value, b.level) for b in doc.blocks if b.kind is not BlockKind.BLANK]
    assert kinds == [
        ("heading", 1), ("paragraph", 0), ("heading", 2), ("list_item", 0), ("list_item", 1),
        ("list_item", 0), ("table_row", 0), ("table_delimiter", 0), ("table_row", 0),
        ("code", 0), ("comment", 0), ("heading", 0),
    ]


def test_inline_spans_and_visible_text():
    doc = parse_document(SAMPLE, "en/a.md", "en")
    para = next(b for b in doc.blocks if b.kind is BlockKind.PARAGRAPH)
    assert [s.kind for s in para.spans] == ["bold", "link", "code"]
    link = para.spans[1]
    assert link.target == "https://example.org/a.b"
    assert SAMPLE[link.inner_start:link.inner_end] == "the study"
    assert [s.text for s in para.sentences] == [
        "Ketamine is an NMDA antagonist.", "See the study for 0.5 mg/kg."]
    assert para.sentences[1].raw == "See [the study](https://example.org/a.b) for `0.5 mg/kg`."


def test_table_cells_are_sentences_with_cell_index():
    doc = parse_document(SAMPLE, "en/a.md", "en")
    row = [b for b in doc.blocks if b.kind is BlockKind.TABLE_ROW][1]
    assert [c.text for c in row.cells] == ["IV", "Most studied; fastest onset"]
    assert [(s.text, s.cell) for s in row.sentences] == [
        ("IV", 0), ("Most studied; fastest onset", 1)]


def test_code_block_has_no_sentences():
    doc = parse_document(SAMPLE, "en/a.md", "en")
    code = next(b for b in doc.blocks if b.kind is BlockKind.CODE)
    assert code.sentences == [] and code.raw.startswith("```\ncode.")


def test_positions_lf_and_crlf_agree():
    lf = parse_document(SAMPLE, "a.md", "en")
    crlf = parse_document(SAMPLE.replace("\n", "\r\n"), "a.md", "en")
    assert [(s.line, s.column, s.end_line, s.end_column, s.text) for s in lf.sentences] == \
        [(s.line, s.column, s.end_line, s.end_column, s.text) for s in crlf.sentences]
    see = next(s for s in crlf.sentences if s.text.startswith("See"))
    assert (see.line, see.column, see.end_column) == (3, 37, 94)
    assert crlf.text[see.start:see.end] == see.raw


def test_seed_positions(corpus_dir):
    from align.reader import load_document

    doc = load_document(corpus_dir / "zh" / "ketamine.md", "zh")
    s = doc.sentences[3]
    assert (s.line, s.column) == (3, 68) and s.text.startswith("与传统抗抑郁药不同")
    heads = [b.text for b in doc.blocks if b.kind is BlockKind.HEADING]
    assert heads[:4] == ["氯胺酮:治疗抑郁症与PTSD的益处、风险与机制", "摘要", "核心要点", "详细笔记"]
    en = load_document(corpus_dir / "en" / "ketamine.md", "en")
    assert sum(b.kind is BlockKind.HEADING for b in en.blocks) == \
        sum(b.kind is BlockKind.HEADING for b in doc.blocks)


def test_wrapped_paragraph_lines_join():
    doc = parse_document("This paragraph is wrapped over\ntwo lines. Second sentence.\n",
                         "a.md", "en")
    assert [b.kind.value for b in doc.blocks] == ["paragraph"]
    assert [s.text for s in doc.sentences] == ["This paragraph is wrapped over\ntwo lines.",
                                               "Second sentence."]


_pieces = st.sampled_from(list("ab 中文。.!?\n\r\t-*#|`[]()_>:，A1") +
                         ["\r\n", "- ", "# ", "**", "```\n", "<!--", "-->", "| x |"])
_texts = st.lists(_pieces, max_size=80).map("".join) | st.text(max_size=120)


@settings(max_examples=300, deadline=None)
@given(text=_texts, lang=st.sampled_from(["zh", "en"]))
def test_segmentation_is_lossless(text, lang):
    doc = parse_document(text, "x.md", lang)
    assert_lossless(doc, text)


_word_pieces = st.sampled_from(["It's", "opi", "oid", "e.g.", " ", "\n", "\n\n", "。", ". ",
                                "- ", "# ", "> ", "**", "`", "[a](u)", "<b>", "</b>", "<div>\n",
                                "| x |", "|---|", "```\n", "中文", "Node.js", ":::note\n"])


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(_word_pieces, max_size=60), lang=st.sampled_from(["zh", "en"]))
def test_prose_texts_have_the_words_of_the_sentences(pieces, lang):
    # The vocabulary pass reads a long pair's parts with prose_texts instead of a parse: the
    # same words, with the same counts.
    from qa.checks.alignment import document_vocabulary, text_vocabulary

    text = "".join(pieces)
    assert text_vocabulary(prose_texts(text)) == \
        document_vocabulary([parse_document(text, "x.md", lang)])


def test_prose_texts_on_a_real_page():
    text = ("## Options\n\n| name | type |\n|---|---|\n| url | `string` |\n\n"
            "> Note: the **url** is required.\n\n```sh\nopi --help\n```\n")
    assert prose_texts(text) == ["Options", "name", "type", "url", "string",
                                 "Note: the url is required."]


def test_a_document_holds_each_plain_sentence_once():
    # Long documents hold hundreds of thousands of sentences: no per-object dict, and a
    # sentence without markup keeps one string for its raw and its visible text.
    doc = parse_document("Plain one. With **bold** here.\n", "a.md", "en")
    plain, marked = doc.sentences
    assert plain.text is plain.raw
    assert (marked.raw, marked.text) == ("With **bold** here.", "With bold here.")
    assert not hasattr(plain, "__dict__") and not hasattr(doc.blocks[0], "__dict__")
    assert doc.lines.position(len("Plain one. ")) == (1, 12)


def test_parsing_pauses_the_cycle_collector_and_leaves_it_as_it_was():
    import gc

    from align.reader import collector_paused

    seen = []
    with collector_paused():
        seen.append(gc.isenabled())
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        doc = parse_document("# Title\n\nOne. Two.\n", "a.md", "en")
        assert not gc.isenabled()  # a caller's choice outlives the parse
    finally:
        gc.enable()
    assert [s.text for s in doc.sentences] == ["Title", "One.", "Two."]


def test_equal_strings_and_numbers_of_the_model_are_one_object():
    # Memory: a long document's model held the same text and line numbers over and over.
    text = "\n" * 300 + "# A title\n\n| cell one | two |\n|---|---|\n\nOne. Two.\n"
    doc = parse_document(text, "a.md", "en")
    heading, row, delim, para = (b for b in doc.blocks if b.kind.value != "blank")
    (title,) = heading.sentences
    assert title.line == heading.line == 301 and title.line is heading.line
    assert title.end_line is heading.end_line
    assert heading.text == title.text == title.raw == "A title"
    assert heading.text is title.text is title.raw
    assert [c.raw for c in row.cells] == ["cell one", "two"]
    assert [s.raw for s in row.sentences] == ["cell one", "two"]
    assert all(c.raw is c.text is s.raw is s.text for c, s in zip(row.cells, row.sentences,
                                                                    strict=True))
    assert all(c.raw is c.text for c in delim.cells)
    one, two = para.sentences
    assert (one.raw, two.raw) == ("One.", "Two.") and one.line is two.line is para.line
    assert one.start is para.content_start and two.end is para.content_end
    assert heading.start is doc.blocks[heading.index - 1].end
    # Cells are a tuple, empty (the one empty tuple) for every block but table rows.
    assert heading.cells == para.cells == () and isinstance(row.cells, tuple)


def test_short_block_texts_and_markers_are_shared_across_the_document():
    doc = parse_document("10. One.\r\n\r\n10. Two.\r\n\r\n---\r\n\r\n---\r\n", "a.md", "en")
    items = [b for b in doc.blocks if b.kind.value == "list_item"]
    blanks = [b for b in doc.blocks if b.raw == "\r\n"]
    assert [b.marker for b in items] == ["10.", "10."] and items[0].marker is items[1].marker
    assert len(blanks) == 3 and blanks[0].raw is blanks[1].raw is blanks[2].raw
    rules = [b for b in doc.blocks if b.raw == "---\r\n"]
    assert len(rules) == 2 and rules[0].raw is rules[1].raw


def test_positions_of_blocks_and_sentences_in_a_crlf_file():
    doc = parse_document("# T\r\n\r\nOne. Two.\r\n", "a.md", "en")
    assert [(b.line, b.column, b.end_line, b.end_column) for b in doc.blocks] == [
        (1, 1, 1, 4), (2, 1, 2, 1), (3, 1, 3, 10)]
    assert [(s.line, s.column, s.end_line, s.end_column) for s in doc.sentences] == [
        (1, 3, 1, 4), (3, 1, 3, 5), (3, 6, 3, 10)]

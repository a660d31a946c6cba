"""Read → segment: turn a file (or text) into a :class:`~align.document.Document`."""

from __future__ import annotations

import gc
import sys
from bisect import bisect_right
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from align.document import Block, BlockKind, Cell, Document, InlineSpan, Sentence
from align.markdown import (
    RawBlock,
    code_elements,
    html_text_runs,
    parse_blocks,
    parse_inline,
    visible_text,
)
from align.positions import LineIndex
from align.segment import split_sentences
from align.textio import read_text, read_utf8_range

LANGUAGES = ("zh", "en")


def parse_document(text: str, path: str, lang: str, encoding: str = "utf-8",
                   line_base: int = 0, ends_file: bool = True) -> Document:
    """Parse decoded ``text`` into blocks and sentences with exact positions.

    A part of a long file (see :mod:`align.parts`) is parsed with the number of lines before
    it (``line_base``): its lines are the file's; offsets are the part's own.

    >>> doc = parse_document("# Title\\n\\nOne. Two.\\n", "a.md", "en")
    >>> [b.kind.value for b in doc.blocks], [s.text for s in doc.sentences]
    (['heading', 'blank', 'paragraph'], ['Title', 'One.', 'Two.'])
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGUAGES}")
    with collector_paused():
        doc = _parse(text, path, lang, encoding, line_base)
    doc.ends_file = ends_file
    return doc


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off inside the block (as it was after it).

    For building a document: a tree of objects that all outlive the parse, without cycles
    among them. Each collection the allocations trigger only walks the ones made so far,
    again, so that parsing grew faster than the text (bench/speed.py's documents of 1, 2 and
    5 MB: 0.83, 1.81 and 5.13 s CPU; with the collector paused 0.71, 1.44 and 3.73 s).

    >>> import gc
    >>> with collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse(text: str, path: str, lang: str, encoding: str, line_base: int) -> Document:
    lines = LineIndex(text, line_base)
    doc = Document(path=path, lang=lang, text=text, blocks=[], encoding=encoding, lines=lines)
    n_sentences = 0
    # Equal numbers and strings of the model share one object: a line number (an int past
    # 256 is an object of its own) is held by every block and sentence on that line, and a
    # block's text, its cells' and its sentences' raw and visible text are often equal.
    numbers = _SharedNumbers(lines, text)
    common = {}.setdefault  # short strings of the document: blank lines, list markers
    prev_end = 0
    for index, raw in enumerate(parse_blocks(text, mdx=path.endswith(".mdx"))):
        share = {}.setdefault  # strings of this block
        line, column = numbers.position(raw.start)
        end_line, end_column = numbers.end_position(raw.start, raw.end)
        spans, hidden, ranges = _prose_ranges(text, raw)
        cells: list[Cell] = []
        if raw.kind is BlockKind.TABLE_ROW:
            cells = [Cell(k, a, b, share(c := text[a:b], c),
                          share(c := visible_text(text, a, b, hidden), c))
                     for a, b, k in ranges if k is not None]
        elif raw.kind is BlockKind.TABLE_DELIMITER:
            cells = [Cell(k, a, b, cell_raw, cell_raw)
                     for k, (a, b) in enumerate(raw.cells) for cell_raw in (text[a:b],)]
        if raw.kind is BlockKind.TABLE_ROW:
            block_text = " | ".join(c.text for c in cells)
        elif raw.kind is BlockKind.HTML:
            block_text = " ".join(visible_text(text, a, b, hidden) for a, b, _ in ranges)
        else:
            block_text = visible_text(text, raw.content_start, raw.content_end, hidden)
        block = Block(
            kind=raw.kind, index=index, start=prev_end if raw.start == prev_end else raw.start,
            end=raw.end, line=line, column=column, end_line=end_line, end_column=end_column,
            raw=common(r, r) if len(r := text[raw.start:raw.end]) <= _COMMON_LENGTH else r,
            content_start=ranges[0][0] if raw.kind is BlockKind.HTML and ranges
            else raw.content_start,
            content_end=ranges[-1][1] if raw.kind is BlockKind.HTML and ranges
            else raw.content_end,
            text=share(block_text, block_text),
            level=raw.level, marker=common(raw.marker, raw.marker), spans=tuple(spans),
            cells=tuple(cells),
            path=path, lang=lang,
        )
        protected: list[tuple[int, int]] = []
        if spans:  # most blocks have no markup
            protected = [(sp.inner_start, sp.inner_end) for sp in spans
                         if sp.kind in ("code", "math")]
            protected += [(sp.inner_end, sp.end) for sp in spans if sp.kind in ("link", "image")]
            protected += [(sp.start, sp.end) for sp in spans if sp.kind in ("html", "footnote")]
            # An HTML <code> element is code too: no sentence boundary inside it.
            protected += [(a, b) for a, b, _, _ in code_elements(text, spans)]
        for a, b, cell in ranges:
            if raw.kind is BlockKind.HEADING:
                pieces = [(a, b)] if b > a else []  # a heading is one segment
            else:
                pieces = _sentence_spans(text, lang, a, b, protected, raw.hidden)
                pieces = _join_markup_only(text, pieces, hidden)
            for sa, sb in pieces:
                sl, sc = numbers.position(sa)
                el, ec = numbers.end_position(sa, sb)
                raw_text = share(r := text[sa:sb], r)
                visible = visible_text(text, sa, sb, hidden)
                block.sentences.append(Sentence(
                    path=path, lang=lang, index=n_sentences, block=index,
                    start=a if sa == a else sa, end=b if sb == b else sb,
                    line=sl, column=sc, end_line=el, end_column=ec, raw=raw_text,
                    # Without markup the two are equal: one string, not two copies.
                    text=raw_text if visible == raw_text else share(visible, visible),
                    spans=tuple(sp for sp in spans if sp.start < sb and sp.end > sa)
                    if spans else (),
                    cell=cell,
                ))
                n_sentences += 1
        doc.blocks.append(block)
        prev_end = block.end
    return doc


def _prose_ranges(text: str, raw: RawBlock) -> tuple[
        list[InlineSpan], list[tuple[int, int]], list[tuple[int, int, int | None]]]:
    """A block's inline markup, the ranges of it hidden from its visible text (sorted), and
    its prose ranges, each with its table cell's index (or None): the ranges are segmented
    into sentences each on its own."""
    spans: list[InlineSpan] = []
    hidden: list[tuple[int, int]] = []
    ranges: list[tuple[int, int, int | None]] = []
    if raw.kind is BlockKind.TABLE_ROW:
        for k, (a, b) in enumerate(raw.cells):
            s, h = parse_inline(text, a, b)
            spans += s
            hidden += h
            ranges.append((a, b, k))
    elif raw.paragraphs:  # a list item with continuation paragraphs: each on its own
        for a, b in raw.paragraphs:
            s, h = parse_inline(text, a, b)
            spans += s
            hidden += h
            ranges.append((a, b, None))
    elif raw.kind in (BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
        spans, hidden = parse_inline(text, raw.content_start, raw.content_end)
        if raw.hidden:
            hidden = sorted(hidden + raw.hidden)
        ranges.append((raw.content_start, raw.content_end, None))
    elif raw.kind is BlockKind.HTML:  # its text between block-level tags: each alone
        for a, b in html_text_runs(text, raw.start, raw.end):
            s, h = parse_inline(text, a, b)
            spans += s
            hidden += h
            ranges.append((a, b, None))
    return spans, hidden, ranges


def prose_texts(text: str, mdx: bool = False) -> list[str]:
    """The visible text of each prose range of a Markdown text (an MDX page's with ``mdx``:
    a heading, a paragraph, a table cell, …): the text of its sentences, without segmenting
    it or building the document model — about a third of a parse's time, for what only
    counts words.

    >>> prose_texts("# Title\\n\\nOne **bold**. Two.\\n\\n```\\ncode\\n```\\n")
    ['Title', 'One bold. Two.']
    """
    out = []
    with collector_paused():
        for raw in parse_blocks(text, mdx):
            _, hidden, ranges = _prose_ranges(text, raw)
            out += [visible_text(text, a, b, hidden) for a, b, _ in ranges]
    return out


#: Blocks whose raw text is at most this long (blank lines, thematic breaks) share it with
#: the blocks of the same text.
_COMMON_LENGTH = 8


class _SharedNumbers:
    """Line and column numbers of a parse of ``text``, each value one int object.

    The look-up of :meth:`LineIndex.position <align.positions.LineIndex.position>` is done
    here, in place: a parse asks for four numbers per block and per sentence.

    >>> numbers = _SharedNumbers(LineIndex("ab\\ncd\\r\\n"), "ab\\ncd\\r\\n")
    >>> numbers.position(4), numbers.end_position(3, 7), numbers.end_position(3, 3)
    ((2, 2), (2, 3), (2, 1))
    """

    def __init__(self, lines: LineIndex, text: str) -> None:
        self._ints: dict[int, int] = {}
        self._starts = lines.starts
        self._base = lines.base
        self._text = text

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of the character at ``offset``."""
        starts = self._starts
        line = bisect_right(starts, offset)
        column = offset - starts[line - 1] + 1
        line += self._base
        one = self._ints.setdefault
        return one(line, line), one(column, column)

    def end_position(self, start: int, end: int) -> tuple[int, int]:
        """Exclusive end position of ``text[start:end]``, ignoring its trailing line
        ending."""
        text = self._text
        stop = end
        while stop > start and text[stop - 1] in "\r\n":
            stop -= 1
        if stop == start:
            return self.position(start)
        starts = self._starts
        line = bisect_right(starts, stop - 1)
        column = stop - starts[line - 1] + 1  # just past the character at stop - 1
        line += self._base
        one = self._ints.setdefault
        return one(line, line), one(column, column)


def _sentence_spans(text: str, lang: str, a: int, b: int, protected: list[tuple[int, int]],
                    markers: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences of ``text[a:b]``, reading block-quote markers (``markers``) as white space.

    Why blank them: the ``>`` that starts a quote's later line would otherwise stand between
    a sentence's end and the next sentence's start, and hide the boundary.
    """
    if not markers:
        return split_sentences(text, lang, a, b, protected)
    chunk = list(text[a:b])
    for ma, mb in markers:
        for k in range(max(ma, a), min(mb, b)):
            chunk[k - a] = " "
    shifted = [(pa - a, pb - a) for pa, pb in protected]
    return [(sa + a, sb + a) for sa, sb in split_sentences("".join(chunk), lang, 0, b - a, shifted)]


def _join_markup_only(text: str, pieces: list[tuple[int, int]],
                      hidden: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a piece that is markup only (the closing ``**`` of ``**问题？**``, which the
    segmenter leaves after the question mark) to the sentence before it (or after it)."""
    if len(pieces) < 2:
        return pieces
    out: list[tuple[int, int]] = []
    carry: int | None = None  # start of markup-only pieces before the first sentence
    for sa, sb in pieces:
        if not visible_text(text, sa, sb, hidden).strip():
            if out:
                out[-1] = (out[-1][0], sb)
            elif carry is None:
                carry = sa
            continue
        out.append((sa if carry is None else carry, sb))
        carry = None
    if carry is not None:  # nothing but markup: keep the pieces as they were
        return pieces
    return out


def note_on_stderr(message: str) -> None:
    """Default ``notify``: one ``bitext: note:`` line on stderr."""
    print(f"bitext: note: {message}", file=sys.stderr)


def load_document(path: str | Path, lang: str, encoding: str | None = None,
                  notify: Callable[[str], None] | None = note_on_stderr,
                  part: tuple[int, int, int] | None = None,
                  part_bytes: tuple[int, int, str] | None = None) -> Document:
    """Read, decode and parse a file; input problems raise :class:`~align.errors.InputError`.

    A detected (non-UTF-8) encoding is announced through ``notify`` (None: silently). With
    ``part`` (start and end offsets in the decoded text, and the lines before the start),
    only that part of the file is parsed (see :mod:`align.parts`), with the file's lines;
    with ``part_bytes`` too (its start and end in the bytes of a UTF-8 file, and the
    encoding's name), only those bytes are read.
    """
    if part is not None:
        text, encoding_name, ends_file = read_part(path, part[:2], part_bytes, encoding, notify)
        return parse_document(text, str(path), lang, encoding_name, line_base=part[2],
                              ends_file=ends_file)
    decoded = read_text(path, encoding)
    if decoded.notice and notify is not None:
        notify(decoded.notice)
    return parse_document(decoded.text, str(path), lang, decoded.encoding)


def read_part(path: str | Path, span: tuple[int, int],
              span_bytes: tuple[int, int, str] | None = None, encoding: str | None = None,
              notify: Callable[[str], None] | None = None) -> tuple[str, str, bool]:
    """The text of a part of a file (characters ``span`` of the decoded text; with
    ``span_bytes``, the same range in the bytes of a UTF-8 file and the encoding's name,
    read without decoding the rest), the file's encoding, and whether the part runs to the
    end of the file."""
    if span_bytes is not None:
        start, end, name = span_bytes
        return read_utf8_range(path, start, end), name, end >= Path(path).stat().st_size
    decoded = read_text(path, encoding)
    if decoded.notice and notify is not None:
        notify(decoded.notice)
    start, end = span
    return decoded.text[start:end], decoded.encoding, end >= len(decoded.text)

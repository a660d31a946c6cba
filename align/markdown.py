"""Line-based Markdown block classification and inline markup spans, with exact offsets.

Why our own parser: markdown-it-py (and the other CommonMark parsers) give line ranges for
blocks but no character offsets for inline tokens, and they normalise text; the document model
needs every piece's exact offsets so that findings land on the right column and so that the
pieces reproduce the file byte for byte. The subset handled is what translated documentation
uses: ATX headings, plain title lines (documents such as the seed use ``Key Takeaways`` or
``背景:…`` on a line of their own), paragraphs (soft-wrapped lines join), list items with
nesting, pipe tables, fenced code, HTML comments, thematic breaks and blank lines; inline code,
links, autolinks, bold and italic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from align.document import BlockKind, InlineSpan
from align.script import has_han

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
_LIST = re.compile(r"^([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+|$)")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_COMMENT_OPEN = re.compile(r"^\s*<!--")
_DELIM_CELL = re.compile(r"^\s*:?-+:?\s*$")
_TERMINAL = set(".!?。！？;；,，、…:：") - set(":：")
_INNER_SENTENCE_END = re.compile(r"[。！？](?=.)|[a-z]{2}[.!?] +[A-Z]")


@dataclass
class RawBlock:
    """A block before sentence segmentation: kind, offsets, and where its prose lies."""

    kind: BlockKind
    start: int
    end: int
    content_start: int
    content_end: int
    level: int = 0
    marker: str = ""
    cells: list[tuple[int, int]] = field(default_factory=list)  # table cell content ranges


@dataclass
class _Line:
    start: int
    end: int  # end of content, before the line ending
    stop: int  # after the line ending
    text: str  # content without the line ending


def _lines(text: str) -> list[_Line]:
    out = []
    pos = 0
    for piece in text.splitlines(keepends=True):
        body = piece.rstrip("\r\n")
        out.append(_Line(pos, pos + len(body), pos + len(piece), body))
        pos += len(piece)
    return out


def _strip_range(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past surrounding white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_title_line(line: str) -> bool:
    """A short line without sentence-final punctuation: a plain-text heading such as
    ``Key Takeaways``, ``核心要点`` or ``Background: Why Ketamine Entered Psychiatry``."""
    s = line.strip()
    if not s or s[-1] in _TERMINAL or s[0].islower():
        return False
    if _INNER_SENTENCE_END.search(s):
        return False  # a full sentence followed by more text is prose (e.g. a cut paragraph)
    if has_han(s):
        return len(s) <= 40
    return len(s) <= 80 and len(s.split()) <= 12


def parse_blocks(text: str) -> list[RawBlock]:
    """Split ``text`` into blocks whose ranges tile it exactly."""
    lines = _lines(text)
    blocks: list[RawBlock] = []
    list_indents: list[int] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        s = ln.text
        prev = blocks[-1] if blocks else None
        if not s.strip():
            blocks.append(RawBlock(BlockKind.BLANK, ln.start, ln.stop, ln.start, ln.start))
            i += 1
            continue
        fence = _FENCE.match(s)
        if fence:
            j = i + 1
            ch, n = fence.group(1)[0], len(fence.group(1))
            while j < len(lines):
                m = _FENCE.match(lines[j].text)
                if m and m.group(1)[0] == ch and len(m.group(1)) >= n and \
                        not lines[j].text[m.end():].strip():
                    j += 1
                    break
                j += 1
            blocks.append(RawBlock(BlockKind.CODE, ln.start, lines[j - 1].stop, ln.start,
                                   ln.start, marker=fence.group(1)))
            list_indents.clear()
            i = j
            continue
        if _COMMENT_OPEN.match(s):
            j = i
            while j < len(lines) and "-->" not in lines[j].text:
                j += 1
            j = min(j, len(lines) - 1) + 1
            blocks.append(RawBlock(BlockKind.COMMENT, ln.start, lines[j - 1].stop, ln.start,
                                   ln.start, marker="<!--"))
            i = j
            continue
        atx = _ATX.match(s)
        if atx:
            cs = ln.start + atx.end()
            close = _ATX_CLOSE.search(s, atx.end())
            ce = ln.start + (close.start() if close else len(s))
            cs, ce = _strip_range(text, cs, ce)
            blocks.append(RawBlock(BlockKind.HEADING, ln.start, ln.stop, cs, max(cs, ce),
                                   level=len(atx.group(1)), marker=atx.group(1)))
            list_indents.clear()
            i += 1
            continue
        if s.lstrip().startswith("|"):
            blocks.append(_table_row(text, ln))
            list_indents.clear()
            i += 1
            continue
        if _RULE.match(s):
            blocks.append(RawBlock(BlockKind.BLANK, ln.start, ln.stop, ln.start, ln.start,
                                   marker=s.strip()[0] * 3))
            list_indents.clear()
            i += 1
            continue
        item = _LIST.match(s)
        if item:
            indent = len(item.group(1).expandtabs(4))
            while list_indents and indent < list_indents[-1]:
                list_indents.pop()
            if not list_indents or indent > list_indents[-1]:
                list_indents.append(indent)
            level = len(list_indents) - 1
            cs, ce = _strip_range(text, ln.start + item.end(), ln.end)
            blocks.append(RawBlock(BlockKind.LIST_ITEM, ln.start, ln.stop, cs, max(cs, ce),
                                   level=level, marker=item.group(2)))
            i += 1
            continue
        # Prose: a continuation of the previous paragraph or list item, a title line, or a
        # new paragraph.
        prev_line = lines[i - 1].text if i else ""
        prev_complete = not prev_line.strip() or prev_line.rstrip()[-1] in _TERMINAL \
            or prev is None or prev.kind is not BlockKind.PARAGRAPH
        nxt = lines[i + 1].text.strip() if i + 1 < len(lines) else ""
        quote = _QUOTE.match(s)
        # A short line is a title unless the next line carries on its sentence in lower case.
        if quote is None and prev_complete and is_title_line(s) and not nxt[:1].islower():
            cs, ce = _strip_range(text, ln.start, ln.end)
            blocks.append(RawBlock(BlockKind.HEADING, ln.start, ln.stop, cs, ce, level=0))
            list_indents.clear()
            i += 1
            continue
        continues = prev is not None and prev.end == ln.start and (
            (prev.kind is BlockKind.PARAGRAPH and not prev_complete)
            or (prev.kind is BlockKind.PARAGRAPH and prev.marker == ">" and quote is not None)
            or (prev.kind is BlockKind.LIST_ITEM and s[:1] in " \t")
        )
        if continues:
            assert prev is not None
            prev.end = ln.stop
            _, ce = _strip_range(text, ln.start, ln.end)
            prev.content_end = max(prev.content_end, ce)
            i += 1
            continue
        skip = quote.end() if quote else 0
        cs, ce = _strip_range(text, ln.start + skip, ln.end)
        blocks.append(RawBlock(BlockKind.PARAGRAPH, ln.start, ln.stop, cs, ce,
                               marker=">" if quote else ""))
        if not s[:1].isspace():
            list_indents.clear()
        i += 1
    return blocks


def _table_row(text: str, ln: _Line) -> RawBlock:
    s = ln.text
    bars = [k for k, ch in enumerate(s) if ch == "|" and (k == 0 or s[k - 1] != "\\")]
    cells = []
    for a, b in zip(bars, bars[1:] + ([len(s)] if s.rstrip()[-1:] != "|" else []),
                    strict=False):
        cs, ce = _strip_range(text, ln.start + a + 1, ln.start + b)
        cells.append((cs, max(cs, ce)))
    is_delim = bool(cells) and all(_DELIM_CELL.match(text[a:b] or "-") for a, b in cells) \
        and any(text[a:b] for a, b in cells)
    cs, ce = _strip_range(text, ln.start, ln.end)
    kind = BlockKind.TABLE_DELIMITER if is_delim else BlockKind.TABLE_ROW
    return RawBlock(kind, ln.start, ln.stop, cs, ce, marker="|", cells=cells)


# ---------------------------------------------------------------------------------------------
# Inline markup

_CODE = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.S)
_LINK = re.compile(r"(!?)\[([^\[\]]*)\]\(\s*<?([^()\s<>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^\s<>]+)>")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.S)
_ITALIC_STAR = re.compile(r"(?<![*\\])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?!\*)", re.S)
_MARKUP_CHARS = re.compile(r"[`*_\[<]")
_ITALIC_UNDER = re.compile(r"(?<![\w\\])_(?=\S)(.+?)(?<=\S)_(?!\w)", re.S)


def parse_inline(text: str, start: int, end: int) -> tuple[list[InlineSpan], list[tuple[int, int]]]:
    """Inline spans in ``text[start:end]`` and the delimiter ranges that hide when rendered.

    Offsets are absolute (into ``text``). Code spans are literal: nothing inside them is markup.

    >>> spans, hidden = parse_inline("a **b** c", 0, 9)
    >>> spans[0].kind, hidden
    ('bold', [(2, 4), (5, 7)])
    """
    chunk = text[start:end]
    if not _MARKUP_CHARS.search(chunk):
        return [], []
    masked = list(chunk)
    spans: list[InlineSpan] = []
    hidden: list[tuple[int, int]] = []

    def mask(a: int, b: int) -> None:
        for k in range(a, b):
            masked[k] = "\x00"

    for m in _CODE.finditer(chunk):
        a, b = m.span()
        n = len(m.group(1))
        spans.append(InlineSpan("code", start + a, start + b, start + a + n, start + b - n))
        hidden += [(start + a, start + a + n), (start + b - n, start + b)]
        mask(a, b)
    cur = "".join(masked)
    for m in _LINK.finditer(cur):
        a, b = m.span()
        ts, te = m.span(2)
        spans.append(InlineSpan("link", start + a, start + b, start + ts, start + te,
                                target=chunk[m.start(3):m.end(3)]))
        hidden += [(start + a, start + ts), (start + te, start + b)]
        mask(a, ts)
        mask(te, b)
    cur = "".join(masked)
    for m in _AUTOLINK.finditer(cur):
        a, b = m.span()
        spans.append(InlineSpan("link", start + a, start + b, start + a + 1, start + b - 1,
                                target=m.group(1)))
        hidden += [(start + a, start + a + 1), (start + b - 1, start + b)]
        mask(a, b)
    for kind, pattern in (("bold", _BOLD), ("italic", _ITALIC_STAR), ("italic", _ITALIC_UNDER)):
        cur = "".join(masked)
        for m in pattern.finditer(cur):
            a, b = m.span()
            n = 2 if kind == "bold" else 1
            spans.append(InlineSpan(kind, start + a, start + b, start + a + n, start + b - n))
            hidden += [(start + a, start + a + n), (start + b - n, start + b)]
            mask(a, a + n)
            mask(b - n, b)
    spans.sort(key=lambda sp: (sp.start, -sp.end))
    hidden.sort()
    return spans, hidden


def visible_text(text: str, start: int, end: int, hidden: list[tuple[int, int]]) -> str:
    """``text[start:end]`` without the hidden delimiter ranges that fall inside it."""
    out = []
    pos = start
    for a, b in hidden:
        if b <= start or a >= end:
            continue
        a, b = max(a, start), min(b, end)
        if a > pos:
            out.append(text[pos:a])
        pos = max(pos, b)
    out.append(text[pos:end])
    return "".join(out)

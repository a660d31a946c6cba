"""Line-based Markdown block classification and inline markup spans, with exact offsets.

Why our own parser: markdown-it-py (and the other CommonMark parsers) give line ranges for
blocks but no character offsets for inline tokens, and they normalise text; the document model
needs every piece's exact offsets so that findings land on the right column and so that the
pieces reproduce the file byte for byte. The subset handled is what translated documentation
uses: ATX headings, plain title lines (documents such as the seed use ``Key Takeaways`` or
``背景:…`` on a line of their own), paragraphs (soft-wrapped lines join), list items with
nesting, pipe tables, fenced code, HTML comments, thematic breaks and blank lines; inline code,
links, autolinks, bold, italic and TeX math.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from align.document import BlockKind, InlineSpan
from align.script import has_han

_FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})")


def _opening_fence(text: str) -> re.Match[str] | None:
    """A code fence's opening line; as in CommonMark, a backtick fence's info string holds no
    backtick (so ```` ```CONCAT(a, b)``` ```` on one line is inline code, not a fence).

    >>> bool(_opening_fence("```yaml")), bool(_opening_fence("```CONCAT(a)```"))
    (True, False)
    """
    m = _FENCE.match(text)
    if m and m.group(2)[0] == "`" and "`" in text[m.end():]:
        return None
    return m
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
#: A heading's attributes at its end (Hugo, kramdown, Pandoc): ``{#custom-id}``, also with
#: classes (``{#id .class}``); an id of any run of hyphens (istio.io's zh pages copy the
#: ``{#proxy-compromise---waypoint}`` Hugo makes of "Proxy compromise - Waypoint").
_HEADING_ID = re.compile(r"[ \t]+\{:?[ \t]*#[^\s{}]+(?:[ \t]+[^{}\n]*)?\}[ \t]*$")
_LIST = re.compile(r"^([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+|$)")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r"^([ \t]*)>[ \t]?(?: {0,3}>[ \t]?)*")
_COMMENT_OPEN = re.compile(r"^\s*<!--")
_DELIM_CELL = re.compile(r"^\s*:?-+:?\s*$")
_TERMINAL = set(".!?。！？;；,，、…:：") - set(":：")
#: Marks that end a clause but not a sentence: a line that ends with one is hard-wrapped, and
#: the next line carries on its sentence (``…依赖RocketMQ rebalance分配，`` + ``计算实例…``).
_CLAUSE_END = frozenset(",，、")
_SENTENCE_END = _TERMINAL - _CLAUSE_END
#: Quotes that may close a line after its end mark.
_CLOSING_QUOTES = "\"'”’」』"
_INNER_SENTENCE_END = re.compile(r"[。！？](?=.)|[a-z]{2}[.!?] +[A-Z]")

# Documentation-site constructs (Docusaurus/MDX, Hugo, MkDocs, GitHub).
_SETEXT = re.compile(r"^ {0,3}(=+|-{2,})[ \t]*$")
_ADMONITION = re.compile(
    r"^[ \t]*(:{3,})[ \t]*(?:([A-Za-z][\w-]*)[ \t]*(?:\[(.*)\])?)?(.*?)[ \t]*$")
_ALERT = re.compile(r"^ {0,3}>[ \t]*\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*$", re.I)
#: A line git writes into a file it could not merge: ``<<<<<<< HEAD``, ``||||||| base``
#: (diff3), ``=======``, ``>>>>>>> 1a2b3c4 (message)``; the reader and M006 read it alike.
CONFLICT_MARKER = re.compile(r"^(<{7}|\|{7}|={7}|>{7})(?:[ \t]+(\S.*))?[ \t]*\r?$", re.M)
#: A quote's line holding only a note's label in bold: StarRocks' zh pages write "> **说明**"
#: where the en pages have ":::note".
_LABEL_QUOTE = re.compile(
    r"^ {0,3}>[ \t]*(\*\*|__)(?:说明|注意|提示|警告|注|备注|重要|(?i:note|tip|warning|caution|"
    r"important|notice|info))[:：]?\1[:：]?[ \t]*$")
_SHORTCODE_OPEN = re.compile(r"^[ \t]*\{\{[<%]")
#: A shortcode tag alone on its line: its name and its arguments.
_SHORTCODE_TAG = re.compile(
    r"^[ \t]*\{\{[<%][ \t]*([A-Za-z][\w-]*)([^\n]*?)[ \t]*[>%]\}\}[ \t]*$")
#: The language a code shortcode highlights: its first argument (``text bash``, ``highlight
#: go "linenos=table"``) or its ``syntax=`` / ``lang=`` value.
_SHORTCODE_LANGUAGE = re.compile(
    r"^[ \t]+\"?([\w+#.-]+)\"?(?=[ \t]|$)|\b(?:syntax|lang|language)=\"?([\w+#.-]+)")
#: Shortcodes that show their body as code whatever their arguments (Hugo's built-in
#: ``highlight``) …
_CODE_SHORTCODES = frozenset({"highlight", "code"})
#: … and the languages that make any other paired shortcode a code block (istio.io writes
#: every code block as ``{{< text bash >}}`` … ``{{< /text >}}``).
_CODE_LANGUAGES = frozenset(
    "bash sh shell zsh console shell-session powershell ps1 cmd bat batch yaml yml json json5 "
    "jsonc go golang python py python3 java kotlin scala groovy js javascript jsx ts typescript "
    "tsx plain plaintext text txt xml html css scss sql toml ini properties conf dockerfile "
    "docker makefile make c cpp c++ csharp cs rust rs ruby rb php perl lua r swift dart proto "
    "protobuf graphql diff patch nginx hcl terraform log".split())
#: A definition list's description line, right under its term (Hugo's and MkDocs' Markdown).
_DEFINITION_ITEM = re.compile(r":[ \t]+(?=\S)")
#: An MDX comment on lines of its own: ``{/* … */}``.
_MDX_COMMENT_OPEN = re.compile(r"^[ \t]*\{[ \t]*/\*")
_MDX_COMMENT_CLOSE = re.compile(r"\*/[ \t]*\}[ \t]*$")
_SHORTCODE_CLOSE = re.compile(r"[>%]\}\}[ \t]*$")
#: Shortcode tags, each of one line or several.
_SHORTCODES = re.compile(r"\{\{<.*?>\}\}|\{\{%.*?%\}\}", re.S)
_COMMENT_DEF = re.compile(r"^ {0,3}\[//\]: *(?:#|<>)")
#: A GFM footnote definition's label, ``[^1]:`` or ``[^note]:``, and the white space after it.
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^[^\]\s]+\]:[ \t]*")
_LINK_DEF = re.compile(
    r"^ {0,3}\[(?:[^\[\]\\]|\\.)+\]:[ \t]*(?:<[^<>\n]*>|\S+)"
    r"(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?[ \t]*$")
_ESM = re.compile(
    r"^(?:import(?:[ \t]+[\w*{}, \t$]+[ \t]+from)?[ \t]*['\"]|import[ \t]*\{|"
    r"export[ \t]+(?:default|const|let|var|function|class|async|\{|\*))")
_HTML_RAW = re.compile(r"^<(script|pre|style|textarea)(?:[ \t>]|$)", re.I)
_HTML_BLOCK = re.compile(
    r"^</?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup"
    r"|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset"
    r"|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|meta|nav|noframes"
    r"|ol|optgroup|option|p|param|search|section|source|summary|table|tbody|td|tfoot|th|thead"
    r"|title|tr|track|ul)(?:[ \t/>]|$)", re.I)
_JSX = re.compile(r"^(?:</?[A-Z][\w.]*(?:[ \t/>]|$)|</?>)")
_HTML_TAG_ALONE = re.compile(
    r"^(?:<[A-Za-z][\w-]*(?:[ \t]+[^<>]*?)?[ \t]*/?>|</[A-Za-z][\w-]*[ \t]*>)[ \t]*$")
_TAG_START = re.compile(r"</?[A-Za-z>]")
_TASK = re.compile(r"\[[ xX]\][ \t]+")
_INDENTED_CODE = re.compile(r"^(?: {4}|[ \t]{0,3}\t)")
_FRONT_MATTER_KEY = re.compile(r"^[A-Za-z_][\w.-]*[ \t]*[:=]")
#: Front matter fields whose values are prose: headings (titles) and paragraphs (summaries).
_TITLE_FIELDS = frozenset({"title", "sidebar_label", "linkTitle"})
_SUMMARY_FIELDS = frozenset({"description", "summary"})
#: The marker of a front-matter field's block: its key (a body block's marker is Markdown's).
FRONT_MATTER_FIELDS = _TITLE_FIELDS | _SUMMARY_FIELDS
SUMMARY_FIELDS = _SUMMARY_FIELDS
#: A field: ``key:`` or ``key =`` at the start of a line, or a JSON key in quotes, indented
#: (``  "title": "ASCII",``: Docusaurus reads JSON front matter, YAML being a superset).
_FIELD = re.compile(r"^(?:[ \t]*\"(?P<json>[A-Za-z_][\w-]*)\"|(?P<key>[A-Za-z_][\w-]*))"
                    r"[ \t]*[:=][ \t]*")


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
    #: markup inside the content that is not prose: the ``>`` of a quote's later lines
    hidden: list[tuple[int, int]] = field(default_factory=list)
    #: a list item with continuation paragraphs (blank line, then text indented to the item's
    #: content column — CommonMark makes them part of the item): each paragraph's content
    #: range, the first being the item's own line(s); empty for a one-paragraph block
    paragraphs: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class _Line:
    start: int
    end: int  # end of content, before the line ending
    stop: int  # after the line ending
    text: str  # content without the line ending


#: A line that reads as a block of its own after a sentence, even where line breaks are
#: soft: a figure after the paragraph it illustrates (a picture alone, Markdown or HTML,
#: linked or not), a step numbered the Chinese way ("（1）检查…", "2、…", "3.下载…", "③"), a note
#: opened by a bold label ("**注意** 消息…", the Chinese of a ":::note").
_OWN_LINE = re.compile(
    r"^[ \t]*(?:(?:\[[ \t]*)?(?:!\[[^\]\n]*\]\([^)\n]*\)|<img\b[^>\n]*>)(?:\]\([^)\n]*\))?[ \t]*$"
    r"|[(（]\d{1,3}[)）]|\d{1,3}、|\d{1,3}[.．](?=[^\x00-\x7f])|[\u2460-\u2473]"
    r"|(\*\*|__)[^*_\n]{1,16}\1)", re.I)
#: A line that starts a block of its own in Markdown (a list item, a definition, a heading,
#: a quote, a fence, a table row, a tag, an admonition, a shortcode): where line breaks are soft, a
#: short line is a title only when a blank line or such a line follows it, else it opens a
#: paragraph ("你所使用的集群**必须**包括至少一个符合" + "[要求](…)" + "的节点，…").
_BLOCK_START = re.compile(r"[-*+:][ \t]|\d{1,9}[.)][ \t]|#|>|\||```|~~~|<|:::|\{\{")
#: A line that is all bold (a label: "**第3. 定义事件格式：**"): a title wherever it stands.
_LABEL_LINE = re.compile(r"^[ \t]*(\*\*|__)[^*\n]+\1[:：]?[ \t]*$")
#: Blank lines per line of text from which a document reads as Markdown, its paragraphs
#: set apart by blank lines (see :func:`soft_breaks`).
SOFT_BREAK_BLANKS = 0.1


def soft_breaks(lines: list[_Line]) -> bool:
    """Whether the document sets its paragraphs apart with blank lines, as Markdown does:
    then a line that ends a sentence does not end its paragraph (pages written one
    sentence a line, as kubernetes/website's Chinese pages are, are paragraphs of several
    lines, and Markdown renders them so). A text with (almost) no blank lines, such as the
    seed document, writes a paragraph a line: there a line that ends a sentence ends its
    paragraph, and a short line after it is a title."""
    blank = sum(1 for ln in lines if not ln.text.strip())
    return blank >= SOFT_BREAK_BLANKS * (len(lines) - blank) and blank > 0


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


#: A line that ends in a lower-case word no title ends with (an article, a preposition, a
#: conjunction, a copula) or in a comma stops in the middle of a sentence.
_OPEN_ENDING = re.compile(
    r"(?:[\s(](?:a|an|the|of|to|in|on|at|by|for|from|with|into|onto|via|as|than|and|or|but|"
    r"nor|if|is|are|was|were|be|been|that|which|whose|this|these|its|their|our|your|his|her|"
    r"my|not)|[,;])$")


#: Chinese characters no title ends with: structural particles, conjunctions, the
#: disposal and passive markers, demonstratives, and the enumeration comma.
_ZH_OPEN_ENDING = frozenset("的地得和与及或把被而并且但让使这那，、")


def is_title_line(line: str) -> bool:
    """A short line without sentence-final punctuation: a plain-text heading such as
    ``Key Takeaways``, ``核心要点`` or ``Background: Why Ketamine Entered Psychiatry``."""
    s = line.strip()
    if not s or s.rstrip(_CLOSING_QUOTES)[-1:] in _TERMINAL or s[0].islower():
        return False  # a sentence ends inside its closing quotes too ('"Go to!"', "“好。”")
    if _INNER_SENTENCE_END.search(s):
        return False  # a full sentence followed by more text is prose (e.g. a cut paragraph)
    if _OPEN_ENDING.search(s) or s[-1] in _ZH_OPEN_ENDING:
        return False  # "… how Kubernetes implements the", "……上的": a line that stops mid-sentence
    # The length a reader sees: a tag's attributes are not read (dumi's demo lines,
    # <code src="./demo/closable.tsx">可关闭的警告提示</code>, are titles in both languages).
    seen = _TAG.sub("", s).strip() if "<" in s else s
    if has_han(seen):
        return len(seen) <= 40
    return len(seen) <= 80 and len(seen.split()) <= 12


#: An HTML tag (not an escaped ``\\<placeholder\\>``, which Markdown shows as it is).
_TAG = re.compile(r"(?<!\\)</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")



#: The block steps (of :meth:`_BlockParser.run`) that can claim a line whose first character
#: is not white space, by that character, in the order they are tried: each step's markup
#: starts the line (`` ``` `` ``~~~`` ``>`` ``<`` ``import`` ``export`` ``:::`` ``{{`` ``[``
#: ``===`` ``---`` ``#`` ``|`` ``***`` ``___`` ``-`` ``*`` ``+``; a digit: only a list item).
_STEPS_BY_FIRST = {
    "`": ("_fence",), "~": ("_fence",),
    ">": ("_conflict", "_quote_fence", "_table", "_alert", "_quote_blank"),
    "<": ("_conflict", "_comment", "_html"), "i": ("_esm",), "e": ("_esm",),
    ":": ("_admonition", "_definition_item"), "{": ("_mdx_comment", "_shortcode"),
    "[": ("_definition",), "=": ("_conflict", "_setext"),
    "-": ("_setext", "_rule", "_list_item"), "#": ("_atx",), "|": ("_conflict", "_table"),
    "*": ("_rule", "_list_item"), "_": ("_rule",), "+": ("_list_item",),
}


def parse_blocks(text: str, mdx: bool = False) -> list[RawBlock]:
    """Split ``text`` into blocks whose ranges tile it exactly; ``mdx``: read it as MDX
    (an ``.mdx`` page), where indentation never makes code.

    >>> text = "- Run:\\n\\n        ```sh\\n        npm i\\n        ```\\n"
    >>> [b.kind.value for b in parse_blocks(text, mdx=True)]
    ['list_item', 'blank', 'code']
    """
    return _BlockParser(text, mdx).run()


class _BlockParser:
    """One pass over the lines; each ``_step`` method claims the line(s) it recognises.

    The order of the steps is the order of precedence: code and markup first, prose last.
    """

    def __init__(self, text: str, mdx: bool = False) -> None:
        self.text = text
        self.mdx = mdx
        self.lines = _lines(text)
        #: Whether a line break inside a paragraph is a soft break, as Markdown has it
        #: (see :func:`soft_breaks`); else a line that ends a sentence ends its paragraph.
        self.soft = soft_breaks(self.lines)
        self.blocks: list[RawBlock] = []
        self.list_indents: list[int] = []  # marker indentation of the open list levels
        self.list_content: list[int] = []  # content indentation of each open level's item
        #: The ``=======`` and ``>>>>>>>`` lines of the merge conflict being read, if any.
        self.conflict: tuple[int, int] | None = None
        self.i = 0

    def run(self) -> list[RawBlock]:
        """Classify every line; the blocks tile the text."""
        if self.lines:
            self._front_matter()
        steps = (self._blank, self._fence, self._quote_fence, self._comment, self._html,
                 self._esm, self._admonition, self._definition_item, self._mdx_comment,
                 self._shortcode, self._definition, self._indented_code, self._setext,
                 self._atx, self._table, self._rule, self._list_item, self._alert,
                 self._quote_blank)
        by_first = {c: tuple(getattr(self, name) for name in names)
                    for c, names in _STEPS_BY_FIRST.items()}
        digit = (self._list_item,)
        while self.i < len(self.lines):
            ln = self.lines[self.i]
            # A line that starts with white space may be anything: every step is tried. Any
            # other line can only be claimed by the steps whose markup starts with its first
            # character (in the same order); a line of prose by none.
            first = ln.text[:1]
            tried = steps if not first or first.isspace() else \
                digit if first.isdigit() else by_first.get(first, ())
            for step in tried:
                if step(ln):
                    break
            else:
                self._prose(ln)
        return self.blocks

    # -- helpers ---------------------------------------------------------------------------

    @property
    def prev(self) -> RawBlock | None:
        return self.blocks[-1] if self.blocks else None

    def _add(self, kind: BlockKind, first: int, stop: int, content: tuple[int, int] | None = None,
             level: int = 0, marker: str = "") -> RawBlock:
        """Append a block over lines ``[first, stop)``; without ``content`` it has no prose."""
        start = self.lines[first].start
        cs, ce = content if content else (start, start)
        block = RawBlock(kind, start, self.lines[stop - 1].stop, cs, ce, level=level,
                         marker=marker)
        self.blocks.append(block)
        self.i = stop
        return block

    def _after_blank(self) -> bool:
        """Whether the current line starts the text or follows a blank line."""
        return self.i == 0 or not self.lines[self.i - 1].text.strip()

    def _continuing(self, ln: _Line) -> bool:
        """Whether ``ln`` directly follows a paragraph or list item it could continue."""
        prev = self.prev
        return prev is not None and prev.end == ln.start and \
            prev.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)

    def _indent_ok(self, indent: int) -> bool:
        """Block markup may be indented up to 3 columns, more inside a list item's content;
        in MDX by any number, as MDX has no indented code (tauri-docs' Starlight pages indent
        the <Tabs>, <TabItem> and fences of a step's body by 6 and 8 spaces under a 2-space
        paragraph)."""
        return self.mdx or indent <= 3 + (self.list_content[-1] if self.list_content else 0)

    def _quote(self, s: str) -> re.Match[str] | None:
        """The ``>`` markers that open ``s``, if it is a block quote line."""
        m = _QUOTE.match(s)
        return m if m and self._indent_ok(len(m.group(1).expandtabs(4))) else None

    def _end_list(self, s: str) -> None:
        """Markup at the left margin closes the open lists."""
        if not s[:1].isspace():
            self.list_indents.clear()
            self.list_content.clear()

    def _until_blank(self, j: int) -> int:
        """Index of the first blank line at or after ``j`` (or the number of lines)."""
        while j < len(self.lines) and self.lines[j].text.strip():
            j += 1
        return j

    # -- steps -----------------------------------------------------------------------------

    def _front_matter(self) -> None:
        """YAML (``---``) or TOML (``+++``) front matter on the very first line."""
        opener = self.lines[0].text.rstrip()
        if opener not in ("---", "+++"):
            return
        closers = ("---", "...") if opener == "---" else ("+++",)
        stop = next((j for j in range(1, len(self.lines))
                     if self.lines[j].text.rstrip() in closers), None)
        if stop is None:
            return
        first = next((ln.text for ln in self.lines[1:stop] if ln.text.strip()), "")
        if first and not _FRONT_MATTER_KEY.match(first) and not first.startswith("#") and \
                first.strip() != "{":
            return  # a thematic break and a paragraph, not metadata (JSON opens with "{")
        self._front_matter_fields(1, stop)
        self._add(BlockKind.FRONT_MATTER, self.i, stop + 1, marker=opener)

    def _front_matter_fields(self, first: int, stop: int) -> None:
        """Blocks for the lines ``[first, stop)`` of front matter: prose fields get their own."""
        run_start = 0  # the non-prose lines not yet in a block start here (the opener)
        j = first
        while j < stop:
            found = _field_value(self.text, self.lines, j, stop)
            if found is None:
                j += 1
                continue
            key, last, (cs, ce) = found
            if j > run_start:
                self._add(BlockKind.FRONT_MATTER, run_start, j, marker=self.lines[0].text.strip())
            kind = BlockKind.HEADING if key in _TITLE_FIELDS else BlockKind.PARAGRAPH
            self._add(kind, j, last + 1, (cs, ce), marker=key)
            j = run_start = last + 1
        self.i = run_start

    def _blank(self, ln: _Line) -> bool:
        if ln.text.strip():
            return False
        self._add(BlockKind.BLANK, self.i, self.i + 1)
        return True

    def _fence(self, ln: _Line) -> bool:
        """Fenced code, also indented inside a list item."""
        m = _opening_fence(ln.text)
        if not m or not self._indent_ok(len(m.group(1).expandtabs(4))):
            return False
        stop = self._fence_end(self.i + 1, m.group(2), 0)
        self._add(BlockKind.CODE, self.i, stop, marker=m.group(2))
        if not m.group(1):
            self._end_list(ln.text)
        return True

    def _fence_end(self, j: int, fence: str, quoted: int) -> int:
        """Line index just past the fence closing ``fence`` (the end of the text if none).

        ``quoted``: the fence is inside a block quote, which a line without ``>`` ends.
        """
        while j < len(self.lines):
            s = self.lines[j].text
            if quoted:
                q = self._quote(s)
                if q is None:
                    return j
                s = s[q.end():]
            m = _FENCE.match(s)
            j += 1
            if m and m.group(2)[0] == fence[0] and len(m.group(2)) >= len(fence) and \
                    not s[m.end():].strip():
                return j
        return j

    def _quote_fence(self, ln: _Line) -> bool:
        """Fenced code inside a block quote (every line starts with ``>``)."""
        q = self._quote(ln.text)
        m = _opening_fence(ln.text[q.end():]) if q else None
        if not m:
            return False
        self._add(BlockKind.CODE, self.i, self._fence_end(self.i + 1, m.group(2), 1),
                  marker=m.group(2))
        return True

    def _comment(self, ln: _Line) -> bool:
        if not _COMMENT_OPEN.match(ln.text):
            return False
        j = self.i
        while j < len(self.lines) and "-->" not in self.lines[j].text:
            j += 1
        self._add(BlockKind.COMMENT, self.i, min(j, len(self.lines) - 1) + 1, marker="<!--")
        return True

    def _html(self, ln: _Line) -> bool:
        """HTML blocks (CommonMark types 1, 6 and 7) and MDX/JSX component tags."""
        s = ln.text.lstrip(" \t")
        if not s.startswith("<") or not self._indent_ok(len(ln.text) - len(s)):
            return False
        raw = _HTML_RAW.match(s)
        if raw:
            close = f"</{raw.group(1).lower()}>"
            j = self.i
            while j < len(self.lines) and close not in self.lines[j].text.lower():
                j += 1
            stop = min(j, len(self.lines) - 1) + 1
        elif _JSX.match(s):
            stop = self._jsx_end(len(ln.text) - len(s))
        elif _HTML_BLOCK.match(s) or (_HTML_TAG_ALONE.match(s) and not self._continuing(ln)):
            stop = self._until_blank(self.i + 1)
        else:
            return False
        self._add(BlockKind.HTML, self.i, stop, marker="<")
        self._end_list(ln.text)
        return True

    def _jsx_end(self, col: int) -> int:
        """Line index just past the JSX tags that start at column ``col`` of the current line.

        MDX reads the lines between component tags as Markdown, so only the tags (which may
        span lines, as in ``<Tabs values={[…]}>``) are markup. Text after a tag on its line
        makes the rest of the paragraph HTML, as CommonMark's HTML blocks do.
        """
        j, pos = self.i, col
        while True:
            end = _scan_tag(self.lines, j, pos)
            if end is None:
                return self._until_blank(self.i + 1)
            j, pos = end
            rest = self.lines[j].text[pos:]
            stripped = rest.lstrip(" \t")
            if not stripped:
                return j + 1
            if not _TAG_START.match(stripped):
                return self._until_blank(j + 1)
            pos += len(rest) - len(stripped)

    def _esm(self, ln: _Line) -> bool:
        """MDX ``import``/``export`` statements, up to the next blank line."""
        prev = self.prev
        after_markup = prev is not None and prev.kind in (
            BlockKind.MDX_ESM, BlockKind.FRONT_MATTER, BlockKind.HTML)
        if not _ESM.match(ln.text) or not (self._after_blank() or after_markup):
            return False
        self._add(BlockKind.MDX_ESM, self.i, self._until_blank(self.i + 1),
                  marker=ln.text.split()[0])
        self._end_list(ln.text)
        return True

    def _admonition(self, ln: _Line) -> bool:
        """``:::type Title`` / ``:::`` fences: markers, except that a title is a heading."""
        m = _ADMONITION.match(ln.text)
        if not m or not self._indent_ok(len(ln.text) - len(ln.text.lstrip(" \t"))):
            return False
        if not m.group(2) and m.group(4):
            return False  # ":::" followed by text that is no admonition type
        marker = m.group(1) + (m.group(2) or "")
        title = m.span(3) if m.group(3) is not None else m.span(4)
        cs, ce = _strip_range(self.text, ln.start + title[0], ln.start + title[1])
        if m.group(2) and ce > cs:
            self._add(BlockKind.HEADING, self.i, self.i + 1, (cs, ce), marker=marker)
        else:
            self._add(BlockKind.ADMONITION, self.i, self.i + 1, marker=marker)
        self._end_list(ln.text)
        return True

    def _definition_item(self, ln: _Line) -> bool:
        """A definition list's description, ``: text`` right under its term (Hugo, MkDocs,
        Pandoc): a paragraph, whose colon is markup rather than punctuation."""
        m = _DEFINITION_ITEM.match(ln.text)
        if not m or not self.i or not self.lines[self.i - 1].text.strip():
            return False
        cs, ce = _strip_range(self.text, ln.start + m.end(), ln.end)
        self._add(BlockKind.PARAGRAPH, self.i, self.i + 1, (cs, ce))
        return True

    def _conflict(self, ln: _Line) -> bool:
        """Git's merge-conflict markers (M006 reports them): the page is read as its own
        version, the one before ``=======`` (``HEAD``: a translation repository's text);
        the marker lines and the other version (the upstream page merged in) are comments.
        On zh-hans.react.dev and vitejs/docs-cn the English half was aligned with the
        source, and the Chinese translation reported as added."""
        m = CONFLICT_MARKER.match(ln.text)
        if not m:
            return False
        mark = m.group(1)[0]
        if mark == "<":
            ahead = [(k, self.lines[k].text[:1]) for k in range(self.i + 1, len(self.lines))
                     if CONFLICT_MARKER.match(self.lines[k].text)]
            middle = next((k for k, c in ahead if c == "="), None)
            end = next((k for k, c in ahead if c == ">" and middle is not None and k > middle),
                       None)
            self.conflict = (middle, end) if middle is not None and end is not None else None
            if self.conflict is None and not m.group(2):
                return False  # a bare <<<<<<< with nothing after it: not git's
            self._add(BlockKind.COMMENT, self.i, self.i + 1, marker="<<<<<<<")
            return True
        if mark == "|" and self.conflict and self.conflict[0] > self.i:
            # diff3's common ancestor, up to the =======: neither version.
            self._add(BlockKind.COMMENT, self.i, self.conflict[0], marker="|||||||")
            return True
        if mark == "=" and self.conflict and self.conflict[0] == self.i:
            end = self.conflict[1]
            self.conflict = None
            self._add(BlockKind.COMMENT, self.i, end + 1, marker="=======")
            return True
        if mark == ">" and m.group(2):
            self._add(BlockKind.COMMENT, self.i, self.i + 1, marker=">>>>>>>")
            return True
        return False

    def _alert(self, ln: _Line) -> bool:
        """A GitHub alert's ``> [!NOTE]`` line: the quote that follows is ordinary prose. So
        is a quote's first line that holds only a note's label in bold (``> **说明**``,
        ``> **Note**``): the box's title, where the other side may write ``:::note``."""
        if not _ALERT.match(ln.text) and not (
                not self._continuing(ln) and _LABEL_QUOTE.match(ln.text)):
            return False
        self._add(BlockKind.ADMONITION, self.i, self.i + 1, marker="> [!")
        return True

    def _quote_blank(self, ln: _Line) -> bool:
        """A block quote's empty ``>`` line separates its paragraphs, as a blank line does."""
        q = self._quote(ln.text)
        if q is None or ln.text[q.end():].strip():
            return False
        self._add(BlockKind.BLANK, self.i, self.i + 1, marker=">")
        return True

    def _mdx_comment(self, ln: _Line) -> bool:
        """An MDX comment, ``{/* … */}``, on lines of its own (never rendered, like
        ``<!-- … -->``); not one that never closes."""
        if not _MDX_COMMENT_OPEN.match(ln.text):
            return False
        j = self.i
        while j < len(self.lines) and not _MDX_COMMENT_CLOSE.search(self.lines[j].text):
            j += 1
        if j == len(self.lines):
            return False
        self._add(BlockKind.COMMENT, self.i, j + 1, marker="{/*")
        return True

    def _shortcode(self, ln: _Line) -> bool:
        """A Hugo shortcode on lines of its own, with nothing but shortcode tags on them:
        ``{{< figure … >}}``, ``{{% note %}}``; a code shortcode with its body up to its
        closing tag is a code block."""
        if not _SHORTCODE_OPEN.match(ln.text):
            return False
        if self._code_shortcode(ln):
            return True
        j = self.i
        while j < len(self.lines) and not _SHORTCODE_CLOSE.search(self.lines[j].text):
            if j > self.i and not self.lines[j].text.strip():
                return False
            j += 1
        if j == len(self.lines):
            return False
        if _SHORTCODES.sub("", self.text[ln.start:self.lines[j].end]).strip():
            # Text beside the tags: a paragraph's line that starts with an inline shortcode
            # (istio.io: "{{< gloss >}}managed control plane{{< /gloss >}}（托管控制面）加载项，").
            return False
        self._add(BlockKind.SHORTCODE, self.i, j + 1, marker="{{")
        return True

    def _code_shortcode(self, ln: _Line) -> bool:
        """A paired shortcode whose body is code, from its opening tag to its closing one
        (``{{< text yaml >}}`` … ``{{< /text >}}``, ``{{< highlight go >}}`` …
        ``{{< /highlight >}}``): a code block, as a fence is. Without a closing tag it is
        none (a ``{{< code file="…" >}}`` that includes a file)."""
        m = _SHORTCODE_TAG.match(ln.text)
        if not m:
            return False
        name = m.group(1)
        lang = _SHORTCODE_LANGUAGE.search(m.group(2))
        if name.lower() not in _CODE_SHORTCODES and not (
                lang and (lang.group(1) or lang.group(2)).lower() in _CODE_LANGUAGES):
            return False
        close = re.compile(
            rf"^[ \t]*\{{\{{[<%][ \t]*/[ \t]*{re.escape(name)}[ \t]*[>%]\}}\}}[ \t]*$")
        j = next((j for j in range(self.i + 1, len(self.lines))
                  if close.match(self.lines[j].text)), None)
        if j is None:
            return False
        self._add(BlockKind.CODE, self.i, j + 1, marker="{{")
        return True

    def _definition(self, ln: _Line) -> bool:
        """``[id]: url "title"`` link reference definitions and ``[//]: # (…)`` comments."""
        if self._continuing(ln):
            return False  # a definition cannot interrupt a paragraph
        if _COMMENT_DEF.match(ln.text):
            self._add(BlockKind.COMMENT, self.i, self.i + 1, marker="[//]:")
        elif label := _FOOTNOTE_DEF.match(ln.text):
            self._footnote(ln, label)
        elif _LINK_DEF.match(ln.text):
            self._add(BlockKind.LINK_DEFINITION, self.i, self.i + 1, marker="[]:")
        else:
            return False
        return True

    def _footnote(self, ln: _Line, label: re.Match[str]) -> None:
        """A GFM footnote definition: a paragraph whose text follows its label (markup, which
        the page never shows), with the indented lines under it, and after blank lines its
        further paragraphs indented 4 columns. tauri-docs (concept/process-model.md) starts
        the text on the next line: ``[^1]:``, then lines indented 4."""
        text, lines = self.text, self.lines
        cs, ce = _strip_range(text, ln.start + label.end(), ln.end)
        paragraphs = [(cs, ce)] if ce > cs else []
        opened = bool(paragraphs)  # the last paragraph takes the next indented line
        j = last = self.i
        while (j := j + 1) < len(lines):
            s = lines[j].text
            if not s.strip():
                k = self._until_text(j)
                if k == len(lines) or not _INDENTED_CODE.match(lines[k].text):
                    break
                j, s, opened = k, lines[k].text, False
            if s[:1] not in " \t" or _opening_fence(s):
                break  # a line at the margin: the steps' (a lazy one carries on as in _prose)
            a, b = _strip_range(text, lines[j].start, lines[j].end)
            if opened:
                paragraphs[-1] = (paragraphs[-1][0], b)
            else:
                paragraphs.append((a, b))
            opened, last = True, j
        block = self._add(BlockKind.PARAGRAPH, self.i, last + 1,
                          (paragraphs[0][0], paragraphs[-1][1]) if paragraphs else None)
        if len(paragraphs) > 1:
            block.paragraphs = paragraphs
        self._end_list(ln.text)

    def _until_text(self, j: int) -> int:
        """Index of the first line with text at or after ``j`` (or the number of lines)."""
        while j < len(self.lines) and not self.lines[j].text.strip():
            j += 1
        return j

    def _indented_code(self, ln: _Line) -> bool:
        """Lines indented by 4+ columns after a blank line, outside lists; never in MDX."""
        if self.mdx or self.list_indents or not _INDENTED_CODE.match(ln.text) or \
                not self._after_blank():
            return False
        j = last = self.i
        while j < len(self.lines):
            s = self.lines[j].text
            if s.strip():
                if not _INDENTED_CODE.match(s):
                    break
                last = j
            j += 1
        self._add(BlockKind.CODE, self.i, last + 1, marker="    ")
        return True

    def _setext(self, ln: _Line) -> bool:
        """A ``===``/``---`` underline makes the paragraph (or title line) above a heading."""
        m = _SETEXT.match(ln.text)
        prev = self.prev
        if not m or prev is None or prev.end != ln.start or prev.marker or \
                self.text[prev.start:prev.start + 1].isspace() or not (
                prev.kind is BlockKind.PARAGRAPH or
                prev.kind is BlockKind.HEADING and prev.level == 0):
            return False
        prev.kind = BlockKind.HEADING
        prev.level = 1 if m.group(1)[0] == "=" else 2
        prev.marker = m.group(1)[0]
        prev.end = ln.stop
        self.i += 1
        self._end_list(ln.text)
        return True

    def _atx(self, ln: _Line) -> bool:
        atx = _ATX.match(ln.text)
        if not atx:
            return False
        s = ln.text
        cs = ln.start + atx.end()
        attributes = _HEADING_ID.search(s, atx.end())
        if attributes:
            s = s[:attributes.start()]
        close = _ATX_CLOSE.search(s, atx.end())
        ce = ln.start + (close.start() if close else len(s))
        cs, ce = _strip_range(self.text, cs, ce)
        self._add(BlockKind.HEADING, self.i, self.i + 1, (cs, max(cs, ce)),
                  level=len(atx.group(1)), marker=atx.group(1))
        self._end_list("#")
        return True

    def _table(self, ln: _Line) -> bool:
        """A pipe table row, also inside a block quote."""
        q = self._quote(ln.text)
        if not ln.text[q.end() if q else 0:].lstrip().startswith("|"):
            return False
        self.blocks.append(_table_row(self.text, ln))
        self.i += 1
        self._end_list("|")
        return True

    def _rule(self, ln: _Line) -> bool:
        if not _RULE.match(ln.text):
            return False
        self._add(BlockKind.BLANK, self.i, self.i + 1, marker=ln.text.strip()[0] * 3)
        self._end_list("-")
        return True

    def _list_item(self, ln: _Line) -> bool:
        item = _LIST.match(ln.text)
        if not item:
            return False
        indent = len(item.group(1).expandtabs(4))
        while self.list_indents and indent < self.list_indents[-1]:
            self.list_indents.pop()
            self.list_content.pop()
        content = len(item.group(0).expandtabs(4)) + (0 if item.group(3) else 1)
        if not self.list_indents or indent > self.list_indents[-1]:
            self.list_indents.append(indent)
            self.list_content.append(content)
        self.list_content[-1] = content
        end = item.end()
        # "- - item" opens a list inside the item on the same line (CommonMark): the text
        # is the inner item's, one level deeper (seata-website's "- - 分支提交：…" under a
        # "- 完成阶段：" line, which the English indents instead).
        while item.group(3) and (inner := _LIST.match(ln.text[end:])) and inner.group(3) \
                and not inner.group(1) and not _RULE.match(ln.text):
            column = len(ln.text[:end].expandtabs(4))
            self.list_indents.append(column)
            self.list_content.append(column + len(inner.group(0).expandtabs(4)))
            end += inner.end()
            item = inner
        cs, ce = _strip_range(self.text, ln.start + end, ln.end)
        task = _TASK.match(self.text, cs, ce)
        if task:  # a task list's "[ ]"/"[x]" is a check box, not prose
            cs = task.end()
        elif dd := _DEFINITION_ITEM.match(self.text, cs, ce):
            # MDN's definition list: "- term" with "  - : description" under it; the colon
            # is markup, not punctuation (a full-width one would break the page).
            cs = dd.end()
        self._add(BlockKind.LIST_ITEM, self.i, self.i + 1, (cs, max(cs, ce)),
                  level=len(self.list_indents) - 1, marker=item.group(2))
        return True

    def _item_paragraph(self, ln: _Line) -> bool:
        """A paragraph after blank lines, indented to the content column of the list item
        above: CommonMark makes it part of the item ("* Inflight: …", blank, "  In this
        process, …"), so it joins the item's block, blank lines included, as a paragraph of
        its own (:attr:`RawBlock.paragraphs`). An unindented paragraph ends the list."""
        if not self.i or not self._after_blank() or not self.list_content:
            return False
        s = ln.text
        indent = len(s) - len(s.lstrip(" \t"))
        column = len(s[:indent].expandtabs(4))
        content = self.list_content[-1]
        if not indent or not content <= column < content + 4 or self._quote(s) is not None:
            return False
        k = len(self.blocks)
        while k and self.blocks[k - 1].kind is BlockKind.BLANK and not self.blocks[k - 1].marker:
            k -= 1
        item = self.blocks[k - 1] if k else None
        if item is None or item.kind is not BlockKind.LIST_ITEM or k == len(self.blocks):
            return False
        cs, ce = _strip_range(self.text, ln.start, ln.end)
        if not item.paragraphs and item.content_end > item.content_start:
            item.paragraphs.append((item.content_start, item.content_end))
        elif not item.paragraphs:
            item.content_start = cs
        item.paragraphs.append((cs, ce))
        del self.blocks[k:]
        item.end = ln.stop
        item.content_end = ce
        self.i += 1
        return True

    def _prose(self, ln: _Line) -> None:
        """A continuation of the previous paragraph or list item, a title line, or a new
        paragraph."""
        if self._item_paragraph(ln):
            return
        s, text, prev, i = ln.text, self.text, self.prev, self.i
        prev_line = self.lines[i - 1].text if i else ""
        prev_complete = not prev_line.strip() or prev_line.rstrip()[-1] in _SENTENCE_END \
            or prev is None or prev.kind is not BlockKind.PARAGRAPH
        if self.soft and prev is not None and prev.kind is BlockKind.PARAGRAPH and \
                prev.end == ln.start and prev_line.strip():
            # One sentence a line: the paragraph goes on, but for a line of its own.
            prev_complete = bool(_OWN_LINE.match(s))
        nxt = self.lines[i + 1].text.strip() if i + 1 < len(self.lines) else ""
        quote = self._quote(s)
        adjacent = prev is not None and prev.end == ln.start
        indented = s[:1] in " \t"
        # Hard-wrapped list items: an indented line belongs to the item above, and so does an
        # indented line to a paragraph inside a list item. (A lazy, unindented line joins the
        # item below, unless it reads as a title: documents such as the seed put their plain
        # title lines right under a list.)
        in_item = adjacent and quote is None and indented and prev is not None and (
            prev.kind is BlockKind.LIST_ITEM
            or (prev.kind is BlockKind.PARAGRAPH and not prev.marker
                and bool(self.list_indents) and text[prev.start:prev.start + 1] in " \t"))
        lazy = adjacent and quote is None and prev is not None and \
            prev.kind is BlockKind.LIST_ITEM and \
            (self.soft or prev_line.rstrip()[-1:] not in _SENTENCE_END)
        # A short line is a title unless the next line carries on its sentence in lower case.
        if not in_item and quote is None and prev_complete and is_title_line(s) and \
                not nxt[:1].islower() and not (indented and self.list_indents) and \
                not (self.soft and nxt and not _BLOCK_START.match(nxt)
                     and not _LABEL_LINE.match(s)) and not (self.soft and lazy):
            cs, ce = _strip_range(text, ln.start, ln.end)
            self._add(BlockKind.HEADING, i, i + 1, (cs, ce), level=0)
            self._end_list(s)
            return
        continues = in_item or lazy or adjacent and prev is not None and (
            (prev.kind is BlockKind.PARAGRAPH and not prev_complete
             and (quote is None or prev.marker == ">"))  # a ">" line starts a block quote
            or (prev.kind is BlockKind.PARAGRAPH and prev.marker == ">" and quote is not None)
        )
        if continues:
            assert prev is not None
            prev.end = ln.stop
            if quote is not None and prev.marker == ">":
                prev.hidden.append((ln.start, ln.start + quote.end()))
            _, ce = _strip_range(text, ln.start, ln.end)
            prev.content_end = max(prev.content_end, ce)
            if prev.paragraphs:
                a, b = prev.paragraphs[-1]
                prev.paragraphs[-1] = (a, max(b, ce))
            self.i += 1
            return
        skip = quote.end() if quote else 0
        cs, ce = _strip_range(text, ln.start + skip, ln.end)
        self._add(BlockKind.PARAGRAPH, i, i + 1, (cs, ce), marker=">" if quote else "")
        self._end_list(s)


def _field_value(text: str, lines: list[_Line], j: int, stop: int
                 ) -> tuple[str, int, tuple[int, int]] | None:
    """A prose field of front matter at line ``j``: its key, its last line and its value's
    range (inside quotes; a YAML block scalar's indented lines), or None."""
    ln = lines[j]
    m = _FIELD.match(ln.text)
    key = m and (m.group("key") or m.group("json"))
    if not key or key not in _TITLE_FIELDS | _SUMMARY_FIELDS:
        return None
    a = ln.start + m.end()
    value = ln.text[m.end():].rstrip()
    if not value:
        return None  # "title:" with nothing after it (a YAML mapping, or a value left out)
    if value[0] in "\"'":
        close = value.rfind(value[0])
        if close <= 0:
            return None
        cs, ce = _strip_range(text, a + 1, a + close)
        return (key, j, (cs, ce)) if ce > cs else None
    if re.fullmatch(r"[>|][-+0-9]*", value):
        last = j
        while last + 1 < stop and (lines[last + 1].text[:1] in " \t" or
                                   not lines[last + 1].text.strip()):
            last += 1
        while last > j and not lines[last].text.strip():
            last -= 1
        cs, ce = _strip_range(text, lines[j].stop, lines[last].end)
        return (key, last, (cs, ce)) if last > j and ce > cs else None
    comment = re.search(r"[ \t]#", value)
    cs, ce = _strip_range(text, a, a + (comment.start() if comment else len(value)))
    return (key, j, (cs, ce)) if ce > cs else None


def _scan_tag(lines: list[_Line], j: int, pos: int) -> tuple[int, int] | None:
    """(line, column) just past the ``>`` closing the tag that opens at ``lines[j].text[pos]``.

    Quotes and JSX braces may hold ``>``; a blank line or the end of the text means the tag
    never closes (None).
    """
    depth, quote = 0, ""
    while j < len(lines):
        s = lines[j].text
        if not s.strip():
            return None
        while pos < len(s):
            ch = s[pos]
            pos += 1
            if quote:
                quote = "" if ch == quote else quote
            elif ch in "\"'`":
                quote = ch
            elif ch in "{[(":
                depth += 1
            elif ch in "}])":
                depth = max(0, depth - 1)
            elif ch == ">" and depth == 0:
                return j, pos
        j, pos = j + 1, 0
    return None


#: A cell border: a pipe not escaped with a backslash.
_BAR = re.compile(r"(?<!\\)\|")


def _table_row(text: str, ln: _Line) -> RawBlock:
    s = ln.text
    bars = [m.start() for m in _BAR.finditer(s)]
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
#: A link or image; brackets escaped with a backslash (``\[2, 3\](retry)``) are text, and
#: the link text may hold balanced brackets (``[HTTP/REST [Alpha]](…)``) as CommonMark allows.
_LINK = re.compile(r"(?<!\\)(!?)\[((?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]"
                   r"\(\s*<?([^()\s<>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^\s<>]+)>")
#: A GFM footnote reference, ``[^1]`` or ``[^note]``: the page shows a number of its own
#: (footnotes are numbered in order), never the label.
_FOOTNOTE = re.compile(r"(?<!\\)\[\^[^\]\s]+\]")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.S)
#: ``__`` opens only after white space or punctuation and closes only before them (the
#: CommonMark flanking rules for ``_``): in apache/iotdb-docs' "$__from (start time),
#: $__to" neither can close, and nothing is bold.
_BOLD_UNDER = re.compile(r"(?<![\w\\])__(?=\S)(.+?)(?<=\S)__(?!\w)", re.S)
_ITALIC_STAR = re.compile(r"(?<![*\\])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?!\*)", re.S)
_MARKUP_CHARS = re.compile(r"[`*_\[<{$]")
#: TeX math, as KaTeX and MathJax sites render it (TDengine's TDgpt pages): ``$$…$$``, and
#: ``$…$`` whose opening ``$`` is not followed by white space and whose closing one is not
#: preceded by white space nor followed by a digit (so "$5 and $10" is no math); ``\$`` is a
#: dollar sign.
_MATH = re.compile(r"(?<![\\$])\$\$(?!\$)(?:[^$\\]|\\.)+?\$\$"
                   r"|(?<![\\$])\$(?![\s$])(?:[^$\\]|\\.)+?(?<![\s\\])\$(?![\d$])", re.S)
#: Inline HTML tags hidden from the prose (their text between them stays): only the names
#: that mean markup, since technical prose writes placeholders such as ``<topic>`` too.
_INLINE_TAG = re.compile(
    r"</?(?:a|abbr|b|br|code|del|em|font|i|img|ins|kbd|mark|s|small|span|strong|sub|sup|u)"
    r"(?:\s[^<>]*)?/?>", re.I)
_ITALIC_UNDER = re.compile(r"(?<![\w\\])_(?=\S)(.+?)(?<=\S)_(?!\w)", re.S)
#: A site generator's template tag in the text, hidden like an inline HTML tag: a Hugo
#: shortcode (``{{< glossary_tooltip text="容器" term_id="container" >}}``, ``{{% heading
#: "whatsnext" %}}``), a Liquid or Jinja tag (``{% include note.html %}``) or a template
#: variable (``{{ site.version }}``, a VitePress page's ``{{ $frontmatter.title }}``).
TEMPLATE_TAG = re.compile(r"\{\{<.*?>\}\}|\{\{%.*?%\}\}|\{%.*?%\}|\{\{[^{}\n]*\}\}", re.S)
#: The ``text="…"`` of a shortcode, which it shows on the page (Kubernetes'
#: ``glossary_tooltip``: the term, with its definition as a tooltip).
_SHOWN_TEXT = re.compile(r'\btext="([^"\n]+)"')


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
        if b > a:
            masked[a:b] = "\x00" * (b - a)

    # Each pattern runs only where the chunk has what all its matches need.
    for m in _CODE.finditer(chunk) if "`" in chunk else ():
        a, b = m.span()
        n = len(m.group(1))
        spans.append(InlineSpan("code", start + a, start + b, start + a + n, start + b - n))
        hidden += [(start + a, start + a + n), (start + b - n, start + b)]
        mask(a, b)
    cur = "".join(masked)
    for m in TEMPLATE_TAG.finditer(cur) if "{{" in chunk or "{%" in chunk else ():
        a, b = m.span()
        shown = _SHOWN_TEXT.search(chunk, a, b) if chunk.startswith("{{<", a) else None
        if shown is not None:  # its text="…" is what the page shows: prose, like link text
            ts, te = shown.span(1)
            spans.append(InlineSpan("html", start + a, start + b, start + ts, start + te))
            hidden += [(start + a, start + ts), (start + te, start + b)]
            mask(a, ts)
            mask(te, b)
        else:
            spans.append(InlineSpan("html", start + a, start + b, start + b, start + b))
            hidden.append((start + a, start + b))
            mask(a, b)
    cur = "".join(masked)
    for m in _LINK.finditer(cur) if "](" in chunk else ():
        a, b = m.span()
        ts, te = m.span(2)
        kind = "image" if m.group(1) else "link"  # an image's alt text is prose, its URL not
        spans.append(InlineSpan(kind, start + a, start + b, start + ts, start + te,
                                target=chunk[m.start(3):m.end(3)]))
        hidden += [(start + a, start + ts), (start + te, start + b)]
        mask(a, ts)
        mask(te, b)
    cur = "".join(masked)
    for m in _FOOTNOTE.finditer(cur) if "[^" in chunk else ():
        a, b = m.span()  # after links: a footnote reference inside link text is found too
        spans.append(InlineSpan("footnote", start + a, start + b, start + b, start + b))
        hidden.append((start + a, start + b))
        mask(a, b)
    tags = "<" in chunk
    cur = "".join(masked)
    for m in _AUTOLINK.finditer(cur) if tags else ():
        a, b = m.span()
        spans.append(InlineSpan("link", start + a, start + b, start + a + 1, start + b - 1,
                                target=m.group(1)))
        hidden += [(start + a, start + a + 1), (start + b - 1, start + b)]
        mask(a, b)
    cur = "".join(masked)
    for m in _INLINE_TAG.finditer(cur) if tags else ():
        a, b = m.span()
        spans.append(InlineSpan("html", start + a, start + b, start + b, start + b))
        hidden.append((start + a, start + b))
        mask(a, b)
    # Math after code, tags and link URLs (never inside them), before emphasis: its "_" and
    # "*" are TeX. Its text stays visible (a formula's numbers), but it is markup: no words.
    cur = "".join(masked)
    for m in _MATH.finditer(cur) if "$" in chunk else ():
        a, b = m.span()
        n = 2 if cur.startswith("$$", a) else 1
        spans.append(InlineSpan("math", start + a, start + b, start + a + n, start + b - n))
        hidden += [(start + a, start + a + n), (start + b - n, start + b)]
        mask(a, b)
    for kind, pattern, marks in (("bold", _BOLD, ("**",)), ("bold", _BOLD_UNDER, ("__",)),
                                 ("italic", _ITALIC_STAR, ("*",)),
                                 ("italic", _ITALIC_UNDER, ("_",))):
        if not any(mark in chunk for mark in marks):
            continue
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


def code_elements(text: str, spans: Iterable[InlineSpan]) -> list[tuple[int, int, int, int]]:
    """HTML ``<code>…</code>`` elements among a text's inline spans (whose tags are ``html``
    spans): each as (start, end, inner start, inner end) — code, as a backtick span is."""
    out, opened = [], None
    for sp in spans:
        if sp.kind != "html":
            continue
        if text.startswith("<code", sp.start):
            opened = sp
        elif opened is not None and text.startswith("</code", sp.start):
            out.append((opened.start, sp.end, opened.end, sp.start))
            opened = None
    return out

def visible_text(text: str, start: int, end: int, hidden: list[tuple[int, int]]) -> str:
    """``text[start:end]`` without the hidden delimiter ranges that fall inside it."""
    if not hidden:
        return text[start:end]
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


#: A token of an HTML block: a comment, a tag (attributes may hold quotes and JSX braces two
#: levels deep: ``style={{ height: "17pt" }}``), or a JSX expression between tags.
_HTML_TOKEN = re.compile(
    r"<!--.*?(?:-->|$)"
    r"|<(/?)([A-Za-z][\w.:-]*)((?:[^<>{}\"']|\"[^\"]*\"|'[^']*'|\{(?:[^{}]|\{[^{}]*\})*\})*)>"
    r"|\{(?:[^{}]|\{[^{}]*\})*\}", re.S)
#: Tags whose text is part of the prose around them (they are hidden from it, as inline).
_INLINE_NAMES = frozenset("a abbr b br code del em font i img ins kbd mark s small span strong "
                          "sub sup u".split())
#: Elements whose content is never prose.
_RAW_NAMES = frozenset({"pre", "script", "style", "textarea", "svg", "math"})
_HAS_WORD = re.compile(r"[^\W_]")


def html_text_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of visible text of the HTML block ``text[start:end]``: the text between
    block-level tags (``<td>名称</td>``, ``<summary>…</summary>``, ``<p>…</p>``), each with
    the inline tags inside it (``The <b>broker</b> forwards…``), trimmed; not the tags'
    attributes, comments, JSX expressions or the content of ``<pre>``, ``<script>``,
    ``<style>``; only stretches with a letter or digit.

    >>> t = '<p align="center">The <b>broker</b> forwards.</p>\\n<td style={{a: 1}}>名称</td>'
    >>> [t[a:b] for a, b in html_text_runs(t, 0, len(t))]
    ['The <b>broker</b> forwards.', '名称']
    """
    runs: list[tuple[int, int]] = []
    run: list[int] = []  # [first, last] offsets of the current stretch's text and tags
    skip = ""

    def close() -> None:
        if run and _HAS_WORD.search(_INLINE_TAG.sub("", text[run[0]:run[1]])):
            runs.append((run[0], run[1]))
        run.clear()

    def extend(a: int, b: int) -> None:
        chunk = text[a:b]
        lead, trail = len(chunk) - len(chunk.lstrip()), len(chunk) - len(chunk.rstrip())
        if b - trail > a + lead:
            if not run:
                run.extend((a + lead, b - trail))
            else:
                run[1] = b - trail

    pos = start
    for m in _HTML_TOKEN.finditer(text, start, end):
        name = (m.group(2) or "").lower()
        if skip:
            if m.group(1) and name == skip:
                skip = ""
            pos = m.end()
            continue
        extend(pos, m.start())
        if name in _INLINE_NAMES:
            if run:
                run[1] = m.end()
            else:
                run.extend((m.start(), m.end()))
        else:
            close()
            if name in _RAW_NAMES and not m.group(1) and not m.group(3).rstrip().endswith("/"):
                skip = name
        pos = m.end()
    if not skip:
        extend(pos, end)
    close()
    return runs

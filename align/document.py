"""The document model: document → blocks → sentences, every piece with its exact position.

Concatenating ``block.raw`` over a document's blocks reproduces the file's text exactly;
every sentence's ``raw`` is ``document.text[start:end]``. Offsets are 0-based character
(code point) offsets into the decoded text; lines and columns are 1-based, as editors show
them; ``end_line``/``end_column`` point just past the last character (exclusive), like ruff.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from align.positions import LineIndex


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_ROW = "table_row"
    TABLE_DELIMITER = "table_delimiter"
    CODE = "code"
    COMMENT = "comment"
    BLANK = "blank"
    # Documentation-site markup: never prose (not in TEXT_KINDS). Prose inside it (a front
    # matter title, an admonition title) is a HEADING or PARAGRAPH block of its own.
    FRONT_MATTER = "front_matter"  # YAML --- / TOML +++ metadata at the top of the file
    # HTML blocks and MDX/JSX component tags: a text kind, whose prose is the text between
    # block-level tags (align.markdown.html_text_runs), each stretch segmented on its own.
    HTML = "html"
    MDX_ESM = "mdx_esm"  # MDX import/export statements
    ADMONITION = "admonition"  # :::note / ::: fences, GitHub's > [!NOTE] marker
    LINK_DEFINITION = "link_definition"  # [id]: url "title"
    SHORTCODE = "shortcode"  # Hugo {{< … >}} / {{% … %}} on lines of their own


#: Block kinds whose content is prose, split into sentences and aligned.
TEXT_KINDS = frozenset({BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM,
                        BlockKind.TABLE_ROW, BlockKind.HTML})


@dataclass(frozen=True, slots=True)
class InlineSpan:
    """Inline Markdown markup: ``**bold**``, ``*italic*``, ```code```, ``[link](url)``,
    ``![alt](url)``, inline HTML tags, TeX math (``$x \\le 1$``), footnote references
    (``[^1]``).

    ``start``/``end`` cover the markup with its delimiters, ``inner_start``/``inner_end``
    the visible text (empty for an HTML tag and a footnote reference); ``target`` is a
    link's or an image's URL.
    """

    kind: str  # "bold" | "italic" | "code" | "link" | "image" | "html" | "math" | "footnote"
    start: int
    end: int
    inner_start: int
    inner_end: int
    target: str | None = None


@dataclass(slots=True)
class Sentence:
    """One sentence (or sentence-like segment) of a block."""

    path: str
    lang: str
    index: int  # 0-based position among all sentences of the document
    block: int  # index of the block it belongs to
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    raw: str  # exactly document.text[start:end]
    text: str  # raw with inline markup removed
    spans: tuple[InlineSpan, ...] = ()
    cell: int | None = None  # table cell index for sentences of table rows


@dataclass(slots=True)
class Cell:
    """One cell of a table row (content without the surrounding pipes and padding)."""

    index: int
    start: int
    end: int
    raw: str
    text: str


@dataclass(slots=True)
class Block:
    """A structural unit of the file: a heading, paragraph, list item, table row, …"""

    kind: BlockKind
    index: int
    start: int
    end: int  # raw includes the block's line ending(s)
    line: int
    column: int
    end_line: int
    end_column: int
    raw: str
    content_start: int  # the prose after markers such as "# ", "- ", "> "
    content_end: int  # before trailing spaces and the line ending
    text: str  # content with inline markup removed
    level: int = 0  # heading: 1-6 for "#", 0 for a plain title line; list item: nesting depth
    marker: str = ""  # "#", "-", "1.", "|", "```", …
    spans: tuple[InlineSpan, ...] = ()
    cells: tuple[Cell, ...] = ()  # a table row's (and its delimiter row's); a tuple: most
    # blocks have none, and every empty tuple is the same object (an empty list is 56 bytes)
    sentences: list[Sentence] = field(default_factory=list)
    path: str = ""
    lang: str = ""

    @property
    def content(self) -> str:
        return self.raw[self.content_start - self.start : self.content_end - self.start]

    @property
    def box_title(self) -> bool:
        """Whether the block is the title of a ``:::note 注意`` box: a label that a
        translation may add or leave out (an untitled box shows its type as its title)."""
        return self.kind is BlockKind.HEADING and self.marker.startswith(":::")


@dataclass
class Document:
    """A decoded file split into blocks and sentences."""

    path: str
    lang: str  # "zh" or "en"
    text: str
    blocks: list[Block]
    encoding: str = "utf-8"
    lines: LineIndex | None = None
    #: Whether the text runs to the end of its file: False for a part of a long file read on
    #: its own before the next part (see :mod:`align.parts`), whose last blocks are no end.
    ends_file: bool = True

    @property
    def sentences(self) -> list[Sentence]:
        return [s for b in self.blocks for s in b.sentences]

    @property
    def text_blocks(self) -> list[Block]:
        """Blocks that carry prose (what the block aligner pairs)."""
        return [b for b in self.blocks if b.kind in TEXT_KINDS]

    def list_siblings(self, block: Block) -> list[Block]:
        """The other items of a list item's list, at its level (code blocks and blank lines
        between items do not end the list)."""
        out = []
        for step in (-1, 1):
            j = block.index + step
            while 0 <= j < len(self.blocks) and self.blocks[j].kind in (
                    BlockKind.LIST_ITEM, BlockKind.BLANK, BlockKind.CODE):
                if self.blocks[j].kind is BlockKind.LIST_ITEM and \
                        self.blocks[j].level == block.level:
                    out.append(self.blocks[j])
                j += step
        return out

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        if self.lines is None:
            self.lines = LineIndex(self.text)
        return self.lines.position(offset)


"""Helpers that checks share: exact locations of sub-sentence spans, markup masking, scripts.

Checks report sub-sentence problems (a stray quote, a half-width comma) at their exact column;
these helpers turn document offsets into :class:`~qa.core.finding.Location` values and hide inline
markup so that a link's ``(url)`` or a ``**`` is never mistaken for prose punctuation.
"""

from __future__ import annotations

from collections.abc import Iterable

from align.alignment import SentencePair
from align.document import Block, Document, InlineSpan, Sentence
from align.script import has_han, is_han
from qa.core.finding import Location
from qa.core.run import AlignedDocument

#: Full-width / CJK punctuation that counts as "Chinese side" of a boundary.
CJK_PUNCT = "，。、；：！？“”‘’（）《》〈〉【】「」『』—…·～"
MASK = "\x00"
#: Inline markup delimiters that can trail a sentence's raw text (``**It works.**``).
MARKUP_DELIMITERS = "*_`"

# has_han and is_han live in align.script; checks that import them from here keep working.
__all__ = ["CJK_PUNCT", "MARKUP_DELIMITERS", "MASK", "document_of", "has_han", "is_cjk",
           "is_han", "masked", "pair_index", "plural", "span_location"]


def is_cjk(ch: str) -> bool:
    """A Han character or full-width CJK punctuation.

    >>> is_cjk("，"), is_cjk("受"), is_cjk(","), is_cjk("")
    (True, True, False, False)
    """
    return bool(ch) and (is_han(ch) or ch in CJK_PUNCT or "\uff01" <= ch <= "\uff5e")


def document_of(doc: AlignedDocument, piece: Sentence | Block) -> Document:
    """The source or target document a sentence or block belongs to."""
    a = doc.alignment
    return a.source if piece.path == a.source.path and piece.lang == a.source.lang else a.target


def span_location(document: Document, start: int, end: int, text: str | None = None) -> Location:
    """The location of ``document.text[start:end]`` (end exclusive, on the last character)."""
    line, column = document.position(start)
    if end > start:
        end_line, end_column = document.position(end - 1)
        end_column += 1
    else:
        end_line, end_column = line, column
    return Location(document.path, line, column, end_line, end_column,
                    document.text[start:end] if text is None else text)


def masked(document: Document, start: int, end: int, spans: Iterable[InlineSpan]) -> str:
    """``document.text[start:end]`` with markup delimiters, code and link URLs masked.

    The result has the same length, so an index ``k`` in it is offset ``start + k``. Link text
    stays visible (it is prose); code spans are hidden whole (they are not prose).
    """
    chars = list(document.text[start:end])

    def hide(a: int, b: int) -> None:
        for k in range(max(a, start), min(b, end)):
            chars[k - start] = MASK

    for sp in spans:
        if sp.kind == "code":
            hide(sp.start, sp.end)
        else:
            hide(sp.start, sp.inner_start)
            hide(sp.inner_end, sp.end)
    return "".join(chars)


def pair_index(doc: AlignedDocument) -> tuple[dict[int, SentencePair], dict[int, SentencePair]]:
    """Maps from source / target sentence index to the pair that holds it."""
    src, tgt = doc.pair_of_sentence
    return ({i: doc.pairs[k] for i, k in src.items()}, {i: doc.pairs[k] for i, k in tgt.items()})


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 mark``, ``3 marks``."""
    return f"{n} {word if n == 1 else (many or word + 's')}"

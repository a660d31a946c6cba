"""Helpers that checks share: exact locations of sub-sentence spans, markup masking, scripts.

Checks report sub-sentence problems (a stray quote, a half-width comma) at their exact column;
these helpers turn document offsets into :class:`~qa.core.finding.Location` values and hide inline
markup so that a link's ``(url)`` or a ``**`` is never mistaken for prose punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache, wraps
from typing import TypeVar

from align.alignment import SentencePair
from align.document import Block, Document, InlineSpan, Sentence
from align.markdown import code_elements
from align.script import HTML_ENTITY, has_han, is_han
from qa.core.finding import Finding, Location
from qa.core.run import AlignedDocument

#: Full-width / CJK punctuation that counts as "Chinese side" of a boundary.
CJK_PUNCT = "，。、；：！？“”‘’（）《》〈〉【】「」『』—…·～"
MASK = "\x00"
#: Stands for each character of a token that is not prose but reads as a word in it: a code
#: span, a bare URL, an e-mail address, a ``{placeholder}`` or ``${var}`` (see :func:`prose`).
TOKEN = "\x01"
#: Inline markup delimiters that can trail a sentence's raw text (``**It works.**``).
MARKUP_DELIMITERS = "*_`"

# has_han and is_han live in align.script; checks that import them from here keep working.
__all__ = ["CJK_PUNCT", "MARKUP_DELIMITERS", "MASK", "TOKEN", "Sides", "document_of", "has_han",
           "is_cjk", "is_han", "language_sides", "masked", "pair_index", "plural", "prose",
           "span_location", "unique", "unique_findings"]


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
    return _masked(document.text, start, end, spans)


def _masked(document_text: str, start: int, end: int, spans: Iterable[InlineSpan]) -> str:
    text = document_text[start:end]
    if not spans:
        return text
    chars = list(text)

    def hide(a: int, b: int) -> None:
        a, b = max(a, start), min(b, end)
        if b > a:
            chars[a - start:b - start] = MASK * (b - a)

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


#: Tokens of prose that are not prose: a bare URL (up to white space, brackets, quotes or
#: CJK text, less trailing punctuation), an e-mail address, ``{name}`` / ``${var}``, a
#: footnote mark and an emoji shortcode.
_NOT_PROSE = re.compile(
    r"(?:https?|ftp|file)://[^\s<>()\[\]{}\"'`\u3000-\u303f\uff00-\uffef\u3400-\u9fff]*"
    r"[^\s<>()\[\]{}\"'`.,:;!?\u3000-\u303f\uff00-\uffef\u3400-\u9fff]"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\$?\{[^{}\n]{0,80}\}"
    # Footnote references and definitions ([^1], [^note]: …) and emoji shortcodes (:rocket:).
    r"|\[\^[^\]\s]{1,40}\]:?"
    r"|(?<![A-Za-z0-9_:]):[a-z][a-z0-9_+\-]{0,40}:(?![A-Za-z0-9_:])"
    # HTML character references (&mdash; &nbsp; &#8212; &#x2014;): their ";" is no mark.
    rf"|{HTML_ENTITY}")


def prose(document: Document, start: int, end: int, spans: Iterable[InlineSpan]) -> str:
    """Like :func:`masked`, but code spans, bare URLs, e-mail addresses and placeholders are
    :data:`TOKEN` runs: words of no script, whose marks and spacing are never prose.

    The punctuation checks read this: a ``,`` inside ``${a,b}`` or a ``:`` of ``http://`` is
    no punctuation, yet the token still stands next to the marks around it (``见 `x`，``).

    >>> from align.reader import parse_document
    >>> d = parse_document("见 https://a.cn/x 和 `a:b`，{k,v}。\\n", "zh/a.md", "zh")
    >>> prose(d, 0, 31, d.sentences[0].spans).replace(TOKEN, "#").replace(MASK, "_")
    '见 ############## 和 _###_，#####。'
    """
    return _prose(document.text, start, end, tuple(spans))


@lru_cache(maxsize=2048)
def _prose(document_text: str, start: int, end: int, spans: tuple[InlineSpan, ...]) -> str:
    """:func:`prose` of a document's text, once per sentence: P002, P003, P004 and P005 each
    read every sentence's prose."""
    text = _masked(document_text, start, end, spans)
    chars: list[str] | None = None
    # The delimiters stay MASK (transparent); the code itself is a token: a backtick span's,
    # and an HTML <code> element's.
    inner = [(sp.inner_start, sp.inner_end) for sp in spans if sp.kind == "code"]
    if any(sp.kind == "html" for sp in spans):
        inner += [(a, b) for _, _, a, b in code_elements(document_text, spans)]
    for a, b in inner:
        a, b = max(a, start), min(b, end)
        if b > a:
            if chars is None:
                chars = list(text)
            chars[a - start:b - start] = TOKEN * (b - a)
    if chars is not None:
        text = "".join(chars)
    # Each token has one of these (a URL or shortcode ":", "@", "{", a footnote's "[^", an
    # entity's "&"): a text without any is not scanned (the scan tries six patterns at every
    # character).
    if ":" not in text and "@" not in text and "{" not in text and "[^" not in text and \
            "&" not in text:
        return text
    found = [m.span() for m in _NOT_PROSE.finditer(text)]
    if not found:  # most sentences: nothing more to hide, no copy to make
        return text
    chars = list(text)
    for a, b in found:
        chars[a:b] = TOKEN * (b - a)
    return "".join(chars)


@dataclass(frozen=True)
class Sides:
    """The Chinese and the English document of a pair, whichever is source or target."""

    zh: Document | None
    en: Document | None


def language_sides(doc: AlignedDocument) -> Sides:
    """The pair's Chinese side and English side, derived once from the documents' languages.

    en → zh pairs have the Chinese target, zh → en pairs (a Docusaurus site written in
    Chinese) the Chinese source; a side of neither language is None.
    """
    a = doc.alignment

    def side(lang: str) -> Document | None:
        # The target first: were both sides one language, the translation is what is checked.
        return next((d for d in (a.target, a.source) if d.lang == lang), None)

    return Sides(zh=side("zh"), en=side("en"))


_NOT_YET = object()
_T = TypeVar("_T")


def per_document(fn: Callable[[Document], _T]) -> Callable[[Document], _T]:
    """``fn(document)`` computed once per document and kept on it, so it goes with the
    document: the rules ask such questions sentence by sentence, which made a long document
    quadratic.

    >>> from align.reader import parse_document
    >>> calls = []
    >>> @per_document
    ... def size(document): calls.append(1); return len(document.text)
    >>> d = parse_document("One. Two.\\n", "a.md", "en")
    >>> size(d), size(d), len(calls)
    (10, 10, 1)
    """
    key = f"_per_document_{fn.__module__}.{fn.__qualname__}"

    @wraps(fn)
    def once(document: Document) -> _T:
        found = vars(document).get(key, _NOT_YET)
        if found is _NOT_YET:
            found = vars(document)[key] = fn(document)
        return found  # type: ignore[return-value]

    return once


def unique(findings: Iterable[Finding]) -> list[Finding]:
    """Findings with those of one rule on one spot merged into the first: one finding per
    defect, whichever way a rule came to it twice (their messages joined, if they differ).

    Order is kept; a spot is the rule and both sides' locations.
    """
    merged: dict[tuple, Finding] = {}
    for f in findings:
        key = (f.code, f.source, f.target)
        first = merged.get(key)
        if first is None:
            merged[key] = f
        elif f.message not in first.message.split("; "):
            merged[key] = replace(first, message=f"{first.message}; {f.message}")
    return list(merged.values())


def unique_findings(method: Callable[..., Iterable[Finding]]) -> Callable[..., list[Finding]]:
    """Decorator for a check's ``check_document``: its findings through :func:`unique`."""
    @wraps(method)
    def wrapper(*args, **kwargs) -> list[Finding]:
        return unique(method(*args, **kwargs))
    return wrapper


_OPEN, _CLOSE = "(（", ")）"


def parenthetical(raw: str, a: int, b: int) -> bool:
    """Whether the Latin run ``raw[a:b]`` ends a bracketed aside that holds no Chinese: the
    source's words given as a gloss (``更改数据捕获，change data capture``) or a list of
    values kept from the source (``(int boolean double float...)``), not a clause left
    untranslated.

    >>> raw = "基本数据类型(int boolean double float...)，而不是"
    >>> parenthetical(raw, 7, 31)
    True
    >>> parenthetical("返回 finished job status 状态", 3, 22)
    False
    """
    return _aside(raw, a, b) is not None


def gloss(raw: str, a: int, b: int) -> bool:
    """Whether the Latin text ``raw[a:b]`` stands alone in brackets right after Chinese text:
    the translation's gloss of its own term in the source language (``不可变 (immutable)``),
    not a token it added. A bracket that holds Chinese too (``(例如 Kafka)``) is no gloss.

    >>> gloss("也有一些不可变 (immutable) 方法", 9, 18), gloss("(例如 Kafka)", 4, 9)
    (True, False)
    """
    aside = _aside(raw, a, b)
    if aside is None:
        return False
    opening, close = aside
    return not has_han(raw[opening + 1:close]) and is_han(raw[:opening].rstrip()[-1:])


def _aside(raw: str, a: int, b: int) -> tuple[int, int] | None:
    """The brackets (opening, closing index) of the aside that ``raw[a:b]`` ends (see
    :func:`parenthetical`), or None."""
    opening = max(raw.rfind(c, 0, a) for c in _OPEN)
    if opening < 0 or any(c in raw[opening:a] for c in _CLOSE):
        return None
    close = min((k for k in (raw.find(c, b) for c in _CLOSE) if k >= 0), default=-1)
    if close < 0 or has_han(raw[b:close]) or any(c in raw[b:close] for c in _OPEN):
        return None
    return opening, close

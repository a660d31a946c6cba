"""Markup checks: inline Markdown, block structure and table shape must survive translation."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from align.alignment import SentencePair
from align.document import Block, BlockKind, Document, InlineSpan
from align.markdown import CONFLICT_MARKER, FRONT_MATTER_FIELDS
from qa.checks.base import Check, register
from qa.checks.coverage import translated_label
from qa.checks.numbers import SETTING, number_only, url_key
from qa.checks.spans import plural, span_location, unique_findings
from qa.core.finding import Finding, Severity
from qa.core.run import AlignedDocument, CheckContext

_KIND_NAMES = {"bold": "bold", "italic": "italic", "code": "code span", "link": "link"}


def _spans(sentences) -> list[InlineSpan]:
    seen: dict[tuple[int, int], InlineSpan] = {}
    for s in sentences:
        for sp in s.spans:
            seen.setdefault((sp.start, sp.end), sp)
    return sorted(seen.values(), key=lambda sp: sp.start)


@register
class MarkupMismatch(Check):
    code = "M001"
    name = "markup-mismatch"
    severity = Severity.WARNING
    description = "Inline Markdown (bold, italic, code, links) differs between the two sides."
    doc = """
## What it does
Counts the inline markup of each aligned pair — bold, italic, code spans and links — on both
sides and reports every kind whose count differs, pointing at the span that has no
counterpart. A code name the translation refers back to instead of repeating it (它, 该插件,
"it", after naming it in the same sentence or just before) is not missing.

## Why it matters
Emphasis and links carry meaning: a bold warning that loses its bold, a link that disappears,
or bold that a translator added where the author had none changes what the reader notices.

## Example
```
en: Ketamine shares its core mechanism of action with PCP (phencyclidine / angel dust).
zh: 氯胺酮与**PCP（苯环利定/天使尘）**共享核心作用机制。
```

## Use instead
```
zh: 氯胺酮与PCP（苯环利定/天使尘）共享核心作用机制。
```
"""

    def check_pair(self, pair: SentencePair, doc: AlignedDocument,
                   ctx: CheckContext) -> Iterable[Finding]:
        if not pair.source or not pair.target:
            return
        a = doc.alignment
        if _only_images(a.source, pair.source) or _only_images(a.target, pair.target):
            return  # text paired with a picture: the aligner's, not the markup's, problem
        src = _with_html_links(a.source, _spans(pair.source))
        tgt = _with_html_links(a.target, _spans(pair.target))
        if not src and not tgt:
            return  # most pairs: no markup on either side, no count to compare
        src, tgt = _italics_in_bold(src, tgt, pair)
        src, tgt = _italics_in_math(src, tgt, doc)
        src = _without_header_bold(src, a.source, pair.source)
        tgt = _without_header_bold(tgt, a.target, pair.target)
        for kind, label in _KIND_NAMES.items():
            s = [sp for sp in src if sp.kind == kind]
            t = [sp for sp in tgt if sp.kind == kind]
            if kind == "code":  # `0`, `8080`: a number's formatting (N001 has its value)
                s = [sp for sp in s if not number_only(_inner(a.source, sp))]
                t = [sp for sp in t if not number_only(_inner(a.target, sp))]
            if len(s) > len(t) and kind == "code":
                s = _joined_code(s, a.source, t, a.target)
                s = _without_referred(s, t, pair, doc)
                if a.target.lang == "zh" and len(s) > len(t):
                    # `Save` ↔ “保存”: an interface label shown translated, not code lost.
                    s = [sp for sp in s if not translated_label(_inner(a.source, sp),
                                                                pair.target_text)]
            if len(t) > len(s) and kind == "code":
                # Code formatting the translation adds (`normal message`, `-e a=b` for a plain
                # source) loses nothing a reader copies: judged on real docs pages, none of
                # these was a defect (0 of 6 real). Code the translation drops is reported.
                t = t[:len(s)]
            if kind == "italic":
                s, t = _titles_in_italics(s, t, pair, doc)
            if len(t) > len(s) and kind != "link":
                t = _without_added_emphasis(t, len(t) - len(s), pair, doc)
            if len(s) > len(t) and kind == "bold" and _in_admonition(a.target, pair.target):
                # **注意** / **Tips:** opening the source's paragraph became the translation's
                # :::note / :::tip box: the label is the box's, not lost (judged on
                # rocketmq-site: a false alarm each time).
                s = [sp for sp in s if not _label_at_start(a.source, pair.source, sp)]
            if kind == "link" and len(s) != len(t):
                s, t = (_without_shown(s, a.target, pair.target),
                        _without_shown(t, a.source, pair.source))
            if len(s) == len(t):
                continue
            if kind == "link" and _same_targets(s, t, pair):
                continue
            if len(t) > len(s):
                extra = t[len(s):] if s else t
                sp = _unmatched(t, a.target, s, a.source, kind) or extra[0]
                text = a.target.text[sp.start:sp.end]
                where = "the translation only" if not s else "the translation"
                message = (f"{label} on {where}: {text}" if not s else
                           f"{plural(len(t), label)} in the translation, "
                           f"{len(s)} in the source")
                yield self.finding(doc, message, source=pair.source,
                                   target=span_location(a.target, sp.start, sp.end),
                                   confidence=pair.confidence,
                                   suggestion=f"remove the {label}, or add it to the source")
            else:
                sp = _unmatched(s, a.source, t, a.target, kind) or (s[len(t):] if t else s)[0]
                text = a.source.text[sp.start:sp.end]
                message = (f"{label} of the source is missing from the translation: {text}"
                           if not t else f"{plural(len(s), label)} in the source, "
                           f"{len(t)} in the translation")
                yield self.finding(doc, message,
                                   source=span_location(a.source, sp.start, sp.end),
                                   target=pair.target, confidence=pair.confidence,
                                   suggestion=f"mark the same text as {label} in the "
                                   "translation")


def _without_header_bold(spans: list[InlineSpan], document: Document,
                         sentences: list) -> list[InlineSpan]:
    """``spans`` less the bold that wraps a whole header cell of a table: a header cell is
    shown bold anyway (apache/dubbo-website's ``| **描述** |`` above ``| Description |``)."""
    if not any(sp.kind == "bold" for sp in spans):
        return spans
    cells = []
    for s in sentences:
        block = document.blocks[s.block]
        if block.kind is BlockKind.TABLE_ROW and s.cell is not None and _is_header(document,
                                                                                   block):
            cell = block.cells[s.cell]
            cells.append((cell.start, cell.end))
    if not cells:
        return spans
    text = document.text
    return [sp for sp in spans if not (
        sp.kind == "bold" and any(text[a:b].strip() == text[sp.start:sp.end]
                                  for a, b in cells))]


def _is_header(document: Document, block: Block) -> bool:
    """Whether a table row is its table's header: the delimiter row comes next."""
    k = block.index + 1
    while k < len(document.blocks) and document.blocks[k].kind is BlockKind.BLANK:
        k += 1
    return k < len(document.blocks) and document.blocks[k].kind is BlockKind.TABLE_DELIMITER


def _unmatched(mine: list[InlineSpan], document: Document, other: list[InlineSpan],
               other_document: Document, kind: str) -> InlineSpan | None:
    """The first of ``mine`` whose code (or link target) the other side's spans do not
    have, matched one for one: the span that went missing or was added, where the count
    alone would point at the last one (umi: "3 code spans in the source" pointed at
    `false`, which both sides have, not at the lost `loading`); None for other kinds."""
    if kind == "code":
        def key(sp: InlineSpan, d: Document) -> str:
            return _inner(d, sp).strip()
    elif kind == "link":
        def key(sp: InlineSpan, d: Document) -> str:
            return url_key(sp.target or "")
    else:
        return None
    left = Counter(key(sp, other_document) for sp in other)
    for sp in mine:
        k = key(sp, document)
        if left[k] > 0:
            left[k] -= 1
        else:
            return sp
    return None


def _joined_code(s: list[InlineSpan], source: Document, t: list[InlineSpan],
                 target: Document) -> list[InlineSpan]:
    """The source's code spans with those written apart by a slash or comma that the
    translation writes as one counted once (`deserved`/`guarantee` ↔ `deserved/guarantee`:
    volcano's hierarchical queue page), and values it writes with their property."""
    joined = {_inner(target, sp).strip() for sp in t}
    names = {_inner(source, sp).strip() for sp in s}
    # A value the translation writes with its property (`fit` 为 `contain` ↔ `fit=contain`:
    # youzan/vant).
    valued = {m.group(2) for m in map(SETTING.fullmatch, joined) if m and m.group(1) in names}
    out: list[InlineSpan] = []
    for sp in s:
        inner = _inner(source, sp).strip()
        if inner in valued and inner not in joined:
            continue
        if out:
            prev = out[-1]
            between = source.text[prev.end:sp.start]
            if between.strip() in ("/", "|", ",", "、") and \
                    f"{_inner(source, prev)}{between.strip()}{_inner(source, sp)}" in joined:
                continue
        out.append(sp)
    return out


def _italics_in_bold(src: list[InlineSpan], tgt: list[InlineSpan], pair: SentencePair
                     ) -> tuple[list[InlineSpan], list[InlineSpan]]:
    """The spans of the two sides without the English italics that the Chinese side sets in
    bold instead (``_Pods_ are …`` ↔ ``**Pod** 是……``: Chinese type has no italics, and
    translators emphasise in bold — the Kubernetes zh-cn pages do so throughout), nor those
    bold spans: as many as the English side has italics over the Chinese side and the
    Chinese side has bold over the English side."""
    zh_source = pair.source[0].lang == "zh"
    en, zh = (tgt, src) if zh_source else (src, tgt)

    def count(spans: list[InlineSpan], kind: str) -> int:
        return sum(sp.kind == kind for sp in spans)

    switched = min(count(en, "italic") - count(zh, "italic"),
                   count(zh, "bold") - count(en, "bold"))
    if switched <= 0:
        return src, tgt
    en_italics = [k for k, sp in enumerate(en) if sp.kind == "italic"][-switched:]
    zh_bold = [k for k, sp in enumerate(zh) if sp.kind == "bold"][-switched:]
    en = [sp for k, sp in enumerate(en) if k not in en_italics]
    zh = [sp for k, sp in enumerate(zh) if k not in zh_bold]
    return (zh, en) if zh_source else (en, zh)


def _italics_in_math(src: list[InlineSpan], tgt: list[InlineSpan], doc: AlignedDocument
                     ) -> tuple[list[InlineSpan], list[InlineSpan]]:
    """The spans of the two sides without the italics of one side, beyond the other's
    italics, that name a variable of the other side's TeX math (``*v*`` ↔ ``$v$``, ``*k*`` ↔
    ``$0 < K \\le 49.9$``: TDengine's TDgpt pages): math sets its variables in italics, so
    they are the same markup in another notation."""
    a = doc.alignment
    out = []
    for mine, document, other, other_document in ((src, a.source, tgt, a.target),
                                                  (tgt, a.target, src, a.source)):
        excess = sum(sp.kind == "italic" for sp in mine) - sum(sp.kind == "italic"
                                                               for sp in other)
        formulas = " ".join(_inner(other_document, sp) for sp in other if sp.kind == "math")
        dropped: set[int] = set()
        for k, sp in enumerate(mine if excess > 0 and formulas else ()):
            name = _inner(document, sp).strip() if sp.kind == "italic" else ""
            if name and len(dropped) < excess and re.search(
                    rf"(?<![A-Za-z\\]){re.escape(name)}(?![A-Za-z])", formulas, re.I):
                dropped.add(k)
        out.append([sp for k, sp in enumerate(mine) if k not in dropped] if dropped else mine)
    return out[0], out[1]


#: A title in Chinese book-title marks, which English sets in italics instead.
_BOOK_TITLE = re.compile(r"《[^《》\n]+》|〈[^〈〉\n]+〉")
#: A term in Chinese quotation marks, as a translation introduces one that English sets in
#: italics ("_Field selectors_ let you …" ↔ "“字段选择器（Field selectors）”允许你……", "*owners*"
#: ↔ "“属主（Owner）”": the Kubernetes zh-cn pages), short enough not to be speech …
_QUOTED_TERM = re.compile(r"“[^“”\n]{1,40}”|「[^「」\n]{1,40}」|『[^『』\n]{1,40}』")
#: … beyond the quotations the English side has itself.
_EN_QUOTATION = re.compile(r"“[^“”\n]+”|\"[^\"\n]+\"")


def _titles_in_italics(s: list[InlineSpan], t: list[InlineSpan], pair: SentencePair,
                       doc: AlignedDocument) -> tuple[list[InlineSpan], list[InlineSpan]]:
    """The italics of the two sides without those of the English side that render a
    Chinese title in 《》 (《用户手册》 ↔ *User Guide*) or a term the Chinese introduces in
    quotation marks (see :data:`_QUOTED_TERM`): English marks a title or a new term so,
    Chinese so. The capitalised italics are taken for the titles first (*User Guide*, not
    *now*)."""
    zh_source = pair.source[0].lang == "zh"
    zh_text, en_text = (pair.source_text, pair.target_text) if zh_source else \
        (pair.target_text, pair.source_text)
    titles = len(_BOOK_TITLE.findall(zh_text)) + max(
        0, len(_QUOTED_TERM.findall(zh_text)) - len(_EN_QUOTATION.findall(en_text)))
    en, zh = (t, s) if zh_source else (s, t)
    extra = min(titles, len(en) - len(zh))
    if extra <= 0:
        return s, t
    english = doc.alignment.target if zh_source else doc.alignment.source
    order = sorted(range(len(en)), key=lambda k: not english.text[en[k].inner_start:
                                                                en[k].inner_end][:1].isupper())
    dropped = set(order[:extra])
    en = [sp for k, sp in enumerate(en) if k not in dropped]
    return (zh, en) if zh_source else (en, zh)


def _label_at_start(document: Document, sentences, sp: InlineSpan) -> bool:  # noqa: ANN001
    """Whether a span of the sentences is a short label that opens its block (``**注意**：``,
    ``**Tips:**``)."""
    block = document.blocks[_block_at(sentences, sp.start)]
    if document.text[block.content_start:sp.start].strip():
        return False
    return len(_inner(document, sp).strip(" :：")) <= 12


def _in_admonition(document: Document, sentences) -> bool:  # noqa: ANN001 - Sentences
    """Whether the first sentence's block lies inside a ``:::type`` … ``:::`` box, or right
    under a GitHub ``> [!NOTE]`` marker."""
    return bool(sentences) and _inside_admonition(document, sentences[0].block)


def _inside_admonition(document: Document, index: int) -> bool:
    """Whether block ``index`` lies inside a ``:::type`` … ``:::`` box, or right under a
    GitHub ``> [!NOTE]`` marker (see :func:`_in_admonition`)."""
    quoted = document.blocks[index].marker == ">"
    for b in reversed(document.blocks[:index]):
        if b.kind is BlockKind.ADMONITION:
            opener = b.raw.strip()
            return opener != ":::" if opener.startswith(":::") else quoted
        if b.kind not in (BlockKind.BLANK, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM,
                          BlockKind.CODE):
            return False
        quoted = quoted and (b.kind is BlockKind.BLANK or b.marker == ">")
    return False


_HTML_LINK = re.compile(r"""<a\s[^>]*?href\s*=\s*["']?([^"'\s>]+)""", re.I)


def _with_html_links(document: Document, spans: list[InlineSpan]) -> list[InlineSpan]:
    """The spans, with an HTML anchor's opening tag (``<a href='…'>``) counted as the link
    it is: a translation may write a Markdown link as HTML (rocketmq-site
    02quickstartWithDocker.md) without losing it."""
    out = []
    for sp in spans:
        m = _HTML_LINK.match(document.text, sp.start) if sp.kind == "html" else None
        out.append(InlineSpan("link", sp.start, sp.end, sp.end, sp.end, m.group(1))
                   if m else sp)
    return out


def _only_images(document: Document, sentences) -> bool:  # noqa: ANN001 - Sentences
    """Whether the sentences hold nothing but images (``![1657547891994](…)``), perhaps
    with HTML tags such as ``<br />``."""
    images = [sp for s in sentences for sp in s.spans if sp.kind == "image"]
    if not images:
        return False
    rest = "".join(document.text[s.start:s.end] for s in sentences)
    for sp in images:
        rest = rest.replace(document.text[sp.start:sp.end], "")
    return not re.sub(r"<[^>]*>|\s", "", rest)


def _inner(document: Document, sp: InlineSpan) -> str:
    return document.text[sp.inner_start:sp.inner_end]


def _without_added_emphasis(spans: list[InlineSpan], excess: int, pair: SentencePair,
                            doc: AlignedDocument) -> list[InlineSpan]:
    """The translation's spans less (at most ``excess``) that only format what the source
    already says: a kept name or value the source writes plain (``sink.txt`` ↔ `sink.txt`,
    enableControllerMode=true ↔ **`enableControllerMode=true`**), or a whole line made a
    bold title (顺序性保障 ↔ **Ensured message order**). Judged on real docs pages these
    were improvements, never defects; emphasis the translation moves or drops, and a source
    heading turned into a bold line, are still reported."""
    target = doc.alignment.target
    plain = " ".join(_plain_text(doc.alignment.source, s) for s in pair.source)
    # A heading of the source made a bold line is a heading lost, not a title emphasised.
    demoted = any(b.kind is BlockKind.HEADING and b.level for b in pair.source_blocks)
    out = list(spans)
    for sp in spans:
        if excess <= 0:
            break
        text = _inner(target, sp).strip("`*_ ")
        block = target.blocks[_block_at(pair.target, sp.start)]
        whole = _MARKER.sub("", block.raw).strip().rstrip(":：")
        if (len(text) >= 2 and text in plain) or (
                sp.kind == "bold" and target.text[sp.start:sp.end] == whole and not demoted):
            out.remove(sp)
            excess -= 1
    return out


_MARKER = re.compile(r"^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)")

#: Words by which a translation refers back to a thing it has named: 它 ("it"), 该/此/本/
#: 这个 ("this"), 其 ("its"), 上述 ("the above"), 前者/后者; in English "it", "this" …
_REFERRING = {
    "zh": re.compile(r"它|该|此|这个|这些|那个|其|本|上述|前者|后者"),
    "en": re.compile(r"\b(?:it|its|this|these|that|those|former|latter|above)\b", re.I),
}


def _without_referred(source: list[InlineSpan], target: list[InlineSpan],
                      pair: SentencePair, doc: AlignedDocument) -> list[InlineSpan]:
    """The source's code spans less those the translation refers to instead of repeating:
    a name the source says again (`t_order` … `t_order` ↔ `t_order` … 它) that the pair's
    translation has at least once, or a name the translation's sentence calls 该插件 ("this
    plugin", for `data-mask` Plugin) after naming it in the same or the previous block, or
    in the page's title.
    Chinese avoids repeating a name a sentence has just said; judged on the ShardingSphere
    and APISIX pages, both such findings were false alarms."""
    a = doc.alignment
    translation = pair.target_text
    referring = _REFERRING.get(a.target.lang)
    if referring is None or not referring.search(translation):
        return source
    said = {_inner(a.target, sp) for sp in target}
    first = a.target.blocks[pair.target[0].block]
    before = next((b.raw for b in reversed(a.target.blocks[:first.index])
                   if b.kind is not BlockKind.BLANK), "")
    # The page's title names what the whole page is about (a plugin's page, "# data-mask",
    # says 该插件 in every section: apache/apisix).
    title = next((b.raw for b in a.target.blocks if b.kind is BlockKind.HEADING), "")
    earlier = title + before + a.target.text[first.start:pair.target[0].start]
    out, seen = [], set()
    for sp in source:
        name = _inner(a.source, sp).strip()
        repeat = name in seen and (name in said or name in translation)
        named_before = len(name) >= 2 and name in earlier and name not in translation
        seen.add(name)
        if repeat or named_before:
            continue
        out.append(sp)
    return out


def _plain_text(document: Document, sentence) -> str:
    """The sentence as written, with its code spans' backticks and emphasis marks gone."""
    return re.sub(r"[`*]", "", document.text[sentence.start:sentence.end])


def _block_at(sentences, offset: int) -> int:
    """The block of the sentence (of ``sentences``) that holds ``offset``."""
    return next((s.block for s in sentences if s.start <= offset < s.end), sentences[0].block)


def _without_shown(links: list[InlineSpan], other: Document, sentences) -> list[InlineSpan]:  # noqa: ANN001
    """The links less those whose URL the other side's sentences show as bare text: a bare
    ``https://curl.se/docs/caextract.html`` made a link (or a link left bare) says the same
    (judged on the Apache Doris pages: a false alarm)."""
    shown = []
    for sentence in sentences:
        text = list(other.text[sentence.start:sentence.end])
        for sp in sentence.spans:
            if sp.kind == "link":
                a, b = max(sp.start, sentence.start), min(sp.end, sentence.end)
                text[a - sentence.start:b - sentence.start] = " " * max(0, b - a)
        shown.append("".join(text))
    bare = {u.rstrip(".,;:)）。，/") for u in _BARE_URL.findall(" ".join(shown))}
    return [sp for sp in links
            if not (sp.target and "://" in sp.target and sp.target.rstrip("/") in bare)]


_BARE_URL = re.compile(r"https?://[^\s<>\"'，。）；：]+")


def _same_targets(s: list[InlineSpan], t: list[InlineSpan], pair: SentencePair) -> bool:
    """Whether every link of the pair that has no counterpart in the other side's sentences
    points where a link of the other side's blocks points: the link's text was translated
    ("订阅关系（Subscription）" → "Subscription") and the aligner left it in a neighbouring
    sentence of the same paragraph."""
    def targets(blocks) -> set[str]:
        return {sp.target for b in blocks for sp in b.spans if sp.kind == "link" and sp.target}
    src_targets, tgt_targets = targets(pair.source_blocks), targets(pair.target_blocks)
    return all(sp.target in tgt_targets for sp in s) and \
        all(sp.target in src_targets for sp in t)


def block_links(doc: AlignedDocument) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Source block → linked target blocks, and back, from the sentence pairs."""
    fwd: dict[int, list[int]] = defaultdict(list)
    back: dict[int, list[int]] = defaultdict(list)
    for pair in doc.pairs:
        if not pair.source or not pair.target:
            continue
        for sb in pair.source_blocks:
            for tb in pair.target_blocks:
                if tb.index not in fwd[sb.index]:
                    fwd[sb.index].append(tb.index)
                if sb.index not in back[tb.index]:
                    back[tb.index].append(sb.index)
    return fwd, back


_KIND_LABEL = {BlockKind.HEADING: "heading", BlockKind.PARAGRAPH: "paragraph",
               BlockKind.LIST_ITEM: "list item", BlockKind.TABLE_ROW: "table row"}


def _plain(b: Block) -> bool:
    """A paragraph or a plain title line: no Markdown marker says what it is."""
    return b.kind is BlockKind.PARAGRAPH and b.marker != ">" or \
        (b.kind is BlockKind.HEADING and b.level == 0)


def _marked(b: Block) -> bool:
    """A block whose kind Markdown states explicitly: an ATX heading or a list item."""
    return (b.kind is BlockKind.HEADING and b.level > 0) or b.kind is BlockKind.LIST_ITEM


_ENUMERATOR = re.compile(r"\s*(?:[(（]\d{1,2}[)）]|\d{1,2}[)）、])")


def _run_in_item(document: Document, b: Block) -> bool:
    """Whether ``b`` is a line that opens with an enumerator — （2）, 2）, 2、 — right under
    another line with no blank line between: Markdown runs such lines into one paragraph, so
    the source shows its list as run-on text and a translation that writes a Markdown list
    shows what the author meant (rocketmq-site 03access.md, judged not a defect)."""
    if b.kind is not BlockKind.PARAGRAPH or not _ENUMERATOR.match(b.raw) or b.index == 0:
        return False
    prev = document.blocks[b.index - 1]
    return prev.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING) and \
        (prev.kind is BlockKind.PARAGRAPH or prev.level == 0)


def _label(b: Block) -> str:
    """How a reader sees the block: a plain title line (``1.File Path``, no Markdown marker)
    renders as a paragraph, whatever the segmenter guessed."""
    if b.kind is BlockKind.HEADING:
        return f"level-{b.level} heading" if b.level else "paragraph"
    if b.kind is BlockKind.PARAGRAPH and b.marker == ">":
        return "quoted paragraph"
    return _KIND_LABEL.get(b.kind, str(b.kind))


def _kept_with_extra(one: Block, many: list[Block], merged: bool) -> bool:
    """Whether a block that the alignment links to several on the other side keeps its own
    structure there: a heading linked to one heading of the same level and other blocks (a
    paragraph one side adds or drops, which the A rules report, aligned to the heading); or
    (``merged``: the several are the source's) a translated list item that takes in the
    paragraphs, code or images the source leaves after its item unindented — judged a
    matter of taste on rocketmq-site. The other way round, a translation that lets part of
    an item fall out of it, breaks the list and is reported."""
    if one.kind is BlockKind.HEADING and one.level:
        return sum(b.kind is BlockKind.HEADING and b.level == one.level for b in many) == 1 \
            and not any(b.kind is BlockKind.LIST_ITEM for b in many)
    if one.kind is BlockKind.LIST_ITEM and merged:
        return many[0].kind is BlockKind.LIST_ITEM and many[0].level == one.level and \
            not any(_marked(b) for b in many[1:])
    return False


@register
class StructureMismatch(Check):
    code = "M002"
    name = "structure-mismatch"
    severity = Severity.WARNING
    description = "Block kinds or counts differ (a heading rendered as a list item, merged items)."
    doc = """
## What it does
Follows the alignment from block to block and reports a source block whose counterpart is of
another kind (a heading rendered as a list item or a paragraph, a list item as a paragraph),
a heading whose level changed, a list item whose nesting changed, and several source list
items or headings rendered as one target block (or one split into several). The same change
to blocks in a row on both sides (six paragraphs of steps made a numbered list, three items
nested under the one before) is one edit, and one finding that spans them.

## Why it matters
The structure is what readers navigate by: tables of contents are built from headings,
steps are counted from list items. A translation that flattens or merges them reads as a
different document.

## Example
```
en: ## Clinical Evidence
zh: - 临床证据
```

## Use instead
```
zh: ## 临床证据
```
"""

    @unique_findings
    def check_document(self, doc: AlignedDocument, ctx: CheckContext) -> Iterable[Finding]:
        src, tgt = doc.alignment.source, doc.alignment.target
        fwd, back = block_links(doc)
        tables = {BlockKind.TABLE_ROW, BlockKind.TABLE_DELIMITER}
        #: One-to-one blocks whose kind, level or nesting changed: (source, target, problem).
        changes: list[tuple[Block, Block, tuple[str, ...]]] = []
        for si, tis in sorted(fwd.items()):
            sb = src.blocks[si]
            if sb.kind in tables:
                continue
            if len(tis) == 1 and len(back[tis[0]]) == 1:
                tb = tgt.blocks[tis[0]]
                if tb.kind in tables:
                    continue
                problem = None
                if _plain(sb) and _plain(tb):
                    pass  # a plain line's kind (title or paragraph) is a guess, not markup
                elif BlockKind.HTML in (sb.kind, tb.kind):
                    pass  # <p>text</p> ↔ text: HTML's text has no Markdown kind to keep
                elif tb.kind is BlockKind.LIST_ITEM and _run_in_item(src, sb):
                    pass  # the translation makes a list of items Markdown ran together
                elif (sb.marker == ">" and _inside_admonition(tgt, tb.index)) or \
                        (tb.marker == ">" and _inside_admonition(src, sb.index)):
                    pass  # a quoted note made a :::note box (or back): the same callout
                elif FRONT_MATTER_FIELDS & {sb.marker, tb.marker}:
                    pass  # a front-matter field against the body: no Markdown kind changed
                elif sb.kind is not tb.kind:
                    problem = ("kind", _label(sb), _label(tb))
                elif sb.kind is BlockKind.HEADING and sb.level and tb.level and \
                        sb.level != tb.level:
                    problem = ("level", str(sb.level), str(tb.level))
                elif sb.kind is BlockKind.LIST_ITEM and sb.level != tb.level:
                    problem = ("depth", str(sb.level), str(tb.level))
                if problem:
                    changes.append((sb, tb, problem))
            elif len(tis) > 1 and _marked(sb) and all(len(back[t]) == 1 for t in tis):
                blocks = [tgt.blocks[t] for t in tis]
                if _kept_with_extra(sb, blocks, merged=False):
                    continue
                yield self.finding(doc, f"one source {_label(sb)} is split into "
                                   f"{len(blocks)} blocks in the translation", source=sb,
                                   target=blocks, suggestion="keep it one block")
        for run in _runs(src, tgt, changes):
            sb, tb, problem = run[0]
            yield self.finding(doc, _change_message(problem, len(run)),
                               source=sb if len(run) == 1 else [r[0] for r in run],
                               target=tb if len(run) == 1 else [r[1] for r in run],
                               suggestion=f"use the same Markdown as the source "
                               f"({sb.marker or 'plain line'})")
        for ti, sis in sorted(back.items()):
            tb = tgt.blocks[ti]
            blocks = [src.blocks[s] for s in sis]
            if len(sis) > 1 and all(len(fwd[s]) == 1 for s in sis) and any(
                    _marked(b) for b in blocks):
                if _kept_with_extra(tb, blocks, merged=True):
                    continue
                kinds = {_label(b) for b in blocks}
                what = f"{len(blocks)} {next(iter(kinds))}s" if len(kinds) == 1 \
                    else f"{len(blocks)} blocks"
                yield self.finding(doc, f"{what} of the source are merged into one "
                                   f"{_label(tb)} in the translation", source=blocks,
                                   target=tb, suggestion="keep one block per source block")


def _runs(src: Document, tgt: Document, changes: list[tuple[Block, Block, tuple[str, ...]]],
          ) -> list[list[tuple[Block, Block, tuple[str, ...]]]]:
    """The changes in runs: the same change to blocks that follow each other on both sides
    (blank lines between) is one edit of the translator's — six paragraphs made into a
    numbered list of steps, three items nested under the one before — and one finding."""
    runs: list[list[tuple[Block, Block, tuple[str, ...]]]] = []
    for change in changes:
        if runs and runs[-1][-1][2] == change[2] and \
                _next_to(src, runs[-1][-1][0], change[0]) and \
                _next_to(tgt, runs[-1][-1][1], change[1]):
            runs[-1].append(change)
        else:
            runs.append([change])
    return runs


def _next_to(document: Document, before: Block, after: Block) -> bool:
    """Whether ``after`` follows ``before`` with nothing but blank lines between."""
    return before.index < after.index and all(
        b.kind is BlockKind.BLANK for b in document.blocks[before.index + 1:after.index])


def _change_message(problem: tuple[str, ...], n: int) -> str:
    """What changed, for one block or a run of ``n``."""
    kind, was, now = problem
    if kind == "kind":
        return f"{was} in the source is a {now} in the translation" if n == 1 else \
            f"{n} {was}s in the source are {now}s in the translation"
    if kind == "level":
        return f"heading level {was} in the source is level {now} in the translation" \
            if n == 1 else f"{n} headings at level {was} in the source are at level {now} in " \
            "the translation"
    return f"list item nested at depth {was} in the source is at depth {now} in the " \
        "translation" if n == 1 else f"{n} list items nested at depth {was} in the source " \
        f"are at depth {now} in the translation"


def tables(document: Document) -> list[list[Block]]:
    """Runs of consecutive table rows (delimiter rows included)."""
    out: list[list[Block]] = []
    prev_table = False
    for b in document.blocks:
        is_row = b.kind in (BlockKind.TABLE_ROW, BlockKind.TABLE_DELIMITER)
        if is_row:
            if prev_table:
                out[-1].append(b)
            else:
                out.append([b])
        prev_table = is_row
    return out


@register
class TableShape(Check):
    code = "M003"
    name = "table-shape"
    severity = Severity.ERROR
    description = "A table has a different number of rows or columns in the translation."
    doc = """
## What it does
Pairs the tables of the two documents (through the alignment of their rows, else in order)
and compares their number of rows and, row by row, their number of cells. One finding per
table: a single misshapen row is reported at that row; a table with several (or with rows
missing as well) is reported at its first row, and the message lists the rows concerned by
their lines in the translation.

## Why it matters
A missing row silently drops data; a row with one cell too many or too few shifts every
value after it into the wrong column, and a Markdown renderer may drop the row altogether.

## Example
```
en: | Intravenous (IV) | Fastest onset |
zh: | 静脉注射(IV) | 起效最快 | 参考剂量 |
```

## Use instead
```
zh: | 静脉注射(IV) | 起效最快 |
```
"""

    @unique_findings
    def check_document(self, doc: AlignedDocument, ctx: CheckContext) -> Iterable[Finding]:
        for st, tt in _paired_tables(doc):
            finding = self._table_finding(doc, st, tt)
            if finding is not None:
                yield finding

    def _table_finding(self, doc: AlignedDocument, st: list[Block],
                       tt: list[Block]) -> Finding | None:
        """The one finding for a table pair: its row count and its misshapen rows."""
        s_rows = [b for b in st if b.kind is BlockKind.TABLE_ROW]
        t_rows = [b for b in tt if b.kind is BlockKind.TABLE_ROW]
        s_cells, t_cells = _cell_counts(s_rows), _cell_counts(t_rows)
        bad = [(sr, tr) for sr, tr in zip(s_rows, t_rows, strict=False)
               if s_cells[sr.index] != t_cells[tr.index]]
        parts = []
        if len(s_rows) != len(t_rows):
            parts.append(f"table has {plural(len(s_rows), 'row')} in the source and "
                         f"{len(t_rows)} in the translation")
        if len(bad) == 1 and not parts:
            sr, tr = bad[0]
            return self.finding(
                doc, f"row has {plural(s_cells[sr.index], 'cell')} in the source and "
                f"{t_cells[tr.index]} in the translation", source=sr, target=tr,
                suggestion=_CELL_ADVICE)
        if bad:
            parts.append(_misshapen_rows(bad, s_cells, t_cells))
        if not parts:
            return None
        advice = "translate every row of the table" if len(s_rows) != len(t_rows) else ""
        if bad:
            advice = f"{advice}; {_CELL_ADVICE}" if advice else _CELL_ADVICE
        return self.finding(doc, "; ".join(parts), source=st[0], target=tt[0],
                            suggestion=advice)


_CELL_ADVICE = "keep one cell per source cell (escape a literal | as \\|)"


def _cell_counts(rows: list[Block]) -> dict[int, int]:
    """Each row's number of cells (by block index) as GFM renders it: empty cells beyond the
    header row's count are ignored (``… | pool  |   |`` under a 4-cell header has 4)."""
    header = len(rows[0].cells) if rows else 0
    out = {}
    for row in rows:
        n = len(row.cells)
        while n > header and not row.cells[n - 1].text.strip():
            n -= 1
        out[row.index] = n
    return out


def _misshapen_rows(bad: list[tuple[Block, Block]], s_cells: dict[int, int],
                    t_cells: dict[int, int]) -> str:
    """``rows at lines 9, 11 have 5 cells in the source and 4 in the translation`` — or,
    when the counts differ from row to row, each line with its counts."""
    counts = {(s_cells[sr.index], t_cells[tr.index]) for sr, tr in bad}
    if len(counts) == 1:
        (n_s, n_t), = counts
        lines = ", ".join(str(tr.line) for _, tr in bad)
        what = "row at line" if len(bad) == 1 else "rows at lines"
        return f"{what} {lines} {'has' if len(bad) == 1 else 'have'} " \
               f"{plural(n_s, 'cell')} in the source and {n_t} in the translation"
    rows = ", ".join(f"{tr.line} ({s_cells[sr.index]} → {t_cells[tr.index]})"
                     for sr, tr in bad)
    return f"rows with a different number of cells (line: source → translation cells): {rows}"


def _paired_tables(doc: AlignedDocument) -> list[tuple[list[Block], list[Block]]]:
    """Source tables with their target tables: through the alignment of their rows, else
    the target table at the same position; each target table is used once."""
    src_tables, tgt_tables = tables(doc.alignment.source), tables(doc.alignment.target)
    fwd, _ = block_links(doc)
    tgt_of_block = {b.index: k for k, t in enumerate(tgt_tables) for b in t}
    used: set[int] = set()
    out = []
    for k, st in enumerate(src_tables):
        partner = next((tgt_of_block[t] for b in st for t in fwd.get(b.index, [])
                        if t in tgt_of_block), None)
        if partner is None and k < len(tgt_tables) and k not in used:
            partner = k
        if partner is None or partner in used:
            continue
        used.add(partner)
        out.append((st, tgt_tables[partner]))
    return out


# ---------------------------------------------------------------------------------------------
# Link reference definitions

#: ``[label]: url "title"`` — the label and the destination (``<…>`` or one word).
_DEFINITION = re.compile(r" {0,3}\[((?:[^\[\]\\]|\\.)+)\]:[ \t]*(<[^<>\n]*>|\S+)")


def _reference_label(text: str) -> str:
    """A reference label as CommonMark matches it: case folded, white space collapsed."""
    return " ".join(text.split()).casefold()


def definitions(document: Document) -> dict[str, tuple[str, Block]]:
    """The document's link reference definitions: label → (destination, block); the first
    definition of a label wins, as in CommonMark. Footnotes (``[^1]:``) are text, not links."""
    out: dict[str, tuple[str, Block]] = {}
    for b in document.blocks:
        if b.kind is not BlockKind.LINK_DEFINITION:
            continue
        m = _DEFINITION.match(b.raw)
        if m and not m.group(1).startswith("^"):
            out.setdefault(_reference_label(m.group(1)), (m.group(2).strip("<>"), b))
    return out


def _references(document: Document) -> set[str]:
    """Labels the document's prose refers to: ``[text][label]``, ``[label][]``, ``[label]``."""
    text = "".join(b.raw for b in document.blocks
                   if b.kind not in (BlockKind.LINK_DEFINITION, BlockKind.CODE))
    found = set()
    for m in re.finditer(r"\]\[((?:[^\[\]\\]|\\.)*)\]|\[((?:[^\[\]\\]|\\.)+)\](?![(:\[])", text):
        found.add(_reference_label(m.group(1) or m.group(2) or ""))
    return found


@register
class LinkDefinitionMismatch(Check):
    code = "M004"
    name = "link-definition-mismatch"
    severity = Severity.WARNING
    description = "A link reference definition ([id]: url) points elsewhere, or is missing."
    doc = """
## What it does
Compares the link reference definitions (``[label]: url``) of the two documents by label.
Reports a label whose destination differs in the translation — after what translations
change on purpose: a locale segment (``/en/`` ↔ ``/zh/``), the heading fragment, ``./``, a
``.md`` ending, case — and a label the translation refers to (``[文本][label]``) but never
defines, which renders as literal brackets. Footnotes (``[^1]:``) are text and left to the
other rules.

## Why it matters
Reference-style links keep their destinations at the bottom of a page, out of the
translator's sight: a destination retyped or pasted from another page sends readers of the
translation elsewhere, and a definition left out breaks every link that uses it. The inline
rules never see them.

## Example
```
en: See the [configuration reference][config].   [config]: https://example.com/config
zh: 请参见[配置参考][config]。                   [config]: https://example.com/conf
```

## Use instead
```
zh: [config]: https://example.com/config
```
"""

    def check_document(self, doc: AlignedDocument, ctx: CheckContext) -> Iterable[Finding]:
        source, target = doc.alignment.source, doc.alignment.target
        theirs = definitions(target)
        used = None
        for label, (url, block) in definitions(source).items():
            if label in theirs:
                other, where = theirs[label]
                if url_key(other) != url_key(url):
                    yield self.finding(doc, f"[{label}] links to {url} in the source and to "
                                       f"{other} in the translation", source=block,
                                       target=where, suggestion=f"link [{label}] to {url}")
                continue
            used = _references(target) if used is None else used
            if label in used:
                yield self.finding(doc, f"[{label}] is defined in the source ({url}) but not "
                                   "in the translation, which refers to it", source=block,
                                   target=None, side="source",
                                   suggestion=f"add [{label}]: {url}")


# ---------------------------------------------------------------------------------------------
# Fences left open

#: A fence glued to the end of a line of text ("… the message.:::"), which closes nothing.
_GLUED = re.compile(r"\S[ \t]*(:{3,}|`{3,}|~{3,})[ \t]*$")


def unclosed_fences(document: Document) -> list[tuple[Block, str]]:
    """The fences a document opens and never closes, with what they open: a code fence
    (`` ``` ``, ``~~~``: its block runs to the end of the document without a closing line)
    and a container (Docusaurus and VuePress ``:::type`` … ``:::``)."""
    out: list[tuple[Block, str]] = []
    opened: list[tuple[Block, str, int]] = []  # containers: block, type, colons
    for b in document.blocks:
        fence = b.marker  # the parser's: ``` or ~~~ of a code fence, :::type of a container
        if b.kind is BlockKind.CODE:
            if fence[:1] in ("`", "~") and b.end >= len(document.text):  # open: to the end
                lines = b.raw.rstrip("\n").split("\n")
                last = lines[-1].strip()
                if len(lines) < 2 or last.strip(fence[0]) or len(last) < len(fence):
                    out.append((b, fence))
            continue
        if b.kind not in (BlockKind.ADMONITION, BlockKind.HEADING) or \
                not fence.startswith(":::"):
            continue
        kind = fence.lstrip(":")
        colons = len(fence) - len(kind)
        if kind:
            opened.append((b, kind, colons))
        elif opened and opened[-1][2] <= colons:
            opened.pop()  # closes the innermost container, if it has as many colons or more
    out += [(b, f"{':' * colons}{kind}") for b, kind, colons in opened]
    return sorted(out, key=lambda x: x[0].start)


def _glued_fence(document: Document, block: Block, fence: str) -> Block | None:
    """The first text block after ``block`` that ends with a fence of ``fence``'s kind
    glued to its text: the closing fence the writer meant."""
    for b in document.blocks[block.index + 1:]:
        m = _GLUED.search(b.raw.rstrip("\n"))
        if m and m.group(1)[0] == fence[0] and b.kind is not BlockKind.CODE:
            return b
    return None


@register
class UnclosedFence(Check):
    code = "M005"
    name = "unclosed-fence"
    severity = Severity.ERROR
    description = "A code fence or ::: container is opened and never closed."
    doc = """
## What it does
Finds the code fences (```` ``` ````, `~~~`) and containers (Docusaurus and VuePress
`:::note` … `:::`) that a document opens and never closes, and reports those of one side
that the other side closes: the translation broke the page, or the source did. When a
closing fence was glued to the end of a line of text (`… the message.:::`), which closes
nothing, the finding names that line.

## Why it matters
An open fence swallows the rest of the page: everything after it renders as code or inside
the box, and every rule that compares the two sides sees the difference as missing text.
One finding at the fence says what the many others mean.

## Example
```
:::info
The SDK commits the failure result.:::
```

## Use instead
```
:::info
The SDK commits the failure result.
:::
```
"""

    def check_document(self, doc: AlignedDocument, ctx: CheckContext) -> Iterable[Finding]:
        sides = (("source", doc.alignment.source, doc.alignment.target),
                 ("target", doc.alignment.target, doc.alignment.source))
        for side, mine, theirs in sides:
            open_here = unclosed_fences(mine)
            if len(open_here) <= len(unclosed_fences(theirs)):
                continue
            for block, fence in open_here:
                what = "code fence" if fence[0] in "`~" else f"{fence} container"
                glued = _glued_fence(mine, block, fence)
                hint = (f"; the {'```' if fence[0] in '`~' else ':::'} at the end of line "
                        f"{glued.end_line} does not close it: put it on a line of its own"
                        if glued is not None else "")
                where = {"source": None, "target": None}
                where[side] = block
                yield self.finding(doc, f"the {what} opened here is never closed in the "
                                   f"{'source' if side == 'source' else 'translation'}: what "
                                   f"follows renders inside it{hint}", side=side,
                                   suggestion="close it on a line of its own", **where)




def conflict_blocks(document: Document) -> list[tuple[int, int]]:
    """The (start, end) character offsets of the merge-conflict blocks left in
    ``document``: from a ``<<<<<<<`` line through its ``=======`` to the ``>>>>>>>`` line,
    or a start or end marker line that names its side (``<<<<<<< HEAD``, ``>>>>>>> 1a2b3c4``)
    left alone. Lines inside code blocks (a page that shows a conflict) are not markers; a
    bare ``=======`` alone is a setext heading's underline.

    >>> from align.reader import parse_document
    >>> text = "# T\\n\\n<<<<<<< HEAD\\n你好。\\n=======\\nHello.\\n>>>>>>> 4f2a9c1\\n\\nEnd.\\n"
    >>> [text[a:b] for a, b in conflict_blocks(parse_document(text, "a.md", "zh"))]
    ['<<<<<<< HEAD\\n你好。\\n=======\\nHello.\\n>>>>>>> 4f2a9c1']
    >>> conflict_blocks(parse_document("```\\n<<<<<<< HEAD\\na\\n=======\\nb\\n>>>>>>> x\\n```\\n",
    ...                                "a.md", "en"))
    []
    """
    text = document.text
    if "<<<<<<<" not in text and ">>>>>>>" not in text:
        return []
    code = [(b.start, b.end) for b in document.blocks if b.kind is BlockKind.CODE]
    marks = [m for m in CONFLICT_MARKER.finditer(text)
             if not any(a <= m.start() < b for a, b in code)]
    out: list[tuple[int, int]] = []
    opened: re.Match[str] | None = None
    middle = False
    for m in marks:
        kind = m.group(1)[0]
        if kind == "<":
            if opened is not None and opened.group(2):
                out.append((opened.start(), opened.end()))  # a start marker left alone
            opened, middle = m, False
        elif kind == "=":
            middle = opened is not None
        elif kind == ">":
            if opened is not None and middle:
                out.append((opened.start(), m.end()))
            elif m.group(2):
                if opened is not None and opened.group(2):
                    out.append((opened.start(), opened.end()))
                out.append((m.start(), m.end()))
            opened, middle = None, False
    if opened is not None and opened.group(2):
        out.append((opened.start(), opened.end()))
    return sorted(out)


@register
class ConflictMarkers(Check):
    code = "M006"
    name = "merge-conflict"
    severity = Severity.ERROR
    description = "Git merge-conflict markers (<<<<<<<, =======, >>>>>>>) are left in a file."
    doc = """
## What it does
Finds the blocks a failed git merge leaves in a file — `<<<<<<< HEAD`, one version,
`=======`, the other version, `>>>>>>> commit` — and a start or end marker line left on its
own, on either side, outside code blocks (a page may show a conflict in a code block). One
finding per block, spanning it.

## Why it matters
The page renders both versions and the markers (`=======` even turns the line above it into
a heading), and every rule that compares the two sides then reports the symptoms — text
added, English left in the translation — at lines that are not the cause.

## Example
```
<<<<<<< HEAD
使用快速打开（按 Ctrl/Cmd+P）
=======
Use Quick Open (press Ctrl/Cmd+P)
>>>>>>> 4f2a9c1
```

## Use instead
```
使用快速打开（按 Ctrl/Cmd+P）
```
"""

    def check_document(self, doc: AlignedDocument, ctx: CheckContext) -> Iterable[Finding]:
        for side, document in (("source", doc.alignment.source),
                               ("target", doc.alignment.target)):
            for start, end in conflict_blocks(document):
                loc = span_location(document, start, end)
                name = "source" if side == "source" else "translation"
                if loc.end_line > loc.line:
                    message = (f"merge conflict left in the {name} (lines {loc.line}-"
                               f"{loc.end_line}): both versions and git's markers are on the page")
                    advice = "keep the right version and delete the other and the marker lines"
                else:
                    message = f"merge-conflict marker left in the {name}"
                    advice = "delete the marker line"
                where = {"source": None, "target": None}
                where[side] = loc
                yield self.finding(doc, message, side=side, suggestion=advice, **where)

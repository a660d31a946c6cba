"""Numbers and kept tokens: what must survive translation unchanged in value or in form."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path

from align.alignment import SentencePair
from align.dictionary import STOPWORDS, stem
from align.document import BlockKind, Document, Sentence
from align.markdown import TEMPLATE_TAG
from align.numerals import (
    Number,
    NumberMatch,
    ascii_unit,
    compare_numbers,
    describe,
    extract_numbers,
    overlap_test,
    structured_numbers,
    unit_conflict,
)
from qa.checks.base import Check, register
from qa.checks.coverage import cedict, translated_label
from qa.checks.spans import (
    document_of,
    gloss,
    has_han,
    masked,
    per_document,
    span_location,
)
from qa.core.finding import Finding, Severity
from qa.core.run import AlignedDocument, CheckContext


def _is_heading(doc: AlignedDocument, s: Sentence) -> bool:
    """The sentence opens a heading, where a leading "3.2 " numbers the section."""
    block = document_of(doc, s).blocks[s.block]
    return block.kind == BlockKind.HEADING and block.sentences[:1] == [s]


def _numbers(doc: AlignedDocument, sentences: list[Sentence]) -> list[tuple[Number, Sentence]]:
    """Numbers of the sentences' prose, with offsets made absolute; then the numbers inside
    their code spans, soft: code is N002's to compare, but ``Helm 3.7.0+`` in code on one side
    is still what the other side's prose "Helm 3.7.0+" says."""
    out = []
    for s in sentences:
        document = document_of(doc, s)
        text = masked(document, s.start, s.end, s.spans)
        alts = [(sp.inner_start, sp.inner_end) for sp in s.spans if sp.kind == "image"]
        for n in extract_numbers(text, s.lang, _is_heading(doc, s)):
            n = replace(n, start=s.start + n.start, end=s.start + n.end)
            if any(a <= n.start < b for a, b in alts):
                n = replace(n, hard=False)  # an image's alt text (![95680458234](…)) is a label
            elif n.hard and _section_reference(document, n):
                n = replace(n, hard=False)
            out.append((n, s))
        for sp in s.spans:
            if sp.kind == "code" and s.start <= sp.start < s.end:
                code = document.text[sp.inner_start:sp.inner_end]
                hard = number_only(code)  # `8.0.16` is a number in code dress, not code
                for n in extract_numbers(code, s.lang):
                    out.append((replace(n, start=sp.inner_start + n.start,
                                        end=sp.inner_start + n.end, hard=hard and n.hard), s))
    return out


_HEADING_NUMBER = re.compile(r"#{1,6}\s+(\d+(?:\.\d+)*)\.?\s+(\S.*)")


@lru_cache(maxsize=64)
def _numbered_headings(text: str) -> dict[str, tuple[str, ...]]:
    """Section number → the titles of the document's numbered headings (``## 3 常见问题``)."""
    out: dict[str, list[str]] = {}
    for line in text.splitlines():
        m = _HEADING_NUMBER.match(line.strip())
        if m:
            out.setdefault(m.group(1), []).append(m.group(2).strip())
    return {k: tuple(v) for k, v in out.items()}


def _section_reference(document, n: Number) -> bool:
    """Whether the number, with the words after it, cites a numbered section of the document
    (请参见本文(3 常见订阅关系不一致问题) for ``## 3 常见订阅关系不一致问题``): a translation
    may cite the section by its title alone."""
    titles = _numbered_headings(document.text).get(n.text)
    if not titles:
        return False
    after = document.text[n.end:n.end + 80].lstrip(" .")
    return any(len(t) >= 2 and after.startswith(t[:min(len(t), 6)]) for t in titles) and \
        not document.text[max(0, n.start - 8):n.start].rstrip().endswith("#")


def _digits_spelt_apart(result, src: list[Number], tgt: list[Number]):  # noqa: ANN001, ANN202
    """The comparison less the integers one side writes as a run of their items that the
    other side writes one by one, next to each other: 1->23 (messages 2 and 3 as one
    batch) ↔ 1-[2, 3]. Those items, where the comparison had them as extra, go too."""
    missing, extra = _split_runs(list(result.missing), list(result.extra), tgt)
    extra, missing = _split_runs(extra, missing, src)
    return replace(result, missing=missing, extra=extra)


def _split_runs(runs: list[Number], others: list[Number], side: list[Number]
                ) -> tuple[list[Number], list[Number]]:
    """``runs`` less the integers (two or more distinct digits) whose digits are numbers of
    ``side`` in a row, in order; ``others`` less those numbers."""
    texts = [n.text for n in sorted(side, key=lambda n: n.start)]
    kept = []
    for n in runs:
        digits = list(n.text) if n.text.isdigit() and len(n.text) > 1 else []
        if digits and len(set(digits)) == len(digits) and any(
                texts[k:k + len(digits)] == digits for k in range(len(texts))):
            for d in digits:  # each item once
                others = _without_first(others, d)
            continue
        kept.append(n)
    return kept, others


def _without_first(numbers: list[Number], text: str) -> list[Number]:
    k = next((i for i, n in enumerate(numbers) if n.text == text), None)
    return numbers if k is None else numbers[:k] + numbers[k + 1:]


def _stated_in_block(doc: AlignedDocument, sentences: list[Sentence]) -> set[str]:
    """The texts of the numbers in the paragraphs or list items the sentences sit in."""
    out: set[str] = set()
    for block_id in dict.fromkeys((id(document_of(doc, s)), s.block) for s in sentences):
        s = next(x for x in sentences if (id(document_of(doc, x)), x.block) == block_id)
        block = document_of(doc, s).blocks[s.block]
        if block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
            out |= {n.text for n, _ in _numbers(doc, block.sentences)}
    return out


def _section_code(doc: AlignedDocument, sentences: list[Sentence]) -> str:
    """The code blocks of the section (heading to heading) the sentences sit in."""
    first = sentences[0]
    document = document_of(doc, first)
    blocks = document.blocks
    lo = first.block
    while lo > 0 and blocks[lo].kind is not BlockKind.HEADING:
        lo -= 1
    hi = first.block + 1
    while hi < len(blocks) and blocks[hi].kind is not BlockKind.HEADING:
        hi += 1
    return "\n".join(document.text[b.start:b.end] for b in blocks[lo:hi]
                     if b.kind is BlockKind.CODE)


def _section_numbers(doc: AlignedDocument, sentences: list[Sentence]) -> set[float]:
    """Values of the numbers in the heading of the section the sentences open or sit in:
    a translation that repeats (or drops) the section's "5.0" changes nothing."""
    if not sentences:
        return set()
    first = sentences[0]
    blocks = document_of(doc, first).blocks
    for block in reversed(blocks[:first.block + 1]):
        if block.kind == BlockKind.HEADING and block.sentences:
            if block.sentences[0] is first:
                continue  # the sentence is the heading itself
            return {n.value for n, _ in _numbers(doc, block.sentences)}
    return set()


@register
class NumberMismatch(Check):
    code = "N001"
    name = "number-mismatch"
    severity = Severity.ERROR
    description = "Numbers differ between source and translation."
    doc = """
## What it does
Finds the numbers on both sides of each pair — digits, decimals, ranges (10–15), percentages,
Chinese numerals (两次, 三种, 四十一, 十多万, 第一, 一半, 百分之四十, 三分之一) and English number
words (once, twice, three times, forty-one, one hundred thousand) with their scales and units —
and compares them as multisets of values. Numbers that may vanish in a good translation
(one/一 as an article, ordinals) are matched but never reported missing; years tolerate the
usual renderings (1990s ↔ 90年代, early 2000s ↔ 21世纪初), and a measure may be converted into
another unit of its dimension and rounded (five feet four ↔ 一米六零, 130 pounds ↔ 六十公斤,
十里 ↔ three miles: within 10%). A value that matches but changes unit within a dimension
(3 weeks ↔ 3天, mg ↔ mg/kg) is reported too.

## Why it matters
A wrong dose, date or count is the translation error with the worst consequences, and
readers trust numbers more than words. A 100× slip (10 million ↔ 10万) reads perfectly well.

## Example
```
en: The reference dose is 0.5 mg/kg; effects appear within 10–15 minutes.
zh: 参考剂量为5 mg/kg；效果在10–15分钟内出现。
```

## Use instead
```
zh: 参考剂量为0.5 mg/kg；效果在10–15分钟内出现。
```
"""

    def check_pair(self, pair: SentencePair, doc: AlignedDocument,
                   ctx: CheckContext) -> Iterable[Finding]:
        if not pair.source or not pair.target:
            return
        src = _numbers(doc, pair.source)
        tgt = _numbers(doc, pair.target)
        if not src and not tgt:
            return
        result = compare_numbers([n for n, _ in src], [n for n, _ in tgt])
        if result.missing or result.extra:
            result = replace(
                result,
                missing=[n for n in result.missing
                         if n.value not in _section_numbers(doc, pair.source)],
                extra=[n for n in result.extra
                       if n.value not in _section_numbers(doc, pair.target)])
        if result.missing or result.extra:
            result = _digits_spelt_apart(result, [n for n, _ in src], [n for n, _ in tgt])
        if result.missing or result.extra:
            # 100% said as "all" (serve 100% of the traffic ↔ 所有的流量: kubevela), either way.
            texts = {"source": pair.source_text, "target": pair.target_text}
            result = replace(
                result,
                missing=[n for n in result.missing if not _whole(n, texts["target"])],
                extra=[n for n in result.extra if not _whole(n, texts["source"])])
        if result.extra:
            # A number the translation repeats from elsewhere in its source's paragraph
            # (历史版本 → "version 4.x or 3.x", named in the sentence before) is explicitation.
            stated = _stated_in_block(doc, pair.source)
            result = replace(result, extra=[n for n in result.extra if n.text not in stated])
        if result.extra:
            # Or one the source's code in this section shows (创建 ID 为 `100` 的路由 for a
            # step whose command is …/routes/100: apache/apisix).
            code = _section_code(doc, pair.source)
            result = replace(result, extra=[
                n for n in result.extra if not (code and n.text.isdigit() and re.search(
                    rf"(?<![\w.]){re.escape(n.text)}(?![\w.])", code))])
        where = {id(n): s for n, s in src + tgt}
        parts = []
        if result.missing:
            parts.append(f"{', '.join(describe(n) for n in result.missing)} in the source "
                         f"{'is' if len(result.missing) == 1 else 'are'} missing from the "
                         "translation")
        if result.extra:
            parts.append(f"the translation has {', '.join(describe(n) for n in result.extra)}"
                         " not in the source")
        conflicts = [(a, b) for a, b in result.matched if unit_conflict(a, b)]
        for a, b in conflicts:
            parts.append(f"the unit changed: {a.text} {a.unit} in the source, {b.text} "
                         f"({b.unit}) in the translation")
        if not parts:
            return
        involved = result.missing + result.extra + [x for ab in conflicts for x in ab]
        digits = any(any(c.isdigit() for c in n.text) for n in involved)
        if not digits and not conflicts and not (result.missing and result.extra) and \
                not _changed(result, src, tgt, doc):
            # Spelled-out numbers that appear or vanish on one side only are how free
            # translation works (两人 ↔ "they", "a dozen" ↔ 十几, 王二 a name): measured on
            # MAC-Dev novels, nearly all such findings were false alarms. A changed number
            # (one missing and another added) and anything in digits are still reported.
            return
        src_first = next((n for n in result.missing + [a for a, _ in conflicts]), None)
        tgt_first = next((n for n in result.extra + [b for _, b in conflicts]), None)
        source = (span_location(document_of(doc, where[id(src_first)]), src_first.start,
                                src_first.end) if src_first else pair.source)
        target = (span_location(document_of(doc, where[id(tgt_first)]), tgt_first.start,
                                tgt_first.end) if tgt_first else pair.target)
        suggestion = None
        if len(result.missing) == 1 and len(result.extra) == 1:
            suggestion = f"write {describe(result.missing[0])} instead of " \
                         f"{describe(result.extra[0])}"
        yield self.finding(doc, "; ".join(parts), source=source, target=target,
                           confidence=pair.confidence, suggestion=suggestion,
                           severity=None if digits else Severity.WARNING)


# ---------------------------------------------------------------------------------------------
# Kept tokens

#: A Latin word; a snake_case name (``products_binlog``) is one word, the name it is.
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*(?:['’][A-Za-z]+)?")
#: A URL ends before full-width punctuation (…/pull/1149；): no URL has it unescaped.
#: Nor does it go on into masked markup (an autolink's closing ``>``: see
#: :func:`~qa.checks.spans.masked`).
_URL = re.compile(r"(?:https?|ftp)://[^\s<>()\[\]，。）；：！？、\x00`\"]+"
                  r"|www\.[^\s<>()\[\]，。）；：！？、\x00`\"]+")


#: What every Latin word of two letters or more has (:func:`_tokens`' ``hint``) …
_LONGER_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’]")
#: … and every :func:`_identifier` (a capital or a digit after its first character, or an
#: underscore inside it).
_IDENTIFIER_HINT = re.compile(r"[A-Za-z0-9'’][A-Z0-9]|[A-Za-z0-9]_[A-Za-z0-9]")


def _whole(n: Number, other: str) -> bool:
    """Whether ``n`` is 100% and the other side says "all" instead (所有, 全部, "all of")."""
    return (n.kind == "percent" or n.unit == "%") and n.value == 100 and \
        _ALL.search(other) is not None


_ALL = re.compile(r"所有|全部|全量|一切|\b(?:all|every|entire)\b", re.I)


def _changed(result: NumberMatch, source: list[tuple[Number, Sentence]],
             target: list[tuple[Number, Sentence]], doc: AlignedDocument) -> bool:
    """Whether a number one side has and the other lacks takes the place of a number the
    other side leaves unmatched — said twice on one side ("six names … six names" ↔ "九个
    名字 … 六个名字"), or one that may vanish (an ordinal: "the six hundredth year" ↔ "六百
    岁" → "二百岁"; "both of them" ↔ "三人"): a changed number, not one a free translation
    leaves out or adds."""
    used = {id(x) for pair in result.matched for x in pair}
    for lacking, other in ((result.extra, source), (result.missing, target)):
        units = {n.unit for n in lacking}
        # A repeat without its unit has the unit it was said with ("sixteen years old … older
        # than sixteen" ↔ "十八岁 … 十六岁": the first sixteen matched 十六岁, 十八岁 took the
        # place of the second).
        said = {n.value for n, _ in other if id(n) in used and n.unit in units}
        if any(id(n) not in used and (n.hard or _exact_count(n, s, doc) or n.kind == "ordinal"
                                      and n.unit is not None)
               and (n.unit in units or n.unit is None and n.value in said) for n, s in other):
            return True
    return False


#: "both" is soft (a translation may leave it out: "both" ↔ 都) but exact: when the other side
#: has another count in its place ("both of them" ↔ "九人"), the number changed — unless it
#: joins two things ("both he and they" ↔ "三人": he, his wife and her mother).
_BOTH_AND = re.compile(r"both\b(?:\W+\w+){1,3}?\W+and\b", re.IGNORECASE)


def _exact_count(n: Number, sentence: Sentence, doc: AlignedDocument) -> bool:
    """Whether a soft number is an exact count all the same: "both", not "both … and"."""
    if n.text.lower() != "both":
        return False
    text = document_of(doc, sentence).text
    return _BOTH_AND.match(text, n.start, sentence.end) is None


@lru_cache(maxsize=65536)
def _identifier(token: str) -> bool:
    """Acronyms and identifiers a translation keeps as they are: NMDA, TrkB, BDNF, COVID19,
    products_binlog; not a capitalised common word (DESCRIPTION, REQUIREMENTS: acronyms are
    short)."""
    if "_" in token.strip("_"):
        return True  # snake_case: a name in any case (a Kafka topic, a column, a key)
    if len(token) < 3 or token.isalpha() and token.isupper() and len(token) >= 6:
        return False
    upper = sum(c.isupper() for c in token)
    inner_upper = any(c.isupper() for c in token[1:])
    return upper >= 2 or (inner_upper and token[0].islower()) or (
        any(c.isdigit() for c in token) and any(c.isalpha() for c in token))


@per_document
def _lower_words(document: Document) -> frozenset[str]:
    """Words the document writes in lower case somewhere: an all-capitals word that is one of
    them is a word set in capitals — the Bible's LORD, a novel's small-capital opening "ON HER
    SIXTEENTH birthday" — not an acronym to keep."""
    return frozenset(w for s in document.sentences for w in _LOWER_WORD.findall(s.text))


_LOWER_WORD = re.compile(r"\b[a-z]{2,}\b")


def _in_capitals(word: str, lower: frozenset[str]) -> bool:
    """Whether ``word`` (a possessive 's aside) is one of the ``lower`` words in capitals.

    >>> _in_capitals("LORD's", frozenset({"lord"})), _in_capitals("NMDA", frozenset({"lord"}))
    (True, False)
    """
    base = re.sub(r"['’]s$", "", word)
    return base.isalpha() and base.lower() in lower


_FULLWIDTH_SEPARATORS = str.maketrans({"、": ",", "，": ",", "；": ";", "：": ":", "（": "(",
                                       "）": ")"})


def _loose(text: str) -> str:
    """Text with Chinese separators and the ellipsis as ASCII, and no space around them.

    >>> _loose("DML update、delete、insert"), _loose("key2=value2…")
    ('DML update,delete,insert', 'key2=value2...')
    """
    text = text.translate(_FULLWIDTH_SEPARATORS).replace("…", "...")
    return re.sub(r"\s*([,;:])\s*", r"\1", text)


def _norm(token: str) -> str:
    """Case-folded, with a plural s dropped from acronyms (SSRIs ↔ SSRI)."""
    if len(token) > 2 and token.endswith("s") and token[:-1].isupper():
        token = token[:-1]
    return token.lower().replace("’", "'")


@dataclass(frozen=True)
class KeptToken:
    """A token a translation keeps as it is: a Latin word, a URL or a code span, and where."""

    kind: str  # word | url | code
    text: str
    start: int  # absolute offsets in the sentence's document
    end: int
    sentence: Sentence


@dataclass(frozen=True)
class UnmatchedTokens:
    """The kept tokens of one side of a pair that the other side lacks, in text order.

    >>> UnmatchedTokens("source", ("TrkB", "NMDA")).message
    '"TrkB", "NMDA" in the source are missing from the translation'
    >>> UnmatchedTokens("target", ("TrkA",)).message
    '"TrkA" in the translation does not occur in the source'
    """

    side: str  # source | target
    texts: tuple[str, ...]  # distinct, first occurrence first

    @property
    def message(self) -> str:
        names = ", ".join(f"\"{t}\"" for t in self.texts)
        one = len(self.texts) == 1
        if self.side == "source":
            return f"{names} in the source {'is' if one else 'are'} missing from the translation"
        return f"{names} in the translation {'does' if one else 'do'} not occur in the source"

    @property
    def suggestion(self) -> str:
        return ("keep acronyms, identifiers, URLs and code as they are" if self.side == "source"
                else "use the source's spelling, or remove it")


def _tokens(doc: AlignedDocument, sentences: list[Sentence],
            wanted: Callable[[str], bool] | None = None,
            hint: re.Pattern[str] | None = None) -> list[KeptToken]:
    """Latin words, URLs and code spans of the sentences; not the words of a version or an
    address (Spark3.x.x, v1.13.1), which N001 compares as numbers. ``wanted`` keeps only the
    Latin words it accepts (all by default); ``hint``, if given, matches inside every word
    it accepts, so that a sentence without a match has none and is not read word by word."""
    out = []
    for s in sentences:
        document = document_of(doc, s)
        text = masked(document, s.start, s.end, s.spans)
        # Every URL has "://" or "www.": most sentences have neither.
        urls = [(m.start(), m.end()) for m in _URL.finditer(text)] \
            if "://" in text or "www." in text else []
        for a, b in urls:
            url = text[a:b].rstrip(".,;:")
            if text[a - 1:a] == "'" and url.endswith("'"):
                url = url[:-1]  # quoted in prose: 'https://…/3' (hertzbeat)
            out.append(KeptToken("url", url, s.start + a, s.start + b, s))
        if hint is not None and not hint.search(text):
            words: Iterable[re.Match[str]] = ()
        else:
            words = _LATIN.finditer(text)
            numbers = [(n.start, n.end) for n in structured_numbers(text)[0] if n.key]
            # An image's alt text that is only the file name of a screenshot made for its
            # language ("backup-zh-00.png", TDengine) names no words a translation keeps;
            # another file name (nacos2_port_exposure.png: an older picture) still does.
            files = [(sp.inner_start - s.start, sp.inner_end - s.start) for sp in s.spans
                     if sp.kind == "image" and s.start <= sp.start < s.end and
                     _LOCALE_FILE.fullmatch(document.text[sp.inner_start:sp.inner_end].strip())]
            # TeX math (\le, \times, its variables) is markup a translation may write out.
            math = [(sp.start - s.start, sp.end - s.start) for sp in s.spans
                    if sp.kind == "math"]
            taken = overlap_test(urls + numbers + files + math)
        for m in words:
            if wanted is not None and not wanted(m.group(0)):
                continue
            if taken(m.start(), m.end()):
                continue
            # Only the two characters before the word matter (a whole-prefix search made a
            # long line quadratic).
            near = max(0, m.start() - 2)
            digits = _DIGIT_BEFORE.search(text, near, m.start())
            if digits and (digits.group().isdigit() or ascii_unit(text, digits.start() + 1)[0]):
                continue  # the unit of a number (0ms, 4GB, 16 KB): N001's
            out.append(KeptToken("word", m.group(0), s.start + m.start(), s.start + m.end(), s))
        for sp in s.spans:
            if sp.kind == "code" and s.start <= sp.start < s.end:
                code = document.text[sp.inner_start:sp.inner_end]
                if _kept_code(code):
                    out.append(KeptToken("code", code, sp.start, sp.end, s))
            elif sp.kind == "link" and sp.target and s.start <= sp.start < s.end \
                    and not sp.target.startswith("#"):
                # A link to a heading (#类型转换) names a translated heading: never kept.
                out.append(KeptToken("url", sp.target, sp.start, sp.end, s))
    return out


def _kept_code(code: str) -> bool:
    """A code span that must survive as it is: not a number (N001's), not translated text
    (`定义字符串数据的最大长度`), not an emphasised plain phrase (`column projection`)."""
    text = code.strip()
    if not text or has_han(text) or number_only(text):
        return False
    return not _PLAIN_PHRASE.fullmatch(text) or len(_LOWER_WORDS.findall(text)) < 2


#: Words and a short acronym or two, nothing else: a phrase in code dress (`column
#: projection`; `public network IP`, an English translation of 公网IP that set it in code) …
_PLAIN_PHRASE = re.compile(r"(?:[a-z]+(?:['’][a-z]+)?|[A-Z]{2,5}s?)(?: (?:[a-z]+(?:['’][a-z]+)?"
                           r"|[A-Z]{2,5}s?))+")
#: … with two lower-case words at least (`Full GC`, `HTTP GET` are names).
_LOWER_WORDS = re.compile(r"(?<![\w'’])[a-z]+(?![\w'’])")


def number_only(code: str) -> bool:
    """A code span that is just a number (`8080`, `8.0.16`, `127.0.0.1:5801`)."""
    return bool(re.search(r"\d", code)) and bool(re.fullmatch(r"[\s\d.,:+*xXvV<>=~^%-]+", code))


def _context(doc: AlignedDocument, sentences: list[Sentence]) -> str:
    """The blocks of the sentences as written, with code and link targets: a token kept in
    the next sentence or in another cell of the row (the metric name in column 1) is kept."""
    blocks = dict.fromkeys((id(document_of(doc, s)), s.block) for s in sentences)
    texts = []
    for s in sentences:
        document = document_of(doc, s)
        if (id(document), s.block) in blocks:
            blocks.pop((id(document), s.block))
            texts.append(document.blocks[s.block].raw)
    return "\n".join(texts)


def _chinese_side(pair: SentencePair) -> str:
    """Which side of the pair is Chinese, from the sentences' languages: "source" in a zh → en
    pair, "target" in en → zh (the default when neither or both are)."""
    src, tgt = pair.source[0].lang, pair.target[0].lang
    return "source" if src == "zh" and tgt != "zh" else "target"


#: Locale segments of documentation URLs (/zh/docs/x ↔ /docs/x, ../../../en/a.md ↔ ../../a.md).
_LOCALE = re.compile(r"(?<=/)(?:zh|en|cn|zh[-_](?:cn|hans|tw)|en[-_](?:us|gb))(?=/)", re.I)


def url_key(url: str) -> str:
    """A link target without what translations legitimately change: locale segments, the
    heading fragment, leading ./ and ../, a page's .md or .html extension (a site with clean
    URLs links ``/api/options-composition`` for ``….html``), case.

    >>> url_key("https://rocketmq.apache.org/zh/docs/quickStart/01quickstart/#x")
    'https://rocketmq.apache.org/docs/quickstart/01quickstart'
    >>> url_key("../../../en/other-engine/spark.md") == url_key("../../other-engine/spark.md")
    True
    >>> url_key("/api/options-composition.html#provide") == url_key("/api/options-composition")
    True
    >>> url_key("/components/config-provider-cn#api") == url_key("/components/config-provider")
    True
    >>> url_key("http://www.antfin.com/index.htm?locale=en_US") == url_key("http://www.antfin.com/")
    True
    >>> url_key("https://cn.vuejs.org/api/#transition") == url_key("https://vuejs.org/api/")
    True
    >>> url_key("../#部署商场系统") == url_key("../#deploy-mall-system") != url_key("./#x")
    True
    """
    url = url.split("#", 1)[0].strip().lower()
    if _UP_OR_HERE.fullmatch(url):
        # A heading of this page or the one above it (``../#部署商场系统`` ↔
        # ``../#deploy-mall-system``): each language names its headings its own way.
        return url.rstrip("/") or "."
    url = _LOCALE_HOST.sub("", url)
    url, _, query = url.partition("?")
    query = "&".join(q for q in query.split("&") if q and not _LOCALE_PARAMETER.match(q))
    url = _LOCALE.sub("", url).replace("//", "/").replace(":/", "://")
    url = re.sub(r"^(?:\.{1,2}/)+|^/", "", url)
    url = _LOCALE_SUFFIX.sub("", re.sub(r"\.(?:mdx?|html?)$|/$", "", url))
    url = re.sub(r"/index$", "", url)  # a folder's index page is the folder
    return f"{url}?{query}" if query else url


#: A link to this page or a folder above it, nothing more (before its fragment).
_UP_OR_HERE = re.compile(r"(?:\.{1,2}/?)+")
#: A site's Chinese or English host (cn.vuejs.org ↔ vuejs.org, zh.wikipedia.org).
#: (Wikipedia's editions are other articles, with titles of their own: see _other_edition.)
_LOCALE_HOST = re.compile(r"(?<=://)(?:zh|cn|en|zh-cn|zh-hans|zh-tw)\.(?=[^/]+\.)"
                          r"(?!wikipedia\.)")
#: A page's locale in its route or its query, which each language's link names its own way:
#: dumi's ``/components/config-provider-cn`` for ``/components/config-provider``,
#: ``index.htm?locale=en_US`` for ``index.htm``.
_LOCALE_SUFFIX = re.compile(r"[-_](?:zh[-_](?:cn|hans)|zh|cn|en[-_]us|en)$")
_LOCALE_PARAMETER = re.compile(r"(?:locale|lang|language|hl)=")


#: A Markdown backslash escape of an ASCII punctuation character.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


@lru_cache(maxsize=4)
def _text_of(raw: str) -> _Text:
    """The :class:`_Text` of a raw text, built once per text: a document's whole text is asked
    for every pair, and rebuilding its index each time made long documents quadratic.

    A pair asks for four: both documents and the context of each side. No more are kept:
    a document's indexes are copies of its whole text (lower-cased, joined, spaced), and
    sixteen held several documents' copies after their check (+44 MiB at 5 MB)."""
    return _Text(raw)


class _Text:
    """The other side's raw text, asked whether it keeps a token (in any form it may take)."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        # Answers of has() and count() (pure functions of the text): a document's whole text
        # is asked about the same few tokens pair after pair, and each answer is a scan of it.
        self._has: dict[tuple[str, str], bool] = {}
        self._counts: dict[str, int] = {}

    # Each index is built on first use: most pairs only ask for words.
    @cached_property
    def lower(self) -> str:
        return self.raw.lower()

    @cached_property
    def joined(self) -> str:
        return re.sub(r"[\s_-]+", "", self.lower)  # "simple consumer", "queue_id"

    @cached_property
    def stems(self) -> set[str]:
        return set(map(stem, set(_ALNUM.findall(self.lower))))  # each distinct word once

    @cached_property
    def urls(self) -> list[str]:
        return [url_key(u) for u in _LINK_TARGET.findall(self.raw) + _URL.findall(self.raw)]

    @cached_property
    def shapes(self) -> frozenset[str]:
        """The shapes (see :func:`_shape`) of the text's code spans that hold Chinese."""
        return frozenset(_shape(c) for c in _CODE_SPAN.findall(self.raw) if has_han(c)) \
            if "`" in self.raw else frozenset()

    @cached_property
    def placeholders(self) -> str:
        return _ANGLED.sub("<>", _PLACEHOLDER.sub("${}", self.spaced))

    @cached_property
    def paths(self) -> frozenset[str]:
        """The site paths of the text (``/zh-CN/docs/Learn``), as :func:`url_key` has them."""
        return frozenset(url_key(p) for p in _SITE_PATH.findall(self.raw)) \
            if "/" in self.raw else frozenset()

    @cached_property
    def spaced(self) -> str:
        return " ".join(self.raw.split())

    @cached_property
    def unquoted(self) -> str:
        return _QUOTES.sub("", self.spaced)

    @cached_property
    def words(self) -> Counter[str]:
        return Counter(re.findall(r"[a-z]+", self.lower))

    @cached_property
    def code(self) -> str:
        return "\n".join(re.findall(r"```.*?```|`[^`\n]+`", self.raw, re.S))

    def has(self, tok: KeptToken) -> bool:
        """The token, whatever its kind."""
        key = (tok.kind, tok.text)
        found = self._has.get(key)
        if found is None:
            found = self._has[key] = self.has_url(tok.text) if tok.kind == "url" else \
                self.has_code(tok.text) if tok.kind == "code" else self.has_word(tok.text)
        return found

    def count(self, text: str) -> int:
        """How often ``text`` occurs in the raw text."""
        found = self._counts.get(text)
        if found is None:
            found = self._counts[text] = self.raw.count(text)
        return found

    @cached_property
    def unescaped(self) -> _Text | None:
        """The text as Markdown shows it outside code, where it has backslash escapes
        (database\\_url reads database_url), else None."""
        shown = _ESCAPE.sub(r"\1", self.raw) if "\\" in self.raw else self.raw
        return _Text(shown) if shown != self.raw else None

    def has_word(self, word: str) -> bool:
        """The word, in any case or number (Topic ↔ Topics, Proxy ↔ Proxies), also inside an
        identifier (Jar ↔ ConnectorJar) or spelt apart (SimpleConsumer ↔ simple consumer);
        example1 ↔ 示例1 keeps its number; also as the text shows it unescaped."""
        return self._has_word(word) or (
            self.unescaped is not None and self.unescaped._has_word(word))

    def _has_word(self, word: str) -> bool:
        w = _norm(re.sub(r"['’]s$", "", word))  # C3's ↔ C3
        # The plain substring first: it answers most words, and the set of stems (a pass
        # over the whole text) is then never built for most pairs' texts.
        if len(w) >= 3 and w in self.lower:
            return True
        if stem(w) in self.stems or w in self.stems or word.lower() in self.stems:  # PRs
            return True
        if w + "s" in self.stems:  # ID ↔ IDs: the stemmer leaves words this short alone
            return True
        if len(w) >= 3 and (stem(w) in self.lower or (
                w in self.joined and self._spelt_apart(w))):
            return True
        label = re.fullmatch(r"([A-Za-z]+)(\d+)", word)
        if label:
            return bool(re.search(rf"(?<!\d){label.group(2)}(?!\d)", self.raw))
        # A name spaced from its number on one side only: ES 6 ↔ ES6, HTTP 2 ↔ HTTP2 (MDN).
        return word.isalpha() and re.search(rf"(?<![A-Za-z]){re.escape(word)}\d", self.raw,
                                            re.I) is not None

    def _spelt_apart(self, word: str) -> bool:
        """Whether the text writes ``word`` as whole words run together ("simple consumer",
        "producer groups", "queue_id"), not as letters that merely follow each other across
        words: the Bible has no "NASA", but "ravin as a wolf" has n-a-s-a in a row once the
        spaces go."""
        letters = r"[\s_-]*".join(map(re.escape, word))
        return re.search(rf"(?<![a-z0-9]){letters}(?:e?s)?(?![a-z0-9])", self.lower) is not None

    def has_code(self, code: str) -> bool:
        """See :meth:`_has_code`; also as the text shows it unescaped."""
        return self._has_code(code) or (
            self.unescaped is not None and self.unescaped._has_code(code))

    def _has_code(self, code: str) -> bool:
        """The code's text, in a code span or not (`info` ↔ info), or a path's parts in
        order (`a/b/Apache.xml` ↔ `a/b` 目录 `Apache.xml`)."""
        spaced = " ".join(code.split())
        if spaced in self.spaced:
            return True
        # Shell quotes do not change an argument: -e "a=b" ↔ -e a=b. (Without a quote on
        # either side the unquoted texts are the ones just compared.)
        bare = _QUOTES.sub("", spaced)
        if bare and (bare != spaced or _QUOTES.search(self.raw)) and bare in self.unquoted:
            return True
        # Separators a Chinese text writes its own way: `DML update, delete, insert` ↔
        # `DML update、delete、insert`, `key2=value2...` ↔ key2=value2… (dolphinscheduler).
        if _loose(spaced) in self.loose:
            return True
        # A short name in another case (`Http` for HTTP, Json for JSON): the same word.
        if spaced.isalpha() and len(spaced) <= 5 and spaced.lower() in self.words:
            return True
        # A URL or a site path in code, its locale segment the translation's own
        # (`https://developer.mozilla.org/en-US/docs/Learn` ↔ `…/zh-CN/docs/Learn`, MDN).
        if _URL_OR_PATH.fullmatch(code.strip()) and (
                self.has_url(code.strip()) or url_key(code.strip()) in self.paths):
            return True
        # A placeholder the translation renders in its words: `${Grafana文件目录}\data\plugins\`
        # ↔ `${Grafana directory}\data\plugins\` (apache/iotdb-docs).
        # So is one in angle brackets: `-p <宿主机端口>:<容器端口>` ↔ `-p <host port>:<container
        # port>` (apache/eventmesh-site).
        if ("${" in spaced or _ANGLED.search(spaced)) and \
                _ANGLED.sub("<>", _PLACEHOLDER.sub("${}", spaced)) in self.placeholders:
            return True
        # A keyboard shortcut in another case or spacing: `CTRL/CMD + SHIFT + P` ↔ `Ctrl/Cmd +
        # Shift + P`, Ctrl/Cmd+P ↔ `Ctrl/Cmd + P` (react.dev).
        if _KEY_COMBO.fullmatch(spaced) and _combo(spaced) in self.combos:
            return True
        # An English possessive on a name: `EventMesh's` ↔ `EventMesh` 的 (eventmesh-site).
        if spaced[-2:] in ("'s", "’s") and len(spaced) > 3 and self._has_code(spaced[:-2]):
            return True
        # A property and its value the other side names apart: `fit=contain` ↔ `fit` 为
        # `contain` (youzan/vant).
        setting = SETTING.fullmatch(spaced)
        if setting and all(self._has_code(x) for x in setting.groups()):
            return True
        parts = [p for p in re.split(r"[/\\]", code.strip()) if p]
        return len(parts) > 1 and all(p in self.raw for p in parts)

    @cached_property
    def loose(self) -> str:
        return _loose(self.spaced)

    @cached_property
    def combos(self) -> str:
        return _combo(self.lower)

    def has_url(self, url: str) -> bool:
        """The same target, up to locale and relative form (./02x ↔ /docs/guide/02x)."""
        key = url_key(url)
        if url.lower().startswith("mailto:") and url[7:].lower() in self.lower:
            return True  # the address itself, written out instead of linked
        if url in self.raw:
            return True
        return any(
            key == other or key.endswith("/" + other) or other.endswith("/" + key)
            or _slugged(key, other) or _rendered(key, other) or _rendered(other, key)
            or _other_edition(key, other) for other in self.urls if other)


_CODE_SPAN = re.compile(r"`([^`\n]+)`")
#: A path or a name pattern, words joined by / . : - (no code syntax: JSON's keys, which a
#: translation must not translate, have quotes and braces).
_SEGMENT = r"[\w\u3400-\u9fff]+(?: [\w\u3400-\u9fff]+)*"
_PATH_PATTERN = re.compile(rf"[/.:-]?{_SEGMENT}(?:[/.:-]{_SEGMENT})+/?")
_WORDS_OR_HAN = re.compile(_SEGMENT)


def _shape(code: str) -> str:
    """``code`` with every run of letters, digits or Han characters one ``x``.

    >>> _shape("/包名.服务名/方法名") == _shape("/package.service/method")
    True
    """
    return _WORDS_OR_HAN.sub("x", code)


#: A placeholder's name: ``${Grafana directory}``.
_PLACEHOLDER = re.compile(r"\$\{[^{}]*\}")
#: Interface labels in Chinese joined by slashes or arrows.
_LABEL_PATH = re.compile(r"[\u3400-\u9fff\w ]+(?:\s*(?:/|>|->|→)\s*[\u3400-\u9fff\w ]+)+")
#: A placeholder in angle brackets named in words (a space or Chinese among its words, and
#: nothing else: a tag's attributes, <g name="a">, are code).
_ANGLED = re.compile(r"[<‹][\w -]*[\s\u3400-\u9fff][\w -]*[>›]")
#: A picture's file name made for one language: a locale between its words.
_LOCALE_FILE = re.compile(r"[\w.-]*?(?:^|[-_.])(?:zh|cn|en)(?:[-_.\d][\w.-]*)?"
                          r"\.(?:png|jpe?g|gif|svg|webp|bmp|avif)", re.I)
#: A URL, or a path from a site's root (/en-US/docs/Learn), alone in a code span.
_URL_OR_PATH = re.compile(r"[a-z][a-z0-9+.-]*://\S+|//?[\w.%~-]+(?:/[\w.%~-]*)+")
_SITE_PATH = re.compile(r"(?<![\w.:/])//?[\w.%~-]+(?:/[\w.%~-]*)+")


#: Key names joined by + (alternatives by /): Ctrl+C, Ctrl/Cmd + Shift + P, Alt+F4.
_KEY = r"[A-Za-z][A-Za-z0-9]*|[0-9]{1,2}|[^\sA-Za-z0-9+/]"
_KEY_COMBO = re.compile(rf"(?:{_KEY})(?: ?/ ?(?:{_KEY}))*(?: ?\+ ?(?:{_KEY})(?: ?/ ?(?:{_KEY}))*)+")


def _combo(text: str) -> str:
    """``text`` in lower case with no space around + and /: how a shortcut is compared.

    >>> _combo("CTRL/CMD + SHIFT + P"), _combo("press ctrl/cmd+p now")
    ('ctrl/cmd+shift+p', 'press ctrl/cmd+p now')
    """
    return re.sub(r"\s*([+/])\s*", r"\1", text.lower())


#: A Markdown link's target in raw text, template tags and all (``…/tree/{{< param
#: "githubbranch" >}}/…``: see :data:`align.markdown.TEMPLATE_TAG`).
_LINK_TARGET = re.compile(rf"\]\(((?:{TEMPLATE_TAG.pattern}|[^)\s])+)", re.S)


def _rendered(template: str, key: str) -> bool:
    """Whether the URL ``key`` is what the URL ``template`` renders, each template tag of it
    standing for any text within a path segment (``master`` for the branch parameter);
    False for a template without tags."""
    if "{" not in template:
        return False
    pattern = _templated(template)
    return pattern is not None and pattern.fullmatch(key) is not None


@lru_cache(maxsize=256)
def _templated(key: str) -> re.Pattern[str] | None:
    parts = TEMPLATE_TAG.split(key)
    if len(parts) == 1:
        return None
    return re.compile("[^/]+".join(map(re.escape, parts)))


#: A Wikipedia article's link: the language edition, the title.
_WIKIPEDIA = re.compile(r"(?:https?://)?([a-z][a-z-]*)\.(?:m\.)?wikipedia\.org/wiki/(.+)")


def _other_edition(a: str, b: str) -> bool:
    """Whether two link keys are Wikipedia articles of two language editions (en.wikipedia
    …/Cross-site_scripting ↔ zh.wikipedia …/跨網站指令碼): a translation links the article
    in its reader's language, whose title is the other language's.

    >>> _other_edition("https://en.wikipedia.org/wiki/xss", "https://zh.wikipedia.org/wiki/x")
    True
    >>> _other_edition("https://en.wikipedia.org/wiki/xss", "https://en.wikipedia.org/wiki/x")
    False
    """
    ma, mb = _WIKIPEDIA.match(a), _WIKIPEDIA.match(b)
    return ma is not None and mb is not None and ma.group(1) != mb.group(1)


def _slugged(a: str, b: str) -> bool:
    """Whether two link keys name one article whose id one of them prefixes with a slug of
    its title: ``…/mac-help/mchlp1066/mac`` ↔ ``…/mac-help/allow-a-remote-…-mchlp1066/mac``
    (a help site's localized page, the locale segment already gone)."""
    xs, ys = a.split("/"), b.split("/")
    if len(xs) != len(ys) or len(xs) < 3:
        return False
    differ = [(x, y) for x, y in zip(xs, ys, strict=True) if x != y]
    return len(differ) == 1 and any(
        len(short) >= 4 and any(c.isdigit() for c in short) and long_.endswith("-" + short)
        for short, long_ in (differ[0], differ[0][::-1]))


_DIGIT_BEFORE = re.compile(r"\d ?$")
_ALNUM = re.compile(r"[a-z0-9]+")
_QUOTES = re.compile(r"[\"']")
_WORDS_NAME = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]+)+")
_CAMEL_NAME = re.compile(r"[a-z]+(?:[A-Z][a-z]+)+")


def _prose_name(tok: KeptToken, text: _Text, source: bool = False) -> bool:
    """``DataSource`` in "Supported DataSource Info": capitalised words run together that
    the document never writes as code (a key, a class, a command), so a translation may say
    it in its own words (数据源). ``SimpleConsumer`` in `SimpleConsumer` or in a code block
    is an identifier and must be kept. In the source, a camelCase word used as prose
    (``The rejectionCount of the pool``) counts too; in a translation only when the document
    uses it again (``Create subscriptionGroup`` for 创建订阅消费组, three times) and no part
    of it is a function word: otherwise it is more often two words run together
    (``topicsThe``, ``topicFor``), which is a defect of its own."""
    camel = source or (len(re.findall(rf"\b{re.escape(tok.text)}\b", text.raw)) >= 2 and
                       not any(part.lower() in STOPWORDS
                               for part in re.findall(r"[A-Z][a-z]*", tok.text)))
    pattern = _CAMEL_NAME if camel and _CAMEL_NAME.fullmatch(tok.text) else _WORDS_NAME
    return tok.kind == "word" and bool(pattern.fullmatch(tok.text)) and \
        tok.text not in text.code


def _corrected(tok: KeptToken, source: _Text, target: _Text) -> bool:
    """Whether a source word the translation lacks is a misspelling the translation put
    right: one letter added, dropped or swapped (Woker, Commmitlog, Connecotr) in a word of
    five letters or more that the source itself writes elsewhere and the translation has."""
    if tok.kind != "word" or len(tok.text) < 5:
        return False
    word = tok.text.lower()
    for other in _one_letter_apart(word):
        if other in source.words and other in target.words:
            return True
    return False


def _put_right(tok: KeptToken, side: str, source_doc: _Text, source_pair: _Text,
               target_pair: _Text) -> bool:
    """Whether a token one side lacks is a slip of the source that the translation put
    right: the two sides write a token of five characters or more one letter apart (added,
    dropped or swapped: `seatunel.yaml` ↔ `seatunnel.yaml`), and the source document uses the
    translation's spelling of the word more often than its own, which it writes at most once.
    A translation's own slip (`true` → `ture`, where the source writes "true") is still
    reported, and so are other changes (TrkB → TrkA; PPMC → PMC, too short to tell)."""
    if tok.kind == "url" or len(tok.text) < 5:
        return False
    text = tok.text.lower()
    other = target_pair if side == "source" else source_pair
    for variant in _one_letter_apart(text):
        if variant not in other.lower:
            continue
        words = _differing_word(text, variant)
        if words is None:
            continue
        source_word, target_word = words if side == "source" else words[::-1]
        if source_doc.words[source_word] <= 1 and \
                source_doc.words[target_word] > source_doc.words[source_word]:
            return True
    return False


def _differing_word(a: str, b: str) -> tuple[str, str] | None:
    """The one word (letters) in which two texts differ, from each; None otherwise."""
    wa, wb = re.findall(r"[a-z]+", a), re.findall(r"[a-z]+", b)
    if len(wa) != len(wb):
        return None
    diffs = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    return diffs[0] if len(diffs) == 1 else None


def _translated_code(doc: AlignedDocument, sentences: list[Sentence]) -> bool:
    """Whether the sentences hold a code span of Chinese prose: a title or a placeholder in
    code dress (```Git 贡献指南```, `UTC+ 时区偏移`), not code whose keys or values were
    translated (`{"年龄": 12}`, `年龄: 12`), which stays a finding."""
    for s in sentences:
        document = document_of(doc, s)
        for sp in s.spans:
            if sp.kind != "code" or not s.start <= sp.start < s.end:
                continue
            code = document.text[sp.inner_start:sp.inner_end]
            # A formula in words divides with a spaced slash (StarRocks: `已完成执行的
            # Operator 数量 / 总 Operator 数量`); a path's slash is not spaced.
            # So does a term with its English gloss (`软连接(softlink)`: hyperf), and an
            # order of precedence (`方法级别配置 > 服务级别配置`: apache/dubbo-website).
            words = _GLOSS.sub(" ", _SPACED_OPERATOR.sub(" ", code))
            if has_han(code) and not _CODE_SYNTAX.search(words):
                return True
            # A path of interface labels: `节点数据/查询节点/标题` (nocobase).
            if _LABEL_PATH.fullmatch(code.strip()) and all(
                    has_han(part) for part in re.split(r"/|->|→|>", code)):
                return True
    return False


#: A property set to a value, in code: ``fit=contain``.
SETTING = re.compile(r"([A-Za-z_][\w.-]*) ?= ?([\w.-]+)")
_SPACED_OPERATOR = re.compile(r"\s(?:[/+×÷*-]|>|<|->|=>|→)\s")
_GLOSS = re.compile(r"[(（][A-Za-z][\w .-]*[)）]")


#: Characters of code syntax: a code span with any of them is code, not prose in code dress.
_CODE_SYNTAX = re.compile(r"[{}\[\]()<>=:;,\"'`\\/|$]")


def _one_letter_apart(word: str) -> set[str]:
    """The words one typing slip away: a letter inserted, dropped, or swapped with the next
    (not replaced: TrkB ↔ TrkA is another name, not a slip)."""
    out = {word[:k] + word[k + 1:] for k in range(len(word))}
    out |= {word[:k] + c + word[k:] for k in range(len(word) + 1)
            for c in "abcdefghijklmnopqrstuvwxyz"}
    out |= {word[:k] + word[k + 1] + word[k] + word[k + 2:] for k in range(len(word) - 1)}
    out.discard(word)
    return out


def _plain_acronym(tok: KeptToken) -> bool:
    """``API``, ``FAQ``, ``APIs``, ``IoT``, ``SaaS``: two to five letters (a plural s) that
    begin and end in a capital, nothing else."""
    word = tok.text[:-1] if tok.text.endswith("s") and len(tok.text) > 2 else tok.text
    return tok.kind == "word" and 2 <= len(word) <= 5 and word.isalpha() and \
        word[0].isupper() and word[-1].isupper()


def _glossed(doc: AlignedDocument, tok: KeptToken) -> bool:
    """Whether a Latin word stands alone in brackets after Chinese text (see
    :func:`~qa.checks.spans.gloss`)."""
    if tok.kind != "word":
        return False
    s = tok.sentence
    raw = document_of(doc, s).text[s.start:s.end]
    return gloss(raw, tok.start - s.start, tok.end - s.start)


def _spelt_out(tok: KeptToken, text: str) -> bool:
    """Whether a plain acronym (:func:`_plain_acronym`) is spelt out in ``text`` by words in
    a row — joined by spaces or hyphens — whose initials are its letters (UA: User-Agent;
    CDC: change data capture).

    >>> tok = KeptToken("word", "UA", 0, 2, None)
    >>> _spelt_out(tok, "按 User-Agent 拦截"), _spelt_out(tok, "a user agent")
    (True, True)
    >>> _spelt_out(tok, "the Upstream"), _spelt_out(tok, "U A")
    (False, False)
    """
    if not _plain_acronym(tok):
        return False
    letters = (tok.text[:-1] if tok.text.endswith("s") and len(tok.text) > 2
               else tok.text).lower()
    initials = r"[\s-]+".join(rf"{c}[a-z]+" for c in letters)
    return re.search(rf"(?<![A-Za-z-]){initials}(?![A-Za-z-])", text, re.IGNORECASE) is not None


def _acronym_rendered(tok: KeptToken, chinese: str) -> bool:
    """Whether a plain acronym (:func:`_plain_acronym`) is among the meanings CC-CEDICT gives
    a word of ``chinese`` (常见问题: "FAQ"; 网址: "URL"); False without the dictionary."""
    if not _plain_acronym(tok):
        return False
    from qa.checks.coverage import cedict

    dictionary = cedict()
    if dictionary is None:
        return False
    key = _norm(tok.text)
    return any(key in dictionary.meanings(word) for word in dictionary.segment(chinese))


_NUMERONYM = re.compile(r"([A-Za-z])(\d{1,2})([A-Za-z])")


def _numeronym(token: str, other: _Text) -> bool:
    """Whether ``token`` is a numeronym (k8s, i18n, a11y) whose word ``other`` has, or a
    word whose numeronym ``other`` has.

    >>> _numeronym("k8s", _Text("Sync Kubernetes Services")), _numeronym("k8s", _Text("Kafka"))
    (True, False)
    >>> _numeronym("Kubernetes", _Text("同步 k8s 服务"))
    True
    """
    m = _NUMERONYM.fullmatch(token)
    if m:
        first, n, last = m.group(1).lower(), int(m.group(2)), m.group(3).lower()
        return any(len(w) == n + 2 and w[0] == first and w[-1] == last
                   for w in other.words)
    word = token.lower()
    if len(word) < 5 or not word.isalpha():
        return False
    return f"{word[0]}{len(word) - 2}{word[-1]}" in other.lower


@lru_cache(maxsize=64)
def _aliases(text: str) -> frozenset[str]:
    """The abbreviations a Chinese text defines for itself: （下面简称 lb）, 以下简称“CDC”.

    >>> sorted(_aliases("3 种 LoadBalancer（下面简称 lb）：和 Change Data Capture（简称 CDC）"))
    ['CDC', 'lb']
    """
    return frozenset(_ALIAS.findall(text)) if "简称" in text else frozenset()


_ALIAS = re.compile(r"简称\s*[“\"「『]?([A-Za-z][\w.-]*)")


def _common_word(word: str) -> bool:
    """Whether ``word`` is an ordinary English word: no acronym or identifier, and a word
    CC-CEDICT uses to define a Chinese one (False without the dictionary)."""
    return word.isalpha() and not _identifier(word) and \
        stem(word.lower()) in _english_vocabulary()


@lru_cache(maxsize=1)
def _english_vocabulary() -> frozenset[str]:
    """The (stemmed) English words of CC-CEDICT's definitions, once per process."""
    dictionary = cedict()
    if dictionary is None:
        return frozenset()
    return frozenset(" ".join(dictionary.entries.values()).split())


def _distinct_texts(tokens: list[KeptToken]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t.text for t in tokens))


@register
class TokenMismatch(Check):
    code = "N002"
    name = "token-mismatch"
    severity = Severity.WARNING
    description = "Acronyms, Latin-script names, URLs or code present on one side only."
    doc = """
## What it does
Compares what a translation keeps as it is. Every Latin-script word in the Chinese text
(NMDA, Williams, glutamate) must occur in the English text of the pair; every acronym or
identifier of the English text (three characters or more with two capitals, inner capitals
or digits: BDNF, TrkB, HNK, COVID19) must occur in the Chinese text; URLs and code spans must
be the same on both sides.

## Why it matters
A dropped acronym loses the term the reader will search for; a Latin word the source does
not have is often a leftover from another sentence, a typo (TrkB ↔ TrkA), or a name that was
changed.

## Example
```
en: BDNF binds TrkB receptors.
zh: BDNF与TrkA受体结合。
```

## Use instead
```
zh: BDNF与TrkB受体结合。
```
"""

    def check_pair(self, pair: SentencePair, doc: AlignedDocument,
                   ctx: CheckContext) -> Iterable[Finding]:
        if not pair.source or not pair.target:
            return
        zh_side = _chinese_side(pair)
        # A glossary term meant to be translated (CLI → 命令行工具) is T001's business.
        translated = getattr(ctx.glossary, "translated_en_keys", frozenset())

        def wanted(side: str) -> Callable[[str], bool]:
            # Every Latin word of the Chinese side is kept as it is; of the English side only
            # acronyms and identifiers are.
            if side == zh_side:
                return lambda word: len(word) > 1
            lower = _lower_words(document_of(doc, getattr(pair, side)[0]))
            return lambda word: _identifier(word) and word.casefold() not in translated \
                and not _in_capitals(word, lower)

        tokens = {side: _tokens(doc, getattr(pair, side), wanted(side),
                                _LONGER_WORD if side == zh_side else _IDENTIFIER_HINT)
                  for side in ("source", "target")}
        if not tokens["source"] and not tokens["target"]:
            return
        # A translation that names what the source says elsewhere in the document (the
        # subject "Apache RocketMQ" made explicit) adds a known term, not a wrong one.
        source_doc = _text_of(document_of(doc, pair.source[0]).text)
        # Likewise a source token the translation has elsewhere was moved (out of a block
        # quote into a code block, into the next paragraph), not lost.
        target_doc = _text_of(document_of(doc, pair.target[0]).text)
        other = {"source": "target", "target": "source"}
        en_side = "source" if zh_side == "target" else "target"
        problems: dict[str, list[KeptToken]] = {"source": [], "target": []}
        for side in ("source", "target"):
            if not tokens[side]:
                continue
            there = _text_of(_context(doc, getattr(pair, other[side])))
            # A code span of Chinese text (```Git 贡献指南```) is prose in code dress: the
            # other side's code span without a match is its translation (```Git
            # Contribution Guide```), not a literal that changed.
            dressed = _translated_code(doc, getattr(pair, other[side]))
            for tok in tokens[side]:
                if tok.kind == "word":
                    if not there.has_word(tok.text):
                        problems[side].append(tok)
                elif tok.kind == "code" and not there.has_code(tok.text) and not dressed \
                        and not (side == en_side and translated_label(tok.text, there.raw)):
                    problems[side].append(tok)
                elif tok.kind == "url" and not there.has_url(tok.text):
                    problems[side].append(tok)
        # Only now, for the few tokens the pair lacks, look through the whole documents
        # (cheap sets first inside has(); a long document is scanned once per such token).
        # A link target of the translation that its source page has as often, verbatim
        # (mailto:dev@…), is the source's link, paired off by the aligner; one the
        # translation has more often is a link it adds (a second [部署](deployment.md)).
        problems["target"] = [t for t in problems["target"]
                              if not (source_doc.count(t.text) >= target_doc.count(t.text)
                                      if t.kind == "url" else source_doc.has(t))]
        problems["source"] = [t for t in problems["source"] if not target_doc.has(t)]
        # A numeronym (k8s, i18n) on one side for the word it shortens on the other
        # (nacos: 同步 k8s 服务 for "Sync Kubernetes Services"), or the other way round.
        for side in ("source", "target"):
            if problems[side]:
                there = target_doc if side == "source" else source_doc
                problems[side] = [t for t in problems[side] if not _numeronym(t.text, there)]
        # A source word the translation corrects (Woker → Worker, where the source spells
        # it right elsewhere) was not lost.
        problems["source"] = [t for t in problems["source"]
                              if not _corrected(t, source_doc, target_doc)]
        # Likewise a slip the source makes once (`seatunel.yaml`, Rocketmq-expoter) that the
        # translation writes right, whichever side the token is reported on.
        if problems["source"] or problems["target"]:
            pair_text = {side: _text_of(_context(doc, getattr(pair, side)))
                         for side in ("source", "target")}
            for side in ("source", "target"):
                problems[side] = [t for t in problems[side] if not _put_right(
                    t, side, source_doc, pair_text["source"], pair_text["target"])]
        # A word a Chinese translation gives in brackets after its own term (不可变
        # (immutable)) glosses it in English: not a token added. (In a Chinese source the
        # bracketed name, 消息位点（MessageQueueOffset）, is the one the English should use.)
        if zh_side == "target":
            problems["target"] = [t for t in problems["target"] if not _glossed(doc, t)]
        # A name of capitalised English words (DataSource, MessageTypes) that is nowhere
        # code in its document is prose a translation may render in the other language.
        en_text = source_doc if en_side == "source" else target_doc
        if not problems[zh_side]:
            problems[en_side] = [t for t in problems[en_side]
                                 if not _prose_name(t, en_text, en_side == "source")]
        if zh_side == "target" and problems["source"]:
            # An acronym the Chinese renders by the word CC-CEDICT defines as it (FAQ →
            # 常见问题, URL → 网址) is translated, not lost; CLI → 命令行工具 is still reported.
            zh_text = _context(doc, pair.target)
            problems["source"] = [t for t in problems["source"]
                                  if not _acronym_rendered(t, zh_text)]
        if problems["source"] or problems["target"]:
            # An acronym that either side spells out (UA ↔ User-Agent, CDC ↔ change data
            # capture) is the same name, abbreviated: the words are what is compared.
            spelt = _context(doc, pair.source) + "\n" + _context(doc, pair.target)
            for side in ("source", "target"):
                problems[side] = [t for t in problems[side] if not _spelt_out(t, spelt)]
        if zh_side == "source" and problems["target"]:
            # A pattern whose Chinese placeholders an English translation names in its words:
            # `/包名.服务名/方法名` ↔ `/package.service/method` (go-kratos.dev), the same marks
            # between words. (Into Chinese, a path's words translated are an error.)
            problems["target"] = [t for t in problems["target"] if not (
                t.kind == "code" and _PATH_PATTERN.fullmatch(t.text.strip()) and
                _shape(t.text.strip()) in source_doc.shapes)]
        if zh_side == "source" and problems["source"]:
            # A common English word that a Chinese source writes in lower case in its prose
            # (在 shell 下面执行: arthas) is a word, which the English renders its own way, and
            # so is an abbreviation the source defines for itself (下面简称 lb: cloudwego);
            # a capitalised word (Broker, Kafka: a name or a term) is still reported.
            aliases = _aliases(source_doc.raw)
            problems["source"] = [t for t in problems["source"] if not (
                t.kind == "word" and (t.text in aliases or t.text.islower()
                                      and _common_word(t.text)))]
        if zh_side == "source" and not problems["source"]:
            # An acronym of plain letters that an English translation adds (API, FAQ, BTW)
            # is how English says a common Chinese noun (接口, 常见问题); judged on
            # rocketmq-site, such findings were all false alarms. It stays reported when the
            # Chinese source lacks a token too (a name changed), and an acronym of an English
            # source that the Chinese drops (CLI → 命令行工具) is still reported.
            problems["target"] = [t for t in problems["target"] if not _plain_acronym(t)]
        if problems["source"] or problems["target"]:
            # A link to the page's own file or its counterpart is a language switch
            # ("English | [简体中文](README_CN.md)" ↔ "[English](README.md) | 简体中文").
            pages = {Path(d.path).name for d in (doc.alignment.source, doc.alignment.target)}
            for side in ("source", "target"):
                problems[side] = [t for t in problems[side]
                                  if Path(t.text.split("#")[0].split("?")[0]).name not in pages]
        for side, toks in problems.items():
            if not toks:
                continue
            unmatched = UnmatchedTokens(side, _distinct_texts(toks))
            first = toks[0]
            loc = span_location(document_of(doc, first.sentence), first.start, first.end)
            source, target = (loc, pair.target) if side == "source" else (pair.source, loc)
            yield self.finding(doc, unmatched.message, source=source, target=target,
                               confidence=pair.confidence, suggestion=unmatched.suggestion)

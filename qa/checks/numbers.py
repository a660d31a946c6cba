"""Numbers and kept tokens: what must survive translation unchanged in value or in form."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from align.alignment import SentencePair
from align.document import BlockKind, Sentence
from align.numerals import Number, compare_numbers, describe, extract_numbers, unit_conflict
from qa.checks.base import Check, register
from qa.checks.spans import document_of, masked, span_location
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
            out.append((n, s))
        for sp in s.spans:
            if sp.kind == "code" and s.start <= sp.start < s.end:
                code = document.text[sp.inner_start:sp.inner_end]
                for n in extract_numbers(code, s.lang):
                    out.append((replace(n, start=sp.inner_start + n.start,
                                        end=sp.inner_start + n.end, hard=False), s))
    return out


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
usual renderings (1990s ↔ 90年代, early 2000s ↔ 21世纪初). A value that matches but changes unit
within a dimension (3 weeks ↔ 3天, mg ↔ mg/kg) is reported too.

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
        if not digits and not conflicts and not (result.missing and result.extra):
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

_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:['’][A-Za-z]+)?")
_URL = re.compile(r"(?:https?|ftp)://[^\s<>()\[\]，。）]+|www\.[^\s<>()\[\]，。）]+")


def _identifier(token: str) -> bool:
    """Acronyms and identifiers a translation keeps as they are: NMDA, TrkB, BDNF, COVID19."""
    if len(token) < 3:
        return False
    upper = sum(c.isupper() for c in token)
    inner_upper = any(c.isupper() for c in token[1:])
    return upper >= 2 or (inner_upper and token[0].islower()) or (
        any(c.isdigit() for c in token) and any(c.isalpha() for c in token))


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


def _tokens(doc: AlignedDocument, sentences: list[Sentence]) -> list[KeptToken]:
    """Latin words, URLs and code spans of the sentences."""
    out = []
    for s in sentences:
        document = document_of(doc, s)
        text = masked(document, s.start, s.end, s.spans)
        urls = [(m.start(), m.end()) for m in _URL.finditer(text)]
        for a, b in urls:
            out.append(KeptToken("url", text[a:b].rstrip(".,;:"), s.start + a, s.start + b, s))
        for m in _LATIN.finditer(text):
            if any(a <= m.start() < b for a, b in urls):
                continue
            out.append(KeptToken("word", m.group(0), s.start + m.start(), s.start + m.end(), s))
        for sp in s.spans:
            if sp.kind == "code" and s.start <= sp.start < s.end:
                out.append(KeptToken("code", document.text[sp.inner_start:sp.inner_end],
                                     sp.start, sp.end, s))
            elif sp.kind in ("link", "image") and sp.target and s.start <= sp.start < s.end:
                out.append(KeptToken("url", sp.target, sp.start, sp.end, s))
    return out


def _unmatched_of_kind(kind: str, mine: list[KeptToken],
                       theirs: list[KeptToken]) -> list[KeptToken]:
    """Tokens of ``kind`` on one side beyond the other side's count of the same text."""
    left = Counter(t.text for t in theirs if t.kind == kind)
    out = []
    for tok in mine:
        if tok.kind != kind:
            continue
        if left[tok.text] > 0:
            left[tok.text] -= 1
        else:
            out.append(tok)
    return out


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
        src, tgt = _tokens(doc, pair.source), _tokens(doc, pair.target)
        sides = {"source": (src, pair.source), "target": (tgt, pair.target)}
        zh_side = "target" if pair.target[0].lang == "zh" else "source"
        en_side = "source" if zh_side == "target" else "target"
        zh_tokens, en_tokens = sides[zh_side][0], sides[en_side][0]
        en_words = {_norm(t.text) for t in en_tokens if t.kind == "word"}
        en_words |= {_norm(p) for t in en_tokens if t.kind == "word" for p in t.text.split("'")}
        zh_words = {_norm(t.text) for t in zh_tokens if t.kind == "word"}
        problems: dict[str, list[KeptToken]] = {"source": [], "target": []}
        for tok in zh_tokens:
            if tok.kind == "word" and _norm(tok.text) not in en_words and len(tok.text) > 1:
                problems[zh_side].append(tok)
        # A glossary term meant to be translated (CLI → 命令行工具) is T001's business.
        translated = getattr(ctx.glossary, "translated_en_keys", frozenset())
        for tok in en_tokens:
            if tok.kind == "word" and _identifier(tok.text) and \
                    _norm(tok.text) not in zh_words and tok.text.casefold() not in translated:
                problems[en_side].append(tok)
        for kind in ("url", "code"):
            problems["source"] += _unmatched_of_kind(kind, src, tgt)
            problems["target"] += _unmatched_of_kind(kind, tgt, src)
        for side, toks in problems.items():
            if not toks:
                continue
            unmatched = UnmatchedTokens(side, _distinct_texts(toks))
            first = toks[0]
            loc = span_location(document_of(doc, first.sentence), first.start, first.end)
            source, target = (loc, pair.target) if side == "source" else (pair.source, loc)
            yield self.finding(doc, unmatched.message, source=source, target=target,
                               confidence=pair.confidence, suggestion=unmatched.suggestion)

"""Alignment-level checks: omissions, additions, truncation, drift and length outliers.

They look only at what the aligner hands on — pairs, their confidences and the documents —
never at how the aligner found them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from align.alignment import SentencePair
from align.document import Block, BlockKind, Sentence
from align.script import CLOSING_MARKS, END_MARKS
from qa.checks.base import Check, register
from qa.checks.lengths import LengthModel, learn_length_model, length_units
from qa.checks.semantic import DocumentSimilarity, semantic_evidence
from qa.checks.spans import MARKUP_DELIMITERS, document_of, has_han, pair_index, span_location
from qa.core.finding import Finding, Location, Severity
from qa.core.run import AlignedDocument, CheckContext

#: A pair whose target is this many standard deviations short, with a clause structure in
#: the source, is reported as an omission inside the pair (A001) rather than a ratio outlier.
CLAUSE_Z = -3.0
#: Length outliers (A005) beyond this many standard deviations …
RATIO_Z = 4.0
#: … and at least this far from the expected length, as a factor.
RATIO_FACTOR = 1.8
#: A side that ends unpunctuated while its counterpart ends properly is cut off when it is
#: this many standard deviations short (a weaker bar: the missing end mark is evidence too).
CUT_Z = 1.5
#: Pairs shorter than this (length units on the longer side) are too short to judge.
MIN_UNITS = 24

#: A source sentence inside a many-to-one bead is unmatched when its similarity to the bead's
#: target is within this many standard deviations of unrelated sentence pairs …
ORPHAN_CHANCE_Z = 0.5
#: … no target sentence near the bead matches it better than this …
ORPHAN_NEARBY_Z = 1.5
#: … while the rest of the bead does match the target, this far above chance. Measured on
#: MAC-Dev through the full pipeline: literary 2-1 beads often hold a short sentence ("Slowly
#: they let go.") whose similarity is at chance, so the evidence must be strong on all sides.
PARTNER_CHANCE_Z = 3.5
#: Sentences shorter than this (length units) have too noisy vectors to call unmatched.
ORPHAN_MIN_UNITS = 40
#: Length z-score of the bead without the sentence that counts as normal.
ORPHAN_REST_Z = 2.5

_CLAUSE_SPLIT = re.compile(r"[,;:，；：、—–()（）]+|\s-\s")


def _model(doc: AlignedDocument, ctx: CheckContext) -> LengthModel:
    return learn_length_model(doc.pairs, ctx.source_lang, ctx.target_lang)


def _clauses(text: str) -> int:
    return sum(1 for c in _CLAUSE_SPLIT.split(text) if length_units(c) >= 6)


@dataclass(frozen=True)
class PairLength:
    """A pair's lengths under the document's length model."""

    source: int
    target: int
    z: float
    expected: float


def measure(pair: SentencePair, model: LengthModel) -> PairLength | None:
    """Lengths of a pair with both sides and enough text to judge (else None)."""
    if not pair.source or not pair.target:
        return None
    s, t = length_units(pair.source_text), length_units(pair.target_text)
    if max(s, t) < MIN_UNITS:
        return None
    return PairLength(s, t, model.z(s, t), model.expected(s))


def missing_clause(pair: SentencePair, model: LengthModel,
                   size: PairLength | None = None) -> bool:
    """Whether a pair's target is far too short for a source made of several clauses."""
    size = size or measure(pair, model)
    if size is None:
        return False
    return (size.z < CLAUSE_Z and size.target * RATIO_FACTOR < size.expected
            and _clauses(pair.source_text) >= 2)


def unmatched_source(pair: SentencePair, model: LengthModel,
                     semantic: DocumentSimilarity) -> Sentence | None:
    """A source sentence of a many-to-one bead that its target does not translate, if any.

    The aligner absorbs a source sentence whose translation was dropped into a neighbouring
    bead (a 2-1 bead instead of a 1-1 and a 1-0). Such a sentence is as similar to the bead's
    target as unrelated sentences are, matches no target sentence nearby either, while the
    rest of the bead matches the target well; and the target is short for the whole bead but
    normal for the bead without it.
    """
    if len(pair.source) < 2 or not pair.target:
        return None
    target = [t.index for t in pair.target]
    t_len = length_units(pair.target_text)
    s_lens = [length_units(s.text) for s in pair.source]
    if model.z(sum(s_lens), t_len) >= 0:
        return None
    n_target = len(semantic.vectors.target)
    nearby = range(max(0, target[0] - 4), min(n_target, target[-1] + 5))
    candidates = []
    for s, units in zip(pair.source, s_lens, strict=True):
        if units < ORPHAN_MIN_UNITS:
            continue
        rest = [o.index for o in pair.source if o is not s]
        own = semantic.between([s.index], target)
        best_nearby = max(semantic.between([s.index], [j]) for j in nearby)
        if (semantic.z_chance(own) < ORPHAN_CHANCE_Z
                and semantic.z_chance(best_nearby) < ORPHAN_NEARBY_Z
                and semantic.z_chance(semantic.between(rest, target)) > PARTNER_CHANCE_Z
                and abs(model.z(sum(s_lens) - units, t_len)) < ORPHAN_REST_Z):
            candidates.append((own, s))
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def _snippet(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


@register
class Omission(Check):
    code = "A001"
    name = "omission"
    severity = Severity.ERROR
    description = "Source content has no counterpart in the translation."
    doc = """
## What it does
Reports source sentences that the alignment left without a target (runs of them grouped,
one finding per run), and pairs whose target is far shorter than the source's length
predicts under the document's own length model while the source has several clauses — a
clause dropped inside a sentence.

## Why it matters
A dropped sentence or clause is the costliest translation error: the reader of the target
never learns what the source said, and nothing in the target text alone reveals it.

## Example
```
en: Effects appeared within 10–15 minutes. The acute state resolved within ~2 hours.
zh: 效果在10–15分钟内出现。
```

## Use instead
```
zh: 效果在10–15分钟内出现。急性状态在约2小时内消退。
```
"""

    def check_document(self, doc: AlignedDocument, ctx: CheckContext) -> Iterable[Finding]:
        model = _model(doc, ctx)
        for run in _unpaired_runs(doc.pairs, "source"):
            sentences = [s for p in run for s in p.source]
            n = len(sentences)
            what = "sentence has" if n == 1 else f"{n} sentences have"
            text = " ".join(s.text for s in sentences)
            yield self.finding(doc, f"source {what} no translation: \"{_snippet(text)}\"",
                               source=sentences, confidence=run[0].confidence,
                               suggestion="translate the missing text")
        semantic = semantic_evidence(doc, ctx)
        if semantic is not None and semantic.reliable:
            for pair in doc.pairs:
                orphan = unmatched_source(pair, model, semantic)
                if orphan is not None:
                    yield self.finding(
                        doc, "source sentence seems untranslated: it matches nothing in the "
                        f"translation it is aligned with (\"{_snippet(orphan.text)}\")",
                        source=orphan, target=pair.target, confidence=pair.confidence,
                        severity=Severity.WARNING,
                        suggestion="translate the missing sentence")
        for pair in doc.pairs:
            size = measure(pair, model)
            if size is not None and missing_clause(pair, model, size):
                share = size.target / size.expected
                yield self.finding(
                    doc, f"translation is {share:.0%} of the length the source predicts; "
                    "a clause may be missing", source=pair.source, target=pair.target,
                    confidence=pair.confidence, severity=Severity.WARNING,
                    suggestion="compare clause by clause and translate what is missing")


@register
class Addition(Check):
    code = "A002"
    name = "addition"
    severity = Severity.ERROR
    description = "Target content has no counterpart in the source."
    doc = """
## What it does
Reports target sentences that the alignment left without a source sentence (runs of them
grouped, one finding per run).

## Why it matters
Added text puts words in the author's mouth: a translator's note, a sentence left over from
an earlier version, or text pasted into the wrong file.

## Example
```
en: Ketamine is an NMDA receptor antagonist.
zh: 氯胺酮是NMDA受体拮抗剂。它是世界上最安全的药物。
```

## Use instead
Remove the added sentence, or mark a translator's note as such and suppress the finding with
`<!-- bitext: ignore A002 -->` before the block.
"""

    def check_document(self, doc: AlignedDocument, ctx: CheckContext) -> Iterable[Finding]:
        for run in _unpaired_runs(doc.pairs, "target"):
            sentences = [s for p in run for s in p.target]
            n = len(sentences)
            what = "sentence has" if n == 1 else f"{n} sentences have"
            sep = "" if sentences[0].lang == "zh" else " "
            text = sep.join(s.text for s in sentences)
            yield self.finding(doc, f"target {what} no source: \"{_snippet(text)}\"",
                               target=sentences, confidence=run[0].confidence,
                               suggestion="remove it, or add the source text it translates")


def _unpaired_runs(pairs: list[SentencePair], side: str) -> list[list[SentencePair]]:
    """Consecutive pairs with only ``side`` filled, split where the block changes."""
    runs: list[list[SentencePair]] = []
    other = "target" if side == "source" else "source"
    for pair in pairs:
        mine, theirs = getattr(pair, side), getattr(pair, other)
        if not mine or theirs:
            if runs and runs[-1]:
                runs.append([])
            continue
        if runs and runs[-1] and getattr(runs[-1][-1], side)[-1].block == mine[0].block:
            runs[-1].append(pair)
        else:
            runs.append([pair])
    return [r for r in runs if r]


# ---------------------------------------------------------------------------------------------
# Truncation

_CLOSERS = CLOSING_MARKS + MARKUP_DELIMITERS  # looked past, as P005 does
_TERMINAL = set(END_MARKS)
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_LAST_TOKEN = re.compile(r"([A-Za-z]+)\W*$")
#: Endings that make a longer corpus word an inflection of the last token, not its completion
#: ("week" is a word even if only "weeks" occurs elsewhere).
_INFLECTIONS = {"s", "es", "d", "ed", "ing", "ly", "er", "ers", "est", "'s", "’s", "al",
                "ally", "ness", "ment", "ments", "ity", "ities", "y", "ies", "ion", "ions"}
_EN_CONJ = re.compile(r"^(?:and|or|nor|plus|as well as|but|then|etc)\b", re.I)
_ZH_CONJ = re.compile(r"^(?:和|及|与|或|以及|还有|并且|乃至)|等+$")


def ends_with_punctuation(text: str) -> bool:
    """Whether the text ends in sentence-closing punctuation (closing quotes looked past)."""
    t = text.rstrip().rstrip(_CLOSERS).rstrip()
    return bool(t) and t[-1] in _TERMINAL


def vocabulary(docs: list[AlignedDocument]) -> Counter[str]:
    """Lower-cased Latin words of every document of the corpus, both sides, with counts."""
    words: Counter[str] = Counter()
    for d in docs:
        for document in (d.alignment.source, d.alignment.target):
            for s in document.sentences:
                words.update(w.lower() for w in _EN_WORD.findall(s.text))
    return words


def cut_word(text: str, vocab: Counter[str]) -> tuple[str, str] | None:
    """``(token, completion)`` when the text ends in a token that looks like a cut-off word.

    The token is cut off when it is used nowhere else as a word and is the beginning of a
    longer word used elsewhere in the corpus (not just an inflection of it), or when it is
    no word at all (letters without a vowel).

    >>> cut_word("NMDA, BDNF, opi", Counter({"opi": 1, "opioid": 3}))
    ('opi', 'opioid')
    """
    if not text or ends_with_punctuation(text) or not text[-1].isalpha():
        return None
    m = _LAST_TOKEN.search(text)
    if not m or m.end(1) != len(text):
        return None
    token = m.group(1)
    low = token.lower()
    if len(token) < 2 or token.isupper():  # acronyms are words even when short
        return None
    if vocab.get(low, 0) > 1:
        return None
    completions = [w for w in vocab if len(w) > len(low) and w.startswith(low)
                   and w[len(low):] not in _INFLECTIONS]
    if completions:
        best = max(completions, key=lambda w: (vocab[w], -len(w)))
        return token, best
    if len(low) >= 2 and not re.search(r"[aeiouy]", low):
        return token, ""
    return None


def mid_enumeration(text: str, lang: str) -> bool:
    """Whether the text stops inside an enumeration: items, no conjunction, no closing mark.

    >>> mid_enumeration("Multiple processes — NMDA, BDNF, opi", "en")
    True
    >>> mid_enumeration("多重并行过程——NMDA/神经可塑性、BDNF和阿片", "zh")
    False
    """
    if not text or ends_with_punctuation(text):
        return False
    tail = re.split(r"[—–:：;；(（]", text)[-1].strip()
    if lang == "zh" or has_han(tail):
        items = [i.strip() for i in re.split(r"[、]", tail)]
        if len(items) < 3 or not items[-1]:
            return False
        return not _ZH_CONJ.search(items[-1]) and not any(
            _ZH_CONJ.search(i) for i in items[-1:])
    items = [i.strip() for i in tail.split(",")]
    if len(items) < 3 or not items[-1]:
        return False
    last = items[-1]
    return not _EN_CONJ.match(last) and len(last.split()) <= 3 and \
        not last.lower().endswith("etc")


@dataclass
class _Cut:
    """Own evidence that a block of one side is cut off."""

    block: Block
    sentence: Sentence
    reasons: list[str]
    start: int  # offset where the finding points (a cut word, or the sentence)


@register
class Truncation(Check):
    code = "A003"
    name = "truncation"
    severity = Severity.ERROR
    description = "A document, paragraph or sentence is cut off (on either side)."
    doc = """
## What it does
Looks at how each paragraph, list item and document ends, on both sides, and reports one
that is cut off: it ends in the middle of a word (the last token begins a longer word used
elsewhere in the corpus and is no word itself), stops inside an enumeration ("A, B, opi")
at the end of the document, lacks the closing punctuation that its siblings have, lacks a
final newline together with any of these, or is far shorter than its counterpart while the
counterpart ends properly. A document whose last source blocks have no translation at all
is reported as cut off too. When one side is cut off, its pair on the other side is
reported as well: a faithful rendering of a truncated source is still an incomplete text.

## Why it matters
Truncation happens silently — a file cut by a tool, a copy-paste that stopped short, a
length limit — and the cut text still looks like text. Readers get half a sentence.

## Example
```
en: … Multiple parallel processes — NMDA/neuroplasticity, BDNF, opi
zh: … 多重并行过程——NMDA/神经可塑性、BDNF、阿片
```

## Use instead
Restore the missing text from the original on both sides:
```
en: … Multiple parallel processes — NMDA/neuroplasticity, BDNF, opioids — work together.
zh: … 多重并行过程——NMDA/神经可塑性、BDNF、阿片系统——共同起作用。
```
"""

    def check_corpus(self, docs: list[AlignedDocument], ctx: CheckContext) -> Iterable[Finding]:
        vocab = vocabulary(docs)
        for doc in docs:
            yield from self._document(doc, ctx, vocab)

    def _document(self, doc: AlignedDocument, ctx: CheckContext,
                  vocab: Counter[str]) -> Iterable[Finding]:
        model = _model(doc, ctx)
        src_index, tgt_index = pair_index(doc)
        cuts: dict[str, dict[int, _Cut]] = {"source": {}, "target": {}}
        for side, document in (("source", doc.alignment.source),
                               ("target", doc.alignment.target)):
            for cut in _own_cuts(document, vocab):
                cuts[side][cut.sentence.index] = cut
        # Far shorter than its counterpart, and only this side lacks the closing mark.
        for pair in doc.pairs:
            size = measure(pair, model)
            if size is None:
                continue
            z, t, expected = size.z, size.target, size.expected
            for side, short, other, far in (
                    ("target", pair.target, pair.source, z < -CUT_Z and t * 1.5 < expected),
                    ("source", pair.source, pair.target, z > CUT_Z and t > 1.5 * expected)):
                last = short[-1]
                if far and not ends_with_punctuation(last.text) and \
                        ends_with_punctuation(other[-1].text) and \
                        last.index not in cuts[side]:
                    block = document_of(doc, last).blocks[last.block]
                    cuts[side][last.index] = _Cut(block, last, [
                        "is far shorter than its counterpart, which ends properly"], last.start)
        for side, table in cuts.items():
            index = src_index if side == "source" else tgt_index
            for cut in table.values():
                pair = index.get(cut.sentence.index)
                counterpart = (pair.target if side == "source" else pair.source) if pair else []
                yield self._report(doc, side, cut, counterpart)
                # A translation that renders a truncated source is incomplete too, unless it has
                # its own finding already. (A cut translation says nothing about its source.)
                if side == "source" and counterpart and \
                        counterpart[-1].index not in cuts["target"]:
                    yield self._carry(doc, cut, counterpart, pair)
        yield from self._early_end(doc)

    def _report(self, doc: AlignedDocument, side: str, cut: _Cut,
                counterpart: list[Sentence]) -> Finding:
        document = document_of(doc, cut.sentence)
        loc = span_location(document, cut.start, cut.sentence.end, cut.sentence.text)
        what = "source" if side == "source" else "translation"
        reasons = cut.reasons
        listed = reasons[0] if len(reasons) == 1 else \
            ", ".join(reasons[:-1]) + ", and " + reasons[-1]
        message = f"{what} is cut off: it {listed}"
        confidence = None
        if side == "source":
            return self.finding(doc, message, source=loc, confidence=confidence,
                                suggestion="restore the rest of the text from the original")
        return self.finding(doc, message, target=loc, source=counterpart or None,
                            suggestion="complete the translation")

    def _carry(self, doc: AlignedDocument, cut: _Cut, sentences: list[Sentence],
               pair: SentencePair | None) -> Finding:
        first = Location.of(cut.sentence)
        assert first is not None
        return self.finding(
            doc, f"translation renders a truncated source ({first.path}:{first.line}), so it "
            "is incomplete too", target=sentences, source=cut.sentence,
            confidence=pair.confidence if pair else None,
            suggestion="complete the source, then the translation")

    def _early_end(self, doc: AlignedDocument) -> Iterable[Finding]:
        """A document whose last source (or target) sentences are all unpaired."""
        pairs = doc.pairs
        for side, other in (("source", "target"), ("target", "source")):
            k = len(pairs)
            while k and getattr(pairs[k - 1], side) and not getattr(pairs[k - 1], other):
                k -= 1
            tail = [s for p in pairs[k:] for s in getattr(p, side)]
            blocks = {s.block for s in tail}
            anchor = next((getattr(p, other) for p in reversed(pairs[:k])
                           if getattr(p, other)), None)
            if len(blocks) < 2 or not anchor:
                continue
            first = Location.of(tail[0])
            assert first is not None
            cut_side = "translation" if side == "source" else "source"
            message = (f"{cut_side} ends early: the last {len(tail)} sentences of the "
                       f"{side} (from {first.path}:{first.line}) have no counterpart")
            if other == "target":
                yield self.finding(doc, message, target=anchor[-1], source=tail,
                                   suggestion="translate the rest of the document")
            else:
                yield self.finding(doc, message, source=anchor[-1],
                                   suggestion="restore the end of the source document")


def _own_cuts(document, vocab: Counter[str]) -> list[_Cut]:
    """Blocks of one document that show their own signs of being cut off."""
    blocks = [b for b in document.blocks if b.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM,
                                                        BlockKind.HEADING) and b.sentences]
    out = []
    last_block = blocks[-1] if blocks else None
    for block in blocks:
        sentence = block.sentences[-1]
        text = sentence.text.rstrip()
        reasons: list[str] = []
        start = sentence.start
        is_last = block is last_block
        cut = cut_word(text, vocab) if block.kind is not BlockKind.HEADING else None
        if cut:
            token, completion = cut
            reasons.append(f"ends mid-word (\"{token}\"" +
                           (f", as in \"{completion}\")" if completion else ")"))
            pos = sentence.raw.rfind(token)
            if pos >= 0:
                start = sentence.start + pos
        closed = ends_with_punctuation(text)
        siblings = _siblings(blocks, block)
        punctuated = sum(ends_with_punctuation(b.sentences[-1].text) for b in siblings)
        lacks_sibling_mark = (block.kind is not BlockKind.HEADING and not closed
                              and len(siblings) >= 3 and punctuated >= 0.9 * len(siblings))
        enum = is_last and mid_enumeration(text, document.lang)
        if enum:
            reasons.append("stops inside an enumeration at the end of the document")
        if lacks_sibling_mark and (is_last or cut or text[-1:].isalpha() or has_han(text[-1:])):
            reasons.append("lacks the closing punctuation its "
                           f"{'list items' if block.kind is BlockKind.LIST_ITEM else 'paragraphs'}"
                           " have")
        if is_last and not document.text.endswith("\n") and reasons:
            reasons.append("the file has no final newline")
        if reasons:
            out.append(_Cut(block, sentence, reasons, start))
    return out


def _siblings(blocks: list[Block], block: Block) -> list[Block]:
    """Blocks of the same kind around ``block``: its list, or all paragraphs."""
    if block.kind is BlockKind.PARAGRAPH:
        return [b for b in blocks if b.kind is BlockKind.PARAGRAPH and b is not block]
    if block.kind is BlockKind.LIST_ITEM:
        k = blocks.index(block)
        out = []
        for step in (-1, 1):
            j = k + step
            while 0 <= j < len(blocks) and blocks[j].kind is BlockKind.LIST_ITEM:
                if blocks[j].level == block.level:
                    out.append(blocks[j])
                j += step
        return out
    return []


# ---------------------------------------------------------------------------------------------
# Drift and length

_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]+")
#: A pair drifts when its similarity lies this many standard deviations below the document's
#: typical aligned pair …
DRIFT_ALIGNED_Z = -2.5
#: … and no more than this many above unrelated sentence pairs of the same document.
DRIFT_CHANCE_Z = 1.0


def anchors(pair: SentencePair) -> tuple[set[str], set[str], set[str]]:
    """(anchors of the side written in Chinese, those of the other side, the shared ones).

    Anchors are what survives translation unchanged: numbers in digits and Latin-script
    words kept in the Chinese text.
    """
    zh_side, en_side = pair.target_text, pair.source_text
    if pair.source and pair.source[0].lang == "zh":
        zh_side, en_side = en_side, zh_side
    en_words = {w.lower() for w in _LATIN.findall(en_side)}
    zh_latin = {w.lower() for w in _LATIN.findall(zh_side)}
    zh = zh_latin | set(_DIGITS.findall(zh_side))
    en = (en_words & zh_latin) | set(_DIGITS.findall(en_side))
    shared = (zh_latin & en_words) | (set(_DIGITS.findall(zh_side)) & set(_DIGITS.findall(en_side)))
    return zh, en, shared


@register
class Drift(Check):
    code = "A004"
    name = "drift"
    severity = Severity.WARNING
    description = "An aligned pair whose meaning seems to diverge (low alignment evidence)."
    doc = """
## What it does
Reports aligned pairs that the aligner itself doubts (confidence below `drift-confidence`,
0.25 by default, unless numbers and kept Latin terms agree), and pairs whose anchors — numbers
in digits, Latin-script terms kept in the Chinese text — disagree completely: at least three
on the two sides, none shared.

## Why it matters
A translation that says something else reads fluently, so nothing but a comparison with the
source reveals it. Low alignment confidence often means the sentence was mistranslated,
paraphrased beyond recognition or pasted in the wrong place.

## Example
```
en: BDNF binds TrkB receptors and inserts new glutamate receptors.
zh: 患者在单次给药后至少3天内感受到缓解。
```

## Use instead
```
zh: BDNF与TrkB受体结合，插入新的谷氨酸受体。
```
"""

    def check_document(self, doc: AlignedDocument, ctx: CheckContext) -> Iterable[Finding]:
        semantic = semantic_evidence(doc, ctx)
        if semantic is not None and not semantic.reliable:
            semantic = None
        for pair in doc.pairs:
            yield from self._pair(pair, doc, ctx, semantic)

    def _pair(self, pair: SentencePair, doc: AlignedDocument, ctx: CheckContext,
              semantic: DocumentSimilarity | None) -> Iterable[Finding]:
        if not pair.source or not pair.target:
            return
        if semantic is not None:
            similarity = semantic.pair(pair)
            z = semantic.z_aligned(similarity)
            if z < DRIFT_ALIGNED_Z and semantic.z_chance(similarity) < DRIFT_CHANCE_Z:
                yield self.finding(
                    doc, f"the translation's meaning seems far from the source's (similarity "
                    f"{z:+.1f} standard deviations from this document's aligned pairs, close "
                    "to that of unrelated sentences)", source=pair.source, target=pair.target,
                    confidence=pair.confidence,
                    suggestion="check that this is the translation of this source sentence")
                return
        threshold = ctx.settings.options.drift_confidence
        zh, en, shared = anchors(pair)
        total = len(zh | en)
        if total >= 3 and not shared:
            yield self.finding(
                doc, f"no anchor in common: {', '.join(sorted(zh | en)[:6])} occur on one "
                "side only", source=pair.source, target=pair.target,
                confidence=pair.confidence, suggestion="check that this is the translation "
                "of this source sentence")
            return
        if pair.confidence < threshold and not (len(shared) >= 2 and
                                                len(shared) * 2 >= total):
            yield self.finding(
                doc, f"alignment confidence is low ({pair.confidence:.2f}): the translation "
                "may not say what the source says", source=pair.source, target=pair.target,
                confidence=pair.confidence,
                suggestion="check that this is the translation of this source sentence")


@register
class LengthRatio(Check):
    code = "A005"
    name = "length-ratio"
    severity = Severity.WARNING
    description = "A pair's length ratio is an outlier under the document's own length model."
    doc = """
## What it does
Learns how long translations of this document run (target length as a multiple of source
length, and how much that varies, in UTF-8 bytes so that Han characters weigh three Latin
letters) from the document's own pairs, and reports pairs whose target lies more than four
standard deviations and a factor of 1.8 from what the source's length predicts. A target that
is much too short for a source of several clauses is reported as A001 instead.

## Why it matters
A fixed ratio misfires on zh↔en (Chinese is shorter in characters, longer in bytes, and each
translator is different). A pair far off the document's own norm usually hides an added
explanation, a sentence merged from elsewhere, or a dropped part.

## Example
```
en: Ketamine is genuinely addictive.
zh: 氯胺酮具有真实的成瘾性——部分人会发展出强迫性使用模式，损害工作、人际关系和经济状况，
    并且在停药后仍会长期渴求。
```

## Use instead
Translate what the source says; move added explanations to a translator's note.
"""

    def check_document(self, doc: AlignedDocument, ctx: CheckContext) -> Iterable[Finding]:
        model = _model(doc, ctx)
        for pair in doc.pairs:
            size = measure(pair, model)
            if size is None or missing_clause(pair, model, size):
                continue
            z, t, expected = size.z, size.target, size.expected
            if z > RATIO_Z and t > RATIO_FACTOR * expected:
                what = f"{t / expected:.1f}× as long as"
            elif z < -RATIO_Z and t * RATIO_FACTOR < expected:
                what = f"{t / expected:.0%} of"
            else:
                continue
            yield self.finding(
                doc, f"translation is {what} the source predicts (z = {z:+.1f} under this "
                f"document's length model)", source=pair.source, target=pair.target,
                confidence=pair.confidence,
                suggestion="look for added or missing content")

"""Alignment-level checks: omissions, additions, truncation, drift and length outliers.

They look only at what the aligner hands on — pairs, their confidences and the documents —
never at how the aligner found them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from align.alignment import SentencePair
from align.document import Block, BlockKind, Document, Sentence
from align.markdown import SUMMARY_FIELDS
from align.script import CLOSING_MARKS, END_MARKS, QUOTATIONS
from qa.checks.base import Check, register
from qa.checks.coverage import (
    cedict,
    clause_evidence,
    prose_document,
    rendered_in,
    split_clauses,
    split_rendering,
    word_evidence,
    word_share,
)
from qa.checks.lengths import LengthModel, learn_length_model, length_units
from qa.checks.semantic import DocumentSimilarity, semantic_evidence
from qa.checks.spans import (
    MARKUP_DELIMITERS,
    document_of,
    has_han,
    pair_index,
    per_document,
    span_location,
)
from qa.checks.tokens import zh_tokens
from qa.core.finding import Finding, Location, Severity
from qa.core.run import AlignedDocument, CheckContext

#: A pair whose target is this many standard deviations short, with a clause structure in
#: the source, is reported as an omission inside the pair (A001) rather than a ratio outlier …
CLAUSE_Z = -3.0
#: … and at most this share of the length the source predicts; or, however the document's
#: lengths vary, at most ``SHORT_SHARE`` of it and ``SHORT_Z`` deviations short: a third of
#: the predicted length is more than a clause gone whatever the translator's style (a
#: literary translation's lengths vary so much that a dropped clause rarely lies 3
#: deviations out).
CLAUSE_SHARE = 1 / 1.8
SHORT_SHARE = 0.35
SHORT_Z = -2.0
#: A one-to-one pair of running text whose target is this many deviations short and under
#: this share of the predicted length is missing part of its source too when under
#: ``FEW_WORDS_FOUND`` of the source sentence's words are found in it ("Neither of them paid
#: attention during their classes that afternoon." ↔ "这一天的课。"). On MAC-Dev (clauses
#: dropped from the Chinese, seeds 1-6, through the aligner) it finds 11 more of the 110
#: injected pairs under 60% of their length, and none of the clean chapters' pairs.
FEW_WORDS_Z = -1.5
FEW_WORDS_SHARE = 0.4
FEW_WORDS_FOUND = 0.3
#: Length outliers (A005) beyond this many standard deviations …
RATIO_Z = 4.0
#: … and at least this far from the expected length, as a factor.
RATIO_FACTOR = 1.8
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


def languages(doc: AlignedDocument) -> tuple[str, str]:
    """The document pair's own direction (source, target): a site may translate zh → en even
    when the configured default is en → zh."""
    return doc.alignment.source.lang, doc.alignment.target.lang


def _model(doc: AlignedDocument, ctx: CheckContext | None = None) -> LengthModel:
    """The document's length model, learned in the document's own direction (cached)."""
    cached = getattr(doc, "_length_model", None)
    if cached is None:
        cached = learn_length_model(doc.pairs, *languages(doc))
        doc._length_model = cached  # type: ignore[attr-defined]
    return cached


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


#: Two neighbouring pairs whose lengths err the opposite ways make up for each other when,
#: together, their target is this close to what their sources predict (in standard
#: deviations of the document's length model).
RESPLIT_Z = 2.0


def made_up_by_neighbour(doc: AlignedDocument, position: int, model: LengthModel) -> bool:
    """Whether the pair at ``position`` is too short (or too long) by what its neighbour in
    the same paragraph is too long (or too short): the translation cut its sentences
    elsewhere, a clause moved across the boundary, and the two pairs together say what
    their sources say (apache/shardingsphere: "…是实验性产品" carried into the first English
    sentence, A005 "2.0× as long"; apache/linkis-website: a clause after a "；" rendered at
    the end of the English sentence before it, A001 "51% of the length")."""
    pair = doc.pairs[position]
    size = measure(pair, model)
    if size is None:
        return False
    for k in (position - 1, position + 1):
        if not 0 <= k < len(doc.pairs):
            continue
        other = doc.pairs[k]
        near = measure(other, model)
        if near is None or (size.target - size.expected) * (near.target - near.expected) >= 0:
            continue
        if other.source[0].block != pair.source[0].block or \
                other.target[0].block != pair.target[0].block:
            continue
        if abs(model.z(size.source + near.source, size.target + near.target)) >= RESPLIT_Z:
            continue
        # And what the short pair's target lacks is in the long one's: a clause moved, not
        # one dropped beside another rendered at length (rocketmq-site: "为业务提供安全冗余
        # 空间" missing, the next sentence merely wordier).
        short, long_ = (pair, other) if size.target < size.expected else (other, pair)
        lang = short.source[0].lang, short.target[0].lang
        if _clause_words_missing(short.source_text, lang[0], short.target_text, lang[1]) and \
                not _clause_words_missing(short.source_text, lang[0],
                                          short.target_text + " " + long_.target_text, lang[1]):
            return True
    return False


def missing_clause(pair: SentencePair, model: LengthModel,
                   size: PairLength | None = None) -> bool:
    """Whether a pair's target is far too short for a source made of several clauses (or,
    in running text, for a source sentence of one clause, or one whose words it lacks)."""
    size = size or measure(pair, model)
    if size is None:
        return False
    share = size.target / size.expected
    far_short = size.z < SHORT_Z and share < SHORT_SHARE
    # A source sentence of one clause rendered in a third of its length has lost part of
    # that clause (a Chinese translation cut at a comma leaves a sentence of one clause:
    # "不过。" for "But you must have some basic understanding of the cosmic microwave
    # background?") — in running text: headings and table cells are terse by nature ("与上次
    # 重试的间隔时间" → "Interval").
    one = len(pair.source) == 1 and _running_text(pair)
    if (far_short or (size.z < CLAUSE_Z and share < CLAUSE_SHARE)) and \
            (far_short and one or _clauses(pair.source_text) >= 2) and \
            _clause_words_missing(pair.source_text, pair.source[0].lang, pair.target_text,
                                  pair.target[0].lang):
        return True
    if not (one and len(pair.target) == 1 and size.z < FEW_WORDS_Z
            and share < FEW_WORDS_SHARE):
        return False
    found = word_share(pair.source_text, pair.source[0].lang, pair.target_text,
                       pair.target[0].lang)
    return found is not None and found < FEW_WORDS_FOUND


def _running_text(pair: SentencePair) -> bool:
    """Whether both sides of a pair are paragraphs or list items, outside tables."""
    return all(b.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM) and not b.cells
               for b in (*pair.source_blocks, *pair.target_blocks))


#: A clause is missing from the target when at most this share of its content words (it has
#: at least two) is found there, by the source's language. A terse target that drops only a
#: restatement or filler keeps the words of every clause ("已就绪消息的就绪时间（ready time）"
#: → "Ready time"). English words are looked up among the meanings of every Chinese word and
#: character of the target, which finds some of them by chance ("…, and the acute state
#: resolved within two hours" finds 3 of 7 in "效果在10–15分钟内出现。").
CLAUSE_MAX_SHARE = {"zh": 0.25, "en": 0.45}


@lru_cache(maxsize=4096)
def _clause_words_missing(source: str, source_lang: str, target: str, target_lang: str) -> bool:
    """Whether some clause of ``source`` has few of its words in ``target`` (True without the
    dictionary: the lengths then decide alone)."""
    dictionary = cedict()
    if dictionary is None:
        return True
    clauses = [source[a:b] for a, b in split_clauses(source, source_lang)]
    evidence = clause_evidence(clauses, source_lang, target, target_lang, dictionary,
                               semantic=False)
    bar = CLAUSE_MAX_SHARE.get(source_lang, 0.25)
    return any(c.units >= 2 and c.coverage <= bar for c in evidence)


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
                and abs(model.z(sum(s_lens) - units, t_len)) < ORPHAN_REST_Z
                and _words_missing(s, pair.target)):
            candidates.append((own, s))
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


#: An unmatched sentence has fewer than this share of its content words in the target (on
#: MAC-Dev, literary beads whose short sentence has a chance similarity still find 43-50%:
#: "… like a busy dockyard." in "…货码头似的…").
ORPHAN_MAX_SHARE = 0.4


def _words_missing(sentence: Sentence, target: list[Sentence]) -> bool:
    """Whether few of a sentence's content words are found in ``target`` (True without the
    dictionary: the similarity evidence then decides alone)."""
    share = word_share(sentence.text, sentence.lang, _text(target), target[0].lang)
    return share is None or share < ORPHAN_MAX_SHARE


#: A source sentence of a many-to-one bead is absorbed — its translation dropped, the aligner
#: putting it with a neighbour rather than alone — when it has at least this many length
#: units (shorter sentences have too few words and too noisy a vector to judge) …
ABSORBED_MIN_UNITS = 30
#: … the target's clauses, shared out in order among the bead's source sentences (see
#: :func:`~qa.checks.coverage.split_rendering`), give it none, or one at most this alike …
ABSORBED_PART = 0.05
#: … fewer than this share of its content words is found in the target …
ABSORBED_MAX_SHARE = 0.35
#: … and it makes neither pair it could belong to more alike: its own bead and the pair next
#: to it on its side both score lower with it than without it, by at least this many
#: deviations of the document's aligned pairs. Measured on MAC-Dev through the full pipeline
#: (dropped sentences, seeds 1-10): of 131 sentences absorbed into many-to-one beads these
#: find 14, on none of the 417 many-to-one beads of the clean text (a literary translation
#: merges sentences freely, and a member it renders keeps a clause of its own); without
#: the loss margin (any loss) 19, on 3 clean beads.
ABSORBED_LOSS = 0.25


#: Or, in place of the neighbour: fewer than this share of its words found, the target far
#: shorter than the whole pair predicts (under ``ABSORBED_SHORT_Z`` deviations) but of about
#: the length the rest of the pair predicts (within ``ABSORBED_REST_Z``), and a shared-out
#: part at most ``ABSORBED_LENGTH_PART`` alike: the target renders the rest and nothing of
#: it. Measured the same way (seeds 1-6, the edge sentences of many-to-one pairs): 16 of the
#: 79 absorbed sentences found instead of 10, still none of the 838 edge sentences of the
#: clean text; without the part's bound 25, but then two clean Bible verses whose archaic
#: English the dictionary misses ("They shall go hindmost with their standards." ↔ "…要归本
#: 纛作末队往前行。", parts 0.28 and 0.20).
ABSORBED_WORDLESS_SHARE = 0.3
ABSORBED_SHORT_Z = -1.0
ABSORBED_REST_Z = 1.5
ABSORBED_LENGTH_PART = 0.15
#: Or, in place of the neighbour and the lengths: the aligner itself was unsure of the
#: many-to-one bead (its confidence under ``ABSORBED_UNSURE``: it nearly left the sentence
#: alone), and a shared-out part at most ``ABSORBED_UNSURE_PART`` alike. Chosen on seeds 1-6
#: (the edge sentences of many-to-one pairs): 7 more of the 79 absorbed sentences, none of
#: the 838 clean edge sentences (the clean beads that unsure hold a sentence the target
#: renders in a clause of its own, or lose less by it than ``ABSORBED_LOSS``). Through
#: ``bench/qa_eval.py``: dropped sentences 73 → 79 of 150 on seeds 1-6, 63 → 66 of 125 on
#: the held-out seeds 7-11; the clean MAC-Dev and Bible findings unchanged; one more A001
#: on the docs pages (a dropped list item that restates the sentence before it: debatable).
ABSORBED_UNSURE = 0.4
ABSORBED_UNSURE_PART = 0.3
#: A target sentence added inside a one-to-many pair is found the same way (the neighbour's
#: test, not the lengths'), from this many length units: on MAC-Dev (added sentences, seeds
#: 1-6) it finds 3 more of 150, and on the clean text nothing; at 30 units it also reported
#: a line of dialogue the Chinese splits at a "!" ("阿弥陀佛!这全仗嫂子方便了。”" for "Bless
#: you, my dear, for being such a help!"), and the lengths' test, a freely rendered one.
ADDED_MIN_UNITS = 40


def absorbed_source(doc: AlignedDocument, position: int, semantic: DocumentSimilarity,
                    model: LengthModel | None = None) -> Sentence | None:
    """A source sentence at the edge of the many-to-one pair ``doc.pairs[position]`` whose
    translation seems dropped (see ``ABSORBED_MIN_UNITS``), if any; ``model``, the
    document's length model, lets the lengths stand in for the neighbour."""
    return absorbed(doc, position, semantic, model, "source")


def absorbed(doc: AlignedDocument, position: int, semantic: DocumentSimilarity,
             model: LengthModel | None, side: str,
             min_units: int = ABSORBED_MIN_UNITS) -> Sentence | None:
    """A sentence of ``side`` at the edge of the pair ``doc.pairs[position]``, which has
    several on that side, that the other side does not render (see :func:`absorbed_source`;
    on the target side, a sentence added to the translation, found by the neighbour's test
    alone: ``model`` serves the source side)."""
    pair = doc.pairs[position]
    mine, theirs = _sides(pair, side)
    if len(mine) < 2 or not theirs or _cells(pair) or _label_pair(doc, pair):
        return None
    texts = [s.text for s in mine]
    other = [t.index for t in theirs]
    other_text, other_lang = _text(theirs), theirs[0].lang

    def alike(indices: list[int]) -> float:
        return semantic.between(indices, other) if side == "source" else \
            semantic.between(other, indices)

    whole = alike([s.index for s in mine])
    parts: list[float] | None = None
    found = []
    for k, step in ((0, -1), (len(mine) - 1, 1)):
        s = mine[k]
        units = length_units(s.text)
        if units < min_units:
            continue
        rest = [o.index for o in mine if o is not s]
        if (whole - alike(rest)) / semantic.aligned_spread > -ABSORBED_LOSS:
            continue
        share = word_share(s.text, s.lang, other_text, other_lang)
        if share is None or share >= ABSORBED_MAX_SHARE:
            continue
        by_length = side == "source" and model is not None and \
            share < ABSORBED_WORDLESS_SHARE and _renders_the_rest(pair, s, units, model) and \
            not _more_words_next_door(doc, position + step, s, share)
        unsure = side == "source" and pair.confidence < ABSORBED_UNSURE
        bound = max(ABSORBED_LENGTH_PART if by_length else 0.0,
                    ABSORBED_UNSURE_PART if unsure else 0.0)
        if not bound:
            if not _lowers_neighbour(doc, position + step, s, semantic, side):
                continue
            bound = ABSORBED_PART
        parts = parts if parts is not None else split_rendering(texts, other_text, other_lang)
        if parts is not None and parts[k] <= bound:
            found.append((parts[k], s))
    return min(found, key=lambda f: f[0])[1] if found else None


def _sides(pair: SentencePair, side: str) -> tuple[list[Sentence], list[Sentence]]:
    """The pair's sentences of ``side`` and of the other side."""
    return (pair.source, pair.target) if side == "source" else (pair.target, pair.source)


def _renders_the_rest(pair: SentencePair, sentence: Sentence, units: int,
                      model: LengthModel) -> bool:
    """Whether the target of ``pair`` is far short for its whole source but of the length
    the source without ``sentence`` predicts (see ``ABSORBED_SHORT_Z``)."""
    rest = length_units(" ".join(o.text for o in pair.source if o is not sentence))
    target = length_units(pair.target_text)
    return model.z(rest + units, target) < ABSORBED_SHORT_Z and \
        abs(model.z(rest, target)) < ABSORBED_REST_Z


def _more_words_next_door(doc: AlignedDocument, position: int, sentence: Sentence,
                          share: float) -> bool:
    """Whether the target of the pair at ``position`` (next to the sentence's own) has more
    of the sentence's words than the share its own target has: the aligner put it one pair
    late or early (a Bible verse whose numbers, 五万三千四百, are in the pair before)."""
    if not 0 <= position < len(doc.pairs) or not doc.pairs[position].target:
        return False
    pair = doc.pairs[position]
    other = word_share(sentence.text, sentence.lang, pair.target_text, pair.target[0].lang)
    return other is not None and other > share


def _lowers_neighbour(doc: AlignedDocument, position: int, sentence: Sentence,
                      semantic: DocumentSimilarity, side: str = "source") -> bool:
    """Whether adding ``sentence`` to ``side`` of the pair at ``position`` (next to its
    own) makes that pair less alike by ``ABSORBED_LOSS`` deviations or more; False where
    there is no such pair (nothing to compare with)."""
    if not 0 <= position < len(doc.pairs):
        return False
    pair = doc.pairs[position]
    if not pair.source or not pair.target:
        return False
    source, target = [s.index for s in pair.source], [t.index for t in pair.target]
    if side == "source":
        grown = semantic.between([*source, sentence.index], target)
    else:
        grown = semantic.between(source, [*target, sentence.index])
    loss = semantic.between(source, target) - grown
    return loss / semantic.aligned_spread >= ABSORBED_LOSS


#: The text of a link that is only an image: a badge or a video's thumbnail,
#: ``[![image](…png)](https://www.bilibili.com/video/…)``.
_LINKED_IMAGE = re.compile(r"\s*!\[[^\]]*\]\([^)]*\)\s*")


def _summary_field(document: Document, sentence: Sentence) -> bool:
    """Whether the sentence is the description (or summary) field of front matter."""
    return document.blocks[sentence.block].marker in SUMMARY_FIELDS


def _images_only(doc: AlignedDocument, sentences: list[Sentence]) -> bool:
    """Whether sentences are nothing but images: their length is that of the alt text, which
    says nothing about what the other side's text should weigh ("过滤效果如下图所示：![Tag过滤]
    (…)" against the figure alone drops a lead-in, not a clause)."""
    for s in sentences:
        text, pos, outside = document_of(doc, s).text, s.start, []
        pictures = [sp for sp in s.spans if sp.kind == "image" or (
            sp.kind == "link" and _LINKED_IMAGE.fullmatch(text[sp.inner_start:sp.inner_end]))]
        for sp in sorted(pictures, key=lambda sp: sp.start):
            outside.append(text[pos:max(pos, sp.start)])
            pos = max(pos, sp.end)
        outside.append(text[pos:s.end])
        if "".join(outside).strip():
            return False
    return bool(sentences)


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
predicts under the document's own length model (3 standard deviations and under 56% of the
predicted length, or 2 deviations and under 35%) while the source has several clauses, one
of which has few of its words (CC-CEDICT, names, numbers, Latin tokens) in the target — a
clause dropped inside a sentence. In running text (paragraphs and list items) a source
sentence of one clause counts too when it is rendered in under 35% of its length, and a
one-to-one pair 1.5 deviations short and under 40% of the length when under 30% of the
source's words are found in it. A source sentence that the aligner put together with a
neighbour (two or more source sentences against one translation) is reported as
untranslated when the translation renders none of it: shared out in order among the pair's
sentences, none of the translation's clauses goes to it, few of its words are found there,
and it makes both its own pair and the neighbouring pair less alike — or, in place of the
neighbour, the translation is far short for the whole pair but of the length the rest of
it predicts, and the pair next door does not have more of its words. An unpaired sentence
that the other side renders nearby is the aligner's miss and is left out: an unpaired run
of the other side a few pairs away that translates it, a neighbouring pair whose other side
has its words and a piece alike (one sentence translated as two; where the model is
present, also a neighbouring pair that scores like a 1-2 bead of a translation with it), or
an identifier the other document has verbatim. When a nearby pair's translation renders the
unpaired sentence far better than its own source, the aligner crossed them: that pair's
source is reported instead. A run of three or more sentences that repeat source text
translated elsewhere (a table pasted twice) is a warning: a duplicate in the source rather
than an omission.

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
        if wrong_language(doc):
            return
        model = _model(doc, ctx)
        misses = aligner_misses(doc, ctx) | cut_counterparts(doc, ctx)
        runs = [([s for p in run for s in p.source if ("source", s.index) not in misses],
                 run[0].confidence) for run in _unpaired_runs(doc, "source")]
        runs += [(group, None) for group in displaced(doc, ctx, "source")]
        repeated = _paired_texts(doc, "source", {s.index for r in runs for s in r[0]})
        for sentences, confidence in sorted((r for r in runs if r[0]),
                                            key=lambda r: r[0][0].index):
            n = len(sentences)
            what = "sentence has" if n == 1 else f"{n} sentences have"
            text = " ".join(s.text for s in sentences)
            copies = sum(1 for s in sentences if s.text in repeated)
            if n >= DUPLICATE_MIN and copies >= DUPLICATE_SHARE * n:
                # The source says this twice and the translation once: a duplicate in the
                # source (a table pasted twice), not text left untranslated.
                yield self.finding(
                    doc, f"source {what} no translation, but {copies} of them repeat source "
                    f"text translated elsewhere: a duplicate in the source? "
                    f"(\"{_snippet(text)}\")", source=sentences, confidence=confidence,
                    severity=Severity.WARNING,
                    suggestion="remove the duplicate from the source, or translate it")
                continue
            yield self.finding(doc, f"source {what} no translation: \"{_snippet(text)}\"",
                               source=sentences, confidence=confidence,
                               suggestion="translate the missing text")
        semantic = semantic_evidence(doc, ctx)
        if semantic is not None and semantic.reliable:
            for position, pair in enumerate(doc.pairs):
                orphan = unmatched_source(pair, model, semantic) or \
                    absorbed_source(doc, position, semantic, model)
                if orphan is not None:
                    yield self.finding(
                        doc, "source sentence seems untranslated: it matches nothing in the "
                        f"translation it is aligned with (\"{_snippet(orphan.text)}\")",
                        source=orphan, target=pair.target, confidence=pair.confidence,
                        severity=Severity.WARNING,
                        suggestion="translate the missing sentence")
        for position, pair in enumerate(doc.pairs):
            size = measure(pair, model)
            # A cut-off side is the more specific finding (A003) for a short pair.
            if size is not None and missing_clause(pair, model, size) and \
                    not made_up_by_neighbour(doc, position, model) and \
                    not truncated_pair(doc, ctx, pair) and \
                    not any(_images_only(doc, side) for side in (pair.source, pair.target)):
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
    # A warning: an addition rarely misleads a reader, and it depends on the aligner having
    # found the counterpart (judged on real docs pages: 3 of 18 findings real).
    severity = Severity.WARNING
    description = "Target content has no counterpart in the source."
    doc = """
## What it does
Reports target sentences that the alignment left without a source sentence (runs of them
grouped, one finding per run), unless the source renders them nearby (see A001: the
aligner's misses are no additions). A target sentence that the aligner put together with a
neighbour (one source sentence against two or more in the translation) is reported as added
when the source renders none of it, the way A001 finds a source sentence absorbed into a
pair; so is one that repeats word for word the translation of another source sentence of
the document, which its own pair's source neither contains nor resembles (a sentence pasted
twice).

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
        if wrong_language(doc):
            return
        misses = aligner_misses(doc, ctx) | cut_counterparts(doc, ctx)
        runs = [([s for p in run for s in p.target if ("target", s.index) not in misses],
                 run[0].confidence) for run in _unpaired_runs(doc, "target")]
        runs += [(group, None) for group in displaced(doc, ctx, "target")]
        for sentences, confidence in sorted((r for r in runs if r[0]),
                                            key=lambda r: r[0][0].index):
            n = len(sentences)
            what = "sentence has" if n == 1 else f"{n} sentences have"
            text = _text(sentences)
            yield self.finding(doc, f"target {what} no source: \"{_snippet(text)}\"",
                               target=sentences, confidence=confidence,
                               suggestion="remove it, or add the source text it translates")
        semantic = semantic_evidence(doc, ctx)
        if semantic is None or not semantic.reliable:
            return
        repeats = repeated_additions(doc, semantic)
        for position, pair in enumerate(doc.pairs):
            if position in repeats:
                added, other = repeats[position]
                line = _line_of(doc, other.source[0])
                yield self.finding(
                    doc, "target sentence seems added: it repeats word for word the "
                    f"translation of source line {line} (\"{_snippet(other.source_text)}\"), "
                    "which says it, and the source it is aligned with does not "
                    f"(\"{_snippet(added.text)}\")", source=pair.source, target=added,
                    confidence=pair.confidence,
                    suggestion="remove it, or add the source text it translates")
                continue
            added = absorbed(doc, position, semantic, None, "target", ADDED_MIN_UNITS)
            if added is not None:
                yield self.finding(
                    doc, "target sentence seems added: nothing in the source it is aligned "
                    f"with renders it (\"{_snippet(added.text)}\")", source=pair.source,
                    target=added, confidence=pair.confidence,
                    suggestion="remove it, or add the source text it translates")


#: An unpaired run is a duplicate in the source when this share of its sentences has the
#: text of a sentence the alignment pairs elsewhere (05Exporter.md lists its broker metrics
#: twice; the translation, once).
DUPLICATE_SHARE = 0.8
#: … and it has this many sentences or more (one repeated sentence may be a real omission:
#: the zh page lacks the second "IS_DATE" example the en page gives).
DUPLICATE_MIN = 3


def _paired_texts(doc: AlignedDocument, side: str, unpaired: set[int]) -> set[str]:
    """Texts of the sentences of ``side`` that have a counterpart (not those reported as
    having none, indices ``unpaired``)."""
    other = "target" if side == "source" else "source"
    return {s.text for p in doc.pairs if getattr(p, other) for s in getattr(p, side)
            if s.index not in unpaired}


def _unpaired_runs(doc: AlignedDocument, side: str) -> list[list[SentencePair]]:
    """Consecutive pairs with only ``side`` filled, split where the block changes (rows of one
    table stay together: a missing table is one defect), without the runs at the end of the
    document that A003 reports as an early end."""
    runs: list[list[SentencePair]] = []
    other = "target" if side == "source" else "source"
    document = doc.alignment.source if side == "source" else doc.alignment.target
    rendered = _cells_in_place(doc, side) | _code_from_a_block(doc, side)
    if side == "target":
        rendered |= _prose_from_a_code_block(doc)
    # A box's title is a label ("注意", "Tip") that one side may give where the other shows
    # the box's type: nothing to translate is missing.
    rendered |= {s.index for b in document.blocks if b.box_title for s in b.sentences}
    # A front matter's description is written for each language's search results: one the
    # other side lacks, or gives shorter, drops or adds nothing of the page.
    rendered |= {s.index for p in doc.pairs if not getattr(p, other)
                 for s in getattr(p, side) if _summary_field(document_of(doc, s), s)}
    # An image's alt text is no text of the page: a figure one side shows another way (a
    # video's thumbnail linked where the other embeds the video) drops or adds no sentence.
    rendered |= {s.index for p in doc.pairs if not getattr(p, other)
                 for s in getattr(p, side) if s.spans and _images_only(doc, [s])}
    for pair in doc.pairs:
        mine, theirs = getattr(pair, side), getattr(pair, other)
        if not mine or theirs or all(s.index in rendered for s in mine):
            if runs and runs[-1]:
                runs.append([])
            continue
        if runs and runs[-1] and (
                _same_run(document, getattr(runs[-1][-1], side)[-1], mine[0])
                or _same_section(document, getattr(runs[-1][0], side)[0],
                                 getattr(runs[-1][-1], side)[-1], mine[0])):
            runs[-1].append(pair)
        else:
            runs.append([pair])
    ends = {id(s) for e_side, _, tail, _ in early_ends(doc) if e_side == side for s in tail}
    prose = prose_document(doc.alignment.source)
    return [r for r in runs if r and not all(id(s) in ends for p in r
                                             for s in getattr(p, side))
            and not (prose and _folded(r, side))]


#: In running prose (see :func:`~qa.checks.coverage.prose_document`), an unpaired run
#: shorter than this (length units: about three English words, five Chinese characters) is
#: not reported: a literary translation folds an exclamation into its neighbour ("Of
#: course!", "'Go to!'", "Grandma gasped."), and the aligner leaves it unpaired, while it
#: merges a short sentence whose translation was really dropped into a neighbouring pair. On
#: MAC-Dev through the aligner these made 5 of the 13 A001 findings on the clean chapters,
#: and none of the injected dropped sentences the pipeline found was this short (seeds 1-6:
#: the shortest had 18 units); given the gold alignment, 1-2 of 25 per seed were.
FOLDED_UNITS = 16


def _folded(run: list[SentencePair], side: str) -> bool:
    """Whether an unpaired run of prose is too short to judge (see :data:`FOLDED_UNITS`)."""
    return sum(length_units(s.text) for p in run for s in getattr(p, side)) < FOLDED_UNITS


#: An unpaired run is the aligner's miss rather than an omission or addition when text near
#: it on the other side renders it: at least this share of its content words is found there
#: (dictionary, names, numbers, Latin tokens) and one piece of that text is this similar to
#: it (cosine, where the model is present) — for an unpaired run of the other side (the
#: two then translate each other: "避免大量相同定时时刻的消息" and "We recommend that you do not
#: schedule the same delivery time for a large number of messages.", 50% and 0.57) …
CROSSED = (0.5, 0.5)
#: … and, stricter, for a neighbouring pair's other side, which is there to render its own
#: side: judged on the docs pages, a real omission next to a pair on the same subject found
#: 56% of its words there and a piece 0.64 alike ("Remoting 协议 SDK 和服务端主仓库同步演进
#: 迭代。" beside the paragraph on the Remoting SDK), the misses 67-100% and 0.67-0.82 —
#: or a piece of the neighbour nearly the same (0.8) with fewer of the words found.
NEIGHBOUR = ((0.6, 0.65), (0.4, 0.8))
#: Unpaired runs of the two sides this many pairs apart or closer may translate each other.
CROSS_WINDOW = 3


def _text(sentences: list[Sentence]) -> str:
    """The sentences' text, joined as their language writes it (no space in Chinese)."""
    return ("" if sentences[0].lang == "zh" else " ").join(s.text for s in sentences)


def _renders(sentences: list[Sentence], other: list[Sentence], semantic: bool,
             *bars: tuple[float, float]) -> bool:
    """Whether ``other`` (sentences of the other side) renders ``sentences``: for one of the
    ``(share, similarity)`` bars, this share of their words found (no judgement without the
    dictionary), and a piece of ``other`` this similar (when the model is there)."""
    found, best = rendered_in(_text(sentences), sentences[0].lang, _text(other),
                              other[0].lang, semantic)
    return found is not None and any(found >= share and (best is None or best >= similarity)
                                     for share, similarity in bars)


def aligner_misses(doc: AlignedDocument, ctx: CheckContext) -> set[tuple[str, int]]:
    """``(side, sentence index)`` of unpaired sentences that are the aligner's miss, not a
    defect (cached on the document).

    Either a run of one side is rendered by an unpaired run of the other side a few pairs
    away (the aligner made a 1-0 and a 0-1 bead instead of a 1-1: "针对 Broker 升级，分为两种
    情况：" and "For broker upgrades, there are two cases:"), or by the other side of a
    neighbouring pair (one zh sentence translated as two en sentences, the second left
    unpaired: "…，这样可以更好的运维和管理生产系统，避免混乱。").
    """
    cached = getattr(doc, "_aligner_misses", None)
    if cached is not None:
        return cached
    semantic = ctx.settings.options.semantic_evidence
    similarity = semantic_evidence(doc, ctx)
    claims: dict[int, set[str]] = {}
    position = {id(p): k for k, p in enumerate(doc.pairs)}
    runs = {side: _raw_runs(doc, side) for side in ("source", "target")}
    out: set[tuple[str, int]] = set()
    for side, other in (("source", "target"), ("target", "source")):
        for run in runs[side]:
            mine = [s for p in run for s in getattr(p, side)]
            first, last = position[id(run[0])], position[id(run[-1])]
            crossed = [[s for p in r for s in getattr(p, other)] for r in runs[other]
                       if position[id(r[0])] - last <= CROSS_WINDOW
                       and first - position[id(r[-1])] <= CROSS_WINDOW]
            # A short run has too few words and too noisy a vector to be placed in its
            # neighbour ("非叫你投降不可。”" against "But that's no problem.").
            neighbours = [getattr(doc.pairs[k], other) for k in (first - 1, last + 1)
                          if 0 <= k < len(doc.pairs) and doc.pairs[k].source
                          and doc.pairs[k].target] \
                if sum(length_units(s.text) for s in mine) >= MIN_UNITS else []
            for theirs in crossed:
                if _renders(mine, theirs, semantic, CROSSED):
                    # Each is the other's translation: neither is a defect.
                    out |= {(side, s.index) for s in mine}
                    out |= {(other, s.index) for s in theirs}
            reliable = similarity is not None and similarity.reliable
            claimed = _claimed_pair(doc, similarity, side, first, last, mine) \
                if reliable else None
            if claimed is not None:
                k, run_part = claimed
                out |= {(side, s.index) for s in run_part}
                claims.setdefault(k, set()).add(side)
            if any(_renders(mine, n, semantic, *NEIGHBOUR) for n in neighbours) or \
                    _verbatim_in_other(doc, mine, other):
                out |= {(side, s.index) for s in mine}
            elif reliable:
                out |= _split_rendering(doc, similarity, side, first, last, mine)
    # The pair's own sentences are left without a counterpart, unless runs of both sides
    # claim it (the aligner shifted a stretch by one: nothing is missing).
    moved = {(side, s.index) for k, sides in claims.items() if len(sides) == 1
             for side in sides for s in getattr(doc.pairs[k], side)}
    doc._aligner_misses = out  # type: ignore[attr-defined]
    doc._displaced = moved - out  # type: ignore[attr-defined]
    return out


def displaced(doc: AlignedDocument, ctx: CheckContext, side: str) -> list[list[Sentence]]:
    """Sentences of ``side`` in pairs whose other side translates an unpaired run of ``side``
    nearby instead (see :func:`_claimed_pair`): left without a counterpart, grouped by
    pair."""
    aligner_misses(doc, ctx)
    moved = doc._displaced  # type: ignore[attr-defined]
    groups = [[s for s in getattr(p, side) if (side, s.index) in moved] for p in doc.pairs]
    return [g for g in groups if g]


#: A pair whose sides are this many standard deviations below the document's typical
#: aligned pair is misaligned when an unpaired run nearby matches its other side at the
#: typical level (this many deviations or better) and this much better than its own side:
#: "Development mailing list : …开发者通过该邮件列表交流新特性…" unpaired, its English paired
#: with the subscription steps two items later (0.30 against 0.89).
CLAIM_OWN_Z = -2.5
CLAIM_Z = -1.0
CLAIM_GAIN = 0.3


def _claimed_pair(doc: AlignedDocument, similarity: DocumentSimilarity, side: str,
                  first: int, last: int, mine: list[Sentence],
                  ) -> tuple[int, list[Sentence]] | None:
    """``(position of the pair, part of the run)`` when a nearby pair's
    other side translates a contiguous part of the unpaired run ``mine`` far better than
    its own side: the aligner paired the translation with the wrong sentences."""
    other = "target" if side == "source" else "source"
    best: tuple[float, int, list[Sentence]] | None = None
    for k in range(max(0, first - CROSS_WINDOW), min(len(doc.pairs), last + CROSS_WINDOW + 1)):
        pair = doc.pairs[k]
        if not pair.source or not pair.target:
            continue
        own = similarity.pair(pair)
        if similarity.z_aligned(own) > CLAIM_OWN_Z:
            continue
        theirs = [s.index for s in getattr(pair, other)]
        for a in range(len(mine)):
            for b in range(a + 1, min(len(mine), a + len(theirs) + 2) + 1):
                part = [s.index for s in mine[a:b]]
                sim = similarity.between(part, theirs) if side == "source" else \
                    similarity.between(theirs, part)
                if similarity.z_aligned(sim) >= CLAIM_Z and sim >= own + CLAIM_GAIN and \
                        (best is None or sim > best[0]):
                    best = (sim, k, mine[a:b])
    # The words agree too (where the dictionary is present): the vectors alone place a
    # sentence on a subject, not its translation.
    if best is None or not _renders(best[2], getattr(doc.pairs[best[1]], other), True,
                                    CROSSED):
        return None
    return best[1], best[2]


#: An unpaired sentence next to a pair renders part of the pair's other side (one sentence
#: translated as two, the aligner pairing one) when adding it to the pair's own side raises
#: the pair's similarity by this many deviations of the document's aligned pairs, to within
#: this many deviations of its typical aligned pair: "A producer encapsulates the load …
#: of business data into messages." before "Then, the broker delivers …" for "生产者将业务
#: 数据的负载…，服务端按照相关语义将消息投递到消费端" (0.29 → 0.45, 1.5 deviations); an added
#: sentence lowers it ("Here's the English translation of the content:", 0.73 → 0.58), and
#: a novel's dropped line beside short exclamations raises it a little ("Have I been wrong
#: all this time …?" beside "Aiyeeh! Of course!", 0.18 → 0.27, 0.6 deviations).
SPLIT_GAIN = 1.0
SPLIT_Z = -2.0


def _split_rendering(doc: AlignedDocument, similarity: DocumentSimilarity, side: str,
                     first: int, last: int, mine: list[Sentence]) -> set[tuple[str, int]]:
    """The sentences of the run that a neighbouring pair renders as a 1-2 bead of a
    translation would score (see ``SPLIT_GAIN``): the part of the run next to the pair
    whose every sentence raises the pair's similarity, else nothing."""
    out: set[tuple[str, int]] = set()
    for k, parts in ((first - 1, [mine[:n] for n in range(1, len(mine) + 1)]),
                     (last + 1, [mine[n:] for n in range(len(mine))])):
        if not 0 <= k < len(doc.pairs) or not doc.pairs[k].source or not doc.pairs[k].target:
            continue
        pair = doc.pairs[k]
        src, tgt = [s.index for s in pair.source], [t.index for t in pair.target]

        def joined(part: list[Sentence], src: list[int] = src, tgt: list[int] = tgt) -> float:
            ids = [s.index for s in part]
            return similarity.between(src + ids, tgt) if side == "source" else \
                similarity.between(src, tgt + ids)

        own = similarity.between(src, tgt)
        best = max(parts, key=joined)
        score = joined(best)
        # Every sentence of the part counts: one more sentence (an added one) lowers it.
        each = all(joined([x for x in best if x is not s]) < score for s in best) \
            if len(best) > 1 else True
        gain = (score - own) / similarity.aligned_spread
        if gain >= SPLIT_GAIN and similarity.z_aligned(score) >= SPLIT_Z and each:
            out |= {(side, s.index) for s in best}
    return out


def _verbatim_in_other(doc: AlignedDocument, sentences: list[Sentence], other: str) -> bool:
    """Whether an unpaired run is code-like text (an identifier, a value: nothing to
    translate) that the other document has verbatim: the aligner paired the table rows
    crosswise ("source_table_name" in the zh table, paired with another row in the en one)."""
    text = _text(sentences)
    if has_han(text) or not _code_like(text) or len(_bare(text)) < 4:
        return False
    document = doc.alignment.target if other == "target" else doc.alignment.source
    return _bare(text) in _bare_document(document.text)


def _raw_runs(doc: AlignedDocument, side: str) -> list[list[SentencePair]]:
    """Consecutive pairs with only ``side`` filled."""
    other = "target" if side == "source" else "source"
    runs: list[list[SentencePair]] = [[]]
    for pair in doc.pairs:
        if getattr(pair, side) and not getattr(pair, other):
            runs[-1].append(pair)
        elif runs[-1]:
            runs.append([])
    return [r for r in runs if r]


def _cells_in_place(doc: AlignedDocument, side: str) -> set[int]:
    """Unpaired table cells of ``side`` (whole cells) whose row is aligned with a row of as
    many cells whose cell at the same position has text: translated one for one, though the
    aligner paired the cells crosswise ("是否必传" | "参数类型" against "type" | "data type")."""
    mine_doc = doc.alignment.source if side == "source" else doc.alignment.target
    other_doc = doc.alignment.target if side == "source" else doc.alignment.source
    other = "target" if side == "source" else "source"
    links: dict[int, set[int]] = {}
    unpaired: list[Sentence] = []
    paired_cells: set[tuple[int, int | None]] = set()
    for pair in doc.pairs:
        mine, theirs = getattr(pair, side), getattr(pair, other)
        if mine and not theirs:
            unpaired += [s for s in mine if s.cell is not None]
        elif mine and theirs:
            for s in mine:
                links.setdefault(s.block, set()).update(t.block for t in theirs)
                paired_cells.add((s.block, s.cell))
    out = set()
    for s in unpaired:
        if (s.block, s.cell) in paired_cells:
            continue  # the rest of the cell is translated: this sentence was left out
        row = mine_doc.blocks[s.block]
        for k in links.get(s.block, ()):
            partner = other_doc.blocks[k]
            if partner.kind is BlockKind.TABLE_ROW and len(partner.cells) == len(row.cells) \
                    and partner.cells[s.cell].text.strip():
                out.add(s.index)
                break
    return out


def _code_from_a_block(doc: AlignedDocument, side: str) -> set[int]:
    """Unpaired sentences of ``side`` that are nothing but inline code found in a code block
    of the other side: a command moved from a fenced block into inline code (```` ```shell
    $ nohup sh bin/mqbroker … ``` ```` → ```nohup sh bin/mqbroker …```), not added text.

    Only the unpaired sentences are looked at: each search is of all the other side's code,
    so asking it of every sentence made long documents quadratic."""
    mine_doc = doc.alignment.source if side == "source" else doc.alignment.target
    other_doc = doc.alignment.target if side == "source" else doc.alignment.source
    other = "target" if side == "source" else "source"
    unpaired = [s for p in doc.pairs if not getattr(p, other) for s in getattr(p, side)]
    if not unpaired:
        return set()
    code = " ".join(" ".join(b.raw.split()) for b in other_doc.blocks
                    if b.kind is BlockKind.CODE)
    if not code:
        return set()
    out = set()
    for s in unpaired:
        spans = [sp for sp in s.spans if sp.kind == "code" and s.start <= sp.start < s.end]
        if not spans:
            continue
        rest = s.raw
        for sp in sorted(spans, key=lambda sp: -sp.start):
            a, b = sp.start - s.start, sp.end - s.start
            rest = rest[:a] + rest[b:]
        inner = [" ".join(mine_doc.text[sp.inner_start:sp.inner_end].split()) for sp in spans]
        if not re.sub(r"[\W_]", "", rest) and all(c and c in code for c in inner):
            out.add(s.index)
    return out


def _prose_from_a_code_block(doc: AlignedDocument) -> set[int]:
    """Unpaired sentences of the translation that render prose the source wrote inside a
    code block: steps set in a fence by mistake (```` ```xml 1. 删除 distribution 模块的bin、
    conf和lib目录。``` ````), which the translation writes as a list. The block is mostly
    prose (see :func:`_prose_block`) and holds most of the sentence's content words."""
    source = doc.alignment.source
    unpaired = [s for p in doc.pairs if not p.source for s in p.target]
    if not unpaired:
        return set()
    blocks = " ".join(b.raw for b in source.blocks
                      if b.kind is BlockKind.CODE and _prose_block(b.raw, source.lang))
    if not blocks:
        return set()
    out = set()
    for s in unpaired:
        evidence = word_evidence(s.text, s.lang, blocks, source.lang)
        if evidence is not None and evidence[0] >= 3 and \
                evidence[1] >= PROSE_CODE_SHARE * evidence[0]:
            out.add(s.index)
    return out


#: A code block is prose when this share of its lines read as sentences: in Chinese, lines
#: with this many Chinese characters that are not comments (a program's comments are
#: marked: # 端口, // 创建连接); in English, a capitalised line of words that ends with a full
#: stop or a colon. An unpaired sentence renders it when this share of its content words is
#: found there.
PROSE_CODE_HAN = 5
PROSE_CODE_LINES = 0.6
_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")
_COMMENT_MARKS = ("#", "//", "--", "/*", "*", "<!--", ";", "%", "REM ")
PROSE_CODE_SHARE = 0.5
_SENTENCE_LINE = re.compile(r"\s*(?:\d{1,2}[.)]\s*)?[A-Z][a-z]+(?: [A-Za-z,'-]+){3,}[.:]\s*")


def _prose_block(raw: str, lang: str) -> bool:
    """Whether a code block's lines are sentences rather than code (see PROSE_CODE_LINES)."""
    lines = [ln for ln in raw.splitlines()[1:] if ln.strip() and not ln.lstrip().startswith(
        ("```", "~~~"))]
    if not lines:
        return False
    if lang == "zh":
        prose = sum(1 for ln in lines if not ln.lstrip().startswith(_COMMENT_MARKS)
                    and len(_HAN_CHAR.findall(ln)) >= PROSE_CODE_HAN)
    else:
        prose = sum(1 for ln in lines if _SENTENCE_LINE.fullmatch(ln))
    return prose >= PROSE_CODE_LINES * len(lines)


def _same_section(document: Document, opening: Sentence, last: Sentence,
                  first: Sentence) -> bool:
    """Whether an unpaired run that opens with a Markdown heading goes on with the unpaired
    sentence ``first`` of the next blocks of its section (nothing but blank lines and code
    between, no heading as high): a section missing from the other side is one defect."""
    head = document.blocks[opening.block]
    if head.kind is not BlockKind.HEADING or not head.level:
        return False
    for b in document.blocks[last.block + 1:first.block + 1]:
        if b.kind is BlockKind.HEADING and b.level and b.level <= head.level:
            return False
        if b.index < first.block and b.sentences:
            return False  # a paired block between: two defects
    return True


def _same_run(document: Document, last: Sentence, first: Sentence) -> bool:
    """Whether two unpaired sentences belong to one defect: one block, or adjacent rows of a
    table."""
    if last.block == first.block:
        return True
    a, b = document.blocks[last.block], document.blocks[first.block]
    between = document.blocks[last.block + 1:first.block]
    return (a.kind is BlockKind.TABLE_ROW and b.kind is BlockKind.TABLE_ROW
            and all(x.kind is BlockKind.TABLE_ROW or x.kind is BlockKind.TABLE_DELIMITER
                    for x in between))


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
        words.update(document_vocabulary((d.alignment.source, d.alignment.target)))
    return words


def document_vocabulary(documents: Iterable[Document]) -> Counter[str]:
    """Lower-cased Latin words of the documents' sentences, with counts: what each document
    pair adds to :func:`vocabulary` (a parallel run sums these before any rule runs)."""
    return text_vocabulary(s.text for document in documents for s in document.sentences)


def text_vocabulary(texts: Iterable[str]) -> Counter[str]:
    """Lower-cased Latin words of prose texts, with counts (see :func:`document_vocabulary`).

    >>> text_vocabulary(["It's NMDA", "it works."])
    Counter({"it's": 1, 'nmda': 1, 'it': 1, 'works': 1})
    """
    # One scan of the texts joined by a line break, which no word holds: the same words in
    # the same order as a scan per text, without a call per text.
    return Counter(map(str.lower, _EN_WORD.findall("\n".join(texts))))


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


#: A side that ends unpunctuated while its counterpart ends properly and goes on is cut off
#: when its length is at most this share of what the counterpart predicts …
CUT_SHARE = 0.67
#: … and lies this many standard deviations short (a document whose paragraphs end with
#: punctuation: there the missing end mark is evidence too) …
CUT_Z = 1.5
#: … or, when it visibly stops mid-clause ("…的", "…, and the") or ends in a word amid
#: punctuated prose, at most this share. A side that stops after a word that cannot end a
#: sentence ("of", "the", "的") amid punctuated prose is cut at any length: its pair may be
#: a merge whose other sentences make up the length (bench/qa_eval.py, seed 7, through the
#: aligner: cut English sentences found 0.60 -> 0.80, cut Chinese 0.76 -> 0.80, no clean
#: pair of MAC-Dev or the Bible and no docs page newly flagged).
MID_CLAUSE_SHARE = 0.85
#: A side that only ends early (no cut word, no dangling clause) must lack at least this many
#: length units of what its counterpart predicts: a clause's worth (judged on docs pages, the
#: false alarms lacked 15-25 units, the real cut 87; at 40, bench/qa_eval.py's injected
#: sentence cuts fell from 0.68 to 0.40 recall, at 27 they are 0.56 and the docs pages'
#: A003 findings are the same four).
CUT_MIN_UNITS = 27
#: A side's paragraphs "end with punctuation" when this share of them do (at least 3).
PUNCTUATED_SHARE = 0.9

#: Words after which an English sentence cannot end: articles, prepositions, conjunctions.
_EN_DANGLING = frozenset(
    "the a an of to for with and or but by from in on at into as than that which whose "
    "is are was were be been their its our your this these those".split())
#: Characters after which a Chinese sentence cannot end: particles, prepositions, conjunctions,
#: adverbs that stand before their verb ("从此，片厂就", "我又觉得用不" is cut at 不), and the
#: demonstratives before their noun ("他怎么又跑出这").
_ZH_DANGLING = frozenset("的地得和与及或在对把被从向将而并且但因为以于是让使由就才也又再很没不这那")
#: Words of more than one character that leave a clause open (a conjunction, a preposition).
_ZH_DANGLING_WORDS = frozenset(
    "因为 但是 并且 而且 以及 或者 由于 对于 关于 为了 如果 虽然 然后 所以 以便 从而 及其 "
    "还是 或是 的话 通过 根据 按照 依照 除了 随着".split())
#: Marks inside a clause: a text that ends with one stops in the middle of a sentence.
_CLAUSE_MARKS = frozenset(",，、")
#: Blocks that usually follow a lead-in ("… as follows", "set the variable `X`").
_LEAD_IN_NEXT = frozenset({BlockKind.CODE, BlockKind.TABLE_ROW, BlockKind.LIST_ITEM,
                           BlockKind.HTML, BlockKind.ADMONITION})


@dataclass
class _Cut:
    """Evidence that a block of one side is cut off."""

    block: Block
    sentence: Sentence
    reasons: list[str]
    start: int  # offset where the finding points (a cut word, or the sentence)
    #: A cut word or an enumeration left open is certain (error); a side that only stops
    #: early next to a fuller counterpart may be a terse rendering (warning: judged on real
    #: docs pages, such findings were right about half the time).
    certain: bool = True
    #: The side is whole, with left-over text after its last sentence ("… Subscriptions. aa").
    stray: bool = False
    #: The sentences it renders in part when the aligner paired it with others (see
    #: :func:`misplaced_cut`); None: its own pair's other side.
    counterpart: list[Sentence] | None = None
    #: Found from where the aligner put the sentence (see :func:`_inner_cut`), not from its
    #: counterpart's length or words: a misplaced cut (:func:`misplaced_cut`) says more.
    by_shape: bool = False


def is_label(block: Block, sentence: Sentence) -> bool:
    """Whether a sentence is text that ends without a period by convention: a heading or
    admonition title, a front-matter field, a table cell, or one that ends in image alt text."""
    if block.kind is BlockKind.HEADING and not prose_line(block):
        return True
    if block.kind is BlockKind.TABLE_ROW or sentence.cell is not None:
        return True
    if block.kind is BlockKind.PARAGRAPH and block.marker not in ("", ">"):
        return True  # a front-matter field ("description: …") is labelled by its key
    end = sentence.start + len(sentence.raw.rstrip())
    return any(sp.kind == "image" and sp.end >= end for sp in sentence.spans)


def prose_line(block: Block) -> bool:
    """Whether a block the reader took for a plain title line (a lone line without a final
    mark, no "#") reads as prose: titles have no clause marks and are short, so a line with a
    comma inside, or a long one, is a sentence that lost its end."""
    if block.kind is not BlockKind.HEADING or block.marker or block.level:
        return block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
    text = block.text.strip()
    return bool(re.search(r"[，、；]|[,;] ", text)) or length_units(text) >= 60


def is_lead_in(document: Document, block: Block) -> bool:
    """Whether a block introduces what follows it (a code block, list, table …)."""
    blocks = document.blocks
    for j in range(block.index + 1, len(blocks)):  # by index: a slice copied the rest each time
        nxt = blocks[j]
        if nxt.kind is BlockKind.BLANK:
            continue
        return nxt.kind in _LEAD_IN_NEXT and not (
            block.kind is BlockKind.LIST_ITEM and nxt.kind is BlockKind.LIST_ITEM
            and nxt.level <= block.level)  # an item that opens a nested list leads in to it
    return False


def ends_mid_clause(text: str, lang: str, whole_words: bool = False) -> str | None:
    """The dangling ending of a text that stops inside a clause (a comma, "the", "的"), if any.

    >>> ends_mid_clause("Effects appear within 10 minutes and the", "en")
    'the'
    >>> ends_mid_clause("氯胺酮阻断抑制性神经元上的", "zh")
    '的'
    >>> ends_mid_clause("返回Zeta集群的概览", "zh") is None
    True
    """
    t = text.rstrip().rstrip(_CLOSERS).rstrip()
    if not t:
        return None
    if t[-1] in _CLAUSE_MARKS:
        return t[-1]
    if lang == "zh" or has_han(t[-1]):
        if t[-1] not in _ZH_DANGLING or len(t) < 6:
            return None
        if not whole_words:
            return t[-1]
        # With ``whole_words`` (a list item, a table cell: fragments, which need no end mark)
        # the character must end the text as a word of its own: 存在 ("exist") and 路由
        # ("route") end in 在 and 由 but are whole (higress, judged false); 因为, 以及 dangle.
        last = zh_tokens(t[-12:])[-1]
        return t[-1] if len(last) == 1 or any(map(last.endswith, _ZH_DANGLING_WORDS)) \
            else None
    m = re.search(r"([A-Za-z]+)$", t)
    word = m.group(1) if m else ""
    return word if word.lower() in _EN_DANGLING and len(t.split()) >= 4 else None


@per_document
def _punctuated(document: Document) -> bool:
    """Whether the document's prose paragraphs consistently end with punctuation (once per
    document: A003 asks for every unpunctuated sentence)."""
    ends = [ends_with_punctuation(b.sentences[-1].text) for b in document.blocks
            if b.kind is BlockKind.PARAGRAPH and b.sentences
            and not is_label(b, b.sentences[-1])]
    return len(ends) >= 3 and sum(ends) >= PUNCTUATED_SHARE * len(ends)


@per_document
def _strictly_punctuated(document: Document) -> bool:
    """Whether the document is running prose that ends its paragraphs with punctuation
    without exception: at least :data:`STRICT_PARAGRAPHS` paragraphs, and at most one in
    :data:`STRICT_BARE` not (a title, a line cut off). There a paragraph that ends in a word
    is a cut whatever its length."""
    # A paragraph that stops mid-clause ("…and the") is a cut itself, not a sign that the
    # text leaves its paragraphs bare: several cuts must not hide one another.
    ends = [ends_with_punctuation(text) or ends_mid_clause(text, document.lang) is not None
            for b in document.blocks if b.kind is BlockKind.PARAGRAPH and b.sentences
            for text in (b.sentences[-1].text,)]
    return len(ends) >= STRICT_PARAGRAPHS and \
        len(ends) - sum(ends) <= len(ends) / STRICT_BARE


#: See :func:`_strictly_punctuated`.
STRICT_PARAGRAPHS = 50
STRICT_BARE = 100


_CONTINUING = re.compile(r"\s*(?:[—–\-…⋯,，、;；]|\.\.\.|[a-z])")


def _continued(document: Document, block: Block) -> bool:
    """Whether the next paragraph goes on with the block's sentence: it opens with a dash,
    an ellipsis, a comma or a lower-case letter ("…佼佼者" + "——我爷爷辈的好汉们…")."""
    for nxt in document.blocks[block.index + 1:]:
        if nxt.kind is BlockKind.BLANK:
            continue
        return bool(nxt.sentences) and bool(_CONTINUING.match(nxt.sentences[0].raw))
    return False


def _long_enough(sentence: Sentence) -> bool:
    """Whether a sentence is long enough to be one, not a title (see INNER_MIN_WORDS)."""
    text = sentence.text.rstrip()
    return len(text) >= INNER_MIN_CHARS if sentence.lang == "zh" else \
        len(text.split()) >= INNER_MIN_WORDS


@per_document
def _ends_at_commas(document: Document) -> bool:
    """Whether the document ends many of its paragraphs at a comma (at least
    :data:`COMMA_ENDS` of them, and 3): a text divided into verses, not sentences ("耶和华
    又对摩西说，你往百姓那里去，叫他们今天明天自洁，" is a whole verse of the Bible), where
    a paragraph ending at a comma is no sign of a cut."""
    ends = [ends_mid_clause(b.sentences[-1].text, document.lang) in _CLAUSE_MARKS
            for b in document.blocks
            if b.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM) and b.sentences
            and not is_label(b, b.sentences[-1])]
    return sum(ends) >= 3 and sum(ends) >= COMMA_ENDS * len(ends)


#: A document whose paragraphs end at a comma this often (and at least 3 times) does so by
#: its own style (see :func:`_ends_at_commas`). The Bible ends 10% of its Chinese verses and
#: 6% of its English ones at a comma; MAC-Dev's novels at most 0.6% of their paragraphs; of
#: the docs pages one (a release manual, 8 of 141 paragraphs) passes this share.
COMMA_ENDS = 0.03


def _open_end(text: str) -> bool:
    """Whether a text ends in a word or Han character (not a number, code or symbol): where
    a sentence stopped rather than a label or value ended."""
    t = text.rstrip().rstrip(_CLOSERS).rstrip()
    return bool(t) and (has_han(t[-1]) or t[-1].isalpha())


def _after_full_sentences(block: Block, sentence: Sentence) -> bool:
    """Whether the sentence follows sentences of its own block that all end properly: prose,
    where an unpunctuated end means the text stops."""
    before = [s for s in block.sentences if s.index < sentence.index]
    return bool(before) and all(ends_with_punctuation(s.text) for s in before)


def _in_punctuated_prose(document: Document, block: Block, sentence: Sentence) -> bool:
    """Whether the text around a sentence ends its sentences with punctuation, so that a
    missing end mark there is unusual: the sentences before it in its block, the items of
    its list, or the paragraphs of its document."""
    if block.kind is BlockKind.LIST_ITEM:
        siblings = [b for b in document.list_siblings(block) if b.sentences]
        ends = [ends_with_punctuation(b.sentences[-1].text) for b in siblings]
        if len(ends) >= 2:  # a list's own style decides: many lists end items bare
            return sum(ends) >= PUNCTUATED_SHARE * len(ends)
        return _after_full_sentences(block, sentence)
    return _after_full_sentences(block, sentence) or _punctuated(document)


def pair_cut(doc: AlignedDocument, pair: SentencePair, model: LengthModel) -> _Cut | None:
    """Evidence from its pair that one side of ``pair`` is cut off, if any.

    The side ends without punctuation in a prose paragraph or list item (not a label, not a
    lead-in) while its counterpart ends properly and says clearly more: it stops mid-clause,
    or it is far shorter in a document whose paragraphs end with punctuation.
    """
    if not pair.source or not pair.target:
        return None
    s, t = length_units(pair.source_text), length_units(pair.target_text)
    if max(s, t) < MIN_UNITS:
        return _inner_cut(doc, pair)
    z, expected = model.z(s, t), model.expected(s)
    for short, other, share, zside in (
            (pair.target, pair.source, t / max(expected, 1), z),
            (pair.source, pair.target, expected / max(t, 1), -z)):
        last = short[-1]
        document = document_of(doc, last)
        block = document.blocks[last.block]
        if not _stops_short_of(doc, document, block, last, other):
            continue
        dangling = ends_mid_clause(last.text, last.lang, whole_words=block.kind in (
            BlockKind.LIST_ITEM, BlockKind.TABLE_ROW, BlockKind.HEADING))
        if dangling in _CLAUSE_MARKS and _ends_at_commas(document):
            dangling = None  # the document's own style: verses, not sentences, per paragraph
        if dangling and (share < MID_CLAUSE_SHARE or (
                dangling not in _CLAUSE_MARKS and _in_punctuated_prose(document, block, last))):
            return _Cut(block, last, [f"stops mid-clause (after \"{dangling}\") where its "
                                      "counterpart goes on"], last.start, certain=False)
        if not _in_punctuated_prose(document, block, last):
            continue
        quote = _open_quotation(last.text)
        if quote and _open_end(last.text):
            return _Cut(block, last, [f"stops inside the quotation it opens (\"{quote}\") "
                                      "without punctuation, where its counterpart ends properly"],
                        last.start, certain=False)
        # What the side lacks, in the counterpart's units: less than a clause's worth is a
        # terse rendering of a complete sentence that just has no end mark ("具体可以参考
        # plain_acl.yml配置文件" for "Refer to the … file for specific information."), unless
        # the side is at most two thirds of what it should be: a short sentence cut in half
        # lacks little ("但沙瑞山立刻抽走了" for "But Sha then deprived him of this last
        # glimmer of hope.", 58%, 20 units short).
        lacks = expected - t if short is pair.target else t - expected
        if not (lacks < CUT_MIN_UNITS and share > CUT_SHARE) and (
                (share < CUT_SHARE and zside < -CUT_Z) or (
                    share < MID_CLAUSE_SHARE and zside < -1.0 and _open_end(last.text))):
            return _Cut(block, last, [f"is {share:.0%} of the length its counterpart "
                                      "predicts and ends without the punctuation that its "
                                      "counterpart and the sentences around it have"],
                        last.start, certain=False)
        if not _open_end(last.text):
            continue
        # Several sentences on the side: their length says nothing of the last one's (a cut
        # sentence the aligner put with the one before it, "Unable to beat me at wrestling,
        # Shan Men Er began to punch me. I kicked him into a manure pit right").
        if share < LOST_END_SHARE or len(short) > 1:
            lost = _lost_end(other[-1], short)
            if lost is not None:
                return _Cut(block, last, [f"ends without the punctuation that its counterpart "
                                          "and the sentences around it have, and renders "
                                          "nothing of its counterpart's last clause "
                                          f"(\"{_snippet(lost, 40)}\")"],
                            last.start, certain=False)
        if len(short) == 1 and _paragraph_end(document, block) and not _emphasised(last) \
                and _long_enough(last) and not _continued(document, block) \
                and _strictly_punctuated(document) \
                and _strictly_punctuated(document_of(doc, other[-1])):
            return _Cut(block, last, ["ends its paragraph in a word, without punctuation, in a "
                                      "text whose paragraphs all end with it, where its "
                                      "counterpart ends properly"],
                        last.start, certain=False)
        if len(short) > 1 and _paragraph_end(document, block) and not _emphasised(last) and \
                all(ends_with_punctuation(x.text) for x in short[:-1]):
            return _Cut(block, last, ["ends its paragraph in a word, without the punctuation "
                                      "that its counterpart and the sentences around it have, "
                                      "and the aligner paired it together with the complete "
                                      "sentence before it, as it does a sentence cut short"],
                        last.start, certain=False, by_shape=True)
    return _inner_cut(doc, pair)


#: An inner sentence that ends its paragraph bare is a cut only when it is a sentence, not a
#: title ("The Film Studio"): this many words (English) or characters (Chinese) at least.
INNER_MIN_WORDS = 4
INNER_MIN_CHARS = 6
_SENTENCE_START = re.compile(r"[\"'“‘(（]*[A-Z0-9]")


def _inner_cut(doc: AlignedDocument, pair: SentencePair) -> _Cut | None:
    """A sentence inside one side of ``pair`` (not its last) that ends its paragraph in a
    word, without punctuation, amid punctuated prose, while the other side ends properly:
    a sentence cut off that the aligner put together with the paragraph after it ("他还说，
    我的行为够" + "我可以辩解说，我没搞破鞋。" against one English sentence), where the side's
    length says nothing of the cut.

    A paragraph break inside a sentence is no cut: a side that stops at a comma ("因此，为了
    保证分组内消息的正常负载和消费，" + "Apache RocketMQ 要求…") or an English paragraph
    followed by one that does not begin a sentence ("please refer to the" + "[Allow …](…)")
    goes on in the next paragraph; so does a line of a hard-wrapped paragraph (the reader
    takes each line for a block): the paragraph must end at a blank line.
    """
    for short, other in ((pair.target, pair.source), (pair.source, pair.target)):
        for k, sentence in enumerate(short[:-1]):
            document = document_of(doc, sentence)
            block = document.blocks[sentence.block]
            text = sentence.text.rstrip()
            if block.sentences[-1] is not sentence or not _blank_after(document, block):
                continue
            if not _long_enough(sentence) or (sentence.lang != "zh" and not
                                               _SENTENCE_START.match(short[k + 1].raw.lstrip())):
                continue
            if not _ends_bare_in_prose(doc, document, block, sentence, other):
                continue
            dangling = ends_mid_clause(text, sentence.lang)
            reason = (f"stops mid-clause (after \"{dangling}\")" if dangling else
                      "ends in a word, without punctuation,")
            return _Cut(block, sentence, [f"{reason} at the end of its paragraph amid punctuated "
                                          "prose, and the paragraph after it, paired with the "
                                          "same counterpart, does not complete it"],
                        sentence.start, certain=False, by_shape=True)
    return None


def _open_quotation(text: str) -> str | None:
    """The start of a quotation that ``text`` opens and does not close ("小玄子道：“你不服"
    gives "“你不服"), if any."""
    for opening, closing in QUOTATIONS.items():
        at = text.rfind(opening)
        if at >= 0 and closing not in text[at:]:
            return _snippet(text[at:], 12)
    return None


def _ends_bare_in_prose(doc: AlignedDocument, document: Document, block: Block,
                        sentence: Sentence, other: list[Sentence]) -> bool:
    """Whether ``sentence`` stops short of ``other``, what it renders (see
    :func:`_stops_short_of`), in a word, amid punctuated prose, and is not a label set in bold
    or italics: where a cut that the aligner's pairing hides is looked for."""
    return (_stops_short_of(doc, document, block, sentence, other) and not _emphasised(sentence)
            and _open_end(sentence.text) and _in_punctuated_prose(document, block, sentence))


def _paragraph_end(document: Document, block: Block) -> bool:
    """Whether the block ends a paragraph: a blank line or the end of the document follows,
    not the next line of a hard-wrapped paragraph (the reader takes each line for a block)."""
    return block.index + 1 == len(document.blocks) or _blank_after(document, block)


def _blank_after(document: Document, block: Block) -> bool:
    """Whether a blank line follows the block: it ends a paragraph, not a line of one."""
    following = block.index + 1
    return following < len(document.blocks) and \
        document.blocks[following].kind is BlockKind.BLANK


def _stops_short_of(doc: AlignedDocument, document: Document, block: Block, last: Sentence,
                    other: list[Sentence]) -> bool:
    """Whether ``last`` ends a prose paragraph or list item (not a label, not a lead-in)
    without punctuation while ``other``, what it renders, ends properly: where A003 looks
    for a cut (see :func:`pair_cut` and :func:`misplaced_cut`)."""
    prose = prose_line(block) or _renders_prose(doc, block, other)
    return not (not prose or (is_label(block, last) and block.kind is not BlockKind.HEADING)
                or is_lead_in(document, block) or ends_with_punctuation(last.text)
                or not ends_with_punctuation(other[-1].text))


#: A side that ends in a word amid punctuated prose, at most this share of the length its
#: counterpart predicts, is cut off when it renders none of the counterpart's last clause
#: (see :func:`_lost_end`): a novel's sentence cut at half its length is often still 60-85%
#: of what a literal translation would take ("韦小宝扑了个空，本已收脚不住" for "…, unable to
#: rein himself in, and went crashing to the ground."), while a terse docs sentence without
#: its end mark keeps its counterpart's words ("不建议频繁创建和销毁生产者" for "Do not
#: create and destroy producers on a regular basis.").
LOST_END_SHARE = 0.9
#: The counterpart's last clause is not rendered when it has at least this many content
#: units (dictionary words, names, numbers, Latin tokens) …
LOST_END_UNITS = 2
#: … and fewer than this share of them is found in the side.
LOST_END_MAX_SHARE = 0.2


def _lost_end(sentence: Sentence, short: list[Sentence]) -> str | None:
    """The last clause of ``sentence`` when the text of ``short`` (the other side) renders
    none of it: few of its content words are found there (None without the dictionary)."""
    clauses = split_clauses(sentence.text, sentence.lang)
    if len(clauses) < 2:
        return None  # one clause: the whole sentence, which the side does render in part
    a, b = clauses[-1]
    clause = sentence.text[a:b]
    evidence = word_evidence(clause, sentence.lang, _text(short), short[0].lang)
    if evidence is None:
        return None
    units, found = evidence
    if units < LOST_END_UNITS or found >= LOST_END_MAX_SHARE * units:
        return None
    return clause


def _renders_prose(doc: AlignedDocument, block: Block, other: list[Sentence]) -> bool:
    """Whether a lone line without a final mark, which the reader took for a title, renders
    a prose paragraph that ends properly: a title translates a title, so the line is a
    sentence that lost its end ("然后很多人拥了上" for "… and urging us to fight.")."""
    if block.kind is not BlockKind.HEADING or block.marker or block.level:
        return False
    theirs = document_of(doc, other[-1])
    their_block = theirs.blocks[other[-1].block]
    return (their_block.kind is BlockKind.PARAGRAPH and their_block.marker in ("", ">")
            and ends_with_punctuation(other[-1].text)
            and not label_line(theirs, other[-1]))


def _corpus_vocabulary(ctx: CheckContext, doc: AlignedDocument) -> Counter[str]:
    """The corpus vocabulary (cached per corpus: every A rule asks for it), or the one the
    run computed ahead (``ctx.vocabulary``: a worker has no corpus)."""
    if ctx.vocabulary is not None:
        return ctx.vocabulary
    docs = ctx.corpus or [doc]
    key = id(docs)
    cached = _VOCABULARY.get(key)
    if cached is None or cached[0] is not docs:
        _VOCABULARY.clear()  # one corpus per run: keep no stale vocabularies around
        cached = _VOCABULARY[key] = (docs, vocabulary(docs))
    return cached[1]


_VOCABULARY: dict[int, tuple[list[AlignedDocument], Counter[str]]] = {}


def truncations(doc: AlignedDocument, ctx: CheckContext) -> dict[str, dict[int, _Cut]]:
    """Cut-off blocks of the document by side and sentence index (cached on the document):
    the A003 evidence, which the other A rules defer to."""
    cached = getattr(doc, "_truncations", None)
    if cached is not None:
        return cached
    vocab = _corpus_vocabulary(ctx, doc)
    model = _model(doc)
    cuts: dict[str, dict[int, _Cut]] = {"source": {}, "target": {}}
    for side, document in (("source", doc.alignment.source), ("target", doc.alignment.target)):
        for cut in _own_cuts(document, vocab):
            cuts[side][cut.sentence.index] = cut
    for position, pair in enumerate(doc.pairs):
        cut = pair_cut(doc, pair, model)
        side = "source" if cut is not None and cut.sentence in pair.source else "target"
        if cut is None or cut.by_shape:
            misplaced, other_side = misplaced_cut(doc, position, model)
            if misplaced is not None:
                cut, side = misplaced, other_side
        if cut is not None:
            cuts[side].setdefault(cut.sentence.index, cut)
    for side in cuts:
        # An image's alt text is a caption, not a sentence that could stop short
        # (doris-website: ![MPP-based Query Engine](…) was "source is cut off").
        cuts[side] = {k: c for k, c in cuts[side].items() if not _images_only(doc, [c.sentence])}
    doc._truncations = cuts  # type: ignore[attr-defined]
    return cuts


def misplaced_cut(doc: AlignedDocument, position: int, model: LengthModel,
                  ) -> tuple[_Cut | None, str]:
    """A side of pair ``position`` that stops in a word amid punctuated prose, where the
    sentences of the other side right after the pair are unpaired and the side is far
    shorter than they predict: a sentence cut off that the aligner, finding it short, put
    with the sentence before its own, which is left unpaired ("两人打得兴起" paired with
    "My word is my wand!'", then "They had both been quite carried away by the fighting, …"
    alone). The cut is reported against the unpaired sentences; A001 leaves them to it."""
    pair = doc.pairs[position]
    if not pair.source or not pair.target or position + 1 >= len(doc.pairs):
        return None, ""
    after = doc.pairs[position + 1]
    for side, short, other in (("target", pair.target, after.source),
                               ("source", pair.source, after.target)):
        if not other or (after.target if side == "target" else after.source):
            continue  # the next pair is not a run of the other side alone
        last = short[-1]
        document = document_of(doc, last)
        block = document.blocks[last.block]
        if not _ends_bare_in_prose(doc, document, block, last, other):
            continue
        mine, theirs = length_units(last.text), length_units(_text(other))
        expected = model.expected(theirs) if side == "target" else theirs / model.ratio
        if max(mine, theirs) < MIN_UNITS or mine >= CUT_SHARE * expected:
            continue
        reason = (f"ends without the punctuation that the sentences around it have, and is "
                  f"{mine / max(expected, 1):.0%} of the length of the unpaired sentence "
                  "after its counterpart, which it seems to begin")
        return _Cut(block, last, [reason], last.start, certain=False,
                    counterpart=list(other)), side
    return None, ""


def _emphasised(sentence: Sentence) -> bool:
    """Whether bold or italics cover the whole sentence: a label set on a line of its own
    ("**合理划分主题和Tag标签**"), which ends bare by convention."""
    text = sentence.raw.strip()
    return any(sp.kind in ("bold", "italic") and sp.end - sp.start >= len(text)
               for sp in sentence.spans)


def cut_counterparts(doc: AlignedDocument, ctx: CheckContext) -> set[tuple[str, int]]:
    """The unpaired sentences that a misplaced cut (see :func:`misplaced_cut`) renders in
    part, as (side, sentence index): A001 and A002 leave them to A003."""
    found = set()
    for side, table in truncations(doc, ctx).items():
        other = "target" if side == "source" else "source"
        for cut in table.values():
            found |= {(other, s.index) for s in cut.counterpart or ()}
    return found


def truncated_pair(doc: AlignedDocument, ctx: CheckContext, pair: SentencePair) -> bool:
    """Whether A003 reports a cut in either side of the pair."""
    cuts = truncations(doc, ctx)
    return any(s.index in cuts["source"] for s in pair.source) or \
        any(t.index in cuts["target"] for t in pair.target)


@register
class Truncation(Check):
    code = "A003"
    name = "truncation"
    severity = Severity.ERROR
    description = "A document, paragraph or sentence is cut off (on either side)."
    doc = """
## What it does
Looks at how each paragraph, list item and document ends, on both sides, and reports one
that shows evidence of a cut: it ends in the middle of a word (the last token begins a
longer word used elsewhere in the corpus and is no word itself), stops inside an enumeration
("A, B, opi") at the end of the document, stops mid-clause (after a comma, "the", "的")
while its counterpart ends properly and goes on, or is far shorter than its counterpart, or
renders nothing of its counterpart's last clause, in a document whose paragraphs end with
punctuation. Amid punctuated prose, a side that stops after a word no sentence ends with
("of", "的") is cut at any length, and so is one far shorter than the unpaired sentences
right after its pair, which it seems to begin (a cut sentence that the aligner put with the
sentence before its own): it is reported against them, and A001 leaves them to it. In
running prose that ends every paragraph with punctuation (50 paragraphs or more, at most one
in a hundred bare, on both sides: a novel, an article), a paragraph that ends in a word where
its counterpart ends properly is cut at any length, unless the next paragraph goes on with
it ("——…", a lower-case word). Elsewhere a missing final period alone is no evidence:
headings, admonition titles, front-matter fields, table cells, image alt text and lead-ins
to code or lists end without one by convention. A document whose last blocks have no
counterpart at all is reported as cut off too. A cut source is reported once, with the
translation that renders it. A cut word or an open enumeration is an error; stopping
early next to a fuller counterpart is a warning (it may be a terse rendering), and so is a
lone cut-looking token after a complete sentence (stray left-over text, "… see
Subscriptions. aa").

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
        for doc in docs:
            yield from self.collect(doc, ctx)

    def collect(self, doc: AlignedDocument, ctx: CheckContext) -> list[Finding]:
        """The document's findings, once the corpus vocabulary is known (``ctx``): a run
        keeps these, not the document."""
        return [] if wrong_language(doc) else list(self._document(doc, ctx))

    def check_collected(self, parts: list[list[Finding]],
                        ctx: CheckContext) -> Iterable[Finding]:
        for found in parts:
            yield from found

    def _document(self, doc: AlignedDocument, ctx: CheckContext) -> Iterable[Finding]:
        src_index, tgt_index = pair_index(doc)
        cuts = truncations(doc, ctx)
        for side, table in cuts.items():
            index = src_index if side == "source" else tgt_index
            for cut in table.values():
                pair = index.get(cut.sentence.index)
                counterpart = (pair.target if side == "source" else pair.source) if pair else []
                if cut.counterpart is not None:
                    counterpart = cut.counterpart
                yield self._report(doc, side, cut, counterpart, pair)
        yield from self._early_end(doc)

    def _report(self, doc: AlignedDocument, side: str, cut: _Cut,
                counterpart: list[Sentence], pair: SentencePair | None) -> Finding:
        document = document_of(doc, cut.sentence)
        loc = span_location(document, cut.start, cut.sentence.end, cut.sentence.text)
        reasons = cut.reasons
        listed = reasons[0] if len(reasons) == 1 else \
            ", ".join(reasons[:-1]) + ", and " + reasons[-1]
        severity = None if cut.certain else Severity.WARNING
        what = "is not cut off, but" if cut.stray else "is cut off:"
        if side == "target":
            return self.finding(doc, f"translation {what} it {listed}", target=loc,
                                source=counterpart or None, severity=severity,
                                suggestion="complete the translation")
        message = f"source {what} it {listed}"
        # One finding per spot: a translation that renders the cut source is incomplete too,
        # which this finding says, unless the translation has its own (independent) cut.
        cuts = getattr(doc, "_truncations", {"target": {}})
        own = counterpart and counterpart[-1].index in cuts["target"]
        if counterpart and not own:
            message += "; its translation renders the cut text, so it is incomplete too"
            return self.finding(doc, message, source=loc, target=counterpart, side="source",
                                confidence=pair.confidence if pair else None,
                                severity=severity,
                                suggestion="complete the source, then the translation")
        return self.finding(doc, message, source=loc, side="source", severity=severity,
                            suggestion="restore the rest of the text from the original")

    def _early_end(self, doc: AlignedDocument) -> Iterable[Finding]:
        """A document whose last source (or target) sentences are all unpaired."""
        for side, other, tail, anchor in early_ends(doc):
            first = Location.of(tail[0])
            assert first is not None
            cut_side = "translation" if side == "source" else "source"
            message = (f"{cut_side} ends early: the last {len(tail)} sentences of the "
                       f"{side} (from {first.path}:{first.line}) have no counterpart")
            if other == "target":
                yield self.finding(doc, message, target=anchor[-1], source=tail,
                                   suggestion="translate the rest of the document")
            else:
                yield self.finding(doc, message, source=anchor[-1], side="source",
                                   suggestion="restore the end of the source document")


def early_ends(doc: AlignedDocument) -> list[tuple[str, str, list[Sentence], list[Sentence]]]:
    """``(side, other, tail, anchor)`` for each side whose last sentences (two blocks or more)
    have no counterpart; ``anchor`` is the last sentence run of the other side that has one.
    Nothing for a part of a long file that ends before its file does (see :mod:`align.parts`):
    unpaired sentences at its end are omitted (A001), not an early end."""
    out: list[tuple[str, str, list[Sentence], list[Sentence]]] = []
    if not (doc.alignment.source.ends_file and doc.alignment.target.ends_file):
        return out
    pairs = doc.pairs
    for side, other in (("source", "target"), ("target", "source")):
        k = len(pairs)
        while k and getattr(pairs[k - 1], side) and not getattr(pairs[k - 1], other):
            k -= 1
        tail = [s for p in pairs[k:] for s in getattr(p, side)]
        anchor = next((getattr(p, other) for p in reversed(pairs[:k]) if getattr(p, other)),
                      None)
        if len({s.block for s in tail}) >= 2 and anchor:
            out.append((side, other, tail, anchor))
    return out


#: Blocks that may follow a document's last words without being more of it.
_AFTER_THE_END = frozenset({BlockKind.BLANK, BlockKind.COMMENT, BlockKind.LINK_DEFINITION,
                            BlockKind.SHORTCODE})


def _own_cuts(document: Document, vocab: Counter[str]) -> list[_Cut]:
    """Prose blocks of one document that show their own signs of being cut off: a cut word,
    or an enumeration left open at the end of the document."""
    blocks = [b for b in document.blocks if b.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
              and b.sentences and not is_label(b, b.sentences[-1])]
    out = []
    last_block = blocks[-1] if blocks else None
    for block in blocks:
        if block is not last_block and _continued(document, block):
            continue  # the next paragraph goes on with its sentence ("… BDNF in" + "the brain …")
        sentence = block.sentences[-1]
        text = sentence.text.rstrip()
        reasons: list[str] = []
        start = sentence.start
        # The last prose of the file, with nothing after it: a lead-in to the code block that
        # closes the page ("…版本，如" + a properties block: apache/linkis-website) is whole.
        is_last = block is last_block and document.ends_file and not any(
            b.kind not in _AFTER_THE_END for b in document.blocks[block.index + 1:])
        cut = cut_word(text, vocab)
        certain = True
        if cut and _stray(block, sentence, cut[0]):
            # A lone token after complete sentences is left-over junk, not a cut sentence
            # ("…see Consumer group. aa"): the spot is right, the text before it is whole.
            reasons.append(f"ends in a stray fragment (\"{cut[0]}\") after a complete "
                           "sentence: left-over text to remove?")
            pos = sentence.raw.rfind(cut[0])
            start, certain = sentence.start + max(pos, 0), False
        elif cut:
            token, completion = cut
            reasons.append(f"ends mid-word (\"{token}\"" +
                           (f", as in \"{completion}\")" if completion else ")"))
            pos = sentence.raw.rfind(token)
            if pos >= 0:
                start = sentence.start + pos
        if is_last and mid_enumeration(text, document.lang):
            reasons.append("stops inside an enumeration at the end of the document")
        if is_last and not document.text.endswith("\n") and reasons:
            reasons.append("the file has no final newline")
        if reasons:
            out.append(_Cut(block, sentence, reasons, start, certain=certain,
                            stray=not certain))
    return out


def _stray(block: Block, sentence: Sentence, token: str) -> bool:
    """Whether the cut-looking token stands alone after a complete sentence (in the same
    sentence text, on a line of its own, or as the block's last sentence): a stray
    fragment, not a sentence cut short."""
    text = sentence.text.rstrip()
    before = text[: len(text) - len(token)].rstrip()
    if before:
        return ends_with_punctuation(before)
    return len(block.sentences) >= 2 and ends_with_punctuation(block.sentences[-2].text)


# ---------------------------------------------------------------------------------------------
# Drift and length

_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]+")
#: A pair drifts when its similarity lies this many standard deviations below the document's
#: typical aligned pair …
DRIFT_ALIGNED_Z = -2.5
#: … and no more than this many above unrelated sentence pairs of the same document …
DRIFT_CHANCE_Z = 1.0
#: … while neither side's words are found on the other side at this share or more (the
#: model misjudges a sentence translated across two: "同一个主题也可以接收多个生产者的消息…"
#: against "This many-to-many relationship facilitates …", 50% of the words found; injected
#: drift on MAC-Dev found at most 27%). Disjoint anchors (numbers, Latin terms) count as
#: drift only while one side's words are found below this share ("MinOffset" rendered
#: "minimum offset"; "five feet four inches" rendered "一米六零", the rest found).
DRIFT_WORD_SHARE = 0.45
#: Length units the shorter side needs for its similarity to be judged (short texts have
#: noisy vectors: "cdc" against "变更数据捕获", "Wang was stunned." against "“红岸？！”").
DRIFT_MIN_UNITS = 20
#: A pair whose similarity lies less far below the typical pair (this many deviations) and
#: at most this many above unrelated pairs drifts too when almost none of either side's words
#: are found on the other (below :data:`DRIFT_WORDLESS_SHARE`): the sentence encoder places
#: two sentences of one novel chapter close (the same people, the same scene), the words
#: tell them apart. Injected drift (bench/qa_eval.py), gold alignment, seeds 1-10: MAC-Dev
#: 0.63 -> 0.78 found, the Bible 0.78 -> 0.85, and no more of their clean pairs flagged
#: (-1.5 deviations and 2.0 above chance found 0.81 and 0.88, but flagged 1 and 4 more).
DRIFT_WORDLESS_Z = -1.8
DRIFT_WORDLESS_CHANCE_Z = 1.5
DRIFT_WORDLESS_SHARE = 0.15
#: A pair somewhat below the typical pair (this many deviations) drifts too when its
#: translation renders another source sentence of the document instead: a translation
#: pasted at the wrong place, or a segment of a translation memory paired with the wrong
#: source. The other sentence, at most :data:`MISPLACED_WINDOW` sentences away and not next
#: to the pair (a neighbour is the aligner's business), scores like an aligned pair with
#: the translation (:data:`MISPLACED_OTHER_Z` deviations from the typical pair or better),
#: :data:`MISPLACED_GAP` deviations above the pair's own source, and has a larger share of
#: the translation's words (:data:`MISPLACED_WORD_GAIN` more). Injected drift on MAC-Dev
#: (seeds 1-6, through the aligner) found 7 more of 23 missed pairs, the Bible (seeds 1-3)
#: 3 of 16, and no clean pair of either was flagged (a bar of 0.0 or 0.3 deviations
#: flagged one clean pair of MAC-Dev at a gap of 2.0).
MISPLACED_OWN_Z = -1.0
MISPLACED_OTHER_Z = 0.5
MISPLACED_GAP = 2.0
MISPLACED_WORD_GAIN = 0.2
MISPLACED_WINDOW = 300
MISPLACED_NEIGHBOURS = 2


_NUMBER_WORDS = {w: str(k) for k, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}


def anchors(pair: SentencePair) -> tuple[set[str], set[str], set[str]]:
    """(anchors of the side written in Chinese, those of the other side, the shared ones).

    Anchors are what survives translation unchanged: numbers in digits and Latin-script
    words kept in the Chinese text.
    """
    zh_side, en_side = pair.target_text, pair.source_text
    if pair.source and pair.source[0].lang == "zh":
        zh_side, en_side = en_side, zh_side
    # An English plural is the word the Chinese text keeps: BEs ↔ BE (StarRocks), headers ↔
    # Header (cloudwego).
    en_words = {w.lower() for w in _LATIN.findall(en_side)}
    en_words |= {_singular(w) for w in en_words if len(w) > 2 and w[-1] == "s"}
    # "three retries" renders "3次": a number written out is the same anchor as its digits.
    en_digits = set(_DIGITS.findall(en_side)) | {_NUMBER_WORDS[w] for w in en_words
                                                  if w in _NUMBER_WORDS}
    zh_latin = {w.lower() for w in _LATIN.findall(zh_side)}
    zh = zh_latin | set(_DIGITS.findall(zh_side))
    en = (en_words & zh_latin) | en_digits
    shared = (zh_latin & en_words) | (set(_DIGITS.findall(zh_side)) & en_digits)
    return zh, en, shared


def _singular(word: str) -> str:
    """A lower-case English plural's singular, roughly: headers → header, boxes → box,
    policies → policy, bes → be."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    return word[:-1]


def _bare(text: str) -> str:
    return "".join(text.split()).lower()


@lru_cache(maxsize=2)
def _bare_document(text: str) -> str:
    """:func:`_bare` of a whole document, once per document (one per side held): it was
    computed again for every unpaired run, 3.5 s for 183 runs of a 5 MB document."""
    return _bare(text)


def untranslatable(pair: SentencePair) -> bool:
    """Whether a pair has nothing to translate: both sides the same text, or code-like text
    (identifiers, paths, values) with no Chinese on either side — a table cell
    ``putMessageTimesTotal`` or a command is carried over, and that is right."""
    s, t = pair.source_text, pair.target_text
    han_s, han_t = has_han(s), has_han(t)
    if han_s != han_t:
        return False  # not the same text (most pairs: no need to strip both to tell)
    if _bare(s) == _bare(t):
        return True
    if han_s:
        return False
    return all(_code_like(x) for x in (s, t))


def _code_like(text: str) -> bool:
    """Whether a text reads as code or identifiers rather than English prose."""
    words = text.split()
    prose = [w for w in words if re.fullmatch(r"[A-Za-z][a-z]+[,.;:!?]?", w)]
    return len(prose) < max(2, len(words) / 2)


def _line_of(doc: AlignedDocument, sentence: Sentence) -> int:
    """The line a sentence starts on, in its side's document."""
    return span_location(document_of(doc, sentence), sentence.start, sentence.end).line


def drift_reason(doc: AlignedDocument, pair: SentencePair, ctx: CheckContext,
                 semantic: DocumentSimilarity | None) -> str | None:
    """Why the pair's meaning seems to diverge, or None.

    Semantic evidence, where the document has it, decides; the aligner's low confidence is
    used only without it, and never for table cells (a free translation of a short cell is
    not drift). A translation that renders another source sentence of the document says so,
    with that sentence's line (see :func:`misplaced_source`).
    """
    if not pair.source or not pair.target or untranslatable(pair) or _label_pair(doc, pair):
        return None
    similarity = None  # the pair's own, where it is judged (long enough on both sides)
    if semantic is not None and min(length_units(pair.source_text),
                                    length_units(pair.target_text)) >= DRIFT_MIN_UNITS:
        similarity = semantic.pair(pair)
    reason = _diverging(doc, pair, ctx, semantic, similarity)
    other = None if similarity is None or _cells(pair) else \
        misplaced_source(doc, pair, semantic, similarity)
    if other is None:
        return reason
    sentence, z = other
    line = _line_of(doc, sentence)
    where = (f"source line {line} (\"{_snippet(sentence.text)}\"), which it matches like an "
             f"aligned pair ({z:+.1f} standard deviations)")
    if reason:
        return f"{reason}; it seems to render {where}"
    return f"the translation seems to render another source sentence: {where}"


def _diverging(doc: AlignedDocument, pair: SentencePair, ctx: CheckContext,
               semantic: DocumentSimilarity | None, similarity: float | None) -> str | None:
    """The similarity (``similarity``: the pair's, None where it is not judged), word and
    anchor evidence of :func:`drift_reason`."""
    shares = None
    if semantic is not None and similarity is not None:
        z = semantic.z_aligned(similarity)
        chance = semantic.z_chance(similarity)
        if z < DRIFT_ALIGNED_Z and chance < DRIFT_CHANCE_Z:
            shares = _word_shares(pair)
            if shares is None or max(shares) < DRIFT_WORD_SHARE:
                return (f"the translation's meaning seems far from the source's (similarity "
                        f"{z:+.1f} standard deviations from this document's aligned pairs, "
                        "close to that of unrelated sentences)")
        elif z < DRIFT_WORDLESS_Z and chance < DRIFT_WORDLESS_CHANCE_Z:
            shares = _word_shares(pair) if _chinese_prose(pair) else None
            if shares is not None and max(shares) < DRIFT_WORDLESS_SHARE:
                return (f"the translation's meaning seems far from the source's (similarity "
                        f"{z:+.1f} standard deviations from this document's aligned pairs) "
                        f"and almost none of their words match ({max(shares):.0%} at most)")
    zh, en, shared = anchors(pair)
    total = len(zh | en)
    if total >= 3 and not shared:
        shares = shares or _word_shares(pair)
        if shares is None or min(shares) < DRIFT_WORD_SHARE:
            return (f"no anchor in common: {', '.join(sorted(zh | en)[:6])} occur on one "
                    "side only")
    if semantic is not None or _cells(pair):
        return None
    threshold = ctx.settings.options.drift_confidence
    if pair.confidence < threshold and not (len(shared) >= 2 and len(shared) * 2 >= total):
        return (f"alignment confidence is low ({pair.confidence:.2f}): the translation "
                "may not say what the source says")
    return None


def misplaced_source(doc: AlignedDocument, pair: SentencePair, semantic: DocumentSimilarity,
                     own: float | None = None) -> tuple[Sentence, float] | None:
    """Another source sentence that the pair's translation renders far better than its own
    source (see :data:`MISPLACED_OWN_Z`), with its similarity in deviations from the
    document's typical aligned pair, or None (``own``: the pair's similarity, if known)."""
    if own is None:
        if min(length_units(pair.source_text),
               length_units(pair.target_text)) < DRIFT_MIN_UNITS:
            return None
        own = semantic.pair(pair)
    if semantic.z_aligned(own) >= MISPLACED_OWN_Z:
        return None
    import numpy as np

    from align.similarity import summed_rows  # numpy with it: not at start-up

    vectors = semantic.vectors
    target = summed_rows(vectors.target, [t.index for t in pair.target])
    norm = float(np.sqrt(target.dot(target)))
    if norm < 1e-12:
        return None
    first, last = pair.source[0].index, pair.source[-1].index
    lo, hi = max(0, first - MISPLACED_WINDOW), min(len(vectors.source),
                                                   last + MISPLACED_WINDOW + 1)
    sims = vectors.source[lo:hi] @ (target / norm)
    sims[max(0, first - MISPLACED_NEIGHBOURS - lo):last + MISPLACED_NEIGHBOURS + 1 - lo] = -2.0
    best = int(np.argmax(sims))
    similarity = float(sims[best])
    if (semantic.z_aligned(similarity) < MISPLACED_OTHER_Z
            or (similarity - own) / semantic.aligned_spread < MISPLACED_GAP):
        return None
    other = doc.alignment.source.sentences[lo + best]
    if length_units(other.text) < DRIFT_MIN_UNITS:
        return None
    lang, other_lang = pair.target[0].lang, other.lang
    mine = word_share(pair.target_text, lang, pair.source_text, other_lang)
    theirs = word_share(pair.target_text, lang, other.text, other_lang)
    if mine is None or theirs is None or theirs < mine + MISPLACED_WORD_GAIN:
        return None
    return other, semantic.z_aligned(similarity)


def _chinese_prose(pair: SentencePair) -> bool:
    """Whether the Chinese side of a pair is mostly Chinese (at least half its letters Han):
    what the dictionary's word evidence can judge, unlike identifiers
    ("ConsumerOffset≤MaxOffset：" for "The consumer offset is always smaller than …").
    """
    side = pair.source if pair.source and pair.source[0].lang == "zh" else pair.target
    text = "".join(s.text for s in side)
    han = sum(map(has_han, text))
    return han > 0 and han >= sum(c.isalpha() for c in text) / 2


def _word_shares(pair: SentencePair) -> tuple[float, float] | None:
    """Share of the source's words found in the target and of the target's in the source
    (dictionary, names, numbers, Latin tokens), or None without the dictionary."""
    s, t = pair.source_text, pair.target_text
    s_lang, t_lang = pair.source[0].lang, pair.target[0].lang
    forward = word_share(s, s_lang, t, t_lang)
    backward = word_share(t, t_lang, s, s_lang)
    return None if forward is None or backward is None else (forward, backward)


def _cells(pair: SentencePair) -> bool:
    """Whether the pair holds table cells."""
    return any(s.cell is not None for s in (*pair.source, *pair.target))


def _label_pair(doc: AlignedDocument, pair: SentencePair) -> bool:
    """Whether a pair's meaning cannot be compared as prose: a heading on either side (docs
    retitle freely: "消息过滤原理" → "Working mechanism"), or several table cells run together
    (the aligner's way of pairing rows of tables that differ; A001/A002 report the rows)."""
    for side in (pair.source, pair.target):
        blocks = [document_of(doc, s).blocks[s.block] for s in side]
        if any(b.kind is BlockKind.HEADING and not prose_line(b) for b in blocks):
            return True
        if sum(s.cell is not None for s in side) > 1:
            return True
        if all(label_line(document_of(doc, s), s) for s in side):
            return True
    return False


def label_line(document: Document, sentence: Sentence) -> bool:
    """Whether a sentence is a list item's label on a line of its own ("* 有限重试", then the
    item's text in an indented paragraph): the item's whole first paragraph, without an end
    mark. The other language may write label and text on one line ("* Limited retries:
    Apache RocketMQ limits …"), so the label's length says nothing about the text's.
    """
    block = document.blocks[sentence.block]
    if block.kind is not BlockKind.LIST_ITEM or not block.sentences or \
            block.sentences[0] is not sentence or ends_with_punctuation(sentence.text):
        return False
    rest = block.sentences[1:]
    return bool(rest) and document.text.count("\n", sentence.end, rest[0].start) >= 2


def _semantic(doc: AlignedDocument, ctx: CheckContext) -> DocumentSimilarity | None:
    semantic = semantic_evidence(doc, ctx)
    return semantic if semantic is not None and semantic.reliable else None


@register
class Drift(Check):
    code = "A004"
    name = "drift"
    severity = Severity.WARNING
    description = "An aligned pair whose meaning seems to diverge (low alignment evidence)."
    doc = """
## What it does
Reports aligned pairs whose meaning seems to diverge: their sentence similarity lies far
below the document's typical aligned pair and close to that of unrelated sentences while
neither side's words are mostly found on the other (CC-CEDICT, names, numbers), or lies
clearly below it while almost none of either side's words are found on the other, or their
anchors — numbers in digits, Latin-script terms kept in the Chinese text — disagree
completely (at least three on the two sides, none shared) while one side's words are
mostly missing from the other. Pairs with a side shorter than 20 length units are not
judged by similarity. Without semantic evidence, pairs
that the aligner itself doubts (confidence below `drift-confidence`, 0.25 by default) are
reported unless numbers and kept Latin terms agree — except table cells. A sentence of
running text whose translation repeats word for word that of another, different source
sentence of the document, and matches its own source clearly less than that one does, is
reported too (pasted at the wrong place, or a translation memory's segment applied to the
wrong source); two sources that say the same thing may share a translation.
Pairs with nothing to translate (the same text on both sides, identifiers, commands) and
pairs already reported as cut off (A003), short of a clause (A001) or as a length outlier
(A005) are left out.

## Why it matters
A translation that says something else reads fluently, so nothing but a comparison with the
source reveals it. It often means the sentence was mistranslated or pasted in the wrong
place. (A free translation that keeps the meaning is not drift.)

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
        if wrong_language(doc):
            return
        semantic = _semantic(doc, ctx)
        model = _model(doc)
        repeats = repeated_translations(doc, semantic) if semantic is not None else {}
        for position, pair in enumerate(doc.pairs):
            reason = drift_reason(doc, pair, ctx, semantic)
            if reason is None and position in repeats:
                other, own_z, other_z = repeats[position]
                line = _line_of(doc, other.source[0])
                reason = (f"the translation repeats word for word that of source line {line} "
                          f"(\"{_snippet(other.source_text)}\"), another sentence, which it "
                          f"matches far better ({other_z:+.1f} against {own_z:+.1f} standard "
                          "deviations from this document's aligned pairs): pasted at the "
                          "wrong place?")
            if reason and not _claimed_by_omission(doc, ctx, pair, model) and \
                    length_outlier(doc, pair, model) is None:
                yield self.finding(
                    doc, reason, source=pair.source, target=pair.target,
                    confidence=pair.confidence,
                    suggestion="check that this is the translation of this source sentence")


#: A translation that repeats word for word the translation of another, different source
#: sentence of the document (at least ``DRIFT_MIN_UNITS`` long) is drift when its similarity
#: to its own source lies at least ``REPEAT_GAP`` deviations below the other pair's and under
#: ``REPEAT_OWN_Z``: a sentence pasted at the wrong place, or a translation memory's segment
#: applied to the wrong source. (Two faithful renderings that happen to agree both match
#: their sources.)
REPEAT_GAP = 1.0
REPEAT_OWN_Z = -0.5
#: (Chosen on MAC-Dev's seeds 1-6 over 1.5 and -1.0: 124 of 150 replaced sentences found
#: instead of 119; neither finds anything on the clean chapters, the clean Bible or the
#: docs pages. Without the similarity bars the docs pages had 14 findings, every one a
#: pair of faithful variants, "默认 5000（5s）。" and "默认5000（5s）。", and the Bible 41.)


def repeated_translations(doc: AlignedDocument, semantic: DocumentSimilarity,
                          ) -> dict[int, tuple[SentencePair, float, float]]:
    """Pairs (by position) whose translation repeats that of a pair with another source and
    matches its own source far less (see ``REPEAT_GAP``): the other pair and both
    similarities, in deviations from the document's aligned pairs."""
    groups: dict[str, list[int]] = {}
    for k, pair in enumerate(doc.pairs):
        # Sentences of running text only: a docs page repeats labels, headings and
        # captions for sources that differ by a word ("目标库：…" and "目标表：…" both
        # "Target database table：…"), where the similarity says little.
        if pair.source and pair.target and not untranslatable(pair) and \
                _running_text(pair) and ends_with_punctuation(pair.source[-1].text) and \
                ends_with_punctuation(pair.target[-1].text):
            text = pair.target_text.strip()
            if length_units(text) >= DRIFT_MIN_UNITS:
                groups.setdefault(text, []).append(k)
    out: dict[int, tuple[SentencePair, float, float]] = {}
    for members in groups.values():
        said = {k: doc.pairs[k].source_text.strip().casefold() for k in members}
        if len(set(said.values())) < 2:
            continue
        z = {k: semantic.z_aligned(semantic.pair(doc.pairs[k])) for k in members}
        for k in members:
            best = max((j for j in members if said[j] != said[k]), key=z.__getitem__)
            if z[k] < REPEAT_OWN_Z and z[best] - z[k] >= REPEAT_GAP:
                out[k] = (doc.pairs[best], z[k], z[best])
    return out


_END_MARKS = ".!?;:。！？；：…\"'”’"


def repeated_additions(doc: AlignedDocument, semantic: DocumentSimilarity,
                       ) -> dict[int, tuple[Sentence, SentencePair]]:
    """Target sentences added by copying: a sentence of running text, one of several of its
    pair's target, that repeats word for word the whole translation of a pair with another
    source, and matches that source far better than its own pair's (the bars of
    :func:`repeated_translations`), by pair position: the sentence and the pair it copies."""
    whole: dict[str, list[SentencePair]] = {}
    for pair in doc.pairs:
        if pair.source and len(pair.target) == 1 and _running_text(pair):
            text = pair.target[0].text.strip()
            if length_units(text) >= DRIFT_MIN_UNITS:
                whole.setdefault(text, []).append(pair)
    out: dict[int, tuple[Sentence, SentencePair]] = {}
    for k, pair in enumerate(doc.pairs):
        if not pair.source or len(pair.target) < 2 or not _running_text(pair):
            continue
        mine = pair.source_text.strip().casefold()
        source = [s.index for s in pair.source]
        for sentence in pair.target:
            if _summary_field(document_of(doc, sentence), sentence):
                continue  # a description repeating the page's first lines, as descriptions do
            copies = [q for q in whole.get(sentence.text.strip(), ())
                      if q.source_text.strip().casefold() != mine]
            if not copies or not ends_with_punctuation(sentence.text):
                continue
            best = max(copies, key=semantic.pair)
            said = best.source_text.strip().rstrip(_END_MARKS).strip().casefold()
            if said and said in mine:
                continue  # the source says it too ("… and he said, Here am I; who art …")
            own = semantic.z_aligned(semantic.between(source, [sentence.index]))
            theirs = semantic.z_aligned(semantic.pair(best))
            # A short sentence is unlike a long source it does render ("我在这里。" of "And
            # he came unto his father, and said, … Here am I; who art thou, my son?"): but
            # then the pair's target is more like its source with it than without it.
            rest = [t.index for t in pair.target if t is not sentence]
            gain = semantic.between(source, [t.index for t in pair.target]) - \
                semantic.between(source, rest)
            if own < REPEAT_OWN_Z and theirs - own >= REPEAT_GAP and gain <= 0 and \
                    (share := word_share(sentence.text, sentence.lang, pair.source_text,
                                         pair.source[0].lang)) is not None and \
                    share < ABSORBED_MAX_SHARE:
                out[k] = (sentence, best)
                break
    return out


def _claimed_by_omission(doc: AlignedDocument, ctx: CheckContext, pair: SentencePair,
                         model: LengthModel) -> bool:
    """Whether A003 or A001 reports the pair already (a more specific finding)."""
    return truncated_pair(doc, ctx, pair) or missing_clause(pair, model)


#: A length outlier must differ from the expected length by at least this many units (a
#: short sentence's worth): docs expand "具体差异如下：" into "The following table describes
#: the differences …", which is a free rendering, not an addition.
RATIO_MIN_UNITS = 48


def comparable_lengths(doc: AlignedDocument, pair: SentencePair) -> bool:
    """Whether a pair's lengths say anything about its content: not for identical or
    code-like text, headings, table cells, lead-ins ("示例如下：" before a code block), or a
    front matter's description (written for each language's search results)."""
    if untranslatable(pair) or _cells(pair) or _label_pair(doc, pair):
        return False
    if any(_summary_field(document_of(doc, s), s) for s in (*pair.source, *pair.target)):
        return False
    for side in (pair.source, pair.target):
        last = side[-1]
        document = document_of(doc, last)
        block = document.blocks[last.block]
        if last is block.sentences[-1] and is_lead_in(document, block):
            return False
    return True


def length_outlier(doc: AlignedDocument, pair: SentencePair,
                   model: LengthModel) -> tuple[str, float] | None:
    """``(how far off, z)`` when the pair's target length is an outlier, else None."""
    size = measure(pair, model)
    if size is None or not comparable_lengths(doc, pair):
        return None
    z, t, expected = size.z, size.target, size.expected
    if abs(t - expected) < RATIO_MIN_UNITS:
        return None  # less than a sentence's worth: a free rendering, not added text
    if z > RATIO_Z and t > RATIO_FACTOR * expected:
        return f"{t / expected:.1f}× as long as", z
    if z < -RATIO_Z and t * RATIO_FACTOR < expected and _clause_words_missing(
            pair.source_text, pair.source[0].lang, pair.target_text, pair.target[0].lang):
        return f"{t / expected:.0%} of", z  # (a short target with every clause's words is terse)
    return None


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
letters) from the document's own pairs, in the document's own direction (zh → en as well as
en → zh), and reports pairs whose target lies more than four standard deviations and a
factor of 1.8 (and a short sentence's worth) from what the source's length predicts.
Pairs whose lengths say little are left out — identical or code-like text, headings, table
cells, lead-ins to code or tables — and a pair already reported by a more specific
rule — cut off (A003), short of a clause (A001) — is not reported again (A004 defers to
this rule: an outlier's meaning differs because text was added or dropped).

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
        if wrong_language(doc):
            return
        model = _model(doc, ctx)
        for position, pair in enumerate(doc.pairs):
            found = length_outlier(doc, pair, model)
            if found is None or _claimed_by_omission(doc, ctx, pair, model) or \
                    made_up_by_neighbour(doc, position, model):
                continue
            what, z = found
            yield self.finding(
                doc, f"translation is {what} the source predicts (z = {z:+.1f} under this "
                f"document's length model)", source=pair.source, target=pair.target,
                confidence=pair.confidence,
                suggestion="look for added or missing content")


# ---------------------------------------------------------------------------------------------
# Wrong language

#: A side is in the other language when at most this share of its prose sentences contain
#: Chinese (a side that should be Chinese) or at least this share does (one that should not).
ZH_SHARE_LOW = 0.1
ZH_SHARE_HIGH = 0.6
#: Prose sentences a side needs before its language is judged.
LANGUAGE_MIN_SENTENCES = 5


def han_share(document: Document) -> tuple[float, int]:
    """Share of a document's prose sentences (not table cells) that contain Chinese, and how
    many prose sentences with letters it has."""
    prose = [s for s in document.sentences if s.cell is None
             and (re.search(r"[A-Za-z]", s.text) or has_han(s.text))]
    if not prose:
        return 0.0, 0
    return sum(has_han(s.text) for s in prose) / len(prose), len(prose)


def _in_wrong_language(document: Document) -> bool:
    share, n = han_share(document)
    if n < LANGUAGE_MIN_SENTENCES:
        return False
    return share <= ZH_SHARE_LOW if document.lang == "zh" else share >= ZH_SHARE_HIGH


def wrong_language(doc: AlignedDocument) -> str | None:
    """``"source"`` or ``"target"`` when that side is written in the other side's language
    (both sides then in one language), else None (cached on the document)."""
    cached = getattr(doc, "_wrong_language", False)
    if cached is not False:
        return cached
    a = doc.alignment
    result = None
    if a.source.lang != a.target.lang:
        for side, mine, theirs in (("target", a.target, a.source), ("source", a.source, a.target)):
            if _in_wrong_language(mine) and not _in_wrong_language(theirs):
                result = side
                break
    doc._wrong_language = result  # type: ignore[attr-defined]
    return result


_LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}


@register
class WrongLanguage(Check):
    code = "A006"
    name = "wrong-language"
    severity = Severity.ERROR
    #: Reported once per document pair, also when a long pair is checked in parts.
    per_document = True
    description = "A document of the pair is written in the other language."
    doc = """
## What it does
Reports, once per document pair, a translation (or source) that is written in the other
side's language: an English file in the Chinese translation's place, or the other way
round. A Chinese side is in the wrong language when at most a tenth of its prose sentences
contain Chinese; an English side when most of them do. The other alignment rules (A001–A005)
skip such a pair: their findings on each sentence would only repeat this one.

## Why it matters
A file copied over untranslated, or saved under the wrong language folder, leaves every
reader of that language without the page — one defect, not hundreds.

## Example
```
en/intro.md: RocketMQ is a distributed messaging platform.
zh/intro.md: RocketMQ is a distributed messaging platform.
```

## Use instead
```
zh/intro.md: RocketMQ 是一个分布式消息平台。
```
"""

    def check_document(self, doc: AlignedDocument, ctx: CheckContext) -> Iterable[Finding]:
        side = wrong_language(doc)
        if side is None:
            return
        a = doc.alignment
        document, other = (a.target, a.source) if side == "target" else (a.source, a.target)
        share, n = han_share(document)
        want = _LANGUAGE_NAMES.get(document.lang, document.lang)
        got = _LANGUAGE_NAMES.get(other.lang, other.lang)
        what = "translation" if side == "target" else "source"
        first = next((s for s in document.sentences if s.cell is None), None)
        of = f"its {n} prose sentences"
        if doc.part is not None and first is not None:  # a part of a long file (align.parts)
            of = f"the {n} prose sentences of its part from line {first.line}"
        message = (f"the {what} {document.path} is written in {got}, not {want}: "
                   f"{share:.0%} of {of} contain Chinese")
        if side == "target":
            yield self.finding(doc, message, target=first,
                               suggestion=f"translate the document into {want}")
        else:
            yield self.finding(doc, message, source=first, side="source",
                               suggestion=f"put the {want} original in this place")

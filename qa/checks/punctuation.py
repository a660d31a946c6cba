"""Punctuation checks: paired marks, half-/full-width forms, CJK–Latin spacing, end marks.

Chinese and English punctuation differ in form (，vs ,) and in spacing; these checks know
both conventions and look at each side with the one of its language.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import Enum

from align.alignment import SentencePair
from align.document import Block, BlockKind, Document, Sentence
from align.script import HAN, QUOTATIONS, end_mark, is_han, strip_closing
from align.segment import DOTTED_NAME
from qa.checks.base import Check, register
from qa.checks.coverage import prose_document
from qa.checks.spans import (
    MARKUP_DELIMITERS,
    MASK,
    TOKEN,
    is_cjk,
    language_sides,
    pair_index,
    plural,
    prose,
    span_location,
    unique_findings,
)
from qa.core.finding import Edit, Finding, Location, Severity
from qa.core.run import AlignedDocument, CheckContext

_PROSE = (BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.TABLE_ROW)


def _report(check: Check, doc: AlignedDocument, document: Document, sentence: Sentence,
            start: int, end: int, message: str, suggestion: str | None,
            index: tuple[dict, dict], edits: list[Replacement] | None = None) -> Finding:
    """A finding on one side at ``[start, end)``; a target finding shows its source pair.
    ``edits`` are the safe fixes, as document offsets."""
    loc = span_location(document, start, end)
    fixes = tuple(Edit(document.path, e.offset, e.offset + len(e.old), e.old, e.new)
                  for e in edits or ())
    if document is doc.alignment.source:
        pair = index[0].get(sentence.index)
        return check.finding(doc, message, source=loc, suggestion=suggestion, side="source",
                             confidence=pair.confidence if pair else None, fixes=fixes)
    pair = index[1].get(sentence.index)
    return check.finding(doc, message, target=loc, source=pair.source if pair and pair.source
                         else None, suggestion=suggestion,
                         confidence=pair.confidence if pair else None, fixes=fixes)


def _sentence_at(block: Block, offset: int) -> Sentence:
    for s in block.sentences:
        if s.start <= offset < s.end:
            return s
    return min(block.sentences, key=lambda s: abs(s.start - offset))


# ---------------------------------------------------------------------------------------------
# P001

_OPEN_TO_CLOSE = {"“": "”", "‘": "’", "《": "》", "（": "）", "【": "】", "(": ")", "[": "]",
                  "「": "」", "『": "』", "〈": "〉", "〔": "〕"}
#: Marks of one family close each other (（ … ) is unbalanced in width, not in structure).
_FAMILY = {"(": "paren", "（": "paren", ")": "paren", "）": "paren", "[": "square",
           "]": "square", "【": "lenticular", "】": "lenticular"}
_CLOSE_TO_OPEN = {v: k for k, v in _OPEN_TO_CLOSE.items()}
#: Opening marks of quotations (a stray closing mark of these wants its quotation opened).
_OPENING_QUOTES = "“‘\"'「『"
#: "a)", "2）" after a space or a mark: an enumeration marker, not a closing bracket.
_ENUM_MARKER = re.compile(r"(?:^|[\s(（：:，,、；;])[a-zA-Z0-9]{1,3}$")


#: Every character :func:`unpaired` looks at: opening and closing marks, ASCII double quotes.
_PAIRED_MARKS = re.compile("[" + re.escape("".join(_OPEN_TO_CLOSE) + "".join(_CLOSE_TO_OPEN)
                                           + '"') + "]")


def _family(ch: str) -> str:
    return _FAMILY.get(ch, _CLOSE_TO_OPEN.get(ch, ch))


class Pairing(Enum):
    """What is wrong with a quotation mark or bracket that does not pair up."""

    #: A closing mark with no opening one (often an opening mark typed the wrong way round).
    STRAY_CLOSE = "stray-close"
    #: An opening mark still open when a closing mark of an outer pair came.
    CUT_OFF = "cut-off"
    #: An opening mark never closed in its paragraph.
    NEVER_CLOSED = "never-closed"
    #: The last of an odd number of ASCII quotation marks.
    ODD_QUOTES = "odd-quotes"


@dataclass(frozen=True)
class PairingProblem:
    """One mark that does not pair up: where it is, which mark, and what is wrong.

    ``partner`` is the mark it needed (the opening mark of a stray closing one, the closing
    mark of one never closed) or, for :attr:`Pairing.CUT_OFF`, the closing mark that cut it
    off; the message and the suggestion are derived from these fields.
    """

    offset: int
    kind: Pairing
    mark: str
    partner: str = ""

    @property
    def message(self) -> str:
        """The problem in words, e.g. ``closing ” without an opening “``."""
        if self.kind is Pairing.STRAY_CLOSE:
            return f"closing {self.mark} without an opening {self.partner}"
        if self.kind is Pairing.CUT_OFF:
            return f"{self.mark} is not closed before {self.partner}"
        if self.kind is Pairing.NEVER_CLOSED:
            return f"{self.mark} is never closed (expected {self.partner})"
        return f"unpaired {self.mark} (an odd number of quotation marks)"

    @property
    def suggestion(self) -> str | None:
        """How to fix it, when the fix is clear from the mark alone."""
        if self.kind is Pairing.STRAY_CLOSE:
            if self.partner in _OPENING_QUOTES:
                return f"open the quotation with {self.partner}"
            return f"add the opening {self.partner}, or remove the {self.mark}"
        if self.kind is Pairing.NEVER_CLOSED:
            return f"close it with {self.partner}"
        return None

    def moved(self, by: int) -> PairingProblem:
        """The same problem with its offset moved by ``by`` (text offset → document offset)."""
        return replace(self, offset=self.offset + by)


#: A smiley written in punctuation: ":)", ": )", ":-)", ":(" (streampark's "…这一过程 : )").
_SMILEY = re.compile(r"(?<![\w:])[:;] ?-?[()](?=\s|$|[。！!.])")


def unpaired(text: str) -> list[PairingProblem]:
    """The quotes and brackets of ``text`` that do not pair up, in text order.

    >>> [(p.offset, p.message) for p in unpaired("解离”体验”不一定")]
    [(2, 'closing ” without an opening “'), (5, 'closing ” without an opening “')]
    >>> unpaired("Ketamine’s “k-hole” (deep)")
    []
    >>> unpaired("分区范围为 [2023-02-26 00:00:00, 2023-02-27 00:00:00)，即 (0, 10] 或 [0, inf)")
    []
    >>> unpaired('需要转义等号（=）、逗号（,）、双引号（"）和引号（“）')
    []
    """
    problems: list[PairingProblem] = []
    stack: list[tuple[str, int]] = []
    ascii_quotes: list[int] = []
    # A half-open interval's brackets do not match, on purpose: [2023-02-26, 2023-02-27).
    intervals = {k for m in _INTERVAL.finditer(text) for k in (m.start(), m.end() - 1)} \
        if ("[" in text or "]" in text) and "," in text else ()
    smileys = {m.end() - 1 for m in _SMILEY.finditer(text)} if ")" in text or "(" in text \
        else ()
    for m in _PAIRED_MARKS.finditer(text):  # only the marks: prose runs are skipped in C
        k, ch = m.start(), m.group()
        if k in intervals or k in smileys:
            continue
        if 0 < k < len(text) - 1 and text[k - 1] in "（(" and text[k + 1] in "）)" and \
                ch not in "()（）":
            continue  # a mark named in brackets: 双引号（"）, quotes (")
        if ch in _OPEN_TO_CLOSE:
            stack.append((ch, k))
        elif ch in _CLOSE_TO_OPEN:
            fam = _family(ch)
            if ch == "’" and not any(o == "‘" for o, _ in stack):
                continue  # an apostrophe: Ketamine’s, patients’
            # (The marker is at most four characters: look at those, not the whole prefix.)
            if ch in ")）" and _ENUM_MARKER.search(text, max(0, k - 4), k) and \
                    not any(_family(o) == "paren" for o, _ in stack):
                continue  # an enumeration marker: a) 1) ii)
            depth = next((d for d in range(len(stack) - 1, -1, -1)
                          if _family(stack[d][0]) == fam), None)
            if depth is None:
                problems.append(PairingProblem(k, Pairing.STRAY_CLOSE, ch, _CLOSE_TO_OPEN[ch]))
                continue
            problems += [PairingProblem(pos, Pairing.CUT_OFF, o, ch)
                         for o, pos in stack[depth + 1:]]
            del stack[depth:]
        elif ch == '"':
            ascii_quotes.append(k)
    for o, pos in stack:
        if o == "‘":
            continue  # ‘ is rare enough as an opener that a lone one is usually typographic
        problems.append(PairingProblem(pos, Pairing.NEVER_CLOSED, o, _OPEN_TO_CLOSE[o]))
    odd = _odd_quote(text, ascii_quotes)
    if odd is not None:
        problems.append(PairingProblem(odd, Pairing.ODD_QUOTES, '"'))
    # Each offset holds one mark and each mark has at most one problem: offsets are unique.
    return sorted(problems, key=lambda p: p.offset)


#: A half-open interval, [a, b) or (a, b], of numbers, dates or times (or infinity):
#: StarRocks' partition ranges, [2023-02-26 00:00:00, 2023-02-27 00:00:00).
_BOUND = r"[ \t]*(?:[-+]?(?:[\w.:'\"-]*\d[\w.:'\" -]*?|∞|inf(?:inity)?|MAXVALUE|MINVALUE))[ \t]*"
_INTERVAL = re.compile(rf"\[{_BOUND}[,，]{_BOUND}\)|\({_BOUND}[,，]{_BOUND}\]")


#: JSON or code written as prose ({"status":200,"body":{"a":"...): its quotes are no quotation.
_JSONISH = re.compile(r'[{\[]"|"\s?:\s?["{\[\d]|",\s?"')


def _odd_quote(text: str, quotes: list[int]) -> int | None:
    """The ASCII quote left over when ``quotes`` (their positions in ``text``) do not pair up.

    A quote after a digit may close a quotation ("127.0.0.1:5801") or be an inch mark (a 5"
    screen): it is an inch mark only when counting it would leave the quotes odd. Quotes in
    JSON-like text are code, not quotation marks.

    >>> _odd_quote('例如："127.0.0.1:5801"', [3, 18]), _odd_quote('a 5" screen', [3])
    (None, None)
    >>> _odd_quote('say "hi', [4])
    4
    """
    if len(quotes) % 2 == 0 or _JSONISH.search(text):
        return None
    words = [k for k in quotes if not (k and text[k - 1].isdigit())]
    if len(words) % 2 == 0:
        return None
    return words[-1]


def sentence_message(problems: list[PairingProblem]) -> str:
    """One finding's message for the problems of a sentence: distinct messages, and a count.

    >>> sentence_message(unpaired("解离”体验”不一定"))
    'closing ” without an opening “ (2 marks)'
    """
    message = "; ".join(dict.fromkeys(p.message for p in problems))
    if len(problems) > 1:
        message += f" ({plural(len(problems), 'mark')})"
    return message


@register
class UnpairedPunctuation(Check):
    code = "P001"
    name = "unpaired-punctuation"
    severity = Severity.WARNING
    description = "Quotes or brackets are unbalanced or face the wrong way."
    doc = """
## What it does
Walks each paragraph, list item and heading of both documents and pairs up quotation marks
and brackets — “ ” ‘ ’ 《 》 （ ） 【 】 「 」 and ASCII ( ) [ ] " — reporting a closing mark with
no opening one (often an opening mark typed the wrong way round), a mark never closed, and
marks closed out of order. Apostrophes (Ketamine’s) and enumeration markers (a), 1)) are not
quotes. Dialogue may run a quotation over several paragraphs (up to 16, as a text with one
sentence per line does), closing it in a later one or re-opening each new one with “; a
parenthesis may close in the next paragraph. One finding per sentence, at the first bad mark.

## Why it matters
A quotation whose marks face the wrong way or never close is a visible typo, and in Chinese
text a closing ” in place of an opening “ is one of the commonest conversion errors.

## Example
```
zh: 氯胺酮治疗期间的解离”体验”不一定是产生抗抑郁获益的原因
```

## Use instead
```
zh: 氯胺酮治疗期间的解离“体验”不一定是产生抗抑郁获益的原因
```
"""

    @unique_findings
    def check_document(self, doc: AlignedDocument, ctx: CheckContext) -> Iterable[Finding]:
        index = pair_index(doc)
        for document in (doc.alignment.source, doc.alignment.target):
            found: list[tuple[Block, int, list[PairingProblem]]] = []
            for blocks, a, b in _pairing_ranges(document):
                text = prose(document, a, b, [sp for bl in blocks for sp in bl.spans])
                problems = [p.moved(a) for p in unpaired(text)]
                # A range may run over several blocks; each problem belongs to its own.
                for block in blocks:
                    found.append((block, max(a, block.content_start), [
                        p for p in problems if block.start <= p.offset < block.end]))
            _forgive_spanning_quotes(document, found)
            for block, _, problems in found:
                grouped: dict[int, list[PairingProblem]] = {}
                for p in problems:
                    grouped.setdefault(_sentence_at(block, p.offset).index, []).append(p)
                for group in grouped.values():
                    first = group[0]
                    s = _sentence_at(block, first.offset)
                    yield _report(self, doc, document, s, first.offset, first.offset + 1,
                                  sentence_message(group), first.suggestion, index)


def _pairing_ranges(document: Document) -> list[tuple[list[Block], int, int]]:
    """The stretches of text whose marks pair up among themselves: each table cell, each
    prose block — and paragraphs with no blank line between them together, as Markdown
    renders them as one paragraph (a hard-wrapped line may open a bracket the next closes)."""
    out: list[tuple[list[Block], int, int]] = []
    prev: Block | None = None
    for block in document.blocks:
        if block.kind not in _PROSE or not block.sentences:
            prev = None
            continue
        if block.cells:
            out += [([block], c.start, c.end) for c in block.cells]
        elif prev is not None and _continues(prev, block):
            blocks, a, _ = out[-1]
            out[-1] = (blocks + [block], a, block.content_end)
        else:
            out.append(([block], block.content_start, block.content_end))
        prev = block
    return out


def _continues(prev: Block, block: Block) -> bool:
    """Whether ``block`` is a paragraph's next line: two paragraphs with no blank between."""
    return prev.kind is block.kind is BlockKind.PARAGRAPH and prev.end == block.start \
        and not prev.cells and prev.marker == block.marker


#: How many paragraphs a quotation may run on before its closing mark: a speech in a text
#: with one sentence per line (MAC-Dev 003: 刘老老's, nine lines) runs over more than a
#: novel's paragraphs do.
_SPAN_BLOCKS = 16


def _forgive_spanning_quotes(document: Document,
                             found: list[tuple[Block, int, list[PairingProblem]]]) -> None:
    """Drop the problems of quotations that legitimately run over several paragraphs.

    Dialogue often opens a quotation in one paragraph (or line) and closes it in a later one;
    by convention a quotation that runs on may also re-open each new paragraph with “. An
    opening mark left open at the end of a paragraph is forgiven when a following paragraph
    (within a few, with no other quotation mark of the kind between) re-opens with the same
    mark or closes it with a closing mark that has no opener of its own — that closing mark
    is forgiven too, once. Two closing marks in one paragraph (解离”体验”) stay reported.
    """
    for k, (_, _, problems) in enumerate(found):
        for problem in list(problems):
            later = found[k + 1:k + 1 + _SPAN_BLOCKS]
            if problem.kind is Pairing.ODD_QUOTES:
                _forgive_odd_ascii_quotes(document, problem, problems, later)
            elif problem.kind is Pairing.NEVER_CLOSED and problem.mark in QUOTATIONS:
                _forgive_open_quotation(document, problem, problems, later)
            elif problem.kind is Pairing.NEVER_CLOSED and problem.mark in "（(":
                _forgive_open_quotation(document, problem, problems, later[:1], reopen=False)


def _forgive_odd_ascii_quotes(document: Document, problem: PairingProblem,
                              problems: list[PairingProblem],
                              later: list[tuple[Block, int, list[PairingProblem]]]) -> None:
    """An odd number of ASCII quotes: the quotation closes in a later paragraph that has an
    odd number too (or re-opens with "), with no ASCII quote in between."""
    for later_block, start, later_problems in later:
        odd = next((p for p in later_problems if p.kind is Pairing.ODD_QUOTES), None)
        if odd is not None:
            later_problems.remove(odd)
            problems.remove(problem)
            return
        text = document.text[start:later_block.content_end]
        if text.lstrip(" \t*_>")[:1] == '"':
            problems.remove(problem)  # re-opened, as a run-on quotation is
            return
        if '"' in text:
            return


def _forgive_open_quotation(document: Document, problem: PairingProblem,
                            problems: list[PairingProblem],
                            later: list[tuple[Block, int, list[PairingProblem]]],
                            reopen: bool = True) -> None:
    """A “ (「 『) left open: closed by a later stray ” (」 』), or re-opened by a later
    paragraph, before any other mark of the kind. A bracket (``reopen=False``, given the
    next paragraph only) is forgiven when that paragraph closes it: a text with a sentence
    per line breaks a parenthesis that holds a question ("…相联系（由此联想到，…的尽头？" +
    "都有一个…的最终责任）；")."""
    opener, closer = problem.mark, problem.partner
    for later_block, start, later_problems in later:
        text = document.text[start:later_block.content_end]
        stray = next((p for p in later_problems
                      if p.kind is Pairing.STRAY_CLOSE and p.mark == closer), None)
        if stray is not None:
            later_problems.remove(stray)
            problems.remove(problem)
            return
        if reopen and text.lstrip(" \t*_>").startswith(opener):
            problems.remove(problem)
            return
        if opener in text or closer in text:
            return


# ---------------------------------------------------------------------------------------------
# P002 / P003

_FULLWIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）",
              ".": "。"}
_HALFWIDTH = {v: k for k, v in _FULLWIDTH.items()} | {"。": ".", "、": ",", "【": "[",
                                                      "】": "]"}


def halfwidth_form(ch: str) -> str:
    """The ASCII form of a full-width mark (、 → ,), or of a full-width form U+FF01–U+FF5E.

    >>> halfwidth_form("、"), halfwidth_form("，"), halfwidth_form("＃")
    (',', ',', '#')
    """
    if ch in _HALFWIDTH:
        return _HALFWIDTH[ch]
    # Only the full-width forms block maps onto ASCII by a fixed shift.
    return chr(ord(ch) - 0xFEE0) if "\uff01" <= ch <= "\uff5e" else ch


@dataclass(frozen=True)
class Replacement:
    """One safe edit a fixer can apply: ``old`` at ``offset`` becomes ``new``.

    ``old`` is empty for an insertion (a space between Chinese and Latin text), ``new`` for
    a deletion; the offset is a document offset once :meth:`moved` from the text's.
    """

    offset: int
    old: str
    new: str

    def moved(self, by: int) -> Replacement:
        """The same edit with its offset moved by ``by`` (text offset → document offset)."""
        return replace(self, offset=self.offset + by)

    def describe(self, document: Document) -> str:
        """``2:6 "(" → "（"``: the edit at its line and column, for a suggestion's text."""
        line, column = document.position(self.offset)
        return f'{line}:{column} "{self.old}" → "{self.new}"'


def _suggestion(advice: str, edits: list[Replacement], document: Document) -> str:
    """``use full-width ， (3:5 "," → "，")``: the advice, then each edit a fixer needs."""
    return f"{advice} ({'; '.join(e.describe(document) for e in edits)})"


def _neighbours(text: str, k: int) -> tuple[str, str]:
    """The nearest non-space, unmasked characters before and after position ``k`` (a
    :data:`TOKEN` — code, a URL — counts: it is a word, though of no script)."""
    i = k - 1
    while i >= 0 and (text[i].isspace() or text[i] == MASK):
        i -= 1
    j = k + 1
    while j < len(text) and (text[j].isspace() or text[j] == MASK):
        j += 1
    return (text[i] if i >= 0 else ""), (text[j] if j < len(text) else "")


#: A Latin key opening the text, as in a definition list: ``- consumer_group: 消费者 ID``,
#: also in code (StarRocks: ``- `sketch`: 包含…``); not a word in bold, which is prose
#: (rocketmq-site: ``**tips**: 可修改…``, judged a half-width colon).
_LABEL = re.compile(rf"^[\s{MASK}]*(?:[A-Za-z0-9_.\-{TOKEN}]+|{MASK}+{TOKEN}+{MASK}+)$")


def _is_label_colon(text: str, k: int) -> bool:
    """A colon right after a Latin key that opens the text (``key: 描述``): the key is an
    identifier copied from code or the source, and its colon belongs with it."""
    return text[k] == ":" and bool(_LABEL.match(text[:k])) and any(
        c.isalnum() or c == TOKEN for c in text[:k])


#: The characters :func:`_bracket_marks`, :func:`halfwidth_marks` and :func:`fullwidth_marks`
#: look at, found by one scan each instead of a loop over every character.
_BRACKETS = re.compile(r"[()（）]")
_DOTS = re.compile(r"\.")
_HALFWIDTH_MARKS = re.compile(r"[,:;!?]")
_FULLWIDTH_MARKS = re.compile("[" + re.escape("".join(_HALFWIDTH)) + "\uff01-\uff5e]")


def _bracket_marks(text: str) -> list[int]:
    """Half-width brackets used as Chinese punctuation: a ( ) pair around Chinese text, an
    unclosed ( before it, and either half of a mixed pair — （…) or (…） — whose other half
    is already full-width (one finding for the pair, at its half-width mark)."""
    out: list[int] = []
    stack: list[int] = []
    named = {k for m in _NAMED_PAIR.finditer(text) for k in (m.start(), m.end() - 1)} \
        if "( " in text else set()
    for m in _BRACKETS.finditer(text):
        k, ch = m.start(), m.group()
        if k in named:
            continue  # | ( 和 ) |: the two brackets named, not used (hertzbeat)
        if ch in "(（":
            stack.append(k)
        elif ch in ")）" and stack:
            o = stack.pop()
            if text[o] == "（" and ch == ")":
                out.append(k)
            elif text[o] == "(" and ch == "）":
                out.append(o)
            elif text[o] == "(" and any(is_han(c) for c in text[o + 1:k]):
                out += [o, k]
    # An opening ( never closed: it is Chinese punctuation when Chinese text follows it.
    out += [o for o in stack if text[o] == "(" and any(is_han(c) for c in text[o + 1:])]
    return out


def halfwidth_marks(text: str) -> list[int]:
    """Positions of half-width , : ; ! ? ( ) used as Chinese punctuation, and of a ``.`` that
    ends a Chinese sentence.

    A mark counts when a Han character or Chinese punctuation stands next to it; brackets
    count when what they enclose contains Han characters (PCP(苯环利定) but not 注射(IV)),
    and so does the half-width half of a mixed pair （…). Left alone: marks between Latin
    words, digits or code (0.5 mg/kg; 1:2, `a`, `b`) and the colon after a Latin key that
    opens the text (``connector-jar-expiry-time: 连接器…``).

    >>> halfwidth_marks("解离性麻醉剂,在治疗: 0.5 mg/kg; IV, IM")
    [6, 10]
    >>> halfwidth_marks("支持（thin)驱动"), halfwidth_marks("consumer_group: 消费者 ID")
    ([7], [])
    >>> halfwidth_marks("日志带有 :Scaling-Proxy 前缀"), halfwidth_marks("端口为 :8080")
    ([], [])
    >>> halfwidth_marks("比如 !=、NOT IN"), halfwidth_marks("稳定版：[![npm](a.svg)](b)")
    ([], [])

    A bracket that is itself reported counts as Chinese punctuation for the mark after it,
    so that fixing the bracket does not reveal a new finding (``纳曲酮(阿片阻断剂):``):

    >>> halfwidth_marks("纳曲酮(阿片阻断剂):")
    [3, 9, 10]
    """
    brackets = _bracket_marks(text)
    out = [m.start() for m in _DOTS.finditer(text) if _is_halfwidth_stop(text, m.start())]
    for m in _HALFWIDTH_MARKS.finditer(text):
        k, ch = m.start(), m.group()
        before, after = _neighbours(text, k)
        if (is_cjk(before) and not before.isdigit()) or is_han(after) or \
                (k - 1) in brackets:
            if ch == ":" and before.isdigit() and after.isdigit():
                continue  # a ratio or a time: 1:2, 10:30
            if ch == "!" and text[k + 1:k + 2] in ("=", "["):
                continue  # an operator (!=) or an image's mark ([![徽章](…)](…)), not a stop
            if ch == ":" and text[k - 1:k].isspace() and text[k + 1:k + 2].isascii() and \
                    text[k + 1:k + 2].isalnum():
                continue  # the prefix of a token, not a clause's colon: 带有 :Scaling-Proxy 前缀
            if _is_label_colon(text, k):
                continue
            if ch in ":;" and _SMILEY.match(text, k):
                continue  # a smiley, not a colon: "…这一过程 : )"
            if _named_symbol(text, k) or _after_code_literal(text, k):
                continue
            out.append(k)
    return sorted(set(out + brackets))


#: The two brackets named, a conjunction between them: ( 和 ), ( or ).
_NAMED_PAIR = re.compile(r"\(\s+(?:和|与|或|及|、|and|or)\s+\)")


def _after_code_literal(text: str, k: int) -> bool:
    """Whether the mark at ``k`` ends a statement of code written without backticks: it
    follows an ASCII quoted literal after a Latin word (IDE中import "google/api/x.proto";等:
    go-kratos.dev).

    >>> _after_code_literal('IDE中import "google/api/annotations.proto";等', 41)
    True
    >>> _after_code_literal('他说"好";然后', 5)
    False
    """
    if k < 2 or text[k - 1] not in "\"'":
        return False
    start = text.rfind(text[k - 1], 0, k - 1)
    return start > 0 and text[start + 1:k - 1].isascii() and \
        re.search(r"[A-Za-z]\s*$", text[:start]) is not None


#: Marks that open and close a mention of a symbol: （??）, “:”, `(,)`.
_MENTION_OPEN, _MENTION_CLOSE = "（(“‘「『\"'", "）)”’」』\"'"
_ASCII_MARKS = frozenset("!\"#$%&'*+,-./:;<=>?@\\^_`|~")


def _named_symbol(text: str, k: int) -> bool:
    """Whether the mark at ``k`` is a symbol the text names rather than punctuation: a run
    of ASCII marks alone between brackets or quotes (空值合并运算符（??）, 用冒号（:）分隔).

    >>> _named_symbol("空值合并运算符（??）", 8), _named_symbol("用冒号“:”分隔", 4)
    (True, True)
    >>> _named_symbol("你好?（对）", 2), _named_symbol("（好?）", 2)
    (False, False)
    >>> _named_symbol("`Desired` : 期望的", 10)
    False
    """
    a = k
    while a > 0 and text[a - 1] in _ASCII_MARKS and text[a - 1] not in "\"'":
        a -= 1
    b = k + 1
    while b < len(text) and text[b] in _ASCII_MARKS and text[b] not in "\"'":
        b += 1
    return 0 < a and b < len(text) and text[a - 1] in _MENTION_OPEN and \
        text[b] in _MENTION_CLOSE


#: What may follow a full stop that ends a Chinese sentence: the end, a space, Chinese text,
#: or a closing quote or bracket.
_AFTER_STOP = set("”’」』）)]】》\"'")


def _is_halfwidth_stop(text: str, k: int) -> bool:
    """Whether the ``.`` at ``k`` ends a Chinese sentence: a Han character stands right
    before it and nothing Latin, no digit and no other dot right after it (``文件.md``,
    ``版本.1``, an ellipsis ``...`` and ``。.`` are left alone).

    >>> texts = ("重启服务.", "见 a.md", "生效. 然后", "等等...")
    >>> [_is_halfwidth_stop(t, t.index(".")) for t in texts]
    [True, False, True, False]
    >>> _is_halfwidth_stop("配置文件.yaml", 4), _is_halfwidth_stop("（见上文）.", 5)
    (False, True)
    """
    before = text[k - 1] if k else ""
    after = text[k + 1] if k + 1 < len(text) else ""
    if not (is_han(before) or before in "）」』”】》"):
        return False
    if is_han(after) and any(m.start() <= k < m.end() for m in DOTTED_NAME.finditer(
            text, max(0, k - 40), k + 41)):
        return False  # names joined by dots: “服务名称.服务分组.命名空间ID.nacos” (higress)
    return after == "" or after.isspace() or is_han(after) or after in _AFTER_STOP


def fullwidth_marks(text: str) -> list[int]:
    """Positions of full-width punctuation in English text, but for marks next to a Han
    character (Chinese quoted in the English text keeps its own punctuation).

    >>> fullwidth_marks("Port：3306, 他说：好")
    [4]
    """
    found = []
    for m in _FULLWIDTH_MARKS.finditer(text):
        before, after = _neighbours(text, m.start())
        if not is_han(before) and not is_han(after):
            found.append(m.start())
    return found


def _group_message(text: str, positions: list[int], what: str) -> str:
    """``half-width punctuation in Chinese text: , ×2 :`` — the marks and their counts."""
    counts = Counter(text[k] for k in positions)
    detail = " ".join(f"{c} ×{n}" if n > 1 else c for c, n in counts.items())
    return f"{what}: {detail}"


_SIDES_DOC = """
## Which side
The rule checks the {lang} document of each pair, whichever it is: the target in an
{direction} project, the source where the site is written in {lang_name} first. Typography
is a property of the {lang_name} text, not of the translation step, and a defect in the
source is fixed the same way (the finding then points at the source file).
"""


@register
class HalfwidthInChinese(Check):
    code = "P002"
    name = "halfwidth-in-zh"
    severity = Severity.WARNING
    description = "Half-width , . : ; ( ) ! ? used as punctuation in Chinese text."
    fixable = True
    doc = """
## What it does
Finds half-width commas, colons, semicolons, exclamation and question marks next to Chinese
characters in Chinese text, a half-width full stop that ends a Chinese sentence (重启服务.),
and half-width brackets around Chinese text (or mixed with a full-width one, as in
（thin)), and reports them once per sentence with their count. Marks between Latin words,
digits or code (0.5 mg/kg; 1:2, 注射(IV), `MySQL`, `Kudu`), file names and versions (a.md,
3.1), an ellipsis, inside URLs and placeholders, and the colon of a Latin key opening a line
(`key: 描述`) are left alone. The suggestion lists each replacement as `line:column "old" → "new"`.
""" + _SIDES_DOC.format(lang="Chinese", direction="en → zh", lang_name="Chinese") + """
## Why it matters
Chinese typography uses full-width punctuation: half-width marks look cramped, break line
justification and are a telltale sign of machine conversion or careless editing.

## Example
```
zh: 氯胺酮是一种解离性麻醉剂,在治疗抑郁症方面具有强大的临床应用价值
```

## Use instead
```
zh: 氯胺酮是一种解离性麻醉剂，在治疗抑郁症方面具有强大的临床应用价值
```
"""

    @unique_findings
    def check_document(self, doc: AlignedDocument, ctx: CheckContext) -> Iterable[Finding]:
        document = language_sides(doc).zh
        if document is None:
            return
        index = pair_index(doc)
        for s in document.sentences:
            text = prose(document, s.start, s.end, s.spans)
            found = halfwidth_marks(text)
            if not found:
                continue
            edits = [Replacement(s.start + k, text[k], _FULLWIDTH[text[k]]) for k in found]
            marks = "".join(dict.fromkeys(e.new for e in edits))
            message = _group_message(text, found, "half-width punctuation in Chinese text")
            yield _report(self, doc, document, s, s.start + found[0], s.start + found[-1] + 1,
                          message, _suggestion(f"use full-width {' '.join(marks)}", edits,
                                               document), index, edits)


@register
class FullwidthInEnglish(Check):
    code = "P003"
    name = "fullwidth-in-en"
    severity = Severity.WARNING
    description = "Full-width punctuation (，。：；！？（）) in English text."
    fixable = True
    doc = """
## What it does
Finds full-width punctuation — ， 。 、 ： ； ！ ？ （ ） 【 】 and other full-width forms — in
English text, once per sentence with the count. Marks inside Chinese text quoted in the
English document (next to a Han character), in code and in URLs are left alone. The
suggestion lists each replacement as `line:column "old" → "new"`.
""" + _SIDES_DOC.format(lang="English", direction="zh → en", lang_name="English") + """
## Why it matters
Full-width marks in English text come from editing on a Chinese input method; they render
with wide gaps and confuse search and spell checking.

## Example
```
en: Ketamine works fast，unlike SSRIs（which take weeks）。
```

## Use instead
```
en: Ketamine works fast, unlike SSRIs (which take weeks).
```
"""

    @unique_findings
    def check_document(self, doc: AlignedDocument, ctx: CheckContext) -> Iterable[Finding]:
        document = language_sides(doc).en
        if document is None:
            return
        index = pair_index(doc)
        for s in document.sentences:
            text = prose(document, s.start, s.end, s.spans)
            found = fullwidth_marks(text)
            if not found or _chinese_sentence(text):
                continue  # a sentence left in Chinese keeps its marks (T004/A006 report it)
            # 【Confirm】(optional) made [Confirm](optional) would be a link (hertzbeat): such a
            # pair is reported without a fix.
            edits = [Replacement(s.start + k, text[k], halfwidth_form(text[k])) for k in found
                     if not _makes_a_link(text, k)]
            forms = " ".join(dict.fromkeys(halfwidth_form(text[k]) for k in found))
            message = _group_message(text, found, "full-width punctuation in English text")
            advice = _suggestion(f"use half-width {forms}", edits, document) if edits else \
                "mark the label another way (quotes or bold): [ ] here would make a Markdown link"
            yield _report(self, doc, document, s, s.start + found[0], s.start + found[-1] + 1,
                          message, advice, index, edits)


def _makes_a_link(text: str, k: int) -> bool:
    """Whether making the lenticular bracket at ``k`` half-width turns its pair into Markdown
    link text: a 】 (or the 【 of one) with ( or （ right after the 】.

    >>> _makes_a_link("click 【Confirm】(optional)", 6), _makes_a_link("see 【A】 and", 4)
    (True, False)
    """
    close = text.find("】", k) if text[k] == "【" else k if text[k] == "】" else -1
    return close >= 0 and text[close + 1:close + 2] in ("(", "（")


def _chinese_sentence(text: str) -> bool:
    """Whether a sentence of an English document is written in Chinese: more Han characters
    than Latin words (umi's untranslated blog page: "…(https://…) 、nginx 等启动服务。").

    >>> _chinese_sentence("可以使用 serve 、nginx 等启动服务。")
    True
    >>> _chinese_sentence("Use “确定”，then OK.")
    False
    """
    han = sum(1 for c in text if is_han(c))
    return han > 0 and han > len(_LATIN_WORDS.findall(text))


_LATIN_WORDS = re.compile(r"[A-Za-z]+")


# ---------------------------------------------------------------------------------------------
# P004

_BOUNDARY = re.compile(
    rf"(?<=[{HAN}])( ?)(?=[A-Za-z0-9])|(?<=[A-Za-z0-9%])( ?)(?=[{HAN}])")


def spacing_boundaries(text: str) -> list[tuple[int, bool]]:
    """(position, spaced) for each boundary between a Han character and a Latin letter/digit.

    >>> spacing_boundaries("使用 BDNF受体")
    [(2, True), (7, False)]

    The space after a leading section or step number is not a spacing choice:

    >>> spacing_boundaries("7.3 更新ACL")
    [(6, False)]
    """
    lead = _LEADING_NUMBER.match(text)
    skip = lead.end() if lead else -1
    return [(m.start(), bool(m.group(1) or m.group(2))) for m in _BOUNDARY.finditer(text)
            if m.start() >= skip]


#: "7.3 ", "2. ", "(3) " opening a heading or an item.
_LEADING_NUMBER = re.compile(r"\s*(?:\d{1,3}(?:\.\d{1,3})*\.?|[(（]\d{1,3}[)）])\s+")


_PHRASE_AFTER = re.compile(r" [A-Za-z0-9][\w.+-]*(?: [A-Za-z0-9][\w.+-]*)+", re.ASCII)
_PHRASE_BEFORE = re.compile(r"[A-Za-z0-9][\w.+-]*(?: [A-Za-z0-9][\w.+-]*)+ $", re.ASCII)


def next_to_phrase(text: str, k: int) -> bool:
    """Whether the spaced boundary at ``k`` sets off a Latin phrase of several words
    (``Apache RocketMQ 的``, ``# RocketMQ Streams 快速开始``): the phrase's own spaces call
    for the space around it, so a document that otherwise writes ``使用BDNF受体`` has not
    broken its style there (judged on rocketmq-site: such findings were all false alarms).

    >>> next_to_phrase("是 Apache RocketMQ 的", 17), next_to_phrase("是 RocketMQ 的", 10)
    (True, False)
    >>> next_to_phrase("由 Apache RocketMQ", 1)
    True
    """
    return bool(_PHRASE_AFTER.match(text, k) or _PHRASE_BEFORE.search(text[:k + 1]))


#: The share of a document's digit boundaries that must follow its style for a digit
#: boundary that breaks it to be reported (see :class:`CjkLatinSpacing`). Judged: "返回第1步"
#: in a page whose digits are spaced 5 of 7 ("时效 72 小时") was real; "默认是3308" and
#: "主要有4个步骤" in pages whose digits are spaced 1 of 2 and 2 of 4 were debatable.
DIGIT_STYLE_SHARE = 2 / 3


def _digit_boundary(text: str, k: int) -> bool:
    """Whether the boundary at ``k`` (see :func:`spacing_boundaries`) is between a Han
    character and a digit (``是3308``, ``5分钟``) rather than a Latin letter.

    >>> _digit_boundary("默认是3308。", 3), _digit_boundary("使用 BDNF受体", 2)
    (True, False)
    """
    near = text[k:k + 2].strip()[:1] if is_han(text[k - 1:k]) else text[k - 1:k]
    return near.isdigit() or near == "%"


def _spacing_style(style: str, per_sentence: list[tuple[Sentence, list[tuple[int, bool]]]]
                   ) -> bool | None:
    """Whether boundaries want a space: the configured style, else the document's own
    style when at least 95% of (five or more) boundaries agree, else None — a document
    that mixes both styles has no style to break (judged on real pages: findings were real
    only where one style dominated by 90% or more; at 85%, 1 of 10 was)."""
    if style == "add":
        return True
    if style == "none":
        return False
    counts = Counter(sp for _, bs in per_sentence for _, sp in bs)
    total = sum(counts.values())
    majority, n = (counts.most_common(1)[0] if counts else (None, 0))
    return majority if total >= 5 and n >= 0.95 * total else None


@register
class CjkLatinSpacing(Check):
    code = "P004"
    name = "cjk-latin-spacing"
    severity = Severity.INFO
    description = "Spacing between Chinese and Latin letters or digits breaks the house style."
    fixable = True
    doc = """
## What it does
Looks at every boundary between a Han character and a Latin letter or digit in Chinese text
and compares it with `cjk-latin-spacing` in `[tool.bitext]`: `add` wants a space
(`使用 BDNF 受体`), `none` wants none (`使用BDNF受体`), and `as-is` (the default) learns the
document's own majority and reports the boundaries that break it, when at least 95% of
five or more agree (except the spaces that set off a multi-word Latin name, `Apache
RocketMQ 的`: the name's own spaces call for them). One finding per sentence. Code,
URLs (which need white space around them) and placeholders are no Latin text here. The
suggestion lists each edit as `line:column "old" → "new"`.
""" + _SIDES_DOC.format(lang="Chinese", direction="en → zh", lang_name="Chinese") + """
## Why it matters
Both styles are common; mixing them in one document looks careless and makes search and
replace unreliable.

## Example
```
zh: 氯胺酮通过结合TrkB受体起效，与 BDNF 的作用相似。   (style: none)
```

## Use instead
```
zh: 氯胺酮通过结合TrkB受体起效，与BDNF的作用相似。
```
"""

    @unique_findings
    def check_document(self, doc: AlignedDocument, ctx: CheckContext) -> Iterable[Finding]:
        document = language_sides(doc).zh
        if document is None:
            return
        style = ctx.settings.cjk_latin_spacing
        index = pair_index(doc)
        texts = [prose(document, s.start, s.end, s.spans) for s in document.sentences]
        per_sentence = [(s, spacing_boundaries(t)) for s, t in zip(document.sentences, texts,
                                                                    strict=True)]
        want = _spacing_style(style, per_sentence)
        if want is None:
            return
        why = "the configured style" if style != "as-is" else "this document's style"
        # Digits are a convention of their own (a page that writes "Kafka 集群" may write
        # "端口3308" as often as "端口 3308"): a digit boundary breaks the style only where
        # the document's digit boundaries themselves follow it, two in three at least.
        digits = [sp for (_, bs), t in zip(per_sentence, texts, strict=True)
                  for k, sp in bs if _digit_boundary(t, k)]
        digits_follow = style != "as-is" or (
            bool(digits) and digits.count(want) >= DIGIT_STYLE_SHARE * len(digits))
        for (s, bounds), text in zip(per_sentence, texts, strict=True):
            bad = [k for k, spaced in bounds if spaced != want and
                   (want or style != "as-is" or not next_to_phrase(text, k)) and
                   (digits_follow or not _digit_boundary(text, k))]
            if not bad:
                continue
            if want:
                message = f"{plural(len(bad), 'boundary', 'boundaries')} between Chinese " \
                          f"and Latin text without a space ({why} adds one)"
                fix = "add a space between Chinese and Latin text"
                edits = [Replacement(s.start + k, "", " ") for k in bad]
            else:
                message = f"{plural(len(bad), 'space')} between Chinese and Latin text " \
                          f"({why} has none)"
                fix = "remove the space between Chinese and Latin text"
                edits = [Replacement(s.start + k, " ", "") for k in bad]
            end = bad[-1] + (1 if not want else 0)
            yield _report(self, doc, document, s, s.start + bad[0],
                          s.start + max(end, bad[-1] + 1), message,
                          _suggestion(fix, edits, document), index, edits)


# ---------------------------------------------------------------------------------------------
# P005

def _leads_into_code(document: Document, sentence: Sentence) -> bool:
    """Whether the sentence ends its block and the next non-blank block is code."""
    block = document.blocks[sentence.block]
    if block.sentences[-1:] != [sentence]:
        return False
    for nxt in document.blocks[sentence.block + 1:]:
        if nxt.kind is not BlockKind.BLANK:
            return nxt.kind is BlockKind.CODE
    return False


def _is_heading(document: Document, sentence: Sentence) -> bool:
    """Whether the sentence is (part of) a Markdown heading (``### Overview``) or a box's
    title (``:::note 注意``)."""
    block = document.blocks[sentence.block]
    return block.kind is BlockKind.HEADING and (block.level > 0 or block.box_title)


def _ends_block(document: Document, sentence: Sentence) -> bool:
    return document.blocks[sentence.block].sentences[-1:] == [sentence]


def _block_end_kind(document: Document, sentence: Sentence) -> str:
    """The end punctuation of the block the sentence sits in (its last sentence's)."""
    last = document.blocks[sentence.block].sentences[-1:]
    return end_kind(last[0].raw)[0] if last else "none"


def _bare_list_style(document: Document, sentence: Sentence) -> bool:
    """Whether the sentence ends a list item whose list leaves the other items' ends
    unmarked too: the translation's style for that list ("* **开发层面**，Dubbo 提供了……项目骨架"
    and its siblings, against English items that end with a full stop), not a mark it dropped
    from one item. It takes two other unmarked items to make a style (the two items of the
    English 01how-to-contribute.md, rocketmq-site, that drop the source's 。 were judged
    real); an item that leads into nested items with a colon ("一个……管理和分发中心，来负责
    ……：") is no exception to it."""
    block = document.blocks[sentence.block]
    if block.kind is not BlockKind.LIST_ITEM or not _ends_block(document, sentence):
        return False
    ends = [end_kind(b.sentences[-1].raw)[0] for b in document.list_siblings(block)
            if b.sentences]
    return ends.count("none") >= 2 and all(end in ("none", "colon") for end in ends)


def end_kind(text: str) -> tuple[str, int]:
    """The kind of a text's final punctuation, and its index (−1 for none), looking past
    closing quotes and brackets and markup delimiters.

    >>> end_kind('他问：“你去吗？”')
    ('question', 7)
    >>> end_kind("It works...")
    ('ellipsis', 10)
    >>> end_kind("**Why?**")
    ('question', 5)
    """
    return end_mark(text, also=MARKUP_DELIMITERS)


#: What makes a Chinese sentence a direct question whatever its end mark: a final particle
#: (知道这意味着什么吗。, a tag question's 壮观吧。), or a question word, an A-not-A pair
#: (你承不承认。) or an alternative question's two 还是 (今日还是路过，还是特来的。) …
_ZH_PARTICLE = re.compile(r"[吗么呢嘛吧][…。.！!”’」』\s]*$")
_ZH_ASKING = re.compile(r"什么|怎么|怎样|为什么|为何|何时|何处|谁|哪|几[个次天年]|多少|难道|岂|"
                        r"能否|可否|(?<!无论)如何|"
                        r"是否|还是[^。！？]*还是|([\u4e00-\u9fff])[不没]\1|[了过]没有(?=[…。.！!”’」』\s]*$)")
#: … unless, for a question word, a verb of saying, asking or knowing comes before it (not
#: after 你: 你说什么): the question is reported, and Chinese ends it with a full stop
#: (说你好了吗，带这些东西上哪儿。, the Chinese Union Version's 对他说，你在哪里。).
_ZH_REPORTING = re.compile(r"(?<!你)(?:说|问|想|不知|知道|告诉|听说|记得)")


def asks_in_chinese(text: str) -> bool:
    """Whether Chinese ``text`` asks a question in its words — a final particle, or a
    question word not reported, in its last quotation (or the whole, without one) — rather
    than stating something or reporting a question.

    >>> [asks_in_chinese(t) for t in ("你怎么见了他倒不会说话了呢。", "你说什么。", "原来你偷食。",
    ...                                "说你怎么敢走了。", "心想：“这些饭菜不知是谁送来的。",
    ...                                "知道这意味着什么吗。", "你承不承认。", "你听明白了没有。",
    ...                                "问汪淼看完了没有。", "为了没有遗憾。")]
    [True, True, False, False, False, True, True, True, False, False]
    """
    quoted = max(text.rfind(mark) for mark in QUOTATIONS)
    speech = text[quoted + 1:] if quoted >= 0 else text
    if _ZH_PARTICLE.search(speech):
        return True
    asking = _ZH_ASKING.search(speech)
    return asking is not None and not _ZH_REPORTING.search(speech, 0, asking.start())


#: A name and its description on a line: ``device - 使用的设备。``, ``ptr: the address``.
_DEFINITION = re.compile(r"\s*`?([A-Za-z_][\w.]*)`?\s*(?:[-–—:]|：)\s*\S")


def _definition(source: str, target: str) -> bool:
    """Whether both sides describe one name on a line of its own ("device - 使用的设备。" ↔
    "device - the device to be used": PaddlePaddle's API pages): a fragment, whose full
    stop one language writes by habit and the other leaves out."""
    a, b = _DEFINITION.match(source), _DEFINITION.match(target)
    return a is not None and b is not None and a.group(1) == b.group(1)


def _made_a_list(doc: AlignedDocument, source: Sentence, target: Sentence) -> bool:
    """Whether the translation made the source's paragraph sentence a list item: its
    fragments take no full stop, and M002 reports the change of block."""
    a = doc.alignment
    return a.source.blocks[source.block].kind is BlockKind.PARAGRAPH and \
        a.target.blocks[target.block].kind is BlockKind.LIST_ITEM


def _in_paragraph(doc: AlignedDocument, sentence: Sentence) -> bool:
    """Whether the target sentence is in a paragraph of running text (no list item, heading
    or table cell)."""
    block = doc.alignment.target.blocks[sentence.block]
    return block.kind is BlockKind.PARAGRAPH and sentence.cell is None


#: A question mark that closes a quotation ("'What are you so happy about?' snapped the
#: old eunuch.").
_QUOTED_QUESTION = re.compile(r"\?[\"'”’]")


def _quoted_question_lost(source: Sentence, target: Sentence, end: int,
                          pair: SentencePair) -> bool:
    """Whether a source sentence that ends as a statement holds a quoted question whose
    Chinese translation, the quotation the target ends with, asks in its words but ends with
    a full stop and has no question mark anywhere ("'What are you so happy about?' snapped
    the old eunuch." ↔ "…问道：“有什么开心。”"). English puts the speaker after the quotation,
    Chinese before it, so the pair's final marks are both full stops."""
    if target.lang != "zh" or not _QUOTED_QUESTION.search(source.raw):
        return False
    if "?" in pair.target_text or "？" in pair.target_text:
        return False
    closing = target.raw[end + 1:].strip()
    return closing[:1] in ("”", "」", "』") and asks_in_chinese(target.text)


#: A Chinese sentence that ends with the question particle 吗, or with a tag question of its
#: own clause (你输了，是不是。), and a full stop: a question, whatever the source does (吗
#: asks; 干吗 "why" is a question word, and rhetorical; an A-not-A inside a clause reports a
#: question: 搞不清我是不是哑巴。).
_MA_STATEMENT = re.compile(r"(?:(?<![干])吗|[，,]\s*([\u4e00-\u9fff])[不没]\1)[。.][”’」』\s]*$")

#: The words that make the last clause of a Chinese sentence a question whatever its end
#: mark, besides 吗 and a tag: a rhetorical 难道 or 岂 (难道你不知道。; not 岂料 "unexpectedly"),
#: 怎能/怎会/怎可, 有什么用, a final 不成 after a modal verb (会自己跑到咱们家里来不成。; not
#: 这可不成。 "that won't do", nor 不去不成。 "must go"), a question word answered by a final 呢
#: (你到底要去哪儿呢。), and a quotation that 问 opens with a question word
#: (问：“是怎么了。”). On the clean text of MAC-Dev and the Chinese Union Version these
#: forms end with a question mark every time (131 sentences, none with a full stop); the
#: docs pages and the MQM set's Chinese news have none. Left out: a question word the
#: clause negates or makes indefinite (还没说什么呢。, 谁也不知道呢。), or that a verb of
#: saying, thinking or knowing reports (我正想着怎么办呢。, 我当是谁呢。).
_END = r"[。.][”’」』\s]*$"
_LAST_CLAUSE = r"[^，,；;：:。！？!?“”「」]*"
_ZH_QUESTION_FORM = re.compile(
    rf"(?P<word>难道|岂(?![料知])|怎[能会可]|有什么用){_LAST_CLAUSE}{_END}"
    rf"|(?P<modal>[会要敢能]){_LAST_CLAUSE}(?P<tail>不成){_END}"
    rf"|(?P<ne>什么|怎么|怎样|为什么|为何|谁|哪){_LAST_CLAUSE}呢{_END}"
    rf"|问道?[：:]\s*[“「](?P<quoted>[^”」]*?)(?P<asked>什么|怎么|怎样|为什么|为何|谁|哪)"
    rf"[^”」]*[。.][”」]\s*$")
_INDEFINITE = re.compile(r"[不没]|以为|当是")


def question_form(text: str) -> str | None:
    """The word that makes the last clause of Chinese ``text`` (raw) a question whatever
    its end mark (see ``_ZH_QUESTION_FORM``), if the text ends with a full stop, else None.

    >>> [question_form(t) for t in ("难道你不知道。", "会自己跑到咱们家里来不成。”",
    ...                             "你要去哪儿呢。", "他问：“是怎么了。”", "你还要打我不成。")]
    ['难道', '不成', '哪', '怎么', '不成']
    >>> {question_form(t) for t in ("岂不愿意呢，遂帮着过活。", "我还没说什么呢。", "我当是谁呢。",
    ...                             "谁也不知道呢。", "难道你不知道？", "不知怎会这样。",
    ...                             "这可不成。", "今天不去不成。", "岂料他来了。",
    ...                             "这样可能不成。")}
    {None}
    """
    m = _ZH_QUESTION_FORM.search(text)
    if m is None:
        return None
    name = next(g for g in ("word", "modal", "ne", "asked") if m.group(g))
    before = m.group("quoted") if name == "asked" else \
        re.split(r"[，,；;：:“”「」]", text[:m.start(name)])[-1]
    if name == "modal":  # 你还要打我不成。; not 这可不成。 ("that won't do") nor 不去不成。
        middle = text[m.end("modal"):m.start("tail")]
        return None if _INDEFINITE.search(middle) or before.endswith("可") else "不成"
    if _INDEFINITE.search(before) or _ZH_REPORTING.search(before) or \
            (name == "ne" and text[m.end(name):m.end(name) + 1] in ("都", "也")):
        return None
    return m.group(name)


#: A sentence that is only images (``![](a.png)``, linked or not).
_IMAGES = re.compile(r"\s*(?:\[?!\[[^\]]*\]\([^)]*\)(?:\]\([^)]*\))?\s*)+")
#: A code span that ends the sentence: its last mark is the code's (如果日志里有 `Arthas
#: server already bind.`: arthas), and the sentence ends without one.
_TRAILING_CODE = re.compile(r"`[^`\n]+`\s*$")
_TRAILING_IMAGES = re.compile(r"(?<=\S)\s*(?:\[?!\[[^\]]*\]\([^)]*\)(?:\]\([^)]*\))?\s*)+$")

_NAMES = {"question": "a question mark", "statement": "a full stop", "colon": "a colon",
          "none": "no end punctuation", "exclamation": "an exclamation mark",
          "ellipsis": "an ellipsis", "semicolon": "a semicolon"}


@register
class EndPunctuation(Check):
    code = "P005"
    name = "end-punctuation"
    severity = Severity.WARNING
    description = "The pair ends in different kinds of punctuation (question vs statement)."
    doc = """
## What it does
Compares the final punctuation of each aligned pair, looking past closing quotes and
brackets, with Chinese and ASCII forms treated alike (。 = ., ？ = ?, ！ = !, ： = :,
…… = ...), so it works the same in en → zh and zh → en pairs. Reports a source question
whose translation has no question mark at all (a translation that turns a statement into a
rhetorical question is a free rendering, and is left alone), and a source colon or full stop
that the translation drops. A translation that adds a full stop or a colon the source lacks
(common where a Chinese list item or bold title has none) completes the sentence, and is
left alone; so are exclamation versus full stop and ellipsis versus full stop (style). A
question inside a quotation counts too: English puts the speaker after the quotation and
Chinese before it ("'Why?' he asked." ↔ 他问道：“为什么。”), so a quoted question whose
Chinese asks in its words but ends with a full stop is reported although both sentences end
with one. A Chinese translation that asks with the particle 吗 or a tag question
(你输了，是不是。), or in its last clause with words that only ask — a rhetorical 难道 or 岂,
怎能, 有什么用, a final 不成 after 会 or 要, a question word answered by a final 呢, a quotation
that 问 opens with a question word — but ends with a full stop is reported whatever its
source: those words make it a question. A source question that a paragraph of running text
restates as a Chinese statement without any such word (因为 Gallery 中也调用了 Profile 组件。 for
"Doesn't Gallery use Profile, too?") is a free rendering; in a heading or a list item (an FAQ's
question) it is reported. A full stop dropped where the translation made the source's
sentences list items is left alone too: fragments take none (M002 reports the change).

## Why it matters
A question turned into a statement (or the reverse) changes what the sentence does; a
missing colon or full stop is a visible slip, and sometimes the sign of a truncated text.

## Example
```
en: Why does ketamine work so quickly?
zh: 氯胺酮为何起效如此之快。
```

## Use instead
```
zh: 氯胺酮为何起效如此之快？
```
"""

    def check_pair(self, pair: SentencePair, doc: AlignedDocument,
                   ctx: CheckContext) -> Iterable[Finding]:
        if not pair.source or not pair.target:
            return
        if any(b.kind is BlockKind.TABLE_ROW for b in pair.source_blocks + pair.target_blocks):
            return
        # An image after the sentence is not where it ends: the aligner put the pictures
        # that follow "最终面板效果如下：" with it (shenyu-website).
        source = [s for s in pair.source if not _IMAGES.fullmatch(s.raw)] or pair.source
        target = [t for t in pair.target if not _IMAGES.fullmatch(t.raw)] or pair.target
        if _IMAGES.fullmatch(source[-1].raw) or _IMAGES.fullmatch(target[-1].raw):
            return  # a picture against a picture, or against a sentence: no end mark to compare
        s_last, t_last = source[-1], target[-1]
        # An image at the end of a sentence ("… concurrency. ![方案](a.png)") is not its end.
        sk, _ = end_kind(_TRAILING_CODE.sub("", _TRAILING_IMAGES.sub("", s_last.raw)))
        tk, tpos = end_kind(_TRAILING_CODE.sub("", _TRAILING_IMAGES.sub("", t_last.raw)))
        asked = None
        if sk == tk == "statement" and _quoted_question_lost(s_last, t_last, tpos, pair):
            asked = ("the source's quotation asks a question (a question mark before its "
                     "closing quote), the translation's ends with a full stop",
                     "end the quotation with a question mark")
        elif tk == "statement" and sk != "question" and t_last.lang == "zh" and \
                _MA_STATEMENT.search(t_last.raw):
            asked = ("the translation asks a question (吗, or a tag such as 是不是) but ends "
                     "with a full stop", "end the question with a question mark")
        elif tk == "statement" and sk != "question" and t_last.lang == "zh" and \
                (word := question_form(t_last.raw)) is not None:
            asked = (f"the translation asks a question ({word}) but ends with a full stop",
                     "end the question with a question mark")
        if asked is not None:  # reported at the full stop that should be a question mark
            message, fix = asked
            yield self.finding(doc, message, source=pair.source,
                               target=span_location(doc.alignment.target, t_last.start + tpos,
                                                    t_last.start + tpos + 1),
                               confidence=pair.confidence, suggestion=fix)
            return
        if sk == tk or sk == "none":
            return  # nothing dropped: the translation at most adds a mark the source lacks
        if tk == "none" and _leads_into_code(doc.alignment.target, t_last):
            return  # a caption before a code block: a style of its own, not a dropped mark
        if tk == "none" and sk != "question" and _is_heading(doc.alignment.target, t_last):
            return  # a heading needs no full stop or colon; the source's is the odd one
        if tk == "none" and _ends_block(doc.alignment.target, t_last) and \
                _block_end_kind(doc.alignment.source, s_last) == "none":
            return  # the source's block ends unmarked too: the pair cut it after a mark
        if tk == "none" and sk in ("statement", "colon") and \
                _bare_list_style(doc.alignment.target, t_last):
            return  # the translation's list leaves its items unmarked: a style, kept alike
        if tk == "none" and sk == "statement" and _made_a_list(doc, s_last, t_last):
            return  # sentences made list items of fragments (apache/iotdb-docs): M002's
        if tk == "none" and sk == "statement" and _definition(s_last.raw, t_last.raw):
            return  # "device - the device to be used": a parameter's description, a fragment
        kinds = {sk, tk}
        if "ellipsis" in kinds:
            return  # a trailing-off line may be a question or a statement
        if "semicolon" in kinds:
            # A semicolon ends a clause: the pair is part of a longer sentence whose end mark
            # lies beyond it (a text with one sentence per line: "…是否都是幽灵倒计时的尽头？"
            # + "都有一个…要负的最终责任）；" against "Could it be that …?").
            return
        if not ("question" in kinds or "colon" in kinds or kinds == {"statement", "none"}):
            return
        for kind, last in ((sk, s_last.raw), (tk, t_last.raw)):
            end = strip_closing(last, also=MARKUP_DELIMITERS)[-1:]
            if kind == "none" and not (end.isalnum() or is_han(end)):
                return  # ends in a comma or a dash: the pair is part of a longer sentence
        if "question" in kinds:
            # Literary and rhetorical questions are translated freely ("Could this be the
            # Palace!" ↔ 难道这是皇宫？): measured on MAC-Dev, a translation that turns a
            # statement into a question was a false alarm every time, so only a source
            # question left without any question mark in the whole translation is reported.
            # A quoted question inside a statement ('"Why?" he asked.') counts as one.
            if sk != "question" or "?" in pair.target_text or "？" in pair.target_text:
                return
            if tk == "exclamation":
                return  # a rhetorical question rendered as an exclamation: a free rendering
            if tk == "statement" and t_last.lang == "zh" and not asks_in_chinese(t_last.text) \
                    and (prose_document(doc.alignment.source) or _in_paragraph(doc, t_last)):
                # Running prose (a novel, an article) renders questions freely: as a
                # statement (原来你时时到这里偷食。 for "So you come here for food, do you?") or
                # reported (说你怎么敢走了。): on MAC-Dev's clean chapters all 9 were false.
                # So does a docs page's paragraph: "Doesn't Gallery use Profile, too?" ↔
                # 因为 Gallery 中也调用了 Profile 组件。 (react.dev, 3 of 3 false); a heading
                # or a list item (an FAQ's question) is still checked.
                return
        if kinds == {"colon", "statement"}:
            return  # "You see, we each have our jobs." ↔ 你瞧： … — a free rendering too
        a = doc.alignment
        if tpos >= 0:
            target: Location | list[Sentence] = span_location(a.target, t_last.start + tpos,
                                                              t_last.start + tpos + 1)
        else:
            end = t_last.end
            target = span_location(a.target, max(t_last.start, end - 1), end)
        yield self.finding(doc, f"the source ends with {_NAMES[sk]}, the translation with "
                           f"{_NAMES[tk]}", source=pair.source, target=target,
                           confidence=pair.confidence,
                           suggestion=f"end with {_NAMES[sk]} as the source does")


__all__ = ["Block", "Pairing", "PairingProblem", "unpaired", "sentence_message",
           "halfwidth_marks", "halfwidth_form", "fullwidth_marks", "Replacement",
           "spacing_boundaries", "end_kind"]

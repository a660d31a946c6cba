"""Cut a long document pair into parts at headings both sides share.

A document pair of several megabytes is read, aligned and checked as a series of parts, each
on its own: the parts go to the worker pool like document pairs, so a big document uses every
core, and a process holds one part's model at a time instead of the whole document's (about
20 bytes a character). A cut is made only where both sides confidently have the same
heading: an ATX heading outside code, front matter, comments and admonitions, at about the
same relative place in both files, whose neighbourhood of headings (three before, three after)
agrees heading by heading — the same levels, and the Latin words and numbers of the Chinese
side's headings found in the English side's. Where no such heading is near the place a cut
should go, the part grows to the next one; a pair without any is not cut.

A part's sentences keep the lines and columns of the whole file (``line_base``), so its
findings land where they would without the cut; pair indexes are renumbered by the run.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from align.markdown import _ADMONITION, _ATX, _COMMENT_OPEN, _opening_fence
from align.numerals import _fmt, en_number_word, numbers_en, parse_zh_numeral

#: Characters of both sides together from which a pair is cut into parts.
SPLIT_CHARS = 2_000_000
#: Characters of both sides together a part aims at: small enough for a few to be in hand at
#: once within the pool's window (qa.pipeline.WINDOW_BYTES a job).
PART_CHARS = 300_000
#: Headings on each side of a cut that must agree.
CONTEXT = 3
#: How far (as a share of the file) a heading's counterpart may sit from the same relative
#: place in the other file.
WINDOW = 0.05
#: Source headings tried, nearest first, for each cut.
TRIES = 16
#: Target headings looked at on each side of the source heading's relative place.
SPAN = 100
#: Headings of the neighbourhood whose Chinese side has words the English side must have
#: (in the heading, or enough of them in its section).
EVIDENCE = 3
#: A section's Latin words and numbers (names, code, numbers: what a translation keeps) are
#: compared when the Chinese section has this many: two sections agree when the English one
#: has this share of them, and count as evidence when it has this larger share.
BODY_WORDS = 5
BODY_AGREE = 0.5
BODY_EVIDENCE = 0.8
#: Characters of a section read for its words.
BODY_CHARS = 4_000

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*[A-Za-z0-9]|[A-Za-z]|\d+(?:\.\d+)*")
_HAN_NUMERAL = re.compile(r"[零〇一二三四五六七八九十百千两]")
#: A Chinese heading's ordinal: 第十二章, 第三节, 一、 at the start.
_ZH_ORDINAL = re.compile(r"第([零〇一二三四五六七八九十百千两]+)[章节部篇卷回课讲]"
                         r"|^\s*([一二三四五六七八九十]+)[、．.]")
_SUFFIXES = (".md", ".mdx", ".markdown")


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a document pair: character ranges ``[start, end)`` of each decoded file,
    and the number of lines before each range (its first line is ``line_base + 1``). For a
    UTF-8 file, the same range in bytes and the encoding's name: the part is then read
    without decoding the rest of the file (a 20 MB file took 0.1 s to read and decode, for
    each of its parts)."""

    index: int
    count: int
    source_start: int
    source_end: int
    source_line_base: int
    target_start: int
    target_end: int
    target_line_base: int
    source_bytes: tuple[int, int, str] | None = None
    target_bytes: tuple[int, int, str] | None = None

    @property
    def last(self) -> bool:
        return self.index == self.count - 1


@dataclass(frozen=True, slots=True)
class Heading:
    """An ATX heading where a file may be cut: its offset, line (0-based), level, and the
    Latin words and numbers of its text (lower case)."""

    offset: int
    line: int
    level: int
    words: frozenset[str]


def heading_words(text: str) -> frozenset[str]:
    """The Latin words and numbers of a heading's text, lower case, with the value of a
    spelled-out number (``Chapter Twelve``, ``第十二章``: ``12``).

    >>> sorted(heading_words("Chapter Twenty-One: Kafka 3.5"))
    ['21', '3.5', 'chapter', 'kafka', 'twenty-one']
    >>> sorted(heading_words("第二十一章 Kafka")), sorted(heading_words("统一配置"))
    (['21', 'kafka'], [])
    """
    words = {w.lower() for w in _WORD.findall(text)}
    if any(en_number_word(p) is not None for w in words for p in w.split("-")):
        words.update(_fmt(n.value) for n in numbers_en(text, heading=True))
    if _HAN_NUMERAL.search(text):
        for m in _ZH_ORDINAL.finditer(text):
            value = parse_zh_numeral(m.group(1) or m.group(2))
            if value is not None:
                words.add(_fmt(value))
    return frozenset(words)


def with_bytes(parts: list[Part], source: str, source_encoding: str, target: str,
               target_encoding: str) -> list[Part]:
    """``parts`` with the byte range of each side that is UTF-8 (with or without a BOM),
    from the decoded ``source`` and ``target`` texts.

    >>> part = Part(0, 2, 0, 2, 0, 0, 3, 0)
    >>> with_bytes([part], "中文x", "utf-8", "abc", "utf-8-sig")[0].source_bytes
    (0, 6, 'utf-8')
    """
    ranges: list[dict[int, tuple[int, int, str]] | None] = []
    sides = ((source, source_encoding, [(p.source_start, p.source_end) for p in parts]),
             (target, target_encoding, [(p.target_start, p.target_end) for p in parts]))
    for text, encoding, spans in sides:
        starts, ends = [a for a, _ in spans], [b for _, b in spans]
        if encoding not in ("utf-8", "utf-8-sig"):
            ranges.append(None)
            continue
        offsets = sorted(set(starts) | set(ends))
        at, byte = 0, 3 if encoding == "utf-8-sig" else 0
        to_byte = {}
        for c in offsets:
            byte += len(text[at:c].encode("utf-8"))
            at = c
            to_byte[c] = byte
        ranges.append({k: (to_byte[a], to_byte[b], encoding) for k, (a, b) in
                       enumerate(zip(starts, ends, strict=True))})
    src, tgt = ranges
    return [replace(p, source_bytes=src[k] if src else None,
                    target_bytes=tgt[k] if tgt else None) for k, p in enumerate(parts)]


def headings(text: str) -> list[Heading]:
    """The ATX headings of a Markdown text outside front matter, fenced code, HTML comments
    and admonitions (``:::note`` … ``:::``), with the offset to cut at: the heading's line,
    or a comment line right above it (``<!-- bitext: ignore … -->`` stays with its block).

    >>> [(h.line, h.level, sorted(h.words)) for h in headings(
    ...     "---\\n# no\\n---\\n# One 1\\n```\\n# code\\n```\\n<!-- x -->\\n## Two\\n")]
    [(3, 1, ['1', 'one']), (7, 2, ['2', 'two'])]
    """
    out: list[Heading] = []
    lines = text.split("\n")
    offset = 0
    fence: str | None = None
    comment = front = False
    opener = ""
    boxes = 0
    above: tuple[int, int] | None = None  # comment lines right above: (offset, line)
    for k, line in enumerate(lines):
        here = offset
        offset += len(line) + 1
        stripped = line.strip()
        if k == 0 and stripped in ("---", "+++"):
            front, opener = True, stripped
            continue
        if front:
            front = stripped != opener
            continue
        if fence is not None:
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = None
            continue
        if comment:
            comment = "-->" not in line
            continue
        m = _opening_fence(line)
        if m:
            fence, above = m.group(2), None
            continue
        c = _COMMENT_OPEN.match(line)
        if c:
            comment = "-->" not in line[c.end():]
            above = above or (here, k)
            continue
        if not stripped:
            continue
        a = _ADMONITION.match(line)
        if a:
            boxes = boxes + 1 if a.group(2) or a.group(3) or a.group(4) else max(boxes - 1, 0)
        else:
            h = _ATX.match(line)
            if h and not boxes:
                start, at_line = above or (here, k)
                out.append(Heading(start, at_line, len(h.group(1)),
                                   heading_words(line[h.end():])))
        above = None
    return out


def _agree(en: Heading, zh: Heading) -> bool:
    """Whether two headings may be each other's translation: the same level, and the
    Chinese heading's Latin words and numbers all in the English one."""
    return en.level == zh.level and zh.words <= en.words


class _Bodies:
    """The Latin words and numbers of each heading's section (up to the next heading, its
    first :data:`BODY_CHARS` characters), worked out when first asked for."""

    def __init__(self, text: str, found: list[Heading]) -> None:
        self.text, self.found = text, found
        self.words: dict[int, frozenset[str]] = {}

    def __getitem__(self, k: int) -> frozenset[str]:
        words = self.words.get(k)
        if words is None:
            end = self.found[k + 1].offset if k + 1 < len(self.found) else len(self.text)
            chunk = self.text[self.found[k].offset:min(end, self.found[k].offset + BODY_CHARS)]
            words = self.words[k] = frozenset(w.lower() for w in _WORD.findall(chunk))
        return words


def _section_share(bodies: tuple[_Bodies, _Bodies], i: int, j: int,
                   en_first: bool) -> float | None:
    """The share of the Chinese section's Latin words and numbers that the English section
    has too (None when the Chinese section has fewer than :data:`BODY_WORDS`)."""
    en, zh = (bodies[0][i], bodies[1][j]) if en_first else (bodies[1][j], bodies[0][i])
    if len(zh) < BODY_WORDS:
        return None
    return len(zh & en) / len(zh)


def plan_parts(source: str, target: str, source_lang: str, target_lang: str, path: str,
               split_chars: int | None = None, part_chars: int | None = None) -> list[Part]:
    """The parts to read the pair ``source``/``target`` in (decoded texts), or ``[]`` when
    it is not to be cut: under ``split_chars`` characters together, not Markdown (by the
    file name ``path``), or without a heading the sides confidently share."""
    split_chars = SPLIT_CHARS if split_chars is None else split_chars
    part_chars = PART_CHARS if part_chars is None else part_chars
    total = len(source) + len(target)
    if total < split_chars or not path.lower().endswith(_SUFFIXES) or \
            source_lang == target_lang:
        return []
    hs, ht = headings(source), headings(target)
    if len(hs) <= 2 * CONTEXT or len(ht) <= 2 * CONTEXT:
        return []
    en_first = source_lang == "en"
    ps = [h.offset / len(source) for h in hs]
    pt = [h.offset / len(target) for h in ht]
    bodies = (_Bodies(source, hs), _Bodies(target, ht))

    def agree(i: int, j: int) -> bool:
        a, b = hs[i], ht[j]
        if not (_agree(a, b) if en_first else _agree(b, a)):
            return False
        share = _section_share(bodies, i, j, en_first)
        return share is None or share >= BODY_AGREE

    def evidence(i: int, j: int) -> int:
        """How many of the headings around ``(i, j)`` agree with something to agree on:
        words in the Chinese heading, or the Latin words and numbers of its section (names,
        code) found in the English section (-1 when one of them disagrees, or the files end
        on one side only)."""
        n = 0
        for d in range(-CONTEXT, CONTEXT + 1):
            inside = 0 <= i + d < len(hs)
            if inside != (0 <= j + d < len(ht)):
                return -1
            if inside:
                if not agree(i + d, j + d):
                    return -1
                share = _section_share(bodies, i + d, j + d, en_first)
                n += bool((ht if en_first else hs)[(j if en_first else i) + d].words) or \
                    (share is not None and share >= BODY_EVIDENCE)
        return n

    wanted = max(2, round(total / part_chars))
    cuts: list[tuple[int, int]] = []
    for k in range(1, wanted):
        f = k / wanted
        near = bisect_left(ps, f)
        order = sorted(range(max(0, near - TRIES), min(len(hs), near + TRIES)),
                       key=lambda i: abs(ps[i] - f))[:TRIES]
        for i in order:
            if cuts and i <= cuts[-1][0]:
                continue
            j0 = bisect_left(pt, ps[i])
            found = [j for j in range(max(j0 - SPAN, cuts[-1][1] + 1 if cuts else 0),
                                      min(j0 + SPAN, len(ht)))
                     if abs(pt[j] - ps[i]) <= WINDOW and agree(i, j)
                     and evidence(i, j) >= EVIDENCE]
            if len(found) == 1:
                cuts.append((i, found[0]))
                break
    cuts = [(i, j) for i, j in cuts if hs[i].offset > 0 and ht[j].offset > 0]
    if not cuts:
        return []
    bounds = [(0, 0, 0, 0), *((hs[i].offset, hs[i].line, ht[j].offset, ht[j].line)
                              for i, j in cuts), (len(source), 0, len(target), 0)]
    return [Part(k, len(bounds) - 1, a[0], b[0], a[1], a[2], b[2], a[3])
            for k, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False))]

"""Sentence segmentation for Chinese and English prose, returning exact character spans.

Why our own regex segmenter rather than pysbd or blingfire: the document model needs exact
offsets into the original text, closing quotes and brackets must stay with their sentence
(the team's earlier prototype saw pysbd and blingfire split some of those wrongly), and
Chinese documents often use half-width punctuation (the seed does), which general
segmenters do not treat as Chinese sentence ends. It is fast enough not to matter:
``python bench/segment_speed.py`` measured 160k–290k sentences/s for the splitter alone and
about 50k sentences/s for the whole read → segment stage on 2 busy cores.

Chinese: a sentence ends after 。！？； or an ellipsis (…… / ...), and after their half-width
forms ! ? ; . when they follow a Han character or a closing bracket (the half-width period only
when white space, a Han character or the end follows, so 0.5 and example.com are safe).
Closing quotes and brackets stay with the sentence they close.

English: a sentence ends after . ! ? or an ellipsis, with closing quotes and brackets, when
white space and then a sentence start follow (a capital, digit, opening quote or bracket, a
Han character or inline markup). Abbreviations (e.g., i.e., et al., Dr., U.S., vs., Fig.),
initials (J. Smith) and decimals (0.5) do not end a sentence.
"""

from __future__ import annotations

import re

from align.script import ASCII_SENTENCE_ENDS, CLOSING_MARKS, FULLWIDTH_SENTENCE_ENDS, HAN

_CLOSERS = re.escape(CLOSING_MARKS)
_FULL = re.escape(FULLWIDTH_SENTENCE_ENDS)
_ASCII = re.escape(ASCII_SENTENCE_ENDS)

# Chinese prose runs sentences together with ；, so it ends a segment here (not in English).
_ZH_END = re.compile(
    rf"(?:[{_FULL}；]+|…+|\.{{3,}}|(?<=[{HAN}{_CLOSERS}])[!?;]+"
    rf"|(?<=[{HAN}])\.(?=\s|[{HAN}]|$))[{_CLOSERS}]*"
)

_EN_END = re.compile(rf"(?:[{_ASCII}]+|…)[{_CLOSERS}]*(?=\s+[\"'“‘(\[*_`A-Z0-9{HAN}])")

ABBREVIATIONS = frozenset("""
e.g i.e etc. cf vs al approx ca dr mr mrs ms prof sr jr st mt fig figs eq eqs no nos vol vols
pp p ch sec ref refs dept univ est inc ltd co corp u.s u.k u.n ph.d m.d b.a m.a a.m p.m jan feb
mar apr jun jul aug sep sept oct nov dec gen col lt sgt rev hon op art
""".split()) - {"etc."}

_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


def split_sentences(text: str, lang: str, start: int = 0, end: int | None = None,
                    protected: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Spans ``(a, b)`` of the sentences in ``text[start:end]``, stripped of outer white space.

    ``protected`` ranges (code spans, link targets) never contain a sentence boundary.

    >>> t = "It works. Dr. Smith agreed."
    >>> [t[a:b] for a, b in split_sentences(t, "en")]
    ['It works.', 'Dr. Smith agreed.']
    >>> t = "氯胺酮有效。它起效快!"
    >>> [t[a:b] for a, b in split_sentences(t, "zh")]
    ['氯胺酮有效。', '它起效快!']
    """
    end = len(text) if end is None else end
    chunk = text[start:end]
    if protected:
        chars = list(chunk)
        for a, b in protected:
            a, b = max(a, start), min(b, end)
            if b > a:
                chars[a - start:b - start] = "x" * (b - a)
        chunk = "".join(chars)
    cuts = _zh_cuts(chunk) if lang == "zh" else _en_cuts(chunk)
    if cuts and lang != "zh":
        cuts = _without_enumerators(text, start, cuts, protected or [])
    spans = []
    prev = 0
    for cut in [*cuts, len(chunk)]:
        a, b = prev, cut
        while a < b and chunk[a].isspace():
            a += 1
        while b > a and chunk[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((start + a, start + b))
        prev = cut
    return spans


#: What a "sentence" of an enumerator alone looks like: ``33.``, ``2)``, ``(iv).``.
_ENUMERATOR = re.compile(r"\(?(?:\d{1,3}|[ivx]{1,4}|[a-z])[.)]", re.IGNORECASE)


def _without_enumerators(text: str, start: int, cuts: list[int],
                         protected: list[tuple[int, int]]) -> list[int]:
    """The cuts less those that would leave an enumerator as a sentence of its own: an item
    number a Markdown list marker did not take (``<a href="#33">33. Why does …</a>``, a
    number after an HTML tag). Protected ranges (the tag) are not part of what it reads.

    >>> t = '<a href="#33">33. Why does it fail? Because.</a>'
    >>> [t[a:b] for a, b in split_sentences(t, "en", protected=[(0, 14)])]
    ['<a href="#33">33. Why does it fail?', 'Because.</a>']
    """
    out, prev = [], 0
    for cut in cuts:
        a, b = start + prev, start + cut
        raw = text[a:b].rstrip()
        if b - a <= _ENUMERATOR_REACH and _ENUMERATOR_END.search(raw):
            near = [(pa, pb) for pa, pb in protected if pa < b and pb > a]
            piece = "".join(c for k, c in enumerate(raw, a)
                            if not any(pa <= k < pb for pa, pb in near))
            if _ENUMERATOR.fullmatch(piece.strip()):
                continue
        out.append(cut)
        prev = cut
    return out


#: An enumerator ends the piece (what every piece of :func:`_without_enumerators` ends with),
#: which it reads only this far: a tag before the number, not a paragraph.
_ENUMERATOR_END = re.compile(r"(?:^|[^\w(])\(?(?:\d{1,3}|[ivx]{1,4}|[a-z])[.)]$", re.IGNORECASE)
_ENUMERATOR_REACH = 400


def _zh_cuts(chunk: str) -> list[int]:
    cuts = [m.end() for m in _ZH_END.finditer(chunk) if m.end() < len(chunk)]
    if cuts and "." in chunk:
        # Names joined by dots are one name: “服务名称.服务分组.命名空间ID.nacos” (higress).
        inside = [(m.start(), m.end()) for m in DOTTED_NAME.finditer(chunk)]
        cuts = [c for c in cuts if not any(a < c < b for a, b in inside)]
    # English sentences in a Chinese text (a passage left untranslated) end the English way.
    latin = [m.end() for m in _ZH_LATIN_END.finditer(chunk)
             if not _is_abbreviation(chunk, m.start())]
    return sorted(set(cuts) | set(latin)) if latin else cuts


#: Three or more names (Latin or Chinese) joined by dots, with no space.
DOTTED_NAME = re.compile(rf"[\w{HAN}]+(?:\.[\w{HAN}]+){{2,}}")
#: The end of an English sentence inside a Chinese text: a word of Latin letters, a full
#: stop (or ! ?), white space, and a capitalised word or Chinese.
_ZH_LATIN_END = re.compile(rf"(?<=[A-Za-z]{{2}})[.!?][{_CLOSERS}]*(?=\s+(?:[A-Z][a-z]|[{HAN}]))")


def _en_cuts(chunk: str) -> list[int]:
    cuts = []
    for m in _EN_END.finditer(chunk):
        punct = m.group(0)
        if punct.startswith(".") and not punct.startswith("..") and _is_abbreviation(
                chunk, m.start()):
            continue
        cuts.append(m.end())
    return cuts


def _is_abbreviation(chunk: str, dot: int) -> bool:
    """Whether the period at ``dot`` belongs to an abbreviation or an initial."""
    m = _WORD_BEFORE.search(chunk, max(0, dot - 12), dot + 1)
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial: "J. Smith", "U.S." handled below
    lower = word.lower().rstrip(".")
    if lower in ABBREVIATIONS:
        return True
    # Dotted acronyms like U.S. or e.g. written with inner periods.
    return "." in word and all(len(p) <= 2 for p in lower.split("."))

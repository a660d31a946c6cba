"""Split a bilingual file (translation, divider line, original) into its two halves, losslessly.

The divider is a short line that names a language (``English Original 英文原文``,
``--- 中文译文 ---``, ``Original:``) where the dominant script switches; failing that, the
first line where the script switches for good. ``before + divider + after`` is the input text
exactly, so nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from align.errors import InputError
from align.language import han_ratio

_LANGUAGE_WORDS = re.compile(
    r"english|chinese|original|translation|英文|英语|中文|汉语|原文|译文|翻译|source|target",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class BilingualSplit:
    """The two halves of a bilingual text and the divider line between them."""

    first: str  # text before the divider (line endings included)
    divider: str  # the divider line with its line ending ("" when none)
    second: str
    first_lang: str
    second_lang: str



def split_bilingual(text: str, path: str, divider: str | None = None) -> BilingualSplit:
    """Find the divider in ``text`` and split there; raise InputError when there is none.

    >>> s = split_bilingual("中文句子。\\nEnglish Original 英文原文\\nAn English sentence.", "f")
    >>> s.first_lang, s.divider, s.second
    ('zh', 'English Original 英文原文\\n', 'An English sentence.')
    """
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for ln in lines:
        offsets.append(offsets[-1] + len(ln))
    if divider is not None:
        hits = [i for i, ln in enumerate(lines) if ln.strip() == divider.strip()]
        if not hits:
            raise InputError(path, f"divider line {divider!r} not found")
        k = hits[0]
        return _make(text, offsets, k, k + 1, path)
    best: tuple[float, int] | None = None
    for k, ln in enumerate(lines):
        s = ln.strip()
        if not s or len(s) > 60 or not _names_language(s):
            continue
        contrast = abs(han_ratio(text[:offsets[k]]) - han_ratio(text[offsets[k + 1]:]))
        if contrast > 0.5 and (best is None or contrast > best[0]):
            best = (contrast, k)
    if best is not None:
        return _make(text, offsets, best[1], best[1] + 1, path)
    k = _script_switch(lines)
    if k is None:
        raise InputError(path, "no divider between the two languages found "
                               "(pass --divider TEXT to name the divider line)")
    return _make(text, offsets, k, k, path)


_FILLER = re.compile(r"version|text|below|follows|the|of|in|版本|以下|如下|为|是|[\W_]",
                     re.IGNORECASE)


def _names_language(line: str) -> bool:
    """A line made of language names and filler: ``English Original 英文原文``, ``--- 译文 ---``."""
    if not _LANGUAGE_WORDS.search(line) or line.rstrip()[-1] in ".。!?！？":
        return False
    rest = _FILLER.sub("", _LANGUAGE_WORDS.sub("", line))
    return len(rest) <= 4


def _script_switch(lines: list[str]) -> int | None:
    """First line from which the dominant script stays the other one, with enough on each side."""
    ratios = [han_ratio(ln) for ln in lines]
    content = [i for i, ln in enumerate(lines) if ln.strip()]
    if len(content) < 2:
        return None
    best: tuple[float, int] | None = None
    for pos in range(1, len(content)):
        k = content[pos]
        before = sum(ratios[i] for i in content[:pos]) / pos
        after = sum(ratios[i] for i in content[pos:]) / (len(content) - pos)
        contrast = abs(before - after)
        if contrast > 0.6 and (best is None or contrast > best[0]):
            best = (contrast, k)
    return best[1] if best else None


def _make(text: str, offsets: list[int], a: int, b: int, path: str) -> BilingualSplit:
    first, div, second = text[:offsets[a]], text[offsets[a]:offsets[b]], text[offsets[b]:]
    if not first.strip() or not second.strip():
        raise InputError(path, "divider found, but one side of it is empty")
    r1, r2 = han_ratio(first), han_ratio(second)
    if (r1 > 0.2) == (r2 > 0.2):
        raise InputError(path, "both sides of the divider are in the same language")
    l1, l2 = ("zh", "en") if r1 > r2 else ("en", "zh")
    return BilingualSplit(first, div, second, l1, l2)

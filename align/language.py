"""Guess a text's language from its script: Han characters mean zh, Latin letters en."""

from __future__ import annotations

import re

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def guess_language(text: str) -> str | None:
    """``"zh"`` when Han characters outnumber a third of the Latin letters, ``"en"`` when
    there are Latin letters, ``None`` for text with neither.

    >>> guess_language("那天晚上我没走掉。"), guess_language("I did not leave.")
    ('zh', 'en')
    """
    sample = text[:20000]
    han = len(_HAN.findall(sample))
    latin = len(_LATIN.findall(sample))
    if han == 0 and latin == 0:
        return None
    # A Chinese text quotes Latin names and acronyms; one Han character carries several
    # letters' worth of text, hence the factor.
    return "zh" if han * 3 >= latin else "en"

"""Which script dominates a text: Han characters (zh) or Latin letters (en)."""

from __future__ import annotations

import re
from pathlib import Path

from align.script import HAN_RE

_LATIN = re.compile(r"[A-Za-z]")


def han_ratio(text: str) -> float:
    """Share of Han characters among Han characters and Latin letters (0 when neither)."""
    han = len(HAN_RE.findall(text))
    latin = len(_LATIN.findall(text))
    return han / (han + latin) if han + latin else 0.0


def guess_language(text: str) -> str:
    """``"zh"`` when Han characters make up over a fifth of the letters, else ``"en"``.

    Chinese technical text keeps many Latin acronyms (PTSD, NMDA), so the bar is low; each Han
    character also carries more meaning than a Latin letter.

    >>> guess_language("氯胺酮是一种NMDA受体拮抗剂"), guess_language("An NMDA antagonist")
    ('zh', 'en')
    """
    return "zh" if han_ratio(text) > 0.2 else "en"


def language_from_path(path: str | Path) -> str | None:
    """``"zh"``/``"en"`` when a folder in the path is named so (``corpus/zh/a.md``), else None."""
    parts = Path(path).parts[:-1]
    for part in reversed(parts):
        if part in ("zh", "en"):
            return part
    return None

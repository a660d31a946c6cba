"""Unicode ranges of the Han script, defined once for every module that tells zh from Latin.

``HAN`` is for use inside a regex character class: CJK Unified Ideographs with Extension A,
the compatibility ideographs, and the supplementary-plane extensions (B onwards).
"""

from __future__ import annotations

import re

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RE = re.compile(f"[{HAN}]")


def has_han(text: str) -> bool:
    """Whether ``text`` contains a Han character.

    >>> has_han("NMDA受体"), has_han("NMDA receptor")
    (True, False)
    """
    return HAN_RE.search(text) is not None

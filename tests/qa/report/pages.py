"""Reading a rendered report in tests: the page and its inert document views."""

from __future__ import annotations

import json
import re

_VIEW = re.compile(r'<script type="application/json" class="doc-data" id="data-(\w+)" '
                   r'data-name="([^"]*)">(.*?)</script>', re.S)


def views(html: str) -> dict[str, str]:
    """Document name (as written in the attribute) → the HTML of its view."""
    return {m.group(2): json.loads(m.group(3)) for m in _VIEW.finditer(html)}


def everything(html: str) -> str:
    """The page with its views' HTML in place of their JSON (what a reader can reach)."""
    return _VIEW.sub("", html) + "".join(views(html).values())

"""TMX 1.4 output: one translation unit per bead with text on both sides.

Beads with an empty side are left out (a TMX unit needs two segments). The confidence and
the source lines travel as ``<prop>`` elements, which TMX tools keep.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from align.formats.rows import AlignedRow

_LANG = {"zh": "zh-CN", "en": "en"}


def write(rows: Iterable[AlignedRow], out: TextIO, source_lang: str = "en",
          tool_version: str = "") -> None:
    rows = list(rows)
    srclang = _LANG.get(rows[0].source_lang if rows else source_lang, source_lang)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n')
    out.write(f'  <header creationtool="bitext" creationtoolversion={quoteattr(tool_version)}'
              f' segtype="sentence" o-tmf="bitext" adminlang="en" srclang={quoteattr(srclang)}'
              ' datatype="plaintext"/>\n  <body>\n')
    for r in rows:
        if not r.source_text or not r.target_text:
            continue
        out.write("    <tu>\n")
        out.write(f'      <prop type="x-document">{escape(r.document)}</prop>\n')
        out.write(f'      <prop type="x-confidence">{r.confidence:.3f}</prop>\n')
        for lang, text, lines in ((r.source_lang, r.source_text, r.source_lines),
                                  (r.target_lang, r.target_text, r.target_lines)):
            out.write(f"      <tuv xml:lang={quoteattr(_LANG.get(lang, lang))}>")
            if lines:
                out.write(f'<prop type="x-lines">{lines[0]}-{lines[1]}</prop>')
            out.write(f"<seg>{escape(_xml_safe(text))}</seg></tuv>\n")
        out.write("    </tu>\n")
    out.write("  </body>\n</tmx>\n")


def _xml_safe(text: str) -> str:
    # XML 1.0 forbids most control characters even when escaped.
    return "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20)

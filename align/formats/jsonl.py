"""JSON Lines output: one object per bead."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from align.formats.rows import AlignedRow


def write(rows: Iterable[AlignedRow], out: TextIO) -> None:
    for r in rows:
        record = {
            "document": r.document, "kind": r.kind, "confidence": r.confidence,
            "source": {"lang": r.source_lang, "sentences": list(r.source_indices),
                       "lines": list(r.source_lines) if r.source_lines else None,
                       "text": r.source_text},
            "target": {"lang": r.target_lang, "sentences": list(r.target_indices),
                       "lines": list(r.target_lines) if r.target_lines else None,
                       "text": r.target_text},
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")

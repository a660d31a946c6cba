"""``glossary stats``: per term, how often it occurs on each side and how consistently.

Columns: ``en``, ``approved`` (the rendering to use), ``status``, ``source`` (occurrences
in the English corpus), ``target`` (occurrences of approved forms in the aligned Chinese),
``pairs`` (aligned pairs whose source has the term), ``consistent`` (of those, pairs whose
target has an approved form), ``consistency`` (their ratio), ``renderings`` (how targets
render it, most frequent first, e.g. ``谷氨酸 ×2; glutamate ×1``).
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from qa.core.run import AlignedDocument
from qa.glossary.model import Glossary, Status

STATS_COLUMNS = ["en", "approved", "status", "source", "target", "pairs", "consistent",
                 "consistency", "renderings"]


def term_stats(docs: list[AlignedDocument], glossary: Glossary) -> pd.DataFrame:
    """One row per glossary term (concept), in glossary order."""
    source: Counter[str] = Counter()
    target: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    consistent: Counter[str] = Counter()
    renderings: dict[str, Counter[str]] = {}
    approved_forms = {key: glossary.approved_forms(key) for key in glossary.concepts}
    for doc in docs:
        for pair in doc.pairs:
            keys = Counter(m.key for s in pair.source
                           for m in glossary.source_matcher.find(s.text))
            source.update(keys)
            tgt = pair.target_text
            for key in keys:
                pairs[key] += 1
                forms = approved_forms[key]
                hits = sum(_count(tgt, f, glossary, key) for f in forms)
                target[key] += hits
                consistent[key] += hits > 0
                form = glossary.rendering(key, tgt) if tgt else None
                renderings.setdefault(key, Counter())[form or "(none)"] += 1
    rows = []
    for key, entries in glossary.concepts.items():
        main = next((e for e in entries if not e.status.is_banned), entries[0])
        n = pairs[key]
        rows.append({
            "en": main.en,
            "approved": (approved_forms[key] or ("",))[0],
            "status": main.status.value,
            "source": source[key],
            "target": target[key],
            "pairs": n,
            "consistent": consistent[key],
            "consistency": round(consistent[key] / n, 3) if n else float("nan"),
            "renderings": "; ".join(f"{f} ×{c}" for f, c in
                                    renderings.get(key, Counter()).most_common()),
        })
    return pd.DataFrame(rows, columns=STATS_COLUMNS)


def _count(text: str, form: str, glossary: Glossary, key: str) -> int:
    entry = glossary.concepts[key][0]
    if entry.status is Status.KEEP and form.isascii():
        return sum(1 for m in glossary.keep_matcher.find(text) if m.key == key)
    return text.count(form)


def to_markdown(frame: pd.DataFrame) -> str:
    """A GitHub-flavoured Markdown table (no extra dependency)."""
    def cell(v: object) -> str:
        text = "" if isinstance(v, float) and v != v else str(v)
        return text.replace("|", "\\|")

    lines = ["| " + " | ".join(frame.columns) + " |",
             "|" + "|".join("---" for _ in frame.columns) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |"
              for row in frame.itertuples(index=False)]
    return "\n".join(lines) + "\n"

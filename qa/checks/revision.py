"""Revision drift: translations left behind by source edits, and edits of the target alone.

Active only with ``bitext check --changed-since REV`` (the ``changed_since`` option); without
it these rules report nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from qa.checks.base import Check, register
from qa.checks.changes import document_changes
from qa.core.finding import Finding, Severity
from qa.core.run import AlignedDocument, CheckContext

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@cache
def _chrf():  # noqa: ANN202 - sacrebleu loads on first use, not with the rule catalogue
    from sacrebleu.metrics import CHRF

    return CHRF()


def edit_similarity(old: str, new: str) -> float:
    """Symmetric chrF between two versions of a text (appending and deleting both count).

    >>> round(edit_similarity("Ketamine is genuinely addictive.",
    ...                       "Ketamine is genuinly addictive."))
    87
    """
    if not old or not new:
        return 0.0
    chrf = _chrf()
    return min(chrf.sentence_score(new, [old]).score, chrf.sentence_score(old, [new]).score)


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _revision(ctx: CheckContext) -> str | None:
    return ctx.changed_since


@register
class StaleTranslation(Check):
    code = "D001"
    name = "stale-translation"
    severity = Severity.WARNING
    description = "The source changed since the revision, but its translation did not."
    doc = """## What it does
With `--changed-since REV`, flags aligned pairs whose source sentence was edited since REV
while the target sentence stayed as it was. The size of the edit is graded with chrF
between the old and new source: a minor edit (chrF ≥ 85, e.g. a typo fix) is `info`, a
substantive one — or any change of a number — is `warning`.

## Why it matters
A translation that is not updated when its source changes silently goes out of date.

## Example
Source `The dose is 0.5 mg/kg.` became `The dose is 0.7 mg/kg.`; the target still says
`剂量为0.5 mg/kg。`

## Use instead
Update the target in the same change, or confirm it still matches.
"""

    def check_document(self, doc: AlignedDocument, ctx: CheckContext) -> Iterable[Finding]:
        revision = _revision(ctx)
        if not revision:
            return
        threshold = ctx.settings.options.drift_typo_chrf
        changes = document_changes(revision, doc)
        if changes.source.new_file:
            return  # a new document: nothing can be stale
        for pair in doc.pairs:
            src_changed, tgt_changed = changes.pair_flags(pair)
            if not src_changed or tgt_changed or not pair.target:
                continue
            old = " ".join(x for x in dict.fromkeys(changes.source.old.get(s.index, s.raw)
                                                    for s in pair.source) if x)
            new = " ".join(s.raw for s in pair.source)
            score = edit_similarity(old, new)
            numbers = _NUMBER.findall(old) != _NUMBER.findall(new)
            minor = score >= threshold and not numbers
            if not old:
                what = f"source text added since {revision}"
            elif numbers:
                what = f"source numbers changed since {revision} (was: \"{_short(old)}\")"
            else:
                what = (f"source {'lightly ' if minor else ''}edited since {revision} "
                        f"(chrF {score:.0f}; was: \"{_short(old)}\")")
            yield self.finding(
                doc, f"{what}, but the translation did not change",
                source=pair.source, target=pair.target, confidence=pair.confidence,
                severity=Severity.INFO if minor else Severity.WARNING,
            )


@register
class TargetOnlyEdit(Check):
    code = "D002"
    name = "target-only-edit"
    severity = Severity.INFO
    description = "The translation changed since the revision while its source did not."
    doc = """## What it does
With `--changed-since REV`, notes aligned pairs whose target sentence was edited since REV
while the source sentence stayed the same.

## Why it matters
Usually a correction, which is fine; but an edit of the translation alone can also be a
drift from the source, so a reviewer should look at it next to the source.

## Example
`剂量为0.5 mg/kg。` became `剂量为0.7 mg/kg。` while the source still says `0.5 mg/kg`.

## Use instead
Nothing to fix when the edit is a correction; check the pair side by side.
"""

    def check_document(self, doc: AlignedDocument, ctx: CheckContext) -> Iterable[Finding]:
        revision = _revision(ctx)
        if not revision:
            return
        changes = document_changes(revision, doc)
        if changes.target.new_file:
            return
        for pair in doc.pairs:
            src_changed, tgt_changed = changes.pair_flags(pair)
            if tgt_changed and not src_changed:
                old = " ".join(x for x in dict.fromkeys(
                    changes.target.old.get(s.index, s.raw) for s in pair.target) if x)
                was = f" (was: \"{_short(old)}\")" if old else " (added)"
                yield self.finding(
                    doc, f"translation changed since {revision} while the source did not{was}",
                    source=pair.source or None, target=pair.target, confidence=pair.confidence,
                )

"""Files without a counterpart: a source page nobody translated, a translation whose source
is gone. One finding per file, at the file (the run goes on with the other pairs)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from qa.checks.base import Check, register
from qa.core.finding import Finding, Location, Severity
from qa.core.run import AlignedDocument, CheckContext


def _at_file(path: str) -> Location:
    return Location(path, 1, 1, 1, 1, "")


class _FileRule(Check):
    """A rule on the files without a counterpart (``ctx.unpaired``): it reads no document,
    so a run keeps none for it."""

    def collect(self, doc: AlignedDocument, ctx: CheckContext) -> Any:
        return None

    def check_collected(self, parts: list[Any], ctx: CheckContext) -> Iterable[Finding]:
        return self.check_corpus([], ctx)


@register
class UntranslatedFile(_FileRule):
    code = "F001"
    name = "untranslated-file"
    severity = Severity.WARNING
    description = "A source document has no translation where the layout expects one."
    doc = """## What it does
Reports a source document whose translation does not exist at the path the repository's
layout (detected, or `[[tool.bitext.pairs]]`) gives for it.

## Why it matters
A page added to the source site and never translated leaves readers of the translation
with a missing page and a broken link.

## Example
`docs/en/concept/config.md` exists, `docs/zh/concept/config.md` does not.

## Use instead
Translate the page, or — while a translation is pending — ignore the rule for that path
with `per-file-ignores`.
"""

    def check_corpus(self, docs: list[AlignedDocument], ctx: CheckContext) -> Iterable[Finding]:
        for u in ctx.unpaired:
            if u.side == "source":
                yield Finding(self.code, self.name, self.severity,
                              f"no translation: expected {u.expected}", u.name,
                              source=_at_file(u.path), side="source")


@register
class OrphanTranslation(_FileRule):
    code = "F002"
    name = "orphan-translation"
    severity = Severity.WARNING
    description = "A translated document has no source document where the layout expects one."
    doc = """## What it does
Reports a translation whose source document does not exist at the path the layout gives.

## Why it matters
Usually the source page was renamed or removed and the translation was left behind: it is
no longer checked against anything and goes stale unnoticed.

## Example
`i18n/zh-Hans/docusaurus-plugin-content-docs/current/old-page.md` exists, `docs/old-page.md`
does not.

## Use instead
Move or delete the translation together with its source.
"""

    def check_corpus(self, docs: list[AlignedDocument], ctx: CheckContext) -> Iterable[Finding]:
        for u in ctx.unpaired:
            if u.side == "target":
                yield Finding(self.code, self.name, self.severity,
                              f"no source document: expected {u.expected}", u.name,
                              target=_at_file(u.path))

"""The abstract check and the registry every check is found through (after Weblate and ruff).

Adding a check means adding one subclass decorated with ``@register`` in the themed module
it belongs to, and one test module; nothing else changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from align.alignment import Alignment, SentencePair
from align.document import Block, Sentence
from qa.finding import Finding, Location, Severity

REGISTRY: dict[str, type[Check]] = {}


def register(cls: type[Check]) -> type[Check]:
    """Class decorator: add a check to the registry under its code (codes are unique)."""
    if cls.code in REGISTRY and REGISTRY[cls.code] is not cls:
        raise ValueError(f"duplicate check code {cls.code}")
    REGISTRY[cls.code] = cls
    return cls


@dataclass
class AlignedDocument:
    """One document pair after alignment: what document-level checks look at."""

    name: str  # the pair's relative path, e.g. "ketamine.md"
    alignment: Alignment
    pairs: list[SentencePair] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.pairs:
            self.pairs = self.alignment.pairs()


@dataclass
class CheckContext:
    """Settings and shared data a check may need (configuration, glossary, whole corpus)."""

    options: dict[str, Any] = field(default_factory=dict)
    glossary: Any = None
    corpus: list[AlignedDocument] = field(default_factory=list)


class Check:
    """One quality check. Subclasses set the class attributes and override one ``check_*``."""

    code: ClassVar[str]
    name: ClassVar[str]  # kebab-case, e.g. "number-mismatch"
    severity: ClassVar[Severity] = Severity.WARNING
    description: ClassVar[str]  # one line
    doc: ClassVar[str] = ""  # Markdown: What it does / Why it matters / Example / Use instead

    def check_corpus(self, docs: list[AlignedDocument], ctx: CheckContext) -> Iterable[Finding]:
        """Findings over the whole corpus; by default, each document in turn."""
        for doc in docs:
            yield from self.check_document(doc, ctx)

    def check_document(self, doc: AlignedDocument, ctx: CheckContext) -> Iterable[Finding]:
        """Findings for one aligned document; by default, each sentence pair in turn."""
        for pair in doc.pairs:
            yield from self.check_pair(pair, doc, ctx)

    def check_pair(self, pair: SentencePair, doc: AlignedDocument,
                   ctx: CheckContext) -> Iterable[Finding]:
        """Findings for one aligned (source, target) pair."""
        return ()

    def finding(
        self,
        doc: AlignedDocument,
        message: str,
        *,
        source: list[Sentence] | list[Block] | Sentence | Block | Location | None = None,
        target: list[Sentence] | list[Block] | Sentence | Block | Location | None = None,
        confidence: float | None = None,
        suggestion: str | None = None,
        severity: Severity | None = None,
        side: str = "target",
    ) -> Finding:
        """Build a finding of this check with locations resolved."""

        def loc(x: Any) -> Location | None:
            if x is None or isinstance(x, Location):
                return x
            return Location.of(x)

        return Finding(
            code=self.code,
            name=self.name,
            severity=severity or self.severity,
            message=message,
            document=doc.name,
            source=loc(source),
            target=loc(target),
            confidence=confidence,
            suggestion=suggestion,
            side=side,
        )

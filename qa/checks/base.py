"""The abstract check and the registry every check is found through (after Weblate and ruff).

Adding a check means adding one subclass decorated with ``@register`` in the themed module
it belongs to, and one test module; nothing else changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from align.alignment import SentencePair
from align.document import Block, Sentence
from qa.core.finding import Edit, Finding, Location, Severity
from qa.core.run import AlignedDocument, CheckContext

REGISTRY: dict[str, type[Check]] = {}


def register(cls: type[Check]) -> type[Check]:
    """Class decorator: add a check to the registry under its code (codes are unique)."""
    if cls.code in REGISTRY and REGISTRY[cls.code] is not cls:
        raise ValueError(f"duplicate check code {cls.code}")
    REGISTRY[cls.code] = cls
    return cls


class Check:
    """One quality check. Subclasses set the class attributes and override one ``check_*``."""

    code: ClassVar[str]
    name: ClassVar[str]  # kebab-case, e.g. "number-mismatch"
    severity: ClassVar[Severity] = Severity.WARNING
    description: ClassVar[str]  # one line
    #: Whether its findings carry safe fixes (``bitext check --fix``).
    fixable: ClassVar[bool] = False
    #: Opt-in rules run only when named by their code or name (``--select A007``): their
    #: precision on some kinds of text is not yet good enough to run by default.
    opt_in: ClassVar[bool] = False
    doc: ClassVar[str] = ""  # Markdown: What it does / Why it matters / Example / Use instead

    @classmethod
    def reads_corpus(cls) -> bool:
        """Whether the rule looks at the whole corpus at once (it overrides
        :meth:`check_corpus`), so that it runs once per run, not document by document."""
        return cls.check_corpus is not Check.check_corpus

    def check_corpus(self, docs: list[AlignedDocument], ctx: CheckContext) -> Iterable[Finding]:
        """Findings over the whole corpus; by default, each document in turn."""
        for doc in docs:
            yield from self.check_document(doc, ctx)

    # A corpus rule in two steps, so that a run need not keep every document until the end:
    # :meth:`collect` takes what the rule needs of each document as the documents stream past
    # (the run then drops the document), :meth:`check_collected` decides over all of it.

    @classmethod
    def streams(cls) -> bool:
        """Whether the corpus rule reads each document only through :meth:`collect` (it
        overrides it), so that a run can drop every document once its rules have run."""
        return cls.collect is not Check.collect

    def collect(self, doc: AlignedDocument, ctx: CheckContext) -> Any:
        """What the corpus rule needs of one document, kept in place of the document: by
        default the document itself (a run with such a rule keeps every document)."""
        return doc

    def check_collected(self, parts: list[Any], ctx: CheckContext) -> Iterable[Finding]:
        """Findings over the corpus from what :meth:`collect` took of each document, in
        order: by default :meth:`check_corpus` of them (the documents)."""
        return self.check_corpus(parts, ctx)

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
        pair: SentencePair | None = None,
        fixes: tuple[Edit, ...] = (),
    ) -> Finding:
        """Build a finding of this check with locations resolved.

        The finding's pair is ``pair`` when given, else the pair holding the first source
        (or target) sentence given, else the pair of the sentence a location falls in; a
        finding that points into no sentence is about the document as a whole.
        """

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
            pair=doc.pair_index(pair) if pair is not None else _pair_of(doc, source, target),
            fixes=fixes,
        )


def _pair_of(doc: AlignedDocument, source: Any, target: Any) -> int | None:
    """The pair of the first sentence given, else of the sentence a location falls in
    (source side first); None when neither side points into a sentence."""
    src, tgt = doc.pair_of_sentence
    for pieces, table in ((source, src), (target, tgt)):
        first = pieces[0] if isinstance(pieces, list) and pieces else pieces
        if isinstance(first, Sentence):
            return table.get(first.index)
    for loc in (source, target):
        if isinstance(loc, Location):
            k = doc.pair_at(loc)
            if k is not None:
                return k
    return None

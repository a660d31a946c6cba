"""A check run's data: aligned documents, what checks share, and the run's result."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

from align.alignment import Alignment, SentencePair
from align.document import Document, Sentence
from align.layout import Unpaired
from align.signature import Signature
from qa.core.finding import Finding, Location
from qa.core.settings import Settings


@dataclass
class AlignedDocument:
    """One document pair after alignment: what document-level checks look at."""

    name: str  # the pair's relative path, e.g. "ketamine.md"
    alignment: Alignment
    pairs: list[SentencePair] = field(default_factory=list)
    #: The part of a long document pair this is (an :class:`align.parts.Part`), read,
    #: aligned and checked on its own; None for the whole pair.
    part: Any = None

    def __post_init__(self) -> None:
        if not self.pairs:
            self.pairs = self.alignment.pairs()

    @cached_property
    def pair_of_sentence(self) -> tuple[dict[int, int], dict[int, int]]:
        """Maps from a source / target sentence index to the index of the pair holding it."""
        src: dict[int, int] = {}
        tgt: dict[int, int] = {}
        for k, pair in enumerate(self.pairs):
            for s in pair.source:
                src[s.index] = k
            for t in pair.target:
                tgt[t.index] = k
        return src, tgt

    @cached_property
    def _starts(self) -> dict[str, tuple[Document, list[Sentence], list[int]]]:
        # ``Document.sentences`` builds its list on each use: once here, not per location
        # (a finding per location made a long document's check quadratic).
        out = {}
        for d in (self.alignment.target, self.alignment.source):
            sentences = d.sentences
            out[d.path] = (d, sentences, [s.start for s in sentences])
        return out

    def pair_at(self, loc: Location) -> int | None:
        """The pair holding the first sentence that a location of either file touches."""
        if loc.path not in self._starts:
            return None
        document, sentences, starts = self._starts[loc.path]
        src, tgt = self.pair_of_sentence
        table = src if document is self.alignment.source else tgt
        a, b = loc.offsets(document)
        for k in range(max(bisect_right(starts, a) - 1, 0), len(sentences)):
            s = sentences[k]
            if s.start > b:
                break
            if (a < s.end and b > s.start) or (a == b and s.start <= a <= s.end):
                return table.get(s.index)
        return None

    @property
    def texts(self) -> dict[str, tuple[str, str]]:
        """Each file's path → its checked text and encoding (what ``--fix`` edits)."""
        return {d.path: (d.text, d.encoding)
                for d in (self.alignment.source, self.alignment.target)}

    def pair_index(self, pair: SentencePair) -> int | None:
        """The index of ``pair`` in :attr:`pairs` (found through its first sentence)."""
        src, tgt = self.pair_of_sentence
        if pair.source:
            return src.get(pair.source[0].index)
        if pair.target:
            return tgt.get(pair.target[0].index)
        return None


@dataclass(frozen=True)
class DocumentSummary:
    """What a run keeps of a document pair once every rule has taken what it needs of it:
    the names and counts the outputs show, without the document model (about 20 bytes of
    memory a character), so that a run's memory does not grow with the corpus."""

    name: str
    source_path: str
    target_path: str
    source_lang: str
    target_lang: str
    pair_count: int
    #: The aligner's signature, as the document's alignment states it ("" for none).
    aligner: str = ""
    #: Each file's path → its text and encoding, when the run keeps them (``--fix``).
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: The part of a long pair it summarises (see :attr:`AlignedDocument.part`).
    part: Any = None

    @classmethod
    def of(cls, doc: AlignedDocument, texts: bool = False) -> DocumentSummary:
        """The summary of ``doc`` (with its files' texts when ``texts``)."""
        src, tgt = doc.alignment.source, doc.alignment.target
        return cls(doc.name, src.path, tgt.path, src.lang, tgt.lang, len(doc.pairs),
                   str(doc.alignment.signature or ""), doc.texts if texts else {}, doc.part)


@dataclass(frozen=True)
class CheckContext:
    """What every check may look at besides its document: settings, glossary, the corpus,
    and the per-run choices of the command line (``changed_since``)."""

    settings: Settings = field(default_factory=Settings)
    glossary: Any = None
    corpus: list[AlignedDocument] = field(default_factory=list)
    changed_since: str | None = None
    #: Documents of the checked paths whose counterpart does not exist.
    unpaired: list[Unpaired] = field(default_factory=list)
    #: The corpus's Latin words with counts, when the run computed them before any document
    #: was checked (parallel runs: a worker sees its document, not the corpus).
    vocabulary: Counter[str] | None = None

    @property
    def source_lang(self) -> str:
        return self.settings.source_lang

    @property
    def target_lang(self) -> str:
        return self.settings.target_lang


@dataclass(frozen=True)
class RunProblem:
    """Something that went wrong in a run without stopping it: a rule that raised (on one
    pair, document or the corpus), or a document pair that could not be read. The run goes
    on and ends with exit code 2.

    >>> str(RunProblem("zh/a.md: empty file"))
    'zh/a.md: empty file'
    >>> str(RunProblem.rule_failure("P003", "zh/a.md:3", ValueError("bad")))
    'internal error in P003 on zh/a.md:3: ValueError: bad'
    """

    message: str

    @classmethod
    def rule_failure(cls, code: str, where: str, exc: BaseException) -> RunProblem:
        return cls(f"internal error in {code} on {where}: {type(exc).__name__}: {exc}")

    def __str__(self) -> str:
        return self.message


class RuleInfo(Protocol):
    """What a run records of each rule it ran (a check class or instance)."""

    code: str
    name: str
    description: str


@dataclass
class CheckRun:
    """The result of a run: findings, the aligned documents (or, from a run that streams,
    their summaries), and the settings that made them."""

    findings: list[Finding]
    documents: list[AlignedDocument] | list[DocumentSummary]
    settings: Settings
    checks: list[RuleInfo]
    glossary: Any = None
    glossary_path: str | None = None
    signature: Signature = field(default_factory=Signature)
    #: What went wrong without stopping the run (unreadable documents, rules that raised).
    problems: list[RunProblem] = field(default_factory=list)

    @property
    def signature_line(self) -> str:
        """``key:value|key:value`` in the manner of sacrebleu's signatures."""
        return str(self.signature)

"""The whole job, one way: read → segment → align → check, for every command that needs it.

:func:`align_corpus` is the one corpus loop (``check``, ``report``, ``align`` and the
glossary commands use it); :func:`check_paths` runs the rules over what it yields. Every
stage's output is handed on; no later stage re-reads a file. A bad input stops the run with
a one-line :class:`~align.errors.InputError` — never a partial result.

The aligner is a setting of the pipeline: any callable ``(source, target, glossary) →
Alignment``; by default the two-level aligner with :class:`~align.aligner.AlignerConfig`.
"""

from __future__ import annotations

import fnmatch
import gc
import heapq
import multiprocessing
import os
import pickle
import re
import signal
import sys
import tempfile
import threading
import uuid
from bisect import bisect_right
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import align.parts
from align.aligner import AlignerConfig
from align.alignment import Alignment
from align.document import BlockKind, Document
from align.embedding import embedding_threads, set_embedding_threads
from align.errors import InputError
from align.layout import CorpusScan, DocumentPair, find_pairs
from align.reader import load_document, note_on_stderr
from align.signature import Signature
from align.textio import read_text
from qa.checks import load_checks
from qa.checks.base import Check
from qa.checks.changes import changed_pairs
from qa.core.finding import Finding
from qa.core.run import AlignedDocument, CheckContext, CheckRun, DocumentSummary, RunProblem
from qa.core.settings import Settings, load_settings
from qa.core.version import version

#: Aligns one document pair: ``(source, target, glossary) → Alignment``.
Aligner = Callable[[Document, Document, Any], Alignment]

_SUPPRESS = re.compile(r"<!--\s*bitext:\s*ignore\b([^>]*?)-->", re.IGNORECASE)


@dataclass(frozen=True)
class DocumentAligner:
    """The two-level aligner (blocks, then sentences) with ``config``; a value, so that it
    travels to worker processes."""

    config: AlignerConfig | None = None
    #: Read a pair's alignment back from the cache folder when the same pair was aligned
    #: before with the same settings, glossary and code, and store each new one there
    #: (:mod:`align.alignment_cache`). The command line turns it on; the library leaves it
    #: off, so that code that changes the aligner in a process is never given an old result.
    reuse: bool = False

    def __call__(self, source: Document, target: Document, glossary: Any = None) -> Alignment:
        from align.alignment_cache import alignment_key, open_alignment_cache
        from align.structure import align_documents

        config = self.config or AlignerConfig()
        cache = open_alignment_cache(config.cache_dir) if self.reuse and config.cache_dir \
            else None
        if cache is None:
            return align_documents(source, target, config, glossary=glossary)
        key = alignment_key(source, target, repr(replace(config, cache_dir=None)), glossary)
        found = cache.get(key, source, target)
        if found is not None:
            # The checks' matrix products are small too: BLAS threads only contend for the
            # cores, as in the search (which would have set this).
            from align.aligner import one_blas_thread

            one_blas_thread()
        else:
            found = align_documents(source, target, config, glossary=glossary)
            cache.put(key, found)
        return found

    def prepare(self) -> None:
        """Load what every alignment of a process needs, without starting a thread: the
        modules (numpy with them), the dictionary and its index of headwords (0.1 s each,
        warm). Workers forked from this process then find them loaded instead of each
        loading them again (see :func:`_start_method`)."""
        from align.dictionary_cache import DictionaryUnavailable, load_dictionary

        if "numpy" not in sys.modules:
            # OpenBLAS starts its threads when numpy loads it, unless told to use one (it
            # reads the variable then only); the aligner keeps BLAS to one thread for the
            # rest of the process anyway (align.aligner.one_blas_thread).
            before = os.environ.get("OPENBLAS_NUM_THREADS")
            os.environ["OPENBLAS_NUM_THREADS"] = "1"
            try:
                import align.structure  # noqa: F401 - the scorers, and numpy with them
            finally:
                if before is None:
                    del os.environ["OPENBLAS_NUM_THREADS"]
                else:
                    os.environ["OPENBLAS_NUM_THREADS"] = before
        config = self.config or AlignerConfig()
        if "dictionary" in config.scores:
            try:
                # A first look-up builds the index of headwords by first character.
                load_dictionary(config.cache_dir).translations("词典")
            except DictionaryUnavailable:
                pass  # the aligner warns when it aligns


def document_aligner(config: AlignerConfig | None = None, reuse: bool = False) -> Aligner:
    """The two-level aligner (blocks, then sentences) with ``config``; with ``reuse``, it
    reads back the alignments it cached (see :attr:`DocumentAligner.reuse`)."""
    return DocumentAligner(config, reuse)


def rule_matches(code: str, name: str, patterns: Iterable[str]) -> bool:
    """Whether any pattern names the rule: ``ALL``, a code prefix (``N``, ``N001``), a name.

    >>> rule_matches("N001", "number-mismatch", ["N"]), rule_matches("N001", "x", ["A"])
    (True, False)
    """
    return any(p.upper() == "ALL" or code.startswith(p.upper()) or p == name for p in patterns)


def select_checks(settings: Settings,
                  registry: dict[str, type[Check]] | None = None) -> list[Check]:
    """Instances of the enabled rules of ``registry`` (default: every rule of ``qa.checks``):
    ``select`` (default all) minus ``ignore``, in code order.

    A pattern that names no rule is an error, so a typo does not silently disable a check;
    one that comes from the configuration names the configuration file. An opt-in rule runs
    only when a pattern names it exactly (its code or name), not through a prefix or ALL.
    """
    registry = load_checks() if registry is None else registry

    def known(pattern: str) -> bool:
        return any(rule_matches(c.code, c.name, [pattern]) for c in registry.values())

    for pattern, key in configured_patterns(settings):
        if not known(pattern):
            raise InputError(settings.source or "pyproject.toml",
                             f"[tool.bitext] {key}: unknown rule {pattern!r} "
                             "(see 'bitext rules')")
    for pattern in [*(settings.cli_select or ()), *settings.cli_ignore]:
        if not known(pattern):
            raise InputError(None, f"unknown rule {pattern!r} (see 'bitext rules')")
    selected, ignored = settings.selected, settings.ignored
    out = []
    for code in sorted(registry):
        cls = registry[code]
        if selected is not None and not rule_matches(code, cls.name, selected):
            continue
        if cls.opt_in and not any(p.upper() == code or p == cls.name for p in selected or ()):
            continue
        if rule_matches(code, cls.name, ignored):
            continue
        out.append(cls())
    return out


def configured_patterns(settings: Settings) -> list[tuple[str, str]]:
    """Every rule pattern the configuration file names, with its key."""
    out = [(p, "select") for p in settings.select or ()]
    out += [(p, "ignore") for p in settings.ignore]
    out += [(code, "severity") for code in settings.severity]
    out += [(code, "per-file-ignores") for codes in settings.per_file_ignores.values()
            for code in codes]
    return out


def find_glossary(paths: list[str], settings: Settings) -> str | None:
    """The glossary file: the settings' (``--glossary`` or the config's), else
    ``glossary.tsv`` in or above a corpus folder."""
    if settings.glossary:
        return settings.glossary
    for raw in paths:
        p = Path(raw)
        folder = p if p.is_dir() else p.parent
        for candidate in (folder, *folder.parents):
            g = candidate / "glossary.tsv"
            if g.is_file():
                return str(g)
            if (candidate / settings.source_lang).is_dir():
                break
    return None


def load_glossary(path: str | None) -> Any:
    """Load the glossary through ``qa.glossary`` (None when there is no glossary file)."""
    if path is None:
        return None
    from qa.glossary import load_glossary as load

    return load(path)


def default_paths(settings: Settings) -> list[str]:
    """What ``bitext check`` with no path checks: the configuration's folder when it maps
    pairs (``[[tool.bitext.pairs]]``), else ``corpus``."""
    return [str(settings.root or ".")] if settings.pairs else ["corpus"]


def scan_paths(paths: list[str], settings: Settings) -> CorpusScan:
    """The document pairs under ``paths`` (and the documents without a counterpart),
    through the configured mappings or, without any, each folder's detected layout."""
    return find_pairs(paths, list(settings.pairs), settings.root, settings.source_lang,
                      settings.target_lang, turn=settings.direction_configured)


def document_pairs(paths: list[str], settings: Settings) -> list[DocumentPair]:
    """The document pairs under ``paths``."""
    return scan_paths(paths, settings).pairs


def align_corpus(pairs: Iterable[DocumentPair], aligner: Aligner, glossary: Any = None,
                 progress: Callable[[str], None] | None = None,
                 problems: list[RunProblem] | None = None,
                 jobs: int = 1, scheduler: str | None = None) -> Iterator[AlignedDocument]:
    """Read, segment and align each document pair, in order.

    With ``jobs`` > 1 the pairs are aligned in that many worker processes (the aligner and
    the glossary travel to each worker once); the documents still come out in the order of
    ``pairs``, identical to a run with one job. A pair whose file cannot be read (empty,
    binary, undecodable, missing) raises :class:`InputError` — or, when a ``problems`` list
    is given, is recorded there and skipped, so one bad file does not stop the check of a
    whole repository.

    With ``scheduler`` (a Dask scheduler's address, ``tcp://HOST:8786``) each pair is one
    task on that cluster (needs ``bitext[dask]``); the results stream back in the same order,
    a task whose worker dies is retried, and a run that cannot finish fails with one line.
    """
    for doc, _ in _align_and_check(pairs, aligner, glossary, progress, problems, jobs,
                                   scheduler):
        yield doc


#: What a worker found with the rules it could run on one document: per rule of the run, in
#: order, its findings and problems, or ``None`` where the parent must run it (see
#: :class:`LocalRules`).
Local = list[tuple[list[Finding], list[RunProblem]] | None]


def _align_and_check(pairs: Iterable[DocumentPair], aligner: Aligner, glossary: Any,
                     progress: Callable[[str], None] | None,
                     problems: list[RunProblem] | None, jobs: int, scheduler: str | None,
                     rules: LocalRules | None = None,
                     on_vocabulary: Callable[[Counter[str]], None] | None = None,
                     ) -> Iterator[tuple[AlignedDocument, Local | None]]:
    """:func:`align_corpus`, each document with what the workers' ``rules`` found in it
    (``None`` when no worker ran rules: one job). When the workers (or the Dask cluster's
    tasks) sum the corpus vocabulary for the rules, ``on_vocabulary`` is given it before
    the first document."""
    pairs = list(pairs)
    if scheduler:
        results: Iterable[Any] = _on_dask(pairs, aligner, glossary, scheduler, rules,
                                          on_vocabulary)
    elif jobs > 1 and len(pairs) > 1:
        results = _in_workers(pairs, aligner, glossary, jobs, rules, on_vocabulary)
    else:
        _WORKER.update(aligner=aligner, glossary=glossary, rules=None)
        results = map(_align_pair, pairs)
    try:
        for pair, result in zip(pairs, results, strict=True):
            if progress and (pair.part is None or pair.part.index == 0):
                progress(pair.name)  # a long pair's parts count as the one pair
            local = None
            if isinstance(result, tuple):
                result, local = result
            if isinstance(result, InputError):
                if problems is None:
                    raise result
                problems.append(RunProblem(str(result)))
                continue
            yield result, local
    finally:
        thaw_model()  # what this process froze of its last pair (see freeze_model)


class CorpusNeeded(BaseException):
    """A rule asked a worker for the corpus, which only the parent has: the parent runs that
    rule on that document instead. (A ``BaseException``, so that neither :func:`_guarded`
    nor a rule's own ``except Exception`` takes it for a failure of the rule.)"""


class _NoCorpus(list):
    """The corpus of a worker's :class:`CheckContext`: any look at it raises
    :class:`CorpusNeeded` (an empty list would silently change what a rule finds)."""

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise CorpusNeeded

    __bool__ = __len__ = __iter__ = __reversed__ = __getitem__ = __contains__ = _refuse
    __eq__ = __ne__ = __add__ = __radd__ = __mul__ = __rmul__ = __copy__ = _refuse
    __hash__ = None  # type: ignore[assignment]

    def __getattribute__(self, name: str) -> Any:
        if name in ("__class__", "__reduce_ex__", "__reduce__"):
            return super().__getattribute__(name)
        raise CorpusNeeded


@dataclass(frozen=True)
class LocalRules:
    """The rules of a check run that workers apply to each document they align, so that the
    rules run in parallel too, not only the alignment.

    Corpus rules stay in the parent. Every other rule runs in the worker against a context
    whose corpus refuses to be read: a rule that looks at it there (the A rules' corpus
    vocabulary) raises :class:`CorpusNeeded`, and the parent runs it on that document
    with the whole corpus. Each document's findings and problems are the same either way;
    the parent puts them together rule by rule, document by document, as one job does.
    """

    checks: list[Check]
    settings: Settings
    changed_since: str | None = None
    unpaired: list[Any] = field(default_factory=list)
    #: The corpus vocabulary, summed over every pair before any was aligned, so that the A
    #: rules (which read it) run in the workers too (see :func:`_with_vocabulary`).
    vocabulary: Counter[str] | None = None
    #: Whether the run keeps each document's summary only (with its files' texts when
    #: ``texts``): a worker then also takes what the corpus rules need of the document, and
    #: sends back a :class:`CheckedDocument` in its place (see :meth:`checked`).
    summaries: bool = False
    texts: bool = False

    def needs_vocabulary(self) -> bool:
        """Whether a rule of the run reads the corpus vocabulary (the A rules)."""
        return self.vocabulary is None and any(c.code.startswith("A") for c in self.checks)

    def run(self, doc: AlignedDocument, glossary: Any) -> Local:
        ctx = CheckContext(settings=self.settings, glossary=glossary, corpus=_NoCorpus(),
                           changed_since=self.changed_since, unpaired=self.unpaired,
                           vocabulary=self.vocabulary)
        out: Local = []
        fallback = False
        for check in self.checks:
            if check.reads_corpus():
                out.append(None)
                continue
            problems: list[RunProblem] = []
            try:
                out.append((rule_on_document(check, doc, ctx, problems), problems))
            except CorpusNeeded:
                out.append(None)
                fallback = True
        if not fallback:
            forget_evidence(doc)  # nothing left to run on it: don't send the vectors back
        return out

    def checked(self, doc: AlignedDocument, local: Local,
                glossary: Any) -> CheckedDocument | None:
        """What the run keeps of ``doc`` once :meth:`run` found ``local`` in it, when nothing
        is left for the parent to do with the document: every document rule has run, and
        each corpus rule takes its part here (into ``local``, as ``([part], problems)``, or
        ``([], problems)`` when the rule raised). ``None`` (``local`` as it was) when the run
        keeps documents, or a rule needs the corpus, or the pairs changed since the revision
        cannot be told: the parent then does it all with the document itself."""
        if not self.summaries or any(done is None for check, done in zip(self.checks, local,
                                                                          strict=True)
                                     if not check.reads_corpus()):
            return None
        changes = None
        if self.changed_since:
            try:
                changes = changed_pairs(self.changed_since, doc)
            except Exception:  # noqa: BLE001 - the parent raises it, if a finding asks
                return None
        ctx = CheckContext(settings=self.settings, glossary=glossary, corpus=_NoCorpus(),
                           changed_since=self.changed_since, unpaired=self.unpaired,
                           vocabulary=self.vocabulary)
        parts: dict[int, tuple[list[Any], list[RunProblem]]] = {}
        for k, check in enumerate(self.checks):
            if check.reads_corpus():
                problems: list[RunProblem] = []
                try:
                    part = _collected(check, doc, ctx, problems)
                except CorpusNeeded:
                    return None
                parts[k] = ([] if part is _FAILED else [part], problems)
        for k, part in parts.items():
            local[k] = part
        return CheckedDocument(DocumentSummary.of(doc, texts=self.texts), _suppressions(doc),
                               _aligner(doc), changes)


@dataclass(frozen=True)
class CheckedDocument:
    """What a worker sends back in place of a document whose rules it ran to the end: the
    summary the run keeps and the notes the end of the run needs (see :func:`_take_notes`),
    a few kilobytes where the document model pickles to hundreds."""

    summary: DocumentSummary
    suppressed: dict[str, dict[int, set[str]]]
    aligner: str | None
    changes: tuple[bool, set[int]] | None = None

    @property
    def name(self) -> str:
        return self.summary.name


#: What the document rules cache on an :class:`AlignedDocument` and no corpus rule reads:
#: the sentence vectors of the semantic evidence (n × 512 floats a side).
_DOCUMENT_EVIDENCE = ("_semantic",)


def forget_evidence(doc: AlignedDocument) -> None:
    """Drop the evidence the per-document rules cached on ``doc`` once they have all run, so
    that a corpus never holds every document's sentence vectors at once."""
    for name in _DOCUMENT_EVIDENCE:
        doc.__dict__.pop(name, None)


#: What a worker aligns with (set once per process by :func:`_start_worker`).
_WORKER: dict[str, Any] = {}


def _start_worker(start: bytes) -> None:
    """Start a worker with what :func:`_in_workers` pickled when it made the pool: the
    aligner, the glossary and the rules as they were then. (A worker may start later, when
    the pool first has work for it; by then this process has used the glossary, which then
    holds locks that cannot be pickled.)"""
    aligner, glossary, rules = pickle.loads(start)  # noqa: S301 - pickled by this run
    # Ctrl-C goes to the whole process group: the parent reports it, workers stay quiet.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    set_embedding_threads(1)  # the other cores run the sibling workers
    _WORKER.update(aligner=aligner, glossary=glossary, rules=rules)


def _align_pair(pair: DocumentPair, rules_file: str | None = None) -> Any:
    """:func:`_align_with` the worker's aligner, glossary and rules (those pickled in
    ``rules_file``, read once per worker, when the run has given the rules more since it
    started the workers)."""
    if rules_file is not None and _WORKER.get("rules_file") != rules_file:
        with open(rules_file, "rb") as handle:
            _WORKER.update(rules=pickle.load(handle), rules_file=rules_file)  # noqa: S301
    return _align_with(pair, _WORKER["aligner"], _WORKER["glossary"], _WORKER.get("rules"))


def _pair_vocabulary(pair: DocumentPair, keep: bool = True) -> Counter[str]:
    """What one pair adds to the corpus vocabulary (nothing when it cannot be read: the
    alignment reports that). Unless ``keep`` is False, the parsed documents are kept for this
    process's alignment of the pair (see :func:`_parsed`), up to :data:`PARSED_BUDGET`
    characters. A part of a long pair that would not be kept is not parsed for this: the
    words of its prose are read without the document model (:func:`_part_vocabulary`)."""
    from qa.checks.alignment import document_vocabulary

    if pair.part is not None and not (keep and _PARSED_SIZE[0] + _size(pair) <= PARSED_BUDGET):
        return _part_vocabulary(pair)
    try:
        source, target = read_pair(pair)
    except InputError:
        return Counter()
    size = len(source.text) + len(target.text)
    if keep and _PARSED_SIZE[0] + size <= PARSED_BUDGET:
        _PARSED[_parsed_key(pair)] = (source, target)
        _PARSED_SIZE[0] += size
    return document_vocabulary((source, target))


def _part_vocabulary(pair: DocumentPair) -> Counter[str]:
    """:func:`_pair_vocabulary` of a part of a long pair, from the visible text of its prose
    ranges (:func:`~align.reader.prose_texts`): the same words as its sentences have, in
    about a third of the time a parse takes."""
    from align.reader import prose_texts, read_part
    from qa.checks.alignment import text_vocabulary

    part = pair.part
    assert part is not None
    try:
        source = read_part(pair.source_path, (part.source_start, part.source_end),
                           part.source_bytes)[0]
        target = read_part(pair.target_path, (part.target_start, part.target_end),
                           part.target_bytes)[0]
    except InputError:
        return Counter()
    return text_vocabulary(prose_texts(source, str(pair.source_path).endswith(".mdx"))
                           + prose_texts(target, str(pair.target_path).endswith(".mdx")))


#: Characters of parsed documents a process keeps from the vocabulary pass for its own
#: alignment (the document model takes about 20 bytes a character: about 80 MB).
PARSED_BUDGET = 4_000_000
#: Documents the vocabulary pass parsed, by pair, until this process aligns the pair.
_PARSED: dict[tuple[str, str, str, str, int], tuple[Document, Document]] = {}
_PARSED_SIZE = [0]


def _parsed_key(pair: DocumentPair) -> tuple[str, str, str, str, int]:
    return (str(pair.source_path), pair.source_lang, str(pair.target_path), pair.target_lang,
            pair.part.index if pair.part else -1)


def read_pair(pair: DocumentPair) -> tuple[Document, Document]:
    """Read and parse the pair's two files (only its part of them, for a part of a long pair:
    see :func:`split_long_pairs`)."""
    part = pair.part
    if part is None:
        return (load_document(pair.source_path, pair.source_lang),
                load_document(pair.target_path, pair.target_lang))
    notify = note_on_stderr if part.index == 0 else None  # a file's encoding: once
    return (load_document(pair.source_path, pair.source_lang, notify=notify,
                          part=(part.source_start, part.source_end, part.source_line_base),
                          part_bytes=part.source_bytes),
            load_document(pair.target_path, pair.target_lang, notify=notify,
                          part=(part.target_start, part.target_end, part.target_line_base),
                          part_bytes=part.target_bytes))


def split_long_pairs(pairs: list[DocumentPair]) -> list[DocumentPair]:
    """``pairs``, each long one (over :data:`~align.parts.SPLIT_CHARS` characters) in its
    parts where it can be cut (:func:`~align.parts.plan_parts`): each part is read, aligned
    and checked on its own, so a big document pair takes every job and bounded memory. A
    pair whose files cannot be read stays whole (its alignment reports why)."""
    out: list[DocumentPair] = []
    for pair in pairs:
        parts = []
        if _size(pair) >= align.parts.SPLIT_CHARS:
            try:
                source = read_text(pair.source_path)
                target = read_text(pair.target_path)
            except InputError:
                pass
            else:
                parts = align.parts.plan_parts(source.text, target.text, pair.source_lang,
                                               pair.target_lang, pair.name)
                parts = align.parts.with_bytes(parts, source.text, source.encoding,
                                               target.text, target.encoding)
                del source, target
        if parts:
            out.extend(replace(pair, part=part) for part in parts)
        else:
            out.append(pair)
    return out


def _parsed(pair: DocumentPair) -> tuple[Document, Document]:
    """The pair's two documents: those the vocabulary pass parsed in this process (given
    out once: the rules cache what they compute on them), else read now."""
    kept = _PARSED.pop(_parsed_key(pair), None)
    if kept is not None:
        _PARSED_SIZE[0] -= len(kept[0].text) + len(kept[1].text)
        return kept
    return read_pair(pair)


def _forget_parsed() -> None:
    """Drop what the vocabulary pass kept and no alignment took (a run that stopped early)."""
    _PARSED.clear()
    _PARSED_SIZE[0] = 0


def _with_vocabulary(rules: LocalRules, pairs: list[DocumentPair], pool: ProcessPoolExecutor,
                     jobs: int) -> tuple[LocalRules, set[int]]:
    """``rules`` with the corpus vocabulary, read from every pair by the workers and this
    process before any pair is aligned, and the pairs (by index) this process read. Reading
    a pair twice would cost less than what it buys: without the vocabulary, a worker hands
    every document back for this process to run the A rules on, one after another. But
    each process keeps what it read (:func:`_parsed`), and aligns those pairs first."""
    # Chunks of pairs for the workers; this process takes back, from the end, every chunk
    # no worker has started (workers are still starting up at first), as take() does. The
    # chunks go out one in every ``jobs`` first (0, 2, 4 … then 1, 3, 5 …), so that what
    # this process takes back is spread over the corpus: the pairs are aligned a window at
    # a time (see _in_workers), and a window of pairs all read by one process made the
    # other read them again (80 of 204 documents of the docs pages, read from the end).
    starts = sorted(range(0, len(pairs), _VOCABULARY_CHUNK),
                    key=lambda k: ((k // _VOCABULARY_CHUNK) % jobs, k))
    chunks = [pairs[k:k + _VOCABULARY_CHUNK] for k in starts]
    futures = [pool.submit(_chunk_vocabulary, chunk) for chunk in chunks]
    total: Counter[str] = Counter()
    mine: set[int] = set()
    for start, chunk, future in zip(reversed(starts), reversed(chunks), reversed(futures),
                                    strict=True):
        if future.cancel():
            total.update(_chunk_vocabulary(chunk))
            mine.update(range(start, start + len(chunk)))
    for future in futures:
        if not future.cancelled():
            total.update(future.result())
    return replace(rules, vocabulary=total), mine


#: Pairs read per task for the vocabulary.
_VOCABULARY_CHUNK = 8


def _chunk_vocabulary(pairs: list[DocumentPair], keep: bool = True) -> Counter[str]:
    total: Counter[str] = Counter()
    for pair in pairs:
        total.update(_pair_vocabulary(pair, keep))
    return total


def _align_with(pair: DocumentPair, aligner: Aligner, glossary: Any,
                rules: LocalRules | None) -> Any:
    """The pair's :class:`AlignedDocument` (or its :class:`InputError`); with ``rules``, a
    tuple of it and what they found."""
    thaw_model()
    try:
        source, target = _parsed(pair)
    except InputError as exc:
        return exc
    freeze_model(len(source.text) + len(target.text))
    doc = AlignedDocument(pair.name, aligner(source, target, glossary), part=pair.part)
    freeze_alignment()
    if rules is None:
        return doc
    local = rules.run(doc, glossary)
    return rules.checked(doc, local, glossary) or doc, local


#: Characters of a document pair from which its parsed model is kept out of the cycle
#: collector's sight while it is aligned and checked (see :func:`freeze_model`).
FREEZE_CHARS = 200_000
_FROZEN = [False]


def freeze_model(size: int) -> None:
    """Move every object alive now (the parsed pair of ``size`` characters first among them)
    out of the cycle collector's sight (``gc.freeze``) until :func:`thaw_model`, when the
    pair is big enough for it to matter.

    The document model outlives the alignment and the rules and holds no cycles, yet each
    full collection they trigger walked all of it again (a 1 MB pair: 0.87 s of the
    alignment's CPU and 0.46 s of the rules' went to the collector). Frozen objects are
    still freed when their last reference goes. What is garbage already is collected first,
    so that none of it stays frozen (the aligner's scorers of the pair before hold cycles);
    that full collection is why small pairs are left alone. Nothing happens when someone
    else froze objects (their freeze is theirs to undo).
    """
    if size < FREEZE_CHARS or not gc.isenabled() or gc.get_freeze_count():
        return
    gc.collect()
    gc.freeze()
    _FROZEN[0] = True


def freeze_alignment() -> None:
    """After :func:`freeze_model` froze a big pair's model, freeze its alignment too (the
    beads, the pairs, the sentence vectors' rows), which the rules read and never change:
    otherwise each full collection the rules trigger walks it again (a 4 MB pair: P001 1.38
    → 0.70 CPU s with the collector off). The aligner's garbage (its scorers hold cycles) is
    collected first; :func:`thaw_model` undoes both freezes."""
    if _FROZEN[0]:
        gc.collect()
        gc.freeze()


def thaw_model() -> None:
    """Undo :func:`freeze_model` (nothing if it froze nothing): the objects go back to the
    oldest generation, where what became garbage since is collected."""
    if _FROZEN[0]:
        _FROZEN[0] = False
        gc.unfreeze()


def _size(pair: DocumentPair) -> int:
    """Bytes of a pair's two files (0 for one that cannot be read: it fails fast); for a
    part of a long pair, its characters."""
    if pair.part is not None:
        part = pair.part
        return part.source_end - part.source_start + part.target_end - part.target_start
    total = 0
    for path in (pair.source_path, pair.target_path):
        try:
            total += os.path.getsize(path)
        except OSError:
            pass
    return total


#: Pairs handed to each worker ahead of time, so that it never waits for this process (which
#: takes back those not started when it has nothing else to do).
AHEAD = 4
#: Bytes of document pairs (their files) a job lets in ahead of the next one to hand back:
#: pairs are aligned biggest first among these, and the aligned documents that wait for
#: their turn stay within them, whatever the corpus (the document model takes about 20
#: bytes a character).
WINDOW_BYTES = 500_000
#: Parts of a long pair (see :func:`split_long_pairs`) let in a job beyond the window's
#: bytes: each is about :data:`~align.parts.PART_CHARS` characters, and a window of one or
#: two would keep the jobs waiting for each other.
PARTS_IN_HAND = 4


def _in_workers(pairs: list[DocumentPair], aligner: Aligner, glossary: Any, jobs: int,
                rules: LocalRules | None = None,
                on_vocabulary: Callable[[Counter[str]], None] | None = None,
                ) -> Iterator[Any]:
    """The pairs aligned by ``jobs - 1`` worker processes and this one, biggest first among
    those let in (see :data:`WINDOW_BYTES`); the results in input order.

    This process takes a share instead of waiting: a worker pays its start (imports, the
    dictionary, what the rules load) once more, and the rules left to this process after
    the alignment find what they load already here.
    """
    workers = min(jobs, len(pairs)) - 1
    method = _start_method()
    if method == "fork":
        prepare = getattr(aligner, "prepare", None)
        if prepare is not None:
            prepare()
            method = _start_method()  # a library it loaded may have started threads
        # A forked child flushes the standard streams when it ends: what this process has
        # buffered must not be written twice.
        sys.stdout.flush()
        sys.stderr.flush()
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker,
                               initargs=(pickle.dumps((aligner, glossary, rules),
                                                      protocol=pickle.HIGHEST_PROTOCOL),),
                               mp_context=multiprocessing.get_context(method))
    # Biggest pairs first: started last, a big document would keep one process busy while
    # the others wait. But only among the pairs let in: those from the next to hand back on,
    # up to a window of WINDOW_BYTES a job, so that the aligned documents waiting for their
    # turn never fill memory however big the corpus. The pairs this process read for the
    # vocabulary are its own: it takes those first, and hands the others out first.
    sizes = [_size(pair) for pair in pairs]
    pending = deque(range(len(pairs)))  # not let in yet, in input order
    own: list[tuple[int, int]] = []  # let in, as heaps of (-size, index): this process's
    others: list[tuple[int, int]] = []  # and the others
    mine: set[int] = set()
    window = [0, 0]  # the next pair to hand back; bytes let in and not yet handed back
    futures: dict[int, Future[Any]] = {}
    here: dict[int, Any] = {}

    rules_file: str | None = None

    def admit() -> None:
        while pending and (pending[0] <= window[0]
                           or window[1] + sizes[pending[0]] <= WINDOW_BYTES * jobs
                           or (pairs[pending[0]].part is not None
                               and pending[0] - window[0] < PARTS_IN_HAND * jobs)):
            k = pending.popleft()
            window[1] += sizes[k]
            heapq.heappush(own if k in mine else others, (-sizes[k], k))

    def feed() -> None:
        admit()
        while (others or own) and sum(not f.done() for f in futures.values()) < AHEAD * workers:
            k = heapq.heappop(others or own)[1]
            futures[k] = pool.submit(_align_pair, pairs[k], rules_file)

    def take() -> bool:
        """Align one pair here: the biggest of its own let in, else of the others, else the
        smallest handed out but not started; False when there is none."""
        admit()
        if own or others:
            j = heapq.heappop(own or others)[1]
        else:
            j = next((j for j in reversed(futures) if futures[j].cancel()), -1)
            if j < 0:
                return False
            del futures[j]
        here[j] = _align_with(pairs[j], aligner, glossary, rules)
        feed()
        return True

    threads = embedding_threads()
    set_embedding_threads(1)  # this process is one of the jobs, like each worker
    try:
        if rules is not None and rules.needs_vocabulary():
            rules, read = _with_vocabulary(rules, pairs, pool, jobs)
            mine.update(read)
            if on_vocabulary is not None and rules.vocabulary is not None:
                on_vocabulary(rules.vocabulary)
            with tempfile.NamedTemporaryFile("wb", prefix="bitext-rules-", suffix=".pickle",
                                             delete=False) as handle:
                pickle.dump(rules, handle, protocol=pickle.HIGHEST_PROTOCOL)
            rules_file = handle.name
        feed()
        for k in range(len(pairs)):
            while k not in here and not (k in futures and futures[k].done()) and take():
                pass
            result = here.pop(k) if k in here else futures.pop(k).result()
            window[0], window[1] = k + 1, window[1] - sizes[k]
            yield result
            feed()
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        set_embedding_threads(threads)
        _forget_parsed()
        if rules_file is not None:
            os.unlink(rules_file)
    pool.shutdown()


def _start_method() -> str:
    """How worker processes start: forked from this process while it runs one thread (on
    Linux), else from a fresh single-threaded server process (``forkserver``).

    A forked worker starts with this process's imports, rules and dictionary (about 0.4 s
    of CPU that each worker from the server pays again). But forking a process with other
    threads can deadlock the child on a lock one of them held (a library caller's threads,
    a Dask client's, the BLAS threads numpy starts): then the server, as always before.
    """
    try:
        threads = len(os.listdir("/proc/self/task"))
    except OSError:  # not Linux: no way to count the threads libraries started
        return "forkserver"
    return "fork" if threads == 1 and threading.active_count() == 1 else "forkserver"


#: Times a Dask task is retried when its worker dies.
DASK_RETRIES = 3


def _align_task(pair: DocumentPair, aligner: Aligner, glossary: Any,
                rules: LocalRules | None = None) -> Any:
    """One pair on a Dask worker (module-level, so workers import it by name): aligned, and
    with ``rules`` checked there too, as a local worker does (:func:`_align_with`)."""
    set_embedding_threads(1)  # a Dask worker runs its tasks in threads of its own
    _WORKER.update(aligner=aligner, glossary=glossary, rules=rules)
    return _align_pair(pair)


def _on_dask(pairs: list[DocumentPair], aligner: Aligner, glossary: Any, address: str,
             rules: LocalRules | None = None,
             on_vocabulary: Callable[[Counter[str]], None] | None = None) -> Iterator[Any]:
    """The pairs as tasks on the Dask cluster at ``address``, results in input order. With
    ``rules`` the tasks run them and send back what they found with a summary in place of
    the document, so the rules run on the cluster too and this process only puts the
    findings together. When a rule reads the corpus vocabulary, tasks of
    :data:`_VOCABULARY_CHUNK` pairs sum it on the cluster first (``on_vocabulary`` is given
    it): this process reads no document."""
    try:
        from distributed import Client
    except ImportError:
        raise InputError(None, "--scheduler needs Dask: pip install 'bitext[dask]'") from None
    try:
        client = Client(address, timeout="10s", set_as_default=False)
    except OSError as exc:
        raise InputError(None, f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        shared = client.scatter(glossary, broadcast=True) if glossary is not None else None
        # Keys name this run: two runs on one cluster never share a task's result.
        run = uuid.uuid4().hex[:12]
        if rules is not None and rules.needs_vocabulary():
            parts = [client.submit(_chunk_vocabulary, pairs[k:k + _VOCABULARY_CHUNK], False,
                                   pure=False, retries=DASK_RETRIES,
                                   key=f"bitext-vocabulary-{run}-{k}")
                     for k in range(0, len(pairs), _VOCABULARY_CHUNK)]
            total: Counter[str] = Counter()
            for part in parts:
                total.update(_dask_result(part))
                part.release()
            rules = replace(rules, vocabulary=total)
            if on_vocabulary is not None:
                on_vocabulary(total)
        checks = client.scatter(rules, broadcast=True) if rules is not None else None
        futures = [client.submit(_align_task, pair, aligner, shared, checks, pure=False,
                                 retries=DASK_RETRIES, key=f"bitext-align-{run}-{k}-{pair.name}")
                   for k, pair in enumerate(pairs)]
        for future in futures:  # in input order: output identical to a local run
            yield _dask_result(future)
            future.release()
    finally:
        client.close()


def _dask_result(future: Any) -> Any:
    """A Dask task's result, or one line saying which task failed and why."""
    try:
        return future.result()
    except Exception as exc:
        raise RuntimeError(f"Dask task for {future.key} failed after {DASK_RETRIES} retries: "
                           f"{type(exc).__name__}: {exc}") from exc


def default_jobs() -> int:
    """Worker processes by default: the cores this process may use."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def check_paths(
    paths: list[str],
    *,
    settings: Settings | None = None,
    aligner: Aligner | None = None,
    changed_since: str | None = None,
    progress: Callable[[str], None] | None = None,
    corpus: CorpusScan | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
    keep_documents: bool | Callable[[AlignedDocument], Any] = True,
    keep_texts: bool = False,
) -> CheckRun:
    """Run the whole pipeline over corpus folders or documents and return the findings.

    With ``changed_since`` (a git revision) only findings in pairs that changed since then
    are kept, and the revision rules (D001, D002) run. ``corpus`` is the scan of ``paths``
    when the caller has already made it; ``jobs`` worker processes align the pairs (or the
    Dask cluster at ``scheduler`` does).

    The documents stream: each one's rules run as soon as it is aligned, the corpus rules
    take what they need of it (:meth:`~qa.checks.base.Check.collect`), and the run keeps
    the document itself only with ``keep_documents`` — else its
    :class:`~qa.core.run.DocumentSummary` (with its files' texts when ``keep_texts``), so
    that memory does not grow with the corpus. A run with a rule that needs every document
    at once (a corpus rule without :meth:`~qa.checks.base.Check.collect`, or a document rule
    that reads ``ctx.corpus``) keeps them all until its rules have run; the findings are
    the same either way. A callable ``keep_documents`` is given each checked document, and
    the run keeps what it returns (e.g. a handle on a copy on disk).
    """
    settings = settings or load_settings()
    corpus = corpus or scan_paths(paths, settings)
    glossary_path = find_glossary(paths, settings)
    job = _Job(corpus, load_glossary(glossary_path), glossary_path, select_checks(settings),
               settings, aligner or document_aligner(), changed_since, progress, jobs,
               scheduler, keep_documents, keep_texts)
    if all(c.streams() for c in job.checks if c.reads_corpus()):
        try:
            return _check(job, stream=True)
        except CorpusNeeded:
            pass  # a document rule reads the corpus: check again, with every document
    return _check(job, stream=False)


@dataclass(frozen=True)
class _Job:
    """What :func:`check_paths` was asked to do, with the glossary and the rules it found."""

    corpus: CorpusScan
    glossary: Any
    glossary_path: str | None
    checks: list[Check]
    settings: Settings
    aligner: Aligner
    changed_since: str | None
    progress: Callable[[str], None] | None
    jobs: int
    scheduler: str | None
    keep_documents: bool | Callable[[AlignedDocument], Any]
    keep_texts: bool


def _check(job: _Job, stream: bool) -> CheckRun:
    """:func:`check_paths`, with the documents dropped as they stream past (``stream``), or
    all aligned first and kept until every rule has run, as the corpus of ``ctx.corpus``.

    In a stream the context's corpus refuses to be read (:class:`CorpusNeeded`), and the
    corpus vocabulary of the A rules is summed from every pair before any is aligned."""
    settings, checks, pairs = job.settings, job.checks, job.corpus.pairs
    if stream and job.keep_documents is False and not job.keep_texts and not job.changed_since:
        # Long pairs in parts; whole where the run keeps documents or texts (a report,
        # --fix) or compares each file with its old version (--changed-since, the D rules).
        pairs = split_long_pairs(pairs)
    problems: list[RunProblem] = []
    rules = LocalRules(checks, settings, job.changed_since, list(job.corpus.unpaired),
                       summaries=stream and not job.keep_documents, texts=job.keep_texts)
    parallel = not job.scheduler and job.jobs > 1 and len(pairs) > 1
    vocabulary: list[Counter[str]] = []
    if stream and rules.needs_vocabulary() and not parallel and not job.scheduler:
        vocabulary.append(_chunk_vocabulary(pairs))
        rules = replace(rules, vocabulary=vocabulary[0])
    stream_ = _align_and_check(pairs, job.aligner, job.glossary, job.progress, problems,
                               job.jobs, job.scheduler, rules, vocabulary.append)
    documents: list[Any] = []
    found: list[Local] = []
    parts: dict[int, list[Any]] = {k: [] for k, c in enumerate(checks) if c.reads_corpus()}
    failed: dict[int, list[RunProblem]] = {k: [] for k in parts}
    suppressed: dict[str, dict[str, dict[int, set[str]]]] = {}
    changes: dict[str, tuple[bool, set[int]] | Exception] = {}
    aligners: set[str] = set()
    split: dict[str, _Split] = {}
    ctx: CheckContext | None = None
    try:
        aligned: Iterable[tuple[AlignedDocument, Local | None]] = stream_
        kept: list[AlignedDocument] | None = None
        if not stream:
            aligned = list(stream_)
            kept = [doc for doc, _ in aligned]
        for doc, local in aligned:
            if ctx is None:
                ctx = _context(job, kept, vocabulary)
            if isinstance(doc, CheckedDocument):  # a worker did it all (LocalRules.checked)
                assert local is not None
                for k in parts:
                    part, own = local[k]  # type: ignore[misc]
                    parts[k].extend(part)
                    failed[k].extend(own)
                    local[k] = None
                found.append(local)
                if doc.summary.part is None:
                    _take_checked_notes(doc, job.changed_since, suppressed, changes, aligners)
                    documents.append(doc.summary)
                    continue
                notes: dict[str, Any] = {}
                _take_checked_notes(doc, None, notes, {}, aligners)
                _join_part(doc.summary, notes, split, documents, suppressed)
                continue
            # Every document rule (what workers did not run), then what each corpus rule
            # needs of the document; the findings are put together rule by rule, document
            # by document, in the same order as always.
            row: Local = []
            for k, check in enumerate(checks):
                done = local[k] if local is not None else None
                if done is None and not check.reads_corpus():
                    own: list[RunProblem] = []
                    done = (rule_on_document(check, doc, ctx, own), own)
                row.append(done)
            for k in parts:
                part = _collected(checks[k], doc, ctx, failed[k])
                if part is not _FAILED:
                    parts[k].append(part)
            forget_evidence(doc)
            found.append(row)
            if doc.part is not None:
                notes = {}
                _take_notes(doc, None, notes, {}, aligners)
                _join_part(DocumentSummary.of(doc), notes, split, documents, suppressed)
                continue
            _take_notes(doc, job.changed_since, suppressed, changes, aligners)
            documents.append(job.keep_documents(doc) if callable(job.keep_documents)
                             else doc if job.keep_documents
                             else DocumentSummary.of(doc, texts=job.keep_texts))
    finally:
        stream_.close()
        _forget_parsed()
    ctx = ctx or _context(job, [] if not stream else None, vocabulary)
    findings: list[Finding] = []
    for k, check in enumerate(checks):
        if check.reads_corpus():
            problems.extend(failed[k])
            findings.extend(_guarded(lambda k=k, check=check: check.check_collected(parts[k], ctx),
                                     check, "the corpus", problems))
            continue
        for row in found:
            findings.extend(row[k][0])
            problems.extend(row[k][1])
    if split:
        findings = _rejoined(findings, split, checks)
    findings = _postprocess(findings, suppressed, settings)
    sig = _signature(settings, checks, aligners, job.glossary)
    if job.changed_since:
        findings = _keep_changed(findings, changes)
        sig = sig.with_fields(changed_since=job.changed_since)
    return CheckRun(findings, documents, settings, list(checks), job.glossary,
                    job.glossary_path, sig, problems)


@dataclass
class _Split:
    """What the run noted of the parts of one long document pair, in order (see
    :func:`split_long_pairs`): the lines before each part on each side, and the pairs
    before it (each part numbers its pairs from 0)."""

    source_path: str
    target_path: str
    source_lines: list[int] = field(default_factory=list)
    target_lines: list[int] = field(default_factory=list)
    pair_bases: list[int] = field(default_factory=list)
    pairs: int = 0


def _join_part(summary: DocumentSummary, own_suppressed: dict[str, Any],
               split: dict[str, _Split], documents: list[Any],
               suppressed: dict[str, dict[str, dict[int, set[str]]]]) -> None:
    """Put a part of a long pair together with the parts before it: one summary for the
    pair, and its suppression comments (``own_suppressed``) with theirs. (A run that asks
    what changed since a revision checks pairs whole.)"""
    name, part = summary.name, summary.part
    entry = split.setdefault(name, _Split(summary.source_path, summary.target_path))
    base = entry.pairs
    entry.source_lines.append(part.source_line_base)
    entry.target_lines.append(part.target_line_base)
    entry.pair_bases.append(base)
    entry.pairs += summary.pair_count
    if documents and isinstance(documents[-1], DocumentSummary) and \
            documents[-1].name == name and part.index > 0:
        documents[-1] = replace(documents[-1], pair_count=entry.pairs, part=None)
    else:
        documents.append(replace(summary, part=None))
    for path, lines in own_suppressed.get(name, {}).items():
        table = suppressed.setdefault(name, {}).setdefault(path, {})
        for line, codes in lines.items():
            table.setdefault(line, set()).update(codes)


def _rejoined(findings: list[Finding], split: dict[str, _Split],
              checks: list[Check]) -> list[Finding]:
    """The findings of long pairs' parts as the whole pair's: pair indexes numbered across
    the parts (the part is told by the line a finding points at), and a rule that reports
    once per document (``per_document``) reported once, by its first part."""
    once = {c.code for c in checks if getattr(c, "per_document", False)}
    seen: set[tuple[str, str]] = set()
    out = []
    for f in findings:
        entry = split.get(f.document)
        if entry is None:
            out.append(f)
            continue
        if f.code in once:
            if (f.document, f.code) in seen:
                continue
            seen.add((f.document, f.code))
        if f.pair is not None:
            if f.target is not None and f.target.path == entry.target_path:
                k = bisect_right(entry.target_lines, f.target.line - 1) - 1
            elif f.source is not None and f.source.path == entry.source_path:
                k = bisect_right(entry.source_lines, f.source.line - 1) - 1
            else:
                k = -1
            if k >= 0:
                f = replace(f, pair=f.pair + entry.pair_bases[k])
        out.append(f)
    return out


def _context(job: _Job, kept: list[AlignedDocument] | None,
             vocabulary: list[Counter[str]]) -> CheckContext:
    """The rules' context: the corpus ``kept``, or (None: a stream) one that refuses to be
    read, with the vocabulary summed ahead."""
    return CheckContext(settings=job.settings, glossary=job.glossary,
                        corpus=_NoCorpus() if kept is None else kept,
                        changed_since=job.changed_since, unpaired=job.corpus.unpaired,
                        vocabulary=vocabulary[0] if vocabulary and kept is None else None)


#: What :func:`_collected` gives for a document the rule raised on.
_FAILED = object()


def _collected(check: Check, doc: AlignedDocument, ctx: CheckContext,
               problems: list[RunProblem]) -> Any:
    """What a corpus rule takes of one document (:data:`_FAILED`, with a problem, when it
    raises: the rule then loses that document only)."""
    try:
        return check.collect(doc, ctx)
    except Exception as exc:  # noqa: BLE001 - one rule's bug must not take the run down
        problems.append(RunProblem.rule_failure(check.code, doc.alignment.target.path, exc))
        return _FAILED


def _take_notes(doc: AlignedDocument, revision: str | None,
                suppressed: dict[str, dict[str, dict[int, set[str]]]],
                changes: dict[str, tuple[bool, set[int]] | Exception],
                aligners: set[str]) -> None:
    """What the end of the run needs of a document once it is dropped: its suppression
    comments, its pairs changed since ``revision``, its aligner."""
    suppressed[doc.name] = _suppressions(doc)
    if revision:
        try:
            changes[doc.name] = changed_pairs(revision, doc)
        except Exception as exc:  # noqa: BLE001 - raised if a finding asks (keep_changed)
            changes[doc.name] = exc.with_traceback(None)  # its frames would keep the document
    aligner = _aligner(doc)
    if aligner is not None:
        aligners.add(aligner)


def _take_checked_notes(doc: CheckedDocument, revision: str | None,
                        suppressed: dict[str, dict[str, dict[int, set[str]]]],
                        changes: dict[str, tuple[bool, set[int]] | Exception],
                        aligners: set[str]) -> None:
    """:func:`_take_notes` from what a worker noted of the document."""
    suppressed[doc.name] = doc.suppressed
    if revision and doc.changes is not None:
        changes[doc.name] = doc.changes
    if doc.aligner is not None:
        aligners.add(doc.aligner)


def run_rule(check: Check, docs: list[AlignedDocument], ctx: CheckContext,
             problems: list[RunProblem]) -> list[Finding]:
    """The findings of one rule, at the finest grain its class allows: a rule that raises
    loses only the pair (or document, or corpus) it raised on, never the others'."""
    if check.reads_corpus():
        return _guarded(lambda: check.check_corpus(docs, ctx), check, "the corpus", problems)
    out: list[Finding] = []
    for doc in docs:
        out += rule_on_document(check, doc, ctx, problems)
    return out


def rule_on_document(check: Check, doc: AlignedDocument, ctx: CheckContext,
                     problems: list[RunProblem]) -> list[Finding]:
    """The findings of a document or pair rule on one document (see :func:`run_rule`)."""
    if type(check).check_document is not Check.check_document:
        return _guarded(lambda: check.check_document(doc, ctx), check,
                        doc.alignment.target.path, problems)
    out: list[Finding] = []
    check_pair = check.check_pair
    for pair in doc.pairs:
        # What _guarded does, inline: a rule runs on every pair of every document, and the
        # place of a failure is only worth spelling out when there is one. What the pair
        # yielded before it raised is kept (list.extend keeps what it took).
        try:
            out.extend(check_pair(pair, doc, ctx))
        except Exception as exc:  # noqa: BLE001 - one rule's bug must not take the run down
            first = (pair.target or pair.source)[0]
            problems.append(RunProblem.rule_failure(check.code, f"{first.path}:{first.line}",
                                                    exc))
    return out


def _guarded(findings: Callable[[], Iterable[Finding]], check: Check, where: str,
             problems: list[RunProblem]) -> list[Finding]:
    """What ``findings()`` yields until it raises; a failure becomes a problem of the run.
    A callable: a rule that builds its findings eagerly (``@unique_findings``) raises when
    called, not when iterated."""
    out: list[Finding] = []
    try:
        for f in findings():
            out.append(f)
    except Exception as exc:  # noqa: BLE001 - one rule's bug must not take the run down
        problems.append(RunProblem.rule_failure(check.code, where, exc))
    return out


def keep_changed(findings: list[Finding], docs: list[AlignedDocument],
                 revision: str) -> list[Finding]:
    """Only the findings in pairs that changed since ``revision`` (either side).

    A finding about a whole document is kept when its document changed at all.
    """
    by_name = {d.name: d for d in docs}
    changed: dict[str, tuple[bool, set[int]] | Exception] = {}
    for f in findings:
        doc = by_name.get(f.document)
        if doc is not None and doc.name not in changed:
            changed[doc.name] = changed_pairs(revision, doc)
    return _keep_changed(findings, changed)


def _keep_changed(findings: list[Finding],
                  changed: dict[str, tuple[bool, set[int]] | Exception]) -> list[Finding]:
    """:func:`keep_changed` with each document's changes (or the error finding them raised,
    raised here when a finding of the document asks) by name."""
    out = []
    for f in findings:
        changes = changed.get(f.document)
        if changes is None:
            out.append(f)
            continue
        if isinstance(changes, Exception):
            raise changes
        any_change, pairs = changes
        if (f.pair is None and any_change) or f.pair in pairs:
            out.append(f)
    return out


def postprocess(findings: list[Finding], docs: list[AlignedDocument],
                settings: Settings) -> list[Finding]:
    """Apply severity overrides, per-file ignores and inline suppressions; sort by place."""
    return _postprocess(findings, {doc.name: _suppressions(doc) for doc in docs}, settings)


def _postprocess(findings: list[Finding], suppressed: dict[str, dict[str, dict[int, set[str]]]],
                 settings: Settings) -> list[Finding]:
    """:func:`postprocess` with each document's suppressions (:func:`_suppressions`) by name."""
    out = []
    for f in findings:
        if f.code in settings.severity:
            f = replace(f, severity=settings.severity[f.code])
        paths = [loc.path for loc in (f.source, f.target) if loc]
        if any(fnmatch.fnmatch(p, glob) and rule_matches(f.code, f.name, codes)
               for p in paths for glob, codes in settings.per_file_ignores.items()):
            continue
        if _is_suppressed(f, suppressed.get(f.document, {})):
            continue
        out.append(f)
    out.sort(key=lambda f: (f.document, (f.primary.line, f.primary.column) if f.primary
                            else (0, 0), f.code))
    return out


def _suppressions(doc: AlignedDocument) -> dict[str, dict[int, set[str]]]:
    """Per path: line → codes ignored there (``<!-- bitext: ignore N001 -->`` before a block)."""
    out: dict[str, dict[int, set[str]]] = {}
    for d in (doc.alignment.source, doc.alignment.target):
        lines: dict[int, set[str]] = {}
        pending: set[str] | None = None
        for b in d.blocks:
            if b.kind is BlockKind.COMMENT:
                m = _SUPPRESS.search(b.raw)
                if m:
                    codes = {c.upper() for c in re.split(r"[\s,]+", m.group(1)) if c}
                    pending = codes or {"ALL"}
                continue
            if b.kind is BlockKind.BLANK or pending is None:
                continue
            for line in range(b.line, b.end_line + 1):
                lines.setdefault(line, set()).update(pending)
            pending = None
        out[d.path] = lines
    return out


def _is_suppressed(f: Finding, table: dict[str, dict[int, set[str]]]) -> bool:
    for loc in (f.source, f.target):
        if loc is None:
            continue
        codes = table.get(loc.path, {}).get(loc.line, set())
        if "ALL" in codes or any(f.code.startswith(c) for c in codes):
            return True
    return False


def signature(settings: Settings, checks: list[Check], docs: list[AlignedDocument],
              glossary: Any = None) -> Signature:
    """What produced a run, so two reports can be compared honestly."""
    return _signature(settings, checks, {a for d in docs if (a := _aligner(d)) is not None},
                      glossary)


def _aligner(doc: AlignedDocument) -> str | None:
    """The aligner's own fields of a document's alignment, less those the run states itself
    (version, glossary); None when the alignment has no signature."""
    if not doc.alignment.signature:
        return None
    return str(doc.alignment.signature.without("version", "glossary")).removeprefix("aligner:")


def _signature(settings: Settings, checks: list[Check], aligners: set[str],
               glossary: Any = None) -> Signature:
    """:func:`signature` with the documents' aligners (:func:`_aligner`)."""
    # The checksum of the bytes that were loaded (not a second read of the file).
    checksum = getattr(glossary, "checksum", "")
    return Signature.of(
        bitext=version(),
        aligner=";".join(sorted(aligners)) or "none",
        glossary=f"sha256={checksum[:12]}" if checksum else "none",
        rules=",".join(c.code for c in checks) or "none",
        langs=f"{settings.source_lang}->{settings.target_lang}",
    )

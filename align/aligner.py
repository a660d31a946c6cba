"""Sentence alignment of two texts: evidence from the scorers, path from the search.

``align_sentences`` aligns two lists of sentences (flat text, one sentence per line);
``align_documents`` (in :mod:`align.structure`) first pairs blocks, then sentences within them.
Both build the same :class:`Evidence` over whole documents, so document-level statistics
(length ratio, mean vectors) never depend on how the text is cut into blocks.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from align.alignment import Bead
from align.cache import Embedded, embed_texts
from align.defaults import ALL_SCORES, DEFAULT_CACHE_DIR, DEFAULT_SCORES
from align.embedding import DEFAULT_MODEL, warn_once
from align.language import guess_language
from align.search import DEFAULT_BEAD_TYPES, PathStep, best_path
from align.signature import Signature
from align.version import installed_version

if TYPE_CHECKING:
    from align.scores.base import BeadScorer
    from align.scores.combined import CombinedCost

# The scorers (and numpy with them) load when evidence is first built: the command line
# reads AlignerConfig's defaults without aligning anything.

ALIGNER_NAME = "bitext-dp"


@dataclass
class AlignerConfig:
    """Every setting that changes an alignment (all are recorded in the signature)."""

    #: Evidence to use; "dictionary" needs the optional [dict] extra (a warning without it).
    scores: tuple[str, ...] = DEFAULT_SCORES
    model: str = DEFAULT_MODEL
    #: Folder of the embedding cache; ``None`` turns caching off.
    cache_dir: str | None = DEFAULT_CACHE_DIR
    bead_types: tuple[tuple[int, int], ...] = DEFAULT_BEAD_TYPES
    weights: dict[str, float] = field(default_factory=lambda: {
        "length": 0.1, "anchors": 0.3, "dictionary": 3.0, "embeddings": 1.0})
    length_variance: float = 6.0
    #: Cost of a 1-0 or 0-1 bead, and extra cost per sentence beyond one on a side. Chosen
    #: by leave-one-document-out on MAC-Dev (every fold picks skip 1.0, merge 0.2-0.3).
    skip: float = 1.0
    merge: float = 0.3
    #: Penalties used when no embedding model is available (length carries the weight).
    fallback_weights: dict[str, float] = field(default_factory=lambda: {
        "length": 1.0, "anchors": 2.0, "dictionary": 16.0})
    fallback_skip: float = 10.0
    fallback_merge: float = 3.0
    fallback_temperature: float = 1.5
    #: Temperature of the path posteriors, and the calibration of their log-odds. At 0.2 the
    #: posteriors are calibrated as they are on MAC-Dev (beads at 0.9-0.95: 93% right).
    temperature: float = 0.2
    calibration: tuple[float, float] = (1.0, 0.0)
    #: Flat alignment of documents of at least :data:`FOCUS_MIN` sentences: the posterior
    #: from length, anchors and dictionary at which a bead is settled without embeddings
    #: (see :mod:`align.focus`; ``bitext align --presplit --settle 0.99``: MAC-Dev embeds 74%
    #: of its sentences, the Bible 65%, strict F1 unchanged there). ``None`` (the default)
    #: embeds every sentence: 0.99 was chosen on the sets it is scored on, and a cold run is
    #: the only one it makes faster (a warm one slower, by the first pass).
    settle: float | None = None


@dataclass
class Evidence:
    """The scorers built for one document pair, and what was used (for the signature)."""

    cost: CombinedCost
    used: list[str]
    model: str | None
    embedded: int = 0  # sentences embedded by the model (not found in the cache)
    #: Seconds spent building each score (model load and embedding count as "embeddings").
    timings: dict[str, float] = field(default_factory=dict)
    #: Checksum (8 hex digits) of the glossary whose terms were anchors, if any.
    glossary: str | None = None


def build_evidence(source: Sequence[str], target: Sequence[str], source_lang: str,
                   target_lang: str, config: AlignerConfig,
                   glossary: object | None = None, *,
                   vectors: Embedded | None = None, blocks_first: bool = False) -> Evidence:
    """Scorers for a whole document pair, following ``config.scores``; glossary terms (if
    given) join the anchors. ``vectors``: the vectors of ``source`` then ``target``, when
    the caller already has them (else they come from the model, through the cache);
    ``blocks_first``: the caller searches blocks before sentences (the embeddings' span
    vectors are made when the sentences are first searched, see
    :class:`~align.scores.embeddings.EmbeddingScorer`)."""
    from align.scores.combined import CombinedCost
    from align.scores.embeddings import EmbeddingScorer
    from align.scores.length import LengthScorer

    wanted = [s for s in config.scores if s in ALL_SCORES]
    unknown = [s for s in config.scores if s not in ALL_SCORES]
    if unknown:
        raise ValueError(f"unknown scores {unknown}; choose from {ALL_SCORES}")
    scorers: list[tuple[BeadScorer, str]] = []
    model = None
    embedded = 0
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = timings.get(name, 0.0) + now - clock
        clock = now

    if "embeddings" in wanted:
        result = vectors or embed_texts([*source, *target], model=config.model,
                                        cache_dir=config.cache_dir,
                                        fallback="aligning with cheaper scores only")
        if result is not None:
            n = len(source)
            scorers.append((EmbeddingScorer(result.vectors[:n], result.vectors[n:],
                                            defer=blocks_first), "embeddings"))
            model, embedded = result.model, result.embedded
        lap("embeddings")
    if "length" in wanted:
        scorers.append((LengthScorer.from_texts(source, target, config.length_variance),
                        "length"))
        lap("length")
    if "anchors" in wanted:
        from align.scores.anchors import AnchorScorer

        scorers.append((AnchorScorer.from_texts(source, target, source_lang, target_lang,
                                                glossary), "anchors"))
        lap("anchors")
    if "dictionary" in wanted:
        from align.scores.lexicon import DictionaryScorer, DictionaryUnavailable

        try:
            scorers.append((DictionaryScorer.from_texts(source, target, source_lang,
                                                        target_lang, config.cache_dir),
                            "dictionary"))
        except DictionaryUnavailable as exc:
            warn_once(f"{exc}; aligning without dictionary evidence")
        lap("dictionary")
    with_model = model is not None
    weights = config.weights if with_model else config.fallback_weights
    cost = CombinedCost([(s, weights.get(name, 1.0)) for s, name in scorers],
                        skip=config.skip if with_model else config.fallback_skip,
                        merge=config.merge if with_model else config.fallback_merge)
    evidence = Evidence(cost, [name for _, name in scorers], model, embedded, timings)
    if glossary is not None and "anchors" in evidence.used:
        evidence.glossary = str(getattr(glossary, "checksum", "") or "unnamed")[:8]
    return evidence


def signature(evidence: Evidence, config: AlignerConfig, mode: str) -> Signature:
    """Settings that reproduce an alignment, sacrebleu-style."""
    return Signature.of(
        aligner=ALIGNER_NAME, mode=mode, scores="+".join(sorted(evidence.used)) or "none",
        model=evidence.model or "none",
        beads=",".join(f"{a}-{b}" for a, b in config.bead_types),
        glossary=evidence.glossary or "none", settings=settings_digest(config),
        version=installed_version())


def settings_digest(config: AlignerConfig) -> str:
    """Short hash of the numeric settings (weights, penalties, temperatures), so two runs
    with different tuning never share a signature."""
    numbers = {k: v for k, v in sorted(vars(config).items())
               if k not in ("scores", "model", "cache_dir", "bead_types")}
    return hashlib.sha256(repr(numbers).encode()).hexdigest()[:8]


def calibrate(posterior: float, calibration: tuple[float, float]) -> float:
    """Map a path posterior to a calibrated confidence via its log-odds (Platt scaling)."""
    p = min(max(posterior, 1e-6), 1 - 1e-6)
    slope, offset = calibration
    z = slope * math.log(p / (1 - p)) + offset
    return 1.0 / (1.0 + math.exp(-z))


#: The BLAS thread limit, once set (see :func:`one_blas_thread`).
_blas_limit: object | None = None


def one_blas_thread() -> None:
    """Limit BLAS to one thread, once per process (later calls do nothing).

    The search makes many small matrix products: BLAS threads only contend for the cores
    (measured: 2x slower on a busy two-core machine), so use one. The limit stays for the
    rest of the process: finding the loaded BLAS libraries reads the process's libraries
    (a few milliseconds), which entering ``threadpool_limits`` around every search did
    again each time (4.3 s of 21.5 s on 50 pages of 2,325 block searches).
    """
    global _blas_limit
    if _blas_limit is None:
        from threadpoolctl import threadpool_limits

        _blas_limit = threadpool_limits(limits=1, user_api="blas")


def search(cost: CombinedCost, n: int, m: int, config: AlignerConfig,
           with_model: bool = True) -> list[PathStep]:
    """Best path over an ``n`` × ``m`` grid, each step with its posterior probability."""
    # Without embeddings the costs are on another scale, and so is the temperature.
    temperature = config.temperature if with_model else config.fallback_temperature
    one_blas_thread()
    return best_path(n, m, cost, config.bead_types, posterior_temperature=temperature)


def confidence(step: PathStep, config: AlignerConfig) -> float:
    """A path step's calibrated confidence, rounded to 4 places (a bead's ``confidence``).

    >>> confidence(PathStep(1, 1, 1, 1, 0.0, 0.9), AlignerConfig())
    0.9
    """
    return round(calibrate(step.posterior, config.calibration), 4)


def steps_to_beads(steps: Sequence[PathStep], config: AlignerConfig,
                   source_index: Sequence[int] | None = None,
                   target_index: Sequence[int] | None = None) -> list[Bead]:
    """Beads from path steps, mapping local positions through the optional index lists."""
    beads = []
    for st in steps:
        src = tuple(source_index[k] if source_index is not None else k for k in st.source)
        tgt = tuple(target_index[k] if target_index is not None else k for k in st.target)
        beads.append(Bead(src, tgt, confidence(st, config)))
    return beads


def resolve_languages(source: Sequence[str], target: Sequence[str], source_lang: str | None,
                      target_lang: str | None) -> tuple[str, str]:
    """Languages given, else guessed from the script (Han vs Latin)."""
    sl = source_lang or guess_language("\n".join(source))
    tl = target_lang or guess_language("\n".join(target))
    return sl, tl


def align_sentences(source: Sequence[str], target: Sequence[str], *,
                    source_lang: str | None = None, target_lang: str | None = None,
                    config: AlignerConfig | None = None,
                    glossary: object | None = None) -> list[Bead]:
    """Align two lists of sentences; bead indices are positions in the lists.

    >>> cfg = AlignerConfig(scores=("length",))
    >>> [b.kind for b in align_sentences(["你好。", "谢谢。"], ["Hello.", "Thanks."], config=cfg)]
    ['1-1', '1-1']
    """
    return align_sentences_with_signature(source, target, source_lang=source_lang,
                                          target_lang=target_lang, config=config,
                                          glossary=glossary)[0]


#: Documents with fewer sentences (both sides) embed them all: little to save, and the
#: unsure sentences' mean would centre their vectors poorly.
FOCUS_MIN = 100


def align_focused(source: Sequence[str], target: Sequence[str], source_lang: str,
                  target_lang: str, config: AlignerConfig,
                  glossary: object | None = None) -> tuple[list[PathStep], Evidence]:
    """Align with the cheap scores, then again with embeddings where the first pass is
    unsure (:mod:`align.focus`), embedding only those sentences."""
    from dataclasses import replace

    from align.focus import realign, unsure_windows, window_sentences
    from align.scores.combined import CombinedCost
    from align.scores.embeddings import EmbeddingScorer

    cheap = replace(config, scores=tuple(s for s in config.scores if s != "embeddings"))
    evidence = build_evidence(source, target, source_lang, target_lang, cheap, glossary)
    start = time.perf_counter()
    steps = search(evidence.cost, len(source), len(target), config, with_model=False)
    searched = time.perf_counter() - start
    assert config.settle is not None
    windows = unsure_windows(steps, config.settle)
    rows, cols = window_sentences(steps, windows)
    if rows and cols:
        start = time.perf_counter()
        result = embed_texts([*(source[i] for i in rows), *(target[j] for j in cols)],
                             model=config.model, cache_dir=config.cache_dir,
                             fallback="aligning with cheaper scores only")
        evidence.timings["embeddings"] = time.perf_counter() - start
        if result is not None:
            start = time.perf_counter()
            scorer = EmbeddingScorer(result.vectors[:len(rows)], result.vectors[len(rows):])
            weights = config.weights
            cost = CombinedCost([(s, weights.get(name, 1.0)) for (s, _), name
                                 in zip(evidence.cost.scorers, evidence.used, strict=True)],
                                skip=config.skip, merge=config.merge)
            one_blas_thread()
            steps = realign(steps, windows, scorer, cost, weights.get("embeddings", 1.0),
                            config.bead_types, config.temperature)
            searched += time.perf_counter() - start
            evidence.used.append("embeddings")
            evidence.model, evidence.embedded = result.model, result.embedded
    evidence.timings["search"] = searched
    return steps, evidence


def align_sentences_with_signature(source: Sequence[str], target: Sequence[str], *,
                                   source_lang: str | None = None,
                                   target_lang: str | None = None,
                                   config: AlignerConfig | None = None,
                                   glossary: object | None = None,
                                   ) -> tuple[list[Bead], Signature, Evidence]:
    """Like :func:`align_sentences`, also returning the signature and the evidence used."""
    config = config or AlignerConfig()
    sl, tl = resolve_languages(source, target, source_lang, target_lang)
    if (config.settle is not None and "embeddings" in config.scores
            and len(source) + len(target) >= FOCUS_MIN):
        steps, evidence = align_focused(source, target, sl, tl, config, glossary)
        return steps_to_beads(steps, config), signature(evidence, config, "flat"), evidence
    evidence = build_evidence(source, target, sl, tl, config, glossary)
    start = time.perf_counter()
    steps = search(evidence.cost, len(source), len(target), config, evidence.model is not None)
    # Search time includes the scorers' lazy cost evaluation, which happens inside it.
    evidence.timings["search"] = time.perf_counter() - start
    return steps_to_beads(steps, config), signature(evidence, config, "flat"), evidence


__all__ = ["AlignerConfig", "align_sentences", "align_sentences_with_signature",
           "build_evidence"]

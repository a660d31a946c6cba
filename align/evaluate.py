"""Score a predicted sentence alignment against gold: strict and lax precision, recall, F1.

The convention is Vecalign's scorer (after Sennrich & Volk), as described in the benchmark
data's README:

* beads empty on both sides are ignored; indices within a side are sorted; beads are sets;
* precision: a *strict* hit is a predicted bead identical to a gold bead; a *lax* hit is a
  strict hit or a bead sharing at least one source and one target sentence with a gold bead;
* recall: the same with gold and prediction swapped, after dropping from both every bead
  that is empty on one side;
* counts are summed over documents (micro average); F1 = 2PR/(P+R).

>>> gold = [((0,), (0,)), ((1, 2), (1,))]
>>> score([gold], [[((0,), (0,)), ((1,), (1,)), ((2,), ())]]).strict.precision
0.3333333333333333
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

#: A bead as the scorer sees it: sorted source indices, sorted target indices.
BeadPair = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass
class PRF:
    """Precision, recall and F1 from hit counts."""

    precision_hits: int = 0
    precision_total: int = 0
    recall_hits: int = 0
    recall_total: int = 0

    @property
    def precision(self) -> float:
        return self.precision_hits / self.precision_total if self.precision_total else 0.0

    @property
    def recall(self) -> float:
        return self.recall_hits / self.recall_total if self.recall_total else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    """Strict and lax figures for one or more documents."""

    strict: PRF = field(default_factory=PRF)
    lax: PRF = field(default_factory=PRF)


def normalise(beads: Iterable[Sequence[Sequence[int]]]) -> list[BeadPair]:
    """Sort indices within each side and drop beads empty on both sides."""
    out = []
    for src, tgt in beads:
        bead = (tuple(sorted(src)), tuple(sorted(tgt)))
        if bead[0] or bead[1]:
            out.append(bead)
    return out


def _hits(reference: list[BeadPair], candidate: list[BeadPair]) -> tuple[int, int, int]:
    """(strict hits, lax hits, total) of ``candidate`` beads judged against ``reference``."""
    exact = set(reference)
    # Which reference beads contain each source / target sentence, for the lax test.
    by_source: dict[int, list[int]] = {}
    for k, (src, _) in enumerate(reference):
        for s in src:
            by_source.setdefault(s, []).append(k)
    strict = lax = 0
    for bead in candidate:
        if bead in exact:
            strict += 1
            lax += 1
            continue
        targets = set(bead[1])
        partners = (reference[k][1] for s in bead[0] for k in by_source.get(s, ()))
        if any(targets.intersection(p) for p in partners):
            lax += 1
    return strict, lax, len(candidate)


def score_document(gold: Iterable[Sequence[Sequence[int]]],
                   predicted: Iterable[Sequence[Sequence[int]]],
                   into: Score | None = None) -> Score:
    """Add one document's counts to ``into`` (a new Score if None) and return it."""
    result = into if into is not None else Score()
    g, p = normalise(gold), normalise(predicted)
    strict, lax, total = _hits(g, p)
    result.strict.precision_hits += strict
    result.strict.precision_total += total
    result.lax.precision_hits += lax
    result.lax.precision_total += total
    g_links = [b for b in g if b[0] and b[1]]
    p_links = [b for b in p if b[0] and b[1]]
    strict, lax, total = _hits(p_links, g_links)
    result.strict.recall_hits += strict
    result.strict.recall_total += total
    result.lax.recall_hits += lax
    result.lax.recall_total += total
    return result


def score(gold_docs: Iterable[Sequence], predicted_docs: Iterable[Sequence]) -> Score:
    """Micro-averaged strict/lax scores over several documents."""
    result = Score()
    for gold, predicted in zip(gold_docs, predicted_docs, strict=True):
        score_document(gold, predicted, into=result)
    return result


def merge_within_units(beads: Sequence[BeadPair], source_units: Sequence[str],
                       target_units: Sequence[str]) -> list[BeadPair]:
    """Merge consecutive beads that lie inside one and the same unit (a Bible verse).

    A bead lies inside unit ``u`` when every sentence on both its sides belongs to ``u``.
    """
    out: list[BeadPair] = []
    last_unit: str | None = None
    for src, tgt in beads:
        units = {source_units[i] for i in src} | {target_units[j] for j in tgt}
        unit = next(iter(units)) if len(units) == 1 else None
        if unit is not None and unit == last_unit and out:
            prev_src, prev_tgt = out[-1]
            out[-1] = (tuple(sorted(prev_src + tuple(src))), tuple(sorted(prev_tgt + tuple(tgt))))
        else:
            out.append((tuple(src), tuple(tgt)))
        last_unit = unit
    return out


def parse_bead_line(line: str) -> BeadPair:
    """Parse one line of Vecalign's format, ``[0, 1]:[0]``."""
    left, sep, right = line.strip().partition(":")
    if not sep:
        raise ValueError(f"not a bead: {line.strip()!r}")
    src, tgt = ast.literal_eval(left), ast.literal_eval(right)
    return tuple(int(i) for i in src), tuple(int(j) for j in tgt)


def format_bead(source: Sequence[int], target: Sequence[int]) -> str:
    """One bead in Vecalign's format: ``[0, 1]:[0]``."""
    return f"[{', '.join(map(str, source))}]:[{', '.join(map(str, target))}]"


def read_beads(path: str | Path) -> list[BeadPair]:
    """Read a gold (or predicted) alignment file, one bead per line."""
    text = Path(path).read_text(encoding="utf-8")
    return [parse_bead_line(line) for line in text.splitlines() if line.strip()]

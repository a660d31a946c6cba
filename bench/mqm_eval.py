"""Measure the meaning-level checks (the A rules) against human MQM annotations.

Reads the WMT 2023 zh → en MQM ratings (``../shared/data/mqm``: 10 systems × 377 segments of
38 news documents, three professional raters per segment) straight from the tar.gz, and builds
one item per (system, segment): the Chinese source, the English target and the union of the
raters' errors (rows of the "hands on the wheel" test, severity ``HOTW-test``, are left out:
their texts are altered copies). Positives are segments with at least one *major* error of a
kind — ``Accuracy/Omission (Translation)`` / ``(Translation 2)``, ``Accuracy/Addition``,
untranslated text (``Accuracy/Source language fragment``, ``Non-translation!``); negatives are
segments that all three raters judged ``No-error``.

The segments of one (system, document) make one aligned document pair, one paragraph and
one bead per segment (all its sentences together), so that the per-document statistics of
A004 and A005 see a realistic document. Each rule runs through ``qa.pipeline.run_rule``.

Next to the rules: the length-ratio z-score baseline (UTF-8 bytes without white space, log
ratio, z-scored over all segments of the part; a segment is flagged at ``|z| > t``), with its
recall at the threshold where its false-alarm rate equals a rule's, and at 25 per 1,000.

The 38 source documents are split in two halves with a fixed seed: ``dev`` (used to tune
thresholds) and ``test`` (held out: the figures to report). ``--mac-dev`` also runs the
clause-coverage rule on MAC-Dev (literary, en → zh) with the injections of
``bench/qa_eval.py`` (its "clauses dropped" kind, and false alarms on the clean text).

Usage: python bench/mqm_eval.py [--part test|dev|all] [--limit N] [--rules A] [--mac-dev]
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import re
import sys
import tarfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from align.alignment import Alignment, Bead  # noqa: E402
from align.reader import parse_document  # noqa: E402
from align.signature import Signature  # noqa: E402
from bench.qa_eval import escape_markers, log_ratio, mean_sd, threshold_at  # noqa: E402
from qa.core.run import AlignedDocument, CheckContext, RunProblem  # noqa: E402
from qa.core.settings import Settings  # noqa: E402
from qa.pipeline import run_rule, select_checks  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "mqm"
ARCHIVE = "sxs_mqm_generalMT2023_zhen.3ratingsPerSegment.tsv.tar.gz"

KINDS = {  # kind → categories (major severity)
    "omission": ("Accuracy/Omission (Translation)", "Accuracy/Omission (Translation 2)"),
    "addition": ("Accuracy/Addition",),
    "untranslated": ("Accuracy/Source language fragment", "Non-translation!"),
}
_MARK = re.compile(r"</?v>")


@dataclass
class Item:
    system: str
    doc: str
    seg: int
    source: str
    target: str
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # rater, category, sev
    spans: list[tuple[int, int]] = field(default_factory=list)  # major omission spans (source)
    raters_ok: set[str] = field(default_factory=set)

    def kinds(self) -> set[str]:
        return {k for k, cats in KINDS.items()
                for _, c, s in self.errors if c in cats and s == "Major"}

    @property
    def clean(self) -> bool:
        return not self.errors and len(self.raters_ok) >= 3


def load(path: Path) -> list[Item]:
    """One item per (system, segment), from the archive as it is."""
    with tarfile.open(path) as tar:
        member = next(m for m in tar.getmembers() if m.isfile())
        raw = tar.extractfile(member)
        assert raw is not None
        text = io.TextIOWrapper(raw, encoding="utf-8")
        rows = list(csv.DictReader(text, delimiter="\t", quoting=csv.QUOTE_NONE))
    items: dict[tuple[str, str], Item] = {}
    targets: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for r in rows:
        if r["severity"] == "HOTW-test":
            continue
        key = (r["system"], r["globalSegId"])
        src = _MARK.sub("", r["source"])
        item = items.get(key)
        if item is None:
            item = items[key] = Item(r["system"], r["doc"], int(r["docSegId"]), src, "")
        targets[key][_MARK.sub("", r["target"])] += 1
        if r["category"] == "No-error":
            item.raters_ok.add(r["rater"])
            continue
        item.errors.append((r["rater"], r["category"], r["severity"]))
        if r["severity"] == "Major" and r["category"] in KINDS["omission"]:
            m = re.search(r"<v>(.*?)</v>", r["source"])
            if m:
                a = len(_MARK.sub("", r["source"][: m.start()]))
                item.spans.append((a, a + len(m.group(1))))
    for key, item in items.items():
        item.target = targets[key].most_common(1)[0][0]
    return list(items.values())


def split_documents(items: list[Item], seed: int = 2023) -> dict[str, set[str]]:
    """The source documents in two halves: ``dev`` and ``test`` (held out)."""
    docs = sorted({i.doc for i in items})
    random.Random(seed).shuffle(docs)
    half = len(docs) // 2
    return {"dev": set(docs[:half]), "test": set(docs[half:]), "all": set(docs)}


def _escape(line: str) -> str:
    """Keep a segment one paragraph: no Markdown list, heading, quote or table marker."""
    line = re.sub(r"\s*\n\s*", " ", line).strip()
    return escape_markers(line)


def build(name: str, items: list[Item]) -> AlignedDocument:
    """One aligned document pair: a paragraph per segment, one bead per segment."""
    zh = parse_document("\n\n".join(_escape(i.source) or "." for i in items) + "\n",
                        f"zh/{name}.md", "zh")
    en = parse_document("\n\n".join(_escape(i.target) or "." for i in items) + "\n",
                        f"en/{name}.md", "en")

    def by_paragraph(d) -> dict[int, list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for b in d.blocks:
            for s in b.sentences:
                out[(b.line - 1) // 2].append(s.index)
        return out

    zh_of, en_of = by_paragraph(zh), by_paragraph(en)
    beads = [Bead(tuple(zh_of[k]), tuple(en_of[k]), 1.0) for k in range(len(items))]
    return AlignedDocument(name, Alignment(zh, en, beads,
                                           signature=Signature.of(aligner="mqm-segments")))


def run(items: list[Item], rules: list[str]) -> tuple[dict[int, set[str]], list[str]]:
    """Codes of the rules that fire on each item (by position), and the rules run."""
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, it in enumerate(items):
        groups[(it.system, it.doc)].append(k)
    docs, index = [], []
    for (system, doc), ks in sorted(groups.items()):
        ks.sort(key=lambda k: items[k].seg)
        name = re.sub(r"[^\w.-]+", "_", f"{system}__{doc}")
        docs.append(build(name, [items[k] for k in ks]))
        index.append(ks)
    settings = Settings(source_lang="zh", target_lang="en")
    checks = select_checks(settings.with_cli(select=rules))
    ctx = CheckContext(settings=settings, corpus=docs)
    problems: list[RunProblem] = []
    fired: dict[int, set[str]] = defaultdict(set)
    by_name = {d.name: ks for d, ks in zip(docs, index, strict=True)}
    for check in checks:
        for f in run_rule(check, docs, ctx, problems):
            if f.pair is not None:
                fired[by_name[f.document][f.pair]].add(f.code)
    for p in problems:
        print("problem:", p, file=sys.stderr)
    return fired, [c.code for c in checks]


def length_z(items: list[Item]) -> list[float]:
    """The baseline's z-score of each item's log byte ratio (target / source)."""
    x = [log_ratio(i.target, i.source) for i in items]
    mean, sd = mean_sd(x)
    return [(v - mean) / sd for v in x]


def baseline_at(z: list[float], pos: list[int], neg: list[int], fa: float) -> tuple[float, float]:
    """Recall of |z| > t at the lowest t whose false alarms per 1,000 are at most ``fa``
    (and that rate)."""
    if not neg:
        return float("nan"), float("nan")
    negs = [abs(z[k]) for k in neg]
    t = threshold_at(negs, fa, len(neg))
    flagged_neg = sum(1 for v in negs if v > t)
    recall = sum(1 for k in pos if abs(z[k]) > t) / len(pos) if pos else float("nan")
    return recall, 1000 * flagged_neg / len(neg)


def report(items: list[Item], fired: dict[int, set[str]], codes: list[str],
           focus: str | None) -> None:
    z = length_z(items)
    neg = [k for k, i in enumerate(items) if i.clean]
    print(f"\n{len(items)} segments, {len(neg)} judged error-free by all three raters")
    fa = {c: 1000 * sum(1 for k in neg if c in fired[k]) / max(len(neg), 1) for c in codes}
    fa_any = 1000 * sum(1 for k in neg if fired[k] & set(codes)) / max(len(neg), 1)
    print("\nFalse alarms per 1,000 error-free segments:")
    print("| rule | FA/1,000 |")
    print("|------|----------|")
    for c in codes:
        print(f"| {c} | {fa[c]:8.1f} |")
    print(f"| any  | {fa_any:8.1f} |")
    for kind in KINDS:
        pos = [k for k, i in enumerate(items) if kind in i.kinds()]
        if not pos:
            continue
        print(f"\nMajor {kind}: {len(pos)} segments")
        print("| rule | found | recall | FA/1,000 | baseline recall at that FA | at 25/1,000 |")
        print("|------|-------|--------|----------|----------------------------|-------------|")
        b25 = baseline_at(z, pos, neg, 25.0)
        for c, rate in [*((c, fa[c]) for c in codes), ("any", fa_any)]:
            found = sum(1 for k in pos if (fired[k] & set(codes) if c == "any" else
                                           c in fired[k]))
            b = baseline_at(z, pos, neg, rate)
            print(f"| {c:<4} | {found:5} | {found / len(pos):6.3f} | {rate:8.1f} | "
                  f"{b[0]:6.3f} (at {b[1]:5.1f}/1,000)         | {b25[0]:11.3f} |")
    if focus:
        pos = [k for k, i in enumerate(items) if "omission" in i.kinds()]
        hits = sum(1 for k in pos if focus in fired[k])
        print(f"\n{focus}: {hits}/{len(pos)} major omissions; FA {fa.get(focus, 0):.1f}/1,000")


def sample(items: list[Item], limit: int | None, seed: int) -> list[Item]:
    """Whole (system, document) groups, drawn with a fixed seed, up to ``limit`` segments."""
    if not limit or limit >= len(items):
        return items
    groups: dict[tuple[str, str], list[Item]] = defaultdict(list)
    for it in items:
        groups[(it.system, it.doc)].append(it)
    keys = sorted(groups)
    random.Random(seed).shuffle(keys)
    out: list[Item] = []
    for key in keys:
        if len(out) >= limit:
            break
        out += groups[key]
    return out


def mac_dev(rule: str, seed: int, per_kind: int) -> None:
    """The rule on MAC-Dev (en → zh, gold alignment): false alarms on the clean text, and
    recall of bench/qa_eval.py's "clauses dropped" injections (same seed, same beads)."""
    import bench.qa_eval as qe

    docs = qe.load(Path(qe.__file__).resolve().parents[2] / "shared" / "data" / "mac-dev")
    settings = Settings()
    checks = select_checks(settings.with_cli(select=[rule]))

    def findings(aligned):
        ctx = CheckContext(settings=settings, corpus=aligned)
        return [f for c in checks for f in run_rule(c, aligned, ctx, [])]

    clean = findings([qe.build(d, d.zh) for d in docs])
    pairs = sum(1 for d in docs for z, e in d.gold if z and e)
    by_name = {d.name: d for d in docs}
    flagged = {(f.document, b) for f in clean for b in qe.finding_beads(f, by_name[f.document])}
    print(f"\nMAC-Dev (en → zh, gold alignment): {rule} flags {len(flagged)} of {pairs} clean "
          f"pairs ({1000 * len(flagged) / pairs:.1f} per 1,000)")
    zh, en, injected = qe.inject(docs, per_kind, seed)
    found = findings([qe.build(d, zh[d.name], en[d.name]) for d in docs])
    hit = {(f.document, b) for f in found for b in qe.finding_beads(f, by_name[f.document])}
    for kind in ("omission (clauses dropped)", "omission (sentence dropped)"):
        inj = [(d.name, k) for d, k, kd, _ in injected if kd == kind]
        n = sum(1 for x in inj if x in hit)
        print(f"  {kind}: {n}/{len(inj)} = {n / max(len(inj), 1):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DATA / ARCHIVE))
    parser.add_argument("--part", choices=["dev", "test", "all"], default="test")
    parser.add_argument("--limit", type=int, default=None,
                        help="at most about N segments (whole documents, seeded sample)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rules", nargs="+", default=["A", "A007"])
    parser.add_argument("--focus", default="A007",
                        help="the rule whose omission recall is summarised at the end")
    parser.add_argument("--mac-dev", action="store_true",
                        help="also measure --focus on MAC-Dev with qa_eval's injections")
    args = parser.parse_args()
    t0 = time.time()
    items = load(Path(args.data))
    part = split_documents(items)[args.part]
    items = sample([i for i in items if i.doc in part], args.limit, args.seed)
    print(f"MQM zh → en: part {args.part} ({len({i.doc for i in items})} source documents, "
          f"{len({i.system for i in items})} systems)")
    fired, codes = run(items, args.rules)
    report(items, fired, codes, args.focus if args.focus in codes else None)
    if args.mac_dev:
        mac_dev(args.focus, 7, 25)
    print(f"\n{time.time() - t0:.1f} s")


if __name__ == "__main__":
    main()

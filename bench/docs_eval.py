"""How precise are the checks on real documentation sites? Findings per rule, a judged sample.

Runs ``bitext check`` (the whole pipeline, layouts detected) on each site folder of
``../shared/data/docs`` (one en → zh, one zh → en), prints findings per 1,000 aligned pairs
per rule, and draws a reproducible stratified sample (``--per-rule`` findings of each rule,
seeded). Judgements of sampled findings — read by a person on the page pair: ``real``,
``false`` (a false alarm) or ``debatable``, with a reason — live in ``bench/judgements/*.tsv``
(columns ``rule``, ``location``, ``judgement``, ``reason``; ``location`` is
``SITE/PATH:LINE:COL`` of the finding's primary location, relative to the data folder).
The script prints the precision per rule and for error severity over the judged sample,
and lists sampled findings nobody has judged yet (``--write-sample FILE`` writes them as a
TSV to fill in).

    python bench/docs_eval.py                  # tables, precision from the judgements
    python bench/docs_eval.py --write-sample /tmp/to-judge.tsv
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa.core.finding import Finding  # noqa: E402
from qa.core.settings import Settings  # noqa: E402
from qa.pipeline import check_paths  # noqa: E402

JUDGEMENTS = ROOT / "bench" / "judgements"
VERDICTS = ("real", "false", "debatable")


def location(f: Finding, data: Path) -> str:
    """``SITE/PATH:LINE:COL`` of the finding, relative to the data folder."""
    loc = f.primary
    if loc is None:
        return f.document
    try:
        path = Path(loc.path).resolve().relative_to(data.resolve()).as_posix()
    except ValueError:
        path = loc.path
    return f"{path}:{loc.line}:{loc.column}"


def judgement_rows(path: Path) -> Iterator[tuple[str, str, str | None, str]]:
    """(rule, location, verdict, reason) of each row of a findings TSV (columns rule,
    location, judgement, reason), the verdict one of :data:`VERDICTS` or None when the
    judgement says none of them; nothing for another benchmark's TSV (e.g.
    glossary_extract.tsv)."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        if not {"rule", "location", "judgement"} <= set(reader.fieldnames or ()):
            return
        for row in reader:
            said = (row.get("judgement") or "").strip().lower()
            verdict = next((v for v in VERDICTS if said.startswith(v[:4])), None)
            yield (row["rule"].strip(), row["location"].strip(), verdict,
                   (row.get("reason") or "").strip())


def load_judgements(folder: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """(rule, location) → (judgement, reason) from every findings TSV in ``folder``."""
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for path in sorted(folder.glob("*.tsv")):
        for rule, place, verdict, reason in judgement_rows(path):
            if verdict is not None:
                out[(rule, place)] = (verdict, reason)
    return out


def sample(findings: list[Finding], per_rule: int, seed: int) -> list[Finding]:
    """Up to ``per_rule`` findings of each rule, drawn with a generator seeded per rule (so a
    new rule does not change the other rules' samples)."""
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_rule[f.code].append(f)
    out = []
    for code in sorted(by_rule):
        group = by_rule[code]
        out += random.Random(f"{seed}-{code}").sample(group, min(per_rule, len(group)))
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "docs"))
    p.add_argument("--per-rule", type=int, default=10)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--write-sample", metavar="FILE",
                   help="write the sampled findings nobody has judged to FILE (TSV)")
    args = p.parse_args()
    data = Path(args.data)
    sites = sorted(d for d in data.iterdir() if d.is_dir() and not d.name.startswith("."))
    findings: list[Finding] = []
    pairs_total = 0
    print("| site | direction | documents | aligned pairs | findings | seconds |")
    print("|---|---|---|---|---|---|")
    for site in sites:
        start = time.perf_counter()
        run = check_paths([str(site)], settings=Settings())
        seconds = time.perf_counter() - start
        pairs = sum(len(d.pairs) for d in run.documents)
        langs = {f"{d.alignment.source.lang} → {d.alignment.target.lang}"
                 for d in run.documents}
        print(f"| {site.name} | {', '.join(sorted(langs))} | {len(run.documents)} | {pairs} | "
              f"{len(run.findings)} | {seconds:.1f} |")
        for problem in run.problems:
            print(f"problem: {problem}", file=sys.stderr)
        findings += run.findings
        pairs_total += pairs
    counts = Counter((f.code, str(f.severity)) for f in findings)
    print(f"\nFindings per 1,000 aligned pairs ({pairs_total} pairs):\n")
    print("| rule | severity | findings | per 1,000 pairs |")
    print("|---|---|---|---|")
    for (code, sev), n in sorted(counts.items()):
        print(f"| {code} | {sev} | {n} | {1000 * n / max(pairs_total, 1):.1f} |")

    judged = load_judgements(JUDGEMENTS)
    drawn = sample(findings, args.per_rule, args.seed)
    per_rule: dict[str, Counter[str]] = defaultdict(Counter)
    errors: Counter[str] = Counter()
    missing = []
    for f in drawn:
        verdict = judged.get((f.code, location(f, data)))
        if verdict is None:
            missing.append(f)
            continue
        per_rule[f.code][verdict[0]] += 1
        if str(f.severity) == "error":
            errors[verdict[0]] += 1
    print(f"\nJudged sample (seed {args.seed}, up to {args.per_rule} per rule; precision = "
          "real / judged, debatable counted as not real):\n")
    print("| rule | sampled | judged | real | false alarm | debatable | precision |")
    print("|---|---|---|---|---|---|---|")
    total: Counter[str] = Counter()
    sampled = Counter(f.code for f in drawn)
    for code in sorted(sampled):
        c = per_rule[code]
        n = sum(c.values())
        total += c
        prec = f"{c['real'] / n:.2f}" if n else "–"
        print(f"| {code} | {sampled[code]} | {n} | {c['real']} | {c['false']} | "
              f"{c['debatable']} | {prec} |")
    n = sum(total.values())
    if n:
        print(f"| all | {len(drawn)} | {n} | {total['real']} | {total['false']} | "
              f"{total['debatable']} | {total['real'] / n:.2f} |")
    ne = sum(errors.values())
    if ne:
        print(f"| error severity | | {ne} | {errors['real']} | {errors['false']} | "
              f"{errors['debatable']} | {errors['real'] / ne:.2f} |")
    by_code = Counter(f.code for f in findings)
    judged_codes = [c for c in by_code if sum(per_rule[c].values())]
    covered = sum(by_code[c] for c in judged_codes)
    if covered:
        # The sample has the same size for every rule; the run has not: weigh each rule's
        # judged precision by its number of findings.
        est = sum(by_code[c] * per_rule[c]["real"] / sum(per_rule[c].values())
                  for c in judged_codes) / covered
        print(f"\nEstimated share of real problems among all {covered} findings of the judged "
              f"rules (each rule's precision weighted by its findings): {est:.2f}")
    if missing:
        print(f"\n{len(missing)} sampled findings are not judged yet.", file=sys.stderr)
        if args.write_sample:
            with open(args.write_sample, "w", encoding="utf-8", newline="") as fh:
                w = csv.writer(fh, delimiter="\t", lineterminator="\n")
                w.writerow(["rule", "location", "judgement", "reason", "message", "source",
                            "target"])
                for f in missing:
                    refs = [loc.ref if loc else "" for loc in (f.source, f.target)]
                    w.writerow([f.code, location(f, data), "", "", f.message, *refs])
            print(f"wrote {args.write_sample}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

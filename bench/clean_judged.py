"""What the findings on the *clean* MAC-Dev chapters are, judged by reading.

``bench/qa_eval.py`` counts every finding on the clean chapters as a false alarm: the
published translation is taken as error-free. But a published literary translation has
typos, half-width marks and numbers that differ from the original, and MAC-Dev's layout
(one sentence per paragraph) splits quotations. This script runs the same clean chapters
through the full pipeline (the aligner, then every rule), lists each finding, and reads
the judgements in ``bench/judgements/macdev_clean.tsv`` (rule, location, judgement,
reason; judgement one of ``real problem``, ``false alarm``, ``debatable``). Per rule it
prints the findings, how many are judged, real / false / debatable among them, and the
false alarms per 1,000 gold pairs two ways: judged false only, and judged false plus
debatable plus unjudged (what ``qa_eval.py``'s table would be if every unread finding were
false).

    python bench/clean_judged.py                        # the table
    python bench/clean_judged.py --sample 40 --seed 19  # a seeded sample of unjudged
                                                         # findings, with context, to judge

A location is ``DOC:EN_LINE:ZH_LINE`` (lines of the paragraphs qa_eval.py builds, one gold
line each; ``-`` for a side the finding lacks) — stable while the chapters and the aligner
are, so a changed rule shows up as unjudged findings.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from docs_eval import judgement_rows  # noqa: E402
from qa_eval import build, load, run_checks  # noqa: E402

JUDGEMENTS = ROOT / "bench" / "judgements" / "macdev_clean.tsv"


def location(finding) -> str:
    def line(loc) -> str:
        return str(loc.line) if loc is not None else "-"

    return f"{finding.document}:{line(finding.source)}:{line(finding.target)}"


def load_judgements(path: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """(rule, location) → (verdict, reason): ``real``, ``false`` or ``debatable`` (the rows
    of bench/docs_eval.py's judgement files); a row that says none of them is an error."""
    out = {}
    if not path.is_file():
        return out
    for rule, place, verdict, reason in judgement_rows(path):
        if verdict is None:
            raise SystemExit(f"{path}: a judgement of {rule} at {place} is none of "
                             "real / false / debatable")
        out[(rule, place)] = (verdict, reason)
    return out


def clean_findings(data: Path) -> tuple[list, int, dict]:
    from qa.core.run import AlignedDocument
    from qa.pipeline import document_aligner

    docs = load(data)
    aligner = document_aligner()
    aligned = []
    for d in docs:
        g = build(d, d.zh)
        aligned.append(AlignedDocument(d.name, aligner(g.alignment.source, g.alignment.target)))
    pairs = sum(1 for d in docs for z, e in d.gold if z and e)
    return run_checks(aligned), pairs, {a.name: a for a in aligned}


def _context(doc, finding) -> tuple[str, str]:
    """The source and target text of the pairs the finding touches."""
    lines = {"source": finding.source.line if finding.source else None,
             "target": finding.target.line if finding.target else None}
    src, tgt = [], []
    for p in doc.pairs:
        hit = any(doc.alignment.source.blocks[s.block].line == lines["source"] for s in p.source) \
            or any(doc.alignment.target.blocks[t.block].line == lines["target"] for t in p.target)
        if hit:
            src.append(p.source_text)
            tgt.append(p.target_text)
    return " / ".join(src), " / ".join(tgt)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "mac-dev"))
    parser.add_argument("--judgements", default=str(JUDGEMENTS))
    parser.add_argument("--sample", type=int, help="print this many unjudged findings")
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args(argv)
    findings, pairs, docs = clean_findings(Path(args.data))
    judged = load_judgements(Path(args.judgements))
    if args.sample:
        todo = [f for f in findings if (f.code, location(f)) not in judged]
        random.Random(args.seed).shuffle(todo)
        for f in sorted(todo[:args.sample], key=lambda f: (f.code, location(f))):
            en, zh = _context(docs[f.document], f)
            print(f"{f.code}\t{location(f)}\t{f.message}\n    en: {en}\n    zh: {zh}")
        return 0
    rows: dict[str, Counter] = {}
    for f in findings:
        verdict = judged.get((f.code, location(f)), ("unjudged", ""))[0]
        rows.setdefault(f.code, Counter())[verdict] += 1
    print(f"Findings on the clean MAC-Dev chapters through the aligner ({pairs} gold pairs), "
          f"judged in {Path(args.judgements).name}:")
    print("| rule | findings | judged | real | false | debatable | false /1,000 | "
          "not real or unread /1,000 |")
    print("|---|---|---|---|---|---|---|---|")
    total = Counter()
    for code in sorted(rows):
        c = rows[code]
        total.update(c)
        n = sum(c.values())
        print(f"| {code} | {n} | {n - c['unjudged']} | {c['real']} | {c['false']} | "
              f"{c['debatable']} | {1000 * c['false'] / pairs:.1f} | "
              f"{1000 * (n - c['real']) / pairs:.1f} |")
    n = sum(total.values())
    print(f"| all | {n} | {n - total['unjudged']} | {total['real']} | {total['false']} | "
          f"{total['debatable']} | {1000 * total['false'] / pairs:.1f} | "
          f"{1000 * (n - total['real']) / pairs:.1f} |")
    stale = set(judged) - {(f.code, location(f)) for f in findings}
    if stale:
        print(f"({len(stale)} judgements match no finding now: the rules or the aligner changed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Precision per rule over *every* finding on the real documentation pages, not a sample.

``bench/docs_eval.py`` judges a seeded sample of up to ten findings per rule. For the rules
whose findings have all been read (``bench/judgements/*.tsv``), this script gives the whole
population: for each rule, its findings on ``../shared/data/docs``, how many are judged,
and real / false alarm / debatable among them (debatable counted as not real). A rule
with unjudged findings is shown with its coverage, so a figure never hides what was not
read.

    python bench/docs_judged.py              # every rule
    python bench/docs_judged.py M001 N002    # some rules
    python bench/docs_judged.py --unjudged N002   # list the findings nobody has judged
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from docs_eval import load_judgements, location  # noqa: E402

from qa.core.settings import Settings  # noqa: E402
from qa.pipeline import check_paths  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rules", nargs="*", help="rule codes (default: all that fire)")
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "docs"))
    parser.add_argument("--unjudged", action="store_true",
                        help="list the findings of the rules that nobody has judged")
    args = parser.parse_args(argv)
    data = Path(args.data)
    findings = []  # per site, as bench/docs_eval.py runs them
    for site in sorted(d for d in data.iterdir() if d.is_dir() and not d.name.startswith(".")):
        findings += check_paths([str(site)], settings=Settings()).findings
    judged = load_judgements(ROOT / "bench" / "judgements")
    codes = args.rules or sorted({f.code for f in findings})
    print("| rule | findings | judged | real | false alarm | debatable | precision |")
    print("|---|---|---|---|---|---|---|")
    for code in codes:
        counts: Counter[str] = Counter()
        missing = []
        for f in findings:
            if f.code != code:
                continue
            where = location(f, data)
            verdict = judged.get((code, where))
            if verdict is None:
                missing.append((where, f.message))
            else:
                counts[verdict[0]] += 1
        total = sum(counts.values())
        share = f"{counts['real'] / total:.2f}" if total else "–"
        print(f"| {code} | {total + len(missing)} | {total} | {counts['real']} | "
              f"{counts['false']} | {counts['debatable']} | {share} |")
        if args.unjudged:
            for where, message in missing:
                print(f"    unjudged: {where}: {message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

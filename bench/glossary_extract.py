"""How many of the top ``glossary extract`` candidates are real term pairs? Per set, judged.

Runs ``bitext glossary extract PATH --limit N`` (the command as a user runs it, layouts
detected) on the three sets — the seed corpus and the two documentation sites of
``../shared/data/docs`` (seatunnel en → zh, rocketmq-site zh → en) — and prints the top
``N`` (30) candidates of each with the judgement read in ``bench/judgements/glossary_extract.tsv``
(columns ``round``, ``set``, ``rank``, ``en``, ``zh``, ``judgement``, ``reason``) for that
(set, en, zh) pair in the latest round that judged it, then the precision per set: real
candidates over all ``N``. A candidate nobody has judged is counted apart (``?``), never as
real; ``--write-unjudged FILE`` writes those as judgement rows to fill in (round ``--round``).

    python bench/glossary_extract.py                       # all three sets, top 30
    python bench/glossary_extract.py --sets seatunnel --top 50
    python bench/glossary_extract.py --write-unjudged /tmp/to-judge.tsv --round 3
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JUDGEMENTS = ROOT / "bench" / "judgements" / "glossary_extract.tsv"
COLUMNS = ("round", "set", "rank", "en", "zh", "judgement", "reason")


def set_paths(data: Path) -> dict[str, Path]:
    """The sets by name: the corpus of the repository and each docs site."""
    return {"corpus": ROOT / "corpus", "seatunnel": data / "seatunnel",
            "rocketmq-site": data / "rocketmq-site"}


def latest_judgements(path: Path) -> dict[tuple[str, str, str], tuple[str, str, int]]:
    """(set, en, zh) → (judgement, reason, round) of the latest round that judged it."""
    out: dict[tuple[str, str, str], tuple[str, str, int]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            key = (row["set"], row["en"], row["zh"])
            rnd = int(row["round"])
            if key not in out or out[key][2] <= rnd:
                out[key] = (row["judgement"], row["reason"], rnd)
    return out


def candidates(path: Path, top: int) -> list[tuple[str, str, str]]:
    """(en, zh, note) of the first ``top`` rows ``bitext glossary extract`` prints."""
    done = subprocess.run([sys.executable, "-m", "qa", "glossary", "extract", str(path),
                           "--limit", str(top)], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, check=True)
    rows = [line.split("\t") for line in done.stdout.splitlines() if line.strip()]
    return [(r[0], r[1], r[5] if len(r) > 5 else "") for r in rows]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", default=str(ROOT.parent / "shared" / "data" / "docs"))
    p.add_argument("--sets", default="corpus,seatunnel,rocketmq-site",
                   help="comma-separated set names (default: all three)")
    p.add_argument("--top", type=int, default=30)
    p.add_argument("--judgements", default=str(JUDGEMENTS))
    p.add_argument("--write-unjudged", metavar="FILE",
                   help="write the unjudged candidates as judgement rows to fill in")
    p.add_argument("--round", type=int, default=0, help="round number for --write-unjudged")
    args = p.parse_args(argv)

    judged = latest_judgements(Path(args.judgements))
    paths = set_paths(Path(args.data))
    todo: list[list[str]] = []
    summary = []
    for name in args.sets.split(","):
        found = candidates(paths[name], args.top)
        counts = {"real": 0, "false": 0, "?": 0}
        print(f"== {name}: top {len(found)} of bitext glossary extract {paths[name]}")
        for rank, (en, zh, note) in enumerate(found, 1):
            verdict, reason, rnd = judged.get((name, en, zh), ("?", "", 0))
            counts[verdict if verdict in counts else "false"] += 1
            where = f"r{rnd}" if rnd else "  "
            print(f"{rank:3} {verdict:5} {where} {en} ↔ {zh}   [{note}]  {reason}")
            if verdict == "?":
                todo.append([str(args.round), name, str(rank), en, zh, "", ""])
        summary.append((name, counts, len(found)))
        print()
    print(f"{'set':14} {'real':>5} {'false':>6} {'unjudged':>9} {'precision':>10}")
    for name, counts, n in summary:
        share = counts["real"] / n if n else 0.0
        print(f"{name:14} {counts['real']:5} {counts['false']:6} {counts['?']:9} "
              f"{counts['real']}/{n} = {share:.0%}")
    if args.write_unjudged:
        with open(args.write_unjudged, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
            w.writerow(COLUMNS)
            w.writerows(todo)
        print(f"{args.write_unjudged}: {len(todo)} unjudged candidates", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

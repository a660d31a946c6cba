"""Which judged findings of a probed docs site the current code still reports.

The probe sites' pages are third-party text and are not committed (``bench/judgements/
probe_sources_stop27.tsv`` names every page by repository, path and commit). With the pages
copied back in their site's layout, run ``bitext check . --format json --exit-zero > out.json``
in that folder, then::

    python bench/probe_status.py bench/judgements/probe_SITE.tsv out.json [--write NEW.tsv]

A judged finding is still reported when a finding of the same rule points at the same lines
(file name and line, both sides), or, failing that, one of its places ("reported (moved)");
each output finding matches one judged row at most. Prints
the counts by judgement before and after and the precision (real / judged) of each; with
``--write``, the judged rows with the column "after stop 27" (reported / gone).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections import Counter

_LOCATION = re.compile(r"([\w./@()+\-]+\.(?:mdx?|markdown|txt)):(\d+)")


def _where(text: str) -> frozenset[tuple[str, int]]:
    return frozenset((path.split("/")[-1], int(line)) for path, line in _LOCATION.findall(text))


def _location(row: dict[str, str]) -> str:
    """The row's location, whichever way the helper who judged it named the column(s)."""
    if row.get("location"):
        return row["location"]
    named = [v for k, v in row.items() if k and "location" in k and v]
    return " | ".join(named)


def _precision(counts: Counter[str]) -> str:
    n = sum(counts.values())
    if not n:
        return "-"
    return (f"{counts['real']} real, {counts['false']} false, {counts['debatable']} debatable "
            f"of {n}: {counts['real'] / n:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("judged")
    parser.add_argument("findings")
    parser.add_argument("--write")
    parser.add_argument("--column", default="after stop 27",
                        help="the status column to fill (default: after stop 27)")
    args = parser.parse_args()
    column = args.column
    data = json.load(open(args.findings, encoding="utf-8"))
    findings = data if isinstance(data, list) else data["findings"]
    left: Counter[tuple[str, frozenset[tuple[str, int]]]] = Counter()
    for f in findings:
        sides = [f.get(side) for side in ("source", "target")]
        left[(f["code"], frozenset((s["path"].split("/")[-1], s["line"]) for s in sides if s))] += 1
    rows = list(csv.DictReader(open(args.judged, encoding="utf-8"), delimiter="\t"))
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    unmatched = []
    for row in rows:
        key = (row["rule"], _where(_location(row)))
        judgement = row["judgement"].strip()
        before[judgement] += 1
        if left[key] > 0:
            left[key] -= 1
            row[column] = "reported"
            after[judgement] += 1
        else:
            row[column] = "gone"
            unmatched.append((row, key))
    # A finding of the same rule at one of the same places whose other place moved (N003
    # pointing at the line that lost the value instead of the block's first token) is the
    # same finding.
    for row, (rule, places) in unmatched:
        moved = next((k for k, n in left.items() if n > 0 and k[0] == rule and k[1] & places),
                     None)
        if moved is not None:
            left[moved] -= 1
            row[column] = "reported (moved)"
            after[row["judgement"].strip()] += 1
    print(f"judged: {_precision(before)}")
    print(f"still reported: {_precision(after)}")
    print(f"gone, by judgement: {dict(before - after)}")
    if args.write:
        fields = [k for k in rows[0] if k not in ("#", column)] + [column]
        with open(args.write, "w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=fields, delimiter="\t",
                                    extrasaction="ignore", lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)


if __name__ == "__main__":
    main()

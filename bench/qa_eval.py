"""Benchmark the check catalogue on real translations with injected errors.

Reads MAC-Dev (``../shared/data/mac-dev``: Chinese novels and their published English
translations, one sentence per line, gold alignment), writes each side as a Markdown document
with one gold line per paragraph, and

1. runs the checks on the clean documents with the gold alignment: findings on gold beads
   that are not empty on one side are false alarms, reported per 1,000 sentence pairs;
2. injects errors of each kind at random beads (seeded), one error per bead, runs the checks
   again and reports, per kind, the share of injected beads where the expected rule fires;
3. when the aligner has landed (``align.align_documents``), does both again through the full
   pipeline, to separate alignment errors from check errors;
4. gives the simplest baseline next to them: a length-ratio z-score, on the gold beads and on
   the aligner's pairs, at 20 false alarms per 1,000 clean pairs, with its recall per kind.

Usage: python bench/qa_eval.py [--data ../shared/data/mac-dev] [--per-kind 25] [--seed 7]
"""

from __future__ import annotations

import argparse
import ast
import math
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from align.alignment import Alignment, Bead, SentencePair  # noqa: E402
from align.numerals import compare_numbers, numbers_en, numbers_zh  # noqa: E402
from align.reader import parse_document  # noqa: E402
from align.signature import Signature
from qa.core.run import AlignedDocument, CheckContext  # noqa: E402
from qa.core.settings import Settings  # noqa: E402
from qa.pipeline import select_checks  # noqa: E402

RULES = ["A", "A007", "N", "M", "P"]  # A007 is opt-in: named to run


@dataclass
class Doc:
    name: str
    zh: list[str]
    en: list[str]
    gold: list[tuple[list[int], list[int]]]  # (zh lines, en lines)


def load(folder: Path) -> list[Doc]:
    docs = []
    for zh_path in sorted(folder.glob("*.zh")):
        stem = zh_path.stem
        zh = zh_path.read_text(encoding="utf-8").splitlines()
        en = (folder / f"{stem}.en").read_text(encoding="utf-8").splitlines()
        gold = []
        for line in (folder / f"{stem}.gold").read_text().splitlines():
            a, b = line.split(":")
            gold.append((list(ast.literal_eval(a)), list(ast.literal_eval(b))))
        docs.append(Doc(stem, zh, en, gold))
    return docs


#: Line starts that Markdown reads as markup: a list marker or an ATX heading followed by
#: white space, a quote or a table bar.
_MARKERS = re.compile(r"^(\s*)(?:(\d{1,9})([.)])(?=\s|$)|([-*+]|#{1,6})(?=\s|$)|([>|]))")


def escape_markers(line: str) -> str:
    r"""``line`` with a leading Markdown marker backslash-escaped the CommonMark way (``6\.
    text``, ``\- text``), so that it stays a paragraph; "6.片厂" has no marker and stays.

    >>> [escape_markers(x) for x in ("6. 片厂", "6.片厂", "- a", "-a", "> q", "#1 fan")]
    ['6\\. 片厂', '6.片厂', '\\- a', '-a', '\\> q', '#1 fan']
    """
    def escaped(m: re.Match[str]) -> str:
        if m.group(2):
            return f"{m.group(1)}{m.group(2)}\\{m.group(3)}"
        return f"{m.group(1)}\\{m.group(4) or m.group(5)}"

    return _MARKERS.sub(escaped, line, count=1)


def _escape(line: str) -> str:
    """Keep a novel's line a paragraph: no Markdown list, heading or table marker."""
    return escape_markers(line)


def build(doc: Doc, zh: list[str], en: list[str] | None = None) -> AlignedDocument:
    """Documents with one paragraph per gold line (``en``: the English lines, by default the
    document's own), aligned by the gold beads."""
    en_doc = parse_document("\n\n".join(_escape(x) for x in (en or doc.en)) + "\n",
                            f"en/{doc.name}.md", "en")
    zh_doc = parse_document("\n\n".join(_escape(x) for x in zh) + "\n", f"zh/{doc.name}.md", "zh")

    def by_line(d):
        out = defaultdict(list)
        for b in d.blocks:
            for s in b.sentences:
                out[(b.line - 1) // 2].append(s.index)
        return out

    en_of, zh_of = by_line(en_doc), by_line(zh_doc)
    beads = []
    for z, e in doc.gold:
        src = tuple(i for k in e for i in en_of[k])
        tgt = tuple(i for k in z for i in zh_of[k])
        if src or tgt:
            beads.append(Bead(src, tgt, 1.0))
    return AlignedDocument(doc.name, Alignment(en_doc, zh_doc, beads,
                                               signature=Signature.of(aligner="gold")))


def run_checks(docs: list[AlignedDocument]) -> list:
    checks = select_checks(Settings().with_cli(select=RULES))
    ctx = CheckContext(settings=Settings(), corpus=docs)
    return [f for c in checks for f in c.check_corpus(docs, ctx)]


def bead_of(doc: Doc) -> tuple[dict[int, int], dict[int, int]]:
    zh, en = {}, {}
    for k, (z, e) in enumerate(doc.gold):
        for i in z:
            zh[i] = k
        for j in e:
            en[j] = k
    return zh, en


def finding_beads(f, doc: Doc) -> set[int]:
    zh_b, en_b = bead_of(doc)
    out = set()
    for loc in (f.source, f.target):
        if loc is None:
            continue
        table = zh_b if loc.path.startswith("zh/") else en_b
        for line in range(loc.line, loc.end_line + 1):
            if (line - 1) % 2 == 0 and (line - 1) // 2 in table:
                out.add(table[(line - 1) // 2])
    return out


# ---------------------------------------------------------------------------------------------
# Injections: each takes (doc, bead index, zh lines, rng) and edits zh lines in place; it
# returns False when the bead does not suit it.

_ZH_DIGITS = "一二三四五六七八九"


def inj_omission(doc, k, zh, rng, en):
    z, e = doc.gold[k]
    if len(z) != 1 or len(e) != 1:
        return False
    zh[z[0]] = ""
    return True


def inj_clause(doc, k, zh, rng, en):
    z, e = doc.gold[k]
    if len(z) != 1 or len(e) != 1:
        return False
    parts = re.split(r"(?<=[，；])", zh[z[0]])
    if len(parts) < 3:
        return False
    keep = parts[: max(1, len(parts) // 3)]
    kept = "".join(keep).rstrip("，；") + "。"
    if len(kept) > 0.55 * len(zh[z[0]]):
        return False
    zh[z[0]] = kept
    return True


def inj_truncation(doc, k, zh, rng, en):
    z, e = doc.gold[k]
    if len(z) != 1 or len(e) != 1 or len(zh[z[0]]) < 16:
        return False
    line = zh[z[0]]
    cut = rng.randint(len(line) * 2 // 5, len(line) * 3 // 5)
    zh[z[0]] = line[:cut].rstrip("，。、；：！？“”‘’ ")
    return True


def inj_number(doc, k, zh, rng, en):
    z, e = doc.gold[k]
    if len(z) != 1 or len(e) != 1:
        return False
    line = zh[z[0]]
    en_nums = numbers_en(" ".join(doc.en[j] for j in e))
    zh_nums = [n for n in numbers_zh(line) if n.hard]
    result = compare_numbers(en_nums, zh_nums)
    if not zh_nums or result.missing or result.extra:
        return False
    n = zh_nums[0]
    span = line[n.start:n.end]
    m = re.search(r"\d", span)
    if m:
        new = span[: m.start()] + str((int(m.group(0)) + 1) % 10 or 2) + span[m.end():]
    else:
        m = re.search(f"[{_ZH_DIGITS}两]", span)
        if not m:
            return False
        old = "二" if m.group(0) == "两" else m.group(0)
        new = span[: m.start()] + rng.choice([d for d in _ZH_DIGITS if d != old and d != "一"]) \
            + span[m.end():]
    zh[z[0]] = line[:n.start] + new + line[n.end:]
    return True


def inj_source_cut(doc, k, zh, rng, en):
    """The English (source) sentence cut off midway: the translation is the complete side."""
    z, e = doc.gold[k]
    if len(z) != 1 or len(e) != 1 or len(en[e[0]].split()) < 8:
        return False
    words = en[e[0]].split()
    cut = rng.randint(len(words) * 2 // 5, len(words) * 3 // 5)
    en[e[0]] = " ".join(words[:cut]).rstrip(",.;:!?'\"")
    return True


def inj_drift(doc, k, zh, rng, en):
    z, e = doc.gold[k]
    if len(z) != 1 or len(e) != 1:
        return False
    far = [j for j in range(len(doc.zh)) if abs(j - z[0]) > 20 and
           0.7 < len(doc.zh[j]) / max(len(zh[z[0]]), 1) < 1.4]
    if not far:
        return False
    zh[z[0]] = doc.zh[rng.choice(far)]
    return True


def inj_addition(doc, k, zh, rng, en):
    z, e = doc.gold[k]
    if len(z) != 1 or len(e) != 1:
        return False
    extra = [j for j in range(len(doc.zh)) if abs(j - z[0]) > 20 and len(doc.zh[j]) >= 40]
    if not extra:
        return False
    zh[z[0]] = zh[z[0]] + doc.zh[rng.choice(extra)]
    return True


def inj_bold(doc, k, zh, rng, en):
    z, e = doc.gold[k]
    if len(z) != 1 or "*" in zh[z[0]] or len(zh[z[0]]) < 8:
        return False
    line = zh[z[0]]
    a = rng.randint(1, len(line) - 6)
    zh[z[0]] = line[:a] + "**" + line[a:a + 4] + "**" + line[a + 4:]
    return True


def inj_quote(doc, k, zh, rng, en):
    z, e = doc.gold[k]
    if len(z) != 1 or zh[z[0]].count("“") != 1 or zh[z[0]].count("”") != 1:
        return False
    zh[z[0]] = zh[z[0]].replace("“", "”")
    return True


def inj_token(doc, k, zh, rng, en):
    z, e = doc.gold[k]
    if len(z) != 1 or re.search("[A-Za-z]", zh[z[0]]):
        return False
    line = zh[z[0]]
    a = rng.randint(1, max(1, len(line) - 2))
    zh[z[0]] = line[:a] + rng.choice(["Harrison", "NASA", "Kowalski"]) + line[a:]
    return True


def inj_question(doc, k, zh, rng, en):
    z, e = doc.gold[k]
    if len(z) != 1 or len(e) != 1 or not zh[z[0]].rstrip("”’").endswith("？"):
        return False
    line = zh[z[0]]
    pos = line.rstrip("”’").rfind("？")
    zh[z[0]] = line[:pos] + "。" + line[pos + 1:]
    return True


def inj_halfwidth(doc, k, zh, rng, en):
    z, e = doc.gold[k]
    if len(z) != 1 or "，" not in zh[z[0]]:
        return False
    zh[z[0]] = zh[z[0]].replace("，", ",", 1)
    return True


KINDS = [  # (kind, rule that should fire, injector)
    ("omission (sentence dropped)", "A001", inj_omission),
    ("omission (clauses dropped)", "A001/A007", inj_clause),
    ("addition inside a pair", "A005/A002", inj_addition),
    ("truncation (sentence cut)", "A003", inj_truncation),
    ("drift (other sentence)", "A004", inj_drift),
    ("number changed", "N001", inj_number),
    ("Latin token added", "N002", inj_token),
    ("bold on one side", "M001", inj_bold),
    ("quote flipped", "P001", inj_quote),
    ("half-width comma", "P002", inj_halfwidth),
    ("question → statement", "P005", inj_question),
    # Last, so that adding it left every earlier kind's draw (and figures) as they were.
    ("truncation (source cut)", "A003", inj_source_cut),
]


def inject(docs: list[Doc], per_kind: int, seed: int):
    """Corrupted zh and en lines per document and the injected (doc, bead, kind, rule) list."""
    rng = random.Random(seed)
    zh = {d.name: list(d.zh) for d in docs}
    en = {d.name: list(d.en) for d in docs}
    used: set[tuple[str, int]] = set()
    injected = []
    candidates = [(d, k) for d in docs for k in range(len(d.gold)) if d.gold[k][0]
                  and d.gold[k][1]]
    for kind, rule, fn in KINDS:
        order = candidates[:]
        rng.shuffle(order)
        n = 0
        for d, k in order:
            if n >= per_kind:
                break
            # Keep a clean neighbour on each side, so one injection does not blur another.
            if any((d.name, k + dk) in used for dk in (-1, 0, 1)):
                continue
            if fn(d, k, zh[d.name], rng, en[d.name]):
                used.add((d.name, k))
                injected.append((d, k, kind, rule))
                n += 1
    return zh, en, injected


def evaluate(docs: list[Doc], aligned: list[AlignedDocument], injected, mode: str) -> None:
    findings = run_checks(aligned)
    by_doc = defaultdict(list)
    for f in findings:
        by_doc[f.document].append(f)
    hits = Counter()
    totals = Counter()
    for d, k, kind, rule in injected:
        totals[kind] += 1
        # "A005/A002": an added sentence the aligner leaves unpaired is an addition (A002).
        if any(f.code in rule.split("/") and k in finding_beads(f, d) for f in by_doc[d.name]):
            hits[kind] += 1
    print(f"\nRecall per injected kind ({mode}):")
    print(f"| {'kind':<28} | rule      | injected | found | recall |")
    print(f"|{'-' * 30}|-----------|----------|-------|--------|")
    for kind, rule, _ in KINDS:
        n = totals[kind]
        r = hits[kind] / n if n else float("nan")
        print(f"| {kind:<28} | {rule:<9} | {n:>8} | {hits[kind]:>5} | {r:>6.2f} |")


def false_alarms(docs: list[Doc], aligned: list[AlignedDocument], mode: str) -> None:
    findings = run_checks(aligned)
    pairs = sum(1 for d in docs for z, e in d.gold if z and e)
    by = Counter()
    null_hits = Counter()
    for f in findings:
        d = next(x for x in docs if x.name == f.document)
        beads = finding_beads(f, d)
        if beads and all(not (d.gold[b][0] and d.gold[b][1]) for b in beads):
            null_hits[f.code] += 1  # a gold 1-0 / 0-1 bead: a real omission or addition
        else:
            by[f.code] += 1
    print(f"\nFalse alarms on the clean documents ({mode}), {pairs} gold sentence pairs:")
    print("| rule | findings | per 1,000 pairs |")
    print("|------|----------|-----------------|")
    for code in sorted(set(by) | {"A001", "A002", "A003", "A004", "A005", "N001", "N002",
                                  "M001", "M002", "M003", "P001", "P002", "P003", "P004",
                                  "P005"}):
        print(f"| {code} | {by[code]:>8} | {1000 * by[code] / pairs:>15.1f} |")
    total = sum(by.values())
    print(f"| all  | {total:>8} | {1000 * total / pairs:>15.1f} |")
    if null_hits:
        print(f"(plus {sum(null_hits.values())} findings on gold beads empty on one side: "
              f"{dict(null_hits)})")


def log_ratio(a: str, b: str) -> float:
    """Log of ``a``'s UTF-8 bytes over ``b``'s, white space left out: the length baseline's
    measure (here and in bench/mqm_eval.py)."""
    def size(text: str) -> int:
        return len("".join(text.split()).encode("utf-8"))

    return math.log((size(a) + 1) / (size(b) + 1))


def mean_sd(x: list[float]) -> tuple[float, float]:
    """Mean and standard deviation (1.0 where there is no spread)."""
    mean = sum(x) / len(x)
    return mean, math.sqrt(sum((v - mean) ** 2 for v in x) / len(x)) or 1.0


def threshold_at(values: list[float], budget: float, per: int) -> float:
    """The |z| above which the baseline flags at most ``budget`` per 1,000 of ``per`` pairs,
    given the |z| ``values`` of the pairs it must not flag."""
    ranked = sorted(values, reverse=True)
    allowed = int(budget * per / 1000 + 1e-9)  # flagged negatives allowed
    return ranked[allowed] if allowed < len(ranked) else 0.0


def length_baseline(docs: list[Doc], zh: dict[str, list[str]], en: dict[str, list[str]],
                    injected,
                    budget: float = 20.0) -> None:
    """The simplest check there is, for comparison: a gold bead is flagged when the z-score of
    its length ratio (log bytes, against the clean beads of its document) lies beyond the
    threshold at which ``budget`` clean beads per 1,000 are flagged; its recall per injected
    kind. It is given the gold alignment, which the rules' pipeline figures are not."""
    clean_z: list[float] = []
    stats: dict[str, tuple[float, float]] = {}
    for d in docs:
        x = [log_ratio(" ".join(d.zh[i] for i in z), " ".join(d.en[j] for j in e))
             for z, e in d.gold if z and e]
        mean, sd = stats[d.name] = mean_sd(x)
        clean_z += [abs(v - mean) / sd for v in x]
    t = threshold_at(clean_z, budget, len(clean_z))
    hits, totals = Counter(), Counter()
    for d, k, kind, _ in injected:
        z, e = d.gold[k]
        mean, sd = stats[d.name]
        v = log_ratio(" ".join(zh[d.name][i] for i in z), " ".join(en[d.name][j] for j in e))
        totals[kind] += 1
        hits[kind] += abs(v - mean) / sd > t
    flagged = sum(1 for v in clean_z if v > t)
    _recall_table(f"gold beads; |z| > {t:.2f} flags {flagged} of {len(clean_z)} clean pairs, "
                  f"{1000 * flagged / len(clean_z):.1f} per 1,000", hits, totals)


def _recall_table(title: str, hits: Counter, totals: Counter) -> None:
    print(f"\nLength-ratio baseline ({title}):")
    print(f"| {'kind':<28} | recall |")
    print(f"|{'-' * 30}|--------|")
    for kind, _, _ in KINDS:
        if totals[kind]:
            print(f"| {kind:<28} | {hits[kind] / totals[kind]:>6.2f} |")


def length_baseline_pipeline(docs: list[Doc], clean: list[AlignedDocument],
                             damaged: list[AlignedDocument], injected,
                             budget: float = 20.0) -> None:
    """The length baseline on the aligner's pairs instead of the gold beads (a pair with one
    side empty has an extreme ratio, so it is flagged): flagged clean pairs per 1,000 gold
    pairs, as the rules' false alarms are counted, and the recall per injected kind (any pair
    that holds part of the injected line, or of the dropped sentence's source)."""
    def ratios(aligned: AlignedDocument) -> list[tuple[float, SentencePair]]:
        return [(log_ratio(p.target_text, p.source_text), p) for p in aligned.pairs]

    stats: dict[str, tuple[float, float]] = {}
    clean_z: list[float] = []
    for d, aligned in zip(docs, clean, strict=True):
        x = [v for v, _ in ratios(aligned)]
        mean, sd = stats[d.name] = mean_sd(x)
        clean_z += [abs(v - mean) / sd for v in x]
    gold_pairs = sum(1 for d in docs for z, e in d.gold if z and e)
    t = threshold_at(clean_z, budget, gold_pairs)
    flagged = sum(1 for v in clean_z if v > t)
    by_name = {a.name: a for a in damaged}
    hits, totals = Counter(), Counter()
    for d, k, kind, _ in injected:
        z, e = d.gold[k]
        aligned = by_name[d.name]
        side, line = ("source", e[0]) if "sentence dropped" in kind or "source" in kind \
            else ("target", z[0])
        document = getattr(aligned.alignment, side)
        pairs = [p for p in aligned.pairs if any(
            (document.blocks[s.block].line - 1) // 2 == line for s in getattr(p, side))]
        mean, sd = stats[d.name]
        totals[kind] += 1
        hits[kind] += any(abs(log_ratio(p.target_text, p.source_text) - mean) / sd > t
                          for p in pairs)
    _recall_table(f"the aligner's pairs; |z| > {t:.2f} flags {flagged} clean pairs, "
                  f"{1000 * flagged / gold_pairs:.1f} per 1,000 gold pairs", hits, totals)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared"
                                              / "data" / "mac-dev"))
    parser.add_argument("--per-kind", type=int, default=25)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    t0 = time.time()
    docs = load(Path(args.data))
    print(f"MAC-Dev: {len(docs)} documents, {sum(len(d.zh) for d in docs)} zh / "
          f"{sum(len(d.en) for d in docs)} en lines; seed {args.seed}, "
          f"{args.per_kind} injections per kind")
    false_alarms(docs, [build(d, d.zh) for d in docs], "gold alignment")
    zh, en, injected = inject(docs, args.per_kind, args.seed)
    evaluate(docs, [build(d, zh[d.name], en[d.name]) for d in docs], injected,
             "gold alignment")
    length_baseline(docs, zh, en, injected)
    from qa.pipeline import document_aligner

    aligner = document_aligner()

    def realign(d: Doc, lines: list[str], en_lines: list[str] | None = None) -> AlignedDocument:
        g = build(d, lines, en_lines)
        return AlignedDocument(d.name, aligner(g.alignment.source, g.alignment.target))

    clean = [realign(d, d.zh) for d in docs]
    damaged = [realign(d, zh[d.name], en[d.name]) for d in docs]
    false_alarms(docs, clean, "full pipeline, aligner")
    evaluate(docs, damaged, injected, "full pipeline, aligner")
    length_baseline_pipeline(docs, clean, damaged, injected)
    print(f"\n{time.time() - t0:.1f} s")


if __name__ == "__main__":
    main()

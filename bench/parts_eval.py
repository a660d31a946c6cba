"""What checking a long pair in parts changes: each docs site's page pairs concatenated into
one long pair, checked whole and in parts, and the findings one run has and the other lacks
— in all, and within 3 lines of a cut (where a wrong cut would show).

Usage (from the repository root)::

    python bench/parts_eval.py                         # parts of 300,000 characters
    python bench/parts_eval.py --part-chars 30000      # many more cuts

``../shared/data/docs/seatunnel`` is en → zh (``en/`` and ``zh/``), ``rocketmq-site`` zh → en
(``versioned_docs/`` and ``i18n/en/…``); the pages are joined in path order, each followed
by a blank line. Any pair over 10,000 characters may be cut here (``SPLIT_CHARS``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(HERE))

import align.parts  # noqa: E402
from qa import pipeline  # noqa: E402
from qa.core.finding import Finding  # noqa: E402
from qa.core.settings import Settings  # noqa: E402

#: (site, source language, where a source page's translation is: old → new path piece)
SITES = (("seatunnel", "en", "/en/", "/zh/"),
         ("rocketmq-site", "zh", "/versioned_docs/", "/i18n/en/docusaurus-plugin-content-docs/"))
NEAR = 3


def _pages(root: Path, old: str, new: str) -> list[tuple[Path, Path]]:
    out = []
    for source in sorted(root.rglob("*")):
        if source.suffix in (".md", ".mdx") and old in str(source):
            target = Path(str(source).replace(old, new, 1))
            if target.is_file():
                out.append((source, target))
    return out


def _key(f: Finding) -> tuple:
    return (f.code, f.message, f.source and (f.source.line, f.source.column),
            f.target and (f.target.line, f.target.column))


def measure(data: Path, part_chars: int) -> None:
    for site, source_lang, old, new in SITES:
        target_lang = "zh" if source_lang == "en" else "en"
        pages = _pages(data / site, old, new)
        source = "".join(a.read_text(encoding="utf-8").rstrip("\n") + "\n\n" for a, _ in pages)
        target = "".join(b.read_text(encoding="utf-8").rstrip("\n") + "\n\n" for _, b in pages)
        settings = Settings(source_lang=source_lang, target_lang=target_lang)
        with tempfile.TemporaryDirectory(prefix="bitext-parts-") as tmp:
            for lang, text in ((source_lang, source), (target_lang, target)):
                (Path(tmp) / lang).mkdir()
                (Path(tmp) / lang / "site.md").write_text(text, encoding="utf-8")
            align.parts.SPLIT_CHARS = 10**12
            whole = pipeline.check_paths([tmp], settings=settings, keep_documents=False)
            align.parts.SPLIT_CHARS, align.parts.PART_CHARS = 10_000, part_chars
            plan = align.parts.plan_parts(source, target, source_lang, target_lang, "site.md")
            split = pipeline.check_paths([tmp], settings=settings, keep_documents=False)
        cuts = [(p.source_line_base, p.target_line_base) for p in plan[1:]]

        def near(f: Finding, cuts: list[tuple[int, int]] = cuts) -> bool:
            return any((f.source is not None and abs(f.source.line - a) <= NEAR) or
                       (f.target is not None and abs(f.target.line - b) <= NEAR)
                       for a, b in cuts)

        mine, theirs = Counter(map(_key, split.findings)), Counter(map(_key, whole.findings))
        by_key = {_key(f): f for f in (*split.findings, *whole.findings)}
        added = [by_key[k] for k in (mine - theirs).elements()]
        lost = [by_key[k] for k in (theirs - mine).elements()]
        print(f"{site} ({source_lang} → {target_lang}): {len(pages)} page pairs, "
              f"{len(source) + len(target):,} characters, {len(plan) or 1} part(s); "
              f"findings whole {len(whole.findings)}, in parts {len(split.findings)}")
        print(f"  only in parts: {len(added)} ({sum(map(near, added))} within {NEAR} lines of a "
              f"cut) {dict(Counter(f.code for f in added))}")
        print(f"  only whole:    {len(lost)} ({sum(map(near, lost))} within {NEAR} lines of a "
              f"cut) {dict(Counter(f.code for f in lost))}")
        for sign, found in (("+", added), ("-", lost)):
            for f in found:
                if near(f):
                    where = f.target or f.source
                    print(f"    {sign} near a cut: {f.code} {f.message[:80]} (line {where.line})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(HERE.parent / "shared" / "data" / "docs"))
    parser.add_argument("--part-chars", type=int, default=align.parts.PART_CHARS)
    args = parser.parse_args(argv)
    measure(Path(args.data), args.part_chars)
    return 0


if __name__ == "__main__":
    sys.exit(main())

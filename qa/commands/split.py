"""``bitext split``: a bilingual file → ``corpus/zh/NAME.md`` and ``corpus/en/NAME.md``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from align.errors import InputError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "split",
        help="split a bilingual file (translation, divider, original) into a corpus pair",
        description="Split a file holding a translation, a divider line that names the other "
        "language (e.g. 'English Original 英文原文'), then the original, into "
        "OUT/zh/NAME.md and OUT/en/NAME.md. Nothing is lost: the two parts and the divider "
        "line give back the input byte for byte.",
        epilog="example:\n  bitext split seed.txt --out corpus --name ketamine",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", help="the bilingual file")
    p.add_argument("--out", default="corpus", help="corpus folder to write into (default: corpus)")
    p.add_argument("--name", help="document name (default: the file's name without suffix)")
    p.add_argument("--divider", help="the exact divider line, when detection fails")
    p.add_argument("--encoding", help="the file's encoding, when it is not UTF-8")
    p.add_argument("--force", action="store_true", help="overwrite existing corpus files")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from align.split import split_bilingual
    from align.textio import read_text, write_atomic

    decoded = read_text(args.file, args.encoding)
    if decoded.notice:
        print(f"bitext: note: {decoded.notice}", file=sys.stderr)
    parts = split_bilingual(decoded.text, args.file, args.divider)
    name = args.name or Path(args.file).stem
    if not name.endswith((".md", ".markdown", ".txt")):
        name += ".md"
    targets = {lang: Path(args.out) / lang / name for lang in ("zh", "en")}
    # Write with the input's own encoding (a BOM only where the input had it: the first part).
    first_enc = decoded.encoding
    second_enc = "utf-8" if decoded.encoding == "utf-8-sig" else decoded.encoding
    data = {
        parts.first_lang: parts.first.encode(first_enc),
        parts.second_lang: parts.second.encode(second_enc),
    }
    for lang, path in targets.items():
        if path.exists() and path.read_bytes() != data[lang] and not args.force:
            raise InputError(str(path), "exists with other content (pass --force to overwrite)")
    for lang, path in targets.items():
        write_atomic(path, data[lang])
        print(f"{path}: {lang}, {len(data[lang])} bytes")
    print(f"divider: {parts.divider.strip()!r}" if parts.divider else "divider: (script switch)")
    return 0

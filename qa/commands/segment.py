"""``bitext segment``: show a document's blocks and sentences with their positions."""

from __future__ import annotations

import argparse
import json
import sys


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "segment",
        help="print a document's blocks and sentences with line:column positions",
        description="Parse a document into blocks (headings, paragraphs, list items, table "
        "rows, …) and sentences, and print each with its position.",
        epilog="examples:\n  bitext segment corpus/zh/ketamine.md\n"
        "  bitext segment corpus/en/ketamine.md --format json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file")
    p.add_argument("--lang", choices=("zh", "en"),
                   help="language (default: from a zh/ or en/ folder in the path, else guessed)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--encoding", help="the file's encoding, when it is not UTF-8")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from align.language import guess_language, language_from_path
    from align.reader import parse_document
    from align.textio import read_text

    decoded = read_text(args.file, args.encoding)
    if decoded.notice:
        print(f"bitext: note: {decoded.notice}", file=sys.stderr)
    lang = args.lang or language_from_path(args.file) or guess_language(decoded.text)
    doc = parse_document(decoded.text, args.file, lang, decoded.encoding)
    if args.format == "json":
        out = {"path": doc.path, "lang": doc.lang, "encoding": doc.encoding, "blocks": [
            {"kind": str(b.kind), "index": b.index, "line": b.line, "column": b.column,
             "end_line": b.end_line, "end_column": b.end_column, "start": b.start, "end": b.end,
             "level": b.level, "marker": b.marker, "text": b.text,
             "spans": [{"kind": sp.kind, "start": sp.start, "end": sp.end,
                        "target": sp.target} for sp in b.spans],
             "cells": [c.text for c in b.cells],
             "sentences": [{"index": s.index, "line": s.line, "column": s.column,
                            "end_line": s.end_line, "end_column": s.end_column,
                            "start": s.start, "end": s.end, "raw": s.raw, "text": s.text}
                           for s in b.sentences]}
            for b in doc.blocks]}
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for b in doc.blocks:
        if b.kind == "blank":
            continue
        extra = f" level={b.level}" if b.kind in ("heading", "list_item") else ""
        print(f"{doc.path}:{b.line}:{b.column}: {b.kind}{extra}")
        for s in b.sentences:
            print(f"  {s.line}:{s.column}-{s.end_line}:{s.end_column} [{s.index}] {s.text}")
    n = len(doc.sentences)
    print(f"{len(doc.blocks)} blocks, {n} sentences ({doc.lang}, {doc.encoding})",
          file=sys.stderr)
    return 0

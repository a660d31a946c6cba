"""``bitext align``: align a corpus (or two presplit files) sentence by sentence."""

from __future__ import annotations

import argparse
import importlib
import sys
from dataclasses import replace
from typing import TYPE_CHECKING

from align.defaults import ALL_SCORES, DEFAULT_CACHE_DIR, DEFAULT_SCORES
from align.errors import InputError
from align.formats import FORMATS, rows_from_alignment, rows_from_beads
from align.formats.rows import AlignedRow

if TYPE_CHECKING:
    from align.aligner import AlignerConfig

EPILOG = """examples:
  bitext align corpus --format tmx > corpus.tmx
  bitext align corpus/en/ketamine.md --format tsv
  bitext align --presplit 001.zh 001.en --format beads   # [zh lines]:[en lines], like NNN.gold
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "align", help="align documents sentence by sentence (TMX, TSV, JSONL, beads)",
        description="Align each document pair of a corpus (corpus/en/NAME.md ↔ "
        "corpus/zh/NAME.md): blocks first, then sentences inside them. With --presplit, "
        "align two files of one sentence per line.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="corpus folders or documents; with --presplit exactly two files")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="output format (default: tsv; beads with --presplit)")
    p.add_argument("--presplit", action="store_true",
                   help="the two files hold one sentence per line; indices are 0-based lines")
    p.add_argument("--source-lang", choices=("zh", "en"),
                   help="language of the source side (corpus default: en; presplit: guessed)")
    p.add_argument("--target-lang", choices=("zh", "en"),
                   help="language of the target side (corpus default: zh; presplit: guessed)")
    p.add_argument("--scores", default=",".join(DEFAULT_SCORES),
                   help=f"comma-separated evidence to use, from {','.join(ALL_SCORES)} "
                   "(default: %(default)s)")
    p.add_argument("--cache-dir", default=DEFAULT_CACHE_DIR,
                   help="embedding cache folder (default: %(default)s)")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    p.add_argument("--settle", type=_posterior, metavar="P",
                   help="with --presplit: align with length, anchors and the dictionary "
                   "first and embed only the sentences of beads they leave under posterior P "
                   "(0.99 embeds about 70%% of the sentences of MAC-Dev and the Bible at the "
                   "same accuracy there); faster with an empty cache, slower with a warm one")
    p.add_argument("--glossary", help="glossary whose terms anchor the alignment (default: the "
                   "config's, else glossary.tsv in the corpus folder)")
    p.add_argument("--no-glossary", action="store_true", help="do not use a glossary")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    from qa.commands.options import add_jobs

    add_jobs(p)
    p.set_defaults(func=run)


def _config(args: argparse.Namespace) -> AlignerConfig:
    from align.aligner import AlignerConfig

    scores = tuple(s.strip() for s in args.scores.split(",") if s.strip())
    unknown = [s for s in scores if s not in ALL_SCORES]
    if unknown:
        raise InputError(None, f"unknown score {unknown[0]!r}; choose from {', '.join(ALL_SCORES)}")
    return replace(AlignerConfig(), scores=scores,
                   cache_dir=None if args.no_cache else args.cache_dir, settle=args.settle)


def _posterior(text: str) -> float:
    """A posterior threshold strictly between 0 and 1 (argparse type)."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 < value < 1.0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number between 0 and 1")
    return value


def _read_lines(path: str) -> list[str]:
    from align.textio import read_text

    try:
        text = read_text(path).text
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from exc
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise InputError(path, "no sentences (empty file)")
    return lines


def _presplit(args: argparse.Namespace, config: AlignerConfig) -> tuple[list[AlignedRow], str]:
    if len(args.paths) != 2:
        raise InputError(None, f"--presplit takes exactly two files, got {len(args.paths)}")
    a, b = args.paths
    source, target = _read_lines(a), _read_lines(b)
    from align.aligner import align_sentences_with_signature

    beads, sig, _ = align_sentences_with_signature(
        source, target, source_lang=args.source_lang, target_lang=args.target_lang,
        config=config)
    from align.aligner import resolve_languages

    sl, tl = resolve_languages(source, target, args.source_lang, args.target_lang)
    return rows_from_beads(f"{a}|{b}", beads, source, target, sl, tl), str(sig)


def _corpus(args: argparse.Namespace, config: AlignerConfig) -> tuple[list[AlignedRow], str]:
    from qa.commands.options import aligner_of
    from qa.core.settings import load_settings
    from qa.pipeline import (
        align_corpus,
        default_jobs,
        document_aligner,
        find_glossary,
        load_glossary,
        scan_paths,
    )

    settings = load_settings().with_cli(glossary=args.glossary)
    settings = replace(settings, source_lang=args.source_lang or settings.source_lang,
                       target_lang=args.target_lang or settings.target_lang)
    corpus = scan_paths(args.paths, settings)
    for note in corpus.notes:
        print(f"bitext: warning: {note}", file=sys.stderr)
    for u in corpus.unpaired:  # nothing to align with; say so instead of skipping silently
        print(f"bitext: warning: {u.path}: no counterpart (expected {u.expected})",
              file=sys.stderr)
    pairs = corpus.pairs
    glossary = None if args.no_glossary else load_glossary(find_glossary(args.paths, settings))
    aligner = aligner_of(args) or document_aligner(config, reuse=True)
    rows: list[AlignedRow] = []
    sig = ""
    for doc in align_corpus(pairs, aligner, glossary, jobs=args.jobs or default_jobs(),
                            scheduler=args.scheduler):
        rows += rows_from_alignment(doc.name, doc.alignment)
        sig = str(doc.alignment.signature)
    return rows, sig


def run(args: argparse.Namespace) -> int:
    config = _config(args)
    rows, sig = _presplit(args, config) if args.presplit else _corpus(args, config)
    fmt = args.format or ("beads" if args.presplit else "tsv")
    writer = importlib.import_module(f"align.formats.{fmt}")
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    try:
        if fmt == "tmx":
            from align.version import __version__

            writer.write(rows, out, tool_version=__version__)
        else:
            writer.write(rows, out)
    finally:
        if args.output:
            out.close()
    print(f"bitext: aligned {len(rows)} beads ({sig})", file=sys.stderr)
    return 0

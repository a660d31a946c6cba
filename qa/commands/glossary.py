"""``bitext glossary``: check terminology and maintain the glossary.

Subcommands: ``check`` (the T-rules only), ``lint``, ``stats``, ``extract``, ``add``,
``import`` and ``export``. Only ``add`` ever changes a glossary file, atomically.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from align.errors import InputError
from align.textio import read_bytes
from qa.glossary.model import Entry, Glossary, Status

DEFAULT_GLOSSARY = "corpus/glossary.tsv"

EPILOG = """examples:
  bitext glossary check corpus                  # T001-T005 over the corpus
  bitext glossary lint                          # corpus/glossary.tsv against corpus/
  bitext glossary stats corpus --format markdown
  bitext glossary extract corpus >> candidates.tsv
  bitext glossary add "NMDA receptor" NMDA受体
  bitext glossary export --to tbx -o glossary.tbx
  bitext glossary import terms.tbx -o imported.tsv
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("glossary", help="check terminology and maintain the glossary",
                       description=__doc__.splitlines()[0], epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    cmds = p.add_subparsers(dest="glossary_command", metavar="SUBCOMMAND")

    def glossary_option(q: argparse.ArgumentParser) -> None:
        q.add_argument("--glossary", metavar="FILE",
                       help="glossary file (default: glossary.tsv next to the corpus folders, "
                            f"else {DEFAULT_GLOSSARY})")

    q = cmds.add_parser("check", help="run the terminology rules (T001-T005) only")
    q.add_argument("paths", nargs="*", default=["corpus"], metavar="PATH")
    glossary_option(q)
    q.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    q.set_defaults(func=run_check)

    q = cmds.add_parser("lint", help="find problems in the glossary (and against the corpus)")
    q.add_argument("paths", nargs="*", metavar="PATH",
                   help="corpus folders or documents (default: the glossary's folder)")
    glossary_option(q)
    q.set_defaults(func=run_lint)

    q = cmds.add_parser("stats", help="per term: occurrences, consistency, renderings seen")
    q.add_argument("paths", nargs="*", default=["corpus"], metavar="PATH")
    glossary_option(q)
    q.add_argument("--format", choices=("text", "csv", "markdown"), default="text")
    q.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    q.set_defaults(func=run_stats)

    q = cmds.add_parser("extract", help="mine candidate term pairs from the corpus")
    q.add_argument("paths", nargs="*", default=["corpus"], metavar="PATH")
    glossary_option(q)
    q.add_argument("--score", choices=("dice", "llr"), default="dice",
                   help="association score for co-occurrence (default dice)")
    q.add_argument("--min-count", type=int, default=2, help="pairs an item must occur in")
    q.add_argument("--min-score", type=float, help="default 0.5 (dice) or 3.84 (llr)")
    q.add_argument("--limit", type=int, default=50, help="at most this many rows (0: all)")
    q.set_defaults(func=run_extract)

    q = cmds.add_parser("add", help="append one entry to the glossary (atomic)")
    q.add_argument("en")
    q.add_argument("zh", nargs="?", default="", help="may be empty for --status keep")
    q.add_argument("--status", choices=[s.value for s in Status], default="approved")
    q.add_argument("--variants", default="", help="other forms, |-separated")
    q.add_argument("--case", choices=("sensitive", "insensitive"), default="insensitive")
    q.add_argument("--note", default="")
    q.add_argument("--domain", default="")
    glossary_option(q)
    q.set_defaults(func=run_add)

    q = cmds.add_parser("export", help="write the glossary as TBX-Basic, CSV or TSV")
    glossary_option(q)
    q.add_argument("--to", choices=("tbx", "csv", "tsv"), default="tbx")
    q.add_argument("-o", "--output", metavar="FILE", help="a new file (default stdout)")
    q.set_defaults(func=run_export)

    q = cmds.add_parser("import", help="convert a TBX or CSV glossary to glossary TSV")
    q.add_argument("file")
    q.add_argument("--from", dest="source_format", choices=("tbx", "csv"),
                   help="default: from the file extension")
    q.add_argument("-o", "--output", metavar="FILE", help="a new file (default stdout)")
    q.set_defaults(func=run_import)

    p.set_defaults(func=lambda args: _usage(p))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def glossary_path(args: argparse.Namespace, paths: list[str] | None = None) -> str:
    """``--glossary``, else the pipeline's lookup next to the corpus, else the default."""
    if args.glossary:
        return args.glossary
    if paths:
        from qa.core.settings import load_settings
        from qa.pipeline import find_glossary

        found = find_glossary(paths, load_settings().with_cli(glossary=args.glossary))
        if found:
            return found
    return DEFAULT_GLOSSARY


def _load(path: str) -> Glossary:
    from qa.glossary.tsv import load_glossary

    return load_glossary(path)


def _emit(text: str, output: str | None) -> None:
    """Print, or write a new file (never overwrite: only ``add`` changes files in place)."""
    if not output:
        sys.stdout.write(text)
        return
    try:
        with open(output, "x", encoding="utf-8", newline="") as fh:
            fh.write(text)
    except FileExistsError:
        raise InputError(output, "already exists (choose a new file)") from None


def run_check(args: argparse.Namespace) -> int:
    from qa.commands.options import aligner_of, report_problems
    from qa.core.settings import load_settings
    from qa.pipeline import check_paths

    settings = load_settings().with_cli(select=["T"], glossary=args.glossary)
    run = check_paths(args.paths, settings=settings, aligner=aligner_of(args))
    for f in run.findings:
        loc = f.primary
        print(f"{f.where}: {f.code} [{f.severity}] {f.message}")
        other = f.source if loc is f.target else f.target
        if other is not None and loc is not None:
            side = "source" if other is f.source else "target"
            print(f"  {side}: {other.ref}")
        if f.suggestion:
            print(f"  suggestion: {f.suggestion}")
    n = len(run.findings)
    print(f"{n} finding{'s' if n != 1 else ''} ({run.signature_line})", file=sys.stderr)
    if report_problems(run):
        return 2
    return 1 if n and not args.exit_zero else 0


def run_lint(args: argparse.Namespace) -> int:
    from qa.glossary.lint import lint_corpus, lint_text
    from qa.glossary.tsv import decode

    path = glossary_path(args, args.paths)
    glossary, issues = lint_text(decode(read_bytes(path), path), path)
    corpus = args.paths or [str(Path(path).parent)]
    en_texts, zh_texts = _corpus_texts(corpus)
    if en_texts or zh_texts:
        issues += lint_corpus(glossary, en_texts, zh_texts)
    issues.sort(key=lambda i: (i.line, i.column, i.kind))
    for i in issues:
        print(f"{path}:{i.line}:{i.column}: {i.kind}: {i.message}")
    print(f"{len(issues)} problem{'s' if len(issues) != 1 else ''} in {len(glossary)} entries",
          file=sys.stderr)
    return 1 if issues else 0


def _corpus_texts(paths: list[str]) -> tuple[list[str], list[str]]:
    """Sentence texts of each side of the corpus (none if the paths hold no corpus)."""
    from align.reader import load_document
    from qa.core.settings import load_settings
    from qa.pipeline import document_pairs

    try:
        pairs = document_pairs(paths, load_settings())
    except InputError:
        return [], []
    en, zh = [], []
    for pair in pairs:
        en += [s.text for s in load_document(pair.source_path, pair.source_lang).sentences]
        zh += [s.text for s in load_document(pair.target_path, pair.target_lang).sentences]
    return en, zh


def _aligned(args: argparse.Namespace):
    """The aligned corpus of ``args.paths`` with its glossary (a run of no rules)."""
    from qa.commands.options import aligner_of
    from qa.core.settings import load_settings
    from qa.pipeline import check_paths

    settings = load_settings().with_cli(select=[], glossary=args.glossary)
    run = check_paths(args.paths, settings=settings, aligner=aligner_of(args))
    if run.problems:  # a glossary statistic or candidate list must not be silently partial
        raise InputError(None, str(run.problems[0]))
    return run


def run_stats(args: argparse.Namespace) -> int:
    from qa.glossary.stats import term_stats, to_markdown

    run = _aligned(args)
    if run.glossary is None:
        raise InputError(args.glossary, "no glossary found (give --glossary FILE)")
    frame = term_stats(run.documents, run.glossary)
    if args.format == "csv":
        text = frame.to_csv(index=False)
    elif args.format == "markdown":
        text = to_markdown(frame)
    else:
        import pandas as pd

        with pd.option_context("display.max_rows", None, "display.max_columns", None,
                               "display.width", 200, "display.max_colwidth", 60):
            text = frame.to_string(index=False) + "\n"
    _emit(text, args.output)
    return 0


def run_extract(args: argparse.Namespace) -> int:
    from qa.glossary.extract import extract
    from qa.glossary.matching import ChineseMatcher

    run = _aligned(args)
    glossary = run.glossary
    matcher = glossary.target_matcher if glossary else ChineseMatcher([])
    pairs = [(p.source_text, p.target_text) for d in run.documents for p in d.pairs]
    found = extract(pairs, glossary, matcher.tokenize, args.score, args.min_count,
                    args.min_score, args.limit or None)
    for c in found:
        print(c.row())
    print(f"{len(found)} candidate{'s' if len(found) != 1 else ''}", file=sys.stderr)
    return 0


def run_add(args: argparse.Namespace) -> int:
    from qa.glossary.edit import add_entry
    from qa.glossary.tsv import _parse_row, format_row

    entry = Entry(args.en.strip(), args.zh.strip(), Status(args.status),
                  tuple(v.strip() for v in args.variants.split("|")) if args.variants else (),
                  args.case == "sensitive", args.note.strip(), args.domain.strip())
    try:
        row = format_row(entry)
    except ValueError as exc:
        raise InputError(None, str(exc)) from None
    _, problem = _parse_row(row, 0)
    if problem:
        raise InputError(None, f"not a valid entry: {problem.message}")
    path = args.glossary or DEFAULT_GLOSSARY
    line = add_entry(path, entry)
    print(f"{path}:{line}: added {row!r}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    glossary = _load(glossary_path(args))
    if args.to == "tbx":
        from qa.glossary.tbx import export_tbx

        text = export_tbx(glossary)
    elif args.to == "csv":
        from qa.glossary.csvfile import export_csv

        text = export_csv(glossary)
    else:
        from qa.glossary.tsv import dump_tsv

        text = dump_tsv(glossary)
    _emit(text, args.output)
    return 0


def run_import(args: argparse.Namespace) -> int:
    from qa.glossary.tsv import dump_tsv

    kind = args.source_format or Path(args.file).suffix.lower().lstrip(".")
    if kind == "tbx":
        from qa.glossary.tbx import load_tbx

        glossary = load_tbx(args.file)
    elif kind == "csv":
        from qa.glossary.csvfile import load_csv

        glossary = load_csv(args.file)
    else:
        raise InputError(args.file, "unknown format (use --from tbx or --from csv)")
    _emit(dump_tsv(glossary), args.output)
    return 0

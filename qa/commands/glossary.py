"""``bitext glossary``: check terminology and maintain the glossary.

Subcommands: ``check`` (the T-rules only), ``lint``, ``stats``, ``extract``, ``review``,
``add``, ``import`` and ``export``. Only ``add``, ``import --into``, ``extract --write``
and ``review`` change a glossary file: under its lock, atomically (:mod:`qa.glossary.edit`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from align.errors import InputError
from align.textio import read_bytes
from qa.formats import FORMATS
from qa.glossary.edit import DEFAULT_LOCK_TIMEOUT
from qa.glossary.model import Entry, Glossary, Status

DEFAULT_GLOSSARY = "corpus/glossary.tsv"

EPILOG = """examples:
  bitext glossary check corpus                  # T001-T005 over the corpus
  bitext glossary lint                          # corpus/glossary.tsv against corpus/
  bitext glossary stats corpus --format markdown
  bitext glossary extract corpus --write       # candidates as proposed rows
  bitext glossary review corpus                 # accept or reject them, one by one
  bitext glossary review --accept dopamine --reject "side effect"
  bitext glossary add "NMDA receptor" NMDA受体
  bitext glossary export --to tbx -o glossary.tbx
  bitext glossary import terms.tbx -o imported.tsv
  bitext glossary import terms.csv --into corpus/glossary.tsv
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

    def lock_option(q: argparse.ArgumentParser) -> None:
        q.add_argument("--lock-timeout", type=float, default=DEFAULT_LOCK_TIMEOUT,
                       metavar="SECONDS", help="how long to wait for another writer of the "
                       f"glossary (default {DEFAULT_LOCK_TIMEOUT:g})")

    q = cmds.add_parser("check", help="run the terminology rules (T001-T005) only")
    q.add_argument("paths", nargs="*", default=["corpus"], metavar="PATH")
    glossary_option(q)
    q.add_argument("--format", choices=tuple(FORMATS), default="text",
                   help="output format, as for bitext check (default: text)")
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
    q.add_argument("--write", action="store_true",
                   help="append the candidates to the glossary as proposed rows (for review)")
    lock_option(q)
    q.set_defaults(func=run_extract)

    q = cmds.add_parser("review", help="accept or reject proposed entries, with contexts")
    q.add_argument("paths", nargs="*", metavar="PATH",
                   help="corpus for the contexts (default: the glossary's folder)")
    glossary_option(q)
    q.add_argument("--accept", action="append", default=[], metavar="TERM",
                   help="approve this proposal (EN, ZH or EN=ZH; repeatable); no prompts")
    q.add_argument("--reject", action="append", default=[], metavar="TERM",
                   help="mark this proposal rejected (repeatable); no prompts")
    lock_option(q)
    q.set_defaults(func=run_review)

    q = cmds.add_parser("add", help="append one entry to the glossary (atomic)")
    q.add_argument("en")
    q.add_argument("zh", nargs="?", default="", help="may be empty for --status keep")
    q.add_argument("--status", choices=[s.value for s in Status], default="approved")
    q.add_argument("--variants", default="", help="other forms, |-separated")
    q.add_argument("--case", choices=("sensitive", "insensitive"), default="insensitive")
    q.add_argument("--note", default="")
    q.add_argument("--domain", default="")
    glossary_option(q)
    lock_option(q)
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
    out = q.add_mutually_exclusive_group()
    out.add_argument("-o", "--output", metavar="FILE", help="a new file (default stdout)")
    out.add_argument("--into", metavar="GLOSSARY",
                     help="append the entries to this glossary (created if missing); "
                          "rows it already has are skipped")
    lock_option(q)
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
    """The T-rules through the shared output formats; exit codes as ``bitext check``."""
    from qa.commands.options import aligner_of, report_problems
    from qa.core.settings import load_settings
    from qa.pipeline import check_paths

    settings = load_settings().with_cli(select=["T"], glossary=args.glossary)
    run = check_paths(args.paths, settings=settings, aligner=aligner_of(args))
    FORMATS[args.format](run, sys.stdout)
    if report_problems(run):
        return 2
    if args.exit_zero:
        return 0
    return int(any(f.severity.rank >= settings.fail_on.rank for f in run.findings))


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
    """Print the candidates as ``proposed`` rows; ``--write`` appends them to the glossary."""
    from qa.glossary.extract import extract
    from qa.glossary.matching import ChineseMatcher

    run = _aligned(args)
    glossary = run.glossary
    matcher = glossary.target_matcher if glossary else ChineseMatcher([])
    pairs = [(p.source_text, p.target_text) for d in run.documents for p in d.pairs]
    found = extract(pairs, glossary, matcher.tokenize, args.score, args.min_count,
                    args.min_score, args.limit or None)
    if args.write:
        path = run.glossary_path or args.glossary or DEFAULT_GLOSSARY
        _append(path, [c.entry() for c in found], args.lock_timeout, "proposed")
        return 0
    for c in found:
        print(c.row())
    print(f"{len(found)} candidate{'s' if len(found) != 1 else ''}", file=sys.stderr)
    return 0


def _append(path: str, entries: list[Entry], timeout: float, what: str) -> None:
    """Append entries under the lock (skipping rows the glossary has) and say what happened."""
    from qa.glossary.edit import append_entries

    done = append_entries(path, entries, skip_duplicates=True, timeout=timeout)
    if done.new_columns:
        print(f"bitext: {path}: added column(s) {', '.join(done.new_columns)} to the header",
              file=sys.stderr)
    n, k = len(done.lines), len(done.skipped)
    where = f" (lines {done.lines[0]}-{done.lines[-1]})" if n else ""
    print(f"{path}: {n} {what} entr{'y' if n == 1 else 'ies'} added{where}, {k} already there")


def run_review(args: argparse.Namespace) -> int:
    """Accept or reject proposed entries: from ``--accept``/``--reject``, else by asking."""
    from qa.glossary.edit import set_statuses
    from qa.glossary.review import decide, find_contexts, interactive

    path = glossary_path(args, args.paths)
    proposals = _load(path).proposals
    if args.accept or args.reject:
        decisions = decide(proposals, args.accept, args.reject)
    elif not proposals:
        print(f"{path}: no proposed entries to review", file=sys.stderr)
        return 0
    else:
        pairs = _context_pairs(args.paths or [str(Path(path).parent)], path)
        decisions = interactive(proposals, find_contexts(proposals, pairs), sys.stdin,
                                sys.stdout)
    changed = set_statuses(path, decisions, args.lock_timeout) if decisions else []
    for e in changed:
        print(f"{path}:{e.line}: {decisions[e.key, e.zh].value} {e.en!r} → {e.zh!r}")
    left = len(proposals) - len(changed)
    print(f"{len(changed)} decided, {left} still proposed", file=sys.stderr)
    return 0


def _context_pairs(paths: list[str], glossary: str) -> list:
    """The aligned pairs of the corpus (none, with a warning, if it cannot be aligned)."""
    from qa.core.settings import Settings
    from qa.pipeline import check_paths

    try:
        run = check_paths(paths, settings=Settings().with_cli(select=[], glossary=glossary))
    except InputError as exc:
        print(f"bitext: warning: no contexts: {exc}", file=sys.stderr)
        return []
    for problem in run.problems:
        print(f"bitext: warning: {problem}", file=sys.stderr)
    return [p for d in run.documents for p in d.pairs]


def run_add(args: argparse.Namespace) -> int:
    """Append one entry under the glossary's lock."""
    from qa.glossary.edit import append_entries
    from qa.glossary.tsv import format_row, parse_row

    entry = Entry(args.en.strip(), args.zh.strip(), Status(args.status),
                  tuple(v.strip() for v in args.variants.split("|")) if args.variants else (),
                  args.case == "sensitive", args.note.strip(), args.domain.strip())
    try:
        row = format_row(entry)
    except ValueError as exc:
        raise InputError(None, str(exc)) from None
    _, problem = parse_row(row, 0)
    if problem:
        raise InputError(None, f"not a valid entry: {problem.message}")
    path = args.glossary or DEFAULT_GLOSSARY
    done = append_entries(path, [entry], timeout=args.lock_timeout)
    if done.new_columns:
        print(f"bitext: {path}: added column(s) {', '.join(done.new_columns)} to the header",
              file=sys.stderr)
    print(f"{path}:{done.lines[0]}: added {row!r}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Write the glossary in another format; say what that format cannot hold."""
    path = glossary_path(args)
    glossary = _load(path)
    if args.to == "tbx":
        from qa.glossary.tbx import export_tbx

        text = export_tbx(glossary)
    elif args.to == "csv":
        from qa.glossary.csvfile import dropped_comments, export_csv

        text = export_csv(glossary)
        n = dropped_comments(glossary)
        if n:
            print(f"bitext: warning: {path}: CSV has no place for comments: dropped {n} "
                  f"comment line{'s' if n != 1 else ''}", file=sys.stderr)
    else:
        from qa.glossary.tsv import dump_tsv

        text = dump_tsv(glossary)
    _emit(text, args.output)
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Convert a TBX or CSV glossary to TSV: printed, a new file, or appended ``--into``."""
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
    if args.into:
        _append(args.into, glossary.entries, args.lock_timeout, "imported")
        return 0
    _emit(dump_tsv(glossary), args.output)
    return 0

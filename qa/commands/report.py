"""``bitext report``: check a corpus and write the editor's HTML report to a new file."""

from __future__ import annotations

import argparse
import sys

from align.errors import InputError
from qa.commands import options


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report",
        help="write a self-contained HTML report for editors (side-by-side pairs, findings)",
        description="Align and check the documents, then write one self-contained HTML file "
        "(no network needed to view it) to OUT/bitext-report-YYYYmmdd-HHMMSS.html and print "
        "its path. Existing files are never overwritten. The page ranks the documents by "
        "what needs attention, opens each at FILE#doc=NAME, and lets an editor mark findings "
        "as false alarms or accepted and download them as a baseline for "
        "'bitext check --baseline'.",
        epilog="examples:\n  bitext report corpus\n  bitext report corpus/zh/ketamine.md "
        "--out /tmp/reports --select N,T\n  bitext report corpus --changed-since origin/main",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="folders or documents, as for 'bitext check' (default: the configured "
                   "folder, else corpus)")
    p.add_argument("--out", default="reports", help="folder for the report (default: reports)")
    p.add_argument("--select", type=options.codes, help="rules to run: codes, prefixes or names, "
                   "comma-separated (default: all)")
    p.add_argument("--ignore", type=options.codes, help="rules to skip, comma-separated")
    p.add_argument("--glossary", help="glossary TSV file (default: from the config or corpus)")
    p.add_argument("--config", metavar="FILE",
                   help="pyproject.toml to read [tool.bitext] from (default: the nearest)")
    options.add_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from qa.report import stream_html, write_report  # jinja2: only when a report is written
    from qa.report.spill import DocumentSpill, loaded
    from qa.report.summary import plural

    # Each document waits on disk for the run's last finding, then is read back, rendered
    # and dropped in turn: memory holds one document, not the corpus.
    try:
        with DocumentSpill() as spill:
            result = options.run_checks(args, options.settings_of(args), label="aligning",
                                        keep_documents=spill.keep)
            if options.finish(args, result):
                return 2 if options.report_problems(result) else 0
            path = write_report(stream_html(result, loaded(result.documents),
                                            paths=args.paths), args.out)
    except FileExistsError as exc:  # every report name of this second is taken
        raise InputError(args.out, str(exc)) from exc
    except OSError as exc:  # the report folder, or the temporary folder the documents wait in
        where = exc.filename if isinstance(exc.filename, str) else args.out
        raise InputError(where, f"cannot write the report: {exc.strerror or exc}") from exc
    print(path)
    print(f"{plural(len(result.findings), 'finding')} in "
          f"{plural(len(result.documents), 'document')}", file=sys.stderr)
    return 2 if options.report_problems(result) else 0

"""The ``bitext`` command line, shaped like ruff: subcommands, stable exit codes.

Exit codes: 0 ok, 1 findings at or above ``--fail-on``, 2 usage or input error.
Each subcommand lives in ``qa/commands/<name>.py`` with ``add_parser(subparsers)``; the
parser it adds sets ``func`` to a callable taking the parsed arguments and returning the
exit code.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from align.errors import InputError
from qa.core.version import version

if TYPE_CHECKING:
    from qa.pipeline import Aligner

#: Subcommand modules under qa/commands, in the order ``--help`` lists them.
COMMANDS = ("split", "segment", "align", "check", "rules", "glossary", "report")

EPILOG = """examples:
  bitext check corpus                                  # align en/ ↔ zh/, report findings
  bitext check corpus --format github --fail-on warning
  bitext report corpus                                 # -> reports/bitext-report-*.html
  bitext align corpus --format tmx > corpus.tmx
  bitext glossary lint                                 # corpus/glossary.tsv
  bitext split seed.txt --out corpus --name ketamine   # -> corpus/zh/, corpus/en/
  bitext segment corpus/en/ketamine.md                 # blocks and sentences

exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage or input error
"""


class _Version(argparse.Action):
    """``--version``, read only when asked for (the package metadata is slow to import)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        print(f"bitext {version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bitext",
        description="Align Chinese and English documents sentence by sentence and check the "
        "translation.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_Version, nargs=0,
                        help="show the program's version number and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"qa.commands.{name}").add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None, *, aligner: Aligner | None = None) -> int:
    """Run ``bitext`` and return its exit code.

    ``aligner`` replaces the default aligner of the commands that align (tests give a
    stand-in so that their expectations do not depend on the model).
    """
    try:
        parser = build_parser()  # imports the subcommands: Ctrl-C may come here too
        args = parser.parse_args(argv)
        args.aligner = aligner
        if not getattr(args, "func", None):
            parser.print_help(sys.stderr)
            return 2
        return int(args.func(args) or 0)
    except InputError as exc:
        print(f"bitext: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("bitext: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:
        if exc.filename is None or os.environ.get("BITEXT_DEBUG"):
            return _internal(exc)
        # A file or folder the user named that cannot be read or written (an --output path
        # in a missing folder, a file where a folder should be): theirs to fix, one line.
        what = exc.strerror or str(exc)
        if isinstance(exc, FileExistsError | NotADirectoryError) and \
                os.path.isfile(exc.filename):
            what = "a file where a folder is needed"
        print(f"bitext: error: {exc.filename}: {what[:1].lower()}{what[1:]}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - one line for the user, traceback on request
        return _internal(exc)


def _internal(exc: Exception) -> int:
    """One line for an error of bitext's own (the traceback with BITEXT_DEBUG=1)."""
    if os.environ.get("BITEXT_DEBUG"):
        raise exc
    print(f"bitext: internal error: {type(exc).__name__}: {exc} "
          "(set BITEXT_DEBUG=1 for a traceback)", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())

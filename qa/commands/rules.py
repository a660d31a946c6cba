"""``bitext rules`` lists the checks; ``bitext rule CODE-or-NAME`` prints one rule's doc."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from align.errors import InputError

if TYPE_CHECKING:
    from qa.checks.base import Check


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rules", help="list every check: code, name, severity, description",
                       description="List the rule catalogue.")
    p.add_argument("--format", choices=("text", "json"), default="text")
    # "bitext rules P005" reads as "explain P005" (as "bitext rule P005" does).
    p.add_argument("rules", nargs="*", metavar="CODE-or-NAME",
                   help="explain these rules instead of listing them all")
    p.set_defaults(func=run_rules)
    q = sub.add_parser("rule", help="explain one rule (e.g. 'bitext rule N001')",
                       description="Print a rule's documentation: what it does, why it "
                       "matters, an example and what to use instead.",
                       epilog="examples:\n  bitext rule A003\n  bitext rule number-mismatch",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    q.add_argument("rule", metavar="CODE-or-NAME")
    q.set_defaults(func=run_rule)


def catalogue() -> list[type[Check]]:
    """Every registered check, in code order."""
    from qa.checks import load_checks

    registry = load_checks()
    return [registry[c] for c in sorted(registry)]


def find_rule(key: str) -> type[Check]:
    """The rule with this code (any case) or kebab-case name; InputError if there is none."""
    for cls in catalogue():
        if key.upper() == cls.code or key.lower() == cls.name:
            return cls
    raise InputError(None, f"unknown rule {key!r} (see 'bitext rules')")


def run_rules(args: argparse.Namespace) -> int:
    if getattr(args, "rules", None):
        for k, key in enumerate(args.rules):
            if k:
                print()
            status = run_rule(argparse.Namespace(rule=key))
            if status:
                return status
        return 0
    rules = catalogue()
    if args.format == "json":
        json.dump([{"code": r.code, "name": r.name, "severity": str(r.severity),
                    "description": r.description, "fixable": r.fixable, "opt_in": r.opt_in}
                   for r in rules],
                  sys.stdout, indent=2)
        print()
        return 0
    width = max(len(r.name) for r in rules)
    for r in rules:
        fix = "[*]" if r.fixable else "[+]" if r.opt_in else "   "
        print(f"{r.code} {fix} {r.name:<{width}}  {str(r.severity):<7}  {r.description}")
    legend = "[*] fixable with 'bitext check --fix'"
    if any(r.opt_in for r in rules):  # the marks a listing uses, and only those
        legend += "; [+] opt-in: runs only when selected by its code or name"
    print(legend)
    return 0


def render_rule(cls: type[Check]) -> str:
    """A rule's page: title line, code, default severity, then its Markdown doc."""
    fix = ("Fixable: yes — `bitext check --fix` applies the safe fix, `--diff` shows it."
           if cls.fixable else "Fixable: no — the finding needs judgement.")
    if cls.opt_in:
        fix += f"\nOpt-in: runs only when selected by name (`--select {cls.code}`)."
    head = (f"# {cls.name} ({cls.code})\n\nDefault severity: {cls.severity}.\n{cls.description}\n"
            f"{fix}\n")
    doc = cls.doc.strip()
    return head + ("\n" + doc + "\n" if doc else "")


def run_rule(args: argparse.Namespace) -> int:
    sys.stdout.write(render_rule(find_rule(args.rule)))
    return 0

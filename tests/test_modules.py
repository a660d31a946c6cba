"""Every module of the library imports without side effects, and its doctests are collected.

``--doctest-modules`` imports every module of align/ and qa/; a module that runs something
at import time (prints, exits, starts the CLI) would run it inside the test session.
"""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import align
import qa

ROOT = Path(__file__).resolve().parents[1]


def library_modules() -> list[str]:
    names = []
    for package in (align, qa):
        names.append(package.__name__)
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name.rsplit(".", 1)[-1] != "__main__":  # ``python -m qa`` runs the CLI
                names.append(info.name)
    return names


def test_every_module_imports_quietly():
    names = library_modules()
    assert {"align.reader", "qa.checks.semantic", "qa.glossary.matching", "qa.cli"} <= set(names)
    code = "import importlib, sys\nfor n in sys.argv[1:]:\n    importlib.import_module(n)\n"
    done = subprocess.run([sys.executable, "-c", code, *names], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_the_default_run_collects_every_modules_doctests():
    """``python -m pytest`` runs the docstring examples of every module that has some."""
    with_examples = sorted(
        p.relative_to(ROOT).as_posix() for d in ("align", "qa") for p in (ROOT / d).rglob("*.py")
        if p.name != "__main__.py" and re.search(r"^\s*>>> ", p.read_text(encoding="utf-8"), re.M))
    assert len(with_examples) >= 25
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q",
                           "-p", "no:cacheprovider", "align", "qa"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    collected = {line.split(":")[0] for line in done.stdout.splitlines() if line.endswith(
        tuple("0123456789"))}
    assert collected == set(with_examples)

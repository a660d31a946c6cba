"""``--format junit``: JUnit XML, which CI systems (GitLab, Jenkins, Azure) show as tests.

One test suite per document and one test case per enabled rule in it, so a clean rule shows
as a passed test. A case fails when it has findings at or above ``fail-on`` (the same
threshold as the exit code); milder findings go to the case's ``system-out``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TextIO

from qa.core.finding import Finding
from qa.core.run import CheckRun

# Characters XML 1.0 cannot carry, even escaped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """Text safe for XML 1.0 (forbidden control characters become U+FFFD)."""
    return _INVALID_XML.sub("\ufffd", text)


def _line(f: Finding) -> str:
    text = f"{f.where}: {f.severity} {f.code} {f.message}"
    if f.suggestion:
        text += f" (suggestion: {f.suggestion})"
    return clean(text)


def junit_tree(run: CheckRun) -> ET.Element:
    """The ``<testsuites>`` element for a run."""
    threshold = run.settings.fail_on.rank
    names = {c.code: c.name for c in run.checks}
    by_doc: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for f in run.findings:
        names.setdefault(f.code, f.name)
        by_doc[f.document][f.code].append(f)
    documents = [d.name for d in run.documents]
    documents += sorted(set(by_doc) - set(documents))
    root = ET.Element("testsuites", name="bitext")
    total_tests = total_failures = 0
    for doc in documents:
        suite = ET.SubElement(root, "testsuite", name=clean(doc))
        tests = failures = 0
        for code in sorted(names):
            found = by_doc[doc].get(code, [])
            case = ET.SubElement(suite, "testcase", name=f"{code} {names[code]}",
                                 classname=clean(f"bitext.{doc}"))
            tests += 1
            failing = [f for f in found if f.severity.rank >= threshold]
            if failing:
                failures += 1
                fail = ET.SubElement(case, "failure", type=code,
                                     message=clean(f"{len(failing)} × {code}: "
                                                   f"{failing[0].message}"))
                fail.text = "\n".join(_line(f) for f in failing)
            milder = [f for f in found if f.severity.rank < threshold]
            if milder:
                ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in milder)
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        total_tests += tests
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    return root


def write(run: CheckRun, out: TextIO) -> None:
    """Write the run as a JUnit XML document."""
    tree = junit_tree(run)
    ET.indent(tree)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(tree, encoding="unicode"))
    out.write("\n")

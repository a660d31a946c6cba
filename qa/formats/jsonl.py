"""``--format jsonl``: one finding per line as a JSON object (the ``json`` format's keys).

Streams well into ``jq``, pandas (``read_json(lines=True)``) and log pipelines; a clean run
writes nothing.
"""

from __future__ import annotations

import json
from typing import TextIO

from qa.core.run import CheckRun


def write(run: CheckRun, out: TextIO) -> None:
    """Write each finding of ``run`` as one line of JSON (UTF-8 text kept as is)."""
    for f in run.findings:
        out.write(json.dumps(f.to_dict(), ensure_ascii=False, separators=(",", ":")))
        out.write("\n")

"""Render a check run as one self-contained HTML file: inline CSS and JS, no network.

Why Jinja2: the page is loops within loops (documents → pairs → highlighted runs, filters,
the confidence strip), which reads far better as a template than as string building, and
with ``autoescape=True`` every value is HTML-escaped unless a template says otherwise, so
corpus text (which may hold ``<script>`` or ``<img onerror=…>``) cannot become markup by a
forgotten ``html.escape``. A Content-Security-Policy with a per-report nonce is a second
guard: only the report's own script may run, and the page can load nothing from outside.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from align.textio import write_atomic
from qa.core.run import CheckRun
from qa.report.model import build

LANG_NAMES = {"en": "English", "zh": "中文"}
HTML_LANG = {"en": "en", "zh": "zh-Hans"}


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("qa.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = lambda x: f"{x * 100:.0f}%"
    env.globals.update(lang_name=lambda code: LANG_NAMES.get(code, code),
                       html_lang=lambda code: HTML_LANG.get(code, code))
    return env


def render_html(run: CheckRun, generated: datetime | None = None,
                paths: list[str] | None = None) -> str:
    """The report page for ``run`` as a string.

    >>> from qa.core.settings import Settings
    >>> "<!doctype html>" in render_html(CheckRun([], [], Settings(), []))
    True
    """
    generated = generated or datetime.now().astimezone()
    template = _environment().get_template("report.html.j2")
    return template.render(
        report=build(run),
        generated=generated.strftime("%Y-%m-%d %H:%M:%S %Z").strip(),
        paths=paths or [],
        nonce=secrets.token_urlsafe(16),
    )


def report_path(out_dir: str | Path, now: datetime | None = None) -> Path:
    """``OUT/bitext-report-YYYYmmdd-HHMMSS.html`` (the name is only a proposal; see write)."""
    now = now or datetime.now()
    return Path(out_dir) / f"bitext-report-{now:%Y%m%d-%H%M%S}.html"


def write_report(html: str, out_dir: str | Path, now: datetime | None = None) -> Path:
    """Write ``html`` atomically to a new file in ``out_dir`` and return its path.

    The file appears complete or not at all (:func:`~align.textio.write_atomic`), and an
    existing file is never replaced: a second report in the same second gets ``-2``, ``-3``,
    … appended.
    """
    base = report_path(out_dir, now)
    data = html.encode("utf-8")
    for n in range(1, 1000):
        target = base if n == 1 else base.with_name(f"{base.stem}-{n}.html")
        try:
            write_atomic(target, data, overwrite=False)
        except FileExistsError:
            continue
        return target
    raise FileExistsError(f"{base}: too many reports with this name")

"""Render a check run as one self-contained HTML file: inline CSS and JS, no network.

The page holds a ranked summary of the documents and, for each document, its view rendered
here (``document.html.j2``) but kept inert: a JSON string in a ``<script
type="application/json">`` element, which the browser neither parses as HTML nor runs. The
page's script turns the one a link asks for (``#doc=NAME``, ``#doc=NAME&pair=N``) into
DOM, so opening a report of 1,000 documents costs the summary only (the figures are in the
README, measured by ``python -m tests.qa.report.measure``).

Why Jinja2: the page is loops within loops (documents → pairs → highlighted runs, filters,
the confidence strip), which reads far better as a template than as string building, and
with ``autoescape=True`` every value is HTML-escaped unless a template says otherwise, so
corpus text (which may hold ``<script>`` or ``<img onerror=…>``) cannot become markup by a
forgotten ``html.escape``. A Content-Security-Policy with a per-report nonce is a second
guard: only the report's own script may run, and the page can load nothing from outside.
"""

from __future__ import annotations

import json
import secrets
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from align.textio import write_atomic
from qa.core.run import CheckRun
from qa.report.model import ReportView, build

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
    return render_view(build(run), generated, paths)


def render_view(report: ReportView, generated: datetime | None = None,
                paths: list[str] | None = None, views: bool = True,
                doc_file: str | None = None) -> str:
    """The page for a built view (:func:`render_html` without building); ``views=False``
    leaves the documents' views out (the summary only), and ``doc_file`` (a format string of
    ``id``, e.g. ``docs/{id}.html``) makes the summary link to a file per document."""
    generated = generated or datetime.now().astimezone()
    env = _environment()
    document = env.get_template("document.html.j2")
    views_ = [(d, inert_json(document.render(d=d))) for d in report.documents] if views else []
    stamp = generated.strftime("%Y-%m-%d %H:%M:%S %Z").strip()
    return env.get_template("report.html.j2").render(
        report=report,
        views=views_,
        generated=stamp,
        paths=paths or [],
        nonce=secrets.token_urlsafe(16),
        report_key=f"{report.signature_line}|{stamp}",
        doc_href=lambda d: (doc_file.format(id=d.id) if doc_file else "") + "#doc="
        + quote(d.name, safe="/"),
    )


def inert_json(text: str) -> Markup:
    r"""``text`` as a JSON string that is safe inside ``<script type="application/json">``:
    every ``<`` is written ``\u003c``, so no ``</script>`` or ``<!--`` can appear in it.

    >>> print(inert_json('<b>"x"</script>'))
    "\u003cb>\"x\"\u003c/script>"
    """
    return Markup(json.dumps(text, ensure_ascii=False).replace("<", "\\u003c"))


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

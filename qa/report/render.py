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

import errno
import json
import secrets
import tempfile
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

# The steps of write_atomic, which takes the whole page as bytes: a streamed page is
# written piece by piece to the temporary file.
from align.textio import write_new
from qa.core.run import AlignedDocument, CheckRun
from qa.report.model import ReportView, SummaryRow, build, document_views, report_view

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
    env = _environment()
    document = env.get_template("document.html.j2")
    views_ = [(d, inert_json(document.render(d=d))) for d in report.documents] if views else []
    return env.get_template("report.html.j2").render(
        **_page(report, views_, generated, paths, doc_file))


def stream_html(run: CheckRun, documents: Iterable[AlignedDocument] | None = None,
                generated: datetime | None = None,
                paths: list[str] | None = None) -> Iterator[str]:
    """The page of :func:`render_html`, piece by piece, holding one document at a time.

    ``documents`` are the run's documents (default: ``run.documents``), e.g. read back one by
    one from where the run kept them (:class:`~qa.report.spill.DocumentSpill`). The page
    lists the documents by rank before their views, and a document's rank and its view both
    wait for the run's last finding, so it takes two passes: each document's view is built,
    rendered into a temporary file and dropped, keeping its summary row; then the page is
    generated around those rows, with the views read back from the file one at a time.
    The text is that of :func:`render_html` (but for the time stamp and the nonce).
    """
    env = _environment()
    document = env.get_template("document.html.j2")
    with tempfile.TemporaryFile(prefix="bitext-views-") as spool:
        rows: list[SummaryRow] = []
        places: list[tuple[int, int]] = []  # (offset, length) of each view in the spool
        defects = 0
        for view in document_views(run, documents):
            data = inert_json(document.render(d=view)).encode("utf-8")
            places.append((spool.tell(), len(data)))
            spool.write(data)
            rows.append(view.summary())
            defects += len(view.findings)
            del view, data  # before the next document is read
        report = report_view(run, rows, [], defects)

        def views() -> Iterator[tuple[SummaryRow, Markup]]:
            for row, (offset, length) in zip(rows, places, strict=True):
                spool.seek(offset)
                yield row, Markup(spool.read(length).decode("utf-8"))

        yield from env.get_template("report.html.j2").generate(
            **_page(report, views(), generated, paths, None))


def _page(report: ReportView, views: Iterable[tuple[object, Markup]],
          generated: datetime | None, paths: list[str] | None,
          doc_file: str | None) -> dict[str, object]:
    """What ``report.html.j2`` is rendered with."""
    generated = generated or datetime.now().astimezone()
    stamp = generated.strftime("%Y-%m-%d %H:%M:%S %Z").strip()
    return dict(
        report=report,
        views=views,
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


def write_report(html: str | Iterable[str], out_dir: str | Path,
                 now: datetime | None = None) -> Path:
    """Write ``html`` (the page, or its pieces as :func:`stream_html` yields them) to a new
    file in ``out_dir`` and return its path.

    The file appears complete or not at all: the page goes to a temporary file in
    ``out_dir``, flushed to disk, which then takes the report's name (as
    :func:`~align.textio.write_atomic` does). An existing file is never replaced: a second
    report in the same second gets ``-2``, ``-3``, … appended.
    """
    if Path(out_dir).exists() and not Path(out_dir).is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(out_dir))
    base = report_path(out_dir, now)
    names = [base] + [base.with_name(f"{base.stem}-{n}.html") for n in range(2, 1000)]
    pieces = [html] if isinstance(html, str) else html
    try:
        written = write_new(names, (piece.encode("utf-8") for piece in pieces))
    except FileExistsError:
        raise FileExistsError(f"{base}: too many reports with this name") from None
    return base.with_name(written.name)  # as the caller named the folder

"""The editor's HTML report: one self-contained page per run (``bitext report``)."""

from qa.report.render import render_html, stream_html, write_report

__all__ = ["render_html", "stream_html", "write_report"]

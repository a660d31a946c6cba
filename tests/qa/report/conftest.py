"""Browser fixtures: headless Debian chromium driven by playwright, skipped when absent."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run"]


def chromium_path() -> str | None:
    """``$BITEXT_CHROMIUM``, else Debian's ``/usr/bin/chromium``, else chromium on PATH."""
    for candidate in (os.environ.get("BITEXT_CHROMIUM"), "/usr/bin/chromium",
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    # Per module, not per session: playwright's thread must end with the browser tests, or
    # later tests see a process of two threads (pipeline workers are then not forked).
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    executable = chromium_path()
    if executable is None:
        pytest.skip("chromium is not installed (run .ci/install-browser.sh)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def open_page(browser):
    """Open an HTML file; the page records console errors and uncaught exceptions."""
    pages = []

    def open_(path: Path, width: int = 1400, height: int = 900):
        page = browser.new_page(viewport={"width": width, "height": height})
        page.errors = []
        page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.on("request", lambda r: page.errors.append(f"network: {r.url}")
                if not r.url.startswith(("file:", "data:", "about:")) else None)
        page.goto(path.as_uri())
        pages.append(page)
        return page

    yield open_
    for page in pages:
        page.close()

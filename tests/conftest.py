"""Fixtures shared by every test area: the book, built once per test session.

`built_html` is what the book, French-quality and browser tests read. The build is the
one `make html` runs (warnings are errors, nitpicky references), into a temporary folder,
so a test session never depends on, nor disturbs, the author's `_build/`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from book_build import BOOK_DIR, SphinxRun, run_sphinx


@pytest.fixture(scope="session")
def sphinx_runner():
    """`run_sphinx(builder, srcdir, outdir)`, for tests that build a small book of their own."""
    return run_sphinx


@pytest.fixture(scope="session")
def book_build(tmp_path_factory: pytest.TempPathFactory) -> SphinxRun:
    """The whole book built to HTML once per session; the session fails if it does not build."""
    run = run_sphinx("html", BOOK_DIR, tmp_path_factory.mktemp("book") / "html")
    if not run.succeeded:
        pytest.fail(
            f"the book does not build without warnings (sphinx-build exited {run.returncode}); "
            f"fix these, then rerun `make html`:\n{run.warnings}",
            pytrace=False,
        )
    return run


@pytest.fixture(scope="session")
def built_html(book_build: SphinxRun) -> Path:
    """Path of the HTML output folder of the book built with warnings as errors."""
    return book_build.outdir


@pytest.fixture(scope="session")
def chromium():
    """One headless Debian Chromium per test process, shared by the browser and EPUB tests
    (Playwright's synchronous API allows one instance per thread)."""
    from playwright.sync_api import sync_playwright

    from browser.browser import launch

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()

"""Fixtures of the browser tests: the built book served locally, one Chromium per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from browser.browser import watch
from browser.server import SiteServer
from chapters import Chapter, params


@pytest.fixture(params=params())
def chapter(request) -> Chapter:
    """Each chapter of the book in turn (tests/chapters.py): its page is `chapter.html`."""
    return request.param


@pytest.fixture(scope="session")
def site(request):
    """The book built by `built_html`, served on 127.0.0.1 (free port) for the session.

    BOOK_HTML=<folder> serves an HTML build made beforehand instead (quicker when iterating
    on these tests; the full suite always builds the book itself).
    """
    prebuilt = os.environ.get("BOOK_HTML")
    root = Path(prebuilt) if prebuilt else request.getfixturevalue("built_html")
    server = SiteServer(root).start()
    yield server
    server.stop()


@pytest.fixture
def open_page(chromium, site):
    """`open_page(path, **context_options)` -> (page, log), closed at the end of the test."""
    contexts = []

    def _open(path: str, **context_options):
        context = chromium.new_context(**context_options)
        contexts.append(context)
        page = context.new_page()
        log = watch(page)
        page.goto(site.url(path), wait_until="networkidle")
        return page, log

    yield _open
    for context in contexts:
        context.close()

"""The home page and every chapter load cleanly, and never ask anything of another host."""

from __future__ import annotations

import pytest

from chapters import chapters

PAGES = {"home": "index.html", **{chapter.docname: chapter.html for chapter in chapters()}}


@pytest.mark.parametrize("page_name", sorted(PAGES))
def test_page_loads_without_error_and_stays_local(open_page, page_name):
    page, log = open_page(PAGES[page_name])
    assert page.title(), "the page has no title"
    assert page.locator("article h1").first.is_visible()
    assert not log.console_errors, f"console errors: {log.console_errors}"
    assert not log.page_errors, f"uncaught script errors: {log.page_errors}"
    assert not log.outside_requests, f"requests to other hosts: {log.outside_requests}"
    assert log.local_requests, "the fence saw no request at all: is it attached?"


def test_fence_reports_a_request_to_another_host(open_page):
    """The fence itself works: a request to another host is recorded and aborted."""
    page, log = open_page("index.html")
    page.evaluate("fetch('https://example.invalid/x').catch(() => null)")
    page.wait_for_timeout(200)
    assert log.outside_requests == ["https://example.invalid/x"]

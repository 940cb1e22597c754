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


@pytest.mark.parametrize("page_name", sorted(PAGES))
def test_favicon_is_served(open_page, page_name):
    page, _ = open_page(PAGES[page_name])
    href = page.get_attribute('link[rel="icon"]', "href")
    assert href, "the page declares no favicon"
    status, kind = page.evaluate(
        "href => fetch(href).then(r => [r.status, r.headers.get('content-type')])", href
    )
    assert status == 200 and kind.startswith("image/"), f"favicon {href}: {status} {kind}"


def test_search_index_loads_on_the_search_page_only(open_page, chapter):
    page, log = open_page(chapter.html)
    assert not [url for url in log.local_requests if "searchindex.js" in url or "searchtools.js" in url]
    page.keyboard.press("Control+k")  # the search dialog sends the query to search.html
    page.keyboard.type("cgroup")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=cgroup*")
    page.wait_for_selector("#search-results ul.search li", timeout=20_000)
    assert [url for url in log.local_requests if url.split("?")[0].endswith("/searchindex.js")]


def test_404_page_works_at_any_depth(chromium, site, tmp_path):
    """Read the Docs serves 404.html for any missing address: it must load its styles there."""
    from urllib.parse import urlsplit

    from browser.browser import watch
    from browser.server import SiteServer

    canonical = (site.root / "index.html").read_text(encoding="utf-8").split('rel="canonical" href="', 1)[1]
    prefix = urlsplit(canonical.split('"', 1)[0]).path.removesuffix("index.html")  # /fr/latest/
    published = tmp_path / prefix.strip("/")
    published.parent.mkdir(parents=True, exist_ok=True)
    published.symlink_to(site.root.resolve(), target_is_directory=True)
    server = SiteServer(tmp_path).start()
    try:
        page = chromium.new_page()
        log = watch(page)
        response = page.goto(server.url(f"{prefix}404.html"), wait_until="networkidle")
        assert response.status == 200
        assert page.locator("article h1").inner_text() == "Page introuvable"
        sheets = page.evaluate("[...document.styleSheets].filter(s => s.cssRules.length).length")
        assert sheets >= 3, "the 404 page loaded no stylesheet"
        page.click("article a")
        page.wait_for_load_state("networkidle")
        assert page.url == server.url(f"{prefix}index.html")
        assert not log.console_errors and not log.outside_requests
        page.close()
    finally:
        server.stop()

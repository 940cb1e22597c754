"""Page-weight benchmark of the chapter page (a measurement, not a test).

Usage: python tests/bench/page_weight.py [HTML_DIR] [PAGE]   (or `make bench-page`)

Serves HTML_DIR (default _build/html) on 127.0.0.1 and opens PAGE (default the first chapter) in
headless Chromium with an empty cache, twice: once served plainly (http.server), once with
text gzip-compressed as production servers such as Read the Docs send it. For each run it
prints every request with the bytes the browser received, then the totals and any request
that tried to leave 127.0.0.1 (aborted).
Targets, judged on the compressed run (what a reader downloads): under 300 kB, under 25
requests, none to another host. Exit status 1 when a target is missed.
"""

from __future__ import annotations

import sys
from pathlib import Path

TESTS_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS_DIR))

from browser.browser import launch, watch  # noqa: E402
from chapters import chapters  # noqa: E402
from browser.server import SiteServer  # noqa: E402

MAX_BYTES = 300 * 1000
MAX_REQUESTS = 25


def measure(root: Path, page_path: str, compress: bool) -> tuple[list[tuple[str, int]], list[str]]:
    """(url, bytes received) of every request the page made, and the ones kept from leaving."""
    from playwright.sync_api import sync_playwright

    server = SiteServer(root, compress=compress).start()
    rows: list[tuple[str, int]] = []
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            log = watch(page)

            def finished(request):
                sizes = request.sizes()
                received = sizes["responseBodySize"] + sizes["responseHeadersSize"]
                rows.append((request.url.replace(server.url(), "/"), received))

            page.on("requestfinished", finished)
            page.goto(server.url(page_path), wait_until="networkidle")
            browser.close()
    finally:
        server.stop()
    return rows, log.outside_requests


def report(title: str, rows: list[tuple[str, int]], outside: list[str]) -> tuple[int, int]:
    print(f"== {title}")
    for url, received in sorted(rows, key=lambda row: -row[1]):
        print(f"{received:>11,} B  {url}")
    total = sum(received for _, received in rows)
    print(f"requests: {len(rows)}; transferred: {total:,} B ({total / 1000:.0f} kB); "
          f"requests to another host: {len(outside)} {outside or ''}\n")
    return len(rows), total


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path("_build/html")
    page_path = argv[2] if len(argv) > 2 else chapters()[0].html
    if not (root / page_path).is_file():
        print(f"{root / page_path}: no such page; build the book first (make html)", file=sys.stderr)
        return 2
    report("served plainly (python http.server)", *measure(root, page_path, compress=False))
    rows, outside = measure(root, page_path, compress=True)
    requests, total = report("served gzip-compressed (as in production)", rows, outside)
    verdict = requests < MAX_REQUESTS and total < MAX_BYTES and not outside
    print(f"{page_path}: {requests} requests (target < {MAX_REQUESTS}), {total / 1000:.0f} kB "
          f"(target < {MAX_BYTES // 1000} kB), {len(outside)} to another host: "
          f"{'within targets' if verdict else 'OVER TARGET'}")
    return 0 if verdict else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))

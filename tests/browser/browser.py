"""Headless Chromium (Debian's package) driven by Playwright, kept on 127.0.0.1.

Every page opened through `open_page` records its console errors, its page errors and
every request it tried to send elsewhere than the local server; those requests are
aborted, so a test can never reach the network and always sees the attempt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1"}


@dataclass
class PageLog:
    """What a page did that a reader would not want: errors and requests leaving the machine."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    local_requests: list[str] = field(default_factory=list)


def launch(playwright):
    if not CHROMIUM.exists():
        raise RuntimeError(
            f"{CHROMIUM} not found: install the Debian package chromium "
            "(listed in conf/apt-packages.txt, installed by .ci/run)"
        )
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)


def watch(page) -> PageLog:
    """Attach the recorders and the network fence to a fresh page."""
    log = PageLog()

    def on_console(message):
        if message.type == "error":
            log.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def fence(route):
        url = route.request.url
        scheme, host = urlsplit(url).scheme, urlsplit(url).hostname
        if scheme in ("data", "blob") or host in LOCAL_HOSTS:
            log.local_requests.append(url)
            route.continue_()
        else:
            log.outside_requests.append(url)
            route.abort()

    page.on("console", on_console)
    page.on("pageerror", lambda error: log.page_errors.append(str(error)))
    page.route("**/*", fence)
    return log


def open_all_dropdowns(page) -> None:
    """Open every <details> (exercise solutions), as a reader would, to reach what they hold."""
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")

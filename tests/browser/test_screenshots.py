"""The screenshot set of the book as readers see it, saved under _build/artifacts/ by every run.

Desktop (1366×900) and phone (390×844), light and dark; the search page; and the chapter
printed to PDF (A4, as Chromium's « Imprimer ») with each printed page rendered to PNG.
These are for people to look at; the assertions check what a picture cannot prove alone:
the theme really switched, the figures were repainted with it, the print has pages.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "_build" / "artifacts"
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
PHONE = {"has_touch": True, "is_mobile": True}
FULL_PAGE_TIMEOUT_MS = 180_000
PRINT_RESOLUTION = 60  # dpi: an A4 page becomes about 500×700 px, enough to judge a layout


def _context(device: str, mode: str) -> dict:
    # The theme follows the reader's saved choice first, then the system's preference.
    options = {"viewport": VIEWPORTS[device], "device_scale_factor": 1, "color_scheme": mode}
    return {**options, **(PHONE if device == "phone" else {})}


@pytest.fixture(scope="module")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("device", sorted(VIEWPORTS))
def test_chapter_screenshot(open_page, artifacts, chapter, device, mode):
    page, log = open_page(chapter.html, **_context(device, mode))
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    if chapter.figures:
        ink = page.evaluate(
            "getComputedStyle(document.querySelector('.figure-data svg .f-ink')).fill"
        )
        expected = {"light": "rgb(31, 35, 40)", "dark": "rgb(230, 237, 243)"}[mode]
        assert ink == expected, f"figure text is {ink} in {mode} mode"
    target = artifacts / f"{chapter.name}-{device}-{mode}.png"
    # A whole chapter is tens of thousands of pixels tall: more than the default 30 s on a busy machine.
    page.screenshot(path=str(target), full_page=True, timeout=FULL_PAGE_TIMEOUT_MS)
    assert target.stat().st_size > 10_000
    # One picture per figure too: the full page is too tall to judge a figure from.
    figures = page.locator("figure.figure-data")
    for index in range(figures.count()):
        figure = figures.nth(index)
        name = figure.get_attribute("class").split("figure-data-")[-1].split()[0]
        figure.screenshot(path=str(artifacts / f"figure-{name}-{device}-{mode}.png"))
    assert not log.outside_requests


@pytest.mark.parametrize("device", sorted(VIEWPORTS))
def test_search_screenshot(open_page, artifacts, device):
    page, _ = open_page("search.html?q=cgroup", **_context(device, "light"))
    page.wait_for_selector("#search-results ul.search li", timeout=20_000)
    target = artifacts / f"search-{device}-light.png"
    page.screenshot(path=str(target))
    assert target.stat().st_size > 10_000


def _pdftoppm() -> str:
    found = shutil.which("pdftoppm")
    if found is None:
        raise RuntimeError("pdftoppm not found: install the Debian package poppler-utils "
                           "(listed in conf/apt-packages.txt, installed by .ci/run)")
    return found


def test_chapter_printed_to_pdf(open_page, artifacts, chapter):
    page, _ = open_page(chapter.html, viewport=VIEWPORTS["desktop"])
    stem = f"{chapter.name}-print"  # one set of printed pages per chapter
    pdf = artifacts / f"{stem}.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    for old in artifacts.glob(f"{stem}-*.png"):
        old.unlink()
    subprocess.run(
        [_pdftoppm(), "-png", "-r", str(PRINT_RESOLUTION), str(pdf), str(artifacts / stem)],
        check=True, capture_output=True, timeout=300,
    )
    pages = sorted(artifacts.glob(f"{stem}-*.png"))
    assert pages, f"{pdf.name} has no page"
    assert all(png.stat().st_size > 5_000 for png in pages)

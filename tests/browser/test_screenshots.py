"""Screenshots of each chapter as readers see it: desktop and phone, light and dark.

Saved under _build/artifacts/ for people to look at; the assertions check what a picture
cannot prove alone: the theme really switched, and the figures were repainted with it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "_build" / "artifacts"
WIDTHS = {"desktop": 1280, "phone": 390}


def _theme_options(mode: str) -> dict:
    # The theme follows the reader's saved choice first, then the system's preference.
    return {"color_scheme": mode}


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("device", sorted(WIDTHS))
def test_chapter_screenshot(open_page, chapter, device, mode):
    page, log = open_page(
        chapter.html,
        viewport={"width": WIDTHS[device], "height": 900},
        device_scale_factor=1,
        **_theme_options(mode),
    )
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    if chapter.figures:
        ink = page.evaluate(
            "getComputedStyle(document.querySelector('.figure-data svg .f-ink')).fill"
        )
        expected = {"light": "rgb(31, 35, 40)", "dark": "rgb(230, 237, 243)"}[mode]
        assert ink == expected, f"figure text is {ink} in {mode} mode"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / f"{chapter.name}-{device}-{mode}.png"
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000
    # One picture per figure too: the full page is too tall to judge a figure from.
    figures = page.locator("figure.figure-data")
    for index in range(figures.count()):
        figure = figures.nth(index)
        name = figure.get_attribute("class").split("figure-data-")[-1].split()[0]
        figure.screenshot(path=str(ARTIFACTS / f"figure-{name}-{device}-{mode}.png"))
    assert not log.outside_requests

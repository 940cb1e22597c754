"""The figures and the labs' provenance, as each chapter page shows them."""

from __future__ import annotations

import pytest

from browser.browser import open_all_dropdowns

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
READABLE = 12  # CSS pixels: the smallest figure text a reader is shown

# Per figure: its smallest drawn text in CSS pixels (font size times the SVG's scale on
# screen), its caption's font size, and whether its frame can scroll sideways.
MEASURE = """
(figure) => {
    const svg = figure.querySelector('svg.figure-data-svg');
    const scale = svg.getScreenCTM().a;
    const sizes = [...svg.querySelectorAll('tspan')].map(
        (t) => parseFloat(getComputedStyle(t).fontSize) * scale);
    const frame = figure.querySelector('.figure-data-frame');
    return {
        smallest: Math.min(...sizes),
        count: sizes.length,
        caption: parseFloat(getComputedStyle(figure.querySelector('figcaption')).fontSize),
        overflows: frame.scrollWidth > frame.clientWidth + 1,
        scrolls: ['auto', 'scroll'].includes(getComputedStyle(frame).overflowX),
    };
}
"""

# Boxes of the drawn texts and rectangles, in the SVG's own units.
LAYOUT = """
(svg) => ({
    texts: [...svg.querySelectorAll('text')].map((t) => {
        const b = t.getBBox();
        return {text: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height};
    }),
    rects: [...svg.querySelectorAll('rect')].map((r) => {
        const b = r.getBBox();
        return {x: b.x, y: b.y, w: b.width, h: b.height};
    }),
})
"""


def test_every_figure_is_drawn_with_french_alternative_text(open_page, chapter):
    page, _ = open_page(chapter.html, viewport=DESKTOP)
    for name in chapter.figures:
        figure = page.locator(f"figure.figure-data-{name}")
        assert figure.count() == 1, f"figure {name} is not in the chapter ({{figure-data}} {name})"
        svg = figure.locator("svg[role=img]")
        label = svg.get_attribute("aria-label") or ""
        assert len(label) > 80 and " le " in f" {label} ", f"{name}: no French alternative text"
        box = svg.bounding_box()
        assert box and box["width"] > 250 and box["height"] > 150, f"{name} is drawn too small"
        assert figure.locator("figcaption").inner_text().strip()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_figure_text_is_readable_and_the_caption_smaller(open_page, chapter, viewport):
    page, _ = open_page(chapter.html, viewport=viewport)
    for name in chapter.figures:
        seen = page.locator(f"figure.figure-data-{name}").evaluate(MEASURE)
        assert seen["count"] > 3, f"{name}: no text drawn"
        assert seen["smallest"] >= READABLE - 0.05, f"{name}: text drawn at {seen['smallest']:.1f} px"
        caption = f"{name}: caption {seen['caption']} px, figure text {seen['smallest']:.1f} px"
        if viewport is DESKTOP:
            assert seen["caption"] < seen["smallest"], caption
            assert not seen["overflows"], f"{name} does not fit the column at {viewport['width']} px"
        else:
            # A phone may shrink a figure down to READABLE text, the caption's size: no further.
            assert seen["caption"] <= seen["smallest"] + 0.05, caption
            # Too wide for a phone at readable size: the figure scrolls in its frame.
            assert not seen["overflows"] or seen["scrolls"], f"{name} is cut off on a phone"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"


# The frame's fade, at the start of its scroll and at its end.
FADE = """
async (frame) => {
    const mask = () => getComputedStyle(frame).maskImage;
    const pause = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    frame.scrollLeft = 0; await pause();
    const start = mask();
    frame.scrollLeft = frame.scrollWidth; await pause();
    const end = mask();
    frame.scrollLeft = 0;
    return {start, end, overflows: frame.scrollWidth > frame.clientWidth + 1};
}
"""


def test_a_figure_wider_than_a_phone_fades_out_where_it_goes_on(open_page, chapter):
    """Scrolling is how a wide figure stays readable on a phone; the fade says there is more."""
    page, _ = open_page(chapter.html, viewport=PHONE)
    wide = 0
    for name in chapter.figures:
        fade = page.locator(f"figure.figure-data-{name} .figure-data-frame").evaluate(FADE)
        if fade["overflows"]:
            wide += 1
            assert "gradient" in fade["start"] and fade["end"] == "none", f"{name}: {fade}"
        else:
            assert fade["start"] == "none", f"{name} fits, yet fades: {fade}"
    if chapter.figures and not wide:
        pytest.skip(f"no figure of {chapter.name} is wider than a phone: nothing scrolls there")


def _inside(inner: dict, outer: dict, slack: float = 0.5) -> bool:
    return (outer["x"] - slack <= inner["x"] and inner["x"] + inner["w"] <= outer["x"] + outer["w"] + slack
            and outer["y"] - slack <= inner["y"] and inner["y"] + inner["h"] <= outer["y"] + outer["h"] + slack)


def _overlap(a: dict, b: dict, slack: float = 0.5) -> bool:
    return (a["x"] + a["w"] > b["x"] + slack and b["x"] + b["w"] > a["x"] + slack
            and a["y"] + a["h"] > b["y"] + slack and b["y"] + b["h"] > a["y"] + slack)


def test_figure_texts_stay_in_their_boxes_and_never_overlap(open_page, chapter):
    """Measured by the browser in the font it draws with: proves the layout's text widths
    (conf/_ext/figures/metrics.py) hold on the real page."""
    page, _ = open_page(chapter.html, viewport=DESKTOP)
    for name in chapter.figures:
        layout = page.locator(f"figure.figure-data-{name} svg").evaluate(LAYOUT)
        texts, rects = layout["texts"], layout["rects"]
        for index, text in enumerate(texts):
            centre = {"x": text["x"] + text["w"] / 2, "y": text["y"] + text["h"] / 2, "w": 0, "h": 0}
            around = [r for r in rects if _inside(centre, r, 0)]
            if around:
                box = min(around, key=lambda r: r["w"] * r["h"])
                assert _inside(text, box), f"{name}: « {text['text']} » overflows its box"
            clashes = [other["text"] for other in texts[index + 1:] if _overlap(text, other)]
            assert not clashes, f"{name}: « {text['text']} » overlaps {clashes}"


def test_every_lab_shows_its_provenance_once(open_page, chapter):
    page, _ = open_page(chapter.html)
    open_all_dropdowns(page)
    labs = page.locator("div.lab")
    assert labs.count() == len(chapter.blocks("lab")), "not one lab box per {lab} block of the source"
    for index in range(labs.count()):
        provenance = labs.nth(index).locator(".lab-provenance")
        assert provenance.count() == 1, f"lab {index + 1}: {provenance.count()} provenance lines"
        assert provenance.inner_text().startswith("Sortie vérifiée"), f"lab {index + 1}"
        assert provenance.is_visible()

"""Readers without a mouse: keyboard focus stays visible, copy buttons show on touch screens."""

from __future__ import annotations

import pytest

from chapters import chapters, params


# The focused element's outline rectangle, and the rectangle every clipping ancestor
# (overflow other than visible) leaves visible; both in viewport pixels.
OUTLINE_AND_CLIP = """el => {
    const style = getComputedStyle(el);
    const reach = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
    const box = el.getBoundingClientRect();
    const outline = [box.left - reach, box.top - reach, box.right + reach, box.bottom + reach];
    let clip = [-Infinity, -Infinity, Infinity, Infinity];
    for (let node = el.parentElement; node; node = node.parentElement) {
        const s = getComputedStyle(node);
        if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
            const r = node.getBoundingClientRect();
            clip = [Math.max(clip[0], r.left), Math.max(clip[1], r.top),
                    Math.min(clip[2], r.right), Math.min(clip[3], r.bottom)];
        }
        if (node === document.body) break;
    }
    return {outline, clip, style: style.outlineStyle, width: parseFloat(style.outlineWidth)};
}"""


def _focus_by_keyboard(page, selector: str):
    """Tab until `selector` has the focus, as a keyboard user would reach it."""
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return page.locator(":focus")
    raise AssertionError(f"{selector} never got the keyboard focus")


def _fully_visible(outline: list[float], clip: list[float]) -> bool:
    left, top, right, bottom = outline
    return left >= clip[0] - 0.5 and top >= clip[1] - 0.5 and right <= clip[2] + 0.5 and bottom <= clip[3] + 0.5


@pytest.mark.parametrize("chapter", params([c for c in chapters() if c.blocks("dropdown")]))  # with a solution to focus
def test_solution_focus_outline_is_not_clipped(open_page, chapter):
    page, _ = open_page(chapter.html, viewport={"width": 1366, "height": 900})
    summary = _focus_by_keyboard(page, "details.sd-dropdown > summary")
    found = summary.evaluate(OUTLINE_AND_CLIP)
    assert found["style"] != "none" and found["width"] >= 2, f"no visible focus outline: {found}"
    assert _fully_visible(found["outline"], found["clip"]), (
        f"the focus outline {found['outline']} is cut by an overflow box {found['clip']}"
    )


def test_clipping_is_detected():
    """The check can fail: an outline drawn outside a box that clips it."""
    assert not _fully_visible([8, 8, 112, 52], [10, 10, 110, 50])
    assert _fully_visible([12, 12, 108, 48], [10, 10, 110, 50])


def test_copy_button_is_visible_on_a_touch_screen(open_page, chapter):
    page, _ = open_page(
        chapter.html, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    assert page.evaluate("matchMedia('(hover: none)').matches"), "the viewport still claims a mouse"
    buttons = page.locator("div.highlight button.copybtn")
    assert buttons.count() > 0, "the chapter has no copy button"
    opacity = float(buttons.first.evaluate("b => getComputedStyle(b).opacity"))
    assert opacity > 0.5, f"copy button opacity {opacity} on a touch screen"


def test_copy_button_waits_for_the_mouse_on_a_desktop(open_page, chapter):
    """The touch rule is scoped: with a mouse the button still appears on hover only."""
    page, _ = open_page(chapter.html, viewport={"width": 1366, "height": 900})
    button = page.locator("div.highlight button.copybtn").first
    assert float(button.evaluate("b => getComputedStyle(b).opacity")) == 0

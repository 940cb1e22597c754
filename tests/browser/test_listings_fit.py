"""Listings that fit: nothing cut off sideways on a desktop or a phone, a wrapped line marked as
such, every tab's content on paper, each under its label (the EPUB's: tests/epub)."""

from __future__ import annotations

import pytest

from browser.browser import open_all_dropdowns
from chapters import chapters, params

# Chapters a phone must wrap: a lab output line far wider than its 390 px (about 40 columns).
LONG_OUTPUT_LINE = 60
WRAPPING = params([c for c in chapters() if any(
    len(line) > LONG_OUTPUT_LINE for output in c.snippets.glob("*/output*.txt") for line in output.read_text(encoding="utf-8").splitlines())])
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}

# Every visible listing wider than its box: where it is (lab number, or the section) and by how much.
OVERFLOWING = """() => [...document.querySelectorAll('div.highlight pre')]
  .filter(pre => pre.offsetParent !== null && pre.scrollWidth > pre.clientWidth + 1)
  .map(pre => {
    const lab = pre.closest('div.lab');
    const where = lab ? lab.querySelector('.lab-number').textContent + ' '
        + (pre.closest('.lab-part, .lab-replay')?.querySelector('.caption-text')?.textContent || 'Rejouer')
      : (pre.closest('section')?.querySelector('h1, h2, h3, h4')?.textContent || '?');
    return `${where.replace('#', '').trim()}: ${pre.scrollWidth - pre.clientWidth} px`;
  })"""


def overflowing_listings(page) -> list[str]:
    """Every listing a reader can reach (dropdowns open, each tab in turn) that is cut off sideways."""
    open_all_dropdowns(page)
    found = page.evaluate(OVERFLOWING)
    labels = page.locator(".sd-tab-set > label")
    for index in range(labels.count()):
        labels.nth(index).click()
        found += page.evaluate(OVERFLOWING)
    return sorted(set(found))


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_no_listing_is_cut_off_sideways(open_page, viewport, chapter):
    page, _ = open_page(chapter.html, viewport=viewport)
    overflowing = overflowing_listings(page)
    assert not overflowing, f"{len(overflowing)} listings need sideways scrolling at {viewport['width']} px: {overflowing}"


def test_a_72_column_script_fits_a_desktop_and_a_longer_one_is_caught(open_page, chapter):
    """The width the listings are written to (72 columns) fits the lab block; one more column than fits is seen."""
    page, _ = open_page(chapter.html, viewport=VIEWPORTS["desktop"])
    lab = page.locator("div.lab").first
    script, number = lab.locator(".lab-script pre"), lab.locator(".lab-number").inner_text()

    def overflows_with(columns: int) -> bool:
        script.evaluate("(pre, n) => { pre.textContent = 'x'.repeat(n) + '\\n'; }", columns)
        return any(found.startswith(f"{number} Script:") for found in page.evaluate(OVERFLOWING))

    assert not overflows_with(72)
    assert overflows_with(100)


@pytest.mark.parametrize("chapter", WRAPPING)
def test_a_wrapped_line_goes_on_under_its_text_with_a_mark(open_page, chapter):
    page, _ = open_page(chapter.html, viewport=VIEWPORTS["phone"])
    # Lines shown: not those of an unselected tab (no layout box at all).
    wrapped = page.evaluate("""() => [...document.querySelectorAll('div.lab .lab-output-part pre .ln')]
      .filter(line => line.getClientRects().length)
      .filter(line => line.getClientRects()[0].height > 1.5 * parseFloat(getComputedStyle(line).lineHeight))
      .map(line => { const s = getComputedStyle(line);
        return [parseFloat(s.paddingInlineStart), parseFloat(s.textIndent), s.backgroundImage]; })""")
    assert wrapped, "no output line wraps on a phone: nothing to check (or the lines are cut off)"
    for padding, indent, mark in wrapped:
        assert padding > 0 and indent == -padding, "a continuation must hang under its line's text"
        assert "linear-gradient" in mark, "a continuation must be marked in the gutter"


def test_copying_a_listing_copies_its_lines_unchanged(open_page, chapter):
    page, _ = open_page(chapter.html, viewport=VIEWPORTS["phone"])
    pre = page.locator("div.lab .lab-output-part pre").first
    assert pre.evaluate("p => p.innerText") == pre.evaluate("p => p.textContent"), "line spans changed the text"


def assert_every_tab_unfolded(page, label: str, where: str) -> None:
    """Every tab's content shown, under its own label, one tab after the other (paper, e-book)."""
    tab_sets = page.locator(".sd-tab-set")
    assert tab_sets.count() > 0, f"{where}: the chapter has no tab set"
    for index in range(tab_sets.count()):
        labels = tab_sets.nth(index).locator(f":scope > {label}")
        contents = tab_sets.nth(index).locator(":scope > .sd-tab-content")
        assert labels.count() == contents.count() > 1
        for tab in range(contents.count()):
            assert labels.nth(tab).is_visible() and contents.nth(tab).is_visible(), f"{where}: tab {tab + 1} of set {index + 1} hidden"
            label_box, content_box = labels.nth(tab).bounding_box(), contents.nth(tab).bounding_box()
            assert label_box["y"] + label_box["height"] <= content_box["y"] + 1, f"{where}: tab {tab + 1} label not above its content"
        first, second = labels.nth(0).bounding_box(), labels.nth(1).bounding_box()
        assert second["y"] > first["y"], f"{where}: tab labels run together on one line"


@pytest.mark.parametrize("chapter", params([c for c in chapters() if c.tab_sets()]))
def test_print_shows_every_tab_under_its_label(open_page, chapter):
    page, _ = open_page(chapter.html, viewport=VIEWPORTS["desktop"])
    page.emulate_media(media="print")
    assert_every_tab_unfolded(page, "label", "print")


def test_print_cuts_no_listing_off(open_page, chapter):
    page, _ = open_page(chapter.html, viewport={"width": 700, "height": 900})  # about an A4 page's text column
    page.emulate_media(media="print")
    assert page.evaluate(OVERFLOWING) == []

"""What a reader clicks: exercise solutions (dropdowns) and tabs open."""

from __future__ import annotations

from browser.browser import open_all_dropdowns


def test_exercise_solutions_open(open_page, chapter):
    page, log = open_page(chapter.html)
    dropdowns = page.locator("details.sd-dropdown")
    assert dropdowns.count() == len(chapter.blocks("dropdown")), "not one dropdown per {dropdown} block of the source"
    for index in range(dropdowns.count()):
        dropdown = dropdowns.nth(index)
        body = dropdown.locator(".sd-summary-content")
        assert not body.is_visible(), f"solution {index + 1} is open before any click"
        dropdown.locator("summary").click()
        assert dropdown.evaluate("d => d.open"), f"solution {index + 1} did not open"
        assert body.is_visible() and body.inner_text().strip()
    assert not log.console_errors, log.console_errors


def test_tabs_switch(open_page, chapter):
    page, log = open_page(chapter.html)
    open_all_dropdowns(page)  # a tab set may sit in an exercise's solution
    tab_sets = page.locator(".sd-tab-set")
    assert tab_sets.count() == chapter.tab_sets(), "not one tab-set per {tab-set} block and per lab with two outputs"
    for index in range(tab_sets.count()):
        labels = tab_sets.nth(index).locator(":scope > label")
        contents = tab_sets.nth(index).locator(":scope > .sd-tab-content")
        for tab in range(labels.count()):
            labels.nth(tab).click()
            assert contents.nth(tab).is_visible(), f"tab {tab + 1} of set {index + 1} hidden"
            for other in range(contents.count()):
                if other != tab:
                    assert not contents.nth(other).is_visible()
    assert not log.console_errors, log.console_errors

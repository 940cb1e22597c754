"""The figures and the labs' provenance, as each chapter page shows them."""

from __future__ import annotations

from browser.browser import open_all_dropdowns


def test_every_figure_is_drawn_with_french_alternative_text(open_page, chapter):
    page, _ = open_page(chapter.html, viewport={"width": 1280, "height": 900})
    for name in chapter.figures:
        figure = page.locator(f"figure.figure-data-{name}")
        assert figure.count() == 1, f"figure {name} is not in the chapter ({{figure-data}} {name})"
        svg = figure.locator("svg[role=img]")
        label = svg.get_attribute("aria-label") or ""
        assert len(label) > 80 and " le " in f" {label} ", f"{name}: no French alternative text"
        box = svg.bounding_box()
        assert box and box["width"] > 250 and box["height"] > 150, f"{name} is drawn too small"
        assert figure.locator("figcaption").inner_text().strip()


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

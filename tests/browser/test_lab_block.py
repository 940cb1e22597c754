"""The lab block as a reader sees it: a number to cite, a name, Script and Sortie told apart,
its facts labelled, how to replay it, and its path small and whole on a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser.browser import open_all_dropdowns

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
FACTS = ["Privilèges\u00a0:", "Conteneur\u00a0:", "Sortie vérifiée\u00a0:", "Rejouer ce lab\u00a0:"]
OUTPUT_CAPTIONS = {"Sortie", "Sortie standard", "Sortie d’erreur"}  # the text; lab.css shows it in capitals


def lab_blocks(open_page, viewport, chapter):
    page, log = open_page(chapter.html, viewport=viewport)
    open_all_dropdowns(page)
    labs = page.locator("div.lab")
    assert labs.count() > 0, "the chapter shows no lab"
    return page, log, labs


def test_every_lab_has_a_number_a_name_and_its_parts_labelled(open_page, chapter):
    page, log, labs = lab_blocks(open_page, DESKTOP, chapter)
    numbers = []
    for index in range(labs.count()):
        lab = labs.nth(index)
        # Text as written (text_content), then what the reader sees (expect: it waits for the layout).
        number = lab.locator(".lab-title .lab-number").text_content()
        assert re.fullmatch(r"Lab \d+\.\d+-\d+", number), f"lab {index + 1}: number {number!r}"
        assert lab.get_attribute("id") == "lab-" + re.sub(r"\W", "-", number[4:]), f"{number}: no anchor to cite it by"
        name = lab.locator(".lab-title .lab-name")
        assert name.count() == 1 and name.text_content().strip(), f"{number}: no name (a short French title = \"…\" in its lab.toml)"
        # An output of two platforms sits in tabs: « Sortie (cgroup v2) », « Sortie (cgroup v1) ».
        captions = [c.strip() for c in lab.locator(":scope > .lab-part .caption-text, "
                                                   ":scope > .lab-output-platforms .lab-part .caption-text").all_text_contents()]
        shown = {re.sub(r" \(cgroup v[12]\)$", "", c) for c in captions[1:]}
        assert captions[0] == "Script" and shown <= OUTPUT_CAPTIONS and len(captions) > 1, f"{number}: {captions}"
        names = lab.locator(".lab-facts .lab-fact-name").all_text_contents()
        assert names == FACTS, f"{number}: facts {names}"
        replay = lab.locator(".lab-replay .lab-fact-value code").first.text_content()
        assert re.fullmatch(r"make lab LAB=\d\d-[a-z0-9-]+", replay), f"{number}: {replay!r}"
        # Where a reader looks at it: its solution dropdown open (seen closed again mid-test, ~1 run in 3).
        lab.evaluate("lab => { const solution = lab.closest('details'); if (solution) solution.open = true; }")
        lab.scroll_into_view_if_needed()
        for part in (".lab-title", ".lab-path", ".lab-script pre", ".lab-output-part pre", ".lab-facts"):
            expect(lab.locator(part).first, f"{number}: {part} not visible").to_be_visible()
        numbers.append(number)
    assert len(set(numbers)) == len(numbers), "two labs share a number"
    assert not log.console_errors, log.console_errors


def _style(locator, prop: str) -> str:
    return locator.evaluate("(element, prop) => getComputedStyle(element).getPropertyValue(prop)", prop)


def test_script_and_output_look_different_and_the_path_is_secondary(open_page, chapter):
    page, _, labs = lab_blocks(open_page, DESKTOP, chapter)
    lab = labs.first
    script, output = lab.locator(".lab-script"), lab.locator(".lab-output-part").first
    for prop in ("background-color",):
        assert _style(script.locator(".code-block-caption"), prop) != _style(output.locator(".code-block-caption"), prop)
        assert _style(script.locator("pre"), prop) != _style(output.locator("pre"), prop)
    body_size = float(_style(page.locator("article p").first, "font-size").removesuffix("px"))
    path_size = float(_style(lab.locator(".lab-path"), "font-size").removesuffix("px"))
    title_size = float(_style(lab.locator(".lab-title"), "font-size").removesuffix("px"))
    assert path_size < body_size <= title_size, (path_size, body_size, title_size)


def test_the_lab_path_breaks_only_after_a_slash_on_a_phone(open_page, chapter):
    page, _, labs = lab_blocks(open_page, PHONE, chapter)
    for index in range(labs.count()):
        path = labs.nth(index).locator(".lab-path")
        pieces = path.locator(".pre")
        for piece in range(pieces.count()):
            rects = pieces.nth(piece).evaluate("element => element.getClientRects().length")
            assert rects == 1, f"lab {index + 1}: « {pieces.nth(piece).inner_text()} » split over {rects} lines"
        assert path.evaluate("element => element.scrollWidth <= element.clientWidth"), f"lab {index + 1}: path overflows"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_chapter_links_to_its_labs_archive(open_page, viewport, chapter):
    page, _ = open_page(chapter.html, viewport=viewport)
    link = page.locator("p.lab-archive a.lab-archive-link")
    assert link.count() == 1 and link.is_visible() and link.inner_text() == "Télécharger les labs du chapitre"
    response = page.request.get(link.evaluate("a => a.href"))
    assert response.ok and response.body()[:4] == b"PK\x03\x04", "the archive link does not give a zip"

"""French search: a reader's query finds a chapter and lands on the section about it.

The queries of each chapter are its data: ``checks/search.toml`` beside its snippets.
"""

from __future__ import annotations

import re
from urllib.parse import quote_plus, urljoin

import pytest

from chapters import chapters_with

# (chapter, query, words one of which the landing section must contain) of every chapter.
QUERIES = [
    pytest.param(chapter, query, tuple(words), id=f"{chapter.docname}-{query}")
    for chapter in chapters_with("search")
    for query, words in sorted(chapter.data("search")["queries"].items())
]
TOP_RESULTS = 3  # the right section must be within what a reader sees first


def _results(open_page, query: str):
    page, log = open_page(f"search.html?q={quote_plus(query)}")
    page.wait_for_selector("#search-results ul.search li", timeout=20_000)
    links = page.eval_on_selector_all(
        "#search-results ul.search li > a", "links => links.map(a => a.getAttribute('href'))"
    )
    assert not log.console_errors, log.console_errors
    return page, links


@pytest.mark.parametrize("chapter,query,words", QUERIES)
def test_search_finds_the_chapter(open_page, chapter, query, words):
    _, links = _results(open_page, query)
    pages = [link.split("#")[0].split("?")[0] for link in links]
    assert chapter.html in pages, f"« {query} » does not find the chapter; results: {links}"


@pytest.mark.parametrize("chapter,query,words", QUERIES)
def test_search_lands_on_the_right_section(open_page, site, chapter, query, words):
    page, links = _results(open_page, query)
    in_chapter = [link for link in links[:TOP_RESULTS] if link.startswith(chapter.html + "#")]
    assert in_chapter, (
        f"none of the first {TOP_RESULTS} results for « {query} » leads to a section of the "
        f"chapter (add an index entry there, e.g. a {{index}} directive); results: {links}"
    )
    page.goto(urljoin(site.url("search.html"), in_chapter[0]), wait_until="networkidle")
    anchor = in_chapter[0].split("#", 1)[1]
    section_text = page.evaluate(
        """anchor => {
            const target = document.getElementById(anchor);
            const section = target && (target.closest('section') || target);
            return section ? section.innerText.toLowerCase() : null;
        }""",
        anchor,
    )
    assert section_text is not None, f"#{anchor} does not exist in the chapter"
    assert any(word in section_text for word in words), (
        f"the section at #{anchor} does not talk about « {query} »"
    )


# -- The search field: the magnifier beside the text, not over it -----------------------

# Right edge of the icon, left edge of where the input draws its text (box + padding).
ICON_AND_TEXT_EDGES = """form => {
    const icon = form.querySelector('.fa-magnifying-glass').getBoundingClientRect();
    const input = form.querySelector('input');
    const box = input.getBoundingClientRect();
    const style = getComputedStyle(input);
    return [icon.right, box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft)];
}"""


def test_search_page_field_keeps_the_icon_beside_the_text(open_page):
    page, _ = open_page("search.html", viewport={"width": 1366, "height": 900})
    form = page.locator(".bd-search-container form.bd-search")
    icon_right, text_left = form.evaluate(ICON_AND_TEXT_EDGES)
    assert icon_right <= text_left, f"the magnifier ends at {icon_right}px, the text starts at {text_left}px"


def test_search_dialog_field_keeps_the_icon_beside_the_text(open_page):
    page, _ = open_page("index.html", viewport={"width": 1366, "height": 900})
    page.keyboard.press("Control+k")
    form = page.locator("#pst-search-dialog form.bd-search")
    form.locator("input").wait_for(state="visible")
    icon_right, text_left = form.evaluate(ICON_AND_TEXT_EDGES)
    assert icon_right <= text_left, f"the magnifier ends at {icon_right}px, the text starts at {text_left}px"


# -- The results: one per section, titled, with a snippet of the section's text -----------

def _entries(open_page, query: str) -> tuple[list[dict], str]:
    """Each result as {href, page, title, snippet}, and the status line above them."""
    page, log = open_page(f"search.html?q={quote_plus(query)}")
    page.wait_for_selector("#search-results p.search-summary:not(:empty)", timeout=20_000)
    entries = page.eval_on_selector_all(
        "#search-results ul.search > li",
        """items => items.map(li => ({
            href: li.querySelector(':scope > a').getAttribute('href'),
            page: (li.querySelector(':scope > .search-page') || {}).textContent || '',
            title: li.querySelector(':scope > a').textContent,
            snippet: (li.querySelector(':scope > p.context') || {}).textContent || '',
        }))""",
    )
    assert not log.console_errors, log.console_errors
    return entries, page.inner_text("#search-results p.search-summary")


@pytest.mark.parametrize("chapter,query,words", QUERIES)
def test_each_result_is_one_titled_section_with_a_snippet(open_page, chapter, query, words):
    entries, _ = _entries(open_page, query)
    hrefs = [entry["href"] for entry in entries]
    assert len(hrefs) == len(set(hrefs)), f"« {query} »: a section is listed twice: {hrefs}"
    for entry in entries:
        assert entry["title"].strip(), f"« {query} »: an untitled result {entry}"
        assert entry["snippet"].strip(), f"« {query} »: no snippet for {entry['href']}"
        assert "Sur cette page" not in entry["snippet"], f"sidebar text in the snippet of {entry['href']}"
    in_chapter = [entry for entry in entries if entry["href"].startswith(chapter.html)]
    assert in_chapter and all("#" in entry["href"] and entry["page"] for entry in in_chapter), (
        f"« {query} »: chapter results must lead to a section and name the page: {in_chapter}"
    )


def test_glossary_snippet_separates_the_terms(open_page):
    """A term with synonyms reads « cgroup, groupe de contrôle, control group : … », not glued."""
    entries, _ = _entries(open_page, "cgroup")
    glossary = [entry for entry in entries if entry["href"].startswith("glossaire.html#term-cgroup")]
    assert glossary, f"the glossary's cgroup entry is not a result: {entries}"
    snippet = glossary[0]["snippet"]
    assert "groupe de contrôle, control group" in snippet, snippet
    assert "cgroupgroupe" not in snippet and "contrôlecontrol" not in snippet, snippet


@pytest.mark.parametrize("chapter,query,words", QUERIES)
def test_counts_say_what_is_listed(open_page, chapter, query, words):
    entries, status = _entries(open_page, query)
    pages = {entry["href"].split("#")[0] for entry in entries}
    match = re.search(r"(\d+)\s(?:section|sections) trouvées? dans (\d+)\spages?", status)
    assert match, f"status line: {status!r}"
    assert (int(match[1]), int(match[2])) == (len(entries), len(pages)), (status, entries)

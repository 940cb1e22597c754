"""French search: a reader's query finds a chapter and lands on the section about it.

The queries of each chapter are its data: ``checks/search.toml`` beside its snippets.
"""

from __future__ import annotations

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

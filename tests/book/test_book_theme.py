"""The reader only ever sees French: page language and every interface string of the theme."""

import re

import pytest

from bookpages import clone, interface_strings, load
from chapters import chapters

# Pages of every kind the theme renders: home, parts, chapters, appendix, search, index.
CHAPTER_PAGES = tuple(chapter.html for chapter in chapters())
PAGES = (
    "index.html",
    *sorted({chapter.part_index for chapter in chapters()}),
    *CHAPTER_PAGES,
    "glossaire.html",
    "bibliographie.html",
    "search.html",
    "genindex.html",
)

# English strings themes are known to leave behind (sphinx-book-theme, pydata, furo...).
ENGLISH_INTERFACE = re.compile(
    r"\b(Search|Skip to|Back to top|Contents|Toggle|Print to|Download|Fullscreen|Full screen"
    r"|Copyright|Made with|Light mode|Dark mode|Previous|Next|On this page|Table of contents"
    r"|Main|Site navigation|Show source|Edit this page|By the|Theme|Light|Dark"
    r"|Copy to clipboard|Copied|Close)\b"
)


def english_interface_strings(strings: list[str]) -> list[str]:
    return sorted({s for s in strings if ENGLISH_INTERFACE.search(s)})


@pytest.mark.parametrize("page", PAGES)
def test_page_is_declared_french(built_html, page):
    assert load(built_html / page).html.get("lang") == "fr"


@pytest.mark.parametrize("page", PAGES)
def test_no_english_interface_string(built_html, page):
    assert english_interface_strings(interface_strings(load(built_html / page))) == []


def test_an_english_tooltip_is_reported(built_html):
    page = clone(load(built_html / CHAPTER_PAGES[0]))
    page.body.append(page.new_tag("button", attrs={"title": "Toggle primary sidebar"}))
    assert english_interface_strings(interface_strings(page)) == ["Toggle primary sidebar"]


def test_an_english_language_declaration_is_reported(built_html):
    page = clone(load(built_html / PAGES[0]))
    page.html["lang"] = "en"
    assert page.html.get("lang") != "fr"

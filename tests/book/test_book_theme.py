"""The reader only ever sees French: page language and every interface string of the theme."""

import re
from pathlib import Path

import pytest

from bookpages import clone, interface_strings, load, normalize
from chapters import chapters
from site_files import extension, reader_pages

# Pages of every kind the theme renders: home, parts, chapters, appendix, search, index, 404.
CHAPTER_PAGES = tuple(chapter.html for chapter in chapters())
PAGES = (
    "index.html",
    *sorted({chapter.part_index for chapter in chapters()}),
    *CHAPTER_PAGES,
    "glossaire.html",
    "bibliographie.html",
    "search.html",
    "genindex.html",
    "404.html",
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


# -- The page head: one viewport tag, a favicon, search scripts only where searched --------

def test_every_page_has_one_viewport_tag(built_html):
    counts = {
        str(path.relative_to(built_html)): len(load(path).find_all("meta", attrs={"name": "viewport"}))
        for path in reader_pages(built_html)
    }
    assert {page: count for page, count in counts.items() if count != 1} == {}


def test_every_page_links_a_favicon_that_exists(built_html):
    for path in reader_pages(built_html):
        if path.name == "404.html":
            continue  # its links are absolute (/fr/latest/…): tests/book/test_readthedocs.py
        icon = load(path).find("link", rel="icon")
        assert icon is not None, f"{path.name}: no favicon"
        assert (path.parent / icon["href"]).resolve().is_file(), f"{path.name}: {icon['href']} missing"


def test_search_index_is_loaded_by_the_search_page_only(built_html):
    def loads_index(path):
        return any("searchindex.js" in tag.get("src", "") for tag in load(path).find_all("script"))

    assert loads_index(built_html / "search.html")
    assert [p.name for p in reader_pages(built_html) if p.name != "search.html" and loads_index(p)] == []


# -- Repository, edit and issue links, in French --------------------------------------------

SOURCE_PAGES = [page for page in PAGES if page not in ("search.html", "genindex.html", "404.html")]
BUTTONS = {
    "btn-source-repository-button": "Dépôt du livre",
    "btn-source-edit-button": "Modifier cette page",
    "btn-source-issues-button": "Signaler une erreur",
}


@pytest.mark.parametrize("page", SOURCE_PAGES)
def test_repository_edit_and_issue_links(built_html, page):
    from book_build import BOOK_DIR

    soup = load(built_html / page)
    for css_class, label in BUTTONS.items():
        link = soup.find("a", class_=css_class)
        assert link is not None, f"{page}: no {label!r} link"
        assert link["title"] == label and normalize(link.get_text()) == label
    edit = soup.find("a", class_="btn-source-edit-button")["href"]
    source = edit.split("/edit/main/", 1)[1]
    assert (BOOK_DIR.parent / source).is_file(), f"{page}: the edit link points at {source}"
    issue = soup.find("a", class_="btn-source-issues-button")["href"]
    assert "/issues/new?title=Erreur%20sur%20la%20page%20" in issue, issue


# -- The icon font holds every icon the pages show -----------------------------------------

def test_icon_font_has_every_icon_the_pages_use(built_html):
    """The subset of conf/_ext/icon_font.py misses no icon: an icon without glyph is a blank box.

    Icons the theme's own font has, that is: brand logos (GitHub…) live in another font.
    """
    import pydata_sphinx_theme
    from fontTools.ttLib import TTFont

    icon_font = extension("icon_font")
    theme_font = Path(pydata_sphinx_theme.__file__).parent / "theme/pydata_sphinx_theme/static/vendor/fontawesome/webfonts" / icon_font.SOLID_FONT.name
    kept = set(TTFont(built_html / icon_font.SOLID_FONT).getBestCmap())
    wanted = icon_font.used_icons(built_html) & set(TTFont(theme_font).getBestCmap())
    assert wanted and not wanted - kept, f"icons missing from the font: {sorted(map(hex, wanted - kept))}"
    assert (built_html / icon_font.SOLID_FONT).stat().st_size < 20_000, "the icon font was not cut down"


def test_icons_a_page_uses_are_found():
    """The scan can fail: a class and a stylesheet escape are both seen."""
    icon_font = extension("icon_font")
    css = '.fa-bars,.fa-navicon{--fa:"\\f0c9"} .x::after{content:"\\f0eb"}'
    assert icon_font.icon_code_points(css) == {"fa-bars": 0xF0C9, "fa-navicon": 0xF0C9}
    assert icon_font.drawn_by_stylesheets(css) == {0xF0EB}


def test_home_and_part_titles_name_the_book_once(built_html):
    """The book's name is not its part's: Précédent/Suivant and the tab's title tell them apart."""
    home = (built_html / "index.html").read_text(encoding="utf-8")
    assert "<title>Docker en pratique</title>" in home
    for chapter in chapters():
        part = (built_html / chapter.part_index).read_text(encoding="utf-8")
        part_title = part.split("<title>", 1)[1].split("</title>", 1)[0]
        assert part_title.count("Docker en pratique") == 1, part_title

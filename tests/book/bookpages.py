"""Reading built HTML pages of the book: visible strings, assets, the article body."""

from __future__ import annotations

import copy
import re
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag

# Attributes a reader sees (tooltips, placeholders) or hears (screen readers).
READER_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
# Elements whose text is never shown as prose.
NON_PROSE = ("script", "style", "noscript", "template")


def load(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def clone(soup: BeautifulSoup) -> BeautifulSoup:
    """A copy to mutate in tests that prove a check can fail."""
    return copy.copy(soup)


def normalize(text: str) -> str:
    """Compare text as a reader would: any space is a space, any apostrophe is '."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")
    return re.sub(r"\s+", " ", text).strip()


def visible_strings(soup: BeautifulSoup) -> list[str]:
    """Text nodes outside scripts and styles, plus reader-facing attribute values.

    HTML comments, doctype and the like are subclasses of NavigableString: only plain text
    nodes are shown to the reader.
    """
    strings = [
        str(node).strip()
        for node in soup.find_all(string=True)
        if type(node) is NavigableString
        and node.parent is not None
        and node.parent.name not in NON_PROSE
        and str(node).strip()
    ]
    for tag in soup.find_all(True):
        strings.extend(tag.get(attribute) for attribute in READER_ATTRIBUTES if tag.get(attribute))
    return strings


def interface_strings(soup: BeautifulSoup) -> list[str]:
    """What the theme itself says: the page minus the book's own words (article, titles).

    Attributes (tooltips, aria labels, placeholders) are always kept: they are all theme's.
    """
    page = clone(soup)
    for node in page.select("title, article.bd-article, #pst-page-toc-nav a, .bd-docs-nav a, .prev-next-title"):
        node.clear()
    return visible_strings(page)


def article(soup: BeautifulSoup) -> Tag:
    """The page's own content, without the theme's navigation around it."""
    body = soup.select_one("article.bd-article") or soup.select_one('[role="main"]')
    assert body is not None, "no <article class='bd-article'> in the page: did the theme change?"
    return body


def section_of(soup: BeautifulSoup, label: str) -> Tag | None:
    """The <section> a `(label)=` target points at (MyST puts the id on the section)."""
    target = soup.find(id=label)
    if target is None:
        return None
    return target if target.name == "section" else target.find_parent("section")


def asset_urls(soup: BeautifulSoup) -> list[str]:
    """URLs the browser loads by itself when it opens the page (not links the reader follows)."""
    urls = []
    for tag in soup.find_all(["script", "img", "iframe", "source", "audio", "video", "embed"]):
        if tag.get("src"):
            urls.append(tag["src"])
    for tag in soup.find_all("link"):
        if tag.get("href") and set(tag.get("rel", [])) - {"canonical", "prev", "next", "index", "search", "alternate"}:
            urls.append(tag["href"])
    for tag in soup.find_all(style=True):
        urls.extend(re.findall(r"url\(\s*['\"]?([^'\")]+)", tag["style"]))
    return urls


def css_remote_urls(css: str) -> list[str]:
    """Remote URLs a stylesheet would fetch (url(...) and @import), comments excluded."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = re.findall(r"url\(\s*['\"]?(https?://[^'\")]+)", css)
    found += re.findall(r"@import\s+['\"](https?://[^'\"]+)", css)
    return found


def is_remote(url: str) -> bool:
    return bool(re.match(r"^(https?:)?//", url.strip(), flags=re.I))

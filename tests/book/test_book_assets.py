"""The built book loads nothing from another host: no CDN script, style, font or image."""

import pytest

from bookpages import asset_urls, clone, css_remote_urls, is_remote, load


def html_pages(root):
    return sorted(root.rglob("*.html"))


def remote_assets(page) -> list[str]:
    return [url for url in asset_urls(page) if is_remote(url)]


def test_no_page_loads_an_asset_from_another_host(built_html):
    offenders = {
        str(path.relative_to(built_html)): remote_assets(load(path))
        for path in html_pages(built_html)
    }
    assert {page: urls for page, urls in offenders.items() if urls} == {}


def test_no_stylesheet_fetches_from_another_host(built_html):
    offenders = {
        str(path.relative_to(built_html)): css_remote_urls(path.read_text(encoding="utf-8"))
        for path in sorted((built_html / "_static").rglob("*.css"))
    }
    assert {css: urls for css, urls in offenders.items() if urls} == {}


@pytest.mark.parametrize(
    "tag, attrs",
    [
        ("script", {"src": "https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js"}),
        ("link", {"rel": "stylesheet", "href": "//fonts.googleapis.com/css?family=Lato"}),
        ("img", {"src": "http://example.org/logo.png"}),
    ],
)
def test_a_remote_asset_is_reported(built_html, tag, attrs):
    page = clone(load(built_html / "index.html"))
    page.head.append(page.new_tag(tag, attrs=attrs))
    assert remote_assets(page) == [attrs.get("src") or attrs.get("href")]


def test_a_remote_font_in_a_stylesheet_is_reported():
    css = "/* https://ignored.example */ @font-face { src: url('https://fonts.gstatic.com/x.woff2'); }"
    assert css_remote_urls(css) == ["https://fonts.gstatic.com/x.woff2"]

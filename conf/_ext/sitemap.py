"""sitemap.xml and robots.txt for the HTML book, so search engines find every chapter.

Kept in-repo rather than sphinx-sitemap: that package starts a multiprocessing manager
process on every build (any builder) and, by default, prefixes each address with the
language and version that Read the Docs' canonical URL already holds (/fr/latest/).
The addresses are `html_baseurl` + each page's file, as the canonical links of the pages.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from sphinx.application import Sphinx

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
# Pages a search engine should not list: the search page, the index, the 404 page.
UNLISTED = {"search", "genindex", "404"}


def page_urls(app: Sphinx) -> list[str]:
    base = app.config.html_baseurl
    return [
        base + app.builder.get_target_uri(docname)
        for docname in sorted(app.env.found_docs)
        if docname not in UNLISTED
    ]


def write_sitemap(urls: list[str], target: Path) -> None:
    urlset = ElementTree.Element("urlset", xmlns=SITEMAP_NS)
    for url in urls:
        ElementTree.SubElement(ElementTree.SubElement(urlset, "url"), "loc").text = url
    ElementTree.indent(urlset)
    ElementTree.ElementTree(urlset).write(target, encoding="utf-8", xml_declaration=True)


def _write(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in ("html", "dirhtml") or not app.config.html_baseurl:
        return
    outdir = Path(app.outdir)
    write_sitemap(page_urls(app), outdir / "sitemap.xml")
    # Read the Docs serves the default version's robots.txt at the root of the domain.
    robots = f"User-agent: *\nDisallow:\n\nSitemap: {app.config.html_baseurl}sitemap.xml\n"
    (outdir / "robots.txt").write_text(robots, encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", _write)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

"""EPUB only: turn sphinx-design's web-only HTML into what an e-book accepts, in French.

sphinx-design writes two things epubcheck rejects (RSC-005, RSC-016, OPF-014):

- the chevron of every dropdown, an inline ``<svg>`` without the SVG namespace, which the
  EPUB manifest cannot declare either. The icon only decorates the web page; the dropdown
  itself (``<details>``) works the same without it.
- tabs, drawn as radio ``<input>`` elements left unclosed, which XHTML does not allow.
  An e-book has no use for the radio trick anyway: each tab becomes a small heading
  (its label) followed by its content, so the reader sees every tab one after the other.
  sphinx-design's stylesheet would still hide every ``.sd-tab-content`` whose radio input is
  not checked and line the labels up in one flex row: lab.css unfolds them in the EPUB.

Sphinx's EPUB builder also writes two English strings the book must not show: the title
of the navigation document (« Table of Contents ») and an empty « Footnotes » heading at the
end of every page, even of pages without a single link (``epub_show_urls = "footnote"``).

Figures are not concerned: the EPUB shows them as SVG files (conf/_ext/figures/).
"""

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import _epub_base
from sphinx.builders.epub3 import Epub3Builder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx_design.tabs import sd_tab_input, sd_tab_label

NOTES_TITLE = "Notes"  # heading of the links' footnotes (Sphinx: "Footnotes")


class DropInlineSvg(SphinxPostTransform):
    default_priority = 250  # after sphinx-design's dropdown transform (199) adds the icons
    builders = ("epub",)

    def run(self, **kwargs) -> None:
        for raw in list(self.document.findall(nodes.raw)):
            if "html" in raw.get("format", "").split() and raw.astext().lstrip().startswith("<svg"):
                raw.parent.remove(raw)


class TabsAsSections(SphinxPostTransform):
    default_priority = 250  # after sphinx-design's tab transform (200) adds inputs and labels
    builders = ("epub",)

    def run(self, **kwargs) -> None:
        # sphinx-design assigns a tab-set's children as a plain list, so they have no
        # .parent: rebuild each tab-set's list rather than asking a child to leave it.
        for tab_set in self.document.findall(nodes.container):
            if not any(isinstance(child, sd_tab_input) for child in tab_set.children):
                continue
            children = []
            for child in tab_set.children:
                if isinstance(child, sd_tab_input):
                    continue
                if isinstance(child, sd_tab_label):
                    child = nodes.rubric("", "", *child.children, ids=child["ids"], classes=["tab-label"])
                children.append(child)
            tab_set.children = []
            tab_set.extend(children)


def _has_shown_url(tree: nodes.document) -> bool:
    """Whether add_visible_links will add a footnote: an external link whose text hides its URL."""
    return any(
        ref.get("refuri", "").startswith(("http:", "https:", "ftp:"))
        and ref["refuri"] not in ref.astext()
        for ref in tree.findall(nodes.reference)
    )


class FrenchEpub3Builder(Epub3Builder):
    """Sphinx's EPUB 3 builder with its own navigation and notes headings in French."""

    guide_titles = {**_epub_base.GUIDE_TITLES, "toc": "Table des matières", "cover": "Couverture"}

    def add_visible_links(self, tree: nodes.document, show_urls: str = "inline") -> None:
        if show_urls == "footnote" and not _has_shown_url(tree):
            return  # Sphinx would still append an empty « Footnotes » heading
        super().add_visible_links(tree, show_urls)
        for rubric in tree.findall(nodes.rubric):
            if rubric.astext() == _epub_base.FOOTNOTES_RUBRIC_NAME:
                rubric[:] = [nodes.Text(NOTES_TITLE)]


def setup(app: Sphinx) -> dict:
    app.add_builder(FrenchEpub3Builder, override=True)
    app.add_post_transform(DropInlineSvg)
    app.add_post_transform(TabsAsSections)
    return {"version": "3", "parallel_read_safe": True, "parallel_write_safe": True}

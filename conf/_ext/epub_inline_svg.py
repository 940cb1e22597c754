"""EPUB only: drop the decorative inline SVG icons other extensions write as raw HTML.

sphinx-design draws the chevron of every dropdown as an inline ``<svg>`` without the SVG
namespace, and Sphinx's EPUB manifest cannot declare the ``svg`` property such pages need:
epubcheck rejects both (RSC-005, OPF-014). The icons only decorate the web page; the
dropdown itself (``<details>``) works the same without them. Figures are not concerned:
the EPUB shows them as SVG files (conf/_ext/figures/).
"""

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform


class DropInlineSvg(SphinxPostTransform):
    default_priority = 250  # after sphinx-design's dropdown transform (199) adds the icons
    builders = ("epub",)

    def run(self, **kwargs) -> None:
        for raw in list(self.document.findall(nodes.raw)):
            if "html" in raw.get("format", "").split() and raw.astext().lstrip().startswith("<svg"):
                raw.parent.remove(raw)


def setup(app: Sphinx) -> dict:
    app.add_post_transform(DropInlineSvg)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

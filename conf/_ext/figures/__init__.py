"""Sphinx extension: figures laid out and drawn at build time, in Python, from conf/figures/.

In the book, one line places a figure::

    ```{figure-data} timeline
    ```

The argument names ``conf/figures/<name>.toml`` (kind, French alternative text, caption,
data). The SVG is computed when the page is read and kept in the pickled doctree, with the
data file and the drawing code noted as dependencies: an unchanged build redraws nothing,
and editing a data file rebuilds only the pages that show it.
"""

from pathlib import Path

from sphinx.application import Sphinx

from . import palette
from .directive import FigureData, FigureSvg, visit_figure_svg_html, visit_figure_svg_other

STYLESHEET = "figures.css"


def _write_stylesheet(app: Sphinx) -> None:
    # Web pages only: the EPUB shows plain SVG files and needs no stylesheet.
    if app.builder.format != "html" or app.builder.name.startswith("epub"):
        return
    static = Path(app.outdir, "_static")
    static.mkdir(parents=True, exist_ok=True)
    (static / STYLESHEET).write_text(palette.stylesheet(), encoding="utf-8")


def _link_stylesheet(app: Sphinx, pagename, templatename, context, doctree) -> None:
    # Only pages that show a figure load the figures' stylesheet.
    if app.builder.name.startswith("epub") or doctree is None:
        return
    if next(doctree.findall(FigureSvg), None) is not None:
        app.add_css_file(STYLESHEET)


def setup(app: Sphinx) -> dict:
    here = Path(__file__).resolve().parent
    app.add_config_value("figure_data_dir", str(here.parent.parent / "figures"), "env", [str])
    app.add_node(
        FigureSvg,
        html=(visit_figure_svg_html, None),
        latex=(visit_figure_svg_other, None),
        text=(visit_figure_svg_other, None),
        man=(visit_figure_svg_other, None),
        texinfo=(visit_figure_svg_other, None),
    )
    app.add_directive("figure-data", FigureData)
    app.connect("builder-inited", _write_stylesheet)
    app.connect("html-page-context", _link_stylesheet)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

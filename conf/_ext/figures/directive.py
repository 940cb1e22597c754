"""The ``figure-data`` directive, its node, and how each builder writes it."""

from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from . import kinds, svg
from .data import FigureDataError, load
from .lab_limits import SOURCE as LAB_DEFAULTS

CODE_DIR = Path(__file__).resolve().parent
# Redraw when the drawing code or the font's widths change, not only the data (Sphinx
# tracks neither by itself).
CODE_FILES = sorted(str(path) for pattern in ("*.py", "*.json") for path in CODE_DIR.rglob(pattern))
CODE_FILES.append(str(LAB_DEFAULTS))  # the labs' default limits, drawn by the cgroups figure


class FigureSvg(nodes.General, nodes.Element):
    """A drawn figure: ``themed`` (inline, web) and ``plain`` (file, EPUB) SVG, and ``alt``."""


class FigureData(SphinxDirective):
    required_arguments = 1
    has_content = False
    option_spec = {"name": lambda arg: arg.strip()}

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        path = Path(self.config.figure_data_dir, f"{name}.toml")
        self.env.note_dependency(str(path))
        for code in CODE_FILES:
            self.env.note_dependency(code)
        try:
            data = load(path)
            alt, caption = data.text("alt"), data.text("caption")
            drawn = kinds.draw(data)
        except FigureDataError as error:
            raise self.error(f"figure-data {name}: {error}") from None
        figure = nodes.figure(classes=["figure-data", f"figure-data-{name}"])
        figure += FigureSvg(
            figure_name=name,
            alt=alt,
            themed=svg.themed(drawn, alt),
            plain=svg.plain(drawn, alt),
        )
        figure += nodes.caption(caption, caption)
        self.set_source_info(figure)
        self.options.setdefault("name", f"figure-{name}")
        self.add_name(figure)
        return [figure]


def visit_figure_svg_html(translator, node: FigureSvg) -> None:
    builder = translator.builder
    if builder.name.startswith("epub"):
        # EPUB readers get a standalone SVG file in light colours; the EPUB builder lists
        # every file of its output directory in the manifest, this one included.
        filename = f"figure-{node['figure_name']}.svg"
        target = Path(builder.outdir, builder.imagedir, filename)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(node["plain"], encoding="utf-8")
        src = f"{builder.imgpath}/{filename}"
        alt = translator.attval(node["alt"])
        translator.body.append(f'<img src="{src}" alt="{alt}" class="figure-data-img" />')
    else:
        translator.body.append(f'<div class="figure-data-frame">{node["themed"]}</div>')
    raise nodes.SkipNode


def visit_figure_svg_other(translator, node: FigureSvg) -> None:
    # Outputs without SVG keep the figure's caption only.
    raise nodes.SkipNode

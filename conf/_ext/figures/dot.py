"""Writing DOT source and running Graphviz's `dot` on it."""

import html
import shutil
import subprocess

from .palette import FONT, colour



class GraphvizError(Exception):
    """`dot` is missing or refused the generated source."""


def esc(text: str) -> str:
    """Escape text for a Graphviz HTML-like label."""
    return html.escape(text, quote=True)


def quote(text: str) -> str:
    """Quote text as a DOT string (node ids, plain labels); a newline starts a new line."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def graph_header(rankdir: str = "TB", **extra: str) -> str:
    """Common graph, node and edge defaults: transparent background, palette ink, one font."""
    attrs = "".join(f" {key}={value}" for key, value in extra.items())
    ink = quote(colour("ink"))
    return (
        f'digraph figure {{\n  graph [rankdir={rankdir} bgcolor="transparent" pad="0.1"'
        f" fontname={quote(FONT)} fontcolor={ink}{attrs}];\n"
        f"  node [fontname={quote(FONT)} fontsize=12 fontcolor={ink} color={quote(colour('line'))}"
        f" fillcolor={quote(colour('surface'))} style=\"rounded,filled\" shape=box penwidth=1.2];\n"
        f"  edge [fontname={quote(FONT)} fontsize=10 fontcolor={quote(colour('muted'))}"
        f" color={quote(colour('line'))} penwidth=1.4 arrowsize=0.7];\n"
    )


def render_svg(source: str, dot_command: str = "dot") -> str:
    """Run `dot -Tsvg` on the source and return the SVG text."""
    executable = shutil.which(dot_command)
    if executable is None:
        raise GraphvizError(
            f"Graphviz '{dot_command}' not found: install the Debian package graphviz "
            "(listed in conf/apt-packages.txt)"
        )
    result = subprocess.run(
        [executable, "-Tsvg"], input=source.encode(), capture_output=True, timeout=60, check=False
    )
    if result.returncode != 0:
        raise GraphvizError(f"dot failed: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout.decode()

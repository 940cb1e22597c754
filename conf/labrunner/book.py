"""Read the book's MyST sources: every fenced block (nested ones included) with its directive.

The blocks come from MyST's own parser (markdown-it-py with the book's MyST extensions), so
a fence is exactly what Sphinx will see: backtick, tilde and colon fences, directives
``{name} argument`` and their ``:key: value`` options. Bodies of directives that hold
Markdown (notes, dropdowns, tabs) are parsed again for nested fences; others are literal.
The ledger, the page-and-line of a lab, and the French checks' prose reader all use it.
"""

import ast
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from . import paths
from .paths import REPO_ROOT, book_root, display

DIRECTIVE_RE = re.compile(r"^\{(?P<name>[\w:-]+)\}\s*(?P<argument>.*)$")
OPTION_RE = re.compile(r"^\s*:(?P<key>[\w-]+):\s*(?P<value>.*)$")
# Directives whose body is Markdown (prose, and maybe nested blocks); any other fenced block
# is code or data, read as text.
MARKDOWN_DIRECTIVES = {
    "note", "tip", "hint", "important", "warning", "caution", "attention", "danger", "error",
    "seealso", "admonition", "sidebar", "margin", "topic", "epigraph", "glossary", "list-table",
    "table", "figure", "dropdown", "card", "grid", "grid-item", "grid-item-card", "tab-set",
    "tab-item", "aside", "rubric", "div", "container", "versionadded", "versionchanged",
    "deprecated", "todo",
}


@dataclass
class Block:
    page: Path
    line: int  # 1-based line of the opening fence
    marker: str
    info: str
    options: dict = field(default_factory=dict)
    last_line: int = 0  # 1-based line of the closing fence (the page's last line if unclosed)

    @property
    def directive(self) -> str | None:
        match = DIRECTIVE_RE.match(self.info)
        return match.group("name") if match else None

    @property
    def argument(self) -> str:
        match = DIRECTIVE_RE.match(self.info)
        return match.group("argument").strip() if match else ""

    @property
    def literal(self) -> bool:
        if self.directive is None:
            return not self.marker.startswith(":")
        return self.directive not in MARKDOWN_DIRECTIVES

    def where(self) -> str:
        return f"{display(self.page)}:{self.line}"


def _options(body: list[str]) -> dict:
    options = {}
    if body and body[0].strip() == "---":  # YAML-style options block
        for line in body[1:]:
            if line.strip() == "---":
                break
            key, _, value = line.partition(":")
            options[key.strip()] = value.strip()
        return options
    for line in body:
        match = OPTION_RE.match(line)
        if not match:
            break
        options[match.group("key")] = match.group("value").strip()
    return options


def _book_extensions() -> set[str]:
    """``myst_enable_extensions`` of the book's conf.py, read (not run) so it is written once."""
    tree = ast.parse((REPO_ROOT / "conf" / "conf.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "myst_enable_extensions" for t in node.targets):
            return set(ast.literal_eval(node.value))
    return set()


@functools.cache
def _parser():
    return create_md_parser(MdParserConfig(enable_extensions=_book_extensions()), RendererHTML)


def _scan(text: str, first_line: int, page: Path, found: list[Block]) -> None:
    """Blocks of ``text``, whose first line is line ``first_line`` (0-based) of the page."""
    for token in _parser().parse(text):
        if token.type not in ("fence", "colon_fence") or not token.map:
            continue
        block = Block(page, first_line + token.map[0] + 1, token.markup, token.info.strip(),
                      last_line=first_line + token.map[1])
        block.options = _options(token.content.split("\n"))
        found.append(block)
        if not block.literal:
            _scan(token.content, first_line + token.map[0] + 1, page, found)


def blocks(page: Path) -> list[Block]:
    found: list[Block] = []
    _scan(Path(page).read_text(encoding="utf-8"), 0, Path(page), found)
    return sorted(found, key=lambda b: b.line)


def pages(root: Path | None = None) -> list[Path]:
    root = root or book_root()
    return sorted(p for p in root.rglob("*.md") if not any(part.startswith((".", "_")) for part in p.relative_to(root).parts))


def mirror_folder(page: Path) -> Path:
    """``book/<part>/<chapter>.md`` -> ``snippets/<part>/<chapter>/``."""
    return paths.mirror_folder(paths.page_name(page))


def lab_folder(block: Block) -> Path:
    return mirror_folder(block.page) / block.argument


def include_target(block: Block) -> Path:
    """A ``{literalinclude}`` path as Sphinx resolves it: from the page, or from the book root if absolute."""
    argument = block.argument
    if argument.startswith("/"):
        return (book_root() / argument.lstrip("/")).resolve()
    return (block.page.parent / argument).resolve()

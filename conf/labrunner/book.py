"""Read the book's MyST sources: every fenced block (nested ones included) with its directive.

A small CommonMark fence scanner, enough for the ledger and for locating the page and
line that shows a lab: backtick, tilde and colon fences, directives ``{name} argument``,
their ``:key: value`` options; bodies of container directives (notes, dropdowns, tabs)
are scanned for nested fences, bodies of literal ones are not.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from .paths import book_root, snippets_root

FENCE_RE = re.compile(r"^\s*(?P<marker>`{3,}|~{3,}|:{3,})(?P<info>.*)$")
DIRECTIVE_RE = re.compile(r"^\{(?P<name>[\w:-]+)\}\s*(?P<argument>.*)$")
OPTION_RE = re.compile(r"^\s*:(?P<key>[\w-]+):\s*(?P<value>.*)$")
# Directives whose body is not Markdown: fences inside them are text, not blocks.
LITERAL_DIRECTIVES = {
    "code-block", "code", "sourcecode", "code-cell", "literalinclude", "lab", "illustrative", "toctree",
    "graphviz", "digraph", "graph", "math", "raw", "eval-rst", "mermaid", "csv-table",
}


@dataclass
class Block:
    page: Path
    line: int  # 1-based line of the opening fence
    marker: str
    info: str
    options: dict = field(default_factory=dict)

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
        return self.directive is None and not self.marker.startswith(":") or self.directive in LITERAL_DIRECTIVES

    def where(self) -> str:
        from .paths import display
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


def blocks(page: Path) -> list[Block]:
    lines = Path(page).read_text(encoding="utf-8").split("\n")
    found, stack = [], []  # stack: (block, index of its opening line)
    for index, line in enumerate(lines):
        match = FENCE_RE.match(line)
        if not match:
            continue
        marker, info = match.group("marker"), match.group("info").strip()
        if stack:
            top, start = stack[-1]
            if marker[0] == top.marker[0] and len(marker) >= len(top.marker) and not info:
                top.options = _options(lines[start + 1:index])
                stack.pop()
                continue
            if top.literal:
                continue
        if marker[0] == "`" and "`" in info:
            continue  # inline code spanning a line, not a fence
        block = Block(Path(page), index + 1, marker, info)
        found.append(block)
        stack.append((block, index))
    for block, start in stack:  # unclosed fences run to the end of the page
        block.options = _options(lines[start + 1:])
    return found


def pages(root: Path | None = None) -> list[Path]:
    root = root or book_root()
    return sorted(p for p in root.rglob("*.md") if not any(part.startswith((".", "_")) for part in p.relative_to(root).parts))


def mirror_folder(page: Path) -> Path:
    """``book/<part>/<chapter>.md`` -> ``snippets/<part>/<chapter>/``."""
    return snippets_root() / Path(page).resolve().relative_to(book_root()).with_suffix("")


def lab_folder(block: Block) -> Path:
    return mirror_folder(block.page) / block.argument


def include_target(block: Block) -> Path:
    """A ``{literalinclude}`` path as Sphinx resolves it: from the page, or from the book root if absolute."""
    argument = block.argument
    if argument.startswith("/"):
        return (book_root() / argument.lstrip("/")).resolve()
    return (block.page.parent / argument).resolve()

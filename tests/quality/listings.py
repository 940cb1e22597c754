"""Every listing the book shows, as the reader sees it: lab programs and their outputs, the
files shown with {literalinclude}, and the {illustrative} blocks of the pages.

Read from the MyST sources with the lab runner's own block reader, so the book, the suite
and these checks agree on what a page shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from labrunner import book, discovery

# The width of a printed page's code column (issue 15): a longer line is cut on paper and
# scrolls sideways on a phone.
COLUMNS = 72
# Files of a lab folder that are never shown: the runner's settings and record.
NOT_SHOWN = {"lab.toml", "record.json"}
OUTPUTS = {"output.txt", "stderr.txt"}


@dataclass(frozen=True)
class Listing:
    path: Path  # the file shown, or the page holding an {illustrative} block
    first_line: int  # 1-based line of the listing's first line in that file
    text: str
    language: str  # "python", "bash", "text"…; "output" for a lab's recorded output


def _illustrative(block: book.Block) -> Listing:
    lines = block.page.read_text(encoding="utf-8").split("\n")
    index = block.line  # the line after the opening fence (0-based index)
    while index < block.last_line - 1 and lines[index].lstrip().startswith(":"):
        index += 1  # the directive's options
    if index < block.last_line - 1 and not lines[index].strip():
        index += 1  # the blank line that ends them
    language = block.argument.split()[0] if block.argument else "text"
    return Listing(block.page, index + 1, "\n".join(lines[index:block.last_line - 1]), language)


def _file(path: Path, language: str) -> Listing:
    return Listing(path, 1, path.read_text(encoding="utf-8"), language)


def _language(path: Path) -> str:
    common = path.with_name(path.name.replace(f".{discovery.CGROUP_V1_VARIANT}", ""))  # output.cgroup-v1.txt
    if common.name in OUTPUTS:
        return "output"
    if path.suffix == ".py":
        return "python"
    if path.name == "Dockerfile":
        return "dockerfile"
    return {".sh": "bash", "": "text"}.get(path.suffix, path.suffix.lstrip("."))


def _lab_files(folder: Path) -> list[Path]:
    """A lab's program, outputs and the other files it shows (an image's Dockerfile)."""
    if discovery.lab_in_folder(folder) is None:
        raise ValueError(f"{folder}: no lab.sh or lab.py")
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name not in NOT_SHOWN)


def shown_listings(pages: list[Path] | None = None) -> list[Listing]:
    listings: list[Listing] = []
    seen: set[Path] = set()
    for page in pages if pages is not None else book.pages():
        for block in book.blocks(page):
            if block.directive == "lab":
                files = _lab_files(book.lab_folder(block))
            elif block.directive == "literalinclude":
                files = [book.include_target(block)]
            elif block.directive == "illustrative":
                listings.append(_illustrative(block))
                continue
            else:
                continue
            for path in files:
                if path not in seen:
                    seen.add(path)
                    listings.append(_file(path, _language(path)))
    return listings


def too_wide(text: str, columns: int = COLUMNS) -> list[tuple[int, int]]:
    """(line number, width) of each line wider than ``columns`` (tabs at 8, characters not bytes)."""
    return [(n, len(line.expandtabs())) for n, line in enumerate(text.split("\n"), 1)
            if len(line.expandtabs()) > columns]

"""The book's chapters, found from the book and the snippets tree, never named in test code.

A chapter is a page ``book/<part>/<chapter>.md`` that has a mirror folder
``snippets/<part>/<chapter>/`` (its labs, and its own checks in ``checks/``). Tests that
check something of every chapter take it from `chapters()`, parametrized with `params()`
so that each test id names the chapter (``-k 2-06`` selects one chapter's tests). A
chapter's own checks (``snippets/<part>/<chapter>/checks/test_*.py``) find their chapter
with `chapter_of(__file__)` and read their data from ``.toml`` files beside them.

A plain module on the tests' import path (pyproject.toml: pythonpath = tests), so that a
chapter's checks, outside tests/, import it by this one name.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from labrunner import book, discovery
from labrunner.paths import book_root, display

CHECKS = "checks"


@dataclass(frozen=True)
class Chapter:
    source: Path  # book/<part>/<chapter>.md

    @property
    def docname(self) -> str:
        """``<part>/<chapter>``: the page's name for Sphinx, and each test id."""
        return self.source.relative_to(book_root()).with_suffix("").as_posix()

    @property
    def name(self) -> str:
        """The chapter's folder name, ``2-05-pourquoi-les-conteneurs``."""
        return self.source.stem

    @property
    def html(self) -> str:
        """The page's path in the HTML build."""
        return self.docname + ".html"

    @property
    def xhtml(self) -> str:
        """The page's path inside the EPUB."""
        return self.docname + ".xhtml"

    @property
    def part_index(self) -> str:
        """The HTML page of the part that lists this chapter."""
        return self.source.parent.relative_to(book_root()).joinpath("index.html").as_posix()

    @property
    def snippets(self) -> Path:
        return book.mirror_folder(self.source)

    @property
    def checks(self) -> Path:
        return self.snippets / CHECKS

    def blocks(self, directive: str) -> list[book.Block]:
        """The page's ``{directive}`` blocks, nested ones included, as the source declares them."""
        return [block for block in book.blocks(self.source) if block.directive == directive]

    def tab_sets(self) -> int:
        """How many tab sets the page shows: its ``{tab-set}`` blocks, and one per lab whose output
        differs on a cgroup v1 platform (``{lab}`` shows both outputs in tabs)."""
        variants = [block for block in self.blocks("lab")
                    if discovery.variant_file(book.lab_folder(block) / "output.txt", discovery.CGROUP_V1_VARIANT).is_file()]
        return len(self.blocks("tab-set")) + len(variants)

    @property
    def figures(self) -> list[str]:
        """Names of the figures the page shows (``{figure-data} <name>``), in page order."""
        return [block.argument for block in self.blocks("figure-data")]

    def data(self, name: str) -> dict | None:
        """``checks/<name>.toml`` of this chapter, or None when the chapter has none."""
        path = self.checks / f"{name}.toml"
        if not path.is_file():
            return None
        try:
            return tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{display(path)}: not valid TOML ({exc}); fix the file") from None

    def artifact(self, relative: str) -> Path:
        """``<lab folder>/<file>`` in this chapter's snippets: a file the book shows (it must exist)."""
        path = self.snippets / relative
        assert path.is_file(), f"{display(path)}: missing artifact (the book shows it)"
        return path


def chapters() -> list[Chapter]:
    """Every chapter of the book, in the order of their sources' paths."""
    return [Chapter(page) for page in book.pages() if book.mirror_folder(page).is_dir()]


def chapters_with(data: str) -> list[Chapter]:
    """The chapters that hold ``checks/<data>.toml`` (seed expectations, dated facts...)."""
    return [chapter for chapter in chapters() if (chapter.checks / f"{data}.toml").is_file()]


def params(selected: list[Chapter] | None = None) -> list:
    """`pytest.param` per chapter, its id the chapter's docname, for ``@pytest.mark.parametrize``."""
    return [pytest.param(chapter, id=chapter.docname) for chapter in (chapters() if selected is None else selected)]


def chapter_of(path: str | Path) -> Chapter:
    """The chapter whose snippets folder holds `path` (a check's ``__file__``)."""
    path = Path(path).resolve()
    for chapter in chapters():
        if path.is_relative_to(chapter.snippets.resolve()):
            return chapter
    raise LookupError(f"{display(path)}: not inside the snippets folder of a chapter of book/")

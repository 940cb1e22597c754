"""Every chapter is found, and its own checks can be collected.

A chapter's own checks (``snippets/<part>/<chapter>/checks/``) are modules named after the
chapter's number, as `make new-chapter` names its sample: pytest imports a test module by its
file name, which must therefore be unique in the repository."""

import pytest

from chapters import params
from labrunner import book
from labrunner.paths import book_root, display
from labrunner.scaffold import ChapterName

ALLOWED = {"conftest.py"}


@pytest.mark.parametrize("chapter", params())
def test_check_modules_are_named_after_the_chapter(chapter):
    prefix = ChapterName.parse(chapter.docname).check_prefix
    misnamed = sorted(p.name for p in chapter.checks.glob("*.py") if not p.name.startswith(prefix) and p.name not in ALLOWED)
    assert not misnamed, f"{display(chapter.checks)}: rename {', '.join(misnamed)} to {prefix}*.py"


def test_every_page_of_a_part_has_its_snippets_folder():
    """A chapter is found by its mirror folder: a page of a part without one would escape
    every per-chapter test."""
    parts = {page.parent for page in book.pages() if page.name == "index.md" and page.parent != book_root()}
    pages = [page for page in book.pages() if page.parent in parts and page.name != "index.md"]
    missing = [display(book.mirror_folder(page)) for page in pages if not book.mirror_folder(page).is_dir()]
    assert not missing, f"create {', '.join(missing)} with a checks/ folder (make new-chapter makes both)"

"""Fixtures of the French-quality checks: the rendered pages of the book, parsed once."""

from __future__ import annotations

from pathlib import Path

import pytest

from .findings import REPO_ROOT
from .rendered import Page, rendered_pages

BOOK_DIR = REPO_ROOT / "book"


@pytest.fixture(scope="session")
def rendered_book(built_html: Path) -> list[Page]:
    """Every page of the book as the reader sees it (built once by tests/conftest.py)."""
    return rendered_pages(built_html, BOOK_DIR)


@pytest.fixture(scope="session")
def book_sources() -> list[Path]:
    """The MyST sources of the book."""
    return sorted(BOOK_DIR.rglob("*.md"))

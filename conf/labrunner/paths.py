"""Where the runner finds snippets, the book, image definitions and its build folder.

Each root can be redirected by an environment variable so that the runner's own tests
can point it at a fixture tree (tests/runner/fixtures/) instead of the real book.
"""

import os
from pathlib import Path

REPO_ENV = "LABRUNNER_REPO_ROOT"


def _repository() -> Path:
    """The book's checkout: the one named by LABRUNNER_REPO_ROOT, else the one this package
    sits in (the editable install of `make`), else the current folder (Read the Docs installs
    a copy of the package into its environment and builds from the checkout)."""
    if os.environ.get(REPO_ENV):
        return Path(os.environ[REPO_ENV]).resolve()
    checkout = Path(__file__).resolve().parents[2]
    return checkout if (checkout / "snippets").is_dir() else Path.cwd().resolve()


REPO_ROOT = _repository()

SNIPPETS_ENV = "LABRUNNER_SNIPPETS_ROOT"
BOOK_ENV = "LABRUNNER_BOOK_ROOT"
IMAGES_ENV = "LABRUNNER_IMAGES_ROOT"
BUILD_ENV = "LABRUNNER_BUILD_DIR"


def _root(env_name: str, default: Path) -> Path:
    value = os.environ.get(env_name)
    return Path(value).resolve() if value else default


def snippets_root() -> Path:
    return _root(SNIPPETS_ENV, REPO_ROOT / "snippets")


def book_root() -> Path:
    return _root(BOOK_ENV, REPO_ROOT / "book")


def images_root() -> Path:
    return _root(IMAGES_ENV, REPO_ROOT / "conf" / "images")


def build_dir() -> Path:
    return _root(BUILD_ENV, REPO_ROOT / "_build")


# A page and its labs mirror each other: book/<part>/<chapter>.md <-> snippets/<part>/<chapter>/<lab>/.
def page_name(page: Path) -> Path:
    """``book/<part>/<chapter>.md`` -> ``<part>/<chapter>`` (Sphinx's docname)."""
    return Path(page).resolve().relative_to(book_root()).with_suffix("")


def mirror_folder(name: str | Path) -> Path:
    """A page's name (``<part>/<chapter>``) -> the folder of its labs."""
    return snippets_root() / name


def page_of(chapter_folder: Path) -> Path:
    """A chapter's labs folder -> the book page that shows them."""
    return book_root() / Path(chapter_folder).relative_to(snippets_root()).with_suffix(".md")


def display(path: Path) -> str:
    """A path as a maintainer types it: relative to the repository when inside it."""
    path = Path(path).resolve()
    try:
        return str(path.relative_to(REPO_ROOT))
    except ValueError:
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)

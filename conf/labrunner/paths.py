"""Where the runner finds snippets, the book, image definitions and its build folder.

Each root can be redirected by an environment variable so that the runner's own tests
can point it at a fixture tree (tests/runner/fixtures/) instead of the real book.

Files of the book (snippets, lab.toml, expected outputs, records, includes) are read and
written only inside these roots: a symlink leading out of them is one line of error
(``OutsideError``), never followed; a write replaces the file (or a symlink) by a new file
in its folder, never writes through a symlink; text keeps its exact line endings.
"""

import os
import tempfile
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


class OutsideError(ValueError):
    """A file of the book that leads out of the repository; str() is one line."""


def roots() -> tuple[Path, ...]:
    return REPO_ROOT, snippets_root(), book_root(), images_root()


def _within(path: Path) -> bool:
    return any(path.is_relative_to(root) for root in roots())


def outside(path: Path) -> Path | None:
    """Where ``path`` really leads, when it is named inside the repository (or a redirected root)
    but a symlink takes it out; else None. A path named outside them is the caller's own."""
    real = Path(path).resolve()
    return real if _within(Path(os.path.abspath(path))) and not _within(real) else None


def inside(path: Path) -> Path:
    """``path``, or ``OutsideError`` when it leads out of the repository."""
    real = outside(path)
    if real is not None:
        raise OutsideError(f"{display(path)} leads to {real}, outside the repository: "
                           "put the file itself there, not a symlink")
    return Path(path)


def read_text(path: Path) -> str:
    """The text of a book's file, line endings kept exactly (``\\r\\n``, a lone ``\\r``)."""
    with open(inside(path), encoding="utf-8", newline="") as file:
        return file.read()


def write_text(path: Path, text: str) -> None:
    """Write a book's file: a new file in its folder replaces it, so a symlink there is replaced,
    never written through; line endings are written as they are."""
    path = Path(path)
    inside(path.parent)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with open(descriptor, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


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
    """A path as a maintainer types it: relative to the repository when inside it (its folder
    resolved, not a symlink it may be: the path named, not where it leads)."""
    path = Path(path)
    path = path.parent.resolve() / path.name if path.name not in ("", ".", "..") else path.resolve()
    try:
        return str(path.relative_to(REPO_ROOT))
    except ValueError:
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)

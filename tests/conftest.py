"""Fixtures shared by every test area: the book, built once per test session.

`built_html` is what the book, French-quality and browser tests read. The build is the
one `make html` runs (warnings are errors, nitpicky references), into a temporary folder,
so a test session never depends on, nor disturbs, the author's `_build/`.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
CONF_DIR = REPO_ROOT / "conf"
BOOK_DIR = REPO_ROOT / "book"
# Same options as the Makefile's SPHINXOPTS: a warning or a broken reference fails.
STRICT_OPTIONS = ["-W", "--keep-going", "-n"]


@dataclass(frozen=True)
class SphinxRun:
    """One sphinx-build run: where it wrote, how it ended, what it reported."""

    outdir: Path
    returncode: int
    warnings: str  # stderr: with -q, only warnings and errors are printed there

    @property
    def succeeded(self) -> bool:
        return self.returncode == 0


def run_sphinx(builder: str, srcdir: Path, outdir: Path) -> SphinxRun:
    """Build `srcdir` with the book's configuration (conf/) and strict options.

    Runs in a subprocess so that Sphinx, docutils and the in-repo extensions start from a
    clean state, exactly as `make html` does.
    """
    doctrees = outdir.parent / f"{outdir.name}.doctrees"
    command = [
        sys.executable, "-m", "sphinx", "-b", builder, "-c", str(CONF_DIR),
        *STRICT_OPTIONS, "-q", "-d", str(doctrees), str(srcdir), str(outdir),
    ]
    completed = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True)
    return SphinxRun(outdir=outdir, returncode=completed.returncode, warnings=completed.stderr)


@pytest.fixture(scope="session")
def sphinx_runner():
    """`run_sphinx(builder, srcdir, outdir)`, for tests that build a small book of their own."""
    return run_sphinx


@pytest.fixture(scope="session")
def book_build(tmp_path_factory: pytest.TempPathFactory) -> SphinxRun:
    """The whole book built to HTML once per session; the session fails if it does not build."""
    run = run_sphinx("html", BOOK_DIR, tmp_path_factory.mktemp("book") / "html")
    if not run.succeeded:
        pytest.fail(
            f"the book does not build without warnings (sphinx-build exited {run.returncode}); "
            f"fix these, then rerun `make html`:\n{run.warnings}",
            pytrace=False,
        )
    return run


@pytest.fixture(scope="session")
def built_html(book_build: SphinxRun) -> Path:
    """Path of the HTML output folder of the book built with warnings as errors."""
    return book_build.outdir

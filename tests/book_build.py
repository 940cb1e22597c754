"""Building the book from tests: the same sphinx-build as `make html`, in a subprocess.

A plain module (not conftest.py) so that tests import it by a name no other folder shares.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

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


def run_sphinx(builder: str, srcdir: Path, outdir: Path, confdir: Path = CONF_DIR) -> SphinxRun:
    """Build `srcdir` with the book's configuration (conf/, or a copy of it) and strict options.

    Runs in a subprocess so that Sphinx, docutils and the in-repo extensions start from a
    clean state, exactly as `make html` does.
    """
    doctrees = outdir.parent / f"{outdir.name}.doctrees"
    command = [
        sys.executable, "-m", "sphinx", "-b", builder, "-c", str(confdir),
        *STRICT_OPTIONS, "-q", "-d", str(doctrees), str(srcdir), str(outdir),
    ]
    completed = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True)
    return SphinxRun(outdir=outdir, returncode=completed.returncode, warnings=completed.stderr)

"""A failed build never becomes a later success (conf/_ext/reread_failed.py).

The sequence of issue 11: a build fails on a figure for a reason outside the files Sphinx
watches (there, Graphviz was missing), the cause is fixed, and the next build with the same
output and doctree folders must give complete pages, not keep the failed reading. Here the
cause is a figure's data file broken, then restored with its old time stamp (as `cp -p`, a
backup or an archive would), which Sphinx's dependency check cannot see either.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from book_build import CONF_DIR, run_sphinx

FIGURES = ("timeline", "namespaces", "cgroups", "runtimes")
PAGE = "# Chapitre\n\n" + "".join(f"```{{figure-data}} {name}\n```\n\n" for name in FIGURES)


@pytest.fixture
def copies(tmp_path) -> tuple[Path, Path]:
    """A small book showing the four figures, and a copy of conf/ whose figures can break."""
    book = tmp_path / "book"
    book.mkdir()
    (book / "index.md").write_text("# Livre\n\n```{toctree}\nchapitre\n```\n", encoding="utf-8")
    (book / "chapitre.md").write_text(PAGE, encoding="utf-8")
    conf = tmp_path / "conf"
    shutil.copytree(CONF_DIR, conf, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return book, conf


def figures_shown(outdir: Path) -> set[str]:
    page = (outdir / "chapitre.html").read_text(encoding="utf-8")
    return set(re.findall(r'<figure class="figure-data figure-data-([a-z-]+)', page)) & set(FIGURES)


def fail_then_fix(book: Path, conf: Path, outdir: Path):
    """Break the timeline's data, build, restore the data with its old time stamp, build again."""
    data = conf / "figures" / "timeline.toml"
    data.write_text(data.read_text(encoding="utf-8").replace('alt = """', 'alternative = """'), encoding="utf-8")
    failed = run_sphinx("html", book, outdir, confdir=conf)
    assert not failed.succeeded and "timeline.toml" in failed.warnings, failed.warnings
    assert figures_shown(outdir) == set(FIGURES) - {"timeline"}
    shutil.copy2(CONF_DIR / "figures" / "timeline.toml", data)  # content and time stamp restored
    return run_sphinx("html", book, outdir, confdir=conf)


def test_pages_that_failed_are_read_again_once_the_cause_is_fixed(copies, tmp_path):
    book, conf = copies
    fixed = fail_then_fix(book, conf, tmp_path / "html")
    assert fixed.succeeded, fixed.warnings
    assert figures_shown(tmp_path / "html") == set(FIGURES), "the page kept the failed build's reading"


def test_without_the_extension_the_failed_reading_is_kept(copies, tmp_path):
    """The sequence above does reproduce the issue: without reread_failed, Sphinx reports
    success and serves the page without the figure that failed."""
    book, conf = copies
    conf_py = conf / "conf.py"
    source = conf_py.read_text(encoding="utf-8")
    assert '"reread_failed",' in source
    conf_py.write_text(source.replace('"reread_failed",', ""), encoding="utf-8")
    fixed = fail_then_fix(book, conf, tmp_path / "html")
    assert fixed.succeeded, fixed.warnings
    assert "timeline" not in figures_shown(tmp_path / "html")

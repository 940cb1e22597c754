"""The {figure-data} directive in a small book: placed with one line, redrawn only on change."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from book_build import CONF_DIR, REPO_ROOT


def build(srcdir: Path, outdir: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(CONF_DIR), "-W", "-n",
         "-d", str(outdir.parent / "doctrees"), *extra, str(srcdir), str(outdir)],
        cwd=REPO_ROOT, capture_output=True, text=True,
    )


@pytest.fixture
def small_book(tmp_path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    (src / "index.md").write_text(
        "# Essai\n\n```{figure-data} cgroups\n```\n\nVoir {ref}`figure-cgroups`.\n",
        encoding="utf-8",
    )
    return src


def test_one_line_places_a_themed_figure(small_book, tmp_path):
    run = build(small_book, tmp_path / "html", "-q")
    assert run.returncode == 0, run.stderr
    page = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert '<figure class="figure-data figure-data-cgroups' in page
    assert 'class="figure-data-svg"' in page and "figures.css" in page
    assert "<figcaption>" in page


def test_unchanged_build_redraws_nothing(small_book, tmp_path):
    assert build(small_book, tmp_path / "html", "-q").returncode == 0
    again = build(small_book, tmp_path / "html")
    assert "0 added, 0 changed, 0 removed" in again.stdout, again.stdout


def test_unknown_figure_fails_the_build_naming_the_file(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "index.md").write_text("# Essai\n\n```{figure-data} nope\n```\n", encoding="utf-8")
    run = build(src, tmp_path / "html", "-q")
    assert run.returncode != 0
    assert "index.md" in run.stderr and "nope.toml: no such figure data file" in run.stderr


def test_editing_the_data_redraws_the_figure(small_book, tmp_path):
    data_dir = tmp_path / "figures"
    data_dir.mkdir()
    data = (REPO_ROOT / "conf" / "figures" / "cgroups.toml").read_text(encoding="utf-8")
    (data_dir / "cgroups.toml").write_text(data, encoding="utf-8")
    option = f"-Dfigure_data_dir={data_dir}"
    assert build(small_book, tmp_path / "html", "-q", option).returncode == 0
    edited = data.replace('resource = "Mémoire (memory)"', 'resource = "Mémoire vive (memory)"')
    assert edited != data
    (data_dir / "cgroups.toml").write_text(edited, encoding="utf-8")
    again = build(small_book, tmp_path / "html", option)
    assert again.returncode == 0, again.stderr
    page = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert "Mémoire vive (memory)" in page

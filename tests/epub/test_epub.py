"""`make epub` builds without warnings and the EPUB passes epubcheck."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from book_build import BOOK_DIR
from chapters import params
from epub.epubcheck import check


@pytest.fixture(scope="session")
def epub_build(sphinx_runner, tmp_path_factory):
    """The book built as an EPUB once per session (same options as `make epub`)."""
    return sphinx_runner("epub", BOOK_DIR, tmp_path_factory.mktemp("book-epub") / "epub")


@pytest.fixture(scope="session")
def epub_file(epub_build) -> Path:
    files = sorted(epub_build.outdir.glob("*.epub"))
    assert len(files) == 1, f"expected one .epub in {epub_build.outdir}, found {files}"
    return files[0]


def test_epub_builds_without_warnings(epub_build):
    assert epub_build.succeeded and not epub_build.warnings.strip(), (
        f"sphinx-build -b epub exited {epub_build.returncode}:\n{epub_build.warnings}"
    )


def test_epub_passes_epubcheck(epub_file):
    result = check(epub_file)
    assert result.clean, f"epubcheck {epub_file.name}:\n{result.output}"


@pytest.mark.parametrize("chapter", params())
def test_epub_shows_the_figures_as_svg_files_with_alt_text(epub_file, chapter):
    with zipfile.ZipFile(epub_file) as epub:
        names = set(epub.namelist())
        page = epub.read(chapter.xhtml).decode()
    for name in chapter.figures:
        assert f"_images/figure-{name}.svg" in names, f"figure {name} is missing from the EPUB"
        match = re.search(rf'<img src="[./]*_images/figure-{name}\.svg" alt="([^"]+)"', page)
        assert match and len(match.group(1)) > 80, f"figure {name}: no alternative text"


def test_epubcheck_reports_a_broken_epub(epub_file, tmp_path):
    """The check can fail: an EPUB whose manifest forgets a figure is reported."""
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(epub_file) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.endswith(".opf"):
                data = re.sub(rb'<item [^>]*figure-timeline\.svg[^>]*/>', b"", data)
            compress = zipfile.ZIP_STORED if item.filename == "mimetype" else zipfile.ZIP_DEFLATED
            target.writestr(item, data, compress_type=compress)
    result = check(broken)
    assert not result.clean and "figure-timeline.svg" in result.output, result.output


def test_epub_rebuild_after_a_configuration_change_has_no_warning(tmp_path):
    """Sphinx leaves .buildinfo.bak behind on a config change; the EPUB must not trip on it."""
    import subprocess
    import sys

    from book_build import CONF_DIR, REPO_ROOT

    src = tmp_path / "src"
    src.mkdir()
    (src / "index.md").write_text("# Essai\n\nUn paragraphe.\n", encoding="utf-8")

    def build(*options: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "sphinx", "-b", "epub", "-c", str(CONF_DIR), "-W", "-q",
             "-d", str(tmp_path / "doctrees"), *options, str(src), str(tmp_path / "epub")],
            cwd=REPO_ROOT, capture_output=True, text=True,
        )

    assert build().returncode == 0
    again = build("-D", "epub_show_urls=no")
    assert (tmp_path / "epub" / ".buildinfo.bak").exists(), "the situation under test did not occur"
    assert again.returncode == 0, again.stderr


# -- In French, with real metadata ------------------------------------------------------------

def _read(epub_file: Path, name: str) -> str:
    with zipfile.ZipFile(epub_file) as epub:
        return epub.read(name).decode()


def test_navigation_document_is_titled_in_french(epub_file):
    nav = _read(epub_file, "nav.xhtml")
    assert "<h1>Table des matières</h1>" in nav and "<title>Table des matières</title>" in nav
    assert "Table of Contents" not in nav


def test_metadata_is_real(epub_file):
    opf = _read(epub_file, "content.opf")
    values = dict(re.findall(r"<dc:(\w+)[^>]*>([^<]*)</dc:\1>", opf))
    for field in ("identifier", "description", "contributor", "creator", "publisher"):
        assert values.get(field) and values[field] != "unknown", f"dc:{field} is {values.get(field)!r}"
    assert re.search(r"\b(le|la|les|de|du|des)\b", values["description"]), "description not in French"


def test_no_english_or_empty_footnotes_heading(epub_file):
    with zipfile.ZipFile(epub_file) as epub:
        pages = {n: epub.read(n).decode() for n in epub.namelist() if n.endswith(".xhtml")}
    for name, text in pages.items():
        assert ">Footnotes<" not in text, f"{name}: English « Footnotes » heading"
        for match in re.finditer(r'<p class="rubric">Notes</p>', text):
            assert "footnote" in text[match.end():match.end() + 400], f"{name}: an empty « Notes » heading"


# -- Tabs: every body shown, under its own label (the radio inputs are gone) --------------------

# For each tab set: [label text, label box, body box] of every tab, as an e-reader lays it out.
TAB_LAYOUT = """() => [...document.querySelectorAll('.sd-tab-set')].map(set =>
    [...set.querySelectorAll(':scope > .tab-label')].map(label => {
        const body = label.nextElementSibling;
        const box = el => { const r = el.getBoundingClientRect(); return [r.top, r.bottom, r.height]; };
        return [label.textContent.trim(), box(label), body && body.matches('.sd-tab-content') ? box(body) : null];
    }))"""


@pytest.fixture(scope="module")
def epub_site(epub_file, tmp_path_factory):
    from browser.server import SiteServer

    unpacked = tmp_path_factory.mktemp("epub-unpacked")
    with zipfile.ZipFile(epub_file) as epub:
        epub.extractall(unpacked)
    server = SiteServer(unpacked).start()
    yield server
    server.stop()


@pytest.mark.parametrize("chapter", params())
def test_every_tab_body_is_visible_under_its_own_label(chromium, epub_site, chapter):
    from browser.browser import open_all_dropdowns

    page = chromium.new_page(viewport={"width": 600, "height": 900})
    try:
        page.goto(epub_site.url(chapter.xhtml), wait_until="load")
        open_all_dropdowns(page)  # a tab set may sit in a folded « Sous le capot »
        layout = page.evaluate(TAB_LAYOUT)
    finally:
        page.close()
    assert len(layout) == chapter.tab_sets(), f"{len(layout)} tab sets in the EPUB, {chapter.tab_sets()} in the source"
    for tabs in layout:
        assert len(tabs) >= 2, f"tab labels missing: {tabs}"
        previous_bottom = float("-inf")
        for label, (label_top, label_bottom, label_height), body in tabs:
            assert label and label_height > 0, f"tab label {label!r} is not shown"
            assert body is not None, f"no body after the label {label!r}"
            body_top, body_bottom, body_height = body
            assert body_height > 0, f"the body of tab {label!r} is hidden"
            assert label_top >= previous_bottom - 0.5 and body_top >= label_bottom - 0.5, (
                f"tab {label!r} shares a line with what comes before it"
            )
            previous_bottom = body_bottom

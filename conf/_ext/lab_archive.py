"""Labs a reader can take away: one zip per chapter, its labs and a French README, built with the book.

The ``{lab}`` directive notes every lab it shows (``note_lab``). Once the pages are read, each
chapter with labs gets ``labs/labs-<chapter>.zip`` in the HTML output: one folder per lab,
as in ``snippets/``, and a README that says how to run them (``lab_readme.py``). The chapter
page links to its archive under its title; ``{lab-downloads}`` lists them all (home page).
The EPUB links to the published archives when ``html_baseurl`` is set, and else says nothing.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

import lab_readme
import lab_text

ARCHIVE_DIR = "labs"
LINK_TEXT = "Télécharger les labs du chapitre"
README_NOTE = ", avec un fichier README qui explique comment les lancer"
# Fixed timestamps and modes: the same labs give the same archive, byte for byte.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
SKIPPED = {"__pycache__", ".pytest_cache"}


def note_lab(env, docname: str, folder: Path, number: str, name: str) -> None:
    """Called by {lab}: this page shows the lab in ``folder`` as « Lab <number> — <name> »."""
    _pages(env).setdefault(docname, []).append((str(folder), number, name))


def _pages(env) -> dict[str, list[tuple[str, str, str]]]:
    if not hasattr(env, "lab_archive_pages"):
        env.lab_archive_pages = {}
    return env.lab_archive_pages


def archive_stem(docname: str) -> str:
    """``labs-2.05`` for chapter 2.05; the page's path for an unnumbered page."""
    return "labs-" + (lab_text.chapter_number(docname) or docname.replace("/", "-"))


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not SKIPPED & set(p.relative_to(folder).parts)
                  and p.suffix != ".pyc")


def _entry(name: str, executable: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.external_attr = (0o100755 if executable else 0o100644) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def write_archive(app, docname: str, labs: list[tuple[str, str, str]]) -> Path:
    stem = archive_stem(docname)
    target = Path(app.outdir) / ARCHIVE_DIR / f"{stem}.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    title = app.env.titles[docname].astext() if docname in app.env.titles else docname
    readme = lab_readme.readme(title, labs, app.config.html_theme_options.get("repository_url"))
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr(_entry(f"{stem}/README.md", False), readme)
        for folder, _number, _name in labs:
            folder = Path(folder)
            for path in _files(folder):
                name = f"{stem}/{folder.name}/{path.relative_to(folder).as_posix()}"
                archive.writestr(_entry(name, path.name in ("lab.sh", "lab.py")), path.read_bytes())
    return target


def _write_archives(app, env) -> None:
    if app.builder.name not in ("html", "dirhtml"):
        return
    for docname, labs in sorted(_pages(env).items()):
        write_archive(app, docname, labs)


def _archive_uri(app, from_docname: str, docname: str) -> str | None:
    path = f"{ARCHIVE_DIR}/{archive_stem(docname)}.zip"
    if app.builder.name in ("html", "dirhtml"):
        return relative_uri(app.builder.get_target_uri(from_docname), path)
    base = app.config.html_baseurl
    return f"{base.rstrip('/')}/{path}" if base else None  # EPUB: the published archive, if any


def _link(uri: str, count: int, more: str = "") -> list[nodes.Node]:
    labs = f"{count}\u00a0lab" + ("s" if count > 1 else "")
    return [nodes.reference("", LINK_TEXT, refuri=uri, classes=["lab-archive-link"]), nodes.Text(f" (zip, {labs}{more})")]


class lab_downloads(nodes.General, nodes.Element):
    """Where {lab-downloads} lists every chapter's archive; replaced once all pages are read."""


class LabDownloadsDirective(SphinxDirective):
    has_content = False

    def run(self):
        _listing_pages(self.env).add(self.env.docname)
        return [lab_downloads()]


def _resolve(app, doctree, docname: str) -> None:
    pages = _pages(app.env)
    if docname in pages:
        uri = _archive_uri(app, docname, docname)
        section = next(iter(doctree.findall(nodes.section)), None)
        if uri and section is not None:
            title_at = section.index(next(iter(section.findall(nodes.title))))
            section.insert(title_at + 1, nodes.paragraph("", "", *_link(uri, len(pages[docname]), README_NOTE),
                                                  classes=["lab-archive"]))
    for placeholder in list(doctree.findall(lab_downloads)):
        items = []
        for chapter, labs in sorted(pages.items()):
            uri = _archive_uri(app, docname, chapter)
            if uri:
                title = app.env.titles[chapter].astext()
                items.append(nodes.list_item("", nodes.paragraph("", f"{title}\u00a0: ", *_link(uri, len(labs)))))
        if not items:
            placeholder.parent.remove(placeholder)
            continue
        intro = nodes.paragraph("", f"Les labs de chaque chapitre se téléchargent aussi{README_NOTE}\u00a0:")
        placeholder.replace_self(nodes.container("", intro, nodes.bullet_list("", *items), classes=["lab-downloads"]))


def _purge(app, env, docname):
    _pages(env).pop(docname, None)
    _listing_pages(env).discard(docname)


def _listing_pages(env) -> set[str]:
    if not hasattr(env, "lab_downloads_pages"):
        env.lab_downloads_pages = set()
    return env.lab_downloads_pages


def _outdated(app, env, added, changed, removed):
    """A page listing the archives is written again whenever a page (maybe one with labs) changes."""
    return sorted(_listing_pages(env) - set(removed)) if added or changed or removed else []


def _merge(app, env, docnames, other):
    _pages(env).update({name: labs for name, labs in _pages(other).items() if name in docnames})
    _listing_pages(env).update(_listing_pages(other) & set(docnames))


def setup(app):
    app.add_node(lab_downloads)
    app.add_directive("lab-downloads", LabDownloadsDirective)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-updated", _write_archives)
    app.connect("doctree-resolved", _resolve)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

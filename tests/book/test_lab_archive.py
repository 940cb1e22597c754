"""Labs a reader can take away: one zip per chapter, linked from the chapter and the home page,
holding every lab of the chapter and a French README whose commands run them."""

from __future__ import annotations

import os
import re
import subprocess
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from labrunner import discovery, images
from labrunner.paths import book_root

ARCHIVE_DIR = "labs"
SH_BLOCK = re.compile(r"```sh\n(.*?)```", re.DOTALL)


def chapters() -> dict[str, list[discovery.Lab]]:
    """Page (docname) -> its labs, from the snippets folder as the runner sees it."""
    found = defaultdict(list)
    for lab in discovery.discover():
        found[lab.page.relative_to(book_root()).with_suffix("").as_posix()].append(lab)
    return found


def archive_of(built_html: Path, docname: str) -> Path:
    page = BeautifulSoup((built_html / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
    links = page.select("p.lab-archive a.lab-archive-link")
    assert len(links) == 1, f"{docname}: {len(links)} links to the chapter's labs archive"
    assert links[0].get_text() == "Télécharger les labs du chapitre"
    archive = (built_html / docname).parent / links[0]["href"]
    assert archive.is_file(), f"{docname} links to {links[0]['href']}, which the build did not write"
    return archive.resolve()


def test_every_chapter_links_to_an_archive_holding_all_its_labs(built_html):
    assert chapters(), "no lab found under snippets/"
    for docname, labs in chapters().items():
        with zipfile.ZipFile(archive_of(built_html, docname)) as archive:
            names = set(archive.namelist())
            top = archive.namelist()[0].split("/")[0]
            assert f"{top}/README.md" in names
            for lab in labs:
                for path in sorted(p for p in lab.folder.rglob("*") if p.is_file()):
                    member = f"{top}/{lab.name}/{path.relative_to(lab.folder).as_posix()}"
                    assert member in names, f"{member} missing from the archive of {docname}"
                    assert archive.read(member) == path.read_bytes(), f"{member} differs from {path}"
                mode = archive.getinfo(f"{top}/{lab.name}/{lab.snippet.name}").external_attr >> 16
                assert mode & 0o111, f"{lab.snippet.name} of {lab.name} is not executable in the archive"
            assert len({name.split("/")[1] for name in names if name.count("/") > 1}) == len(labs)
            assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}  # same labs, same zip


def test_the_home_page_links_to_every_chapters_archive(built_html):
    home = BeautifulSoup((built_html / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = {(built_html / a["href"]).resolve() for a in home.select(".lab-downloads a.lab-archive-link")}
    assert hrefs == {archive_of(built_html, docname) for docname in chapters()}


def readme_of(archive: Path) -> str:
    with zipfile.ZipFile(archive) as zipped:
        [readme] = [name for name in zipped.namelist() if name.endswith("/README.md") and name.count("/") == 1]
        return zipped.read(readme).decode("utf-8")


def test_the_readme_says_in_french_how_to_run_every_lab(built_html):
    for docname, labs in chapters().items():
        readme = readme_of(archive_of(built_html, docname))
        assert "## Ce qu’il faut" in readme and "## Lancer un lab" in readme
        for lab in labs:
            assert f"make lab LAB={lab.name}\n" in readme, f"README of {docname}: no command for {lab.name}"
            assert f"`{images.REPOSITORY}/{lab.options.image}`" in readme
        for command in SH_BLOCK.findall(readme):
            assert "/work/" not in command and str(Path.home()) not in command  # nothing of the build machine


def plain_lab(labs: list[discovery.Lab]) -> discovery.Lab:
    """A lab whose output needs no normalizing and that does not drive the engine: compared as it is."""
    return next(lab for lab in labs if not (lab.options.engine or lab.options.normalize or lab.options.normalize_regex
                                            or lab.options.exit_code or lab.options.stderr == "separate"))


@pytest.mark.labs
def test_a_lab_runs_from_the_unpacked_archive_with_the_readmes_docker_command(built_html, tmp_path):
    docname, labs = next(iter(sorted(chapters().items())))
    lab = plain_lab(labs)
    archive = archive_of(built_html, docname)
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(tmp_path)
        for info in zipped.infolist():  # extractall drops the modes: restore them as unzip does
            (tmp_path / info.filename).chmod(info.external_attr >> 16 & 0o777)
    [top] = [p for p in tmp_path.iterdir() if p.is_dir()]
    commands = [block for block in SH_BLOCK.findall(readme_of(archive)) if block.startswith(f"cd {lab.name}\n")]
    assert commands, f"the README gives no plain docker command for {lab.name}"
    images.ensure(lab.options.image)
    # The engine's own CLI, as a reader has it (/usr/local/bin/docker is a newer CLI without buildx).
    env = {**os.environ, "PATH": "/usr/bin:/bin"}
    done = subprocess.run(["sh", "-c", commands[0]], cwd=top, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (top / lab.name / "output.txt").read_text(encoding="utf-8")

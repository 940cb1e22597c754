"""Read the Docs can build the book as it is: its configuration is valid and points at real files."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from bookpages import load
from chapters import chapters
from site_files import extension, reader_pages

REPO_ROOT = Path(__file__).resolve().parents[2]
CONFIG = REPO_ROOT / ".readthedocs.yaml"


@pytest.fixture(scope="module")
def config():
    return yaml.safe_load(CONFIG.read_text(encoding="utf-8"))


def test_config_is_valid_against_the_read_the_docs_schema():
    # check-jsonschema ships the Read the Docs schema: no network needed.
    checker = Path(sys.executable).with_name("check-jsonschema")
    completed = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.readthedocs", str(CONFIG)],
        capture_output=True, text=True,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_build_os_and_python_are_pinned(config):
    # Read the Docs refuses a build without build.os (since 2023).
    assert config["version"] == 2
    assert config["build"]["os"].startswith("ubuntu-")
    assert config["build"]["tools"]["python"] not in ("latest", "3")


def test_sphinx_configuration_points_at_the_book_configuration(config):
    # Required since January 2025.
    path = REPO_ROOT / config["sphinx"]["configuration"]
    assert path.is_file() and path.name == "conf.py"
    assert config["sphinx"]["fail_on_warning"] is True


def test_python_install_uses_an_extra_that_pyproject_defines(config):
    extras = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    installs = [step for step in config["python"]["install"] if step.get("method") == "pip"]
    assert installs, "no `method: pip` install: Read the Docs would not install the book's dependencies"
    for step in installs:
        assert (REPO_ROOT / step["path"] / "pyproject.toml").is_file()
        assert set(step.get("extra_requirements", [])) <= set(extras), step


def test_epub_is_published(config):
    assert "epub" in config["formats"]


def test_custom_build_commands_use_the_book_sources(config):
    # Read the Docs' default command would take conf/ as the source folder.
    for command in config["build"]["jobs"]["build"]["html"] + config["build"]["jobs"]["build"]["epub"]:
        if "sphinx" in command:
            assert " -c conf " in command and " book " in command and "-W" in command, command


# -- Pinned docs dependencies: one lock for Read the Docs, `make html` and CI ---------------

LOCK = REPO_ROOT / "conf" / "requirements-docs.txt"


def lock_pins() -> dict[str, str]:
    from packaging.utils import canonicalize_name

    pins = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"{LOCK.name}: {line!r} is not pinned with =="
            pins[canonicalize_name(name)] = version.strip()
    return pins


def docs_closure() -> dict[str, str]:
    """Installed name -> version of everything `pip install .[docs]` brings, from the venv."""
    from importlib.metadata import PackageNotFoundError, distribution

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    found: dict[str, str] = {}
    todo = [(req, {"docs"}) for req in distribution("docker-en-pratique").requires or []]
    while todo:
        text, extras = todo.pop()
        req = Requirement(text)
        if req.marker and not any(req.marker.evaluate({"extra": extra}) for extra in extras or {""}):
            continue
        name = canonicalize_name(req.name)
        if name == "docker-en-pratique" or name in found:
            continue
        try:
            dist = distribution(req.name)
        except PackageNotFoundError:
            raise AssertionError(f"{req.name} is required by the docs extra but not installed")
        found[name] = dist.version
        todo.extend((sub, set(req.extras)) for sub in dist.requires or [])
    return found


def test_lock_pins_exactly_what_the_docs_extra_installs_here():
    """The tests run with the versions Read the Docs will install: the lock is the venv's."""
    installed, pins = docs_closure(), lock_pins()
    assert installed, "the docs extra installs nothing?"
    missing = sorted(set(installed) - set(pins))
    differ = {name: (pins[name], installed[name]) for name in installed if name in pins and pins[name] != installed[name]}
    assert not missing, f"not pinned in {LOCK.name} (run `make lock`): {missing}"
    assert not differ, f"{LOCK.name} pins differ from this venv (lock, installed): {differ}"


def test_read_the_docs_installs_the_lock_with_its_python(config):
    installs = config["python"]["install"]
    assert installs[0] == {"requirements": "conf/requirements-docs.txt"}, installs
    written_with = re.search(r"^# Python (\d+\.\d+)$", LOCK.read_text(encoding="utf-8"), re.M)
    assert written_with, f"{LOCK.name} does not say which Python wrote it"
    assert config["build"]["tools"]["python"] == written_with[1]


def test_make_installs_with_the_lock_and_can_rewrite_it():
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line for line in makefile.splitlines() if "$(VENV)/bin/python -m pip install" in line and ".[" in line]
    assert installs and all("--constraint $(LOCK)" in line for line in installs), installs
    assert "LOCK = conf/requirements-docs.txt" in makefile
    assert re.search(r"^lock:", makefile, re.M), "no `make lock` target"


def test_an_unpinned_package_is_reported(tmp_path, monkeypatch):
    """The lock check can fail: a lock without Sphinx misses it."""
    trimmed = tmp_path / "requirements-docs.txt"
    trimmed.write_text("\n".join(
        line for line in LOCK.read_text(encoding="utf-8").splitlines() if not line.lower().startswith("sphinx==")
    ), encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "LOCK", trimmed)
    assert "sphinx" in set(docs_closure()) - set(lock_pins())


# -- Published like the best docs sites: canonical URL, sitemap, meta, 404 ------------------

def _publication():
    return extension("publication")


def test_canonical_url_comes_from_read_the_docs_when_set(monkeypatch):
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://livre.example.org/fr/stable")
    assert _publication().canonical_url("https://default.example/") == "https://livre.example.org/fr/stable/"
    monkeypatch.delenv("READTHEDOCS_CANONICAL_URL")
    assert _publication().canonical_url("https://default.example/") == "https://default.example/"


@pytest.mark.parametrize("remote, expected", [
    ("https://github.com/owner/livre.git", "https://github.com/owner/livre"),
    ("git@gitlab.com:owner/livre.git", "https://gitlab.com/owner/livre"),
    ("https://token@github.com/owner/livre", "https://github.com/owner/livre"),
    ("/work/main", None),
    ("file:///srv/git/livre.git", None),
])
def test_repository_web_address(remote, expected):
    assert _publication().web_address(remote) == expected


def test_repository_placeholder_without_a_hosted_remote(tmp_path, monkeypatch):
    monkeypatch.delenv("READTHEDOCS_GIT_CLONE_URL", raising=False)
    assert _publication().repository_url(tmp_path, "https://placeholder.example/a/b") == "https://placeholder.example/a/b"
    monkeypatch.setenv("READTHEDOCS_GIT_CLONE_URL", "https://github.com/owner/livre.git")
    assert _publication().repository_url(tmp_path, "https://placeholder.example/a/b") == "https://github.com/owner/livre"


def _base_url(built_html) -> str:
    return load(built_html / "index.html").find("link", rel="canonical")["href"].removesuffix("index.html")


def test_every_page_has_its_canonical_url(built_html):
    base = _base_url(built_html)
    assert base.startswith("https://") and base.endswith("/"), base
    for path in reader_pages(built_html):
        name = path.relative_to(built_html).as_posix()
        if name == "404.html":
            continue
        canonical = load(path).find("link", rel="canonical")
        assert canonical is not None and canonical["href"] == base + name, name


def test_sitemap_lists_every_reader_page(built_html):
    from xml.etree import ElementTree

    base = _base_url(built_html)
    locs = {
        loc.text
        for loc in ElementTree.parse(built_html / "sitemap.xml").iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    }
    pages = {
        base + path.relative_to(built_html).as_posix()
        for path in reader_pages(built_html)
        if path.name not in ("search.html", "genindex.html", "404.html")
    }
    assert locs == pages
    assert f"Sitemap: {base}sitemap.xml" in (built_html / "robots.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("page", ["index.html", *(chapter.html for chapter in chapters())])
def test_description_and_opengraph_meta(built_html, page):
    soup = load(built_html / page)
    meta = {tag.get("property") or tag.get("name"): tag.get("content") for tag in soup.find_all("meta")}
    assert len(meta.get("description") or "") > 60, f"{page}: no description"
    assert meta["og:title"] and meta["og:site_name"] == "Docker en pratique"
    assert meta["og:url"] == soup.find("link", rel="canonical")["href"]
    assert meta["og:locale"] == "fr_FR"
    assert re.search(r"\b(le|la|les|des|du)\b", meta["description"]), f"not French: {meta['description']}"


def test_french_404_page_with_absolute_links(built_html):
    from urllib.parse import urlsplit

    prefix = urlsplit(_base_url(built_html)).path
    soup = load(built_html / "404.html")
    assert soup.html["lang"] == "fr" and soup.title.get_text().startswith("Page introuvable")
    assert "Page introuvable" in soup.find("article").get_text()
    links = [a["href"] for a in soup.find("article").find_all("a")]
    assert links and all(link.startswith(prefix) for link in links), links
    stylesheets = [tag["href"] for tag in soup.find_all("link", rel="stylesheet")]
    assert stylesheets and all(href.startswith(prefix) for href in stylesheets), stylesheets

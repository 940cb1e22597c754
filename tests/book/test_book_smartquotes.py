"""French typography must never corrupt a command: `--rm` stays `--rm`, quotes become « »."""

import re

import pytest

from bookpages import article, load, normalize, visible_strings
from chapters import chapters, params

DASHES = "\u2013\u2014"  # en dash, em dash: what "--" and "---" become with the "D" action


def corrupted_options(strings: list[str]) -> list[str]:
    """Strings where a command-line option lost its double hyphen to a dash."""
    return [s for s in strings if re.search(f"[{DASHES}][a-z]", s)]


@pytest.fixture(scope="module")
def typography_page(tmp_path_factory, sphinx_runner):
    """A one-page book, built with the book's configuration, with plain prose to convert."""
    root = tmp_path_factory.mktemp("smartquotes")
    (root / "src").mkdir()
    (root / "src" / "index.md").write_text(
        '# Essai\n\nLancez docker run --rm debian et lisez le mot "conteneur".\n', encoding="utf-8"
    )
    run = sphinx_runner("html", root / "src", root / "html")
    assert run.succeeded, run.warnings
    return " ".join(visible_strings(article(load(root / "html" / "index.html"))))


def test_double_hyphen_in_prose_is_kept(typography_page):
    assert "docker run --rm debian" in typography_page
    assert corrupted_options([typography_page]) == []


def test_straight_quotes_become_french_quotes_with_non_breaking_spaces(typography_page):
    assert "«\u00a0conteneur\u00a0»" in typography_page


@pytest.mark.parametrize("chapter", params())
def test_no_option_of_the_chapter_lost_its_double_hyphen(built_html, chapter):
    text = normalize(article(load(built_html / chapter.html)).get_text(" "))
    assert corrupted_options([text]) == []


def test_the_book_shows_docker_run_rm_intact(built_html):
    """Not vacuous: the book does show an option in its prose, and it survived typography."""
    texts = [normalize(article(load(built_html / chapter.html)).get_text(" ")) for chapter in chapters()]
    assert any("docker run --rm" in text for text in texts)


def test_a_corrupted_option_is_reported():
    assert corrupted_options(["docker run \u2013rm debian"]) == ["docker run \u2013rm debian"]

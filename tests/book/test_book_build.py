"""The book builds with zero warnings, and a broken reference would fail the build."""


def test_the_book_builds_without_any_warning(book_build):
    assert book_build.succeeded
    assert "WARNING" not in book_build.warnings and "ERROR" not in book_build.warnings, book_build.warnings


def test_a_broken_reference_fails_the_build_with_file_and_line(tmp_path, sphinx_runner):
    source = tmp_path / "src"
    source.mkdir()
    (source / "index.md").write_text(
        "# Essai\n\nUn renvoi cassé\u00a0: {ref}`nulle-part`.\n", encoding="utf-8"
    )
    run = sphinx_runner("html", source, tmp_path / "html")
    assert not run.succeeded
    assert "index.md:3" in run.warnings and "nulle-part" in run.warnings, run.warnings

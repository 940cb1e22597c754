"""Where the chapter's static artifacts live: files shown in the book but not run."""

from labrunner.paths import snippets_root

CHAPTER = "docker-en-pratique/2-05-pourquoi-les-conteneurs"


def artifact(relative: str):
    """The path of ``<lab folder>/<file>`` in chapter 2.05's snippets (it must exist)."""
    path = snippets_root() / CHAPTER / relative
    assert path.is_file(), f"{path}: missing artifact (the book shows it)"
    return path

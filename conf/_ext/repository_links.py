"""The theme's repository buttons, in French and drawn with icons the page already loads.

sphinx-book-theme builds them from `repository_url` (conf.py): a group with the repository,
« Suggest edit » and « Open issue » (untranslated), whose new-issue link pre-fills an English
title and body, and whose icon comes from Font Awesome's brands font: 110 kB more to
download for one GitHub logo (tests/bench/page_weight.py).
"""

from __future__ import annotations

from urllib.parse import quote

from sphinx.application import Sphinx

# Button label (set by sphinx-book-theme) -> French text and a Font Awesome solid icon.
FRENCH_BUTTONS = {
    "source-buttons": ("Le dépôt du livre", "fa-solid fa-code-branch"),
    "source-repository-button": ("Dépôt du livre", "fa-solid fa-code-branch"),
    "source-edit-button": ("Modifier cette page", "fa-solid fa-pencil"),
    "source-issues-button": ("Signaler une erreur", "fa-solid fa-flag"),
}
ISSUE_BODY = "Page\u00a0: {page}\n\nCe qui ne va pas (et, si possible, ce qu’il faudrait écrire)\u00a0:\n"


def issue_url(repository: str, page: str) -> str:
    title = f"Erreur sur la page {page}"
    return f"{repository}/issues/new?title={quote(title)}&body={quote(ISSUE_BODY.format(page=page))}"


def _frenchify(button: dict, repository: str, page: str) -> None:
    text, icon = FRENCH_BUTTONS.get(button.get("label"), (None, None))
    if text is None:
        return
    button["tooltip"] = text
    if button.get("text"):
        button["text"] = text
    button["icon"] = icon
    if button["label"] == "source-issues-button":
        button["url"] = issue_url(repository, page)
    for child in button.get("buttons", []):
        _frenchify(child, repository, page)


def _french_repository_buttons(app: Sphinx, pagename, templatename, context, doctree) -> None:
    repository = app.config.html_theme_options.get("repository_url", "").rstrip("/")
    page = f"{pagename}.html"
    for button in context.get("header_buttons", []):
        _frenchify(button, repository, page)


def setup(app: Sphinx) -> dict:
    # After sphinx-book-theme's add_source_buttons (priority 501) has made them.
    app.connect("html-page-context", _french_repository_buttons, priority=502)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

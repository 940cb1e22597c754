"""The 404 page Read the Docs serves for any missing address, made by sphinx-notfound-page.

That extension gives the 404 page its own `toctree()` helper (links made absolute), which
returns None where Sphinx's returns "" when the book has no table of contents (a one-page
book, as the tests build): pydata-sphinx-theme then fails the build parsing None as HTML.
"""

from sphinx.application import Sphinx


def _toctree_never_none(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if pagename != app.config.notfound_pagename or "toctree" not in context:
        return
    toctree = context["toctree"]
    context["toctree"] = lambda *args, **kwargs: toctree(*args, **kwargs) or ""


def setup(app: Sphinx) -> dict:
    app.setup_extension("notfound.extension")
    # After sphinx-notfound-page swaps the helper (priority 400), before the theme's
    # handlers render the navigation with it (default priority 500).
    app.connect("html-page-context", _toctree_never_none, priority=450)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

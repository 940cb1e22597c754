"""Trim what a page loads or declares but does not use (see tests/bench/page_weight.py).

- sphinx-design adds its tab script to every page; only pages with a tab set need it.
- docutils writes its own viewport meta tag into the page's metatags, after the one
  Sphinx's layout already has: a page keeps one (pydata's third copy: _templates/layout.html).
"""

import re

from sphinx.application import Sphinx

PER_FEATURE_SCRIPTS = {"design-tabs.js": "sd-tab-set"}  # script -> class that needs it
VIEWPORT_META = re.compile(r'<meta name="viewport"[^>]*>\s*')


def _drop_unused_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    body = context.get("body", "")
    unused = {script for script, marker in PER_FEATURE_SCRIPTS.items() if marker not in body}
    if unused and "script_files" in context:
        context["script_files"] = [
            js for js in context["script_files"]
            if str(getattr(js, "filename", js)).rsplit("/", 1)[-1] not in unused
        ]


def _drop_repeated_viewport(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if "metatags" in context:
        context["metatags"] = VIEWPORT_META.sub("", context["metatags"])


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", _drop_unused_scripts)
    app.connect("html-page-context", _drop_repeated_viewport)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}

"""Trim what a page loads but does not use (see tests/bench/page_weight.py).

sphinx-design adds its tab script to every page; only pages with a tab set need it.
"""

from sphinx.application import Sphinx

PER_FEATURE_SCRIPTS = {"design-tabs.js": "sd-tab-set"}  # script -> class that needs it


def _drop_unused_scripts(app: Sphinx, pagename, templatename, context, doctree) -> None:
    body = context.get("body", "")
    unused = {script for script, marker in PER_FEATURE_SCRIPTS.items() if marker not in body}
    if unused and "script_files" in context:
        context["script_files"] = [
            js for js in context["script_files"]
            if str(getattr(js, "filename", js)).rsplit("/", 1)[-1] not in unused
        ]


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", _drop_unused_scripts)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

"""Sphinx extension: a page that had a warning or an error is read again by the next build.

Sphinx keeps what it read of a page and reads it again only when the page or a file noted
as its dependency changes. A page whose figure, lab block or include failed for a reason
outside those files (a missing tool, a package, a file restored with its old time stamp) was
kept as it was, incomplete, and the next `make html`, once the cause was fixed, said
« 0 added, 0 changed » and served the page without its figures: a failed build had become
a silent success (issue 11).

So every warning is traced to the page it is about, and the next build reads those pages
again (event ``env-get-outdated``). A warning that names no page makes the next build read
every page. The list is kept beside the doctrees (``LIST_NAME``), written when the build
ends, failed or not; Sphinx's own pickled environment is left as Sphinx wrote it.
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.logging import NAMESPACE

LIST_NAME = "pages-to-read-again.txt"
EVERY_PAGE = "*"  # in the list: a warning named no page


class _PagesWarnedAbout(logging.Handler):
    """Collects the pages Sphinx's warnings are about, as they are logged."""

    def __init__(self, app: Sphinx):
        super().__init__(logging.WARNING)
        self.app = app
        self.pages: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        env = getattr(self.app, "env", None)  # none yet while the configuration is read
        self.pages.add((_page_of(env, record) if env else None) or EVERY_PAGE)


def _page_of(env: BuildEnvironment, record: logging.LogRecord) -> str | None:
    """The page a warning is about: Sphinx gives its location as (docname, line), a node,
    a docname, or "path:line"; without one, the page being read or written, if any."""
    location = getattr(record, "location", None)
    if isinstance(location, tuple):
        return location[0] or None
    if isinstance(location, nodes.Node):
        location = get_source_line(location)[0]
    if isinstance(location, str):
        if ":" not in location:
            return location if location in env.found_docs else env.path2doc(location)
        path, _, line = location.rpartition(":")
        page = env.path2doc(path if line.isdigit() or not line else location)
        if page:
            return page
    return env.current_document.docname or None


def _list_file(app: Sphinx) -> Path:
    return Path(app.doctreedir) / LIST_NAME


def _start_watching(handler: _PagesWarnedAbout, app: Sphinx) -> None:
    # First among the handlers: with -W a later one raises, and this one must have seen it.
    logging.getLogger(NAMESPACE).handlers.insert(0, handler)


def _pages_to_read_again(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    listed = _list_file(app)
    if not listed.is_file():
        return []
    pages = set(listed.read_text(encoding="utf-8").split())
    return sorted(env.found_docs) if EVERY_PAGE in pages else sorted(pages)


def _write_list(handler: _PagesWarnedAbout, app: Sphinx, exception: Exception | None) -> None:
    logging.getLogger(NAMESPACE).removeHandler(handler)
    pages = set(handler.pages)
    listed = _list_file(app)
    if exception is not None and listed.is_file():
        # The build stopped before it read again the pages of the last list: keep them.
        pages |= set(listed.read_text(encoding="utf-8").split())
    if pages:
        listed.parent.mkdir(parents=True, exist_ok=True)
        listed.write_text("".join(f"{page}\n" for page in sorted(pages)), encoding="utf-8")
    else:
        listed.unlink(missing_ok=True)


def setup(app: Sphinx) -> dict:
    handler = _PagesWarnedAbout(app)
    app.connect("builder-inited", partial(_start_watching, handler))
    app.connect("env-get-outdated", _pages_to_read_again)
    app.connect("build-finished", partial(_write_list, handler))
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

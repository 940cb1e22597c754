"""Every line of a highlighted listing in its own ``<span class="ln">``, so a wrapped line shows it.

A line too long for a phone or a printed page wraps (lab.css) instead of being cut off; with
one element per line, its continuation is indented under the line's start and marked in the
gutter, so a reader never takes it for a line of its own. Pygments closes its tokens at the
end of every line, so each line is balanced HTML and can be wrapped as it is. The text is
unchanged (the spans are inline-level): copying a listing copies the same characters.
"""

from __future__ import annotations

import re

from sphinx.application import Sphinx

PRE = re.compile(r'(<div class="highlight"><pre>(?:<span></span>)?)(.*?)(</pre>)', re.DOTALL)


def _lines(match: re.Match) -> str:
    head, text, tail = match.groups()
    lines = [f'<span class="ln">{line}</span>' if line else line for line in text.split("\n")]
    return head + "\n".join(lines) + tail


def split_lines(html: str) -> str:
    return PRE.sub(_lines, html)


def _page(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if "body" in context:
        context["body"] = split_lines(context["body"])


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", _page)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

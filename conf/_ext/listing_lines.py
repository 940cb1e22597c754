"""Every line of a highlighted listing in its own ``<span class="ln">``, so a wrapped line shows it.

A line too long for a phone or a printed page wraps (lab.css) instead of being cut off; with
one element per line, its continuation is indented under the line's text and marked in the
gutter, so a reader never takes it for a line of its own. Pygments closes its tokens at the
end of every line, so each line is balanced HTML and can be wrapped as it is. The text is
unchanged (the spans are inline-level): copying a listing copies the same characters.
"""

from __future__ import annotations

import re

from sphinx.application import Sphinx

PRE = re.compile(r'(<div class="highlight"><pre>(?:<span></span>)?)(.*?)(</pre>)', re.DOTALL)
TAG = re.compile(r"<[^>]*>")


def _line(html: str) -> str:
    """One line in its span; its indentation (--indent, in columns) so a continuation lines up under its text."""
    if not html:
        return html
    text = TAG.sub("", html)
    indent = len(text) - len(text.lstrip(" "))
    style = f' style="--indent: {indent}"' if indent else ""
    return f'<span class="ln"{style}>{html}</span>'


def _lines(match: re.Match) -> str:
    head, text, tail = match.groups()
    return head + "\n".join(_line(line) for line in text.split("\n")) + tail


def split_lines(html: str) -> str:
    return PRE.sub(_lines, html)


def _page(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if "body" in context:
        context["body"] = split_lines(context["body"])


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", _page)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

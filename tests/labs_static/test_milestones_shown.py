"""Every milestone of chapter 2.05 shows the reader something checked: a tested {lab}, or a
file of snippets/ checked statically ({literalinclude}), or at least code labelled as not
run ({illustrative}); and no `<!-- lab: ... -->` placeholder is left behind."""

import re

import pytest

from labrunner import book
from labrunner.paths import book_root

PAGE = book_root() / "docker-en-pratique" / "2-05-pourquoi-les-conteneurs.md"
MILESTONE_RE = re.compile(r"^### (?P<year>\d{4}) : ", re.MULTILINE)
SHOWN = {"lab", "literalinclude", "illustrative"}


def milestones():
    """(heading, first line, last line) of each '### YYYY : ...' section, 1-based lines."""
    text = PAGE.read_text(encoding="utf-8").replace("\u00a0", " ")
    starts = [text.count("\n", 0, m.start()) + 1 for m in MILESTONE_RE.finditer(text)]
    lines = text.split("\n")
    ends = [(s - 1) for s in starts[1:]] + [next(i for i in range(starts[-1], len(lines)) if lines[i].startswith("## ")) + 1]
    return [(lines[s - 1], s, e) for s, e in zip(starts, ends)]


@pytest.mark.parametrize("heading,first,last", [pytest.param(*m, id=m[0].split()[1]) for m in milestones()])
def test_each_milestone_shows_a_lab_or_an_artifact(heading, first, last):
    shown = {b.directive for b in book.blocks(PAGE) if first <= b.line <= last} & SHOWN
    assert shown, f"{PAGE}:{first}: {heading!r} shows no {{lab}}, {{literalinclude}} or {{illustrative}}"


def test_no_lab_placeholder_is_left():
    assert "<!-- lab:" not in PAGE.read_text(encoding="utf-8"), f"{PAGE}: replace the <!-- lab: ... --> markers"

"""Every milestone of chapter 2.05 shows the reader something checked: a tested {lab}, or a
file of snippets/ checked statically ({literalinclude}), or at least code labelled as not
run ({illustrative}); and no `<!-- lab: ... -->` placeholder is left behind.

The milestones are the seed's (seed.toml, beside this file); a milestone's section runs from
its heading to the next milestone's, the last one to the next section of a higher level."""

import pytest

from chapters import chapter_of
from labrunner import book

CHAPTER = chapter_of(__file__)
PAGE = CHAPTER.source
MILESTONES = CHAPTER.data("seed")["milestone"]
SHOWN = {"lab", "literalinclude", "illustrative"}


def source_lines() -> list[str]:
    return PAGE.read_text(encoding="utf-8").replace("\u00a0", " ").split("\n")


def section(milestone: dict) -> tuple[int, int]:
    """First and last line (1-based) of the milestone's section in the source."""
    lines = source_lines()
    heading = f"### {milestone['year']} : {milestone['name']}"
    assert heading in lines, f"{PAGE}: no heading {heading!r} (seed.toml lists it)"
    first = lines.index(heading) + 1
    following = (i for i in range(first, len(lines)) if lines[i].startswith(("## ", "### ")))
    return first, next(following, len(lines))


@pytest.mark.parametrize("milestone", MILESTONES, ids=lambda m: m["year"])
def test_each_milestone_shows_a_lab_or_an_artifact(milestone):
    first, last = section(milestone)
    shown = {b.directive for b in book.blocks(PAGE) if first <= b.line <= last} & SHOWN
    assert shown, f"{PAGE}:{first}: {milestone['name']!r} shows no {{lab}}, {{literalinclude}} or {{illustrative}}"


def test_no_lab_placeholder_is_left():
    assert "<!-- lab:" not in PAGE.read_text(encoding="utf-8"), f"{PAGE}: replace the <!-- lab: ... --> markers"

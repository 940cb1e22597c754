"""Dated claims of a chapter: are they sourced, and do their dates match the reference facts?

Rules (also written for authors in CONTRIBUTING.md):
- A precise date (a month and a year, « mars 2000 », or a full date, « 21 juin 2015 ») must
  cite the bibliography in its own paragraph or in the box, list or table around it.
- A year given for one of the reference facts (checks/facts.toml beside a chapter's snippets) must cite
  the bibliography in the same paragraph, box or section.
- The date written next to a reference fact must match the fact: the same year, and the same
  month and day when the text gives them; the text may not be more precise than the source.
Headings are not claims: they carry the course's milestone years, which facts.md keeps as
teaching landmarks and corrects in the « Repères » boxes.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from chapters import chapters_with
from labrunner.paths import display

from .findings import Finding
from .rendered import HEADING_TAGS, Block, Page
from .checks import figure_first, in_figure, trace
from .typography import mask

FACTS_DATA = "facts"  # snippets/<part>/<chapter>/checks/facts.toml
BIBLIOGRAPHY_PAGE = "bibliographie.html"

MONTHS = {
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
}
DATE = re.compile(
    r"(?:(?P<day>1ᵉʳ|1er|[12]?\d|3[01])\s+)?(?:(?P<month>" + "|".join(MONTHS) + r")\s+)?"
    r"(?<![\d.])(?P<year>(?:19|20)\d\d)(?![\d.]\d)"
)
# A clause ends at a sentence end or a semicolon (not at the dot of "1.0" or "2.6.24").
CLAUSE_END = re.compile(r"(?<=[.;!?])\s+|\s+;\s+")


@dataclass(frozen=True)
class Date:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, iso: str) -> "Date":
        parts = [int(p) for p in iso.split("-")]
        return cls(*parts)

    def __str__(self) -> str:
        return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate([self.year, self.month, self.day]) if p is not None)

    @property
    def precise(self) -> bool:
        return self.month is not None


@dataclass(frozen=True)
class Fact:
    row: int
    subject: re.Pattern[str]
    event: re.Pattern[str]
    date: Date
    source: str = ""  # the facts file, as a maintainer types its path


def load_facts(path: Path | None = None) -> list[Fact]:
    """The facts of one file, or of every chapter that has one when no path is given."""
    if path is None:
        return [fact for chapter in chapters_with(FACTS_DATA) for fact in load_facts(chapter.checks / f"{FACTS_DATA}.toml")]
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    facts = []
    for i, entry in enumerate(data.get("fact", []), start=1):
        try:
            facts.append(Fact(
                entry["row"], re.compile(entry["subject"], re.IGNORECASE), re.compile(entry["event"]), Date.parse(entry["date"]),
                display(path),
            ))
        except (KeyError, ValueError, TypeError, re.error) as exc:
            raise ValueError(f"{path}: [[fact]] entry {i} is malformed ({exc}); it needs row, subject, event, date") from exc
    return facts


def dates_in(text: str) -> list[tuple[int, int, Date]]:
    found = []
    for m in DATE.finditer(mask(text)):
        day = m["day"]
        day_number = 1 if day in ("1ᵉʳ", "1er") else (int(day) if day and m["month"] else None)
        month = MONTHS[m["month"]] if m["month"] else None
        start = m.start("day") if day_number else (m.start("month") if month else m.start("year"))
        found.append((start, m.end(), Date(int(m["year"]), month, day_number)))
    return found


# « Dès 2008, les cgroups intègrent le noyau » dates the event from before it, but only nearby:
# « 2018 est l’année où …, trois ans après sa version 1.0 » does not date the version 1.0.
MAX_DISTANCE_BEFORE = 80


def date_next_to(event_start: int, event_end: int, dates: list[tuple[int, int, Date]]) -> tuple[int, int, Date] | None:
    """The date written for an event: the first one after it, else a close one before it."""
    after = [d for d in dates if d[0] >= event_end]
    if after:
        return after[0]
    before = [d for d in dates if d[1] <= event_start and event_start - d[1] <= MAX_DISTANCE_BEFORE]
    return before[-1] if before else None


def agrees(written: Date, fact: Date) -> str:
    """Empty when the written date fits the fact, else what is wrong."""
    if written.year != fact.year:
        return "wrong year"
    for part in ("month", "day"):
        w, f = getattr(written, part), getattr(fact, part)
        if w is not None and f is None:
            return f"the {part} is more precise than the source"
        if w is not None and w != f:
            return f"wrong {part}"
    return ""


@dataclass(frozen=True)
class Unit:
    """A piece of prose read as one: a paragraph, or a table row; with what it is about."""

    page: Page
    block: Block  # the block (first cell for a row) whose links and section count
    text: str
    context: str  # definition term or section title: may name the subject


def units(page: Page) -> list[Unit]:
    result = []
    rows: dict[int, list[Block]] = {}
    for block in page.blocks:
        if block.tag in HEADING_TAGS or block.tag == "dt":
            continue
        if block.row >= 0:
            rows.setdefault(block.row, []).append(block)
            continue
        context = block.term or page.section_titles.get(block.section, "")
        result.append(Unit(page, block, block.text, context))
    for cells in rows.values():
        text = " | ".join(c.text for c in cells)
        linked = Block(text, cells[0].tag, frozenset().union(*(c.links for c in cells)), cells[0].section)
        result.append(Unit(page, linked, text, page.section_titles.get(cells[0].section, "")))
    return result


def clauses(text: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for m in CLAUSE_END.finditer(text):
        out.append((start, text[start:m.start()]))
        start = m.end()
    out.append((start, text[start:]))
    return out


def cites_bibliography(links: frozenset[str]) -> bool:
    return any(href.split("#", 1)[0].endswith(BIBLIOGRAPHY_PAGE) for href in links)


def _finding(unit: Unit, start: int, end: int, message: str) -> Finding:
    return Finding(*trace(unit.page, unit.text, start, end, figure=figure_first(unit.block)), message)


def fact_findings(page: Page, facts: list[Fact]) -> tuple[list[Finding], set[int]]:
    """Dates that disagree with the reference facts, and the indexes of the facts found."""
    findings, used = [], set()
    for unit in units(page):
        for offset, clause in clauses(unit.text):
            dates = dates_in(clause)
            for index, fact in enumerate(facts):
                if not (fact.subject.search(clause) or fact.subject.search(unit.context)):
                    continue
                event = fact.event.search(clause)
                if not event:
                    continue
                written = date_next_to(event.start(), event.end(), dates)
                if written is None:
                    continue
                used.add(index)
                problem = agrees(written[2], fact.date)
                if problem:
                    findings.append(_finding(
                        unit, offset + written[0], offset + written[1],
                        f"{problem}: « {clause[written[0]:written[1]]} » for « {event.group()} », "
                        f"facts.md row {fact.row} says {fact.date} ({fact.source})",
                    ))
    return findings, used


def citation_findings(page: Page, facts: list[Fact]) -> list[Finding]:
    """Dated claims with no link to the bibliography where the rule asks for one.

    A figure (its alt text, the words drawn in it) cannot hold a link: it repeats facts the
    text cites.
    """
    findings = []
    for unit in units(page):
        if in_figure(unit.block):
            continue
        cited_here = cites_bibliography(unit.block.links)
        cited_in_section = cited_here or cites_bibliography(page.section_links.get(unit.block.section, frozenset()))
        for offset, clause in clauses(unit.text):
            dates = dates_in(clause)
            precise = [d for d in dates if d[2].precise]
            if precise and not cited_here:
                start, end, _ = precise[0]
                findings.append(_finding(
                    unit, offset + start, offset + end,
                    f"precise date « {clause[start:end]} » without a source: cite the bibliography "
                    "({ref}`[Clé] <bib-...>`) in this paragraph or in its box",
                ))
                continue
            if cited_in_section or not dates:
                continue
            for fact in facts:
                event = fact.event.search(clause)
                if event and (fact.subject.search(clause) or fact.subject.search(unit.context)):
                    if date_next_to(event.start(), event.end(), dates):
                        findings.append(_finding(
                            unit, offset + event.start(), offset + event.end(),
                            f"dated claim « {event.group()} » without a source: cite the bibliography "
                            "in this paragraph, its box or its section",
                        ))
                        break
    return findings

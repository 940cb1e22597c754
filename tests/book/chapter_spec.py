"""What a chapter must keep from its seed, and checks that report what is missing.

The expectations are the seed's own content (milestones, analogies, objectives), kept as data
next to the chapter's snippets (``checks/seed.toml``, read by `Seed.of`): the chapter may be
rewritten and enriched, never thinned. Each check returns the list of what is missing, so a
test can show every gap at once and a self-test can prove the check fails when something is
removed.
"""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import BeautifulSoup

from bookpages import article, normalize, section_of
from chapters import Chapter

SEED_DATA = "seed"  # checks/seed.toml

@dataclass(frozen=True)
class Milestone:
    year: str
    name: str
    label: str  # the explicit `(label)=` target of its section
    corrected: bool = False  # approximate or wrong seed date: a « Repères » box with sources

    @property
    def heading(self) -> str:
        return f"{self.year} : {self.name}"


@dataclass(frozen=True)
class Seed:
    milestones: tuple[Milestone, ...] = ()
    analogies: tuple[tuple[str, tuple[str, ...]], ...] = ()  # name -> key phrases of its box
    objectives: tuple[str, ...] = ()
    factors: tuple[str, ...] = ()  # the reading factors
    typos: tuple[str, ...] = ()  # typos of the seed that must not reach the book

    @classmethod
    def of(cls, chapter: Chapter) -> "Seed":
        data = chapter.data(SEED_DATA) or {}
        return cls(
            milestones=tuple(Milestone(**m) for m in data.get("milestone", [])),
            analogies=tuple((name, tuple(phrases)) for name, phrases in data.get("analogies", {}).items()),
            objectives=tuple(data.get("objectives", ())),
            factors=tuple(data.get("factors", ())),
            typos=tuple(data.get("typos", ())),
        )

    @property
    def corrected_labels(self) -> tuple[str, ...]:
        return tuple(m.label for m in self.milestones if m.corrected)


def _text(soup) -> str:
    return normalize(soup.get_text(" "))


def missing_milestones(seed: Seed, soup: BeautifulSoup) -> list[str]:
    headings = {normalize(h.get_text(" ")).rstrip("#").strip() for h in article(soup).find_all(["h2", "h3"])}
    return [m.heading for m in seed.milestones if m.heading not in headings or section_of(soup, m.label) is None]


def milestones_without_badge(seed: Seed, soup: BeautifulSoup) -> list[str]:
    """Every milestone shows its reading factors as sphinx-design badges."""
    missing = []
    for m in seed.milestones:
        section = section_of(soup, m.label)
        if section is None or not section.select(".sd-badge"):
            missing.append(m.heading)
    return missing


def missing_analogies(seed: Seed, soup: BeautifulSoup) -> list[str]:
    boxes = [_text(box) for box in article(soup).select(".admonition.analogie")]
    missing = []
    for name, phrases in seed.analogies:
        if not any(all(normalize(p) in box for p in phrases) for box in boxes):
            missing.append(name)
    return missing


def missing_objectives(seed: Seed, soup: BeautifulSoup) -> list[str]:
    text = _text(article(soup))
    return [o for o in seed.objectives if normalize(o) not in text]


def objectives_without_exercise(seed: Seed, soup: BeautifulSoup) -> list[str]:
    """Each objective has an exercise naming it, with a solution hidden in a dropdown."""
    exercises = [
        _text(box).lower()
        for box in article(soup).select(".admonition.exercice")
        if box.select("details.sd-dropdown")
    ]
    return [o for o in seed.objectives if not any(normalize(o).lower() in e for e in exercises)]


def missing_factors(seed: Seed, soup: BeautifulSoup) -> list[str]:
    text = _text(article(soup))
    return [f for f in seed.factors if normalize(f) not in text]


def corrections_without_source(seed: Seed, soup: BeautifulSoup) -> list[str]:
    """Approximate or wrong seed dates get a « Repères » box citing the bibliography."""
    missing = []
    for label in seed.corrected_labels:
        section = section_of(soup, label)
        boxes = section.select(".admonition.reperes") if section is not None else []
        if not any(box.select('a[href*="bibliographie.html#"]') for box in boxes):
            missing.append(label)
    return missing

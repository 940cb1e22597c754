"""Every chapter keeps everything of its seed: milestones, analogies, objectives, factors.

What a chapter's seed requires is its data (``snippets/<part>/<chapter>/checks/seed.toml``);
the checks below run on every chapter that has one.
"""

import pytest

import chapter_spec as spec
from bookpages import article, clone, load, normalize, section_of
from chapters import chapters_with, params

SEEDED = chapters_with(spec.SEED_DATA)


def seeded(what: str) -> list:
    """Chapters whose seed lists some `what` (milestones, objectives...): a self-test needs one."""
    return params([c for c in SEEDED if getattr(spec.Seed.of(c), what)])


@pytest.fixture(scope="module")
def pages(built_html):
    cache = {}

    def page(chapter):
        if chapter.docname not in cache:
            cache[chapter.docname] = load(built_html / chapter.html)
        return cache[chapter.docname]

    return page


@pytest.mark.parametrize("chapter", params(SEEDED))
@pytest.mark.parametrize("check", [
    spec.missing_milestones,  # every milestone of the seed is a section
    spec.milestones_without_badge,  # every milestone shows its reading factor badges
    spec.missing_analogies,  # every analogy of the seed is in an analogy box
    spec.missing_objectives,  # every learning objective of the seed is stated
    spec.objectives_without_exercise,  # each objective has an exercise with a hidden solution
    spec.missing_factors,  # the reading factors are explained
    spec.corrections_without_source,  # approximate dates are corrected with sources
], ids=lambda check: check.__name__)
def test_the_chapter_keeps_its_seed(pages, chapter, check):
    assert check(spec.Seed.of(chapter), pages(chapter)) == []


@pytest.mark.parametrize("chapter", params(SEEDED))
def test_no_typo_of_the_seed_reaches_the_book(chapter):
    source = chapter.source.read_text(encoding="utf-8")
    assert [typo for typo in spec.Seed.of(chapter).typos if typo in source] == []


# The checks above must be able to fail: remove one thing from the real page, see it reported.

@pytest.mark.parametrize("chapter", seeded("milestones"))
def test_removing_a_milestone_is_reported(pages, chapter):
    seed, page = spec.Seed.of(chapter), clone(pages(chapter))
    last = seed.milestones[-1]
    section_of(page, last.label).decompose()
    assert spec.missing_milestones(seed, page) == [last.heading]


@pytest.mark.parametrize("chapter", seeded("milestones"))
def test_a_milestone_without_badge_is_reported(pages, chapter):
    seed, page = spec.Seed.of(chapter), clone(pages(chapter))
    first = seed.milestones[0]
    for badge in section_of(page, first.label).select(".sd-badge"):
        badge.decompose()
    assert spec.milestones_without_badge(seed, page) == [first.heading]


@pytest.mark.parametrize("chapter", seeded("analogies"))
def test_removing_an_analogy_is_reported(pages, chapter):
    seed, page = spec.Seed.of(chapter), clone(pages(chapter))
    name, phrases = seed.analogies[-1]
    for box in article(page).select(".admonition.analogie"):
        if all(normalize(p) in normalize(box.get_text(" ")) for p in phrases):
            box.decompose()
    assert spec.missing_analogies(seed, page) == [name]


@pytest.mark.parametrize("chapter", seeded("objectives"))
def test_removing_an_objective_is_reported(pages, chapter):
    seed, page = spec.Seed.of(chapter), clone(pages(chapter))
    last = seed.objectives[-1]
    for item in article(page).select("li, p"):
        if normalize(last) in normalize(item.get_text(" ")):
            item.decompose()
    assert spec.missing_objectives(seed, page) == [last]


@pytest.mark.parametrize("chapter", seeded("objectives"))
def test_an_exercise_without_hidden_solution_is_reported(pages, chapter):
    seed, page = spec.Seed.of(chapter), clone(pages(chapter))
    first = normalize(seed.objectives[0]).lower()
    for box in article(page).select(".admonition.exercice"):
        if first in normalize(box.get_text(" ")).lower():
            box.select_one("details.sd-dropdown").decompose()
    assert spec.objectives_without_exercise(seed, page) == [seed.objectives[0]]


@pytest.mark.parametrize("chapter", seeded("corrected_labels"))
def test_a_correction_without_source_is_reported(pages, chapter):
    seed, page = spec.Seed.of(chapter), clone(pages(chapter))
    label = seed.corrected_labels[0]
    for box in section_of(page, label).select(".admonition.reperes"):
        box.decompose()
    assert spec.corrections_without_source(seed, page) == [label]

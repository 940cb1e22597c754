"""Chapter 2.05 keeps everything of its seed: milestones, analogies, objectives, factors."""

from pathlib import Path

import pytest

import chapter_spec as spec
from bookpages import article, clone, load, section_of

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def chapter(built_html):
    return load(built_html / spec.CHAPTER_PAGE)


def test_every_milestone_of_the_seed_is_a_section(chapter):
    assert spec.missing_milestones(chapter) == []


def test_every_milestone_shows_its_reading_factor_badges(chapter):
    assert spec.milestones_without_badge(chapter) == []


def test_every_analogy_of_the_seed_is_in_an_analogy_box(chapter):
    assert spec.missing_analogies(chapter) == []


def test_every_learning_objective_of_the_seed_is_stated(chapter):
    assert spec.missing_objectives(chapter) == []


def test_every_learning_objective_has_an_exercise_with_a_hidden_solution(chapter):
    assert spec.objectives_without_exercise(chapter) == []


def test_the_three_reading_factors_are_explained(chapter):
    assert spec.missing_factors(chapter) == []


def test_approximate_dates_are_corrected_with_sources(chapter):
    assert spec.corrections_without_source(chapter) == []


def test_no_typo_of_the_seed_reaches_the_book():
    source = (REPO_ROOT / spec.CHAPTER_SOURCE).read_text(encoding="utf-8")
    assert [typo for typo in spec.SEED_TYPOS if typo in source] == []


# The checks above must be able to fail: remove one thing from the real page, see it reported.

def test_removing_a_milestone_is_reported(chapter):
    page = clone(chapter)
    section_of(page, "jalon-2014-rkt").decompose()
    assert spec.missing_milestones(page) == ["2014 : rkt"]


def test_a_milestone_without_badge_is_reported(chapter):
    page = clone(chapter)
    for badge in section_of(page, "jalon-2001-vserver").select(".sd-badge"):
        badge.decompose()
    assert spec.milestones_without_badge(page) == ["2001 : Vserver"]


def test_removing_an_analogy_is_reported(chapter):
    page = clone(chapter)
    section_of(page, "jalon-2006-cgroups").select_one(".admonition.analogie").decompose()
    assert spec.missing_analogies(page) == ["le quota de console"]


def test_removing_an_objective_is_reported(chapter):
    page = clone(chapter)
    objectives = section_of(page, "objectifs-2-05")
    objectives.find_all("li")[2].decompose()
    assert spec.missing_objectives(page) == [spec.OBJECTIVES[2]]


def test_an_exercise_without_hidden_solution_is_reported(chapter):
    page = clone(chapter)
    for box in article(page).select(".admonition.exercice"):
        if "connaître l" in box.get_text().lower():
            box.select_one("details.sd-dropdown").decompose()
    assert spec.objectives_without_exercise(page) == [spec.OBJECTIVES[0]]


def test_a_correction_without_source_is_reported(chapter):
    page = clone(chapter)
    for box in section_of(page, "jalon-2016-oci").select(".admonition.reperes"):
        box.decompose()
    assert spec.corrections_without_source(page) == ["jalon-2016-oci"]

"""Chapter 2.05's dates: each dated claim cites the bibliography, each reference fact has its date."""

from __future__ import annotations

import pytest

from .dated_claims import citation_findings, fact_findings, load_facts
from .findings import report

CHAPTER = "docker-en-pratique/2-05-pourquoi-les-conteneurs.md"


@pytest.fixture(scope="module")
def chapter(rendered_book):
    pages = [p for p in rendered_book if p.source_path.as_posix().endswith(CHAPTER)]
    assert pages, f"book/{CHAPTER} is not in the built book"
    return pages[0]


def test_dates_match_the_reference_facts(chapter):
    facts = load_facts()
    findings, used = fact_findings(chapter, facts)
    assert not findings, report(findings, "dates that disagree with facts.md")
    unused = [f"row {f.row}: {f.event.pattern}" for i, f in enumerate(facts) if i not in used]
    assert not unused, (
        "facts of tests/quality/data/facts-2-05.toml found nowhere in the chapter (reworded? "
        "update the event pattern, or remove the fact if the chapter no longer states it):\n" + "\n".join(unused)
    )


def test_dated_claims_cite_the_bibliography(rendered_book):
    facts = load_facts()
    chapters = [p for p in rendered_book if "/docker-en-pratique/" in p.source_path.as_posix() and not p.source_path.name == "index.md"]
    findings = [f for page in chapters for f in citation_findings(page, facts)]
    assert not findings, report(findings, "dated claims without a source")

"""Each chapter's dates: each dated claim cites the bibliography, each reference fact of the
chapter (checks/facts.toml beside its snippets) has its date."""

from __future__ import annotations

import pytest

from chapters import chapters_with, params

from .dated_claims import FACTS_DATA, citation_findings, fact_findings, load_facts
from .findings import report


def page_of(rendered_book, chapter):
    pages = [p for p in rendered_book if p.source_path.resolve() == chapter.source.resolve()]
    assert pages, f"{chapter.source} is not in the built book"
    return pages[0]


@pytest.mark.parametrize("chapter", params(chapters_with(FACTS_DATA)))
def test_dates_match_the_reference_facts(rendered_book, chapter):
    facts = load_facts(chapter.checks / f"{FACTS_DATA}.toml")
    findings, used = fact_findings(page_of(rendered_book, chapter), facts)
    assert not findings, report(findings, "dates that disagree with facts.md")
    unused = [f"row {f.row}: {f.event.pattern}" for i, f in enumerate(facts) if i not in used]
    assert not unused, (
        f"facts of {facts[0].source} found nowhere in the chapter (reworded? "
        "update the event pattern, or remove the fact if the chapter no longer states it):\n" + "\n".join(unused)
    )


@pytest.mark.parametrize("chapter", params())
def test_dated_claims_cite_the_bibliography(rendered_book, chapter):
    findings = citation_findings(page_of(rendered_book, chapter), load_facts())
    assert not findings, report(findings, "dated claims without a source")

"""The book's French, checked on every run: zero findings, each one reported with file and line."""

from __future__ import annotations

from .checks import grammar_findings, source_typography_findings, spelling_findings, typography_findings
from .findings import REPO_ROOT, Finding, report
from .grammar import load_ignores
from .source_prose import prose_lines, source_hits
from .spelling import load_wordlist, needless_wordlist_entries, unknown_words
from .typography import typography_hits


def test_spelling(rendered_book):
    findings = spelling_findings(rendered_book, load_wordlist())
    assert not findings, report(findings, "unknown words (hunspell fr_FR + conf/spelling/wordlist.txt)")


def test_typography_of_rendered_text(rendered_book):
    findings = typography_findings(rendered_book)
    assert not findings, report(findings, "typography findings in the rendered book")


def test_typography_of_sources(book_sources):
    findings = source_typography_findings(book_sources)
    assert not findings, report(findings, "typography findings in the Markdown sources")


def test_grammar(rendered_book):
    findings, unused = grammar_findings(rendered_book, load_ignores())
    assert not findings, report(findings, "grammalecte findings (fix the text, or silence one in conf/spelling/grammalecte-ignore.toml with a reason)")
    assert not unused, "entries of conf/spelling/grammalecte-ignore.toml that silence nothing any more, remove them:\n" + "\n".join(
        f"rule={i.rule} underlined={i.underlined!r}" for i in unused
    )


def test_wordlist_holds_only_needed_words(rendered_book):
    texts = [block.text for page in rendered_book for block in page.blocks]
    needless = needless_wordlist_entries(texts, load_wordlist())
    assert not needless, "remove these from conf/spelling/wordlist.txt:\n" + "\n".join(
        f"{word}: {why}" for word, why in needless.items()
    )


def test_contributing_guide_follows_its_own_typography():
    guide = REPO_ROOT / "CONTRIBUTING.md"
    findings = [Finding(guide, line, message) for line, message in source_hits(guide)]
    for line in prose_lines(guide):
        # Code spans are blanked with spaces in the source view: spacing rules do not apply.
        findings += [Finding(guide, line.number, hit.message) for hit in typography_hits(line.text) if hit.rule != "double-space"]
    unknown = unknown_words([line.text for line in prose_lines(guide)], load_wordlist())
    findings += [Finding(guide, 0, f"unknown word '{word}'") for word in sorted(unknown)]
    assert not findings, report(findings, "typography and spelling findings in CONTRIBUTING.md")

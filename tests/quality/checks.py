"""The book-wide checks: rendered pages in, findings with file and line out."""

from __future__ import annotations

import re
from pathlib import Path

from .findings import Finding
from .grammar import Ignore, grammalecte, is_ignored
from .rendered import ALT_TEXT, FIGURE_TEXT, Block, Page
from .source_lines import locate_in, locate_word
from .source_prose import source_hits
from .spelling import DICTIONARY, FOREIGN_DICTIONARY, prose_for_spelling, split_by_language, unknown_words
from .typography import excerpt, typography_hits


# Longest text traced as a whole when it is a figure's label (an alt text is longer).
SHORT_LABEL = 60


def in_figure(block: Block) -> bool:
    """Is the block a figure's words (its alt text, a label drawn in it) rather than the page's?"""
    return block.tag in (ALT_TEXT, FIGURE_TEXT)


def figure_first(block: Block) -> bool:
    """Should the block be traced to the figures' files first? Their words, and captions."""
    return in_figure(block) or block.tag == "figcaption"


def trace(page: Page, text: str, start: int, end: int, word: str = "", *, figure: bool = False) -> tuple[Path, int]:
    """File and line a piece of rendered text comes from: the page's source, else a lab.toml or
    a figure's file. A figure's words are looked for in the figure's files first (the page
    around it often says the same words); a short label first as a whole, then up to the
    punctuation after the finding: « au-delà : » is one string of the drawing code, and
    what follows it one value of the data file."""
    sources = (*page.extra_sources, page.source_path) if figure else (page.source_path, *page.extra_sources)
    line = 0
    if figure and len(text) <= SHORT_LABEL:
        through_punctuation = end + len(re.match(r"[^\w\s]*", text[end:]).group())
        for needle_end in (len(text), through_punctuation):
            path, line = locate_in(sources, text[:needle_end], 0, needle_end)
            if line:
                break
    if not line:
        path, line = locate_in(sources, text, start, end)
    if not line and word:
        for path in sources:
            line = locate_word(path, word)
            if line:
                return path, line
    if not line:
        return page.source_path, 0
    return path, line


def spelling_findings(pages: list[Page], wordlist: set[str]) -> list[Finding]:
    """Unknown words: French prose against fr_FR, italics and foreign passages against fr_FR + en_US."""
    segments = []  # (page, block, text, dictionary); texts keep the block's offsets
    for page in pages:
        for block in page.blocks:
            if block.tag == FIGURE_TEXT:
                continue  # labels drawn in a figure: names and fragments, their alt text is spelled
            french, other = split_by_language(block.text, block.foreign + block.italic)
            segments.append((page, block, french, DICTIONARY))
            if other.strip():
                segments.append((page, block, other, FOREIGN_DICTIONARY))
    unknown = {
        dictionary: unknown_words([s[2] for s in segments if s[3] == dictionary], wordlist, dictionary)
        for dictionary in (DICTIONARY, FOREIGN_DICTIONARY)
    }
    findings = []
    for page, block, text, dictionary in segments:
        for word in sorted(unknown[dictionary]):
            for m in re.finditer(r"(?<!\w)" + re.escape(word) + r"(?!\w)", prose_for_spelling(text)):
                path, line = trace(page, block.text, m.start(), m.end(), word, figure=figure_first(block))
                findings.append(Finding(
                    path, line,
                    f"unknown word '{word}' ({dictionary}) in {excerpt(block.text, m.start(), m.end())}: fix it; "
                    "mark an English passage [like this]{.language-en}; or, for a real term, add it to "
                    "a group of conf/spelling/wordlist.txt",
                ))
    return findings


def typography_findings(pages: list[Page]) -> list[Finding]:
    """Typography of every block, figures included: their alt text is a tooltip and the EPUB's
    description, and the words drawn in them (labels, legends) are on the page."""
    findings = []
    for page in pages:
        for block in page.blocks:
            for hit in typography_hits(block.text):
                if block.in_foreign(hit.start):
                    continue  # another language, other rules
                path, line = trace(page, block.text, hit.start, hit.end, figure=figure_first(block))
                findings.append(Finding(path, line, f"{hit.message}: {excerpt(block.text, hit.start, hit.end)}"))
    return findings


def source_typography_findings(sources: list[Path]) -> list[Finding]:
    return [Finding(source, line, message) for source in sources for line, message in source_hits(source)]


def grammar_findings(pages: list[Page], ignores: list[Ignore]) -> tuple[list[Finding], list[Ignore]]:
    """Findings grammalecte reports, and the ignore entries that silenced nothing."""
    # Figure descriptions and labels are terse and list-like: other checks read them, not grammar.
    located = [(page, block) for page in pages for block in page.blocks if not in_figure(block)]
    errors = grammalecte([block.text for _, block in located])
    used: set[Ignore] = set()
    findings = []
    for error in errors:
        page, block = located[error.block]
        if block.in_foreign(error.start) or block.in_foreign(max(error.start, error.end - 1)):
            continue  # grammalecte reads French only
        path, line = trace(page, block.text, error.start, error.end)
        matching = [i for i in ignores if is_ignored(error, path, i)]
        if matching:
            used.update(matching)
            continue
        findings.append(Finding(
            path, line,
            f"{error.message} [{error.rule}] in {excerpt(block.text, error.start, error.end)}",
        ))
    return findings, [i for i in ignores if i not in used]

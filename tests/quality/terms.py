"""One term per idea: the variants the book has settled against, found in its rendered prose.

CONTRIBUTING.md asks for one word per idea. Each rule below names a variant that crept in
before and the term the book uses instead. A variant is allowed where it is not the book
speaking: in italics (the English term given once beside the French one), in a glossary
term line (its aliases), in an address (a man page's URL), and inside the course's own
milestone names. Figures (conf/figures/*.toml: captions, descriptions, labels) are not read
here yet: their wording belongs to the figures' files, outside the chapter's editing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .checks import figure_first, trace
from .findings import Finding
from .rendered import Block, Page
from .typography import excerpt


@dataclass(frozen=True)
class TermRule:
    variant: re.Pattern
    use: str
    # Phrases the variant may sit in: the course's own names for a milestone or a man page.
    allowed_in: tuple[str, ...] = ()


RULES = (
    TermRule(re.compile(r"\bnamespaces?\b", re.IGNORECASE), "« espace de noms »",
             ("Linux Namespaces", "namespaces(7)")),
    TermRule(re.compile(r"copie sur écriture|copy-on-write", re.IGNORECASE), "« copie à l’écriture »"),
    TermRule(re.compile(r"\bcri-o\b"), "« CRI-O », as the project spells it", ("runc, containerd, cri-o",)),
    TermRule(re.compile(r"moteur d’exécution"), "« runtime » (« moteur » alone is the Docker engine)"),
)


def _inside(spans: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _in_allowed_phrase(text: str, start: int, end: int, phrases: tuple[str, ...]) -> bool:
    for phrase in phrases:
        for m in re.finditer(re.escape(phrase), text):
            if m.start() <= start and end <= m.end():
                return True
    return False


def _in_address(text: str, start: int, end: int) -> bool:
    token_start = text.rfind(" ", 0, start) + 1
    token_end = text.find(" ", end)
    token = text[token_start:token_end if token_end >= 0 else len(text)]
    return "/" in token


def variant_hits(block: Block, rules: tuple[TermRule, ...] = RULES) -> list[tuple[int, int, TermRule]]:
    """(start, end, rule) of each variant the book speaks in this block."""
    if block.tag == "dt" or figure_first(block):  # glossary aliases; figures (see above)
        return []
    hits = []
    for rule in rules:
        for m in rule.variant.finditer(block.text):
            if _inside(block.italic + block.foreign, m.start(), m.end()):
                continue
            if _in_allowed_phrase(block.text, m.start(), m.end(), rule.allowed_in):
                continue
            if _in_address(block.text, m.start(), m.end()):
                continue
            hits.append((m.start(), m.end(), rule))
    return hits


def term_findings(pages: list[Page], rules: tuple[TermRule, ...] = RULES) -> list[Finding]:
    findings = []
    for page in pages:
        for block in page.blocks:
            for start, end, rule in variant_hits(block, rules):
                path, line = trace(page, block.text, start, end)
                findings.append(Finding(
                    path, line,
                    f"'{block.text[start:end]}' in {excerpt(block.text, start, end)}: the book says {rule.use}",
                ))
    return findings

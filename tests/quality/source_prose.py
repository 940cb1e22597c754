"""The prose lines of a MyST source, with code, targets, URLs and markup left out.

Some slips vanish on rendering (smart quotes turn "x" into « x » and ' into ’), so the
source itself must not hold them either: the book types the real characters. This module
finds the lines a writer typed as prose, and the checks below look only at those.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from labrunner import book

from .typography import Rule

_OPTION = re.compile(r"^\s*:[\w-]+:(\s|$)")
_TARGET = re.compile(r"^\s*\(.+\)=\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?[\s:|-]+\|[\s:|-]*$")
_INLINE = [
    re.compile(r"(`+).+?\1"),  # inline code and role contents: rendered checks cover roles
    re.compile(r"\{[\w:-]+\}"),  # role names left before a removed backtick span
    re.compile(r"\]\([^)]*\)"),  # link destinations
    re.compile(r"<[a-z][a-z0-9+.-]*:[^>]*>", re.IGNORECASE),  # autolinks
    re.compile(r"<!--.*?-->"),
    re.compile(r"</?[a-zA-Z][^>]*>"),  # raw HTML tags
    re.compile(r"\b[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE),  # bare URLs
    re.compile(r"\{\{.*?\}\}"),  # substitutions
    re.compile(r"\$[^$]+\$"),  # inline math
]


@dataclass(frozen=True)
class ProseLine:
    number: int  # 1-based
    text: str  # the line with code, URLs and markup blanked out (same length)


def _blank(text: str) -> str:
    for pattern in _INLINE:
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text


def _fence_lines(source: Path) -> tuple[set[int], dict[int, int], set[int]]:
    """From MyST's parser: the 0-based lines that are not prose (code, data, fences), the
    opening lines of directives holding Markdown with the column where their title starts, and
    the lines inside those directives."""
    skipped, titles, inside = set(), {}, set()
    lines = source.read_text(encoding="utf-8").splitlines()
    for block in book.blocks(source):
        first, last = block.line - 1, min(block.last_line, len(lines)) - 1
        if block.literal:
            skipped.update(range(first, last + 1))
            continue
        skipped.update((first, last))
        opening = lines[first]
        titles[first] = opening.index(block.info) + len(block.info) - len(block.argument)
        inside.update(range(first + 1, last))
        skipped.update(i for i in range(first + 1, last) if _OPTION.match(lines[i]))
    return skipped, titles, inside


def prose_lines(source: Path) -> list[ProseLine]:
    """Lines of source that hold prose, with their line numbers."""
    lines = source.read_text(encoding="utf-8").splitlines()
    skipped, titles, inside = _fence_lines(source)
    result: list[ProseLine] = []
    in_comment = False
    start = 0
    if lines and lines[0].strip() == "---":  # front matter
        start = next((i + 1 for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
    for index in range(start, len(lines)):
        line = lines[index]
        if index in titles:  # the title of an admonition or a dropdown is prose
            title = _blank(" " * titles[index] + line[titles[index]:])
            if title.strip():
                result.append(ProseLine(index + 1, title))
            continue
        if index in skipped:
            continue
        if in_comment:
            in_comment = "-->" not in line
            continue
        if line.lstrip().startswith("<!--") and "-->" not in line:
            in_comment = True
            continue
        if _TARGET.match(line) or _TABLE_RULE.match(line) or line.lstrip().startswith("% "):
            continue
        if line.startswith("    ") and index > 0 and not lines[index - 1].strip() and index not in inside:
            continue  # indented code block
        text = _blank(line)
        if text.strip():
            result.append(ProseLine(index + 1, text))
    return result


# Slips that smart quotes would hide in the HTML: the source must hold the real characters.
SOURCE_RULES = [
    Rule(
        "straight-double-quote",
        re.compile(r'"'),
        'straight quote " in prose: type « and » with a non-breaking space (U+00A0) inside',
    ),
    Rule(
        "straight-apostrophe",
        re.compile(r"(?<=\w)'|'(?=\w)"),
        "straight apostrophe ' in prose: the book uses ’ (U+2019) everywhere",
    ),
]


def source_hits(source: Path) -> list[tuple[int, str]]:
    """(line, message) for each slip in the source's prose."""
    hits = []
    for line in prose_lines(source):
        for rule in SOURCE_RULES:
            for m in rule.pattern.finditer(line.text):
                hits.append((line.number, f"{rule.advice} (column {m.start() + 1})"))
    return hits

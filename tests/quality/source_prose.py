"""The prose lines of a MyST source, with code, targets, URLs and markup left out.

Some slips vanish on rendering (smart quotes turn "x" into « x » and ' into ’), so the
source itself must not hold them either: the book types the real characters. This module
finds the lines a writer typed as prose, and the checks below look only at those.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .typography import Rule

# Directives whose body is prose (checked); any other fenced block is code or data (skipped).
PROSE_DIRECTIVES = {
    "note", "tip", "hint", "important", "warning", "caution", "attention", "danger", "error",
    "seealso", "admonition", "sidebar", "margin", "topic", "epigraph", "glossary", "list-table",
    "table", "figure", "dropdown", "card", "grid", "grid-item", "grid-item-card", "tab-set",
    "tab-item", "aside", "rubric", "div", "container", "versionadded", "versionchanged",
    "deprecated", "todo",
}
_FENCE = re.compile(r"^(?P<indent>\s*)(?P<marker>`{3,}|~{3,}|:{3,})\s*(?P<info>.*)$")
_DIRECTIVE = re.compile(r"^\{(?P<name>[\w:-]+)\}")
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


def prose_lines(source: Path) -> list[ProseLine]:
    """Lines of source that hold prose, with their line numbers."""
    lines = source.read_text(encoding="utf-8").splitlines()
    result: list[ProseLine] = []
    fences: list[tuple[str, bool]] = []  # (marker, is_code) for each open fenced block
    in_comment = False
    start = 0
    if lines and lines[0].strip() == "---":  # front matter
        start = next((i + 1 for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
    for index in range(start, len(lines)):
        line = lines[index]
        if in_comment:
            in_comment = "-->" not in line
            continue
        if line.lstrip().startswith("<!--") and "-->" not in line:
            in_comment = True
            continue
        fence = _FENCE.match(line)
        if fences and fences[-1][1]:  # inside code: only its closing fence matters
            marker = fences[-1][0]
            if fence and fence["marker"][0] == marker[0] and len(fence["marker"]) >= len(marker) and not fence["info"].strip():
                fences.pop()
            continue
        if fence:
            marker, info = fence["marker"], fence["info"].strip()
            if fences and not info and marker[0] == fences[-1][0][0] and len(marker) >= len(fences[-1][0]):
                fences.pop()
                continue
            directive = _DIRECTIVE.match(info)
            is_code = not (directive and directive["name"] in PROSE_DIRECTIVES)
            fences.append((marker, is_code))
            if not is_code:  # the title of an admonition or a dropdown is prose
                title_start = len(line) - len(info) + directive.end()
                title = _blank(" " * title_start + line[title_start:])
                if title.strip():
                    result.append(ProseLine(index + 1, title))
            continue
        if fences and _OPTION.match(line):
            continue
        if _TARGET.match(line) or _TABLE_RULE.match(line) or line.lstrip().startswith("% "):
            continue
        if line.startswith("    ") and not fences and index > 0 and not lines[index - 1].strip():
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

"""Trace a piece of rendered text back to its line in the Markdown source.

The HTML carries no line numbers, so the rendered words are searched in the source: first
with the most context around the finding, then with less, comparing both texts after folding
what rendering changes (quotes, apostrophes, non-breaking spaces, emphasis markers).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

# Same-length folding: each character maps to one character, so offsets stay valid.
_FOLD = str.maketrans({
    "\u00a0": " ", "\u202f": " ", "\u2009": " ",
    "\u2019": "'", "\u2018": "'",
    "\u00ab": '"', "\u00bb": '"', "\u201c": '"', "\u201d": '"',
})
_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    return text.translate(_FOLD)


@lru_cache(maxsize=64)
def _cached_lines(path: Path, mtime_ns: int) -> tuple[str, ...]:
    return tuple(fold(line) for line in path.read_text(encoding="utf-8").splitlines())


def _source_lines(path: Path) -> tuple[str, ...]:
    # Keyed on the modification time: a source edited during the run is read again.
    return _cached_lines(path, path.stat().st_mtime_ns)


def _line_of(needle: str, lines: tuple[str, ...]) -> int:
    needle = fold(needle).strip()
    if not needle:
        return 0
    for number, line in enumerate(lines, start=1):
        if needle in line:
            return number
    return 0


def _word_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD.finditer(text)]


def locate(source: Path, text: str, start: int, end: int) -> int:
    """Line (1-based) of source where text[start:end] most likely comes from; 0 if not found."""
    return locate_in((source,), text, start, end)[1]


def locate_in(sources: tuple[Path, ...], text: str, start: int, end: int) -> tuple[Path, int]:
    """(file, line) where text[start:end] most likely comes from; (first file, 0) if not found.

    Tries the finding with up to three words of context on each side, then with context on
    one side only, then the bare finding, then the words just before it: the longest needle
    found in any of the files wins, so a short word never outbids a whole phrase.
    """
    spans = _word_spans(text)
    before = [s for s in spans if s[1] <= start]
    after = [s for s in spans if s[0] >= end]
    candidates = []
    for k in (3, 2, 1):
        left = before[-k][0] if len(before) >= k else start
        right = after[k - 1][1] if len(after) >= k else end
        candidates += [text[left:right], text[left:end], text[start:right]]
    candidates.append(text[start:end])
    candidates += [text[s[0]:s[1]] for s in reversed(before[-3:])]
    for needle in candidates:
        # A one- or two-letter needle would match anywhere: not evidence enough.
        if len(needle.strip()) < 3:
            continue
        for source in sources:
            line = _line_of(needle, _source_lines(source))
            if line:
                return source, line
    return sources[0], 0


def locate_word(source: Path, word: str) -> int:
    """Line of the first whole-word occurrence of word in source; 0 if not found."""
    pattern = re.compile(r"(?<!\w)" + re.escape(fold(word)) + r"(?!\w)")
    for number, line in enumerate(_source_lines(source), start=1):
        if pattern.search(line):
            return number
    return 0

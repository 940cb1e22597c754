"""Expected vs actual output: exact after normalization; a line ``...`` stands for any lines.

Lines are split on ``\\n`` only: a ``\\r`` is part of its line, so ``\\r\\n`` and a lone ``\\r``
compare exactly as the lab printed them. Matching is linear: the parts between ``...`` lines
are found left to right, each at its first place (Knuth-Morris-Pratt over lines), which is
always right when the only wildcard is "any lines". A report shows control characters
escaped (``\\x1b``, ``\\r``), so a lab's output cannot clear or rewrite the maintainer's terminal.
"""

import difflib
import re

ELLIPSIS = "..."
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _find(part: list[str], lines: list[str], start: int, end: int) -> int:
    """The first index >= start where ``part`` occurs in ``lines[:end]``, or -1 (KMP: linear)."""
    if not part:
        return start
    failure, k = [0] * len(part), 0
    for i in range(1, len(part)):
        while k and part[i] != part[k]:
            k = failure[k - 1]
        k += part[i] == part[k]
        failure[i] = k
    k = 0
    for i in range(start, end):
        while k and lines[i] != part[k]:
            k = failure[k - 1]
        k += lines[i] == part[k]
        if k == len(part):
            return i - k + 1
    return -1


def _match_lines(expected: list[str], actual: list[str]) -> bool:
    if ELLIPSIS not in expected:
        return expected == actual
    parts, current = [], []
    for line in expected:
        if line == ELLIPSIS:
            parts.append(current)
            current = []
        else:
            current.append(line)
    parts.append(current)
    head, middle, tail = parts[0], parts[1:-1], parts[-1]
    if len(head) + len(tail) > len(actual) or actual[:len(head)] != head:
        return False
    if tail and actual[len(actual) - len(tail):] != tail:
        return False
    position, end = len(head), len(actual) - len(tail)
    for part in middle:
        found = _find(part, actual, position, end)
        if found < 0:
            return False
        position = found + len(part)
    return True


def matches(expected: str, actual: str) -> bool:
    return _match_lines(_lines(expected), _lines(actual))


def escaped(line: str) -> str:
    """A line with its control characters (all but the tab) written as Python escapes."""
    return CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), line)


def _kept_ends(text: str) -> list[str]:
    """Lines with their ``\\n`` (only: a ``\\r`` stays inside its line), the last one maybe without."""
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def diff(expected: str, actual: str, expected_name: str, actual_name: str = "actual output (normalized)") -> str:
    lines = difflib.unified_diff(
        _kept_ends(expected), _kept_ends(actual), fromfile=expected_name, tofile=actual_name,
    )
    text = "".join(escaped(line[:-1]) + "\n" if line.endswith("\n") else escaped(line) + "\n\\ No newline at end of file\n"
                   for line in lines)
    return text or f"(only whitespace at the end differs between {expected_name} and the actual output)\n"

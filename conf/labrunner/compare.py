"""Expected vs actual output: exact after normalization; a line ``...`` stands for any lines."""

import difflib

ELLIPSIS = "..."


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _match_lines(expected: list[str], actual: list[str]) -> bool:
    if ELLIPSIS not in expected:
        return expected == actual
    cut = expected.index(ELLIPSIS)
    head, rest = expected[:cut], expected[cut + 1:]
    if actual[:len(head)] != head:
        return False
    # The ellipsis takes 0..n lines: try each split, shortest first.
    return any(_match_lines(rest, actual[start:]) for start in range(len(head), len(actual) + 1)) if rest else True


def matches(expected: str, actual: str) -> bool:
    return _match_lines(_lines(expected), _lines(actual))


def diff(expected: str, actual: str, expected_name: str, actual_name: str = "actual output (normalized)") -> str:
    lines = difflib.unified_diff(
        expected.splitlines(keepends=True), actual.splitlines(keepends=True),
        fromfile=expected_name, tofile=actual_name,
    )
    text = "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
    return text or f"(only whitespace at the end differs between {expected_name} and the actual output)\n"

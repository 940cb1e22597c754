"""Exact comparison after normalization; a line holding only ``...`` stands for any lines."""

import pytest

from labrunner.compare import diff, matches


@pytest.mark.parametrize("expected, actual, result", [
    ("a\nb\n", "a\nb\n", True),
    ("a\nb\n", "a\nc\n", False),
    ("a\nb\n", "a\nb", False),  # a missing final newline is a difference
    ("a\n...\nz\n", "a\nz\n", True),  # zero lines
    ("a\n...\nz\n", "a\nb\nc\nz\n", True),
    ("a\n...\nz\n", "a\nb\nc\ny\n", False),
    ("...\nz\n", "anything\nz\n", True),
    ("a\n...\n", "a\nrest\nof it\n", True),
    ("a\n...\nm\n...\nz\n", "a\n1\nm\n2\n3\nz\n", True),
    ("a\n...\nm\n...\nz\n", "a\n1\n2\n3\nz\n", False),
    ("a ...\n", "a b\n", False),  # only a line holding exactly ... is special
])
def test_matches(expected, actual, result):
    assert matches(expected, actual) is result


def test_diff_is_unified_and_names_the_file():
    text = diff("bonjour\nmonde\n", "bonjour\nmondE\n", "snippets/x/output.txt")
    assert text.splitlines()[:2] == ["--- snippets/x/output.txt", "+++ actual output (normalized)"]
    assert "-monde" in text and "+mondE" in text


def test_diff_shows_a_missing_final_newline():
    assert "No newline at end of file" in diff("a\n", "a", "output.txt")

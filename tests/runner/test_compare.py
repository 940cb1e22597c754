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


@pytest.mark.parametrize("expected, actual, result", [
    ("a\r\nb\r\n", "a\r\nb\r\n", True),  # line endings compare exactly as printed
    ("a\nb\n", "a\r\nb\r\n", False),
    ("50%\r100%\n", "50%\r100%\n", True),  # a lone \r (progress) is part of its line
    ("50%\n100%\n", "50%\r100%\n", False),
    ("a\n...\nb\n...\nb\n", "a\nb\n", False),  # two parts cannot share one line
    ("a\n...\nb\n...\nb\n", "a\nb\nb\n", True),
    ("...\nx\ny\n...\n", "x\nx\ny\n", True),  # found past a false start (KMP)
])
def test_line_endings_and_wildcards(expected, actual, result):
    assert matches(expected, actual) is result


def test_wildcards_against_a_long_output_are_linear():
    import time
    actual = "".join(f"ligne {i}\n" for i in range(3000))
    expected = "...\nabsent\n...\nabsent\n...\nabsent\n...\nabsent\n"
    started = time.monotonic()
    assert not matches(expected, actual)
    assert matches("...\nligne 1000\n...\nligne 2000\n...\nligne 2999\n", actual)
    assert time.monotonic() - started < 0.5


def test_a_report_shows_control_characters_escaped():
    text = diff("propre\n", "\x1b[2J\x1b[Hefface\r\n", "output.txt")
    assert "\x1b" not in text and "\r" not in text
    assert "+\\x1b[2J\\x1b[Hefface\\r" in text

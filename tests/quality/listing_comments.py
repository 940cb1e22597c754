"""The comments of every listing the book shows are in French.

A listing is a lab's program, any other file of its folder the page shows (a Dockerfile, a
jail.conf), a file shown with {literalinclude}, or an {illustrative} block. Its comments
(and a Python program's docstrings) are prose the reader reads: a French book's listings
speak French. A comment is taken for English when English function words outnumber French
ones in it: no dictionary needed, and commands or file names inside a comment count for
neither language.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

# Function words of each language; words that are also common French words (on, an, as,
# but, a) are left out of the English list.
ENGLISH = frozenset("""
the and of to is are was were in it its that this these those with for from by or not no only
so then than when which while until into each every what who has have had does do will would
can could should must there their they we our you your if at out up one where how why here
same own after before be been being just also all any some such other more most about
""".split())
FRENCH = frozenset("""
le la les de des du un une et est que qui en dans pour par sur au aux son sa ses ne pas plus
ce cette il elle on se sont avec d l qu n s c à ou où y lui leur nous vous
""".split())
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Languages whose comments start with '#' (the {illustrative} argument or the file's suffix).
HASH_COMMENTS = {"bash", "sh", "console", "shell", "toml", "yaml", "yml", "conf", "text", "dockerfile", ""}


@dataclass(frozen=True)
class Comment:
    line: int  # 1-based, in the listing
    text: str


def is_english(text: str) -> bool:
    words = [w.lower() for w in _WORD.findall(text.replace("’", " ").replace("'", " "))]
    english = sum(w in ENGLISH for w in words)
    french = sum(w in FRENCH for w in words)
    return english >= 2 and english > french or english >= 1 and french == 0 and len(words) >= 4


def _outside_quotes(line: str, index: int) -> bool:
    before = line[:index].replace("\\'", "").replace('\\"', "")
    return before.count("'") % 2 == 0 and before.count('"') % 2 == 0


def hash_comments(text: str) -> list[Comment]:
    """'#' comments of a shell, TOML, YAML or configuration listing (shebangs left out)."""
    comments = []
    for number, line in enumerate(text.splitlines(), 1):
        for m in re.finditer(r"(?:^|\s)#(?!!)(.*)$", line):
            if _outside_quotes(line, m.start()):
                comments.append(Comment(number, m.group(1).strip()))
                break
    return comments


def python_comments(text: str) -> list[Comment]:
    """Comments and docstrings of a Python listing."""
    comments = [
        Comment(token.start[0], token.string.lstrip("#").strip())
        for token in tokenize.generate_tokens(io.StringIO(text).readline)
        if token.type == tokenize.COMMENT
    ]
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            docstring = ast.get_docstring(node)
            if docstring and node.body:
                comments.append(Comment(node.body[0].lineno, docstring))
    return comments


def comments_of(text: str, language: str) -> list[Comment]:
    if language == "python":
        return python_comments(text)
    if language in HASH_COMMENTS:
        return hash_comments(text)
    raise ValueError(f"listing language {language!r}: teach tests/quality/listing_comments.py its comments")


def language_of(path: Path) -> str:
    if path.suffix == ".py":
        return "python"
    if path.name == "Dockerfile":
        return "dockerfile"
    return path.suffix.lstrip(".")


def english_comments(text: str, language: str) -> list[Comment]:
    return [c for c in comments_of(text, language) if is_english(c.text)]

"""One finding = one place in a source file and what is wrong there, printed like a compiler."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True, order=True)
class Finding:
    path: Path
    line: int  # 1-based; 0 when the text could not be traced back to a line
    message: str

    def __str__(self) -> str:
        try:
            shown = self.path.resolve().relative_to(REPO_ROOT)
        except ValueError:
            shown = self.path
        return f"{shown}:{self.line}: {self.message}"


def report(findings: list[Finding], what: str) -> str:
    """The assertion message: one finding per line, sorted by file and line."""
    lines = [str(f) for f in sorted(set(findings))]
    return f"{len(lines)} {what}:\n" + "\n".join(lines)

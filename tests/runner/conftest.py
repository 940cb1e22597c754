"""A copy of the fixture tree (tests/runner/fixtures/) that a test may break, and ways to run on it."""

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
RESULT_RE = re.compile(r"^(PASSED|FAILED|ERROR|SKIPPED) (\S+)", re.MULTILINE)


@dataclass
class Session:
    returncode: int
    output: str

    def outcomes(self) -> dict[str, str]:
        """Lab folder name (or test id) -> PASSED/FAILED, from pytest's -rA summary."""
        found = {}
        for status, nodeid in RESULT_RE.findall(self.output):
            parts = nodeid.split("/")
            key = parts[-2] if nodeid.endswith(("lab.sh", "lab.py")) else nodeid.split("::")[-1]
            found[key] = status
        return found


class Tree:
    def __init__(self, root: Path):
        self.root = root
        self.snippets = root / "snippets"
        self.book = root / "book"
        self.chapter = self.snippets / "part" / "chapter"
        self.page = self.book / "part" / "chapter.md"
        self.build = root / "_build"

    def env(self, **extra) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "LABRUNNER_"))}
        env.update(
            LABRUNNER_SNIPPETS_ROOT=str(self.snippets), LABRUNNER_BOOK_ROOT=str(self.book),
            LABRUNNER_BUILD_DIR=str(self.build), LABS_EXT_DIR=str(REPO_ROOT / "conf" / "_ext"),
            LABRUNNER_PLATFORMS="host",  # the runner's own behaviour: the VM platform has tests of its own
        )
        env.update(extra)
        return env

    def run(self, *command, **extra_env) -> Session:
        done = subprocess.run(command, cwd=REPO_ROOT, env=self.env(**extra_env), capture_output=True, text=True, timeout=300)
        return Session(done.returncode, done.stdout + done.stderr)

    @staticmethod
    def pytest_command(*args) -> list[str]:
        return [sys.executable, "-m", "pytest", "-c", str(REPO_ROOT / "pyproject.toml"), "--rootdir", str(REPO_ROOT),
                "-p", "no:cacheprovider", "-rA", "--color=no", *args]

    def pytest(self, *args, **extra_env) -> Session:
        return self.run(*self.pytest_command(*args), **extra_env)

    def labs(self, *args, **extra_env) -> Session:
        return self.pytest(str(self.snippets), *args, **extra_env)

    def ledger(self) -> Session:
        return self.pytest("tests/runner/test_ledger.py")

    def lab(self, name: str) -> Path:
        return self.chapter / name

    def edit(self, path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def tree(tmp_path) -> Tree:
    root = tmp_path / "tree"
    shutil.copytree(FIXTURES, root)
    return Tree(root)

"""Chapters are data: a second chapter, made with the maintainers' commands in a throw-away
copy of the repository, is built and accepted by the suite with no change to any test or
extension code.

The chapter is made as the contributors' guide says: `python -m labrunner new-chapter` and
`new-lab` (what `make new-chapter` / `make new-lab` run), then what a maintainer writes by
hand, all of it data: two lab scripts, a file the page shows and a check of it in the
chapter's checks/, a figure's data file, the page's text. Its outputs are recorded by a real
run (`--update-outputs`), then the suite runs every test whose id names the chapter (book,
EPUB, browser, dated claims, its labs, its own checks) plus the coverage ledger and the
book's spelling and typography, building the book as `make html` does. Runs labs: needs the engine (marker "labs").
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from book_build import REPO_ROOT

PART = "docker-en-pratique"
CHAPTER = "2-06-essai"
SPEC = f"{PART}/{CHAPTER}"
FIGURE = "essai-2-06"
# What the copy needs: the book, its labs, the build configuration, the suite, the project.
COPIED = ("book", "snippets", "conf", "tests", "pyproject.toml")
# Code: never written by the maintainer's steps. The runner itself is the installed package.
CODE = ("tests", "conf/_ext", "conf/conf.py")
IGNORED = shutil.ignore_patterns("__pycache__", "*.egg-info", "labrunner", ".pytest_cache")
RESULT_RE = re.compile(r"^(PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS) (\S+(?: \S+)*?)(?: - .*)?$", re.MULTILINE)

LAB_READS_SETTINGS = """# Le lab lit le fichier de réglages que le chapitre affiche.
sed -n 's/^message = "\\(.*\\)"$/\\1/p' /lab/reglages.toml
"""
SETTINGS = 'message = "Bonjour, conteneur."\n'
SETTINGS_CHECK = '''"""The settings file chapter 2.06 shows: valid TOML, and its message is what the lab prints."""

import tomllib

from chapters import chapter_of

CHAPTER = chapter_of(__file__)


def test_the_lab_prints_the_message_of_the_settings():
    settings = tomllib.loads(CHAPTER.artifact("02-reglages/reglages.toml").read_text(encoding="utf-8"))
    printed = CHAPTER.artifact("02-reglages/output.txt").read_text(encoding="utf-8")
    assert printed == settings["message"] + "\\n"
'''
PAGE_TEXT = f"""
## Un premier lab

```{{lab}} 01-bonjour
```

## Un fichier de réglages

```{{literalinclude}} ../../snippets/{SPEC}/02-reglages/reglages.toml
:language: toml
:caption: Le fichier de réglages (vérifié par la suite de tests)
```

```{{lab}} 02-reglages
```

```{{figure-data}} {FIGURE}
```
"""


def code_digest(root: Path) -> dict[str, str]:
    """sha256 of every code file under CODE, by path relative to `root`."""
    files = [p for name in CODE for p in sorted((root / name).rglob("*") if (root / name).is_dir() else [root / name])]
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in files if p.is_file() and "__pycache__" not in p.parts and ".pytest_cache" not in p.parts}


class Copy:
    """The throw-away repository and the commands a maintainer runs in it."""

    def __init__(self, root: Path):
        self.root = root
        # The runner follows LABRUNNER_REPO_ROOT; CI=true would refuse the -k selection of labs.
        self.env = {**os.environ, "LABRUNNER_REPO_ROOT": str(root)}
        self.env.pop("CI", None)
        for name in ("LABRUNNER_SNIPPETS_ROOT", "LABRUNNER_BOOK_ROOT", "LABRUNNER_IMAGES_ROOT", "LABRUNNER_BUILD_DIR"):
            self.env.pop(name, None)

    def run(self, *argv: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, *argv], cwd=self.root, env=self.env, capture_output=True, text=True)

    def labrunner(self, *argv: str) -> str:
        done = self.run("-m", "labrunner", *argv)
        assert done.returncode == 0, f"python -m labrunner {' '.join(argv)}:\n{done.stdout}{done.stderr}"
        return done.stdout

    def write(self, relative: str, text: str) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def append(self, relative: str, text: str) -> None:
        path = self.root / relative
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture(scope="module")
def repository(tmp_path_factory) -> Copy:
    root = tmp_path_factory.mktemp("second-chapter")
    for name in COPIED:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=IGNORED)
        else:
            shutil.copy2(source, root / name)
    return Copy(root)


@pytest.mark.labs
def test_a_second_chapter_needs_no_code_change(repository):
    copy = repository
    before = code_digest(copy.root)
    assert before == code_digest(REPO_ROOT), "the copy's code differs from the repository's"

    # 1. The skeleton, by the maintainers' commands.
    copy.labrunner("new-chapter", SPEC, "--title", "Un chapitre d’essai")
    copy.labrunner("new-lab", SPEC, "01-bonjour", "--title", "Un premier bonjour")
    copy.labrunner("new-lab", SPEC, "02-reglages", "--title", "Le lab lit ses réglages")
    snippets = f"snippets/{SPEC}"
    assert (copy.root / f"book/{SPEC}.md").is_file() and CHAPTER in (copy.root / f"book/{PART}/index.md").read_text()

    # 2. What a maintainer writes: data only (a lab script, a shown file and its check, a figure, text).
    copy.write(f"{snippets}/02-reglages/lab.sh", LAB_READS_SETTINGS)
    copy.write(f"{snippets}/02-reglages/reglages.toml", SETTINGS)
    copy.write(f"{snippets}/checks/test_2_06_reglages.py", SETTINGS_CHECK)
    shutil.copy(copy.root / "conf/figures/runtimes.toml", copy.root / f"conf/figures/{FIGURE}.toml")
    copy.append(f"book/{SPEC}.md", PAGE_TEXT)

    # 3. The outputs the book shows, from a real run of the two labs.
    recorded = copy.run("-m", "pytest", "-p", "no:cacheprovider", "-q", "--update-outputs",
                        f"{snippets}/01-bonjour/", f"{snippets}/02-reglages/")
    assert recorded.returncode == 0, recorded.stdout + recorded.stderr
    assert (copy.root / f"{snippets}/02-reglages/output.txt").read_text(encoding="utf-8") == "Bonjour, conteneur.\n"

    # 4. The suite: every test that names the chapter, the ledger and the French of the whole
    # book's pages (grammar aside: ten seconds more, and the page's text is the maintainer's).
    suite = copy.run("-m", "pytest", "-p", "no:cacheprovider", "-rA", "-q", "tests", snippets,
                     "-k", f"{CHAPTER} or test_ledger[ or (test_book_language and not grammar and not contributing)")
    outcomes = RESULT_RE.findall(suite.stdout)
    assert suite.returncode == 0, suite.stdout[-6000:] + suite.stderr[-2000:]
    passed = [nodeid for status, nodeid in outcomes if status == "PASSED"]
    for expected in (
        "01-bonjour/lab.sh", "02-reglages/lab.sh",  # its labs, checked against the recorded outputs
        "checks/test_2_06_chapter.py::", "checks/test_2_06_reglages.py::",  # its own checks
        f"test_book_theme.py::test_no_english_interface_string[{SPEC}.html]",  # the built page
        f"test_epub.py::test_epub_shows_the_figures_as_svg_files_with_alt_text[{SPEC}]",  # its figure
        "test_ledger.py::test_ledger[orphan-snippets]",  # every lab shown by the book
        "test_book_language.py::test_spelling",  # its French, figure included
    ):
        assert any(expected in nodeid for nodeid in passed), f"{expected}: not among the passed tests:\n" + "\n".join(passed)

    # 5. Zero change to test or extension code.
    assert code_digest(copy.root) == before

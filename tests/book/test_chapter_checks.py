"""A chapter's own checks (``snippets/<part>/<chapter>/checks/``) are modules named after the
chapter's number, as `make new-chapter` names its sample: pytest imports a test module by its
file name, which must therefore be unique in the repository."""

import pytest

from chapters import params
from labrunner.paths import display
from labrunner.scaffold import ChapterName

ALLOWED = {"conftest.py"}


@pytest.mark.parametrize("chapter", params())
def test_check_modules_are_named_after_the_chapter(chapter):
    prefix = ChapterName.parse(chapter.docname).check_prefix
    misnamed = sorted(p.name for p in chapter.checks.glob("*.py") if not p.name.startswith(prefix) and p.name not in ALLOWED)
    assert not misnamed, f"{display(chapter.checks)}: rename {', '.join(misnamed)} to {prefix}*.py"

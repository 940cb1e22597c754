"""The copy button gives the reader exactly what to run: the whole script, no prompt."""

from __future__ import annotations

import re

import pytest

from browser.browser import open_all_dropdowns
from chapters import chapters, params

CLIPBOARD = {"permissions": ["clipboard-read", "clipboard-write"]}
PROMPTS = ("$ ", ">>> ", "... ")
# A source line that shows a command with its prompt: the chapters the second test reads.
PROMPT_LINE = re.compile(r"^\s*(\$|>>>) ", re.MULTILINE)


# A block inside a tab is hidden until its tab's label (the element before it) is clicked.
SHOW_TAB = "b => { const c = b.closest('.sd-tab-content'); if (c) c.previousElementSibling.click(); }"


def _copy(page, block) -> str:
    page.evaluate("navigator.clipboard.writeText('')")
    block.evaluate(SHOW_TAB)
    block.hover()
    block.locator("button.copybtn").click()
    return page.evaluate("navigator.clipboard.readText()")


def test_lab_script_is_copied_whole(open_page, chapter):
    """A lab script has no prompt: its copy is the script as shown, comments included."""
    page, log = open_page(chapter.html, **CLIPBOARD)
    open_all_dropdowns(page)
    blocks = page.locator(".lab-snippet div.highlight")
    assert blocks.count() == len(chapter.blocks("lab")), "not one lab script per {lab} block of the source"
    for index in range(blocks.count()):
        block = blocks.nth(index)
        shown = block.locator("pre").inner_text()
        assert _copy(page, block).strip("\n") == shown.strip("\n"), f"lab script {index + 1}"
    assert not log.console_errors, log.console_errors


@pytest.mark.parametrize("chapter", params([c for c in chapters() if PROMPT_LINE.search(c.source.read_text(encoding="utf-8"))]))
def test_command_is_copied_without_its_prompt(open_page, chapter):
    page, _ = open_page(chapter.html, **CLIPBOARD)
    open_all_dropdowns(page)
    blocks = page.locator("div.highlight:has(.gp)")
    assert blocks.count() > 0, "the chapter shows no command with a prompt ($ , >>> )"
    for index in range(blocks.count()):
        block = blocks.nth(index)
        commands = [
            line[len(prompt):]
            for line in block.locator("pre").inner_text().splitlines()
            for prompt in PROMPTS
            if line.startswith(prompt)
        ]
        copied = _copy(page, block).strip("\n").splitlines()
        assert copied[: len(commands)] == commands, f"block {index + 1}: {copied} != {commands}"
        assert not any(line.startswith(PROMPTS) for line in copied)

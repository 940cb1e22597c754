"""The coverage ledger: every snippet and output is shown by the book, every block is accounted for.

Each rule returns findings, one line each, ``file[:line]: what is wrong: what to do``.
"""

import re

from . import book, records
from .discovery import Lab, broken, discover, lab_in_folder
from .paths import display, snippets_root

CODE_DIRECTIVES = {"code-block", "code", "sourcecode", "code-cell"}


def _all_blocks():
    for page in book.pages():
        yield from book.blocks(page)


def lab_references() -> dict:
    """Lab folder -> the ``{lab}`` blocks showing it."""
    references = {}
    for block in _all_blocks():
        if block.directive == "lab":
            references.setdefault(book.lab_folder(block).resolve(), []).append(block)
    return references


def dangling_includes() -> list[str]:
    findings = []
    for block in _all_blocks():
        if block.directive == "lab":
            folder = book.lab_folder(block)
            if not block.argument:
                findings.append(f"{block.where()}: {{lab}} without a lab folder name")
            elif lab_in_folder(folder) is None:
                findings.append(f"{block.where()}: {{lab}} {block.argument}: no lab.sh or lab.py in {display(folder)}")
        elif block.directive == "literalinclude" and not book.include_target(block).is_file():
            findings.append(f"{block.where()}: {{literalinclude}} {block.argument}: {display(book.include_target(block))} does not exist")
    return findings


def orphan_snippets() -> list[str]:
    shown = lab_references()
    return [
        f"{display(lab.snippet)}: included nowhere in the book: add ```{{lab}} {lab.name}``` to {display(lab.page)}"
        for lab in discover() if lab.folder.resolve() not in shown
    ]


def missing_outputs() -> list[str]:
    return [
        f"{display(lab.output_file)} missing: run pytest --update-outputs {display(lab.snippet)}"
        for lab in discover() if not lab.output_file.is_file()
    ]


def stale_records() -> list[str]:
    """An output recorded before its snippet or options last changed is not proof of anything."""
    findings = []
    for lab in discover():
        if not lab.output_file.is_file():
            continue  # reported by missing_outputs
        fix = f"run pytest --update-outputs {display(lab.snippet)}"
        if not lab.record_file.is_file():
            findings.append(f"{display(lab.record_file)} missing: {fix}")
            continue
        if records.is_stale(lab):
            findings.append(f"{display(lab.record_file)}: {lab.snippet.name} or lab.toml changed since the output was recorded: {fix}")
    return findings


def unaccounted_blocks() -> list[str]:
    findings = []
    for block in _all_blocks():
        name = block.directive
        if name is None and not block.marker.startswith(":"):
            what = f"plain {block.marker}{block.info} block"
        elif name in CODE_DIRECTIVES:
            what = f"{{{name}}} block"
        elif name == "literalinclude" and not book.include_target(block).is_relative_to(snippets_root()):
            what = f"{{literalinclude}} of {block.argument}, outside snippets/"
        elif name == "illustrative" and not block.options.get("reason", "").strip():
            findings.append(f"{block.where()}: {{illustrative}} block without :reason: (say in French why it is not run)")
            continue
        else:
            continue
        findings.append(
            f"{block.where()}: {what}: show code with {{lab}}, {{literalinclude}} of a file under snippets/, "
            "or {illustrative} with :reason:"
        )
    return findings


LAB_NAME_RE = re.compile(r"^(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*$")


def _shown_folders(page):
    """(block, folder name) for each block of ``page`` showing a file of its mirror folder, in page order."""
    mirror = book.mirror_folder(page).resolve()
    for block in book.blocks(page):
        if block.directive == "lab" and block.argument:
            yield block, block.argument.strip("/").split("/")[0]
        elif block.directive == "literalinclude" and book.include_target(block).is_relative_to(mirror):
            yield block, book.include_target(block).relative_to(mirror).parts[0]


def lab_names_and_order() -> list[str]:
    """Lab folders are ``NN-kebab-case`` (ASCII) and the page shows them in their numbers' order."""
    findings = [
        f"{display(lab.folder)}: lab folder name must be NN-kebab-case in ASCII (e.g. 03-chroot-escape)"
        for lab in discover() if not LAB_NAME_RE.match(lab.name)
    ]
    for page in book.pages():
        previous = None
        for block, name in _shown_folders(page):
            match = LAB_NAME_RE.match(name)
            if match and previous and int(match.group(1)) < int(previous.group(1)):
                findings.append(f"{block.where()}: {name} is shown after {previous.group(0)}: "
                                "number the lab folders in the order the chapter shows them")
            previous = match or previous
    return findings


RULES = {
    "broken-labs": broken,
    "dangling-includes": dangling_includes,
    "orphan-snippets": orphan_snippets,
    "missing-outputs": missing_outputs,
    "stale-records": stale_records,
    "unaccounted-code-blocks": unaccounted_blocks,
    "lab-names-and-order": lab_names_and_order,
}


def page_and_line(lab: Lab) -> str | None:
    """Where the book shows ``lab`` (first {lab} block), for failure reports."""
    blocks = lab_references().get(lab.folder.resolve())
    return blocks[0].where() if blocks else None

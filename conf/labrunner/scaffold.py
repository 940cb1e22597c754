"""``python -m labrunner new-chapter`` and ``new-lab``: the skeleton of a chapter or of a lab.

``new-chapter <part>/<N-NN-slug> --title "…"`` writes the page ``book/<part>/<chapter>.md``
(its label and title), adds it to the toctree of ``book/<part>/index.md`` in number order,
and makes its mirror folder ``snippets/<part>/<chapter>/`` with ``checks/``, the chapter's
own tests, holding a sample one. ``new-lab <part>/<chapter> <NN-slug> --title "…"`` writes
``snippets/<part>/<chapter>/<NN-slug>/`` with a one-line ``lab.sh`` and a ``lab.toml`` holding
only the lab's French title (every other option keeps its safe default). Used by ``make new-chapter`` and ``make new-lab``; the suite's
throw-away-chapter test builds its chapter with them, so the skeleton is what the suite
accepts. Nothing is overwritten: a name that does not fit, or that exists, is one line.
"""

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from . import book, options
from .paths import book_root, display

CHAPTER_RE = re.compile(r"^(?P<part_number>\d+)-(?P<number>\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*$")
LAB_RE = re.compile(r"^(?P<number>\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*$")
CHECKS = "checks"

PAGE = """({label})=
# {number} {title}

Ce chapitre est en cours de rédaction\u00a0: le texte, les labs et les exercices viendront ensuite.
"""

SAMPLE_CHECK = '''"""Chapter {number}'s own checks: what only this chapter needs, beyond what the suite checks
for every chapter (its labs, its page, its French, its figures).

Check here what the chapter shows without running it (a configuration, a manifest: parse
it, check what the text says of it). Data the checks read go in a .toml file beside this
one (``CHAPTER.data("name")`` reads ``checks/name.toml``); files of the labs are reached
with ``CHAPTER.artifact("<lab folder>/<file>")``. Name each module ``{prefix}*.py``:
pytest needs every test module name to be unique in the repository.
"""

from chapters import chapter_of

CHAPTER = chapter_of(__file__)


def test_the_page_opens_with_its_label():
    first_line = CHAPTER.source.read_text(encoding="utf-8").split("\\n", 1)[0]
    assert first_line == "({label})=", f"{{CHAPTER.source}}: the first line must be the chapter's label"
'''

LAB_SCRIPT = """# Premier jet du lab {name}\u00a0: remplacez cette ligne par ce que le lab montre.
echo "Bonjour depuis le lab {name}."
"""


class ScaffoldError(ValueError):
    """A skeleton that cannot be made as asked; str() is one line."""


def _chapter_key(entry: str) -> tuple[int, int] | None:
    """(part number, chapter number) of a chapter's name, None for another name."""
    match = CHAPTER_RE.match(entry)
    return (int(match["part_number"]), int(match["number"])) if match else None


@dataclass(frozen=True)
class ChapterName:
    part: str
    name: str  # N-NN-slug

    @classmethod
    def parse(cls, spec: str) -> "ChapterName":
        part, _, name = spec.strip("/").rpartition("/")
        match = CHAPTER_RE.match(name)
        if not part or "/" in part or not match:
            raise ScaffoldError(f"{spec!r}: a chapter is named <part>/<N-NN-slug>, e.g. docker-en-pratique/2-06-les-images "
                                "(lowercase ASCII words joined by hyphens)")
        return cls(part, name)

    @property
    def key(self) -> tuple[int, int]:
        return _chapter_key(self.name)

    @property
    def number(self) -> str:
        """As the book prints it: ``2.06``."""
        return "{}.{:02d}".format(*self.key)

    @property
    def label(self) -> str:
        return "ch-{}-{:02d}".format(*self.key)

    @property
    def check_prefix(self) -> str:
        return "test_{}_{:02d}_".format(*self.key)

    @property
    def page(self) -> Path:
        return book_root() / self.part / f"{self.name}.md"

    @property
    def part_index(self) -> Path:
        return book_root() / self.part / "index.md"

    @property
    def snippets(self) -> Path:
        return book.mirror_folder(self.page)


def _toctree_with(index: Path, entry: str, key: tuple[int, int]) -> str:
    """The part's index with `entry` added to its toctree, after the chapters numbered before it."""
    toctrees = [block for block in book.blocks(index) if block.directive == "toctree"]
    if not toctrees:
        raise ScaffoldError(f"{display(index)}: no {{toctree}} to add the chapter to; add one listing the part's chapters")
    tree = toctrees[-1]
    lines = index.read_text(encoding="utf-8").split("\n")
    end = tree.last_line - 1  # index of the closing fence
    entries = [i for i in range(tree.line, end) if lines[i].strip() and not lines[i].lstrip().startswith((":", "---"))]
    before = [i for i in entries if (_chapter_key(lines[i].strip()) or (0, 0)) < key]
    if before:
        lines.insert(before[-1] + 1, entry)
    elif entries:
        lines.insert(entries[0], entry)
    else:  # an empty toctree: the entries follow the options after one blank line
        lines[end:end] = (["", entry] if lines[end - 1].strip() else [entry])
    return "\n".join(lines)


def new_chapter(spec: str, title: str) -> list[Path]:
    """Write the chapter's skeleton; the files written or changed, in that order."""
    chapter = ChapterName.parse(spec)
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("the chapter needs a title (TITLE=\"…\")")
    if not chapter.part_index.is_file():
        raise ScaffoldError(f"{display(chapter.part_index)} does not exist: {chapter.part!r} is not a part of the book")
    for path in (chapter.page, chapter.snippets):
        if path.exists():
            raise ScaffoldError(f"{display(path)} exists already: chapter {spec} is there; pick another name")
    taken = [page for page in chapter.page.parent.glob("*.md") if _chapter_key(page.stem) == chapter.key]
    if taken:
        raise ScaffoldError(f"{display(taken[0])}: chapter {chapter.number} exists already; pick another number")
    index = _toctree_with(chapter.part_index, chapter.name, chapter.key)
    check = chapter.snippets / CHECKS / f"{chapter.check_prefix}chapter.py"
    check.parent.mkdir(parents=True)
    check.write_text(SAMPLE_CHECK.format(number=chapter.number, prefix=chapter.check_prefix, label=chapter.label),
                     encoding="utf-8")
    chapter.page.write_text(PAGE.format(label=chapter.label, number=chapter.number, title=title), encoding="utf-8")
    chapter.part_index.write_text(index, encoding="utf-8")
    return [chapter.page, chapter.part_index, check]


def new_lab(chapter_spec: str, name: str, title: str) -> list[Path]:
    """Write a lab's skeleton in an existing chapter; the files written."""
    chapter = ChapterName.parse(chapter_spec)
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("the lab needs a title, in French, shown in its block (TITLE=\"…\")")
    try:
        options.parse({"title": title})  # the rules lab.toml's title follows
    except options.OptionsError as exc:
        raise ScaffoldError(f"TITLE: {exc}") from None
    if not chapter.page.is_file() or not chapter.snippets.is_dir():
        raise ScaffoldError(f"no chapter {chapter_spec}: {display(chapter.page)} or its folder "
                            f"{display(chapter.snippets)} is missing (make new-chapter first)")
    match = LAB_RE.match(name)
    if not match:
        raise ScaffoldError(f"{name!r}: a lab is named NN-slug, e.g. 01-premier-conteneur (lowercase ASCII words joined by hyphens)")
    folder = chapter.snippets / name
    if folder.exists():
        raise ScaffoldError(f"{display(folder)} exists already; pick another name")
    taken = [f for f in chapter.snippets.iterdir() if f.is_dir() and f.name.split("-", 1)[0] == match["number"]]
    if taken:
        raise ScaffoldError(f"{display(taken[0])}: lab number {match['number']} is taken in this chapter; pick another number")
    folder.mkdir()
    (folder / "lab.sh").write_text(LAB_SCRIPT.format(name=name), encoding="utf-8")
    # A JSON string is a valid TOML basic string (quotes and backslashes escaped alike).
    (folder / "lab.toml").write_text(f"title = {json.dumps(title, ensure_ascii=False)}\n", encoding="utf-8")
    return [folder / "lab.sh", folder / "lab.toml"]


def _created(paths: list[Path]) -> None:
    for path in paths:
        print(f"labrunner: wrote {display(path)}")


def _new_chapter(args) -> None:
    _created(new_chapter(args.chapter, args.title))
    print(f"next: write the chapter; add its labs with make new-lab CHAPTER={args.chapter.strip('/')} LAB=01-...")


def _new_lab(args) -> None:
    written = new_lab(args.chapter, args.lab, args.title)
    _created(written)
    chapter = ChapterName.parse(args.chapter)
    print(f"next: write {display(written[0])}; record its output with "
          f".venv/bin/python -m pytest --update-outputs {display(written[0].parent)}/ ; "
          f"then show it in {display(chapter.page)} with a ```{{lab}} {args.lab}``` block")


def run(args) -> int:
    """Run the command `add_commands` registered; a refusal is one line on stderr, status 2."""
    try:
        args.handler(args)
    except ScaffoldError as exc:
        print(f"labrunner: {exc}", file=sys.stderr)
        return 2
    return 0


def add_commands(commands) -> None:
    """Register ``new-chapter`` and ``new-lab`` on the CLI's subcommands (`run` runs them)."""
    chapter = commands.add_parser("new-chapter", help="the skeleton of a chapter: page, toctree entry, snippets folder, checks/")
    chapter.add_argument("chapter", help="<part>/<N-NN-slug>, e.g. docker-en-pratique/2-06-les-images")
    chapter.add_argument("--title", required=True, help="the chapter's title, in French")
    chapter.set_defaults(handler=_new_chapter)
    lab = commands.add_parser("new-lab", help="the skeleton of a lab in a chapter: lab.sh, lab.toml with its title")
    lab.add_argument("chapter", help="<part>/<N-NN-slug> of an existing chapter")
    lab.add_argument("lab", help="NN-slug, e.g. 01-premier-conteneur")
    lab.add_argument("--title", required=True, help="the lab's title, in French, shown in its block")
    lab.set_defaults(handler=_new_lab)

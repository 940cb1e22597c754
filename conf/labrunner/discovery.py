"""Lab folders: ``snippets/<part>/<chapter>/<NN-slug>/`` holding ``lab.sh`` or ``lab.py``."""

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from . import options as options_module
from .paths import OutsideError, display, inside, page_of, snippets_root

SNIPPET_NAMES = {"lab.sh": "bash", "lab.py": "python"}
# Every file of a lab folder that the runner or the book reads or writes.
LAB_FILES = (*SNIPPET_NAMES, "lab.toml", "output.txt", "stderr.txt", "record.json")


# A platform whose output differs keeps it beside the common one: output.cgroup-v1.txt.
CGROUP_V1_VARIANT = "cgroup-v1"


def variant_file(path: Path, variant: str) -> Path:
    """output.txt -> output.cgroup-v1.txt"""
    return path.with_name(f"{path.stem}.{variant}{path.suffix}")


class LabError(ValueError):
    """A lab folder that cannot be used as it is; str() is one line."""


@dataclass(frozen=True)
class Lab:
    snippet: Path

    @property
    def folder(self) -> Path:
        return self.snippet.parent

    @property
    def name(self) -> str:
        return self.folder.name

    @property
    def relative(self) -> Path:
        """The folder relative to the snippets root: ``<part>/<chapter>/<lab>``."""
        return self.folder.relative_to(snippets_root())

    @property
    def page(self) -> Path:
        """The book page whose mirror folder holds this lab."""
        return page_of(self.folder.parent)

    @property
    def language(self) -> str:
        return SNIPPET_NAMES[self.snippet.name]

    # The files beside the snippet: its options, its expected outputs, their provenance.
    toml_file = property(lambda self: self.folder / "lab.toml")
    output_file = property(lambda self: self.folder / "output.txt")
    stderr_file = property(lambda self: self.folder / "stderr.txt")
    record_file = property(lambda self: self.folder / "record.json")

    @cached_property
    def options(self) -> options_module.LabOptions:
        return options_module.load(self.toml_file)


def lab_for_snippet(snippet: Path) -> Lab:
    snippet = Path(snippet)
    snippet = snippet.parent.resolve() / snippet.name  # the snippet named, not where a symlink leads
    try:
        for path in (snippet.parent, *(snippet.parent / name for name in LAB_FILES)):
            if path.exists() or path.is_symlink():
                inside(path)
    except OutsideError as exc:
        raise LabError(str(exc)) from None
    others = [n for n in SNIPPET_NAMES if n != snippet.name and (snippet.parent / n).exists()]
    if others:
        raise LabError(f"{snippet.parent}: holds both {snippet.name} and {others[0]}: a lab has one snippet")
    return Lab(snippet)


def lab_in_folder(folder: Path) -> Lab | None:
    for name in SNIPPET_NAMES:
        if (folder / name).is_file():
            return lab_for_snippet(folder / name)
    return None


def _scan(root: Path | None) -> tuple[list[Lab], list[tuple[Path, str]]]:
    """The labs under ``root``, and each lab folder that cannot be a lab with its one line."""
    root = root or snippets_root()
    snippets = sorted(p for name in SNIPPET_NAMES for p in root.rglob(name))
    seen, labs, broken = set(), [], []
    for snippet in snippets:
        if snippet.parent not in seen:
            seen.add(snippet.parent)
            try:
                labs.append(lab_for_snippet(snippet))
            except LabError as exc:
                broken.append((snippet.parent, str(exc)))
    return labs, broken


def discover(root: Path | None = None) -> list[Lab]:
    """Every usable lab; the others are named by ``broken`` (ledger rule ``broken-labs``), and
    fail as tests with their one line."""
    return _scan(root)[0]


def broken(root: Path | None = None) -> list[str]:
    return [line for _, line in _scan(root)[1]]


def find(spec: str) -> Lab:
    """A lab from what a reader types: a folder name (``01-chroot-attic``), a folder or a snippet path."""
    path = Path(spec)
    if path.is_file() and path.name in SNIPPET_NAMES:
        return lab_for_snippet(path)
    if path.is_dir():
        lab = lab_in_folder(path.resolve())
        if lab:
            return lab
        raise LabError(f"{spec}: no lab.sh or lab.py in this folder")
    matches = [lab for lab in discover() if lab.name == spec or str(lab.relative) == spec.strip("/")]
    if len(matches) == 1:
        return matches[0]
    unusable = [line for folder, line in _scan(None)[1] if folder.name == spec]
    if not matches and unusable:
        raise LabError(unusable[0])
    if not matches:
        raise LabError(f"no lab named {spec!r} under {display(snippets_root())}/ (give a lab folder name or path)")
    raise LabError(f"{spec!r} names several labs: {', '.join(str(m.relative) for m in matches)}; give the path")

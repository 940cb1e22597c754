"""What the book says about a lab, in French, from the lab folder alone.

Shared by the ``{lab}`` block (labs.py) and the chapter archives (lab_archive.py), so a lab
has the same number, name, settings and replay commands on the page and in the archive.
Pure functions: nothing is typed by hand, everything comes from the lab folder's name, its
page, its ``LabOptions`` and the runner's own container recipe (labrunner.recipe).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

from labrunner import options as options_module
from labrunner import recipe

# labrunner.images.REPOSITORY, which imports the docker SDK that a docs-only build lacks;
# tests/runner/test_directive.py checks that both stay equal.
IMAGE_REPOSITORY = "docker-en-pratique"
# Page names such as "2-05-pourquoi-les-conteneurs" carry the chapter number "2.05".
CHAPTER_RE = re.compile(r"^(\d+)-(\d+)-")
LAB_NUMBER_RE = re.compile(r"^(\d+)-")
# Units of lab.toml's `memory` (Docker's, binary) as a French reader writes them.
MEMORY_UNITS = {"": "o", "b": "o", "k": "Kio", "m": "Mio", "g": "Gio"}
DEFAULTS = options_module.LabOptions()
# Options whose token never takes a value, so the next token starts a new line.
FLAG_OPTIONS = {"--rm", "--read-only", "--init", "-i", "-t", "-it", "--interactive", "--tty", "-d", "--detach"}
NBSP = "\u00a0"


def chapter_number(docname: str) -> str | None:
    """« 2.05 » for ``docker-en-pratique/2-05-pourquoi-les-conteneurs``; None when the page has no number."""
    match = CHAPTER_RE.match(docname.rsplit("/", 1)[-1])
    return f"{int(match[1])}.{match[2]}" if match else None


def lab_number(docname: str, folder_name: str) -> str:
    """« 2.05-4 » for lab ``04-bsd-jail-analogue`` of chapter 2.05 (« 4 » on an unnumbered page)."""
    match = LAB_NUMBER_RE.match(folder_name)
    own = str(int(match[1])) if match else folder_name
    chapter = chapter_number(docname)
    return f"{chapter}-{own}" if chapter else own


def anchor(number: str) -> str:
    """The HTML id of a lab block, so a teacher can link to « #lab-2-05-4 »."""
    return "lab-" + re.sub(r"[^0-9a-z]+", "-", number.lower()).strip("-")


def _number(value: float) -> str:
    return (f"{value:g}").replace(".", ",")


def memory(value: str) -> str:
    match = re.fullmatch(r"(\d+)([bkmg]?)", value)
    return f"{match[1]}{NBSP}{MEMORY_UNITS[match[2]]}" if match else value


@dataclass(frozen=True)
class Setting:
    text: str
    default: bool  # the runner's default: shown, but only the lab's own choices stand out
    code: str = ""  # a name to show as code after the text (an image, a host name)


def run_settings(o) -> list[Setting]:
    """The container's settings from lab.toml, as short French phrases, in a fixed order."""
    def setting(name: str, text: str, code: str = "") -> Setting:
        return Setting(text, getattr(o, name) == getattr(DEFAULTS, name), code)

    settings = [
        setting("network", "aucun réseau" if o.network == "none" else f"réseau {o.network}"),
        setting("memory", f"{memory(o.memory)} de mémoire"),
        setting("pids", f"{o.pids}{NBSP}processus au plus"),
        setting("cpus", f"{_number(o.cpus)}{NBSP}CPU"),
        setting("read_only", "racine en lecture seule" if o.read_only else "racine modifiable"),
        setting("timeout", f"arrêté après {_number(o.timeout)}{NBSP}s"),
        setting("image", "image", o.image),
    ]
    if o.hostname != DEFAULTS.hostname:
        settings.append(setting("hostname", "nom de machine", o.hostname))
    return settings


def privilege_flags(o) -> list[str]:
    """The docker options a lab adds to the engine's defaults (lab.toml ``cap_add``, ``security_opt``)."""
    return [f"--cap-add {c}" for c in o.cap_add] + [f"--security-opt {s}" for s in o.security_opt]


def image_reference(lab_options) -> str:
    """The image as the runner tags it for people (``:latest`` follows the current build)."""
    return f"{IMAGE_REPOSITORY}/{lab_options.image}"


def make_command(lab) -> str:
    return f"make lab LAB={lab.name}"


def docker_run_argv(lab) -> list[str]:
    """The runner's own container recipe for ``lab`` as a plain ``docker run`` (its folder bound at /lab)."""
    return recipe.recipe(lab, image_reference(lab.options)).docker_run_argv()


def _shell_word(token: str, folder: str) -> str:
    """A token as a shell reads it; the lab's own folder becomes "$PWD" (run from that folder)."""
    if folder and folder in token:
        return '"$PWD"'.join(shlex.quote(part) if part else "" for part in token.split(folder))
    return shlex.quote(token)


def shell_command(argv: list[str], folder: str = "", width: int = 72) -> str:
    """``argv`` as a shell command in lines of at most ``width`` columns where it can, ``\\`` at their ends.

    An option stays on the same line as its value; the image and the command run in it start a line.
    """
    words = [_shell_word(token, folder) for token in argv]
    head = 2 if argv[:2] == ["docker", "run"] else 1
    groups, i = [" ".join(words[:head])], head
    while i < len(argv) and argv[i].startswith("-"):
        takes_value = "=" not in argv[i] and argv[i] not in FLAG_OPTIONS and i + 1 < len(argv)
        groups.append(" ".join(words[i:i + 2] if takes_value else words[i:i + 1]))
        i += 2 if takes_value else 1
    lines = []
    for group in groups:
        room = width - len(" \\") - (2 if len(lines) > 1 else 0)  # continuation lines are indented by 2
        if lines and len(lines[-1]) + 1 + len(group) <= room:
            lines[-1] += " " + group
        else:
            lines.append(group)
    lines += [" ".join(words[i:i + 1]), " ".join(words[i + 1:])]  # the image, then its command
    return " \\\n  ".join(line for line in lines if line)


def replay_command(lab) -> str:
    """The plain docker command, to run from inside the lab's folder."""
    return shell_command(docker_run_argv(lab), str(lab.folder))

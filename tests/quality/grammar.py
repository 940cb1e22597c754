"""Grammar of the rendered prose with Debian's grammalecte-cli, offline.

The prose blocks are written one per line to a temporary file: grammalecte numbers its
paragraphs by line, so each error maps back to its block. Spelling errors are left to
hunspell (spelling.py). Known false alarms are silenced one by one, each with a reason, in
conf/spelling/grammalecte-ignore.toml; an entry that silences nothing is itself an error, so
the file stays short and true.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .findings import REPO_ROOT
from .typography import mask

IGNORE_FILE = REPO_ROOT / "conf" / "spelling" / "grammalecte-ignore.toml"
# grammalecte reads the placeholder of inline code as an unknown word: a neutral noun reads better.
_PLACEHOLDER_WORD = "X"


@dataclass(frozen=True)
class GrammarError:
    block: int  # index in the list of texts given
    start: int
    end: int
    rule: str
    message: str
    underlined: str


@dataclass(frozen=True)
class Ignore:
    rule: str
    underlined: str
    file: str  # source path relative to the repository, or "" for any file
    reason: str


class GrammarSetupError(RuntimeError):
    pass


def grammalecte(texts: list[str]) -> list[GrammarError]:
    """Grammar and typography errors grammalecte reports, one list for all texts."""
    exe = shutil.which("grammalecte-cli")
    if exe is None:
        raise GrammarSetupError("grammalecte-cli not found: install the Debian package grammalecte-cli (conf/apt-packages.txt)")
    lines = []
    for text in texts:
        # Masked URLs become a run of letters, not spaces: spaces would read as a layout error.
        plain = mask(text).replace("\ufffc", _PLACEHOLDER_WORD).replace("\u2063", "x")
        lines.append(plain.replace("\n", " "))
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as handle:
        handle.write("\n".join(lines) + "\n")
        name = handle.name
    try:
        env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8", PYTHONIOENCODING="utf-8")
        proc = subprocess.run([exe, "-f", name, "-j", "-ctx"], capture_output=True, env=env, timeout=120, check=False)
    finally:
        os.unlink(name)
    if proc.returncode != 0:
        raise GrammarSetupError(f"grammalecte-cli failed ({proc.returncode}): {proc.stderr.decode('utf-8', 'replace')[-500:]}")
    data = json.loads(proc.stdout.decode("utf-8"))
    errors = []
    for paragraph in data["data"]:
        for e in paragraph["lGrammarErrors"]:
            errors.append(GrammarError(
                block=paragraph["iParagraph"] - 1, start=e["nStart"], end=e["nEnd"], rule=e["sRuleId"],
                message=e["sMessage"], underlined=e.get("sUnderlined") or lines[paragraph["iParagraph"] - 1][e["nStart"]:e["nEnd"]],
            ))
    return errors


def load_ignores(path: Path = IGNORE_FILE) -> list[Ignore]:
    """The reviewed false alarms; each entry needs a rule, the flagged text and a reason."""
    if not path.exists():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: not valid TOML ({exc}); fix the syntax") from exc
    ignores = []
    for i, entry in enumerate(data.get("ignore", []), start=1):
        missing = [k for k in ("rule", "underlined", "reason") if not str(entry.get(k, "")).strip()]
        unknown = set(entry) - {"rule", "underlined", "file", "reason"}
        if missing or unknown:
            raise ValueError(
                f"{path}: [[ignore]] entry {i}: " + (f"missing {', '.join(missing)}" if missing else f"unknown keys {sorted(unknown)}")
                + "; each entry needs rule, underlined and reason (file optional)"
            )
        ignores.append(Ignore(entry["rule"], entry["underlined"], entry.get("file", ""), entry["reason"]))
    return ignores


def is_ignored(error: GrammarError, source: Path, ignore: Ignore) -> bool:
    if ignore.rule != error.rule or ignore.underlined != error.underlined:
        return False
    if not ignore.file:
        return True
    try:
        return source.resolve() == (REPO_ROOT / ignore.file).resolve()
    except OSError:
        return False

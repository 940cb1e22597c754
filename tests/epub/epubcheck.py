"""Running Debian's epubcheck (a Java program) on an EPUB file."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class EpubCheck:
    returncode: int
    output: str

    @property
    def clean(self) -> bool:
        return self.returncode == 0 and "No errors or warnings detected" in self.output


def command() -> list[str]:
    """`epubcheck` as Debian ships it: a jar, run with java (binfmt may not be set up)."""
    found = shutil.which("epubcheck")
    if found is None:
        raise RuntimeError("epubcheck not found: install the Debian package epubcheck "
                           "(listed in conf/apt-packages.txt, installed by .ci/run)")
    real = os.path.realpath(found)
    return ["java", "-jar", real] if real.endswith(".jar") else [real]


def check(epub: Path) -> EpubCheck:
    completed = subprocess.run(
        [*command(), str(epub)], capture_output=True, text=True, timeout=300, check=False
    )
    return EpubCheck(completed.returncode, completed.stdout + completed.stderr)

"""Files of the site tests read: the built pages, and the in-repo extensions (conf/_ext)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

EXT_DIR = Path(__file__).resolve().parents[2] / "conf" / "_ext"


def extension(name: str) -> ModuleType:
    """conf/_ext/<name>.py as a module (loaded once, under its own name, like Sphinx does)."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, EXT_DIR / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def reader_pages(root: Path) -> list[Path]:
    """Every HTML page of the built book (not the theme's templates copied into _static/)."""
    return sorted(path for path in root.rglob("*.html") if path.relative_to(root).parts[0] != "_static")

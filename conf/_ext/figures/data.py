"""Reading a figure's data file (conf/figures/<name>.toml) with one-line errors."""

import tomllib
from pathlib import Path


class FigureDataError(Exception):
    """Bad figure data: the message names the file and says what to fix."""


class Table:
    """A TOML table that knows which file it came from, so every error can name it."""

    def __init__(self, values: dict, path: Path, where: str = ""):
        self.values = values
        self.path = path
        self.where = where

    def fail(self, message: str) -> FigureDataError:
        place = f" ({self.where})" if self.where else ""
        return FigureDataError(f"{self.path}{place}: {message}")

    def get(self, key: str, kind: type, default=None):
        name = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        if key not in self.values:
            if default is None:
                raise self.fail(f"missing key '{key}' ({name}); add it")
            return default
        value = self.values[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(f"key '{key}' must be a {name}, not {value!r}")
        return value

    def text(self, key: str, default=None) -> str:
        value = self.get(key, str, default)
        if default is None and not value.strip():
            raise self.fail(f"key '{key}' is empty; write the French text")
        return value

    def texts(self, key: str) -> list[str]:
        values = self.get(key, list, [])
        if not all(isinstance(v, str) for v in values):
            raise self.fail(f"key '{key}' must be a list of strings")
        return values

    def tables(self, key: str) -> list["Table"]:
        items = self.get(key, list)
        if not items or not all(isinstance(item, dict) for item in items):
            raise self.fail(f"'{key}' must be a non-empty array of tables ([[{key}]])")
        return [Table(item, self.path, f"{key} #{i}") for i, item in enumerate(items, 1)]

    def check_keys(self, allowed: set[str]) -> None:
        unknown = sorted(set(self.values) - allowed)
        if unknown:
            raise self.fail(f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}")


def load(path: Path) -> Table:
    """Parse a figure's TOML file; a missing file or bad syntax is a FigureDataError."""
    if not path.is_file():
        raise FigureDataError(f"{path}: no such figure data file; create it or fix the figure name")
    try:
        values = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise FigureDataError(f"{path}: invalid TOML ({error}); fix the syntax") from None
    return Table(values, path)

"""The default lab limits are written once (``LabOptions``): the guides that restate them agree."""

import dataclasses
import json
import re

from labrunner.options import LabOptions
from labrunner.paths import REPO_ROOT

ROW = re.compile(r"^\| (?P<names>`[^|]+`) \| (?P<defaults>[^|]*) \|", re.MULTILINE)


def documented_defaults() -> dict[str, str]:
    """``option -> default`` from the lab.toml table of the runner's README."""
    table = {}
    for row in ROW.finditer((REPO_ROOT / "conf" / "labrunner" / "README.md").read_text(encoding="utf-8")):
        names = re.findall(r"`([\w\[\]]+)`", row["names"])
        defaults = re.findall(r"`([^`]*)`", row["defaults"])
        table.update(zip(names, defaults * len(names) if len(defaults) == 1 else defaults))
    return table


def toml_value(value) -> str:
    if isinstance(value, tuple):
        return json.dumps(list(value))
    return json.dumps(value)


def test_the_runner_readme_states_the_options_own_defaults():
    table = documented_defaults()
    for field in dataclasses.fields(LabOptions):
        if field.name in table and not field.name.startswith("normalize_regex"):
            assert table[field.name] == toml_value(field.default) or (
                isinstance(field.default, float) and float(table[field.name]) == field.default), field.name
    undocumented = {f.name for f in dataclasses.fields(LabOptions)} - set(table) - {"normalize_regex"}
    assert not undocumented, f"options missing from conf/labrunner/README.md's table: {sorted(undocumented)}"


def test_the_readme_states_the_default_timeout():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert f"délai de {LabOptions().timeout:g}\u00a0s" in readme or f"délai de {LabOptions().timeout:g} s" in readme

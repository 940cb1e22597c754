"""Each privilege a lab of the book declares is needed: run the lab once without each of
them (the same image and limits otherwise) and check it no longer shows what the book shows.

Not a static check: it runs labs, so it needs the engine (marker "labs").
"""

import dataclasses
from pathlib import Path

import pytest

from labrunner import check, discovery


def apparmor_enabled() -> bool:
    flag = Path("/sys/module/apparmor/parameters/enabled")
    return flag.is_file() and flag.read_text().strip() == "Y"


def weakened_labs():
    """(lab, its options minus one privilege) for every privilege of every non-engine lab."""
    for lab in discovery.discover():
        o = lab.options
        for cap in o.cap_add:
            yield pytest.param(lab, dataclasses.replace(o, cap_add=tuple(c for c in o.cap_add if c != cap)),
                               id=f"{lab.name}-without-{cap}")
        for opt in o.security_opt:
            yield pytest.param(lab, dataclasses.replace(o, security_opt=tuple(s for s in o.security_opt if s != opt)),
                               id=f"{lab.name}-without-{opt}")


@pytest.mark.labs
@pytest.mark.parametrize("lab,weaker", list(weakened_labs()))
def test_every_declared_privilege_is_needed(lab, weaker, tmp_path, monkeypatch):
    dropped = set(lab.options.cap_add + lab.options.security_opt) - set(weaker.cap_add + weaker.security_opt)
    if dropped == {"apparmor=unconfined"} and not apparmor_enabled():
        pytest.skip("AppArmor is off on this machine: apparmor=unconfined changes nothing here (it lifts "
                    "Docker's 'deny mount' rule where AppArmor is on)")
    monkeypatch.setenv("LABRUNNER_BUILD_DIR", str(tmp_path))  # keep the real run's raw output intact
    outcome = check.run_lab(lab, options=weaker)
    assert outcome.failed, (
        f"{lab.relative}: runs as the book shows without {dropped}: "
        f"remove it from {lab.toml_file.name}")

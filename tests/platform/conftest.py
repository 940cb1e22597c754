"""Meta-tests of the VM platform (conf/labrunner/platform): they build it (cached) and boot it.

Until the runner package lives in conf/labrunner/ (the lead's move), ``labrunner`` is
tests/labrunner/: its search path is extended so that ``labrunner.platform`` is found.
"""

from pathlib import Path

import labrunner
import pytest

PACKAGE_HOME = Path(__file__).resolve().parents[2] / "conf" / "labrunner"
if str(PACKAGE_HOME) not in [str(Path(p)) for p in labrunner.__path__]:
    labrunner.__path__.append(str(PACKAGE_HOME))

from labrunner import platform  # noqa: E402


@pytest.fixture(scope="session")
def built():
    """The current platform, built once (about 3 min cold; cached by its recipe's hash)."""
    return platform.build("current")

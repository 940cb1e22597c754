"""``labrunner.platform`` for the tests and their child processes.

Until the runner package lives in conf/labrunner/ (the lead's move), ``labrunner`` is
tests/labrunner/: its search path is extended so that ``labrunner.platform`` is found.
"""

import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
PACKAGE_HOME = TESTS.parent / "conf" / "labrunner"
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

import labrunner  # noqa: E402

if str(PACKAGE_HOME) not in [str(Path(p)) for p in labrunner.__path__]:
    labrunner.__path__.append(str(PACKAGE_HOME))

from labrunner import platform  # noqa: E402,F401

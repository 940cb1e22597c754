"""Meta-tests of the VM platform (conf/labrunner/platform). They build it (cached by its recipe's
hash: minutes cold, nothing warm) and boot it under TCG here (a minute or more each): few boots."""

import pytest

from labrunner import platform


@pytest.fixture(scope="session")
def built():
    return platform.build("current")

"""Fixtures of the stress tests: a fresh copy of the bad-labs tree."""

import pytest

from stress.bad_tree import BadTree, make_bad_tree


@pytest.fixture
def bad_tree(tmp_path) -> BadTree:
    return make_bad_tree(tmp_path)

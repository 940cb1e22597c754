"""The coverage ledger on the real book: one test per rule, one line per finding.

The runner's meta-tests run this same module against a fixture tree (LABRUNNER_* roots).
"""

import pytest

from labrunner import ledger


@pytest.mark.parametrize("rule", ledger.RULES)
def test_ledger(rule):
    findings = ledger.RULES[rule]()
    if findings:
        pytest.fail("\n".join(findings), pytrace=False)

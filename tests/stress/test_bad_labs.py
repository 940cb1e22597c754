"""Every bad lab of tests/stress/fixtures/bad-labs is reported exactly as intended, in series and
with pytest-xdist alike, and the ledger names the broken book (orphan, dangling include, missing output)."""

import json
import re
import uuid

import pytest

from stress.bad_tree import make_bad_tree, nothing_of_this_suite_left

pytestmark = pytest.mark.labs  # real labs: they need an engine, like the book's

# lab -> (outcome, pieces its report must hold); a piece starting with "re:" is a regex.
EXPECTED = {
    "01-passes": ("PASSED", []),
    "02-wrong-output": ("FAILED", ["-Bonjour", "+bonjour"]),
    "03-missing-output": ("FAILED", ["03-missing-output/output.txt missing: run pytest --update-outputs "]),
    "04-orphan": ("PASSED", []),
    "05-hangs": ("FAILED", ["timed out after 2 s (option 'timeout' in "]),
    "06-fork-bomb": ("FAILED", ["timed out after 3 s (option 'timeout' in ",
                                r"re:at its timeout it held (3[0-2]) of at most 32 processes \(option 'pids'\)"]),
    "07-memory-hog": ("FAILED", ["killed by the out-of-memory killer: the lab outgrew its memory limit (32m, option 'memory' in "]),
    "08-fills-tmp": ("FAILED", ["exit code 1, expected 0", "+dd: error writing '/tmp/big': No space left on device"]),
    "09-writes-root": ("FAILED", ["exit code 1, expected 0", "+touch: cannot touch '/usr/evil': Read-only file system"]),
    "10-writes-lab-folder": ("FAILED", ["+touch: cannot touch '/lab/evil': Read-only file system"]),
    "11-huge-file-writable-root": ("FAILED", ["killed by SIGXFSZ: a file outgrew the 128 MiB limit on one file (exit code 153)"]),
    "12-reaches-network": ("FAILED", ["exit code 1, expected 0", "+OSError: [Errno 101] Network is unreachable"]),
    "13-remounts-root": ("FAILED", ["exit code 32, expected 0", "+mount: /: permission denied."]),
    "14-raises-memory-limit": ("FAILED", [r"re:\+/lab/lab.sh: \d: cannot create /sys/fs/cgroup/\S+: Read-only file system"]),
    "15-unshares": ("FAILED", ["+unshare: unshare failed: Operation not permitted"]),
    "16-broken-image": ("FAILED", ["image 'broken' failed to build (docker build): The command '/bin/sh -c echo "
                                   "\"this step fails on purpose\" && false' returned a non-zero code: 1; full log: "]),
    "17-asks-for-network": ("FAILED", ["17-asks-for-network/lab.toml: option 'network' must be 'none' "
                                       "(labs never reach a network), got 'host'"]),
}
SECTION_RE = re.compile(r"^_+ lab (\S+) _+$", re.MULTILINE)


def sections(output: str) -> dict[str, str]:
    """Lab name -> its failure report, from pytest's FAILURES section."""
    parts = SECTION_RE.split(output)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def check_pieces(reports: dict[str, str], expected: dict) -> None:
    """Each lab's report holds each of its expected pieces (``re:`` for a regex)."""
    for lab, (_, pieces) in expected.items():
        for piece in pieces:
            if piece.startswith("re:"):
                assert re.search(piece[3:], reports[lab]), (lab, piece, reports[lab])
            else:
                assert piece in reports[lab], (lab, piece, reports[lab])


def check_reports(session):
    outcomes = session.outcomes()
    assert {lab: outcomes.get(lab) for lab in EXPECTED} == {lab: e[0] for lab, e in EXPECTED.items()}, session.output
    check_pieces(sections(session.output), EXPECTED)
    assert "Traceback" not in session.output.replace("+Traceback", "")  # every failure is a report, never a crash


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The bad tree run once in series and once with -n 2 (each in its own copy)."""
    done = {}
    for mode, args in (("series", ()), ("parallel", ("-n", "2"))):
        tree = make_bad_tree(tmp_path_factory.mktemp(mode))
        suite = f"stress-{mode}-{uuid.uuid4().hex[:8]}"
        done[mode] = (tree, tree.labs(*args, LABRUNNER_SUITE=suite), suite)
    return done


@pytest.mark.parametrize("mode", ["series", "parallel"])
def test_each_bad_lab_is_reported_as_intended(runs, mode):
    tree, session, suite = runs[mode]
    check_reports(session)
    assert session.returncode == 1
    nothing_of_this_suite_left(session, suite)
    assert "lab images built: 0" in session.output  # debian-base is there already; broken never builds


def test_parallel_gives_the_same_results_as_series(runs):
    assert runs["series"][1].outcomes() == runs["parallel"][1].outcomes()


def test_bad_labs_do_not_slow_the_good_ones(runs):
    # With -n 2 the good lab ran next to fork bombs and hogs: its own run stays short.
    tree = runs["parallel"][0]
    result = json.loads((tree.build / "labs" / "part" / "chapter" / "01-passes" / "result.json").read_text())
    assert result["seconds"] < 3, result


def test_the_ledger_names_the_broken_book(bad_tree):
    session = bad_tree.ledger()
    failing = {k for k, v in session.outcomes().items() if k.startswith("test_ledger") and v != "PASSED"}
    assert failing == {"test_ledger[dangling-includes]", "test_ledger[orphan-snippets]",
                       "test_ledger[missing-outputs]", "test_ledger[stale-records]"}, session.output
    for piece in [
        "chapter.md:", "{lab} 99-nowhere: no lab.sh or lab.py in ",
        "{literalinclude} ../../snippets/part/chapter/absent.conf: ", "absent.conf does not exist",
        "04-orphan/lab.sh: included nowhere in the book: add ```{lab} 04-orphan``` to ",
        "03-missing-output/output.txt missing: run pytest --update-outputs ",
    ]:
        assert piece in session.output, piece

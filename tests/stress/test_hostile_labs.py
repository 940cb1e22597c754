"""Every hostile lab of tests/stress/fixtures/hostile-labs (issue 12's attacks and their obvious
variants) is refused or failed with one line per attack, under -n 2 and with two sessions at once;
the host's canary files, the tree's own files, a container and a volume made by hand, and the
engine's inventory prove that nothing was touched."""

import subprocess
import sys
import uuid

import pytest

from runner.conftest import Session
from stress.bad_tree import nothing_of_this_suite_left
from stress.hostile_tree import CANARY, VICTIM, Victim, hashes, make_hostile_tree, plant_canaries
from stress.test_bad_labs import check_pieces, sections

pytestmark = pytest.mark.labs  # real labs: they need an engine, like the book's


def typeset(text: str) -> str:
    """The refusals are French for the reader: ’, and non-breaking spaces in « » and before :"""
    return (text.replace("l'", "l\u2019").replace("« ", "«\u00a0").replace(" »", "\u00a0»")
            .replace(" : ", "\u00a0: "))


def refused(rule: str, *pieces: str) -> list[str]:
    return ([f"refused by the engine policy (rule '{rule}'): {typeset(piece)}" for piece in pieces]
            or [f"(rule '{rule}')"])


CREATE = "POST /containers/create: refusé par l'exécuteur des labs : "
HOST_FOLDER = CREATE + "monter un dossier de la machine ({}) est interdit"
# lab -> (outcome, pieces its report must hold, one per attack).
EXPECTED = {
    "20-host-files": ("FAILED", refused("no-host-folders", *(HOST_FOLDER.format(p) for p in (
        "/", str(CANARY), "/var/run", "/var/run/../../etc", "/tmp/docker-en-pratique-engine-labs")))
        + refused("volume-no-driver-options", "POST /volumes/create", "POST /containers/create")),
    "21-host-namespaces": ("FAILED", refused("network-none", CREATE + "réseau « host » interdit",
                                             CREATE + "réseau « bridge » interdit", CREATE + "réseau « default » interdit")
                           + refused("no-host-namespace", *(CREATE + f"{k} « host » interdit" for k in (
                               "PidMode", "UsernsMode", "IpcMode", "UTSMode", "CgroupnsMode")))
                           + refused("no-host-access", *(CREATE + m for m in (
                               "--privileged est interdit", "l'accès aux périphériques de la machine (--device)",
                               "--sysctl est interdit", "--cgroup-parent est interdit", "publier un port (-p)")))
                           + refused("capabilities-declared-only", CREATE + "capacité SYS_ADMIN non déclarée",
                                     CREATE + "capacité ALL non déclarée")
                           + refused("security-options-declared-only", CREATE + "option de sécurité seccomp:unconfined",
                                     CREATE + "systempaths=unconfined non déclaré")
                           + refused("limits-of-the-lab", CREATE + "limite de mémoire au-delà de celle du lab")
                           + [r"re:rule 'no-privileged'\): POST /containers/[0-9a-f]{64}/exec: .*docker exec --privileged est interdit"]),
    "22-others-objects": ("FAILED", refused("own-objects-only", *(
        f"{m} /containers/{VICTIM}/{p}" for m, p in (
            ("GET", "json"), ("PUT", "archive"), ("GET", "archive"))), "POST /commit", "DELETE /images/docker-en-pratique/debian-base:latest")
        + [r"re:rule 'own-objects-only'\): GET /containers/[0-9a-f]{64}/json"]  # its own container, found in mountinfo
        + refused("book-images-read-only", "POST /images/docker-en-pratique/debian-base:latest/tag")
        + refused("endpoint-allowlist", "POST /networks/create", "POST /swarm/init", "GET /plugins/privileges",
                  "POST /images/create", "POST /volumes/prune", "POST /containers/prune")),
    "23-builds": ("FAILED", refused("build-network-none", "POST /grpc", "POST /build")
                  + refused("book-images-read-only", "POST /grpc", "POST /build")
                  + refused("build-no-entitlements", "POST /grpc: refusé par l'exécuteur des labs : docker build ne peut "
                                                     "pas demander « network.host »")),
    "24-own-objects": ("PASSED", []),
    "30-dac-read-search": ("FAILED", ["cap_add 'DAC_READ_SEARCH' is forbidden: open_by_handle_at(2)"]),
    "31-sys-module": ("FAILED", ["cap_add 'SYS_MODULE' is forbidden: loads code into the machine's kernel"]),
    "32-systempaths": ("FAILED", ["security_opt 'systempaths=unconfined' is forbidden"]),
    "33-release-agent": ("FAILED", ["+release_agent absent"]),
    "34-remounts-lab": ("PASSED", []),  # it may write its /lab: a copy; the tree's hashes prove it
    "35-output-symlink": ("FAILED", [f"35-output-symlink/output.txt leads to {CANARY}/canary.txt, outside the repository"]),
    "36-record-symlink": ("FAILED", [f"36-record-symlink/record.json leads to {CANARY}/record.json, outside the repository"]),
    "37-snippet-symlink": ("FAILED", [f"37-snippet-symlink/lab.sh leads to {CANARY}/evil.sh, outside the repository"]),
    "38-huge-output": ("FAILED", ["printed more than 256 KiB on stdout: no book shows that much"]),
    "39-line-endings": ("PASSED", []),
    "40-escapes": ("FAILED", ["+\\x1b[2J\\x1b[Hécran effacé"]),
    "41-wildcards": ("FAILED", ["+2999\n+3000"]),
    "42-timeout-nan": ("FAILED", ["option 'timeout' must be more than 0 and at most 600 seconds, got nan"]),
    "43-timeout-huge": ("FAILED", ["option 'timeout' must be more than 0 and at most 600 seconds, got 1000000000.0"]),
    "44-memory-zero": ("FAILED", ["option 'memory' must be from 6m to 1024m (\"0\" is no limit: refused), got '0'"]),
    "45-image-escape": ("FAILED", ["option 'image' must name a folder of "]),
    "46-bad-group": ("FAILED", ["invalid group reference 2"]),
    "47-erases-all": ("FAILED", ["[[normalize_regex]] erases a whole output"]),
    "48-backtracking": ("FAILED", ["a [[normalize_regex]] ran over 5 s on this output"]),
}


def check_reports(session):
    outcomes = session.outcomes()
    assert outcomes == {lab: e[0] for lab, e in EXPECTED.items()}, session.output
    reports = sections(session.output)
    check_pieces(reports, EXPECTED)
    for lab, report in reports.items():  # a lab's own line names each refusal: no report holds a raw escape
        assert "\x1b" not in report, lab
    assert "Traceback" not in session.output


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The hostile tree with -n 2, then two sessions at once (each its own copy), around a victim
    container and volume; the canaries and each tree's own files hashed before and after."""
    canaries = plant_canaries()
    done = {}
    with Victim() as victim:
        trees = {mode: make_hostile_tree(tmp_path_factory.mktemp(mode)) for mode in ("parallel", "first", "second")}
        before = {mode: hashes(tree.root) for mode, tree in trees.items()}
        suite = f"hostile-parallel-{uuid.uuid4().hex[:8]}"
        done["parallel"] = (trees["parallel"], trees["parallel"].labs("-n", "2", LABRUNNER_SUITE=suite), suite)
        started = {}
        for mode in ("first", "second"):
            suite = f"hostile-{mode}-{uuid.uuid4().hex[:8]}"
            tree = trees[mode]
            started[mode] = (tree, subprocess.Popen(tree.pytest_command(str(tree.snippets)), cwd=tree.root.parent,
                                                    env=tree.env(LABRUNNER_SUITE=suite), stdout=subprocess.PIPE,
                                                    stderr=subprocess.STDOUT, text=True), suite)
        for mode, (tree, proc, suite) in started.items():
            output, _ = proc.communicate(timeout=600)
            done[mode] = (tree, Session(proc.returncode, output), suite)
        victim_alive = victim.alive()
    after = {mode: hashes(tree.root) for mode, tree in trees.items()}
    return done, canaries, hashes(CANARY), before, after, victim_alive


@pytest.mark.parametrize("mode", ["parallel", "first", "second"])
def test_each_hostile_lab_is_refused_naming_the_rule(runs, mode):
    tree, session, suite = runs[0][mode]
    check_reports(session)
    assert session.returncode == 1
    nothing_of_this_suite_left(session, suite)


def test_nothing_outside_the_labs_was_touched(runs):
    done, canaries_before, canaries_after, before, after, victim_alive = runs
    assert canaries_after == canaries_before  # the host's files the labs aimed at
    assert after == before  # each tree's own files: no lab wrote its own or another lab's expected files
    assert victim_alive  # the container and volume made by hand


def test_update_mode_never_writes_through_a_symlink_and_keeps_line_endings(tmp_path):
    canaries = plant_canaries()
    tree = make_hostile_tree(tmp_path)
    chapter = tree.chapter
    (chapter / "39-line-endings" / "output.txt").unlink()
    labs = [str(chapter / name) for name in ("35-output-symlink", "36-record-symlink", "39-line-endings")]
    session = tree.pytest("--update-outputs", *labs)
    assert hashes(CANARY) == canaries, session.output
    assert (chapter / "35-output-symlink" / "output.txt").is_symlink()  # refused, one line, left as it was
    assert "35-output-symlink/output.txt leads to " in session.output and "Traceback" not in session.output
    assert (chapter / "39-line-endings" / "output.txt").read_bytes() == b"windows\r\nprogression 50%\rprogression 100%\n"
    check = tree.pytest(labs[2])  # what update stored is what check compares
    assert check.returncode == 0 and "1 passed" in check.output, check.output


def test_the_ledger_names_labs_leading_out_of_the_tree_without_a_traceback(tmp_path):
    plant_canaries()
    session = make_hostile_tree(tmp_path).ledger()
    assert session.outcomes()["test_ledger[broken-labs]"] == "FAILED", session.output
    for name, file in (("35-output-symlink", "output.txt"), ("36-record-symlink", "record.json"),
                       ("37-snippet-symlink", "lab.sh")):
        assert f"{name}/{file} leads to {CANARY}/" in session.output
    assert "Traceback" not in session.output


@pytest.mark.parametrize("lab, line", [
    ("37-snippet-symlink", f"37-snippet-symlink/lab.sh leads to {CANARY}/evil.sh, outside the repository"),
    ("35-output-symlink", f"35-output-symlink/output.txt leads to {CANARY}/canary.txt, outside the repository"),
    ("42-timeout-nan", "option 'timeout' must be more than 0 and at most 600 seconds, got nan"),
])
def test_make_lab_names_a_broken_lab_in_one_line(tmp_path, lab, line):
    plant_canaries()
    session = make_hostile_tree(tmp_path).run(sys.executable, "-m", "labrunner", "run", lab)
    assert session.returncode == 2 and line in session.output, session.output
    assert len(session.output.strip().splitlines()) == 1, session.output

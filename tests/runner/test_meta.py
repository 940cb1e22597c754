"""The runner can fail, and fails exactly as intended: meta-tests on a copy of the fixture tree.

Each test breaks the tree in one way, runs pytest on it in a subprocess, and checks that
exactly the intended lab (or ledger rule) fails, with the intended message.
"""

import signal
import subprocess
import sys
import time

import pytest

from book_build import REPO_ROOT
from labrunner import discovery, engine, platforms
from interrupts import sigint_default

pytestmark = pytest.mark.labs  # these run real labs: they need an engine, like the labs
LABS = {"01-hello", "02-python-streams", "03-placeholders", "04-exit-and-stderr"}


def only_failing(session, *failing):
    outcomes = {k: v for k, v in session.outcomes().items() if k in LABS or k.startswith("test_ledger")}
    assert {k for k, v in outcomes.items() if v != "PASSED"} == set(failing), session.output
    return outcomes


def test_the_pristine_tree_passes(tree):
    session = tree.pytest(str(tree.snippets), "tests/runner/test_ledger.py")
    outcomes = only_failing(session)
    assert set(outcomes) >= LABS and session.returncode == 0


def test_one_character_of_an_expected_output_fails_that_lab_only(tree):
    expected = tree.lab("01-hello") / "output.txt"
    original = expected.read_text(encoding="utf-8")
    tree.edit(expected, "bonjour", "Bonjour")
    session = tree.labs()
    only_failing(session, "01-hello")
    for piece in [
        "01-hello/lab.sh failed", "-Bonjour depuis le lab", "+bonjour depuis le lab", "+++ actual output (normalized)",
        "shown in the book at", "chapter.md:5", "rerun this lab:", "-m pytest", "01-hello/lab.sh",
        "accept the new output:", "--update-outputs", "raw output kept in",
    ]:
        assert piece in session.output, piece
    raw = tree.build / "labs" / "part" / "chapter" / "01-hello" / "output.raw.txt"
    assert raw.read_text(encoding="utf-8").startswith("bonjour depuis le lab\n")

    update = tree.labs("--update-outputs")
    # The host's engine writes the book's output.txt only if it is the book's kind (cgroup v2);
    # on a cgroup v1 host, its own variant (test_update_keeps_the_books_output below).
    written = discovery.variant_file(expected, host_variant()) if host_variant() else expected
    assert update.returncode == 0 and "changed: " in update.output and f"01-hello/{written.name}" in update.output
    assert written.read_text(encoding="utf-8") == original
    only_failing(tree.labs())


def host_variant() -> str:
    return platforms.get("host").variant


def test_update_keeps_the_books_output_and_a_variant_only_where_it_differs(tree):
    """output.txt is what the book's platform (cgroup v2) printed: a cgroup v1 engine updating
    without it writes output.cgroup-v1.txt, and removes it once the two are the same again."""
    if not host_variant():
        pytest.skip("the host's engine is itself of the book's kind (cgroup v2): it writes output.txt")
    expected = tree.lab("01-hello") / "output.txt"
    variant = discovery.variant_file(expected, host_variant())
    original = expected.read_text(encoding="utf-8")
    tree.edit(expected, "bonjour", "Bonjour")  # as if the book's platform printed it so
    update = tree.labs("--update-outputs")
    assert update.returncode == 0 and f"01-hello/{variant.name}" in update.output, update.output
    assert expected.read_text(encoding="utf-8") != original and variant.read_text(encoding="utf-8") == original
    only_failing(tree.labs())  # the host's engine is checked against its own variant

    expected.write_text(original, encoding="utf-8")  # the two platforms agree again
    update = tree.labs("--update-outputs")
    assert f"01-hello/{variant.name} (removed: same output as output.txt)" in update.output, update.output
    assert not variant.exists()
    only_failing(tree.labs())


def test_one_character_of_a_snippet_fails_that_lab_only(tree):
    tree.edit(tree.lab("02-python-streams") / "lab.py", '"stdout 3"', '"stdout 4"')
    session = tree.labs()
    only_failing(session, "02-python-streams")
    assert "-stdout 3" in session.output and "+stdout 4" in session.output
    ledger = tree.ledger()
    only_failing(ledger, "test_ledger[stale-records]")
    assert "02-python-streams/record.json: lab.py or lab.toml changed since the output was recorded" in ledger.output

    assert tree.labs("--update-outputs").returncode == 0
    only_failing(tree.labs())
    only_failing(tree.ledger())


def test_stdout_and_stderr_are_merged_in_order(tree):
    assert (tree.lab("02-python-streams") / "output.txt").read_text() == "stdout 1\nstderr 2\nstdout 3\n"


def test_an_ellipsis_line_stands_for_varying_lines_and_survives_updates(tree):
    expected = tree.lab("01-hello") / "output.txt"
    tree.edit(expected, "ligne 1\nligne 2\n", "...\n")
    only_failing(tree.labs())
    update = tree.labs("--update-outputs")
    assert "01-hello/output.txt" not in update.output and "...\n" in expected.read_text()


def test_a_missing_output_is_one_line(tree):
    (tree.lab("01-hello") / "output.txt").unlink()
    session = tree.labs()
    only_failing(session, "01-hello")
    line = "output.txt missing: run pytest --update-outputs "
    assert line in session.output
    assert any(l.rstrip().endswith("01-hello/lab.sh") and line in l for l in session.output.splitlines())
    only_failing(tree.ledger(), "test_ledger[missing-outputs]")


def test_run_problems_are_reported_as_such(tree):
    for name, script, toml in [
        ("05-hangs", "echo start\nsleep 60\n", "timeout = 1\n"),
        ("06-wrong-exit", "echo oops\nexit 5\n", ""),
        ("07-bad-option", "echo x\n", "colour = 'blue'\n"),
    ]:
        folder = tree.chapter / name
        folder.mkdir()
        (folder / "lab.sh").write_text(script)
        (folder / "lab.toml").write_text(toml)
        (folder / "output.txt").write_text("")  # a test input: these labs must fail before any comparison
    session = tree.labs()
    outcomes = session.outcomes()
    assert {outcomes[n] for n in ("05-hangs", "06-wrong-exit", "07-bad-option")} == {"FAILED"}, session.output
    assert all(outcomes[n] == "PASSED" for n in LABS), session.output
    assert "timed out after 1 s (option 'timeout' in " in session.output
    assert "exit code 5, expected 0 (option 'exit_code' in " in session.output
    assert "07-bad-option/lab.toml: unknown option 'colour' (known: image," in session.output
    left = engine.client().api.containers(all=True, filters={"label": "org.docker-en-pratique.lab=part/chapter/05-hangs"})
    assert left == []


def test_an_engine_lab_leaving_a_volume_fails_and_the_volume_is_removed(tree):
    # A volume of that name already there (an interrupted earlier run) would count as
    # "before the lab" and hide the leak this test makes.
    if "runner-meta-leftover" in {v.name for v in engine.client().volumes.list()}:
        engine.client().volumes.get("runner-meta-leftover").remove(force=True)
    folder = tree.chapter / "08-leaves-a-volume"
    folder.mkdir()
    (folder / "lab.toml").write_text('engine = true\n')
    (folder / "lab.py").write_text(
        "import json, socket\n"
        "body = json.dumps({'Name': 'runner-meta-leftover'})\n"
        "s = socket.socket(socket.AF_UNIX)\n"
        "s.connect('/var/run/docker.sock')\n"
        "s.sendall(f'POST /volumes/create HTTP/1.0\\r\\nContent-Type: application/json\\r\\n"
        "Content-Length: {len(body)}\\r\\n\\r\\n{body}'.encode())\n"
        "print(s.recv(4096).split(b'\\r\\n')[0].decode())\n"
    )
    (folder / "output.txt").write_text("HTTP/1.0 201 Created\n")
    session = tree.labs(str(folder))
    assert "left on the engine (now removed; the lab must clean up): volume runner-meta-leftover" in session.output
    names = [v["Name"] for v in engine.client().api.volumes().get("Volumes") or []]
    assert "runner-meta-leftover" not in names


def test_no_engine_fails_each_lab_with_one_line_even_in_ci(tree):
    session = tree.labs(DOCKER_HOST="unix:///nonexistent/docker.sock", CI="true")
    only_failing(session, *LABS)
    line = ("no Docker engine answers at unix:///nonexistent/docker.sock: start one "
            "(sudo dockerd --bridge=none --iptables=false &) or deselect the labs with -m 'not labs'")
    assert session.output.count(line) >= len(LABS) and "SKIPPED" not in session.output


def test_the_labs_marker_deselects_them_but_not_in_ci(tree):
    session = tree.labs("-m", "not labs", CI="")
    assert "4 deselected" in session.output and session.returncode == 5  # nothing left to run
    session = tree.labs("-m", "not labs", CI="true")
    assert "CI=true but 4 lab(s) were deselected" in session.output and session.returncode == 4


def test_make_lab_prints_the_output_and_checks_it(tree):
    session = tree.run(sys.executable, "-m", "labrunner", "run", "01-hello")
    assert session.returncode == 0, session.output
    assert session.output.startswith("bonjour depuis le lab\nligne 1\n") and "same output as the book" in session.output


def test_ctrl_c_leaves_no_container(tree):

    folder = tree.chapter / "09-sleeps"
    folder.mkdir()
    (folder / "lab.sh").write_text("sleep 60\n")
    (folder / "output.txt").write_text("")
    label = {"label": "org.docker-en-pratique.lab=part/chapter/09-sleeps"}
    api = engine.client().api
    proc = subprocess.Popen(tree.pytest_command(str(folder)), cwd=REPO_ROOT, env=tree.env(), preexec_fn=sigint_default,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while not api.containers(filters=label) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert api.containers(filters=label), "the lab container never started"
        proc.send_signal(signal.SIGINT)
        output = proc.communicate(timeout=60)[0].decode()
    finally:
        proc.kill()
    assert "KeyboardInterrupt" in output
    assert api.containers(all=True, filters=label) == []

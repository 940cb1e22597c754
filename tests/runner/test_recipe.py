"""One container recipe: the plain `docker run` line (book, bench, `make shell`) is the runner's container."""

import dataclasses
import subprocess
import sys

import pytest

from labrunner import check, discovery, images, recipe

pytestmark = pytest.mark.labs  # runs containers: needs an engine


def test_the_plain_docker_run_line_prints_what_the_runner_saw(tree, monkeypatch):
    monkeypatch.setenv("LABRUNNER_SNIPPETS_ROOT", str(tree.snippets))
    monkeypatch.setenv("LABRUNNER_BUILD_DIR", str(tree.build))
    lab = discovery.lab_in_folder(tree.lab("02-python-streams"))
    by_runner = check.run_lab(lab)
    argv = recipe.recipe(lab, images.ensure(lab.options.image)).docker_run_argv("/usr/bin/docker")
    plain = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    assert not by_runner.failed and plain.returncode == 0, plain.stderr
    assert plain.stdout == by_runner.result.output


def test_other_options_are_passed_in_not_patched_into_the_lab(tree, monkeypatch):
    monkeypatch.setenv("LABRUNNER_SNIPPETS_ROOT", str(tree.snippets))
    monkeypatch.setenv("LABRUNNER_BUILD_DIR", str(tree.build))
    lab = discovery.lab_in_folder(tree.lab("01-hello"))
    outcome = check.run_lab(lab, options=dataclasses.replace(lab.options, exit_code=7, hostname="autre"))
    assert outcome.problems == [f"exit code 0, expected 7 (option 'exit_code' in {lab.toml_file})"]
    assert check.run_lab(lab).options.exit_code == 0 and not check.run_lab(lab).failed


def test_make_shell_opens_the_labs_container_and_says_how_to_leave(tree):
    commands = "ls /lab; touch /racine || echo racine-en-lecture-seule; cat /proc/self/cgroup >/dev/null; exit 3\n"
    done = subprocess.run([sys.executable, "-m", "labrunner", "shell", "01-hello"], input=commands, cwd=tree.root,
                          env=tree.env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 3, done.stderr  # the shell's own exit status comes back
    assert done.stdout.split() == ["lab.sh", "racine-en-lecture-seule"]  # no expected output in the lab's copy
    assert "Pour en sortir\u00a0: «\u00a0exit\u00a0» ou Ctrl-D" in done.stderr and "pas de réseau, mémoire 128m" in done.stderr


def test_make_shell_on_an_unknown_lab_is_one_line(tree):
    done = subprocess.run([sys.executable, "-m", "labrunner", "shell", "99-nope"], cwd=tree.root, env=tree.env(),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "no lab named '99-nope'" in done.stderr

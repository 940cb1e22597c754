"""Read the Docs can build the book as it is: its configuration is valid and points at real files."""

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
CONFIG = REPO_ROOT / ".readthedocs.yaml"


@pytest.fixture(scope="module")
def config():
    return yaml.safe_load(CONFIG.read_text(encoding="utf-8"))


def test_config_is_valid_against_the_read_the_docs_schema():
    # check-jsonschema ships the Read the Docs schema: no network needed.
    checker = Path(sys.executable).with_name("check-jsonschema")
    completed = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.readthedocs", str(CONFIG)],
        capture_output=True, text=True,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_build_os_and_python_are_pinned(config):
    # Read the Docs refuses a build without build.os (since 2023).
    assert config["version"] == 2
    assert config["build"]["os"].startswith("ubuntu-")
    assert config["build"]["tools"]["python"] not in ("latest", "3")


def test_sphinx_configuration_points_at_the_book_configuration(config):
    # Required since January 2025.
    path = REPO_ROOT / config["sphinx"]["configuration"]
    assert path.is_file() and path.name == "conf.py"
    assert config["sphinx"]["fail_on_warning"] is True


def test_python_install_uses_an_extra_that_pyproject_defines(config):
    extras = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]
    installs = [step for step in config["python"]["install"] if step.get("method") == "pip"]
    assert installs, "no `method: pip` install: Read the Docs would not install the book's dependencies"
    for step in installs:
        assert (REPO_ROOT / step["path"] / "pyproject.toml").is_file()
        assert set(step.get("extra_requirements", [])) <= set(extras), step


def test_epub_is_published(config):
    assert "epub" in config["formats"]


def test_custom_build_commands_use_the_book_sources(config):
    # Read the Docs' default command would take conf/ as the source folder.
    for command in config["build"]["jobs"]["build"]["html"] + config["build"]["jobs"]["build"]["epub"]:
        if "sphinx" in command:
            assert " -c conf " in command and " book " in command and "-W" in command, command

"""Lab images: tags follow the definition's content; an existing tag is never rebuilt."""

import shutil
import subprocess
import sys

import pytest

from book_build import REPO_ROOT
from labrunner import engine, images


@pytest.fixture
def images_root(tmp_path, monkeypatch):
    root = tmp_path / "images"
    shutil.copytree(REPO_ROOT / "conf" / "images" / "debian-base", root / "debian-base")
    (root / "runner-child").mkdir()
    (root / "runner-child" / "Dockerfile").write_text("ARG BASE=debian-base\nFROM ${BASE}\nRUN echo child > /child\n")
    monkeypatch.setenv("LABRUNNER_IMAGES_ROOT", str(root))
    monkeypatch.setenv("LABRUNNER_BUILD_DIR", str(tmp_path / "_build"))
    return root


def test_the_tag_follows_the_content(images_root):
    first = images.tag("runner-child")
    assert first.startswith("docker-en-pratique/runner-child:") and len(first.split(":")[1]) == 12
    assert images.tag("runner-child") == first
    (images_root / "runner-child" / "README.md").write_text("notes do not count\n")
    assert images.tag("runner-child") == first
    (images_root / "runner-child" / "Dockerfile").write_text("ARG BASE=debian-base\nFROM ${BASE}\nRUN echo Child > /child\n")
    assert images.tag("runner-child") != first


def test_a_changed_base_changes_the_derived_tag(images_root):
    child = images.tag("runner-child")
    recipe = images_root / "debian-base" / "recipe.toml"
    recipe.write_text(recipe.read_text() + "\n# a change\n")
    assert images.tag("runner-child") != child


def test_the_real_base_keeps_its_tag(images_root):
    # The copy above has the same content as conf/images/debian-base: same tag, no rebuild.
    assert images.base_of("runner-child") == "debian-base"
    assert images.tag("debian-base").startswith("docker-en-pratique/debian-base:")


def test_an_unknown_image_is_one_line(images_root):
    with pytest.raises(images.ImageError, match=r"^unknown image 'nope': no .*/nope/Dockerfile or recipe.toml \(known: "):
        images.tag("nope")


def ensure_in_a_new_process(name: str) -> str:
    code = f"from labrunner import images; print(images.ensure({name!r}))"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stderr


@pytest.mark.labs
def test_built_once_then_never_rebuilt_and_latest_follows(images_root):
    reference = images.tag("runner-child")
    api = engine.client().api
    try:
        first = ensure_in_a_new_process("runner-child")
        assert f"[image runner-child] built {reference}" in first  # progress lines as they come
        second = ensure_in_a_new_process("runner-child")
        assert "[image runner-child]" not in second
        assert api.inspect_image("docker-en-pratique/runner-child:latest")["Id"] == api.inspect_image(reference)["Id"]
    finally:
        for name in (reference, "docker-en-pratique/runner-child:latest"):
            try:
                api.remove_image(name)
            except Exception:
                pass


@pytest.mark.labs
def test_a_failing_build_is_one_line_with_its_log(images_root):
    (images_root / "runner-broken").mkdir()
    (images_root / "runner-broken" / "Dockerfile").write_text("ARG BASE=debian-base\nFROM ${BASE}\nRUN echo about to fail && false\n")
    with pytest.raises(images.ImageError) as excinfo:
        images.ensure("runner-broken", progress=lambda line: None)
    message = str(excinfo.value)
    assert "\n" not in message and message.startswith("image 'runner-broken' failed to build (docker build): ")
    assert message.endswith("runner-broken.log")
    with pytest.raises(images.ImageError):  # remembered: not retried by every lab of the session
        images.ensure("runner-broken")

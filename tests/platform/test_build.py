"""The platform build: cached by its recipe's content hash, versions recorded from dpkg."""

import time

import pytest

from labrunner import platform
from labrunner.platform import recipe


def test_a_second_build_rebuilds_nothing(built):
    began = time.monotonic()
    again = platform.build("current")
    assert again.folder == built.folder
    assert time.monotonic() - began < 5
    assert built.folder.name == f"current-{recipe.load('current').key}"


def test_versions_come_from_dpkg_inside_the_root_file_system(built):
    versions = built.versions
    for package in ("docker.io", "containerd", "runc", "linux-image-amd64"):
        assert versions["packages"][package], package
    assert versions["kernel_release"].startswith(versions["packages"]["linux-image-amd64"].split("-")[0])
    assert built.image.stat().st_size > 0 and built.kernel.is_file() and built.initrd.is_file()


def test_the_key_follows_the_recipe(tmp_path, monkeypatch):
    source = recipe.recipes_root() / "current.toml"
    (tmp_path / "current.toml").write_text(source.read_text())
    monkeypatch.setenv(recipe.PLATFORMS_ENV, str(tmp_path))
    same = recipe.load("current").key
    (tmp_path / "current.toml").write_text(source.read_text().replace('disk_size = "4G"', 'disk_size = "5G"'))
    assert recipe.load("current").key != same


@pytest.mark.parametrize("text, says", [
    ("suite = [", "not valid TOML"),
    ('suite = "unstable"\n', "missing or bad setting"),
])
def test_a_bad_recipe_is_one_line(tmp_path, monkeypatch, text, says):
    (tmp_path / "broken.toml").write_text(text)
    monkeypatch.setenv(recipe.PLATFORMS_ENV, str(tmp_path))
    with pytest.raises(platform.PlatformError) as caught:
        platform.build("broken")
    assert says in str(caught.value) and "broken.toml" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_an_unknown_platform_names_the_known_ones():
    with pytest.raises(platform.PlatformError, match=r"unknown platform 'nope'.*known: .*current"):
        platform.build("nope")

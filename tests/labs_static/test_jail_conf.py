"""The BSD jail of chapter 2.05 (not runnable on Linux): its jail.conf is well formed and
holds the four elements of a jail that the book names, the ones its Linux analogue reads."""

import ipaddress

import pytest

from .artifacts import artifact
from .jailconf import JailConfError, parse

JAIL_CONF = "04-bsd-jail-analogue/jail.conf"


def jails():
    path = artifact(JAIL_CONF)
    return parse(path.read_text(encoding="utf-8"), str(path))


def test_the_jail_has_its_four_elements():
    (name, jail), = jails().items()
    assert jail["path"].startswith("/"), "path: the jail's root must be absolute"
    assert jail["host.hostname"] == name
    ipaddress.IPv4Address(jail["ip4.addr"])  # raises if not an IPv4 address
    assert jail["exec.start"].split()[0].startswith("/"), "exec.start: a command by its path"


def test_every_parameter_is_a_known_jail_parameter():
    known = {"path", "host.hostname", "ip4.addr", "exec.start", "exec.stop", "exec.clean", "mount.devfs"}
    for jail in jails().values():
        assert set(jail) <= known, f"unexpected parameters: {sorted(set(jail) - known)}"


@pytest.mark.parametrize("text", ["grenier {\n path = /x\n}\n", "grenier {\n path = /x;\n", "path = /x;\n"])
def test_the_reader_rejects_malformed_files(text):
    with pytest.raises(JailConfError):
        parse(text)

"""The BSD jail of chapter 2.05 (not runnable on Linux): its jail.conf is well formed and
holds the four elements of a jail that the book names, the ones its Linux analogue reads."""

import ipaddress
import re

import pytest

from chapters import chapter_of

CHAPTER = chapter_of(__file__)
JAIL_CONF = "04-bsd-jail-analogue/jail.conf"

# A small reader of FreeBSD's jail.conf(5) syntax, ``name { param = value; flag; }``: enough
# for the book's artifact (comments # and //, one level of blocks, quoted or bare values,
# boolean flags); anything else is a syntax error naming the line.
PARAM_RE = re.compile(r'^(?P<key>[a-z][a-z0-9_.]*)\s*(?:(?P<op>\+?=)\s*(?P<value>"[^"]*"|[^\s";]+))?\s*;$')
BLOCK_RE = re.compile(r"^(?P<name>[A-Za-z0-9_*-]+)\s*\{$")


class JailConfError(ValueError):
    pass


def parse(text: str, source: str = "jail.conf") -> dict[str, dict[str, str | bool]]:
    """Jails by name, each a dict of parameters (flags map to True)."""
    jails, current = {}, None
    for number, raw in enumerate(text.splitlines(), 1):
        line = re.sub(r"(#|//).*$", "", raw).strip()
        if not line:
            continue
        where = f"{source}:{number}"
        if current is None:
            block = BLOCK_RE.match(line)
            if not block:
                raise JailConfError(f"{where}: expected 'name {{', got {raw.strip()!r}")
            current = jails.setdefault(block["name"], {})
        elif line == "}":
            current = None
        else:
            param = PARAM_RE.match(line)
            if not param:
                raise JailConfError(f"{where}: expected 'param = value;' or 'flag;', got {raw.strip()!r}")
            value = param["value"]
            current[param["key"]] = value.strip('"') if value is not None else True
    if current is not None:
        raise JailConfError(f"{source}: a block is not closed with '}}'")
    return jails


def jails():
    path = CHAPTER.artifact(JAIL_CONF)
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

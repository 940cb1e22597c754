"""A small reader of FreeBSD's jail.conf(5) syntax: ``name { param = value; flag; }``.

Enough for the book's artifact: comments (#, //), one level of blocks, quoted or bare
values, boolean flags. Anything else is a syntax error naming the line.
"""

import re

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

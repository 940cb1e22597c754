"""Normalizers: rewrite what legitimately varies between runs into stable placeholders.

The same function is applied when checking and when updating, so an expected output
keeps its placeholders (``<container-id>``...) and still matches the next real run.
Placeholders never match the patterns again: normalizing twice changes nothing.
"""

import json
import os
import re
import socket
import subprocess
import sys
from typing import Callable

Rule = tuple[re.Pattern, str | Callable[[re.Match], str]]


def _pid(match: re.Match) -> str:
    # PID 1 is meaningful (the first process of a namespace); other numbers are not.
    if match.group("n") == "1":
        return match.group(0)
    start, end = (i - match.start() for i in match.span("n"))
    return match.group(0)[:start] + "<pid>" + match.group(0)[end:]


_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_DAYS = "Mon|Tue|Wed|Thu|Fri|Sat|Sun"

# Applied in this order, whatever order the lab lists them in, so results never depend on it.
_RULES: dict[str, list[Rule]] = {
    "digest": [(re.compile(r"\bsha256:[0-9a-f]{64}\b"), "sha256:<digest>")],
    "container-id": [(re.compile(r"\b(?:[0-9a-f]{64}|[0-9a-f]{12})\b"), "<container-id>")],
    "date": [
        (re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2}| UTC)?)?"), "<date>"),
        (re.compile(rf"\b(?:(?:{_DAYS}),? )?(?:{_MONTHS}) +\d{{1,2}} \d{{2}}:\d{{2}}:\d{{2}}(?: [A-Z]{{3,4}})?(?: \d{{4}})?"), "<date>"),
        (re.compile(r"\b\d{2}:\d{2}:\d{2}\b"), "<time>"),
    ],
    "duration": [
        (re.compile(r"\b(?:About an? \w+|Less than a second|\d+ (?:seconds?|minutes?|hours?|days?))(?= ago\b)"), "<duration>"),
        (re.compile(r"\bUp (?:About an? \w+|Less than a second|\d+ (?:seconds?|minutes?|hours?|days?))"), "Up <duration>"),
        (re.compile(r"(?<![\w.])\d+m\d+(?:\.\d+)?s\b"), "<duration>"),
        (re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s?(?:ns|µs|us|ms|s)\b"), "<duration>"),
    ],
    "pid": [
        (re.compile(r"(?i)\bpids?\b[^\S\n]*[:=#]?[^\S\n]*(?P<n>\d+)\b"), _pid),
        (re.compile(r"/proc/(?P<n>\d+)\b"), _pid),
    ],
    "size": [(re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s?(?:[kKMGT]i?B|B)\b"), "<size>")],
    "generated-name": [(re.compile(r"\b[a-z]{3,}_[a-z]{3,}\b"), "<generated-name>")],
}


def _machine_rules(kernel: str = "") -> dict[str, list[Rule]]:
    """Rules whose value is the machine's own (hostname, kernel release). ``kernel``: the release
    of the kernel the lab ran on (a VM's is not the runner's own)."""
    return {
        # The whole host name only: not "vm" of "vm.swappiness" or "kvm" on a machine named "vm".
        "hostname": [(re.compile(rf"(?<![\w.-]){re.escape(socket.gethostname())}(?![\w-]|\.\w)"), "<hostname>")],
        "kernel": [(re.compile(re.escape(kernel or os.uname().release)), "<kernel>")],
    }


NAMES = tuple(_RULES) + tuple(_machine_rules())


# A lab's own regexes may backtrack catastrophically ((a+)+b): Python's re has no linear mode and no
# static check catches every such pattern, so they run in a child process that is killed past this.
REGEX_SECONDS = 5
_APPLY = """
import json, re, sys
table, text = json.load(sys.stdin)
for pattern, replacement in table:
    text = re.sub(pattern, replacement, text, flags=re.MULTILINE)
sys.stdout.write(json.dumps(text))
"""


class RegexTimeout(ValueError):
    """A lab's normalize_regex ran past REGEX_SECONDS; str() is one line."""


def apply_regexes(text: str, regexes) -> str:
    """The lab's regex table applied to ``text``, in a child process bounded in time."""
    if not regexes:
        return text
    try:
        done = subprocess.run([sys.executable, "-I", "-c", _APPLY], input=json.dumps([list(regexes), text]),
                              capture_output=True, text=True, timeout=REGEX_SECONDS, check=True)
    except subprocess.TimeoutExpired:
        raise RegexTimeout(f"a [[normalize_regex]] ran over {REGEX_SECONDS} s on this output "
                           "(catastrophic backtracking?): write a pattern that cannot backtrack, e.g. no nested +") from None
    return json.loads(done.stdout)


def normalize(text: str, names: list[str], regexes: list[tuple[str, str]] = (), kernel: str = "") -> str:
    """Apply the lab's regex table (first: it targets the raw text), then the named normalizers
    (``kernel``: the release of the kernel the lab ran on, this machine's by default)."""
    text = apply_regexes(text, regexes)
    rules = {**_RULES, **_machine_rules(kernel)}
    for name in NAMES:
        if name in names:
            for pattern, replacement in rules[name]:
                text = pattern.sub(replacement, text)
    return text

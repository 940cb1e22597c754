"""Normalizers: what varies becomes a placeholder, the same way when checking and updating."""

import os
import socket

import pytest

from labrunner.normalize import NAMES, normalize

CASES = {
    "container-id": ("started 3f2a9c1b7d4e and 3f2a9c1b7d4e" + "0" * 52, "started <container-id> and <container-id>"),
    "digest": ("sha256:" + "ab" * 32, "sha256:<digest>"),
    "date": ("at 2026-11-28T12:14:19Z, Sat Nov 28 12:14:19 UTC 2026", "at <date>, <date>"),
    "duration": ("real 0m0.012s, took 1.5s, Up 3 seconds, 2 minutes ago", "real <duration>, took <duration>, Up <duration>, <duration> ago"),
    "pid": ("PID 1 inside, pid 4242 outside, /proc/77/status", "PID 1 inside, pid <pid> outside, /proc/<pid>/status"),
    "size": ("117MB and 1.5 GiB", "<size> and <size>"),
    "generated-name": ("name: quirky_turing", "name: <generated-name>"),
    "hostname": (f"host {socket.gethostname()}", "host <hostname>"),
    "kernel": (f"Linux {os.uname().release} x86_64", "Linux <kernel> x86_64"),
}


def test_every_normalizer_has_a_case():
    assert set(CASES) == set(NAMES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_normalizer(name):
    raw, expected = CASES[name]
    assert normalize(raw, [name]) == expected


@pytest.mark.parametrize("name", sorted(CASES))
def test_normalizing_twice_changes_nothing(name):
    once = normalize(CASES[name][0], [name])
    assert normalize(once, [name]) == once


def test_only_the_named_normalizers_apply():
    assert normalize("pid 4242 at 2026-11-28", ["pid"]) == "pid <pid> at 2026-11-28"
    assert normalize("pid 4242", []) == "pid 4242"


def test_order_in_the_lab_does_not_matter():
    raw = "sha256:" + "cd" * 32 + " pid 12 2026-01-02"
    assert normalize(raw, ["pid", "digest", "date", "container-id"]) == normalize(raw, ["container-id", "date", "digest", "pid"])


def test_regex_table_applies_first_and_on_lines():
    assert normalize("id=42\nid=7", [], [(r"^id=\d+$", "id=<n>")]) == "id=<n>\nid=<n>"
    # The regex sees the raw text: the named normalizer has not replaced the date yet.
    assert normalize("built 2026-11-28", ["date"], [(r"built \d{4}", "built YYYY")]) == "built YYYY-11-28"


def test_the_hostname_is_replaced_as_a_whole_name_only(monkeypatch):
    monkeypatch.setattr(socket, "gethostname", lambda: "vm")
    text = "vm.swappiness = 60 on kvm, vm-2 and vm_b; host vm.\nvm\n(vm)"
    assert normalize(text, ["hostname"]) == "vm.swappiness = 60 on kvm, vm-2 and vm_b; host <hostname>.\n<hostname>\n(<hostname>)"


def test_a_backtracking_regex_is_stopped_with_one_line(monkeypatch):
    from labrunner import normalize as module
    monkeypatch.setattr(module, "REGEX_SECONDS", 1)
    with pytest.raises(module.RegexTimeout) as excinfo:
        normalize("a" * 40 + "!", [], [(r"^(a+)+$", "x")])
    assert "ran over 1 s" in str(excinfo.value) and "\n" not in str(excinfo.value)


def test_a_lab_s_regexes_keep_line_endings_and_apply_in_order():
    assert normalize("id 42\r\nid 7\r", [], [(r"\d+", "<n>"), ("<n>", "N")]) == "id N\r\nid N\r"

"""lab.toml: safe defaults, and every mistake is one line naming the file."""

import pytest

from labrunner import options


def write(tmp_path, text):
    path = tmp_path / "lab.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path, text) -> str:
    with pytest.raises(options.OptionsError) as excinfo:
        options.load(write(tmp_path, text))
    message = str(excinfo.value)
    assert "\n" not in message
    assert message.startswith(str(tmp_path / "lab.toml") + ": ")
    return message


def test_defaults_are_contained(tmp_path):
    o = options.load(tmp_path / "absent.toml")
    assert (o.image, o.network, o.memory, o.pids, o.cpus, o.timeout) == ("debian-base", "none", "128m", 64, 1.0, 30)
    assert o.read_only and not o.cap_add and not o.security_opt and not o.engine and not o.privileged
    assert (o.stderr, o.exit_code) == ("merge", 0)
    assert options.load(write(tmp_path, "# nothing to change\n")) == o


def test_a_full_file_is_read(tmp_path):
    o = options.load(write(tmp_path, """
cap_add = ["SYS_ADMIN"]
privilege_reason = "Créer un espace de noms demande CAP_SYS_ADMIN."
timeout = 5
memory = "32m"
normalize = ["pid", "date"]
stderr = "separate"
exit_code = 137
[[normalize_regex]]
pattern = "a+"
replace = "a"
"""))
    assert o.cap_add == ("SYS_ADMIN",) and o.privileged and o.timeout == 5 and o.memory == "32m"
    assert o.normalize == ("pid", "date") and o.normalize_regex == (("a+", "a"),) and o.exit_code == 137


@pytest.mark.parametrize("text, expected", [
    ("colour = 1", "unknown option 'colour' (known: image, timeout,"),
    ("timeout = 'long'", "option 'timeout' must be a number, got 'long'"),
    ("read_only = 1", "option 'read_only' must be true or false"),
    ("cap_add = 'SYS_ADMIN'", "option 'cap_add' must be a list of strings"),
    ("cap_add = ['SYS_ADMIN']", "'privilege_reason' (a French sentence) is required"),
    ("cap_add = ['ALL']\nprivilege_reason = 'x'", "cap_add 'ALL' is forbidden"),
    ("cap_add = ['CAP_SYS_RESOURCE']\nprivilege_reason = 'x'", "is forbidden"),
    ("cap_add = ['DAC_READ_SEARCH']\nprivilege_reason = 'x'", "cap_add 'DAC_READ_SEARCH' is forbidden: open_by_handle_at(2)"),
    ("cap_add = ['SYS_MODULE']\nprivilege_reason = 'x'", "cap_add 'SYS_MODULE' is forbidden: loads code"),
    ("cap_add = ['WAKE_ALARM']\nprivilege_reason = 'x'", "not in the runner's allowlist"),
    ("security_opt = ['systempaths=unconfined']\nprivilege_reason = 'x'", "unmasks /proc/sysrq-trigger"),
    ("security_opt = ['seccomp=/tmp/p.json']\nprivilege_reason = 'x'", "not in the runner's allowlist"),
    ("security_opt = ['privileged']\nprivilege_reason = 'x'", "cannot make a lab privileged"),
    ("network = 'host'", "option 'network' must be 'none'"),
    ("memory = 'lots'", "option 'memory' must look like '128m'"),
    ("stderr = 'drop'", "option 'stderr' must be 'merge' or 'separate'"),
    ("normalize = ['uuid']", "unknown normalizer 'uuid' (known: digest,"),
    ("[[normalize_regex]]\npattern = '('\nreplace = ''", "bad pattern or replacement ('(' -> '')"),
    ("[[normalize_regex]]\npattern = 'a'", "must have exactly the keys 'pattern' and 'replace'"),
    ("timeout = ", "malformed TOML"),
    ("timeout = 0", "option 'timeout' must be more than 0 and at most 600 seconds, got 0"),
    ("timeout = nan", "option 'timeout' must be more than 0 and at most 600 seconds, got nan"),
    ("timeout = inf", "option 'timeout' must be more than 0"),
    ("timeout = 1e9", "at most 600 seconds, got 1000000000.0"),
    ("cpus = nan", "option 'cpus' must be more than 0 and at most 2"),
    ("cpus = -inf", "option 'cpus' must be more than 0"),
    ("pids = 100000", "option 'pids' must be more than 0 and at most 1024"),
    ("memory = '0'", "\"0\" is no limit: refused"),
    ("memory = '64g'", "option 'memory' must be from 6m to 1024m"),
    ("exit_code = 300", "option 'exit_code' must be from 0 to 255"),
    ("image = '../../etc'", "option 'image' must name a folder of "),
    ("[[normalize_regex]]\npattern = 'a'\nreplace = '\\2'", "invalid group reference 2"),
    ("[[normalize_regex]]\npattern = '(?s).+'\nreplace = ''", "erases a whole output"),
    ("[[normalize_regex]]\npattern = '^.*\\n'\nreplace = ''", "erases a whole output"),
])
def test_each_mistake_is_one_line_naming_the_file(tmp_path, text, expected):
    assert expected in error_of(tmp_path, text)


def test_a_title_is_one_short_line(tmp_path):
    assert options.load(write(tmp_path, 'title = "Une « jail » BSD sous Linux"\n')).title == "Une « jail » BSD sous Linux"
    assert "option 'title' must be a short line" in error_of(tmp_path, 'title = "deux\\nlignes"\n')
    assert "at most 60 characters" in error_of(tmp_path, f'title = "{"x" * 61}"\n')
    assert "no surrounding spaces" in error_of(tmp_path, 'title = " grenier"\n')

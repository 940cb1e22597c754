"""The cgroup lab prints the same words on cgroup v1 (these machines) and cgroup v2 (most
readers' machines): run its script on fake trees of both layouts, holding the limits of its
lab.toml as the engine writes them, and compare with the output the book shows (recorded on
v1 by the suite)."""

import subprocess

import pytest
from docker.utils import parse_bytes

from chapters import chapter_of
from labrunner import discovery

CHAPTER = chapter_of(__file__)
LAB = "12-cgroups-files"
# The engine turns --cpus into a CFS quota over its fixed period of 100 ms.
CFS_PERIOD_US = 100_000


def layouts(options) -> dict[str, dict[str, str]]:
    """Files of each cgroup layout, as the engine fills them for the lab's limits."""
    memory, quota, pids = str(parse_bytes(options.memory)), str(int(options.cpus * CFS_PERIOD_US)), str(options.pids)
    return {
        "v1": {"memory/memory.limit_in_bytes": memory, "cpu/cpu.cfs_quota_us": quota,
               "cpu/cpu.cfs_period_us": str(CFS_PERIOD_US), "pids/pids.max": pids},
        "v2": {"cgroup.controllers": "cpuset cpu io memory pids", "memory.max": memory,
               "cpu.max": f"{quota} {CFS_PERIOD_US}", "pids.max": pids},
    }


@pytest.mark.parametrize("layout", ["v1", "v2"])
def test_same_words_on_both_layouts(layout, tmp_path):
    lab = discovery.lab_in_folder(CHAPTER.snippets / LAB)
    for name, content in layouts(lab.options)[layout].items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content + "\n")
    result = subprocess.run(["sh", str(lab.snippet)], env={"CGROUP_ROOT": str(tmp_path), "PATH": "/usr/bin:/bin"},
                            capture_output=True, text=True, check=True)
    assert result.stdout == lab.output_file.read_text(encoding="utf-8")

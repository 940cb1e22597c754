"""The cgroup lab prints the same words on cgroup v1 (these machines) and cgroup v2 (most
readers' machines): run its script on fake trees of both layouts, holding the limits of its
lab.toml, and compare with the output the book shows (recorded on v1 by the suite)."""

import subprocess
from pathlib import Path

import pytest

from .artifacts import artifact

LAB = "12-cgroups-files"
LAYOUTS = {
    "v1": {"memory/memory.limit_in_bytes": "67108864", "cpu/cpu.cfs_quota_us": "50000",
           "cpu/cpu.cfs_period_us": "100000", "pids/pids.max": "16"},
    "v2": {"cgroup.controllers": "cpuset cpu io memory pids", "memory.max": "67108864",
           "cpu.max": "50000 100000", "pids.max": "16"},
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_same_words_on_both_layouts(layout, tmp_path):
    for name, content in LAYOUTS[layout].items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content + "\n")
    script = artifact(f"{LAB}/lab.sh")
    result = subprocess.run(["sh", str(script)], env={"CGROUP_ROOT": str(tmp_path), "PATH": "/usr/bin:/bin"},
                            capture_output=True, text=True, check=True)
    assert result.stdout == Path(script.parent / "output.txt").read_text(encoding="utf-8")

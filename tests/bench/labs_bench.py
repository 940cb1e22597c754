"""``make bench``: how fast the lab runner is on this machine (a measurement, not a test).

Prints, on one run:
1. cold image builds: every definition of conf/images built from nothing, under a tag
   namespace of its own (``labs-bench-<random>/``) with an empty build folder (no debootstrap
   cache), then exactly those tags removed: the suite's own images are never touched;
2. the warm suite (labs only: ``pytest snippets``) in series and with ``-n auto``, and the
   number of images each run built (a warm run must build none);
3. for every lab, the runner's time (create, start, wait, logs, remove) against a bare
   ``docker run --rm`` of the same command, image, mounts and limits, interleaved, best of 3.
Targets (2-core machines): runner / bare <= 1.2; -n auto <= 0.65 x series; 0 images built.
"""

import os
import re
import subprocess
import sys
import tempfile
import time
import uuid

from labrunner import check, discovery, engine, images, recipe
from labrunner.paths import REPO_ROOT, images_root

DOCKER = "/usr/bin/docker"  # Debian's client (/usr/local/bin/docker is another one)
REPEATS = 3
BUILT_RE = re.compile(r"^lab images built: (\d+)", re.MULTILINE)


def cold_builds() -> list[tuple[str, float]]:
    """Build every image definition under a throw-away tag namespace; remove exactly those tags."""
    repository = f"labs-bench-{uuid.uuid4().hex[:8]}"
    os.environ["LABRUNNER_BUILD_DIR"] = tempfile.mkdtemp(prefix="labs-bench-")
    names = sorted(p.name for p in images_root().iterdir() if p.is_dir())
    # Bases first: a derived image's time then excludes its base's.
    names.sort(key=lambda name: images.base_of(name) is not None)
    api, times = engine.client().api, []
    try:
        for name in names:
            started = time.monotonic()
            images.ensure(name, progress=lambda line: None, repository=repository)
            times.append((name, time.monotonic() - started))
    finally:
        for image in api.images(name=f"{repository}/*"):
            for tag in image.get("RepoTags") or []:
                if tag.startswith(repository + "/"):
                    api.remove_image(tag)
        os.environ.pop("LABRUNNER_BUILD_DIR")
    return times


def suite(*args) -> tuple[float, int, str]:
    """Wall time of ``pytest snippets`` (labs only), images it built, and its last line."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "LABRUNNER_"))}
    env["LABRUNNER_BUILD_DIR"] = tempfile.mkdtemp(prefix="labs-bench-")
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--color=no", "snippets", *args]
    started = time.monotonic()
    done = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    seconds = time.monotonic() - started
    built = BUILT_RE.search(done.stdout)
    failed = [line.split(" - ")[0] for line in done.stdout.splitlines() if line.startswith("FAILED ")]
    return seconds, int(built.group(1)) if built else -1, "; ".join([done.stdout.strip().splitlines()[-1], *failed])


def bare_command(lab: discovery.Lab, image: str) -> list[str]:
    """The runner's own recipe as a ``docker run --rm`` line, the lab folder bind-mounted (the runner
    copies it into a volume: that cost is part of what is measured)."""
    argv = recipe.recipe(lab, image, engine_socket=engine.host().removeprefix("unix://")).docker_run_argv(DOCKER)
    return argv[:3] + ["--log-opt", f"max-size={recipe.LOG_MAX_SIZE}"] + argv[3:]


def runner_against_bare() -> list[tuple[str, float, float]]:
    rows = []
    for i, lab in enumerate(discovery.discover()):
        image = images.ensure(lab.options.image, progress=lambda line: None)

        def by_runner():
            started = time.monotonic()
            check.run_lab(lab)
            return time.monotonic() - started

        def bare():
            started = time.monotonic()
            done = subprocess.run(bare_command(lab, image), capture_output=True, text=True)
            seconds = time.monotonic() - started
            if done.returncode != lab.options.exit_code:  # a failed run is no baseline: say so, do not count it
                print(f"   ({lab.name}: bare run exited {done.returncode}: {done.stderr.strip()[-200:]}; not counted)")
                return float("inf")
            return seconds

        # Alternate which goes first, so a warming cache or a busy moment favours neither; the best
        # of REPEATS runs each, since other work on the machine only ever adds time.
        runner_times, bare_times = [], []
        for repeat in range(REPEATS):
            if (i + repeat) % 2 == 0:
                runner_times.append(by_runner())
                bare_times.append(bare())
            else:
                bare_times.append(bare())
                runner_times.append(by_runner())
        rows.append((lab.name, min(runner_times), min(bare_times)))
    return rows


def main() -> int:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "conf/labrunner"], cwd=REPO_ROOT,
                           capture_output=True, text=True).stdout.strip()
    print(f"lab runner benchmark, commit {commit}{' (conf/labrunner modified)' if dirty else ''}, "
          f"{os.cpu_count()} CPUs, {engine.facts()['engine']}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")

    print("\n1. cold image builds (own tag namespace, empty build folder; removed afterwards)")
    for name, seconds in cold_builds():
        print(f"   {name:<24} {seconds:7.1f} s")

    print("\n2. warm suite (labs only: pytest snippets)")
    series, built_series, last_series = suite()
    parallel, built_parallel, last_parallel = suite("-n", "auto")
    print(f"   series      {series:7.1f} s  images built: {built_series}  ({last_series})")
    print(f"   -n auto     {parallel:7.1f} s  images built: {built_parallel}  ({last_parallel})")
    print(f"   -n auto / series = {parallel / series:.2f}  (target <= 0.65)")

    print("\n3. runner against a bare `docker run --rm` (same image, mounts, limits, command)")
    rows = runner_against_bare()
    for name, by_runner, bare in rows:
        print(f"   {name:<34} runner {by_runner:6.2f} s  bare {bare:6.2f} s  ratio {by_runner / bare:5.2f}")
    total_runner, total_bare = sum(r[1] for r in rows), sum(r[2] for r in rows)
    print(f"   all {len(rows)} labs: runner {total_runner:.1f} s, bare {total_bare:.1f} s, "
          f"runner / bare = {total_runner / total_bare:.2f}  (target <= 1.2)")
    ratios = sorted(r[1] / r[2] for r in rows)
    print(f"   median per-lab ratio {ratios[len(ratios) // 2]:.2f}")
    print(f"   whole warm suite in series per lab: {series / len(rows):.2f} s against bare {total_bare / len(rows):.2f} s "
          f"(ratio {series / total_bare:.2f}, pytest start-up included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

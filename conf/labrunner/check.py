"""Running one lab, end to end: the one entry point of the runner.

``run_lab(lab, options=..., update=...)``: its image, a container, normalization, then
either the comparison with the expected files or (update mode) their rewriting. The pytest
plugin, ``python -m labrunner``, the bench and the least-privilege test all call it, each
only formatting the ``Outcome`` its own way. What prevents a run (a bad lab.toml, no engine,
an image that does not build, the engine refusing) is a ``LabProblem``: one line.
"""

import json
from dataclasses import dataclass, field

import docker.errors
import requests.exceptions

from . import compare, discovery, engine, images, paths, platforms, recipe, run, update
from .discovery import Lab, LabError
from .engine import EngineUnavailable
from .images import ImageError
from .normalize import RegexTimeout, normalize
from .options import LabOptions, OptionsError
from .paths import build_dir, display


class LabProblem(Exception):
    """Why a lab could not run or be checked; str() is complete as it is (no traceback)."""


@dataclass
class Outcome:
    lab: Lab
    options: LabOptions
    result: run.RunResult
    output: str  # normalized
    stderr: str  # normalized (stderr = "separate" only)
    image: str
    raw_folder: str
    platform: platforms.Platform
    problems: list[str] = field(default_factory=list)  # run problems: timeout, exit code, leftovers
    differences: list[str] = field(default_factory=list)  # unified diffs against the expected files
    updated: list[str] = field(default_factory=list)  # update mode: the files rewritten

    @property
    def failed(self) -> bool:
        return bool(self.problems or self.differences)


def run_lab(lab: Lab, options: LabOptions | None = None, update_outputs: bool = False, progress=None,
            repository: str = images.REPOSITORY, platform: str = "host") -> Outcome:
    """Run ``lab`` (with ``options``, its lab.toml's by default) on ``platform`` and check it, or,
    with ``update_outputs``, rewrite its expected files from this run when it ran cleanly."""
    try:
        options = options or lab.options  # a bad lab.toml is reported before anything runs
        missing = None if update_outputs else missing_expected(lab, options)
        if missing:
            raise LabProblem(missing)
        engine.client()  # the host's engine builds the images, whatever the platform
        outcome = _execute(lab, options, progress, repository, platforms.get(platform))
    except (OptionsError, LabError, EngineUnavailable, ImageError, platforms.PlatformUnavailable) as exc:
        raise LabProblem(str(exc)) from None
    except (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
        raise LabProblem(str(engine.lost(exc))) from None  # engine gone while building or checking an image
    except docker.errors.APIError as exc:  # the engine answered but refused (disk full, bad state...)
        raise LabProblem(f"the Docker engine refused: {exc.explanation or exc}") from None
    if update_outputs:
        if not outcome.problems:
            outcome.updated = update.write(outcome)
    else:
        compare_expected(outcome)
    return outcome


def _normalize(lab: Lab, options: LabOptions, text: str, platform: platforms.Platform) -> str:
    try:
        return normalize(text, list(options.normalize), list(options.normalize_regex), kernel=platform.facts["kernel"])
    except RegexTimeout as exc:
        raise OptionsError(f"{display(lab.toml_file)}: {exc}") from None


def _save_raw(lab: Lab, options: LabOptions, platform: platforms.Platform, result: run.RunResult, output: str,
              stderr: str) -> str:
    """Keep what the lab really printed under _build/labs/<lab>/ (_build/labs-vm/<lab>/ on the VM)
    for the maintainer to read."""
    folder = build_dir() / ("labs" if platform.name == "host" else f"labs-{platform.name}") / lab.relative
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "output.raw.txt").write_text(result.output, encoding="utf-8")
    (folder / "output.txt").write_text(output, encoding="utf-8")
    if options.stderr == "separate":
        (folder / "stderr.raw.txt").write_text(result.stderr, encoding="utf-8")
        (folder / "stderr.txt").write_text(stderr, encoding="utf-8")
    summary = {"exit_code": result.exit_code, "timed_out": result.timed_out, "seconds": round(result.seconds, 3),
               "leftovers": result.leftovers}
    (folder / "result.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return display(folder)


def _run_problems(lab: Lab, o: LabOptions, result: run.RunResult, platform: platforms.Platform) -> list[str]:
    problems = []
    if result.timed_out:
        slower = "" if platform.time_factor == 1 else (
            f", × {platform.time_factor:g} on the {platform.name} platform: {platform.time_factor_why}")
        problems.append(f"timed out after {o.timeout * platform.time_factor:g} s (option 'timeout' in "
                        f"{display(lab.toml_file)}{slower}); the container was killed")
        if result.pids_at_timeout is not None:  # near the limit: a fork bomb, which the limit held
            problems.append(f"at its timeout it held {result.pids_at_timeout} of at most {o.pids} processes (option 'pids')")
    elif result.exit_code == recipe.FILE_TOO_LARGE:
        problems.append(f"killed by SIGXFSZ: a file outgrew the {recipe.MAX_FILE_BYTES >> 20} MiB limit on one file "
                        f"(exit code {result.exit_code}); write less, or under /tmp (a "
                        f"{recipe.TMPFS_OPTIONS.rsplit('=', 1)[-1]} tmpfs)")
    elif result.oom_killed:
        problems.append(f"killed by the out-of-memory killer: the lab outgrew its memory limit ({o.memory}, option 'memory' "
                        f"in {display(lab.toml_file)}); exit code {result.exit_code}")
    elif result.exit_code != o.exit_code:
        problems.append(f"exit code {result.exit_code}, expected {o.exit_code} (option 'exit_code' in {display(lab.toml_file)})")
    problems += result.contained  # one line each: a rule of the engine policy, the output's size
    if result.leftovers:
        problems.append(f"left on the engine (now removed; the lab must clean up): {', '.join(result.leftovers)}")
    return problems


def _execute(lab: Lab, options: LabOptions, progress, repository: str, platform: platforms.Platform) -> Outcome:
    image = platform.image(options.image, progress, repository)
    result = run.run(lab, image, options, platform)
    output, stderr = _normalize(lab, options, result.output, platform), _normalize(lab, options, result.stderr, platform)
    try:
        raw_folder, unsaved = _save_raw(lab, options, platform, result, output, stderr), []
    except OSError as exc:  # a full disk must not hide the lab's verdict: report both
        raw_folder, unsaved = "", [f"raw output not kept: {exc.strerror} ({display(exc.filename or build_dir())}); "
                                   f"free space there or point LABRUNNER_BUILD_DIR elsewhere"]
    outcome = Outcome(lab, options, result, output, stderr, image, raw_folder, platform)
    outcome.problems = _run_problems(lab, options, result, platform) + unsaved
    return outcome


def expected_files(lab: Lab, options: LabOptions | None = None, variant: str = "") -> list[tuple[str, object]]:
    """(file, attribute of Outcome) pairs the lab is checked against on a platform of ``variant``:
    its own file (output.cgroup-v1.txt) where the lab has one, else the common one."""
    options = options or lab.options
    files = [(lab.output_file, "output")]
    if options.stderr == "separate":
        files.append((lab.stderr_file, "stderr"))
    return [(own if variant and (own := discovery.variant_file(path, variant)).is_file() else path, attribute)
            for path, attribute in files]


def missing_expected(lab: Lab, options: LabOptions | None = None) -> str | None:
    for path, _ in expected_files(lab, options):
        if not path.is_file():
            return f"{display(path)} missing: run pytest --update-outputs {display(lab.snippet)}"
    return None


def compare_expected(outcome: Outcome) -> None:
    for path, attribute in expected_files(outcome.lab, outcome.options, outcome.platform.variant):
        expected = paths.read_text(path)
        actual = getattr(outcome, attribute)
        if not compare.matches(expected, actual):
            outcome.differences.append(compare.diff(expected, actual, display(path)))

"""One lab, end to end: its image, a run, normalization, and what differs from the expectation."""

import json
from dataclasses import dataclass, field

from . import compare, containment, images, run
from .discovery import Lab
from .normalize import normalize
from .paths import build_dir, display


@dataclass
class Outcome:
    lab: Lab
    result: run.RunResult
    output: str  # normalized
    stderr: str  # normalized (stderr = "separate" only)
    image: str
    raw_folder: str
    problems: list[str] = field(default_factory=list)  # run problems: timeout, exit code, leftovers
    differences: list[str] = field(default_factory=list)  # unified diffs against the expected files


def _normalize(lab: Lab, text: str) -> str:
    return normalize(text, list(lab.options.normalize), list(lab.options.normalize_regex))


def _save_raw(lab: Lab, result: run.RunResult, output: str, stderr: str) -> str:
    """Keep what the lab really printed under _build/labs/<lab>/ for the maintainer to read."""
    folder = build_dir() / "labs" / lab.relative
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "output.raw.txt").write_text(result.output, encoding="utf-8")
    (folder / "output.txt").write_text(output, encoding="utf-8")
    if lab.options.stderr == "separate":
        (folder / "stderr.raw.txt").write_text(result.stderr, encoding="utf-8")
        (folder / "stderr.txt").write_text(stderr, encoding="utf-8")
    summary = {"exit_code": result.exit_code, "timed_out": result.timed_out, "seconds": round(result.seconds, 3),
               "leftovers": result.leftovers}
    (folder / "result.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return display(folder)


def _run_problems(lab: Lab, result: run.RunResult) -> list[str]:
    o, problems = lab.options, []
    if result.timed_out:
        problems.append(f"timed out after {o.timeout:g} s (option 'timeout' in {display(lab.toml_file)}); the container was killed")
        if result.pids_at_timeout is not None:  # near the limit: a fork bomb, which the limit held
            problems.append(f"at its timeout it held {result.pids_at_timeout} of at most {o.pids} processes (option 'pids')")
    elif result.exit_code == containment.FILE_TOO_LARGE:
        problems.append(f"killed by SIGXFSZ: a file outgrew the {containment.MAX_FILE_BYTES >> 20} MiB limit on one file "
                        f"(exit code {result.exit_code}); write less, or under /tmp (a {run.TMPFS.rsplit('=', 1)[-1]} tmpfs)")
    elif result.oom_killed:
        problems.append(f"killed by the out-of-memory killer: the lab outgrew its memory limit ({o.memory}, option 'memory' "
                        f"in {display(lab.toml_file)}); exit code {result.exit_code}")
    elif result.exit_code != o.exit_code:
        problems.append(f"exit code {result.exit_code}, expected {o.exit_code} (option 'exit_code' in {display(lab.toml_file)})")
    if result.leftovers:
        problems.append(f"left on the engine (now removed; the lab must clean up): {', '.join(result.leftovers)}")
    return problems


def execute(lab: Lab, progress=None) -> Outcome:
    """Build/find the image, run the lab, normalize; raises OptionsError, ImageError, EngineUnavailable."""
    image = images.ensure(lab.options.image, *([progress] if progress else []))
    result = run.run(lab, image)
    output, stderr = _normalize(lab, result.output), _normalize(lab, result.stderr)
    try:
        raw_folder, unsaved = _save_raw(lab, result, output, stderr), []
    except OSError as exc:  # a full disk must not hide the lab's verdict: report both
        raw_folder, unsaved = "", [f"raw output not kept: {exc.strerror} ({display(exc.filename or build_dir())}); "
                                   f"free space there or point LABRUNNER_BUILD_DIR elsewhere"]
    outcome = Outcome(lab, result, output, stderr, image, raw_folder)
    outcome.problems = _run_problems(lab, result) + unsaved
    return outcome


def expected_files(lab: Lab) -> list[tuple[str, object]]:
    """(file, attribute of Outcome) pairs the lab is checked against."""
    files = [(lab.output_file, "output")]
    if lab.options.stderr == "separate":
        files.append((lab.stderr_file, "stderr"))
    return files


def missing_expected(lab: Lab) -> str | None:
    for path, _ in expected_files(lab):
        if not path.is_file():
            return f"{display(path)} missing: run pytest --update-outputs {display(lab.snippet)}"
    return None


def compare_expected(outcome: Outcome) -> None:
    for path, attribute in expected_files(outcome.lab):
        expected = path.read_text(encoding="utf-8")
        actual = getattr(outcome, attribute)
        if not compare.matches(expected, actual):
            outcome.differences.append(compare.diff(expected, actual, display(path)))

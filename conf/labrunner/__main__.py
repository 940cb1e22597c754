"""``python -m labrunner run|shell <lab>``: run one lab exactly as the suite does and print its
output, or open a shell in its container.

``<lab>`` is a lab folder name (``01-chroot-attic``), a lab folder or a snippet path.
Used by ``make lab LAB=...`` and ``make shell LAB=...``; readers run any lab of the book with them.
"""

import argparse
import sys

from . import check, scaffold, shell
from .check import LabProblem
from .discovery import LabError, find
from .engine import EngineUnavailable
from .images import ImageError
from .options import OptionsError
from .paths import display


def run(spec: str) -> int:
    try:
        lab = find(spec)
        outcome = check.run_lab(lab)
    except (LabError, LabProblem) as exc:
        print(f"labrunner: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(outcome.result.output)
    sys.stdout.flush()
    sys.stderr.write(outcome.result.stderr)
    for problem in outcome.problems:
        print(f"labrunner: {problem}", file=sys.stderr)
    for difference in outcome.differences:
        sys.stderr.write(difference)
    if outcome.failed:
        return 1
    shown = ", ".join(display(path) for path, _ in check.expected_files(lab, outcome.options))
    print(f"labrunner: {display(lab.snippet)}: same output as the book ({shown}), {outcome.result.seconds:.2f} s",
          file=sys.stderr)
    return 0


def open_shell(spec: str) -> int:
    try:
        return shell.open_shell(find(spec))
    except (LabError, OptionsError, EngineUnavailable, ImageError) as exc:
        print(f"labrunner: {exc}", file=sys.stderr)
        return 2


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m labrunner", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run", help="run one lab with the suite's image and options")
    run_parser.add_argument("lab", help="lab folder name (01-chroot-attic), lab folder or snippet path")
    shell_parser = commands.add_parser("shell", help="an interactive shell in a lab's container (same image, limits, privileges)")
    shell_parser.add_argument("lab", help="lab folder name (01-chroot-attic), lab folder or snippet path")
    scaffold.add_commands(commands)
    args = parser.parse_args(argv)
    if hasattr(args, "handler"):  # new-chapter, new-lab
        return scaffold.run(args)
    return run(args.lab) if args.command == "run" else open_shell(args.lab)


if __name__ == "__main__":
    sys.exit(main())

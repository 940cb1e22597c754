"""``python -m labrunner run <lab>``: run one lab exactly as the suite does and print its output.

``<lab>`` is a lab folder name (``01-chroot-attic``), a lab folder or a snippet path.
Used by ``make lab LAB=...``; readers run any lab of the book with it.
"""

import argparse
import sys

from . import check, scaffold
from .discovery import LabError, find
from .engine import EngineUnavailable
from .images import ImageError
from .options import OptionsError
from .paths import display


def run(spec: str) -> int:
    try:
        lab = find(spec)
        outcome = check.execute(lab)
    except (LabError, OptionsError, EngineUnavailable, ImageError) as exc:
        print(f"labrunner: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(outcome.result.output)
    sys.stdout.flush()
    sys.stderr.write(outcome.result.stderr)
    for problem in outcome.problems:
        print(f"labrunner: {problem}", file=sys.stderr)
    missing = check.missing_expected(lab)
    if missing:
        print(f"labrunner: {missing}", file=sys.stderr)
        return 1
    check.compare_expected(outcome)
    for difference in outcome.differences:
        sys.stderr.write(difference)
    if outcome.problems or outcome.differences:
        return 1
    shown = ", ".join(display(path) for path, _ in check.expected_files(lab))
    print(f"labrunner: {display(lab.snippet)}: same output as the book ({shown}), {outcome.result.seconds:.2f} s",
          file=sys.stderr)
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m labrunner", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run", help="run one lab with the suite's image and options")
    run_parser.add_argument("lab", help="lab folder name (01-chroot-attic), lab folder or snippet path")
    scaffold.add_commands(commands)
    args = parser.parse_args(argv)
    return run(args.lab) if args.command == "run" else scaffold.run(args)


if __name__ == "__main__":
    sys.exit(main())

"""The labs' default limits, as the cgroups figure shows them, read from the lab runner.

One source: ``labrunner.options.LabOptions`` holds the limits every lab runs under unless
its lab.toml says otherwise, and the figure captioned « valeurs par défaut des labs » draws
those, never a copy (conf/figures/cgroups.toml names the option, not its value). The module
is the runner's pure part: importing it starts no Docker client.
"""

from __future__ import annotations

from pathlib import Path

from labrunner import options

OPTIONS = ("cpus", "memory", "pids")
SOURCE = Path(options.__file__)  # a dependency of the pages that show these limits
CFS_PERIOD_MS = 100  # Docker's --cpus is a quota of CPU time per period of 100 ms
MEBIBYTES = {"b": 1 / 1024**2, "k": 1 / 1024, "m": 1, "g": 1024}  # Docker's memory units


def _french(number: float, decimals: int = 0) -> str:
    return f"{number:.{decimals}f}".replace(".", ",")


def default_limit(option: str) -> tuple[float, str]:
    """The default of a lab option as a gauge's limit: its value (CPUs, MiB or processes,
    the unit of the figure's `used` values) and how the figure writes it, in French."""
    defaults = options.LabOptions()
    if option == "cpus":
        quota = defaults.cpus * CFS_PERIOD_MS
        return defaults.cpus, f"{_french(defaults.cpus, 1)} CPU = {_french(quota)} ms / {CFS_PERIOD_MS} ms"
    if option == "memory":
        amount, unit = defaults.memory[:-1], defaults.memory[-1].lower()
        if unit.isdigit():  # a plain number of bytes
            amount, unit = defaults.memory, "b"
        mebibytes = float(amount) * MEBIBYTES[unit]
        return mebibytes, f"{_french(mebibytes, 0 if mebibytes.is_integer() else 1)} Mio"
    if option == "pids":
        return defaults.pids, f"{defaults.pids} processus"
    raise ValueError(option)


"""The one line an image build gives when its log cannot be written (``images._Log``)."""

from pathlib import Path


def unwritable_log_line(log: Path, reason: str = "No space left on device") -> str:
    """Expected message; the log by its own name in its resolved folder, even when it is a link."""
    folder = log.parent.resolve()
    return (f"image '{log.stem}' failed to build: cannot write its log {folder}/{log.name} ({reason}); "
            f"free space in {folder} or point LABRUNNER_BUILD_DIR elsewhere")

"""``--update-outputs``: write expected outputs and their provenance from a real run.

The stored text is the normalized output, so placeholders survive; a file that still
matches (``...`` lines included) is left untouched, and record.json changes only when
something other than its date would change.
"""

import datetime
import hashlib
from pathlib import Path

from . import check, compare, discovery, paths, platforms, records
from .discovery import Lab
from .locks import file_lock
from .paths import display


def record(outcome: "check.Outcome") -> dict:
    """record.json: the inputs' hashes and, for each platform kind the output was verified on, its
    engine, containerd, runc, system, kernel, cgroup version and date (the book prints them all)."""
    lab, platform = outcome.lab, outcome.platform
    verified = dict(records.verified(records.read(lab)))
    verified[records.kind(platform.variant)] = {
        **platform.facts, "date": datetime.datetime.now(datetime.timezone.utc).date().isoformat()}
    return {"verified_on": dict(sorted(verified.items(), reverse=True)), "image": outcome.image,
            **records.fingerprint(lab)}


def _write_if_changed(path: Path, text: str, changed: list[str]) -> None:
    if path.is_file() and compare.matches(paths.read_text(path), text):
        return
    paths.write_text(path, text)
    changed.append(display(path))


def _write_variant(common: Path, text: str, variant: str, changed: list[str]) -> None:
    """The variant where the output differs from the common file as it is now; none where it
    is the same (drop_same_variants() settles a common file the same session rewrote)."""
    own = discovery.variant_file(common, variant)
    if common.is_file() and compare.matches(paths.read_text(common), text):
        if own.is_file():
            own.unlink()
            changed.append(f"{display(own)} (removed: same output as {common.name})")
        return
    _write_if_changed(own, text, changed)


def drop_same_variants(lab: Lab) -> list[str]:
    """A platform of another kind keeps its own file only where its output really differs: once
    every platform of an update session has written (in any order, on any worker), a variant
    that the common file matches is removed. Returns the removed files."""
    removed = []
    for common in (lab.output_file, lab.stderr_file):
        own = discovery.variant_file(common, discovery.CGROUP_V1_VARIANT)
        if own.is_file() and common.is_file() and compare.matches(paths.read_text(common), paths.read_text(own)):
            own.unlink()
            removed.append(f"{display(own)} (removed: same output as {common.name})")
    return removed


def write(outcome: "check.Outcome") -> list[str]:
    """Write output.txt (stderr.txt), or this platform kind's own variant of them, and record.json;
    return the files that changed."""
    lab, changed, variant = outcome.lab, [], outcome.platform.variant
    # A platform of another kind than the book's writes its own variant, which
    # drop_same_variants() removes at the session's end if it is the same: never the book's
    # output, unless there is none yet and the book's platform is not in this session (a new
    # lab on a laptop without the VM; CI then fails on the VM until it is recorded there).
    in_session = platforms.book_platform_in_session()
    for path, attribute in check.expected_files(lab, outcome.options):
        if variant and (in_session or path.is_file()):
            _write_variant(path, getattr(outcome, attribute), variant, changed)
        else:
            _write_if_changed(path, getattr(outcome, attribute), changed)
    if outcome.options.stderr == "merge" and lab.stderr_file.is_file():
        lab.stderr_file.unlink()
        changed.append(f"{display(lab.stderr_file)} (removed: stderr is merged)")
    # Both platforms' items of one lab may end at once, on two workers: one record at a time.
    with file_lock(f"record-{hashlib.sha256(str(lab.folder).encode()).hexdigest()[:16]}"):
        new, old = record(outcome), records.read(lab)
        if changed or records.without_dates(old) != records.without_dates(new):
            records.write(lab, new)
            changed.append(display(lab.record_file))
    return changed

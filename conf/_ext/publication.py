"""Where the book is published and where its sources live, read once for conf.py.

- The canonical address: Read the Docs sets READTHEDOCS_CANONICAL_URL for every build
  (https://<project>.readthedocs.io/fr/latest/ or a custom domain); other builds use the
  default conf.py gives, so that local and CI builds write the same canonical links.
- The repository: Read the Docs sets READTHEDOCS_GIT_CLONE_URL; elsewhere the checkout's
  `origin`. Only a web address (https://host/owner/name or git@host:owner/name.git) counts:
  a clone of a local folder (as in CI) has no page a reader could open.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

_SCP_LIKE = re.compile(r"^[\w.-]+@(?P<host>[\w.-]+):(?P<path>[\w.-]+/[\w.-]+?)(?:\.git)?/?$")
_HTTPS = re.compile(r"^https?://(?:[^@/]+@)?(?P<host>[\w.-]+)/(?P<path>[\w.-]+/[\w.-]+?)(?:\.git)?/?$")


def canonical_url(default: str) -> str:
    """The book's base address, ending with a slash."""
    url = os.environ.get("READTHEDOCS_CANONICAL_URL") or default
    return url if url.endswith("/") else url + "/"


def web_address(remote: str) -> str | None:
    """https://host/owner/name for a clone URL of a hosted repository, else None."""
    for pattern in (_HTTPS, _SCP_LIKE):
        match = pattern.match(remote.strip())
        if match:
            return f"https://{match['host']}/{match['path']}"
    return None


def _origin(repo_root: Path) -> str:
    try:
        completed = subprocess.run(
            ["git", "-C", str(repo_root), "remote", "get-url", "origin"],
            capture_output=True, text=True, timeout=10, check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return completed.stdout.strip() if completed.returncode == 0 else ""


def repository_url(repo_root: Path, placeholder: str) -> str:
    """The repository's web address, or `placeholder` when no hosted remote is known."""
    remote = os.environ.get("READTHEDOCS_GIT_CLONE_URL") or _origin(repo_root)
    return web_address(remote) or placeholder

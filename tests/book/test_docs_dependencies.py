"""`make html` installs the docs extra only: the book's extensions import nothing of the test
extra (the Docker SDK, requests), so a fresh machine builds the book with Python and make."""

import subprocess
import sys

from book_build import CONF_DIR

# Stand-ins that fail as a docs-only environment would, whatever this one has installed.
BLOCK = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in {"docker", "requests", "pytest"}:
            raise ImportError(f"{name} is not in the docs extra")
sys.meta_path.insert(0, Block())
sys.path.insert(0, sys.argv[1])
import importlib
for name in sys.argv[2:]:
    importlib.import_module(name)
"""


def test_the_book_extensions_need_only_the_docs_extra():
    extensions = sorted(p.stem if p.is_file() else p.name for p in (CONF_DIR / "_ext").iterdir()
                        if (p.suffix == ".py" or (p / "__init__.py").is_file()) and not p.name.startswith("_"))
    done = subprocess.run([sys.executable, "-c", BLOCK, str(CONF_DIR / "_ext"), *extensions],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr.strip().splitlines()[-1]
    assert "labs" in extensions and "figures" in extensions

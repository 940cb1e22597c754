"""Sphinx configuration of « Docker en pratique » (built with ``sphinx-build -c conf book``)."""

import sys
from pathlib import Path

CONF_DIR = Path(__file__).resolve().parent
REPO_ROOT = CONF_DIR.parent
# In-repo extensions live next to this file, CPython-style.
sys.path.insert(0, str(CONF_DIR / "_ext"))

project = "Docker en pratique"
author = "Les auteurs de Docker en pratique"
language = "fr"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_copybutton",
]

root_doc = "index"
exclude_patterns = []
nitpicky = True
# French quotes « » but leave "--" alone so `docker run --rm` is never turned into an en dash.
smartquotes_action = "qe"

myst_enable_extensions = ["colon_fence", "deflist", "attrs_block", "attrs_inline", "substitution"]
myst_heading_slug_func = "docutils"

html_theme = "sphinx_book_theme"

"""Sphinx configuration of « Docker en pratique ».

Built with ``sphinx-build -c conf book <out>`` (see the Makefile and .readthedocs.yaml):
the sources live in ``book/``, this directory only holds configuration, in-repo
extensions (``_ext/``), static files (``_static/``) and template overrides (``_templates/``).

Two rules shape every choice below:
- the build never touches the network (no intersphinx, no CDN asset, no math renderer
  fetched from the web), so it works offline and on Read the Docs alike;
- the reader only ever sees French, including the theme's own interface strings.
"""

import sys
from pathlib import Path

CONF_DIR = Path(__file__).resolve().parent
REPO_ROOT = CONF_DIR.parent
# In-repo extensions live next to this file, CPython-style.
sys.path.insert(0, str(CONF_DIR / "_ext"))

# -- Project ------------------------------------------------------------------------------

project = "Docker en pratique"
author = "les auteurs de Docker en pratique"
copyright = "2026, les auteurs de Docker en pratique (CC BY-SA 4.0)"
version = release = "0.1"
language = "fr"

# -- Extensions ---------------------------------------------------------------------------

extensions = [
    "myst_parser",  # Markdown (MyST) sources
    "sphinx_design",  # badges, dropdowns, cards
    "sphinx_copybutton",  # copy buttons that strip prompts
    "labs",  # {lab} and {illustrative} directives, chapters' lab archives (_ext/labs.py, lab_archive.py)
    "listing_lines",  # one element per listing line, so a wrapped line shows it (_ext/listing_lines.py)
    "figures",  # {figure-data} figures drawn by Graphviz from conf/figures/*.toml (_ext/figures/)
    "epub_compat",  # EPUB: no inline SVG icons nor radio-button tabs, which epubcheck rejects
    "page_assets",  # pages skip scripts they do not use (tests/bench/page_weight.py)
]

root_doc = "index"
exclude_patterns = []
templates_path = ["_templates"]

# Every cross-reference must resolve: a broken {ref} or {term} fails the build (-n -W).
nitpicky = True

# French typography: "..." becomes « ... » (with U+00A0 inside), but the "D" (dashes) of the
# default "qDe" is left out so that `docker run --rm` in prose never turns into an en dash.
smartquotes_action = "qe"

# -- MyST ---------------------------------------------------------------------------------

# MyST's own "smartquotes" and "replacements" stay off: docutils' smartquotes above does it.
myst_enable_extensions = [
    "colon_fence",  # ::: fences for directives holding Markdown (admonitions, dropdowns)
    "deflist",  # definition lists
    "attrs_block",  # {.class} on blocks
    "attrs_inline",  # {.class} on inline elements
    "substitution",  # {{ E }}, {{ P }}, {{ R }} below
]
# Clean ASCII anchors (#la-commande-chroot) instead of GitHub-style slugs full of accents.
myst_heading_slug_func = "docutils"

# The three reading factors of the course, defined once so every milestone shows the same
# badge (sphinx-design `bdg-*` roles; colours chosen to stay readable in dark mode too).
myst_substitutions = {
    "E": "{bdg-primary}`E · technique`",
    "P": "{bdg-success}`P · persistance`",
    "R": "{bdg-warning}`R · réseau`",
}

# -- Copy buttons -------------------------------------------------------------------------

# Strip shell (`$ `) and Python (`>>> `, `... `) prompts; lines without a prompt
# (command output) are not copied when a block has prompts. No root prompt `# `: it is also
# how every shell and Python comment starts, so the copy of a lab script kept only its
# comments (seen by tests/browser/test_copy_button.py).
copybutton_prompt_text = r"\$ |>>> |\.\.\. "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
copybutton_line_continuation_character = "\\"
# Never copy line numbers, prompts or output highlighted by Pygments.
copybutton_exclude = ".linenos, .gp, .go"

# -- HTML output --------------------------------------------------------------------------

html_theme = "sphinx_book_theme"
html_title = "Docker en pratique"
html_static_path = ["_static"]
html_css_files = ["livre.css", "lab.css"]
html_theme_options = {
    # Book-like navigation: parts and chapters in the left sidebar (the book title above
    # them leads home), previous/next links at the bottom of every page, light/dark switch.
    "home_page_in_toc": False,
    "show_navbar_depth": 2,
    "show_toc_level": 2,
    "show_prev_next": True,
    # French interface strings the theme would otherwise leave in English.
    "search_bar_text": "Rechercher dans le livre…",
    "toc_title": "Sur cette page",
    # Footer: copyright only (the theme's "By <author>" line reads badly in French).
    "footer_content_items": ["copyright.html"],
    "use_download_button": True,
    "use_fullscreen_button": True,
}
# The theme follows the reader's system (light or dark) until they pick one. Left empty,
# pydata-sphinx-theme logs "Got invalid theme mode" in the console on a first visit.
html_context = {"default_mode": "auto"}

# -- EPUB output --------------------------------------------------------------------------

epub_basename = "docker-en-pratique"
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_language = language
epub_show_urls = "footnote"
# After any configuration change Sphinx keeps the previous build info as .buildinfo.bak in
# the output folder, and the EPUB builder would warn (an error with -W) that it cannot
# pack it: `make epub` then failed until `make clean`.
epub_exclude_files = [".buildinfo.bak"]

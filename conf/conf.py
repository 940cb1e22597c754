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
import uuid
from pathlib import Path
from urllib.parse import urlsplit

CONF_DIR = Path(__file__).resolve().parent
REPO_ROOT = CONF_DIR.parent
# In-repo extensions live next to this file, CPython-style.
sys.path.insert(0, str(CONF_DIR / "_ext"))

from publication import canonical_url, repository_url  # noqa: E402 - needs the path above

# -- Project ------------------------------------------------------------------------------

project = "Docker en pratique"
author = "les auteurs de Docker en pratique"
copyright = "2026, les auteurs de Docker en pratique (CC BY-SA 4.0)"
version = release = "0.1"
language = "fr"
# One sentence for search engines, link previews (sphinxext-opengraph) and the EPUB.
description = (
    "Un cours de Docker en français dont chaque commande et chaque sortie imprimées ont été "
    "exécutées dans un conteneur par la suite de tests du livre."
)

# -- Where the book is published and where its sources live -------------------------------

# Read the Docs gives the canonical address of each build (READTHEDOCS_CANONICAL_URL); this
# default, the address the project is meant to have there, serves local and CI builds.
DEFAULT_CANONICAL_URL = "https://docker-en-pratique.readthedocs.io/fr/latest/"
# The repository's web address is read from the clone (Read the Docs' clone URL, else git's
# `origin`). No hosted remote is configured yet: until then the links point at this
# placeholder, the name the repository is meant to have. The one place to change it.
PLACEHOLDER_REPOSITORY_URL = "https://github.com/docker-en-pratique/docker-en-pratique"
REPOSITORY_URL = repository_url(REPO_ROOT, PLACEHOLDER_REPOSITORY_URL)
REPOSITORY_BRANCH = "main"

# -- Extensions ---------------------------------------------------------------------------

extensions = [
    "myst_parser",  # Markdown (MyST) sources
    "sphinx_design",  # badges, dropdowns, cards
    "sphinx_copybutton",  # copy buttons that strip prompts
    "labs",  # {lab} and {illustrative} directives, chapters' lab archives (_ext/labs.py, lab_archive.py)
    "listing_lines",  # one element per listing line, so a wrapped line shows it (_ext/listing_lines.py)
    "figures",  # {figure-data} figures laid out in Python from conf/figures/*.toml (_ext/figures/)
    "epub_compat",  # EPUB: no inline SVG icons nor radio-button tabs, which epubcheck rejects
    "page_assets",  # pages skip scripts they do not use (tests/bench/page_weight.py)
    "reread_failed",  # a page that had a warning is read again next time (_ext/reread_failed.py)
    "icon_font",  # Font Awesome's solid font cut to the icons the book shows (fontTools)
    "repository_links",  # the theme's repository, edit and issue buttons in French
    "sitemap",  # sitemap.xml and robots.txt from html_baseurl (_ext/sitemap.py)
    "sphinxext.opengraph",  # description and OpenGraph meta tags of every page
    "not_found_page",  # a 404 page whose links work at any depth (sphinx-notfound-page)
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
html_favicon = "_static/favicon.svg"
# Canonical links (<link rel="canonical">), the sitemap and the OpenGraph URLs start here.
html_baseurl = canonical_url(DEFAULT_CANONICAL_URL)
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
    # Repository button, « Modifier cette page » and « Signaler une erreur » (French labels
    # and icons: _ext/repository_links.py).
    "repository_url": REPOSITORY_URL,
    "repository_branch": REPOSITORY_BRANCH,
    "path_to_docs": "book",
    "use_repository_button": True,
    "use_edit_page_button": True,
    "use_issues_button": True,
}
# The theme follows the reader's system (light or dark) until they pick one. Left empty,
# pydata-sphinx-theme logs "Got invalid theme mode" in the console on a first visit.
html_context = {"default_mode": "auto"}

# -- Search engines and link previews -----------------------------------------------------

ogp_site_url = html_baseurl
ogp_site_name = project
ogp_custom_meta_tags = ['<meta property="og:locale" content="fr_FR" />']
# No generated preview image: it would need matplotlib and fonts at build time.
ogp_social_cards = {"enable": False}

# The 404 page Read the Docs serves for any missing address: its links and assets are made
# absolute with this prefix (/fr/latest/) so that they work at any depth.
notfound_urls_prefix = urlsplit(html_baseurl).path
notfound_context = {
    "title": "Page introuvable",
    "body": (
        "<h1>Page introuvable</h1>\n"
        "<p>Cette adresse ne correspond à aucune page du livre\u00a0: elle a peut-être changé "
        "depuis une édition précédente.</p>\n"
        f'<p>Repartez de la <a href="{notfound_urls_prefix}index.html">page d’accueil</a> ou '
        "cherchez le sujet avec le champ «\u00a0Rechercher dans le livre\u00a0» (Ctrl+K).</p>"
    ),
}

# -- EPUB output --------------------------------------------------------------------------

epub_basename = "docker-en-pratique"
epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_language = language
epub_description = description
epub_contributor = "Les contributeurs du dépôt du livre"
# The identifier an e-reader files the book under, the same for every build and edition: the
# book's name and a UUID derived from its address. Sphinx writes epub_uid both as the
# identifier's XML id (an NCName: no colon, so no "urn:uuid:") and as the NCX's dtb:uid, which
# epubcheck wants equal to the identifier (NCX-001): one value for both.
epub_identifier = epub_uid = f"docker-en-pratique-{uuid.uuid5(uuid.NAMESPACE_URL, DEFAULT_CANONICAL_URL)}"
epub_show_urls = "footnote"
# After any configuration change Sphinx keeps the previous build info as .buildinfo.bak in
# the output folder, and the EPUB builder would warn (an error with -W) that it cannot
# pack it: `make epub` then failed until `make clean`.
epub_exclude_files = [".buildinfo.bak"]

/* Replaces pydata-sphinx-theme's 1.5 MB Font Awesome script (SVG + JS icons): the theme's
   stylesheet already draws every icon with the Font Awesome web font, so the script only
   added weight (tests/bench/page_weight.py). Kept as a file because the theme links it. */

/* Replaces pydata-sphinx-theme's 1.5 MB Font Awesome script (SVG + JS icons): the theme's
   stylesheet already draws every icon with the Font Awesome web font (cut down to the icons
   the book shows by _ext/icon_font.py), so the script only added weight
   (tests/bench/page_weight.py). Kept as a file because the theme links it. Without it the
   icons stay <i> elements, which the theme's CSS places differently from the script's <svg>:
   livre.css puts the search field's magnifier back beside the text. */

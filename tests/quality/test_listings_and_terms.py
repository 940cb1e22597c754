"""One term per idea in the prose, and French comments in every listing the book shows;
each check is also shown failing on a planted example."""

from __future__ import annotations

import textwrap
from pathlib import Path

from .findings import Finding, report
from .listing_comments import english_comments
from .listings import shown_listings
from .rendered import parse_page
from .terms import term_findings


def test_one_term_per_idea(rendered_book):
    findings = term_findings(rendered_book)
    assert not findings, report(findings, "term variants the book has settled against (tests/quality/terms.py)")


def test_every_listing_comments_in_french():
    findings = [
        Finding(listing.path, listing.first_line + comment.line - 1, f"English comment: {comment.text!r}: write it in French")
        for listing in shown_listings()
        if listing.language != "output"
        for comment in english_comments(listing.text, listing.language)
    ]
    assert not findings, report(findings, "English comments in the book's listings")


# --- the checks can fail -------------------------------------------------------------------

PLANTED_PAGE = textwrap.dedent("""\
    <html><body><article class="bd-article"><section id="s">
    <h2>2002 : Linux Namespaces</h2>
    <p>Chaque domaine a son propre espace de noms (<em>namespace</em>).</p>
    <p>Les namespaces sont encore utilisés, avec la copie sur écriture.</p>
    <p>Le cours groupe runc, containerd, cri-o ; le kubelet appelle cri-o.</p>
    <p>On peut remplacer le moteur d’exécution.</p>
    <p>Voir https://man7.org/linux/man-pages/man7/namespaces.7.html et namespaces(7).</p>
    <dl><dt>espace de noms</dt><dt>namespace</dt><dd>Mécanisme du noyau.</dd></dl>
    </section></article></body></html>
    """)


def test_term_check_finds_each_planted_variant(tmp_path):
    source = tmp_path / "page.md"
    source.write_text("", encoding="utf-8")
    page = parse_page(PLANTED_PAGE, tmp_path / "page.html", source)
    found = sorted(f.message.split("'")[1] for f in term_findings([page]))
    # Not found: the heading's milestone name, the italic gloss, the milestone list, the glossary term.
    assert found == ["copie sur écriture", "cri-o", "moteur d’exécution", "namespaces"]


def test_english_comment_check_finds_a_planted_comment():
    shell = textwrap.dedent("""\
        #!/bin/sh
        # Retry until the server is listening on its port.
        echo "# not a comment: inside quotes"
        sleep 1  # attendre que le serveur écoute
        """)
    assert [c.line for c in english_comments(shell, "bash")] == [2]
    python = 'def f():\n    """Return the answer, as the test expects."""\n    return 42  # la réponse\n'
    assert [c.line for c in english_comments(python, "python")] == [2]
    assert english_comments("# L’image du lab : la base, plus un programme.\n", "dockerfile") == []


def test_every_shown_file_exists():
    missing = [listing.path for listing in shown_listings() if not Path(listing.path).is_file()]
    assert not missing


# --- listings fit a printed column ---------------------------------------------------------

from .listings import COLUMNS, too_wide  # noqa: E402  (kept next to the tests that use it)


def test_every_listing_fits_a_printed_column():
    findings = [
        Finding(listing.path, listing.first_line + number - 1,
                f"{width} columns, more than {COLUMNS}: shorten or re-wrap it (re-record an output)")
        for listing in shown_listings()
        for number, width in too_wide(listing.text)
    ]
    assert not findings, report(findings, f"listing lines wider than {COLUMNS} columns")


def test_width_check_finds_a_planted_long_line():
    text = "court\n" + "x" * 72 + "\n" + "é" * 73 + "\n\t" + "y" * 65 + "\n"
    assert too_wide(text) == [(3, 73), (4, 73)]  # characters, not bytes; a tab is 8 columns

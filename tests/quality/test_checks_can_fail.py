"""Each check finds what it must, with the right file and line: the checks can fail.

A small sample book, built with the book's own configuration, holds one slip of each kind;
the unit tests below feed the checker functions short texts.
"""

from __future__ import annotations

import re
import sys
import textwrap
from pathlib import Path

import pytest

from .findings import REPO_ROOT

# The figures extension, imported as Sphinx imports it (tests/book_figures does the same).
if str(REPO_ROOT / "conf" / "_ext") not in sys.path:
    sys.path.insert(0, str(REPO_ROOT / "conf" / "_ext"))
from figures import kinds as figure_kinds, svg as figure_svg  # noqa: E402
from figures.data import load as load_figure  # noqa: E402

from .checks import grammar_findings, source_typography_findings, spelling_findings, typography_findings
from .dated_claims import Date, agrees, citation_findings, dates_in, fact_findings, load_facts
from .grammar import load_ignores
from .rendered import parse_page, rendered_pages
from .source_prose import prose_lines
from .spelling import load_wordlist, needless_wordlist_entries
from .typography import typography_hits

NBSP = "\u00a0"

# Line numbers matter: the assertions below name them.
SAMPLE = textwrap.dedent(f"""\
    # Échantillon

    Un conteneur isole les procesus du reste du système.

    Le noyau fournit deux mécanismes: les espaces de noms et les cgroups.

    Il dit "bonjour" au monde entier.

    Elle répond “au revoir” poliment.

    Les conteneur sont utiles{NBSP}; la commande `docker run --rm "x"` reste intacte.

    Voir [la documentation](https://example.org/a:b?c=d) à 12:30, et le chapitre 2.05.

    Une phrase correcte{NBSP}: «{NBSP}citation{NBSP}» et l’apostrophe typographique.

    ```{{illustrative}} text
    :reason: Exemple non exécuté{NBSP}: du texte brut.

    Du texte "brut": sans vérification ni procesus.
    ```
    """)


@pytest.fixture(scope="module")
def sample(tmp_path_factory, sphinx_runner):
    root = tmp_path_factory.mktemp("sample-book")
    src = root / "src"
    src.mkdir()
    (src / "index.md").write_text(SAMPLE, encoding="utf-8")
    run = sphinx_runner("html", src, root / "html")
    assert run.succeeded, run.warnings
    return src / "index.md", rendered_pages(run.outdir, src)


def lines_of(findings, source: Path, needle: str) -> list[int]:
    return sorted(f.line for f in findings if f.path == source and needle in f.message)


def test_a_misspelling_is_reported_with_file_and_line(sample):
    source, pages = sample
    findings = spelling_findings(pages, load_wordlist())
    assert lines_of(findings, source, "'procesus'") == [3]  # not line 20: code is not prose
    assert all(f.path == source for f in findings)
    assert len(findings) == 1, [str(f) for f in findings]


def test_a_glued_colon_is_reported_with_file_and_line(sample):
    source, pages = sample
    findings = typography_findings(pages)
    assert lines_of(findings, source, "no space before ':'") == [5]


def test_english_quotes_are_reported_in_the_html_and_in_the_source(sample):
    source, pages = sample
    # Smart quotes turn "bonjour" into « bonjour » in the HTML: only the source shows it.
    assert set(lines_of(source_typography_findings([source]), source, "straight quote")) == {7}
    # Curly English quotes survive rendering.
    assert lines_of(typography_findings(pages), source, "English quotation mark") == [9, 9]


def test_urls_times_numbers_and_code_are_not_findings(sample):
    source, pages = sample
    rendered = [f for f in typography_findings(pages) if f.line in (11, 13, 15)]
    assert not rendered, [str(f) for f in rendered]
    assert not [f for f in source_typography_findings([source]) if f.line != 7]


def test_an_agreement_error_is_reported_with_file_and_line(sample):
    source, pages = sample
    findings, unused = grammar_findings(pages, [])
    assert 11 in lines_of(findings, source, "")
    assert any("conteneur" in f.message for f in findings if f.line == 11)


def test_a_grammar_ignore_entry_that_silences_nothing_is_reported(sample, tmp_path):
    _, pages = sample
    ignore_file = tmp_path / "ignore.toml"
    ignore_file.write_text('[[ignore]]\nrule = "no_such_rule"\nunderlined = "x"\nreason = "test"\n', encoding="utf-8")
    _, unused = grammar_findings(pages, load_ignores(ignore_file))
    assert [i.rule for i in unused] == ["no_such_rule"]


def test_a_grammar_ignore_entry_without_reason_is_refused(tmp_path):
    ignore_file = tmp_path / "ignore.toml"
    ignore_file.write_text('[[ignore]]\nrule = "r"\nunderlined = "x"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"ignore\.toml.*missing reason"):
        load_ignores(ignore_file)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("mot: suite", "glued-punctuation"),
        ("Vraiment?", "glued-punctuation"),
        ("mot ; suite", "breaking-space-before-punctuation"),
        (f"«citation{NBSP}»", "guillemet-without-nbsp"),
        (f"«{NBSP}citation»", "guillemet-without-nbsp"),
        ('il dit "oui"', "english-quotes"),
        ("l'apostrophe", "straight-or-wrong-apostrophe"),
        ("et ainsi de suite...", "three-dots"),
        ("Etat des lieux", "unaccented-capital"),
        ("Fin. A la suite", "unaccented-capital-a"),
        ("deux  espaces", "double-space"),
    ],
)
def test_each_typography_rule_fires(text, rule):
    assert rule in [hit.rule for hit in typography_hits(text)]


@pytest.mark.parametrize(
    "text",
    [
        f"mot{NBSP}: suite{NBSP}; fin{NBSP}! Vraiment{NBSP}?",
        "mot\u202f: fine insécable",
        f"«{NBSP}citation{NBSP}»",
        "voir https://example.org/a:b?c=d et http://x.org",
        "à 12:30 ou 09:05:12",
        "le chapitre 2.05 et la version 1.0",
        "l’apostrophe… et l’État, À la fin",
    ],
)
def test_correct_french_is_not_a_finding(text):
    assert typography_hits(text) == []


def test_source_prose_skips_code_fences_options_and_inline_code(tmp_path):
    source = tmp_path / "page.md"
    source.write_text(textwrap.dedent("""\
        (label)=
        # Titre

        ```{lab} 01-x
        ```

        ```bash
        echo "it's code"
        ```

        :::{note}
        Une note avec "guillemets".
        :::

        :::{admonition} L'analogie
        Texte.
        :::

        Texte avec `code "entre" guillemets` et [lien](https://x.org/"a").
        """), encoding="utf-8")
    numbers = [line.number for line in prose_lines(source)]
    assert numbers == [2, 12, 15, 16, 19]
    findings = source_typography_findings([source])
    assert set(lines_of(findings, source, "straight quote")) == {12}
    assert lines_of(findings, source, "straight apostrophe") == [15]


def test_wordlist_entries_the_book_no_longer_needs_are_reported():
    needless = needless_wordlist_entries(["Un conteneur runc."], {"runc", "maison", "zorglub"})
    assert needless == {"maison": "hunspell fr_FR already knows it", "zorglub": "no page of the book uses it any more"}


def test_a_wordlist_line_with_two_words_is_refused(tmp_path):
    (tmp_path / "words.txt").write_text("# group\nBad entry\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"words\.txt:2: one word per line"):
        load_wordlist(tmp_path)


# -- dated claims -------------------------------------------------------------------------
CHAPTER_HTML = """<html><body><article class="bd-article"><section id="s">
<h2>2008 : LXC</h2>
<p>LXC 0.1.0 est publié par Daniel Lezcano en août 2009.</p>
<p>Docker est présenté à la PyCon US le 15 mars 2013.</p>
<div class="admonition"><p>Rendu open source par Google en 2014.</p>
<p>Source : <a href="../bibliographie.html#bib-x">[X]</a>.</p></div>
</section><section id="t"><h2>Suite</h2>
<p>Dès 2008, les cgroups intègrent le noyau Linux.</p>
</section></article></body></html>"""
CHAPTER_MD = """(s)=
## 2008 : LXC

LXC 0.1.0 est publié par Daniel Lezcano en août 2009.

Docker est présenté à la PyCon US le 15 mars 2013.

:::{admonition} Repères
Rendu open source par Google en 2014.

Source : {ref}`[X] <bib-x>`.
:::

## Suite

Dès 2008, les cgroups intègrent le noyau Linux.
"""


@pytest.fixture
def chapter(tmp_path):
    source = tmp_path / "chapitre.md"
    source.write_text(CHAPTER_MD, encoding="utf-8")
    return source, parse_page(CHAPTER_HTML, tmp_path / "chapitre.html", source)


def test_a_wrong_date_is_reported_with_file_and_line(chapter):
    source, page = chapter
    findings, _ = fact_findings(page, load_facts())
    messages = {f.line: f.message for f in findings}
    assert messages[4].startswith("wrong year: « août 2009 » for « LXC 0.1.0 »")
    assert messages[6].startswith("the day is more precise than the source: « 15 mars 2013 »")
    assert set(messages) == {4, 6}


def test_dated_claims_without_a_source_are_reported(chapter):
    source, page = chapter
    findings = citation_findings(page, load_facts())
    lines = sorted(f.line for f in findings)
    # Line 4 and 6: precise dates, no source in the paragraph; line 16: a reference fact
    # dated by year, no source in its paragraph or section; line 9 cites in its box.
    assert lines == [4, 6, 16], [str(f) for f in findings]


def test_dates_are_read_in_french():
    assert [d[2] for d in dates_in("le 1ᵉʳ décembre 2014, puis en mars 2016 et en 2020 (Linux 2.6.24)")] == [
        Date(2014, 12, 1), Date(2016, 3), Date(2020),
    ]
    assert agrees(Date(2015), Date(2015, 7, 21)) == ""
    assert agrees(Date(2016), Date(2015)) == "wrong year"


def page_showing(tmp_path, body: str, data_name: str, data_text: str):
    """A rendered page whose French comes from a data file (a lab.toml, a figure's TOML)."""
    source = tmp_path / "chapitre.md"
    source.write_text("# Titre\n", encoding="utf-8")
    data = tmp_path / data_name
    data.write_text(data_text, encoding="utf-8")
    html = f'<article class="bd-article"><section id="t"><h1>Titre</h1>{body}</section></article>'
    page = parse_page(html, tmp_path / "chapitre.html", source)
    page.extra_sources = (data,)
    return page, data


def test_french_from_a_lab_toml_is_traced_to_that_file(tmp_path):
    page, lab_toml = page_showing(
        tmp_path,
        '<div class="lab"><p class="lab-privileges"><strong>Privilèges\u00a0: </strong><code>--cap-add SYS_ADMIN</code>'
        " — Monter un /proc demande CAP_SYS_ADMIN ; rien de plus.</p></div>",
        "lab.toml",
        'cap_add = ["SYS_ADMIN"]\nprivilege_reason = "Monter un /proc demande CAP_SYS_ADMIN ; rien de plus."\n',
    )
    findings = typography_findings([page])
    assert [(f.path, f.line) for f in findings] == [(lab_toml, 2)], [str(f) for f in findings]


def test_figure_descriptions_are_spelled_dated_and_spaced(tmp_path):
    description = "Frise : LXC 0.1.0 sort en août 2009, un conteneure léger."
    page, figure = page_showing(
        tmp_path, f'<svg role="img" aria-label="{description}"><text>x</text></svg>', "frise.toml", f'alt = """{description}"""\n',
    )
    assert [(f.path, f.line) for f in spelling_findings([page], load_wordlist())] == [(figure, 1)]
    # A tooltip, and the EPUB's description: « Frise : » may break before its colon.
    findings = typography_findings([page])
    assert [(f.path, f.line) for f in findings] == [(figure, 1)] and "ordinary space" in findings[0].message
    findings, _ = fact_findings(page, load_facts())
    assert [(f.path, f.message.split(":")[0]) for f in findings] == [(figure, "wrong year")]
    assert citation_findings(page, load_facts()) == []


def test_a_figure_description_with_non_breaking_spaces_is_not_a_finding(tmp_path):
    description = f"Frise{NBSP}: LXC en 2008{NBSP}; «{NBSP}dès{NBSP}» 2015."
    page, _ = page_showing(tmp_path, f'<svg role="img" aria-label="{description}"></svg>', "frise.toml", f'alt = """{description}"""\n')
    assert typography_findings([page]) == []


def test_words_drawn_in_a_figure_are_spaced_but_not_spelled(tmp_path):
    # A label of the drawing code, and a label of the data file; the spelling slip is not
    # checked (labels are names and fragments), the ordinary space is.
    labels = "<text>limite : </text><text>mount seul (Linux 2.4.19) ;</text><text>processsus</text>"
    page, figure = page_showing(
        tmp_path, f'<svg role="img" aria-label="Une frise.">{labels}</svg>', "frise.toml",
        'alt = "Une frise."\ndetails = ["mount seul (Linux 2.4.19) ;"]\n',
    )
    quotas = REPO_ROOT / "conf" / "_ext" / "figures" / "kinds" / "quotas.py"
    page.extra_sources += (quotas,)
    limit_line = next(n for n, line in enumerate(quotas.read_text(encoding="utf-8").splitlines(), 1) if line.startswith("LIMIT = "))
    findings = typography_findings([page])
    assert sorted((f.path.name, f.line) for f in findings) == [("frise.toml", 2), ("quotas.py", limit_line)], [str(f) for f in findings]
    assert spelling_findings([page], load_wordlist()) == []
    assert grammar_findings([page], [])[0] == []


def test_the_old_figure_text_fails_and_the_book_s_passes(tmp_path):
    """The timeline as the book draws it, from its data file with every U+00A0 before « : ; »
    and inside « » turned into an ordinary space: alt text, caption and a drawn label fail."""
    real = REPO_ROOT / "conf" / "figures" / "timeline.toml"
    text = real.read_text(encoding="utf-8")
    old = re.sub(f"{NBSP}(?=[:;!?»])", " ", text).replace(f"«{NBSP}", "« ")
    assert old != text
    broken = tmp_path / "timeline.toml"
    broken.write_text(old, encoding="utf-8")
    lines = old.splitlines()
    first = {key: next(n for n, line in enumerate(lines, 1) if line.startswith(key)) for key in ("alt =", "caption =")}
    alt_lines = set(range(first["alt ="], first["caption ="]))
    label_line = next(n for n, line in enumerate(lines, 1) if "mount seul" in line and "details" in line)
    source = tmp_path / "chapitre.md"
    source.write_text("# Titre\n", encoding="utf-8")
    for data_file in (real, broken):
        data = load_figure(data_file)
        alt, caption = data.text("alt"), data.text("caption")
        drawn = figure_svg.themed(figure_kinds.draw(data), alt)
        html = (
            '<article class="bd-article"><section id="t"><h1>Titre</h1><figure class="figure-data">'
            f'<div class="figure-data-frame">{drawn}</div><figcaption><p>{caption}</p></figcaption>'
            "</figure></section></article>"
        )
        page = parse_page(html, tmp_path / "chapitre.html", source)
        page.extra_sources = (data_file,)
        findings = typography_findings([page])
        if data_file == real:
            assert findings == [], [str(f) for f in findings]
            continue
        assert all(f.path == broken for f in findings), [str(f) for f in findings]
        found = {f.line for f in findings}
        assert found & alt_lines, "the alt text's ordinary spaces went unseen"
        assert first["caption ="] in found, "the caption's ordinary spaces went unseen"
        assert label_line in found, "the drawn label « mount seul (Linux 2.4.19) ; » went unseen"

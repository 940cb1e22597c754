"""`python -m labrunner new-chapter` / `new-lab`: the skeleton, its place in the toctree, and
the one-line refusals (a name that does not fit, a chapter or lab that exists already)."""

import subprocess
import sys

import pytest

from labrunner import options, scaffold

PART_INDEX = """# Une partie

```{toctree}
:maxdepth: 1

1-02-deux
1-04-quatre
```
"""


@pytest.fixture
def tree(tmp_path, monkeypatch):
    (tmp_path / "book" / "partie").mkdir(parents=True)
    (tmp_path / "book" / "partie" / "index.md").write_text(PART_INDEX, encoding="utf-8")
    for name in ("1-02-deux", "1-04-quatre"):
        (tmp_path / "book" / "partie" / f"{name}.md").write_text(f"# {name}\n", encoding="utf-8")
        (tmp_path / "snippets" / "partie" / name).mkdir(parents=True)
    monkeypatch.setenv("LABRUNNER_BOOK_ROOT", str(tmp_path / "book"))
    monkeypatch.setenv("LABRUNNER_SNIPPETS_ROOT", str(tmp_path / "snippets"))
    return tmp_path


def toctree_entries(tree) -> list[str]:
    text = (tree / "book" / "partie" / "index.md").read_text(encoding="utf-8")
    body = text.split(":maxdepth: 1\n\n", 1)[1].split("```", 1)[0]
    return body.split()


def test_a_new_chapter_is_written_and_listed_in_number_order(tree):
    written = scaffold.new_chapter("partie/1-03-trois", "Le   troisième chapitre")
    page = tree / "book" / "partie" / "1-03-trois.md"
    check = tree / "snippets" / "partie" / "1-03-trois" / "checks" / "test_1_03_chapter.py"
    assert written == [page, tree / "book" / "partie" / "index.md", check]
    assert page.read_text(encoding="utf-8").startswith("(ch-1-03)=\n# 1.03 Le troisième chapitre\n")
    assert '"(ch-1-03)="' in check.read_text(encoding="utf-8")
    assert toctree_entries(tree) == ["1-02-deux", "1-03-trois", "1-04-quatre"]


@pytest.mark.parametrize("name,position", [("1-01-un", 0), ("1-05-cinq", 2), ("2-01-suite", 2)])
def test_the_toctree_keeps_the_chapters_in_number_order(tree, name, position):
    scaffold.new_chapter(f"partie/{name}", "Titre")
    assert toctree_entries(tree).index(name) == position


def test_a_new_lab_has_a_script_and_its_title(tree):
    written = scaffold.new_lab("partie/1-02-deux", "01-bonjour", 'Un « bonjour »  et un \\ "guillemet"')
    folder = tree / "snippets" / "partie" / "1-02-deux" / "01-bonjour"
    assert written == [folder / "lab.sh", folder / "lab.toml"]
    assert options.load(folder / "lab.toml") == options.LabOptions(title='Un « bonjour » et un \\ "guillemet"')
    assert 'echo "Bonjour depuis le lab 01-bonjour."' in folder.joinpath("lab.sh").read_text(encoding="utf-8")


@pytest.mark.parametrize("spec,message", [
    ("partie/1-02-deux", "book/partie/1-02-deux.md exists already"),
    ("partie/1-02-autre", "chapter 1.02 exists already"),
    ("partie/1-2-court", "a chapter is named <part>/<N-NN-slug>"),
    ("partie/1-03-Majuscule", "a chapter is named <part>/<N-NN-slug>"),
    ("1-03-sans-partie", "a chapter is named <part>/<N-NN-slug>"),
    ("inconnue/1-03-trois", "book/inconnue/index.md does not exist"),
])
def test_a_chapter_that_cannot_be_made_is_refused(tree, spec, message):
    with pytest.raises(scaffold.ScaffoldError, match=message):
        scaffold.new_chapter(spec, "Titre")
    assert toctree_entries(tree) == ["1-02-deux", "1-04-quatre"]


@pytest.mark.parametrize("chapter,lab,message", [
    ("partie/1-02-deux", "1-court", "a lab is named NN-slug"),
    ("partie/1-09-absent", "01-x", "no chapter partie/1-09-absent"),
    ("partie/1-02-deux", "01-bonjour", "01-bonjour exists already"),
    ("partie/1-02-deux", "02-sans-titre", "the lab needs a title"),
])
def test_a_lab_that_cannot_be_made_is_refused(tree, chapter, lab, message):
    scaffold.new_lab("partie/1-02-deux", "01-bonjour", "Bonjour")
    with pytest.raises(scaffold.ScaffoldError, match=message):
        scaffold.new_lab(chapter, lab, "" if lab == "02-sans-titre" else "Titre")


def test_a_title_too_long_for_the_lab_block_is_refused(tree):
    with pytest.raises(scaffold.ScaffoldError, match="^TITLE: option 'title' must be a short line"):
        scaffold.new_lab("partie/1-02-deux", "01-bonjour", "mot " * 40)


def test_the_command_refuses_in_one_line(tree):
    done = subprocess.run([sys.executable, "-m", "labrunner", "new-chapter", "partie/1-02-deux", "--title", "x"],
                          capture_output=True, text=True, cwd=tree)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "labrunner: book/partie/1-02-deux.md exists already: chapter partie/1-02-deux is there; pick another name"
    ]

"""The {lab} and {illustrative} directives, built by Sphinx on the fixture book."""

import subprocess
import sys

from book_build import REPO_ROOT


def build(tree, outdir):
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(tree.root / "conf"), "-W", "--keep-going",
               "-q", "-E", str(tree.book), str(outdir)]
    return subprocess.run(command, cwd=REPO_ROOT, env=tree.env(), capture_output=True, text=True)


def test_a_lab_renders_snippet_privileges_output_and_provenance(tree, tmp_path):
    done = build(tree, tmp_path / "html")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "html" / "part" / "chapter.html").read_text(encoding="utf-8")
    assert "snippets/part/chapter/01-hello/lab.sh" in page and "bonjour depuis le lab" in page
    assert page.count('class="lab docutils container"') == 4
    assert page.count("aucun privilège particulier") == 4
    assert "Sortie vérifiée" in page and "cgroup v" in page and ", Docker " in page
    assert "Sortie d’erreur" in page and "Code de sortie attendu\u00a0: 3." in page
    assert "Exemple non exécuté" in page and "Configuration BSD, non exécutable sous Linux." in page
    assert "&lt;kernel&gt;" in page  # placeholders are shown as the suite checks them, and explained:
    assert "Avant la comparaison, la suite remplace ce qui change d’une machine ou d’une exécution à l’autre\u00a0: date (" in page
    assert "version du noyau (" in page and "valeurs particulières à ce lab." in page


def test_privileges_are_listed_with_their_reason(tree, tmp_path):
    (tree.chapter / "01-hello" / "lab.toml").write_text(
        'cap_add = ["SYS_ADMIN"]\nprivilege_reason = "Monter un système de fichiers demande CAP_SYS_ADMIN."\n')
    done = build(tree, tmp_path / "html")
    page = (tmp_path / "html" / "part" / "chapter.html").read_text(encoding="utf-8")
    assert '<span class="pre">--cap-add</span> <span class="pre">SYS_ADMIN</span></code> — Monter un système de fichiers ' \
        "demande CAP_SYS_ADMIN.</p>" in page, done.stderr


def test_a_dangling_lab_is_a_build_error_naming_page_and_line(tree, tmp_path):
    tree.edit(tree.page, "```{lab} 01-hello", "```{lab} 01-helo")
    done = build(tree, tmp_path / "html")
    assert done.returncode != 0
    assert f"{tree.page}:5: ERROR: {{lab}} 01-helo: no lab.sh or lab.py in " in done.stderr


def test_an_illustrative_block_needs_a_reason(tree, tmp_path):
    tree.edit(tree.page, ":reason: Configuration BSD, non exécutable sous Linux.\n", "")
    done = build(tree, tmp_path / "html")
    assert done.returncode != 0 and "{illustrative} needs :reason:" in done.stderr


def test_every_normalizer_is_explained_in_french():
    sys.path.insert(0, str(REPO_ROOT / "conf" / "_ext"))
    import labs
    from labrunner.normalize import NAMES

    assert set(labs.NORMALIZED) == set(NAMES)

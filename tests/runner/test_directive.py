"""The {lab} and {illustrative} directives, built by Sphinx on the fixture book."""

import shutil
import subprocess
import sys

from bs4 import BeautifulSoup

from book_build import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "conf" / "_ext"))
import lab_text  # noqa: E402  (the book's extensions, on the path above)


def build(tree, outdir):
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(tree.root / "conf"), "-W", "--keep-going",
               "-q", "-E", str(tree.book), str(outdir)]
    return subprocess.run(command, cwd=REPO_ROOT, env=tree.env(), capture_output=True, text=True)


def test_a_lab_renders_snippet_privileges_output_and_provenance(tree, tmp_path):
    done = build(tree, tmp_path / "html")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "html" / "part" / "chapter.html").read_text(encoding="utf-8")
    assert '<span class="pre">01-hello/</span><wbr/><span class="pre">lab.sh</span>' in page and "bonjour depuis le lab" in page
    assert page.count('class="lab docutils container"') == 4
    assert page.count("aucun privilège particulier") == 4
    assert "Sortie vérifiée" in page and "cgroup v" in page and "Docker 20.10" in page
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
        "demande CAP_SYS_ADMIN.</span></p>" in page, done.stderr


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
    import labs
    from labrunner.normalize import NAMES

    assert set(labs.NORMALIZED) == set(NAMES)


def _labs(page_path):
    return BeautifulSoup(page_path.read_text(encoding="utf-8"), "html.parser").select("div.lab")


def test_a_lab_block_has_a_number_a_name_its_parts_labelled_and_its_facts(tree, tmp_path):
    # A numbered chapter: the page 3-07-… numbers its labs 3.07-<NN of the folder>.
    shutil.move(tree.chapter, tree.snippets / "part" / "3-07-chapitre")
    tree.page.rename(tree.book / "part" / "3-07-chapitre.md")
    tree.edit(tree.book / "index.md", "part/chapter", "part/3-07-chapitre")
    done = build(tree, tmp_path / "html")
    assert done.returncode == 0, done.stderr
    labs = _labs(tmp_path / "html" / "part" / "3-07-chapitre.html")
    assert [lab.select_one(".lab-number").get_text() for lab in labs] == ["Lab 3.07-1", "Lab 3.07-2", "Lab 3.07-3", "Lab 3.07-4"]
    assert [lab["id"] for lab in labs] == ["lab-3-07-1", "lab-3-07-2", "lab-3-07-3", "lab-3-07-4"]
    first = labs[0]
    assert first.select_one(".lab-name") is None  # no title in lab.toml: the number alone (the folder's name is English)
    assert first.select_one(".lab-path").get_text() == "snippets/part/3-07-chapitre/01-hello/lab.sh"
    assert first.select_one(".lab-path wbr") is not None  # breaks after a slash, never mid-word
    assert [c.get_text(strip=True) for c in first.select(".lab-part .caption-text")] == ["Script", "Sortie"]
    assert first.select_one(".lab-script pre").get_text().startswith('echo "bonjour depuis le lab"')
    assert "bonjour depuis le lab" in first.select_one(".lab-output-part pre").get_text()
    names = [name.get_text() for name in first.select(".lab-facts .lab-fact-name")]
    assert names == ["Privilèges\u00a0:", "Conteneur\u00a0:", "Sortie vérifiée\u00a0:", "Rejouer ce lab\u00a0:"]
    settings = first.select_one(".lab-settings .lab-fact-value").get_text()
    assert settings == ("aucun réseau · 128\u00a0Mio de mémoire · 64\u00a0processus au plus · 1\u00a0CPU · "
                        "racine en lecture seule · arrêté après 30\u00a0s · image debian-base")
    assert first.select_one(".lab-settings code").get_text() == "debian-base"  # a name, not a French word
    assert first.select_one(".lab-replay code").get_text() == "make lab LAB=01-hello"
    # Only what the lab sets itself stands out: 04's timeout of 10 s, 03's nothing.
    assert [s.get_text() for s in labs[3].select(".lab-settings .lab-fact-value strong")] == ["arrêté après 10\u00a0s"]
    assert labs[2].select(".lab-settings .lab-fact-value strong") == []
    stderr_captions = [c.get_text(strip=True) for c in labs[3].select(".lab-part .caption-text")]
    assert stderr_captions == ["Script", "Sortie standard", "Sortie d’erreur"]


def test_a_lab_title_comes_from_lab_toml(tree, tmp_path):
    (tree.chapter / "01-hello" / "lab.toml").write_text('title = "Bonjour depuis un conteneur"\n')
    done = build(tree, tmp_path / "html")
    assert done.returncode == 0, done.stderr
    first = _labs(tmp_path / "html" / "part" / "chapter.html")[0]
    assert first.select_one(".lab-title").get_text() == "Lab 1 — Bonjour depuis un conteneur"


def test_the_lab_block_shows_the_runners_plain_docker_command(tree, tmp_path):
    done = build(tree, tmp_path / "html")
    assert done.returncode == 0, done.stderr
    replay = _labs(tmp_path / "html" / "part" / "chapter.html")[0].select_one(".lab-replay")
    command = replay.select_one(".lab-replay-command pre")
    assert command is not None, "no docker command in « Rejouer ce lab »: labrunner.recipe.docker_run_argv is missing"
    text = command.get_text()
    assert text.startswith("docker run") and "docker-en-pratique/debian-base" in text
    assert str(tree.snippets) not in text and '"$PWD"' in text  # run from the lab's folder, not the maintainer's


def test_a_lab_setting_reads_as_a_french_phrase():
    o = lab_text.options_module.LabOptions(memory="64m", cpus=0.5, pids=16, read_only=False, timeout=60, hostname="maison")
    texts = [(s.text, s.default, s.code) for s in lab_text.run_settings(o)]
    assert texts == [
        ("aucun réseau", True, ""), ("64\u00a0Mio de mémoire", False, ""), ("16\u00a0processus au plus", False, ""),
        ("0,5\u00a0CPU", False, ""), ("racine modifiable", False, ""), ("arrêté après 60\u00a0s", False, ""),
        ("image", True, "debian-base"), ("nom de machine", False, "maison"),
    ]


def test_a_docker_command_is_cut_in_lines_that_fit_with_each_option_beside_its_value():
    folder = "/home/auteur/livre/snippets/p/c/01-a"
    argv = ["docker", "run", "--rm", "--network", "none", "--memory", "128m", "--memory-swap", "128m",
            "--pids-limit", "64", "--read-only", "--tmpfs", "/tmp:rw,exec,nosuid,nodev,size=64m",
            "--cap-drop", "NET_RAW", "-e", "LANG=C.UTF-8", "-v", f"{folder}:/lab:ro", "--security-opt=x y",
            "docker-en-pratique/debian-base", "/bin/sh", "-c", 'exec 2>&1; exec "$@"', "sh", "/bin/sh", "/lab/lab.sh"]
    text = lab_text.shell_command(argv, folder)
    lines = text.split("\n")
    assert all(len(line) <= 72 for line in lines), lines
    assert all(line.endswith(" \\") for line in lines[:-1]) and lines[0].startswith("docker run --rm --network none")
    assert any("--tmpfs /tmp:rw,exec,nosuid,nodev,size=64m" in line for line in lines)
    assert '-v "$PWD":/lab:ro' in text and folder not in text and "'--security-opt=x y'" in text
    assert lines[-2:] == ["  docker-en-pratique/debian-base \\", """  /bin/sh -c 'exec 2>&1; exec "$@"' sh /bin/sh /lab/lab.sh"""]
    # What a shell reads back is the runner's argv, the lab's folder being the current one.
    import shlex
    assert shlex.split(text.replace("\\\n", " ").replace('"$PWD"', folder)) == argv


def test_lab_numbers_come_from_the_page_and_the_folder():
    assert lab_text.lab_number("docker-en-pratique/2-05-pourquoi-les-conteneurs", "04-bsd-jail-analogue") == "2.05-4"
    assert lab_text.lab_number("part/chapter", "12-cgroups-files") == "12"
    assert lab_text.anchor("2.05-4") == "lab-2-05-4"


def test_the_book_names_lab_images_as_the_runner_tags_them():
    from labrunner import images

    assert lab_text.IMAGE_REPOSITORY == images.REPOSITORY

"""The French README of a chapter's lab archive: what is inside, what is needed, how to run each lab.

Every command and setting comes from the lab folders (``lab_text``), the same words as the
book's lab blocks, so the archive and the page cannot tell two stories.
"""

from __future__ import annotations

from pathlib import Path

from labrunner import discovery

import lab_text

FENCE = "```"


def _lab_section(lab, number: str, name: str) -> list[str]:
    o = lab.options
    settings = " · ".join(s.text + (f" `{s.code}`" if s.code else "") for s in lab_text.run_settings(o))
    lines = [f"### Lab {number}" + (f" — {name}" if name else ""), "",
             f"- dossier\u00a0: `{lab.name}/`\u00a0;", f"- conteneur\u00a0: {settings}\u00a0;"]
    flags = lab_text.privilege_flags(o)
    lines.append(f"- privilèges\u00a0: {', '.join(f'`{flag}`' for flag in flags)}." if flags else
                 "- privilèges\u00a0: aucun privilège particulier.")
    if o.engine:
        lines += ["", "Ce lab pilote le moteur Docker par son socket\u00a0: lancez-le de préférence avec `make lab`, "
                  "qui retrouve et supprime tout ce qu’il laisserait derrière lui."]
    if o.exit_code:
        lines += ["", f"Code de sortie attendu\u00a0: {o.exit_code}."]
    lines += ["", "Depuis une copie du dépôt du livre\u00a0:", "", f"{FENCE}sh", lab_text.make_command(lab), FENCE]
    lines += ["", "Sans le dépôt, depuis le dossier de cette archive\u00a0:", "",
              f"{FENCE}sh", f"cd {lab.name}", lab_text.replay_command(lab), FENCE]
    return lines + [""]


def readme(chapter_title: str, labs: list[tuple[str, str, str]], repository: str | None) -> str:
    """README.md of the archive of chapter ``chapter_title`` holding ``labs`` (folder, number, name)."""
    found = [(discovery.lab_in_folder(Path(folder)), number, name) for folder, number, name in labs]
    images = sorted({lab.options.image for lab, _, _ in found})
    first_of = {image: next(lab.name for lab, _, _ in found if lab.options.image == image) for image in images}
    where = f" ({repository})" if repository else ""
    lines = [
        f"# {chapter_title}\u00a0: les labs", "",
        f"Cette archive accompagne le livre « Docker en pratique ». Elle contient les {len(found)}\u00a0labs du "
        "chapitre, un dossier par lab\u00a0: le script (`lab.sh` ou `lab.py`), ses réglages (`lab.toml`), "
        "la sortie que le livre affiche (`output.txt`, parfois `stderr.txt`) et la machine sur laquelle "
        "elle a été vérifiée (`record.json`).", "",
        "## Ce qu’il faut", "",
        "- Linux (ou une machine virtuelle Linux) avec un moteur Docker en fonctionnement\u00a0;",
        "- les images des labs\u00a0: " + ", ".join(f"`{lab_text.IMAGE_REPOSITORY}/{image}`" for image in images) + ".", "",
        f"Les images se construisent une fois, depuis une copie du dépôt du livre{where}\u00a0: "
        + ", ".join(f"`make lab LAB={first}` construit `{image}`" for image, first in first_of.items()) + ".", "",
        "## Lancer un lab", "",
        "Chaque lab se lance dans un conteneur, avec les réglages de son fichier `lab.toml`\u00a0: "
        "aucun réseau, une mémoire et un nombre de processus limités, une racine en lecture seule, "
        "et seulement les privilèges que le livre explique. La commande `docker run` donnée pour chaque lab "
        "est celle de la suite de tests du livre. Comparez ce qu’elle affiche au fichier `output.txt`\u00a0: "
        "ce qui change d’une machine à l’autre (numéros de processus, dates, identifiants) y est remplacé "
        "par un repère comme `<pid>`.", "",
        "## Les labs", "",
    ]
    for lab, number, name in found:
        lines += _lab_section(lab, number, name)
    return "\n".join(lines).rstrip("\n") + "\n"

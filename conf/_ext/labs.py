"""Sphinx directives of the book's labs: ``{lab}`` and ``{illustrative}``.

``{lab} <folder>`` shows a tested lab from the page's mirror folder in ``snippets/``: the
snippet, the privileges it needs, the expected output the suite checks, and where that
output was verified (from record.json). It reads lab.toml with the lab runner's own
parser, so the page and the suite never disagree. ``{illustrative} <language>`` shows code
that is not run, labelled as such, with its ``:reason:``.
"""

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.directives.code import container_wrapper
from sphinx.util.docutils import SphinxDirective

from labrunner import discovery, normalize, options, records
from labrunner.paths import display, mirror_folder, snippets_root

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre"]
LANGUAGES = {"bash": "bash", "python": "python"}
# What each normalizer replaces, for the reader who meets a placeholder in an output.
NORMALIZED = {
    "digest": ("empreinte d’image", "sha256:<digest>"), "container-id": ("identifiant de conteneur", "<container-id>"),
    "date": ("date", "<date>"), "duration": ("durée", "<duration>"), "pid": ("numéro de processus", "<pid>"),
    "size": ("taille", "<size>"), "generated-name": ("nom de conteneur généré", "<generated-name>"),
    "hostname": ("nom de la machine", "<hostname>"), "kernel": ("version du noyau", "<kernel>"),
}


def french_date(iso_day: str) -> str:
    year, month, day = (int(part) for part in iso_day.split("-"))
    return f"{'1er' if day == 1 else day} {MONTHS[month - 1]} {year}"


def _paragraph(classes: list[str], *children) -> nodes.paragraph:
    return nodes.paragraph("", "", *children, classes=classes)


def _privileges(lab_options: options.LabOptions) -> nodes.paragraph:
    children = [nodes.strong("", "Privilèges\u00a0: ")]
    flags = [f"--cap-add {c}" for c in lab_options.cap_add] + [f"--security-opt {s}" for s in lab_options.security_opt]
    if not flags and not lab_options.engine:
        children.append(nodes.Text("aucun privilège particulier."))
    for i, flag in enumerate(flags):
        children += [nodes.Text(", " if i else ""), nodes.literal(flag, flag)]
    if flags:
        children.append(nodes.Text(f" — {lab_options.privilege_reason.strip().rstrip('.')}."))
    if lab_options.engine:
        children.append(nodes.Text(" Ce lab pilote le moteur Docker (socket " if flags else "ce lab pilote le moteur Docker (socket "))
        children += [nodes.literal("", "/var/run/docker.sock"), nodes.Text(" monté dans son conteneur).")]
    return _paragraph(["lab-privileges"], *children)


def _normalized(lab_options: options.LabOptions) -> nodes.paragraph | None:
    """Which values of this machine or this run the shown output replaces by a placeholder."""
    named = [NORMALIZED[name] for name in normalize.NAMES if name in lab_options.normalize]
    if not named and not lab_options.normalize_regex:
        return None
    children = [nodes.Text("Avant la comparaison, la suite remplace ce qui change d’une machine ou d’une exécution à l’autre\u00a0: ")]
    for i, (what, placeholder) in enumerate(named):
        children += [nodes.Text(", " if i else ""), nodes.Text(f"{what} ("), nodes.literal("", placeholder), nodes.Text(")")]
    if lab_options.normalize_regex:
        children.append(nodes.Text((", " if named else "") + "valeurs particulières à ce lab"))
    children.append(nodes.Text("."))
    return _paragraph(["lab-normalized"], *children)


def _provenance(record: dict) -> nodes.paragraph:
    text = (f"le {french_date(record['date'])} avec {record['engine']} "
            f"({record['os']}, noyau {record['kernel']}, cgroup {record['cgroup']}).")
    return _paragraph(["lab-provenance"], nodes.strong("", "Sortie vérifiée "), nodes.Text(text))


class LabDirective(SphinxDirective):
    required_arguments = 1
    has_content = False

    def _literal(self, path: Path, language: str, caption: str, css_class: str) -> nodes.container:
        text = path.read_text(encoding="utf-8")
        block = nodes.literal_block(text, text, language=language, classes=[css_class])
        self.set_source_info(block)
        return container_wrapper(self, block, caption)

    def error(self, message):
        # Remember the page: Sphinx re-reads only changed pages, and the error must not vanish.
        _broken_pages(self.env).add(self.env.docname)
        return super().error(message)

    def run(self):
        folder = mirror_folder(self.env.docname) / self.arguments[0]
        try:
            lab = discovery.lab_in_folder(folder)
            if lab is None:
                raise self.error(f"{{lab}} {self.arguments[0]}: no lab.sh or lab.py in {display(folder)}")
            lab_options = lab.options
        except (options.OptionsError, discovery.LabError) as exc:
            raise self.error(str(exc)) from None
        expected = [(lab.output_file, "Sortie standard" if lab_options.stderr == "separate" else "Sortie")]
        if lab_options.stderr == "separate":
            expected.append((lab.stderr_file, "Sortie d’erreur"))
        for path in (lab.snippet, lab.toml_file, lab.record_file, *(p for p, _ in expected)):
            self.env.note_dependency(str(path))
        for path in (lab.record_file, *(p for p, _ in expected)):
            if not path.is_file():
                raise self.error(f"{display(path)} missing: run pytest --update-outputs {display(lab.snippet)}")
        relative = lab.snippet.relative_to(snippets_root())
        wrapper = nodes.container(classes=["lab"])
        wrapper += self._literal(lab.snippet, LANGUAGES[lab.language], f"`snippets/{relative.as_posix()}`", "lab-snippet")
        wrapper += _privileges(lab_options)
        for path, caption in expected:
            wrapper += self._literal(path, "text", caption, "lab-" + path.stem)
        normalized = _normalized(lab_options)
        if normalized:
            wrapper += normalized
        if lab_options.exit_code:
            wrapper += _paragraph(["lab-exit-code"], nodes.Text(f"Code de sortie attendu\u00a0: {lab_options.exit_code}."))
        wrapper += _provenance(records.read(lab))
        return [wrapper]


class IllustrativeDirective(SphinxDirective):
    """Code shown but not run (BSD jail.conf, rkt...): labelled, with the reason why."""

    optional_arguments = 1
    has_content = True
    option_spec = {"reason": directives.unchanged_required}

    def run(self):
        reason = self.options.get("reason", "").strip()
        if not reason:
            raise self.error("{illustrative} needs :reason: (why this code is not run, in French)")
        text = "\n".join(self.content)
        language = self.arguments[0] if self.arguments else "text"
        block = nodes.literal_block(text, text, language=language)
        self.set_source_info(block)
        label = _paragraph(["illustrative-label"], nodes.strong("", "Exemple non exécuté\u00a0: "), nodes.Text(reason))
        return [nodes.container("", label, block, classes=["illustrative"])]


def _broken_pages(env) -> set:
    if not hasattr(env, "labs_broken_pages"):
        env.labs_broken_pages = set()
    return env.labs_broken_pages


def _purge(app, env, docname):
    _broken_pages(env).discard(docname)


def _merge(app, env, docnames, other):
    _broken_pages(env).update(_broken_pages(other))


def _outdated(app, env, added, changed, removed):
    """Pages whose {lab} failed are read again on every build until they are fixed."""
    return sorted(_broken_pages(env) - set(removed))


def setup(app):
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-outdated", _outdated)
    app.add_directive("lab", LabDirective)
    app.add_directive("illustrative", IllustrativeDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

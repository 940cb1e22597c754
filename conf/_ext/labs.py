"""Sphinx directives of the book's labs: ``{lab}`` and ``{illustrative}``.

``{lab} <folder>`` shows a tested lab from the page's mirror folder in ``snippets/``: its
number and name (« Lab 2.05-4 », lab.toml ``title``), the script, the expected output the
suite checks, then its facts: the privileges it needs, its container's settings, where that
output was verified (record.json) and how to replay it. It reads lab.toml with the lab
runner's own parser, so the page and the suite never disagree; the words shared with the
chapter's archive are in lab_text.py. ``{illustrative} <language>`` shows code
that is not run, labelled as such, with its ``:reason:``.
"""

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.directives.code import LiteralInclude, container_wrapper
from sphinx.util.docutils import SphinxDirective
from sphinx_design.shared import create_component

from labrunner import discovery, normalize, options, paths, records
from labrunner.paths import display, mirror_folder, snippets_root

import lab_archive  # the book's own extensions (conf/_ext, on the path set by conf.py)
import lab_text

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


def _fact(kind: str, name: str, *value) -> nodes.paragraph:
    """One line of the lab's facts: a short name, then its value (a grid row on wide screens)."""
    return _paragraph(["lab-fact", kind], nodes.strong("", f"{name}\u00a0:", classes=["lab-fact-name"]),
                      nodes.Text(" "), nodes.inline("", "", *value, classes=["lab-fact-value"]))


def _joined(parts: list[nodes.Node]) -> list[nodes.Node]:
    """Parts separated by a middle dot, a separator the eye skips when scanning."""
    joined = []
    for i, part in enumerate(parts):
        joined += [nodes.Text(" · ")] if i else []
        joined.append(part)
    return joined


def _privileges(lab_options: options.LabOptions) -> nodes.paragraph:
    flags = lab_text.privilege_flags(lab_options)
    children = []
    for i, flag in enumerate(flags):
        children += [nodes.Text(", " if i else ""), nodes.literal(flag, flag)]
    if flags:
        children.append(nodes.Text(f" — {lab_options.privilege_reason.strip().rstrip('.')}."))
    if lab_options.engine:
        children.append(nodes.Text(" Ce lab pilote le moteur Docker (socket " if flags else "ce lab pilote le moteur Docker (socket "))
        children += [nodes.literal("", "/var/run/docker.sock"), nodes.Text(" monté dans son conteneur).")]
        if not flags and lab_options.privilege_reason.strip():  # what the containers it starts get
            children.append(nodes.Text(f" {lab_options.privilege_reason.strip()}"))
    if not children:
        children.append(nodes.Text("aucun privilège particulier."))
    return _fact("lab-privileges", "Privilèges", *children)


def _settings(lab_options: options.LabOptions) -> nodes.paragraph:
    """The container's limits from lab.toml; the lab's own choices (not the defaults) in bold."""
    parts = []
    for s in lab_text.run_settings(lab_options):
        children = [nodes.Text(s.text)] + ([nodes.Text(" "), nodes.literal(s.code, s.code)] if s.code else [])
        parts.append(nodes.inline("", "", *children) if s.default else nodes.strong("", "", *children))
    return _fact("lab-settings", "Conteneur", *_joined(parts))


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
    return _paragraph(["lab-note", "lab-normalized"], *children)


def _platform_parts(facts: dict) -> list[str]:
    versions = ", ".join(f"{name} {facts[name]}" for name in ("containerd", "runc") if facts.get(name, "?") != "?")
    return [f"cgroup {facts['cgroup']}", facts["engine"] + (f" ({versions})" if versions else ""), facts["os"],
            f"noyau {facts['kernel']}", f"le {french_date(facts['date'])}"]


def _provenance(record: dict) -> nodes.paragraph:
    """Every platform the output was verified on, the book's own (cgroup v2) first."""
    value = []
    for i, facts in enumerate(records.verified(record).values()):
        value += [nodes.Text("\u00a0; ")] if i else []
        value += _joined([nodes.Text(part) for part in _platform_parts(facts)])
    return _fact("lab-provenance", "Sortie vérifiée", *value)


def _replay(lab) -> nodes.container:
    """« Rejouer ce lab »: the runner's command, and the plain docker command of the runner's recipe."""
    make = lab_text.make_command(lab)
    value = [nodes.literal(make, make), nodes.Text(" depuis une copie du dépôt du livre\u00a0; sans le dépôt, "
                                                   "la même commande Docker, lancée depuis le dossier du lab\u00a0:")]
    command = lab_text.replay_command(lab)
    block = nodes.literal_block(command, command, language="bash", classes=["lab-replay-command"])
    return nodes.container("", _fact("lab-replay-line", "Rejouer ce lab", *value), block, classes=["lab-replay"])


def _path(relative: str) -> nodes.paragraph:
    """The snippet's path, secondary: small, and breakable only after a slash (<wbr>), never mid-word."""
    pieces = []
    for i, piece in enumerate(relative.split("/")):
        pieces += [nodes.raw("", "<wbr/>", format="html")] if i else []
        pieces.append(nodes.Text(piece + ("/" if i < relative.count("/") else "")))
    return _paragraph(["lab-path"], nodes.literal("", "", *pieces))


def _title(number: str, name: str) -> nodes.paragraph:
    named = [nodes.Text(" — "), nodes.inline("", name, classes=["lab-name"])] if name else []
    return _paragraph(["lab-title"], nodes.inline("", f"Lab {number}", classes=["lab-number"]), *named)


class LabDirective(SphinxDirective):
    required_arguments = 1
    has_content = False

    def _literal(self, path: Path, language: str, caption: str, classes: list[str]) -> nodes.container:
        text = paths.read_text(path)
        block = nodes.literal_block(text, text, language=language, classes=[classes[-1]])
        self.set_source_info(block)
        wrapper = container_wrapper(self, block, caption)
        wrapper["classes"] += ["lab-part", *classes[:-1]]
        return wrapper

    def _output(self, path: Path, caption: str) -> nodes.Node:
        """An expected output; where a cgroup v1 platform prints something else, both, in tabs:
        the book's platform (cgroup v2) first, each under its own label."""
        variant = discovery.variant_file(path, discovery.CGROUP_V1_VARIANT)
        if not variant.is_file():
            return self._literal(path, "text", caption, ["lab-output-part", "lab-" + path.stem])
        self.env.note_dependency(str(variant))
        tab_set = create_component("tab-set", classes=["sd-tab-set", "lab-output-platforms"])
        for label, shown in (("cgroup v2", path), ("cgroup v1", variant)):
            item = create_component("tab-item", classes=["sd-tab-item"], selected=shown == path)
            item += nodes.rubric(label, label, classes=["sd-tab-label"])
            content = create_component("tab-content", classes=["sd-tab-content"])
            content += self._literal(shown, "text", f"{caption} ({label})", ["lab-output-part", "lab-" + path.stem])
            item += content
            tab_set += item
        return tab_set

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
        number = lab_text.lab_number(self.env.docname, lab.name)
        name = lab_options.title  # none: the number alone (a folder's name is English, for maintainers)
        lab_archive.note_lab(self.env, self.env.docname, lab.folder, number, name)
        relative = lab.snippet.relative_to(snippets_root())
        wrapper = nodes.container(classes=["lab"], ids=[lab_text.anchor(number)])
        wrapper += _title(number, name)
        wrapper += _path(f"snippets/{relative.as_posix()}")
        wrapper += self._literal(lab.snippet, LANGUAGES[lab.language], "Script", ["lab-script", "lab-snippet"])
        for path, caption in expected:
            wrapper += self._output(path, caption)
        normalized = _normalized(lab_options)
        if normalized:
            wrapper += normalized
        if lab_options.exit_code:
            wrapper += _paragraph(["lab-note", "lab-exit-code"], nodes.Text(f"Code de sortie attendu\u00a0: {lab_options.exit_code}."))
        wrapper += nodes.container("", _privileges(lab_options), _settings(lab_options), _provenance(records.read(lab)),
                                   _replay(lab), classes=["lab-facts"])
        return [wrapper]


class ContainedLiteralInclude(LiteralInclude):
    """Sphinx's literalinclude, refusing a file that leads out of the repository (``../../etc/passwd``,
    a symlink): the book never publishes a file of the machine that builds it."""

    def run(self):
        try:
            paths.inside(Path(self.env.relfn2path(self.arguments[0])[1]))
        except paths.OutsideError as exc:
            raise self.error(f"{{literalinclude}} {self.arguments[0]}: {exc}") from None
        return super().run()


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


def _code_fingerprint() -> str:
    """A hash of the code that renders lab blocks (this extension and the runner's core): when it
    changes, every page is read again (a config value with rebuild="env"), not only edited pages."""
    import hashlib

    import labrunner

    digest = hashlib.sha256()
    for path in sorted([Path(__file__), *Path(labrunner.__file__).parent.glob("*.py")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def setup(app):
    app.add_config_value("labs_code_fingerprint", _code_fingerprint(), "env")
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-outdated", _outdated)
    app.add_directive("lab", LabDirective)
    app.add_directive("illustrative", IllustrativeDirective)
    app.add_directive("literalinclude", ContainedLiteralInclude, override=True)
    app.setup_extension("lab_archive")  # the chapters' labs to take away, built with the book
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}

"""What chapter 2.05 must keep from its seed, and checks that report what is missing.

The expectations below are the seed's own content (milestones, analogies, objectives):
the chapter may be rewritten and enriched, never thinned. Each check returns the list of
what is missing, so a test can show every gap at once and a self-test can prove the check
fails when something is removed.
"""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import BeautifulSoup

from bookpages import article, normalize, section_of

CHAPTER_PAGE = "docker-en-pratique/2-05-pourquoi-les-conteneurs.html"
CHAPTER_SOURCE = "book/docker-en-pratique/2-05-pourquoi-les-conteneurs.md"


@dataclass(frozen=True)
class Milestone:
    year: str
    name: str
    label: str  # the explicit `(label)=` target of its section

    @property
    def heading(self) -> str:
        return f"{self.year} : {self.name}"


MILESTONES = (
    Milestone("1979", "Chroot", "jalon-1979-chroot"),
    Milestone("2000", "BSD Jail", "jalon-2000-bsd-jail"),
    Milestone("2001", "Vserver", "jalon-2001-vserver"),
    Milestone("2002", "Linux Namespaces", "jalon-2002-namespaces"),
    Milestone("2006", "Process Containers (cgroups)", "jalon-2006-cgroups"),
    Milestone("2008", "LXC", "jalon-2008-lxc"),
    Milestone("2013", "Docker", "jalon-2013-docker"),
    Milestone("2014", "rkt", "jalon-2014-rkt"),
    Milestone("2016", "runc, containerd, cri-o", "jalon-2016-oci"),
    Milestone("2018", "Kubernetes", "jalon-2018-kubernetes"),
)

# Milestones whose seed date facts.md marks approximate or wrong: a « Repères » box with
# sources must sit in their section.
CORRECTED_MILESTONES = ("jalon-2002-namespaces", "jalon-2016-oci", "jalon-2018-kubernetes")

# Key phrases of each analogy of the seed, which must sit in an analogy box.
ANALOGIES = {
    "la maison dans la maison": ("combles", "maison dans la maison", "casserole", "brosse à dents", "localement"),
    "la multinationale": ("multinationale", "filiale française", "1251", "1265", "RH centrales", "numéro local"),
    "le quota de console": ("console de jeu portable", "une heure de console par jour", "identifie", "bloque", "parents"),
}

OBJECTIVES = (
    "Connaître l'histoire des conteneurs",
    "Comprendre les raisons du développement des conteneurs",
    "Identifier les problèmes réseau et persistance associés",
)

# The seed's three reading factors.
FACTORS = ("Des évolutions techniques", "la persistance des données", "la distribution du service sur le réseau")

# Typos of the seed that must not reach the book.
SEED_TYPOS = ("identiie", "consomemation", "cu CNCF", "staandard", "péréclité")


def _text(soup) -> str:
    return normalize(soup.get_text(" "))


def missing_milestones(soup: BeautifulSoup) -> list[str]:
    headings = {normalize(h.get_text(" ")).rstrip("#").strip() for h in article(soup).find_all(["h2", "h3"])}
    return [m.heading for m in MILESTONES if m.heading not in headings or section_of(soup, m.label) is None]


def milestones_without_badge(soup: BeautifulSoup) -> list[str]:
    """Every milestone shows its reading factors as sphinx-design badges."""
    missing = []
    for m in MILESTONES:
        section = section_of(soup, m.label)
        if section is None or not section.select(".sd-badge"):
            missing.append(m.heading)
    return missing


def missing_analogies(soup: BeautifulSoup) -> list[str]:
    boxes = [_text(box) for box in article(soup).select(".admonition.analogie")]
    missing = []
    for name, phrases in ANALOGIES.items():
        if not any(all(normalize(p) in box for p in phrases) for box in boxes):
            missing.append(name)
    return missing


def missing_objectives(soup: BeautifulSoup) -> list[str]:
    text = _text(article(soup))
    return [o for o in OBJECTIVES if normalize(o) not in text]


def objectives_without_exercise(soup: BeautifulSoup) -> list[str]:
    """Each objective has an exercise naming it, with a solution hidden in a dropdown."""
    exercises = [
        _text(box).lower()
        for box in article(soup).select(".admonition.exercice")
        if box.select("details.sd-dropdown")
    ]
    return [o for o in OBJECTIVES if not any(normalize(o).lower() in e for e in exercises)]


def missing_factors(soup: BeautifulSoup) -> list[str]:
    text = _text(article(soup))
    return [f for f in FACTORS if normalize(f) not in text]


def corrections_without_source(soup: BeautifulSoup) -> list[str]:
    """Approximate or wrong seed dates get a « Repères » box citing the bibliography."""
    missing = []
    for label in CORRECTED_MILESTONES:
        section = section_of(soup, label)
        boxes = section.select(".admonition.reperes") if section is not None else []
        if not any(box.select('a[href*="bibliographie.html#"]') for box in boxes):
            missing.append(label)
    return missing

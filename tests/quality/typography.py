"""French typography rules on rendered prose (what the reader sees).

Each rule finds spans in one prose block and says what to type instead. URLs, clock times
("12:30") and inline code (already replaced by a placeholder) are masked first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NBSP = "\u00a0"
NNBSP = "\u202f"
_HARD = NBSP + NNBSP

_MASKS = [
    re.compile(r"\b[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE),  # http://..., ftp://...
    re.compile(r"\bwww\.\S+", re.IGNORECASE),
    re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)"),  # 12:30, 09:05:12
    re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+"),  # e-mail addresses
]
_MASK_CHAR = "\u2063"  # invisible separator: matched by none of the rules below


def mask(text: str) -> str:
    """text with URLs, times and addresses blanked out, same length (offsets stay valid)."""
    for pattern in _MASKS:
        text = pattern.sub(lambda m: _MASK_CHAR * len(m.group()), text)
    return text


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    advice: str


# Words whose capital is accented in French; the list covers the usual slips.
UNACCENTED_CAPITALS = {
    "Etat": "État", "Etats": "États", "Ecole": "École", "Ecoles": "Écoles", "Etape": "Étape",
    "Etapes": "Étapes", "Evolution": "Évolution", "Evolutions": "Évolutions", "Element": "Élément",
    "Elements": "Éléments", "Equipe": "Équipe", "Equipes": "Équipes", "Evenement": "Événement",
    "Evénement": "Événement", "Etude": "Étude", "Etudes": "Études", "Epoque": "Époque",
    "Economie": "Économie", "Energie": "Énergie", "Ecran": "Écran", "Ecriture": "Écriture",
    "Ecrire": "Écrire", "Egalement": "Également", "Eviter": "Éviter", "Executer": "Exécuter",
    "Execution": "Exécution", "Etre": "Être", "Eté": "Été", "Ete": "Été", "Enorme": "Énorme",
    "Evidemment": "Évidemment", "Edition": "Édition", "Editeur": "Éditeur", "Echelle": "Échelle",
    "Echange": "Échange", "Echec": "Échec", "Elaborer": "Élaborer", "Electricite": "Électricité",
    "Electricité": "Électricité", "Emulation": "Émulation", "Enoncé": "Énoncé", "Evaluer": "Évaluer",
    "Ca": "Ça", "Deja": "Déjà", "Apres": "Après",
}

RULES = [
    Rule(
        "glued-punctuation",
        re.compile(r"(?<=[^\s" + _HARD + r"(\[«!?;:])[;:!?]"),
        "no space before '{m}': type a non-breaking space (U+00A0) or a narrow one (U+202F) before it",
    ),
    Rule(
        "breaking-space-before-punctuation",
        re.compile(r"(?<=[^\s" + _HARD + r"]) (?=[;:!?](?:\s|$|[»)\]" + _HARD + r"]))"),
        "ordinary space before punctuation: the line may break there; type U+00A0 or U+202F instead",
    ),
    Rule(
        "guillemet-without-nbsp",
        re.compile(r"«(?![" + _HARD + r"])|(?<![" + _HARD + r"])»"),
        "'{m}' needs a non-breaking space (U+00A0 or U+202F) on its inner side: « texte »",
    ),
    Rule(
        "english-quotes",
        re.compile(r"[\"“”„‟]"),
        "English quotation mark '{m}': use French guillemets « » (with U+00A0 inside)",
    ),
    Rule(
        "straight-or-wrong-apostrophe",
        re.compile(r"(?<=\w)['‘´`](?=\w)"),
        "apostrophe '{m}': the book uses the typographic apostrophe ’ (U+2019)",
    ),
    Rule(
        "three-dots",
        re.compile(r"\.\.\.+"),
        "three dots: use the ellipsis character … (U+2026)",
    ),
    Rule(
        "unaccented-capital",
        re.compile(r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, UNACCENTED_CAPITALS), key=len, reverse=True)) + r")(?!\w)"),
        "unaccented capital in '{m}': write '{fix}'",
    ),
    Rule(
        "unaccented-capital-a",
        # "A la fin", "A partir de": a sentence starting with the preposition à.
        re.compile(r"(?:^|(?<=[.!?:«" + _HARD + r"] ))A(?= [a-zà-ÿ’'])"),
        "sentence starting with 'A' followed by a word: the preposition is written 'À'",
    ),
    Rule(
        "double-space",
        re.compile(r"[ " + _HARD + r"]{2,}"),
        "two spaces in a row: keep one",
    ),
]


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    rule: str
    message: str


def typography_hits(text: str) -> list[Hit]:
    """Every typography problem in one rendered prose block."""
    masked = mask(text)
    hits = []
    for rule in RULES:
        for m in rule.pattern.finditer(masked):
            fix = UNACCENTED_CAPITALS.get(m.group(), "")
            message = rule.advice.format(m=m.group(), fix=fix)
            hits.append(Hit(m.start(), m.end(), rule.name, message))
    return hits


def excerpt(text: str, start: int, end: int, width: int = 25) -> str:
    """The finding with a little context, spaces made visible, for the report."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    shown = text[left:start] + "⟦" + text[start:end] + "⟧" + text[end:right]
    shown = shown.replace(NBSP, "⍽").replace(NNBSP, "⍽")
    return ("…" if left else "") + shown + ("…" if right < len(text) else "")

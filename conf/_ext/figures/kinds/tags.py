"""The reading factors of the course (E, P, R) drawn as small coloured badges."""

from ..dot import esc
from ..palette import colour

TAG_ROLES = {"E": "tag-e", "P": "tag-p", "R": "tag-r"}


def badge(tag: str, text: str = "") -> str:
    """One badge cell (HTML-like label), same colours as the chapter's sphinx-design badges."""
    role = TAG_ROLES[tag]
    label = f"<B>{tag}</B>" + (f"&#160;{esc(text)}" if text else "")
    return (
        f'<TD BGCOLOR="{colour(role)}" STYLE="rounded" CELLPADDING="2">'
        f'<FONT COLOR="{colour(role + "-ink")}" POINT-SIZE="10">{label}</FONT></TD>'
    )


def check(tags: list[str], table) -> None:
    unknown = [t for t in tags if t not in TAG_ROLES]
    if unknown:
        raise table.fail(f"unknown tag(s) {unknown}; use E, P or R")

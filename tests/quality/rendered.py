"""Reader's-eye view of the built book: the prose blocks of each HTML page, code left out.

The checks run on what the reader sees (after MyST, roles and smart quotes), not on the
Markdown. Code, literal output, the lab boxes' snippets and the theme's chrome are not prose:
only the page's article body is read, and <pre>, <code> and friends are replaced by one
placeholder character so the words around them do not glue together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Stands for an inline code span inside prose ("la commande ￼ permet ...").
CODE_PLACEHOLDER = "\ufffc"

SOURCE_SUFFIXES = (".md", ".rst", ".ipynb")
# Pages Sphinx generates without a source file.
GENERATED_PAGES = {"genindex", "search", "py-modindex"}

# Elements whose text is never prose.
SKIPPED_TAGS = {"pre", "code", "kbd", "samp", "tt", "script", "style", "svg", "math", "button", "template", "var"}
# Classes whose whole element is not prose: code blocks, permalinks, copy buttons, formulas.
# "github"/"gitlab": links the theme shortens to "owner/repo", an address rather than prose.
# "lab-provenance": the machine a lab output was recorded on (OS, kernel), data not prose.
SKIPPED_CLASSES = {
    "highlight", "literal-block", "headerlink", "copybtn", "math", "notranslate", "pre", "github", "gitlab",
    "lab-provenance",
}
# Blocks of this tag are figure descriptions read aloud by screen readers (alt, aria-label),
# also shown as a tooltip (the SVG's <title>) and in the EPUB: spelling, dates and typography
# are checked, grammar is not (terse, list-like descriptions).
ALT_TEXT = "img"
# White space an attribute's value may hold for layout; U+00A0 and U+202F are the author's.
_ASCII_SPACES = re.compile(r"[ \t\n\r\f]+")
# Blocks of this tag are the words drawn inside an inline SVG figure (one <text> element each:
# a label, one line of a legend). The reader sees them: typography and dates are checked;
# spelling and grammar are not, labels are names and fragments (dockerd, cpu, pids).
FIGURE_TEXT = "svg-text"
# Elements that end one prose block and start another.
BLOCK_TAGS = {
    "p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "caption",
    "figcaption", "blockquote", "div", "section", "article", "aside", "table", "tr", "ul",
    "ol", "dl", "details", "summary", "figure", "header", "footer", "nav", "hr",
}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Elements that group blocks: a citation anywhere inside counts for every block inside.
CONTAINER_TAGS = {"ul", "ol", "dl", "table", "aside", "blockquote", "details", "figure"}
CONTAINER_CLASSES = {"admonition", "sidebar", "topic", "sd-card"}
VOID_TAGS = {"br", "img", "hr", "meta", "link", "input", "wbr", "source", "col", "area", "base", "embed"}


@dataclass
class Block:
    """One paragraph, list item, table cell or heading as rendered."""

    text: str
    tag: str
    links: frozenset[str]  # hrefs in the block and in the boxes/lists/tables around it
    section: str = ""  # id of the innermost <section> holding the block
    term: str = ""  # for a definition (<dd>): the term it defines (<dt>)
    row: int = -1  # for a table cell: which row (cells of one row share it)
    # Spans of text in another language (an element with lang="en", from MyST's
    # [text]{.language-en}) and in italics (<em>: foreign terms, by French convention).
    foreign: tuple[tuple[int, int], ...] = ()
    italic: tuple[tuple[int, int], ...] = ()

    def in_foreign(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.foreign)


@dataclass
class Page:
    html_path: Path
    source_path: Path
    blocks: list[Block] = field(default_factory=list)
    section_titles: dict[str, str] = field(default_factory=dict)
    # Links found directly in each section (not in its subsections).
    section_links: dict[str, frozenset[str]] = field(default_factory=dict)
    # Other files whose French the page shows: its labs' lab.toml, the figures' captions.
    extra_sources: tuple[Path, ...] = ()


def _is_article_root(tag: str, attrs: dict[str, str]) -> bool:
    classes = set(attrs.get("class", "").split())
    return (
        (tag == "article" and "bd-article" in classes)  # sphinx-book-theme, pydata
        or attrs.get("itemprop") == "articleBody"  # basic, alabaster, furo
    )


class _ProseParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found_article = False
        self.blocks: list[Block] = []
        self._stack: list[tuple[str, bool, int | None]] = []  # (tag, skipped, container id)
        self._article_depth: int | None = None
        self._skip_depth: int | None = None
        self._text: list[str] = []
        self._links: set[str] = set()
        self._block_tag = "p"
        self._containers: dict[int, set[str]] = {}
        self._block_containers: list[tuple[int, ...]] = []
        self._next_container = 0
        self._sections: list[str] = []
        self.section_titles: dict[str, str] = {}
        self.section_links: dict[str, set[str]] = {}
        self._last_term = ""
        self._row = -1
        self._spans: dict[str, list[tuple[int, int]]] = {"foreign": [], "italic": []}
        self._open_spans: list[tuple[str, int, int]] = []  # (kind, stack depth, start offset)
        self._figure_blocks: list[Block] = []  # alt texts and figure texts, outside the flow
        self._figure_text: list[str] | None = None  # words of the SVG <text> being read

    # -- helpers -----------------------------------------------------------------
    def _section(self) -> str:
        """Id of the innermost open <section>, or "" outside any."""
        return self._sections[-1] if self._sections else ""

    def _open_containers(self) -> tuple[int, ...]:
        return tuple(cid for _, _, cid in self._stack if cid is not None)

    def _inside(self, *tags: str) -> bool:
        return any(tag in tags for tag, _, _ in self._stack)

    def _offset(self) -> int:
        return sum(len(piece) for piece in self._text)

    def _span_starts(self, kind: str) -> list[int]:
        return [start for k, _, start in self._open_spans if k == kind]

    def _restart_spans(self) -> None:
        self._open_spans = [(k, depth, 0) for k, depth, _ in self._open_spans]

    def _flush(self) -> None:
        raw = "".join(self._text)
        text = raw.strip(" \n\t\r")
        lead = len(raw) - len(raw.lstrip(" \n\t\r"))
        spans = {}
        for kind, found in self._spans.items():
            # Spans still open continue in the next block: close them here, reopen there.
            found = found + [(start, len(raw)) for start in self._span_starts(kind)]
            spans[kind] = tuple(
                (max(0, a - lead), min(len(text), b - lead)) for a, b in found if min(len(text), b - lead) > max(0, a - lead)
            )
            self._spans[kind] = []
        self._restart_spans()
        if text and text != CODE_PLACEHOLDER:
            # A caption's paragraph is tagged as the caption: it may come from a figure's data.
            tag = "figcaption" if self._inside("figcaption") else self._block_tag
            block = Block(
                text=text, tag=tag, links=frozenset(self._links), section=self._section(),
                term=self._last_term if self._inside("dd") else "",
                row=self._row if self._inside("td", "th") else -1,
                foreign=spans["foreign"], italic=spans["italic"],
            )
            self.blocks.append(block)
            self._block_containers.append(self._open_containers())
            if self._inside("dt"):
                self._last_term = text
            if self._block_tag in HEADING_TAGS and block.section and block.section not in self.section_titles:
                self.section_titles[block.section] = text
        self._text = []
        self._links = set()

    def finish(self) -> list[Block]:
        self._flush()
        self.blocks += self._figure_blocks
        self._block_containers += [()] * len(self._figure_blocks)
        for i, block in enumerate(self.blocks):
            around = set()
            for cid in self._block_containers[i]:
                around |= self._containers[cid]
            block.links = block.links | frozenset(around)
        return self.blocks

    # -- parser callbacks ----------------------------------------------------------
    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        if self._article_depth is None:
            if _is_article_root(tag, attrs):
                self.found_article = True
                self._article_depth = len(self._stack)
                self._stack.append((tag, False, None))
            return
        # What a screen reader says instead of a figure (<img alt>, <svg role="img" aria-label>)
        # is prose too: a block of its own.
        alt = attrs.get("alt", "") if tag == "img" else (attrs.get("aria-label", "") if attrs.get("role") == "img" else "")
        if alt.strip() and self._skip_depth is None:
            # Not " ".join(alt.split()): that would turn every U+00A0 into a plain space too.
            alt = _ASCII_SPACES.sub(" ", alt).strip(" ")
            self._figure_blocks.append(Block(alt, ALT_TEXT, frozenset(), self._section()))
        # The words drawn in an inline figure (the <svg> itself is skipped as prose).
        if tag == "text" and self._inside("svg"):
            self._figure_text = []
        if tag in VOID_TAGS:
            if tag in ("br", "hr") and self._skip_depth is None:
                self._text.append(" ")
            return
        classes = set(attrs.get("class", "").split())
        skipped = self._skip_depth is None and (tag in SKIPPED_TAGS or bool(classes & SKIPPED_CLASSES))
        href = attrs.get("href") if tag == "a" else None
        if href and self._skip_depth is None and not skipped:
            self._links.add(href)
            if self._sections:
                self.section_links[self._sections[-1]].add(href)
            for cid in self._open_containers():
                self._containers[cid].add(href)
        if skipped:
            if "headerlink" not in classes:
                self._text.append(CODE_PLACEHOLDER)
            self._skip_depth = len(self._stack)
        elif self._skip_depth is None and tag in BLOCK_TAGS:
            self._flush()
            self._block_tag = tag
        cid = None
        if tag in CONTAINER_TAGS or (tag == "div" and classes & CONTAINER_CLASSES):
            cid = self._next_container
            self._next_container += 1
            self._containers[cid] = set()
        lang = attrs.get("lang", "")
        if self._skip_depth is None and not skipped:
            if lang and not lang.lower().startswith("fr"):
                self._open_spans.append(("foreign", len(self._stack), self._offset()))
            elif tag in ("em", "i", "cite"):
                self._open_spans.append(("italic", len(self._stack), self._offset()))
        if tag == "section":
            self._sections.append(attrs.get("id", f"section-{len(self.section_links)}"))
            self.section_links.setdefault(self._sections[-1], set())
        elif tag == "tr":
            self._row += 1
        self._stack.append((tag, skipped, cid))

    def handle_endtag(self, tag: str) -> None:
        if self._article_depth is None or tag in VOID_TAGS:
            return
        if tag == "text" and self._figure_text is not None:
            text = "".join(self._figure_text).strip(" \n\t\r")
            if text:
                self._figure_blocks.append(Block(text, FIGURE_TEXT, frozenset(), self._section()))
            self._figure_text = None
        # Pop up to the matching open tag (tolerates unclosed <p> and <li>).
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                break
        else:
            return
        if self._skip_depth is None and tag in BLOCK_TAGS:
            self._flush()  # while the element is still open: its block knows where it is
        while len(self._stack) > i:
            depth = len(self._stack) - 1
            for span in [o for o in self._open_spans if o[1] == depth]:
                self._spans[span[0]].append((span[2], self._offset()))
                self._open_spans.remove(span)
            if self._stack.pop()[0] == "section" and self._sections:
                self._flush()
                self._sections.pop()
            depth = len(self._stack)
            if self._skip_depth is not None and depth <= self._skip_depth:
                self._skip_depth = None
            if self._article_depth is not None and depth <= self._article_depth:
                self._flush()
                self._article_depth = None
                return
        if self._skip_depth is None and tag in BLOCK_TAGS:
            self._flush()
            self._block_tag = self._stack[-1][0] if self._stack else "p"

    def handle_data(self, data: str) -> None:
        if self._figure_text is not None:
            self._figure_text.append(data.replace("\r", "").replace("\n", " "))
        if self._article_depth is not None and self._skip_depth is None:
            self._text.append(data.replace("\r", "").replace("\n", " "))


def parse_page(html: str, html_path: Path, source_path: Path) -> Page:
    """The prose of one page's article body (error naming the file if there is none)."""
    parser = _ProseParser()
    parser.feed(html)
    parser.close()
    if not parser.found_article:
        raise ValueError(
            f"{html_path}: no article body (<article class=\"bd-article\"> or itemprop=\"articleBody\") "
            "found; if the theme changed, teach tests/quality/rendered.py where its content is"
        )
    blocks = parser.finish()
    links = {section: frozenset(hrefs) for section, hrefs in parser.section_links.items()}
    return Page(html_path, source_path, blocks, parser.section_titles, links)


def source_of(html_path: Path, html_root: Path, book_dir: Path) -> Path | None:
    """The book source a page was built from, or None for pages Sphinx generates itself."""
    docname = html_path.relative_to(html_root).with_suffix("").as_posix()
    if docname in GENERATED_PAGES:
        return None
    for suffix in SOURCE_SUFFIXES:
        candidate = book_dir / (docname + suffix)
        if candidate.is_file():
            return candidate
    return None


def shown_data_files(book_dir: Path, docname: str) -> tuple[Path, ...]:
    """Files whose French a page shows: its labs' lab.toml (privilege reasons, in the page's
    mirror folder of snippets/), the figure data (conf/figures/*.toml: alt text, caption,
    labels) and the words the figures' drawing code adds (conf/_ext/figures/kinds/*.py)."""
    mirror = book_dir.parent / "snippets" / docname
    labs = sorted(mirror.glob("*/lab.toml")) if mirror.is_dir() else []
    figures = sorted((book_dir.parent / "conf" / "figures").glob("*.toml"))
    drawing = sorted((book_dir.parent / "conf" / "_ext" / "figures" / "kinds").glob("*.py"))
    return tuple(labs + figures + drawing)


def rendered_pages(html_root: Path, book_dir: Path) -> list[Page]:
    """Every page of the built book that has a source in book_dir, with its prose blocks."""
    pages = []
    for html_path in sorted(html_root.rglob("*.html")):
        rel = html_path.relative_to(html_root)
        if rel.parts[0].startswith("_"):
            continue  # _static, _sources, _images: not pages
        source = source_of(html_path, html_root, book_dir)
        if source is None:
            continue
        page = parse_page(html_path.read_text(encoding="utf-8"), html_path, source)
        page.extra_sources = shown_data_files(book_dir, rel.with_suffix("").as_posix())
        pages.append(page)
    if not pages:
        raise ValueError(f"{html_root}: no built page has a source in {book_dir}; build the book first (make html)")
    return pages

/* Search results of « Docker en pratique »: one entry per section, titled « page › section »,
 * with a snippet of that section's own text, and counts that say what they count.
 *
 * Loaded by the search page only (_templates/search.html), after Sphinx's searchtools.js:
 * Sphinx still finds and ranks the matches (Search._parseQuery, Search._performSearch); this
 * replaces how they are shown (Search.query). Sphinx's own display listed the same page once
 * per kind of match, often without a section; took its snippets from the theme's whole <main>
 * (so from the sidebar's « Sur cette page »); glued words together where the HTML has no space
 * between blocks (glossary terms: « cgroupgroupe de contrôlecontrol group… »); and called
 * every match a page (« 5 pages » for three).
 */
"use strict";

(() => {
  const SNIPPET_LENGTH = 240;
  const CONTEXT_BEFORE = 80;
  // Elements after which a reader sees a break: a space is put there when extracting text.
  const BLOCKS = "p, li, dd, pre, td, th, h1, h2, h3, h4, h5, h6, figcaption, caption, blockquote, div, tr";
  const documents = new Map(); // page URL -> Promise of its parsed HTML

  const fetchPage = (url) => {
    if (!documents.has(url)) {
      documents.set(
        url,
        fetch(url)
          .then((response) => response.text())
          .then((html) => new DOMParser().parseFromString(html, "text/html")),
      );
    }
    return documents.get(url);
  };

  const squash = (text) => text.replace(/\s+/g, " ").trim();

  /* The text a reader sees in `nodes`, without nested sections (they are results of their
   * own), a section's title (shown as the entry's link), permalink signs or scripts; a glossary term's synonyms (several <dt> before one
   * <dd>) read « cgroup, groupe de contrôle, control group : Mécanisme… ». */
  const readableText = (nodes) => {
    const box = document.createElement("div");
    nodes.forEach((node) => box.appendChild(node.cloneNode(true)));
    box.querySelectorAll(":scope > section section, :scope > section > :is(h1, h2, h3, h4, h5, h6), .headerlink, script, style").forEach((el) => el.remove());
    box.querySelectorAll("dt").forEach((dt) => {
      const next = dt.nextElementSibling;
      dt.append(next && next.tagName === "DT" ? ", " : " : ");
    });
    box.querySelectorAll(BLOCKS).forEach((el) => el.append(" "));
    return squash(box.textContent);
  };

  const headingOf = (section) => {
    const heading = section.querySelector(":scope > h1, :scope > h2, :scope > h3, :scope > h4, :scope > h5, :scope > h6");
    return heading ? readableText([heading]) : "";
  };

  // A glossary term and its definition: the <dt> and every sibling up to its <dd>.
  const termAndDefinition = (dt) => {
    const nodes = [dt];
    let next = dt.nextElementSibling;
    while (next && nodes[nodes.length - 1].tagName !== "DD") {
      nodes.push(next);
      next = next.nextElementSibling;
    }
    return nodes;
  };

  const firstMatch = (text, words) => {
    const lower = text.toLowerCase();
    const positions = words.map((w) => lower.indexOf(w)).filter((i) => i >= 0);
    return positions.length ? Math.min(...positions) : -1;
  };

  const snippetOf = (text, words) => {
    const at = firstMatch(text, words);
    let start = at > CONTEXT_BEFORE ? text.lastIndexOf(" ", at - CONTEXT_BEFORE) + 1 : 0;
    let end = Math.min(text.length, start + SNIPPET_LENGTH);
    if (end < text.length) end = Math.max(text.lastIndexOf(" ", end), start + 1);
    return (start > 0 ? "…" : "") + text.slice(start, end).trim() + (end < text.length ? "…" : "");
  };

  /* Where a match of Sphinx's leads, as a section of the page:
   * {key, href, page, section, text, target} or null when the page cannot be read. */
  const locate = async (item, words) => {
    const [docName, , anchor] = item;
    const docUrl = docName + DOCUMENTATION_OPTIONS.LINK_SUFFIX;
    const fetchUrl = document.documentElement.dataset.content_root + docName + DOCUMENTATION_OPTIONS.FILE_SUFFIX;
    const page = await fetchPage(fetchUrl);
    const article = page.querySelector("article.bd-article") || page.querySelector('[role="main"]');
    if (!article) return null;
    const sections = [...article.querySelectorAll("section")];
    const top = sections[0];
    const pageTitle = top ? headingOf(top) : item[1];
    let target = anchor ? page.getElementById(anchor.slice(1)) : null;
    let section;
    let text;
    let label;
    if (target && target.tagName === "DT") {
      section = target;
      label = readableText([target]).replace(/[ ,:]+$/, "");
      text = readableText(termAndDefinition(target));
    } else {
      if (target) {
        section = target.closest("section") || top;
      } else {
        // A match in the text: the first section whose own text holds a searched word.
        section = sections.find((s) => firstMatch(readableText([s]), words) >= 0) || top;
        target = section;
      }
      label = section === top ? "" : headingOf(section);
      text = readableText([section]);
    }
    const id = section && section !== top ? section.id : "";
    const href = docUrl + (target && target !== top && target.id ? "#" + target.id : id ? "#" + id : "");
    return { key: `${docName}#${id}`, docName, href, pageTitle, label, text, target, section };
  };

  const entry = (place, words) => {
    const li = document.createElement("li");
    if (place.label) {
      const pageName = li.appendChild(document.createElement("span"));
      pageName.className = "search-page";
      pageName.textContent = place.pageTitle;
    }
    const link = li.appendChild(document.createElement("a"));
    link.href = place.href;
    link.textContent = place.label || place.pageTitle;
    const snippet = li.appendChild(document.createElement("p"));
    snippet.className = "context";
    snippet.textContent = snippetOf(place.text, words);
    return li;
  };

  const plural = (count, one, many) => `${count}\u00a0${count === 1 ? one : many}`;

  /* Keep one entry per section, best first. A match found only in a page's text (no anchor)
   * is dropped when an entry already leads into the same section. */
  const distinct = (places) => {
    const kept = [];
    const seen = new Set();
    for (const place of places) {
      const covered = kept.some(
        (other) => other.docName === place.docName && !place.anchored && place.section.contains(other.target),
      );
      if (seen.has(place.key) || covered) continue;
      seen.add(place.key);
      kept.push(place);
    }
    return kept;
  };

  Search.query = async (query) => {
    const [searchQuery, searchTerms, excludedTerms, highlightTerms, objectTerms] = Search._parseQuery(query);
    // Sphinx returns its matches worst first (it pops them to display).
    const items = Search._performSearch(searchQuery, searchTerms, excludedTerms, highlightTerms, objectTerms).reverse();
    const words = [...new Set([...highlightTerms, ...searchTerms])].map((w) => w.toLowerCase());
    const located = await Promise.all(
      items.map((item) =>
        locate(item, words)
          .then((place) => place && { ...place, anchored: Boolean(item[2]) })
          .catch(() => null),
      ),
    );
    // Entries with an anchor first, so that a page-wide text match never hides one.
    const ordered = [...located.filter((p) => p && p.anchored), ...located.filter((p) => p && !p.anchored)];
    const kept = distinct(ordered);
    const rank = new Map(located.map((place, index) => [place, index]));
    kept.sort((a, b) => rank.get(a) - rank.get(b));

    kept.forEach((place) => {
      const li = Search.output.appendChild(entry(place, words));
      if (typeof SPHINX_HIGHLIGHT_ENABLED !== "undefined" && SPHINX_HIGHLIGHT_ENABLED) {
        highlightTerms.forEach((term) => _highlightText(li.querySelector("p.context"), term, "highlighted"));
      }
    });
    Search.stopPulse();
    Search.title.innerText = Documentation.gettext("Search Results");
    const pages = new Set(kept.map((place) => place.docName)).size;
    Search.status.innerText = kept.length
      ? `Recherche terminée\u00a0: ${plural(kept.length, "section trouvée", "sections trouvées")} ` +
        `dans ${plural(pages, "page", "pages")}.`
      : Documentation.gettext(
          "Your search did not match any documents. Please make sure that all words are spelled correctly and that you've selected enough categories.",
        );
  };
})();

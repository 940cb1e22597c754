"""Spelling of the rendered prose with Debian's hunspell French dictionary and the word list.

hunspell runs once per check, in list mode (-l), on all the prose at once: it prints each
word it does not know. The project's word list (conf/spelling/*.txt) then accepts the
technical terms a general dictionary cannot know. Elided forms (l’API, d’OCI) and hyphenated
compounds (Docker-compatible) are accepted when their parts are.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from .findings import REPO_ROOT
from .rendered import CODE_PLACEHOLDER
from .typography import mask

DICTIONARY = "fr_FR"
# Italics and passages marked as another language ([text]{.language-en}) may be English.
FOREIGN_DICTIONARY = "fr_FR,en_US"
WORDLIST_DIR = REPO_ROOT / "conf" / "spelling"
_ELISION = re.compile(r"^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)['’]", re.IGNORECASE)
# Tokens with a digit are versions, hashes or numbers ("4.2BSD", "v2", "ddbcc7e8e50a"), and
# tokens with a dot inside are file or host names ("bonjour.sh", "app.yaml"): not words.
_NOT_WORD = re.compile(r"^[\W_]*$|\d|\w\.\w")


class SpellingSetupError(RuntimeError):
    pass


def hunspell_unknown(words_or_text: str, dictionary: str = DICTIONARY) -> set[str]:
    """The words hunspell does not know in the given text."""
    exe = shutil.which("hunspell")
    if exe is None:
        raise SpellingSetupError(
            "hunspell not found: install the Debian packages listed in conf/apt-packages.txt "
            "(hunspell, hunspell-fr-comprehensive, hunspell-en-us)"
        )
    env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
    proc = subprocess.run(
        [exe, "-d", dictionary, "-i", "utf-8", "-l"],
        input=words_or_text.encode("utf-8"), capture_output=True, env=env, check=False, timeout=60,
    )
    err = proc.stderr.decode("utf-8", "replace").strip()
    if proc.returncode != 0 or "Can't open affix or dictionary" in err:
        raise SpellingSetupError(
            f"hunspell -d {dictionary} failed ({err or proc.returncode}): install hunspell-fr-comprehensive and hunspell-en-us"
        )
    # hunspell reports "runc." when a word ends a sentence (it tries it as an abbreviation).
    return {w.strip().rstrip(".") for w in proc.stdout.decode("utf-8").split("\n") if w.strip().rstrip(".")}


def load_wordlist(directory: Path = WORDLIST_DIR) -> set[str]:
    """Accepted words from every *.txt in directory: one per line, '#' starts a comment."""
    words: set[str] = set()
    for path in sorted(directory.glob("*.txt")):
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            word = raw.split("#", 1)[0].strip()
            if not word:
                continue
            if " " in word:
                raise ValueError(f"{path}:{number}: one word per line, got {word!r}; split it")
            words.add(word)
    return words


def _accepted(word: str, wordlist: set[str]) -> bool:
    return word in wordlist or (word[:1].isupper() and word[:1].lower() + word[1:] in wordlist)


def split_by_language(text: str, spans: tuple[tuple[int, int], ...]) -> tuple[str, str]:
    """(text outside spans, text inside spans), each blanked elsewhere: offsets stay valid."""
    inside = [" "] * len(text)
    outside = list(text)
    for start, end in spans:
        inside[start:end] = text[start:end]
        outside[start:end] = " " * (end - start)
    return "".join(outside), "".join(inside)


def prose_for_spelling(text: str) -> str:
    """text with URLs and inline-code placeholders blanked, ready for hunspell."""
    return mask(text).replace(CODE_PLACEHOLDER, " ").replace("\u2063", " ")


def unknown_words(texts: list[str], wordlist: set[str], dictionary: str = DICTIONARY) -> set[str]:
    """Words of texts that neither the dictionary nor the word list accept."""
    reported = hunspell_unknown("\n".join(prose_for_spelling(t) for t in texts), dictionary)
    # A lone letter (« la lettre É ») is not a word to check.
    candidates = {w for w in reported if len(w) > 1 and not _NOT_WORD.search(w) and not _accepted(w, wordlist)}
    # Second chance: elided forms and compounds whose every part is acceptable.
    parts_of: dict[str, list[str]] = {}
    for word in candidates:
        stem = _ELISION.sub("", word)
        parts_of[word] = [p for p in re.split(r"[-‐]", stem) if p and not _NOT_WORD.search(p)]
    to_ask = {p for parts in parts_of.values() for p in parts if not _accepted(p, wordlist)}
    unknown_parts = hunspell_unknown("\n".join(sorted(to_ask)), dictionary) if to_ask else set()
    return {
        word for word, parts in parts_of.items()
        if not parts or any(p in unknown_parts and not _accepted(p, wordlist) for p in parts)
    }


def needless_wordlist_entries(texts: list[str], wordlist: set[str]) -> dict[str, str]:
    """Entries to remove, with why: the dictionary already knows them, or no page uses them."""
    known = set(wordlist) - hunspell_unknown("\n".join(sorted(wordlist)), DICTIONARY)
    words_used = set()
    for text in texts:
        for token in re.findall(r"[^\W\d_][\w’'-]*", prose_for_spelling(text)):
            token = _ELISION.sub("", token.rstrip("’'-"))
            words_used.add(token)
            words_used.update(token.split("-"))
    needless = {}
    for word in sorted(wordlist):
        if word in known:
            needless[word] = "hunspell fr_FR already knows it"
        elif word not in words_used and word[:1].upper() + word[1:] not in words_used:
            needless[word] = "no page of the book uses it any more"
    return needless

"""Token-level text helpers shared by the gazetteer, the coder and the name matcher.

Actor strings are short noun phrases, so we tokenize with one regular expression instead of spaCy:
that keeps ``code_text`` fast and usable on any string, and gives the gazetteer and the input the
same tokens ("U.S." stays one token, "Russia's" becomes "Russia" plus a possessive mark).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "–": "-", "—": "-", "‐": "-", "‑": "-"})
_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}(?![A-Za-z])"  # U.S., U.N., D.P.R.K.
    r"|[^\W_]+(?:'[^\W_]+)*\.?"  # words, with inner apostrophes (Sana'a) and a trailing period (Gen.)
    r"|[,;:()&/]"
)


@dataclass(frozen=True)
class Token:
    """A token of an actor string; ``key`` is its folded form used for lookups."""

    text: str
    start: int
    end: int
    key: str
    possessive: bool = False  # followed by 's (or a bare apostrophe after s)
    hyphen_after: bool = False  # joined to the next token by a hyphen
    punct: bool = False

    @property
    def capitalized(self) -> bool:
        return self.text[:1].isupper()


def normalize(text: str) -> str:
    """Typographic quotes and dashes to ASCII; Unicode NFC."""
    return unicodedata.normalize("NFC", text.translate(_QUOTES))


@lru_cache(maxsize=65536)  # words and names recur across articles
def fold(text: str) -> str:
    """Lower-case without accents: the comparison form of names ("Khürelsükh" -> "khurelsukh")."""
    decomposed = unicodedata.normalize("NFKD", normalize(text).lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ı", "i").replace("ø", "o")


def strip_accents(text: str) -> str:
    """The same text without diacritics, case kept ("Nausėda" -> "Nauseda")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def tokenize(text: str) -> list[Token]:
    """Tokens with offsets into ``text`` (which should already be ``normalize``d)."""
    return list(_tokens(text))


@lru_cache(maxsize=16384)  # the same phrases are coded again in every article
def _tokens(text: str) -> tuple[Token, ...]:
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        raw, start, end = m.group(), m.start(), m.end()
        if raw in ",;:()&/":
            out.append(Token(raw, start, end, raw, punct=True))
            continue
        possessive = False
        if raw.lower().endswith("'s") and len(raw) > 2:
            raw, end, possessive = raw[:-2], end - 2, True
        elif raw.endswith("."):
            raw, end = raw[:-1], end - 1
        if end < len(text) and text[end:end + 1] == "'" and raw.lower().endswith("s") and not possessive:
            nxt = text[end + 1:end + 2]
            possessive = not nxt.isalnum()
        hyphen_after = text[m.end():m.end() + 1] == "-" and text[m.end() + 1:m.end() + 2].isalnum()
        out.append(Token(raw, start, end, fold(raw), possessive, hyphen_after))
    return tuple(out)


def join_keys(tokens: list[Token]) -> str:
    """The lookup key of a token run: hyphen-joined tokens stay joined ("guinea-bissau"), and a
    possessive inside the run is kept ("people's republic of china") while a final one is dropped."""
    parts: list[str] = []
    last = len(tokens) - 1
    for i, tok in enumerate(tokens):
        parts.append(tok.key + ("'s" if tok.possessive and i < last else ""))
        if i < last:
            parts.append("-" if tok.hyphen_after else " ")
    return "".join(parts)


def phrase_key(text: str) -> str:
    """Lookup key of a whole gazetteer phrase, built exactly as for input text."""
    toks = [t for t in tokenize(normalize(text)) if not t.punct or t.text == "&"]
    return join_keys(toks)


def plural(word: str) -> str:
    """English plural of a demonym or role noun, for the forms the gazetteer does not list."""
    low = word.lower()
    if low.endswith(("man",)) and not low.endswith("human"):
        return word[:-3] + ("men" if word[-3:].islower() else "MEN")
    if low.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def within_one_edit(a: str, b: str) -> bool:
    """Damerau distance of at most one (one insertion, deletion, substitution or swap)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
    short, long_ = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1:]


def slug(text: str) -> str:
    """Stable id fragment: folded, alphanumerics joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")

"""Noun phrases as written, role words around names, and role matching for "the diplomat"."""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.actors import code_text
from newsgraph.nlp import lines_before
from newsgraph.quotes.lexicon import DETERMINERS, HONORIFICS, ROLE_HYPERNYMS, words

_NP_LEFT_DEPS = frozenset(
    {"det", "amod", "compound", "poss", "nmod", "nummod", "cc", "conj", "case", "quantmod"}
)
_ROLE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "prep", "pobj", "appos", "npadvmod"})
_ROLE_POS = frozenset({"NOUN", "PROPN", "ADJ"})
# Modifiers that do not narrow a role ("the former minister" is still the minister).
_BARRIERS = frozenset({"\u2014", "\u2013", "--", ":", ";", "(", ")", "[", "]", ","})
_DEMONYM_ENDINGS = frozenset({"n", "an", "ian", "ese", "i", "ish"})
_LOOSE_MODIFIERS = words("former new top senior junior current then acting deputy regional local")


def _barrier(tok: Token) -> bool:
    """Tokens a noun phrase never crosses: line breaks, quote marks, dashes (a hyphen with spaces
    around it too: "MOSCOW - Russia's network"), brackets."""
    spaced = tok.text == "-" and tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_)
    return tok.is_space or tok.is_quote or tok.text in _BARRIERS or spaced


def np_span(head: Token) -> tuple[int, int]:
    """Token span of the noun phrase as written: left modifiers, head, and a proper-noun "at/in X"."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in _NP_LEFT_DEPS and child.left_edge.i < start:
            start = child.left_edge.i
    for i in range(head.i - 1, start - 1, -1):
        if _barrier(head.doc[i]):
            start = i + 1
            break
    end = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and child.i == end and child.lower_ in ("at", "in", "of", "from"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].pos_ == "PROPN":
                end = objects[0].i + 1  # "at Columbia University", not "... and John Conyers"
        elif child.dep_ in ("compound", "nmod") and child.i == end:
            end = child.right_edge.i + 1
    return start, end


def display_phrase(head: Token, described: bool = False) -> str:
    """The phrase without a leading determiner: "the U.S. and Japanese ministers" -> "U.S. and ...".

    ``described`` keeps an "of" phrase that says who a common noun is ("a group of black parents",
    "critics of the program"), for speakers the text never names.
    """
    start, end = np_span(head)
    doc = head.doc
    while start < head.i and doc[start].lower_ in DETERMINERS | {"also", "both", "all"}:
        start += 1
    if described and head.pos_ == "NOUN":
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == end and not any(
                _barrier(t) for t in prep.subtree
            ):
                end = prep.right_edge.i + 1
    return doc[start:end].text


def same_line(a: Token, b: Token) -> bool:
    """No line break between two tokens: the parser sometimes joins paragraphs."""
    lines = lines_before(a.doc)
    return lines[a.i] == lines[b.i]


def role_words(name_root: Token, name_tokens: set[int]) -> tuple[list[str], set[str]]:
    """Words describing the person named at ``name_root`` in text order, and the role nouns among them.

    Taken from title words before the name ("Russian Foreign Minister Sergei Lavrov": role
    noun "minister"), from an appositive ("Patrushev, the secretary of Russia's Security
    Council": "secretary") and from the noun the name stands in apposition to ("the
    ministry's deputy director Andrey X": "director").
    """
    heads: set[str] = set()
    for tok in name_root.lefts:
        if tok.i in name_tokens or tok.dep_ not in ("compound", "amod", "nmod"):
            continue
        nouns = [
            t for t in tok.subtree if t.pos_ in ("NOUN", "PROPN") and t.lower_.rstrip(".") not in HONORIFICS
        ]
        if nouns:
            heads.add(nouns[-1].lower_.rstrip("."))
    sources: list[Token] = [name_root]
    sources += [c for c in name_root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if name_root.dep_ == "appos" and name_root.head.pos_ == "NOUN":
        sources.append(name_root.head)
    lines = lines_before(name_root.doc)
    line = lines[name_root.i]
    sources = [src for src in sources if lines[src.i] == line]
    heads |= {src.lower_ for src in sources[1:]}
    words: dict[str, None] = {}
    for src in sources:
        for tok in src.subtree:
            near = abs(tok.i - src.i) <= 8 and lines[tok.i] == line  # on the name's line
            if tok.i in name_tokens or tok.pos_ not in _ROLE_POS or not near:
                continue
            if tok.i == src.i or tok.dep_ in _ROLE_DEPS or tok.head.i in name_tokens:
                words[tok.lower_.rstrip(".")] = None
    return [*words, *(h for h in heads if h not in words)], heads


def _close(a: str, b: str) -> bool:
    """Same word, or a country and its adjective ("russia" / "russian", "japan" / "japanese")."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and long_.startswith(short) and long_[len(short) :] in _DEMONYM_ENDINGS


def _fits_role(entry: str, roles: set[str], heads: set[str]) -> bool:
    *modifiers, noun = entry.split()
    return noun in heads and all(m in roles for m in modifiers)


def nominal_fit(head: Token, roles: set[str], heads: set[str], country: str | None = None) -> int:
    """How well a common-noun phrase fits a person's role words: 0 = not at all, higher is better.

    A place or nationality the role words lack rules the person out ("the Japanese foreign
    minister" is not the Russian one) unless it lies in the person's known ``country``
    ("the California congressman" for a US representative).
    """
    noun = head.lemma_.lower()
    entries = (noun, head.lower_, *ROLE_HYPERNYMS.get(noun, ()))
    if not any(_fits_role(entry, roles, heads) for entry in entries):
        return 0
    score = 1
    start, _ = np_span(head)
    for tok in head.doc[start : head.i]:
        word = tok.lower_
        if tok.pos_ not in _ROLE_POS or word in _LOOSE_MODIFIERS or tok.dep_ == "case":
            continue
        if any(_close(word, r) for r in roles):
            score += 1
        elif tok.ent_type_ in ("GPE", "NORP") or tok.text[:1].isupper():
            coded = code_text(tok.text) if country else None
            if coded is None or coded.country != country:
                return 0
    return score

"""Events named by a noun: "the attack by X on Y", "X's invasion of Y", "the signing of a deal between
X and Y".

A news sentence often makes the event its subject ("Sunday's attack by gunmen on a mosque killed 40").
The noun's own phrases then say who acted and on whom; a noun with no named actor is background
("the war has killed thousands") and gives no event.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.events.lexicon import Lexicon, Sense
from newsgraph.events.participants import Participants, Party
from newsgraph.events.syntax import child, noun_keys, pobj, temporal

PARTNER_PREPS = frozenset({"between", "among"})
# Phrases naming the one acted on, most telling first; "of" only once an actor is named
# ("Russia's invasion of Ukraine", but "the killing of students" names the victims, not an actor).
RECIPIENT_PREPS = ("against", "on", "into", "at", "of", "with", "to")


def noun_sense(lex: Lexicon, noun: Token) -> Sense | None:
    """The event a noun names, if the lexicon knows it."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    return next((lex.nouns[k] for k in noun_keys(noun) if k in lex.nouns), None)


def _phrases(noun: Token) -> dict[str, Token]:
    """The noun's prepositional objects by preposition, also those of its "of" object
    ("the signing of a deal [between X and Y]")."""
    out: dict[str, Token] = {}
    holders = [noun]
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None and (inner := pobj(of)) is not None:
        holders.append(inner)
    for holder in holders:
        for prep in (c for c in holder.children if c.dep_ == "prep"):
            obj = pobj(prep)
            if obj is not None and not temporal(obj):
                out.setdefault(prep.lower_, obj)
    return out


def noun_roles(
    parts: Participants, noun: Token, speaker: list[Party] | None
) -> tuple[list[Party], list[Party]]:
    """Coded (sources, targets) an event noun names itself; no sources when it names no actor."""

    def coded(tok: Token | None, deep: bool = True) -> list[Party]:
        return [p for p in parts.parties(tok, speaker, deep=deep) if p.code] if tok is not None else []

    phrases = _phrases(noun)
    owner = child(noun, "poss")
    owned = coded(owner, deep=False) if owner is not None and not temporal(owner) else []
    sources = coded(phrases.get("by")) or owned
    partners = next((coded(phrases[p]) for p in PARTNER_PREPS if p in phrases), [])
    if not sources:
        return (partners, []) if len({p.code for p in partners}) > 1 else ([], [])
    mine = {p.code for p in sources}
    for prep in RECIPIENT_PREPS:
        found = [p for p in coded(phrases.get(prep)) if p.code not in mine]
        if found:
            return sources, found
    return sources, [p for p in partners if p.code not in mine]

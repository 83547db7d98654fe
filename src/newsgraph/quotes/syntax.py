"""Small dependency-tree questions: who is the subject of this verb, can this noun speak."""

from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Token

from newsgraph.quotes.lexicon import (
    AGENT_NOUNS,
    NON_AGENT_NOUNS,
    PERSONAL_PRONOUNS,
    PLURAL_PRONOUNS,
    SPEECH_ACTS,
)

# Clauses that borrow their subject from the verb they hang on ("..., saying that ...").
_SUBJECTLESS = frozenset({"advcl", "xcomp", "conj", "pcomp", "prep", "acl"})
_SPEAKER_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def subject_of(verb: Token, skip: Container[int] = ()) -> Token | None:
    """The subject of ``verb``, inherited through participles, infinitives and conjoined verbs.

    A passive verb gives its agent ("was told by X"); "X was quoted as saying" gives X.
    Tokens in ``skip`` (inside quote marks) are never the subject; of two, the nearer wins.
    """
    for _ in range(6):
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i not in skip]
        if subjects:
            return min(subjects, key=lambda c: abs(c.i - verb.i))
        passive = [c for c in verb.children if c.dep_ == "nsubjpass" and c.i not in skip]
        if passive and verb.lemma_ == "quote":
            return passive[0]
        for child in verb.children:
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if passive or verb.dep_ not in _SUBJECTLESS or verb.head.i == verb.i:
            return None
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head if can_speak(verb.head, strict=True) else None  # "a statement saying ..."
        if verb.dep_ == "conj" and verb.lemma_.lower() in SPEECH_ACTS and verb.head.dep_ == "ccomp":
            verb = verb.head  # "said X had served well and predicted ...": the speaker predicted
        verb = verb.head
    return None


_AGENT_SUFFIXES = ("er", "or", "ist", "ant", "ent", "ian", "ee")


def agentive(tok: Token) -> bool:
    """Whether a noun names people or bodies that speak: a listed agent, or an agent suffix
    ("proponents", "campaigners"); "other changes" is not, so "they say" cannot mean them."""
    if can_speak(tok, strict=True):
        return True
    lemma = tok.lemma_.lower()
    return tok.pos_ == "NOUN" and lemma not in NON_AGENT_NOUNS and lemma.endswith(_AGENT_SUFFIXES)


def is_age(tok: Token) -> bool:
    """"the 24-year-old": a person, named earlier."""
    return tok.lower_ == "old" and any(c.lower_ == "year" for c in tok.children)


def can_speak(tok: Token, strict: bool) -> bool:
    """Whether ``tok`` heads a phrase that can be a source of speech.

    ``strict`` (for weak cues such as "suggest") asks for a person, an organisation or an
    agent noun; otherwise anything but a plainly inanimate noun ("data", "the table") passes.
    """
    lower = tok.lower_
    if any(c.dep_ == "appos" and c.pos_ in ("PROPN", "NOUN") for c in tok.children):
        return True  # "One of them, Liis Kask, said"
    if is_age(tok):
        return True
    if tok.pos_ == "PRON":
        return lower in PERSONAL_PRONOUNS or lower in PLURAL_PRONOUNS or lower in ("it", "who", "i", "we")
    if tok.ent_type_ in _SPEAKER_ENTS or tok.pos_ == "PROPN":
        return True
    lemma = tok.lemma_.lower()
    if lemma in NON_AGENT_NOUNS or lower in NON_AGENT_NOUNS:
        return False
    if not strict:
        return tok.pos_ in ("NOUN", "PROPN")
    return lemma in AGENT_NOUNS or lower in AGENT_NOUNS

"""Small dependency-tree questions: who is the subject of this verb, can this noun speak."""

from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Token

from newsgraph.quotes.lexicon import (
    AGENT_NOUNS,
    NON_AGENT_NOUNS,
    PERSONAL_PRONOUNS,
    PLURAL_PRONOUNS,
    QUANTIFIERS,
    SOURCE_CARRIERS,
    SPEECH_ACTS,
)

# Clauses that borrow their subject from the verb they hang on ("..., saying that ...").
_SUBJECTLESS = frozenset({"advcl", "xcomp", "conj", "pcomp", "prep", "acl"})
_SPEAKER_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def subject_of(verb: Token, skip: Container[int] = ()) -> Token | None:
    """The subject of ``verb``, inherited through participles, infinitives and conjoined verbs.

    A passive verb gives its agent ("was told by X"); "X was quoted as saying" and "the site
    quoted X as saying" give X. Tokens in ``skip`` (inside quote marks) are never the subject;
    of two, the nearer wins.
    """
    for _ in range(6):
        if verb.lemma_ == "quote":  # "the site quoted X as saying"
            quoted = [c for c in verb.children if c.dep_ == "dobj" and c.i not in skip]
            if quoted:
                return quoted[0]
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i not in skip]
        if subjects:
            return partitive(min(subjects, key=lambda c: abs(c.i - verb.i)))
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


def partitive(tok: Token) -> Token:
    """The group in "many of them", "one of the residents", "some of whom": who is speaking."""
    if tok.lower_ not in QUANTIFIERS and tok.tag_ != "CD":
        return tok
    if any(c.dep_ == "appos" for c in tok.children):
        return tok  # "One of them, Liis Kask, said": the name is the speaker
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return tok


def antecedent(tok: Token) -> Token | None:
    """The noun a relative pronoun stands for: "the union, which said", "families, many of whom say".

    Found through the relative clause, or else as the noun just before the pronoun's phrase,
    for the parser may not have seen the relative clause.
    """
    node = tok
    for _ in range(4):
        if node.dep_ == "relcl":
            return node.head
        if node.head.i == node.i:
            break
        node = node.head
    doc = tok.doc
    for i in range(tok.i - 1, max(-1, tok.i - 6), -1):
        word = doc[i]
        if word.pos_ in ("NOUN", "PROPN"):
            outer = word.head.head if word.dep_ == "pobj" and word.head.lower_ == "of" else word
            return outer if outer.pos_ in ("NOUN", "PROPN") else word
        if not (word.is_punct or word.lower_ == "of" or word.lower_ in QUANTIFIERS):
            return None
    return None


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
    if tok.tag_ in ("WDT", "WP") and lower != "who":
        noun = antecedent(tok)
        return noun is not None and noun.i != tok.i and can_speak(noun, strict)
    if tok.pos_ == "PRON":
        return lower in PERSONAL_PRONOUNS or lower in PLURAL_PRONOUNS or lower in ("it", "who", "i", "we")
    if tok.ent_type_ in _SPEAKER_ENTS or tok.pos_ == "PROPN":
        return True
    lemma = tok.lemma_.lower()
    if lemma in NON_AGENT_NOUNS or lower in NON_AGENT_NOUNS:
        return False
    if not strict:
        return tok.pos_ in ("NOUN", "PROPN")
    return lemma in AGENT_NOUNS or lower in AGENT_NOUNS or lemma in SOURCE_CARRIERS

"""Which PLOVER event a clause head expresses, read from the lexicon and the parse.

A verb's own meaning (``accuse``), its object (``impose sanctions``), a light verb's event noun
(``held talks``), a predicate adjective (``is concerned about``) and a control chain
(``threatened to cut off``, ``continued to send arms``, ``will provide``) all decide the sense.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Token

from newsgraph.events.lexicon import Lexicon, Sense
from newsgraph.events.syntax import (
    auxiliaries,
    child,
    clause_tokens,
    direct_object,
    is_negated,
    lemma,
    noun_keys,
    pobj,
    temporal,
    verb_keys,
)

LINKING = frozenset({"be", "remain", "become", "seem", "appear", "stay", "go", "put", "place", "keep", "look", "sound"})
ATTACK_PREPS = frozenset({"at", "on", "against", "into", "toward", "towards", "upon"})


@dataclass
class Reading:
    """An event sense found on a clause head, with what the roles are read from."""

    sense: Sense
    head: Token  # the clause whose subject is the source
    trigger: list[Token]
    chain: list[Token] = field(default_factory=list)  # head and its complements, outermost first
    obj: Token | None = None  # the noun acted on
    modality: str = "asserted"


def _frame_sense(lex: Lexicon, key: str, obj: Token | None, verb: Token) -> Sense | None:
    if obj is None:
        return None
    keys = noun_keys(obj)
    has_target = any(
        c.dep_ == "prep" and c.lower_ in ATTACK_PREPS and not temporal(pobj(c)) for c in verb.children
    )
    for frame in lex.frames:
        if key not in frame.verbs:
            continue
        if "@any" in frame.objects or any(k in frame.objects for k in keys):
            if frame.sense.type == "MOBILIZE" and frame.sense.mode == "weapons" and has_target:
                continue
            return frame.sense
    return None


def own_sense(lex: Lexicon, verb: Token) -> tuple[Sense, list[Token], Token | None] | None:
    """The sense of a verb by itself, its object, or its light-verb noun; no complements."""
    for key, obj in verb_keys(verb):
        sense = _frame_sense(lex, key, obj, verb)
        if sense is not None:
            return sense, [verb], obj
        if obj is not None and key in lex.word("light"):
            for nk in noun_keys(obj):
                if nk in lex.nouns:
                    return lex.nouns[nk], [verb, obj], obj
        if key in lex.verbs:
            return lex.verbs[key], [verb], obj if obj is not None else direct_object(verb)
    return _predicate_sense(lex, verb)


def _predicate_sense(lex: Lexicon, verb: Token) -> tuple[Sense, list[Token], Token | None] | None:
    """Adjective or prepositional predicates: "is concerned about", "remained on alert"."""
    if lemma(verb) not in LINKING and verb.pos_ != "ADJ":
        return None
    adj = verb if verb.pos_ == "ADJ" else child(verb, "acomp")
    if adj is not None and lemma(adj) in lex.adjectives:
        about = next((pobj(p) for p in adj.children if p.dep_ == "prep" and pobj(p) is not None), None)
        return lex.adjectives[lemma(adj)], [adj], about
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        noun = pobj(prep)
        if noun is None:
            continue
        for nk in noun_keys(noun):
            if f"{prep.lower_} {nk}" in lex.adjectives:
                return lex.adjectives[f"{prep.lower_} {nk}"], [prep, noun], None
    return None


def _addressee(lex: Lexicon, verb: Token, comp: Token | None) -> Token | None:
    """Who a directive verb asks to act: "wants Japan to provide", "urged the EU to support"."""
    if lemma(verb) not in lex.word("directive"):
        return None
    clause = comp or child(verb, "ccomp")
    if clause is None or clause.pos_ not in ("VERB", "AUX"):
        return None
    own_subject = child(clause, "nsubj")
    if own_subject is not None and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return own_subject
    obj = child(verb, "dobj")
    return obj if obj is not None and clause.dep_ == "xcomp" else None


def _ordered_out(lex: Lexicon, asked: Token, comp: Token | None) -> Sense:
    """ "ordered the ambassador to leave" expels; asking anyone else to act is a REQUEST."""
    if comp is None or lemma(comp) not in ("leave", "depart", "quit", "exit"):
        return Sense("REQUEST")
    envoy = any(k in lex.object_class("envoys") for k in noun_keys(asked))
    return Sense("SANCTION", "expel") if envoy else Sense("COERCE", "deport")


def _complement(verb: Token) -> Token | None:
    """The verb a control verb hands over to: "agreed to [provide]", "is willing to [send]"."""
    comp = child(verb, "xcomp")
    if comp is None and (clause := child(verb, "ccomp")) is not None and child(clause, "nsubj") is None:
        comp = clause
    if comp is None:
        acomp = child(verb, "acomp")
        comp = child(acomp, "xcomp") if acomp is not None else None
    if comp is None:
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "in", "on")):
            pc = child(prep, "pcomp")
            if pc is not None and pc.pos_ == "VERB":
                comp = pc
    return comp if comp is not None and comp.pos_ in ("VERB", "AUX") else None


def _control_word(lex: Lexicon, verb: Token) -> str:
    acomp = child(verb, "acomp")
    if acomp is not None and lemma(acomp) in lex.word("intent_adj"):
        return lemma(acomp)
    return lemma(verb)


def read_clause(lex: Lexicon, verb: Token, reported: bool = False, depth: int = 0) -> Reading | None:
    """The event a clause head expresses, following its control chain; None when it has none."""
    if depth > 4:
        return None
    own = own_sense(lex, verb)
    comp = _complement(verb)
    inner = read_clause(lex, comp, reported, depth + 1) if comp is not None else None
    word = _control_word(lex, verb)
    reading: Reading | None = None
    asked = _addressee(lex, verb, comp)
    if asked is not None and (own is None or own[0].type == "REQUEST"):
        chain = [verb] + (inner.chain if inner else [comp] if comp is not None else [])
        reading = Reading(_ordered_out(lex, asked, comp), verb, [verb], chain, asked)
    elif word in lex.word("intent") or word in lex.word("intent_adj"):
        if inner is not None:
            reading = replace(inner, sense=_intent(inner.sense), head=verb, chain=[verb, *inner.chain])
            reading.trigger = [verb, *inner.trigger]
        elif own is not None:
            reading = Reading(own[0], verb, own[1], [verb], own[2])
        elif word in lex.word("promise"):
            chain = [verb] + ([comp] if comp is not None else [])
            hostile = comp is not None and any(lemma(t) in lex.word("hostile") for t in clause_tokens(comp))
            reading = Reading(Sense("THREATEN" if hostile else "AGREE"), verb, [verb], chain, direct_object(verb))
    elif word in lex.word("aspect") and inner is not None and (own is None or word == "fail"):
        reading = replace(inner, head=verb, chain=[verb, *inner.chain])
        if word == "fail":
            if inner.sense.type in ("AGREE", "CONSULT"):
                reading.sense = Sense("REJECT", "meet")
            else:
                reading.modality = "denied"
    elif own is not None:
        sense = own[0]
        if sense.type == "THREATEN" and inner is not None:
            sense = Sense("THREATEN", inner.sense.promised().mode)
        chain = [verb] + (inner.chain if inner else [comp] if comp is not None else [])
        reading = Reading(sense, verb, own[1], chain, own[2])
        if own[2] is None and inner is not None:
            reading.obj = inner.obj
    elif inner is not None and child(verb, "xcomp") is not None:
        reading = replace(inner, head=verb, chain=[verb, *inner.chain])
    if reading is None:
        return None
    if reading.sense.type == "MOBILIZE":
        reading.sense = _purpose(lex, verb) or reading.sense
    _apply_modals(lex, verb, reading, reported)
    return reading


def _purpose(lex: Lexicon, verb: Token) -> Sense | None:
    """Troops or experts sent "to investigate" are an investigation, not a deployment."""
    for clause in (c for c in verb.children if c.dep_ in ("advcl", "xcomp")):
        if any(a.lower_ == "to" for a in clause.children) and lemma(clause) in lex.verbs:
            sense = lex.verbs[lemma(clause)]
            if sense.type == "ACCUSE":
                return sense
    return None


def _intent(sense: Sense) -> Sense:
    promised = sense.promised()
    return Sense("AGREE") if promised.type == "CONSULT" else promised


def _apply_modals(lex: Lexicon, verb: Token, reading: Reading, reported: bool) -> None:
    """Future and hypothetical modals turn material acts into promises or threats, and mark modality."""
    aux = auxiliaries(verb)
    future = bool(aux & {"will", "shall", "'ll"}) or ("would" in aux and reported)
    hypothetical = bool(aux & {"may", "might", "could"}) or ("would" in aux and not reported)
    if future or hypothetical:
        reading.sense = reading.sense.promised()
    if hypothetical or any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children):
        reading.modality = "hypothetical"
    if any(lemma(t) in lex.word("proposal") for t in reading.chain) or any(
        lemma(t) == "call" and any(c.lower_ == "for" for c in t.children) for t in reading.chain
    ):
        reading.modality = "proposed"
    if is_negated(verb):
        reading.modality = "denied"

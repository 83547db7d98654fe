"""Which PLOVER event a clause head expresses, read from the lexicon and the parse.

A verb's own meaning (``accuse``), its object (``impose sanctions``), a light verb's event noun
(``held talks``), a predicate adjective (``is concerned about``) and a control chain
(``threatened to cut off``, ``continued to send arms``, ``will provide``) all decide the sense;
so do a journey's purpose (``flew to Cairo for talks``), letting monitors in (``allowed inspectors
to visit``), a verdict (``found him guilty``) and who acts (farmers who block roads protest).
Forecasts and questions (``are expected to meet``, ``asked whether ...``) are no events.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Token

from newsgraph.events.lexicon import Lexicon, Sense
from newsgraph.events.syntax import (
    agent,
    auxiliaries,
    child,
    clause_tokens,
    direct_object,
    is_negated,
    is_passive,
    lemma,
    noun_keys,
    own_clause,
    pobj,
    subject,
    temporal,
    unquantify,
    verb_keys,
)

LINKING = frozenset({
    "be", "remain", "become", "seem", "appear", "stay", "go", "put", "place", "keep", "look", "sound",
})
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
    frames = lex.verb_frames(key)
    if obj is None or not frames:
        return None
    keys = noun_keys(obj)
    has_target = any(
        c.dep_ == "prep" and c.lower_ in ATTACK_PREPS and not temporal(pobj(c)) for c in verb.children
    )
    # The actor's own things: "handed over their weapons", or an armed group handing over weapons.
    doer = subject(verb)
    owned = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in obj.children) or (
        doer is not None and lemma(doer) in lex.word("armed_groups")
    )
    for frame in frames:
        if frame.owned and not owned:
            continue
        if "@any" in frame.objects or any(k in frame.objects for k in keys):
            if frame.sense.type == "MOBILIZE" and frame.sense.mode == "weapons" and has_target:
                continue
            return frame.sense
    return None


def _journey(lex: Lexicon, verb: Token) -> tuple[Sense, list[Token], Token | None] | None:
    """ "arrived in Beijing for talks", "converged on Lagos for a rally": a journey takes its event
    from its purpose, and its destination is the party visited."""
    if lemma(verb) not in lex.word("motion"):
        return None
    phrases = [(c.lower_, noun) for c in verb.children if c.dep_ == "prep" and (noun := pobj(c)) is not None]
    for purpose in (unquantify(noun) for word, noun in phrases if word in ("for", "on")):
        sense = next((lex.nouns[k] for k in noun_keys(purpose) if k in lex.nouns), None)
        if sense is not None:
            if sense.type == "CONSULT":  # a journey for talks is a visit to the place reached
                sense = Sense("CONSULT", "visit")
            places = (n for w, n in phrases if w in ("to", "in", "at", "into", "on") and n != purpose)
            places = (n for n in places if not temporal(n))
            return sense, [verb, purpose], next(places, None)
    return None


def _in_protest(verb: Token) -> Token | None:
    """ "shut their shops in protest against ...": an act with no event of its own done as a protest."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"):
        noun = pobj(prep)
        if noun is not None and lemma(noun) == "protest":
            return noun
    return None


def own_sense(lex: Lexicon, verb: Token) -> tuple[Sense, list[Token], Token | None] | None:
    """The sense of a verb by itself, its object, or its light-verb noun; no complements."""
    journey = _journey(lex, verb)
    if journey is not None:
        return journey
    for key, obj in verb_keys(verb):
        sense = _frame_sense(lex, key, obj, verb)
        if sense is not None:
            return sense, [verb], obj
        if obj is not None and key in lex.word("light"):
            for nk in noun_keys(obj):
                if nk in lex.nouns:
                    return lex.nouns[nk], [verb, obj], obj
        if obj is not None and key in lex.word("undergo"):  # "came under attack": the subject suffers it
            sense = next((lex.nouns[k] for k in noun_keys(obj) if k in lex.nouns), None)
            if sense is not None and sense.type in ("ASSAULT", "COERCE"):
                return sense, [verb, obj], None
        if key in lex.verbs:
            return lex.verbs[key], [verb], obj if obj is not None else direct_object(verb)
    protest = _in_protest(verb)
    if protest is not None:  # "shut their shops in protest against ..."
        preps = (c for c in protest.children if c.dep_ == "prep" and c.lower_ in ("against", "at", "over"))
        against = (pobj(c) for c in preps)
        return Sense("PROTEST", "demo"), [verb, protest], next(against, None)
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
        if lemma(verb) == "be" and prep.lower_ in ("on", "in"):  # "is on a state visit to India"
            sense = next((lex.nouns[k] for k in noun_keys(noun) if k in lex.nouns), None)
            if sense is not None:
                return sense, [prep, noun], noun
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


def _permitted(lex: Lexicon, verb: Token) -> Token | None:
    """ "allowed UN inspectors to visit the site": letting monitors or aid in is granting access,
    whatever they then do. Returns the party let in."""
    if lemma(verb) not in lex.word("permission") or is_negated(verb):
        return None
    comp = child(verb, "xcomp", "ccomp")
    party = child(verb, "dobj") or (child(comp, "nsubj") if comp is not None else None)
    if party is None:
        return None
    party = unquantify(party)
    return party if any(k in lex.object_class("monitors") for k in noun_keys(party)) else None


def _predicted(lex: Lexicon, verb: Token) -> bool:
    """ "are expected to meet", "is due to visit": the reporter's forecast, not an actor's act."""
    if lemma(verb) in lex.word("forecast") and (verb.tag_ == "VBN" or verb.pos_ == "ADJ"):
        return True
    acomp = child(verb, "acomp")
    return acomp is not None and lemma(acomp) in lex.word("forecast")


def _verdict(lex: Lexicon, verb: Token) -> Reading | None:
    """ "found him guilty", "declared the vote illegal": the judge acts on the one judged."""
    if lemma(verb) not in lex.word("verdict"):
        return None
    judged = child(verb, "ccomp", "oprd", "xcomp", "acomp")
    if judged is None or judged.pos_ != "ADJ" or lemma(judged) not in lex.adjectives:
        return None
    who = child(judged, "nsubj") or child(verb, "dobj")
    return Reading(lex.adjectives[lemma(judged)], verb, [verb, judged], [verb], who)


def _control_word(lex: Lexicon, verb: Token) -> str:
    acomp = child(verb, "acomp")
    if acomp is not None and lemma(acomp) in lex.word("intent_adj"):
        return lemma(acomp)
    return lemma(verb)


def read_clause(lex: Lexicon, verb: Token, reported: bool = False, depth: int = 0) -> Reading | None:
    """The event a clause head expresses, following its control chain; None when it has none."""
    question = any(c.dep_ == "mark" and c.lower_ == "whether" for c in verb.children)
    if depth > 4 or question or _predicted(lex, verb):
        return None  # a question ("asked whether Britain would send troops") or a forecast
    own = own_sense(lex, verb)
    comp = _complement(verb)
    inner = read_clause(lex, comp, reported, depth + 1) if comp is not None else None
    word = _control_word(lex, verb)
    reading: Reading | None = None
    asked = _addressee(lex, verb, comp)
    let_in = _permitted(lex, verb)
    verdict = _verdict(lex, verb)
    if verdict is not None:
        reading = verdict
    elif let_in is not None:
        reading = Reading(Sense("RETREAT", "access"), verb, [verb], [verb], let_in)
    elif asked is not None and (own is None or own[0].type == "REQUEST"):
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
            said = clause_tokens(comp) if comp is not None else []
            vowed = direct_object(verb)  # "vowed revenge"
            hostile = any(lemma(t) in lex.word("hostile") for t in said) or (
                vowed is not None and lemma(vowed) in lex.word("menace")
            )
            reading = Reading(Sense("THREATEN" if hostile else "AGREE"), verb, [verb], chain, vowed)
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
        elif sense.type == "THREATEN" and own[2] is not None:  # "threatened a general strike"
            threatened = next((lex.nouns[k] for k in noun_keys(own[2]) if k in lex.nouns), None)
            sense = Sense("THREATEN", threatened.promised().mode) if threatened else sense
        chain = [verb] + (inner.chain if inner else [comp] if comp is not None else [])
        reading = Reading(sense, verb, own[1], chain, own[2])
        if own[2] is None and inner is not None:
            reading.obj = inner.obj
    elif inner is not None and child(verb, "xcomp") is not None:
        reading = replace(inner, head=verb, chain=[verb, *inner.chain])
    if reading is None or reading.sense.type == "ASSAULT" and _contest(lex, verb):
        return None
    reading.sense = _purpose(lex, verb, reading.sense)
    _apply_modals(lex, verb, reading, reported)
    return reading


def _purpose(lex: Lexicon, verb: Token, sense: Sense) -> Sense:
    """What a deployment or an act of force was for: experts sent "to investigate" are an
    investigation, troops sent "to join a peacekeeping force" are aid, a crowd that stormed an
    embassy "to protest" is a riot."""
    doer = agent(verb) if is_passive(verb) else subject(verb)
    head = unquantify(doer) if doer is not None else None
    civilian = head is not None and (
        lemma(head) in lex.word("civilians") or head.ent_type_ == "NORP" and head.tag_ == "NNPS"
    )
    if sense.type == "PROTEST" and lemma(verb) == "protest" and doer is not None and _official(lex, doer):
        return Sense("ACCUSE", "disapprove")  # "Japan protested": a state complains, crowds demonstrate
    if civilian and sense.type == "COERCE":
        # "farmers blockaded the roads", "rioters burned cars"
        return Sense("PROTEST", "obstruct" if sense.mode == "restrict" else "riot")
    if civilian and (sense == Sense("ASSAULT", "primitive") or lemma(verb) in lex.word("scuffle")):
        return Sense("PROTEST", "riot")  # "youths threw stones", "students clashed with riot police"
    moved = subject(verb) if is_passive(verb) else direct_object(verb)
    if sense.type == "MOBILIZE" and moved is not None and lemma(moved) in lex.word("peacekeeping"):
        return Sense("AID")  # "peacekeepers were deployed in Liberia"
    for clause in (c for c in verb.children if c.dep_ in ("advcl", "xcomp")):
        if not any(a.lower_ == "to" for a in clause.children):
            continue
        aim = lemma(clause)
        inquiry = aim in lex.word("inspect") or lex.verbs.get(aim) == Sense("ACCUSE", "investigate")
        if sense.type in ("MOBILIZE", "AID") and inquiry:
            return Sense("ACCUSE", "investigate")
        if sense.type == "MOBILIZE" and any(lemma(t) in lex.word("peacekeeping") for t in clause.subtree):
            return Sense("AID")
        if sense.type in ("ASSAULT", "COERCE") and aim in lex.word("protest_aims"):
            return Sense("PROTEST", "riot")
    return sense


def _contest(lex: Lexicon, verb: Token) -> bool:
    """Sport or business rivalry told in words of battle ("Spain and Italy clash in the final")."""
    nouns = [lemma(t) for t in own_clause(verb) if t.pos_ in ("NOUN", "PROPN")]
    words = lex.word("contests")
    pairs = zip(nouns, nouns[1:], strict=False)
    return any(n in words for n in nouns) or any(f"{a} {b}" in words for a, b in pairs)


def _official(lex: Lexicon, tok: Token) -> bool:
    """A state or its officials ("Japan", "the foreign ministry"), not a crowd."""
    return tok.ent_type_ == "GPE" or lemma(tok) in lex.word("officials") or (
        tok.ent_type_ == "PERSON" and any(lemma(c) in lex.word("officials") for c in tok.subtree)
    )


def _intent(sense: Sense) -> Sense:
    promised = sense.promised()
    return Sense("AGREE") if promised.type == "CONSULT" else promised


def _apply_modals(lex: Lexicon, verb: Token, reading: Reading, reported: bool) -> None:
    """Future and hypothetical modals turn material acts into promises or threats, and mark modality.
    A cut in relations announced for the future is a decision, not a threat ("Nauru said it would cut
    ties with Taiwan"): it stays a SANCTION unless it is only possible ("may halt mediation")."""
    aux = auxiliaries(verb)
    would = "would" in aux
    future = bool(aux & lex.word("future") - {"would"}) or would and reported
    hypothetical = bool(aux & lex.word("hypothetical") - {"would"}) or would and not reported
    decided = future and not hypothetical and reading.sense.type == "SANCTION"
    if (future or hypothetical) and not decided:
        reading.sense = reading.sense.promised()
    if hypothetical or any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children):
        reading.modality = "hypothetical"
    if any(lemma(t) in lex.word("proposal") for t in reading.chain) or any(
        lemma(t) == "call" and any(c.lower_ == "for" for c in t.children) for t in reading.chain
    ):
        reading.modality = "proposed"
    if is_negated(verb):
        reading.modality = "denied"

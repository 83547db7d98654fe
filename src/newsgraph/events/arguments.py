"""The arguments of an event clause: who did it (source) and to whom (target).

The subject acts, or the "by" phrase of a passive; the target is the first phrase after the trigger
naming someone else: an indirect object, the object acted on, a prepositional phrase ("against",
"on", "with", ...), the subject of a complement clause. A subject that names an event ("an attack
by X on Y killed ...") lends its own actors.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from newsgraph.events.lexicon import Lexicon
from newsgraph.events.nominal import noun_roles, noun_sense
from newsgraph.events.participants import Participants, Party, actor_subject, is_dateline
from newsgraph.events.senses import Reading
from newsgraph.events.syntax import (
    agent,
    child,
    children,
    clause_tokens,
    direct_object,
    is_passive,
    lemma,
    pobj,
    subject,
    unquantify,
)

TARGET_PREPS = (
    "against", "on", "with", "at", "to", "toward", "towards", "into", "upon", "from", "over", "between",
    "among", "for",
)
ARMED = frozenset({"armed", "masked", "unidentified", "unknown", "suspected"})  # "armed men" act
TRANSFER_TYPES = frozenset({"AID", "COOPERATE", "RETREAT", "CONSULT", "AGREE"})
# Cooperative types, for which "on", "over" and "about" give the topic ("talks on Korea"), not a party.
TOPICAL_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE", "SUPPORT", "AID"})
TOPIC_PREPS = frozenset({"on", "over", "about"})


@dataclass
class Found:
    """A candidate event in a sentence, before attributes."""

    reading: Reading
    sources: list[Party]
    targets: list[Party] = field(default_factory=list)
    has_actor: bool = True  # the source is an actor, even if it has no code
    unplaced: bool = False  # the target is an actor the coder cannot place ("former premier Bettino Craxi")


class Arguments:
    """Reads sources and targets off the parse for one document."""

    def __init__(self, lex: Lexicon, parts: Participants) -> None:
        self.lex = lex
        self.parts = parts

    def found(self, reading: Reading, speaker: list[Party] | None) -> Found | None:
        """Who did it and to whom; None when no actor is named and the act is not one that codes
        without one (violence, repression)."""
        head = reading.head
        subj = actor_subject(head)
        by = agent(head)
        subj = unquantify(subj) if subj is not None else None
        # "X was attacked (by Y)": the passive subject is the target; "were engaged in" is not;
        # "X came under attack" reads as a passive.
        suffered = lemma(head) in self.lex.word("undergo") and reading.sense.type in ("ASSAULT", "COERCE")
        passive = suffered or is_passive(head) and (
            by is not None or reading.obj is None or subj is None or reading.obj.i == subj.i
        )
        # "Police were placed on alert": the units readied are the actor of a deployment.
        readied = passive and by is None and reading.sense.type in ("MOBILIZE", "AID") and subj is not None
        passive = passive and not readied
        actor_tok = by if passive else subj
        sources = self._sources(actor_tok, head, speaker, passive)
        named: tuple[list[Party], list[Party]] = ([], [])
        if actor_tok is not None and not any(p.code for p in sources) and noun_sense(self.lex, actor_tok):
            named = noun_roles(self.parts, actor_tok, speaker)  # "an attack by X on Y killed ..."
            sources = named[0] or sources
        has_actor = bool(sources) or (actor_tok is not None and self.actor_noun(actor_tok))
        if passive and subj is not None:
            named_targets = self.parts.parties(subj, speaker, actor_like=self.actor_noun(subj))
            targets = [p for p in named_targets if p.code]
        else:
            targets = named[1] or self._targets(reading, sources, speaker)
        if not has_actor and not self._unnamed_act(reading, actor_tok, passive):
            return None
        recipient = subj if passive else reading.obj or direct_object(head)
        unplaced = (
            not targets and recipient is not None and self.actor_noun(recipient)
            and lemma(recipient) not in self.lex.word("outsiders")
        )
        return Found(reading, sources, targets, has_actor, unplaced)

    def _sources(
        self, tok: Token | None, head: Token, speaker: list[Party] | None, passive: bool
    ) -> list[Party]:
        """The actors a subject names; a subject that is no actor ("the divide between X and Y")
        gives none. The parser sometimes hangs part of a coordinated subject as a second subject."""
        if tok is None:
            return []
        actor = self.actor_noun(tok)
        found = self.parts.parties(tok, speaker, deep=actor, actor_like=actor)
        if not passive:
            for extra in children(head, "nsubj"):
                if extra.i != tok.i and not is_dateline(extra):
                    found += [p for p in self.parts.parties(extra, speaker) if p not in found]
        return found

    def actor_noun(self, tok: Token) -> bool:
        """A noun that can name someone who acts: a known role, a name, or "armed men"."""
        words = self.lex.word("actor_nouns")
        return (
            any(lemma(t) in words for t in tok.conjuncts + (tok,))
            or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
            or tok.pos_ == "PROPN"
            or any(c.dep_ == "amod" and c.lower_ in ARMED for c in tok.children)
        )

    def _unnamed_act(self, reading: Reading, actor_tok: Token | None, passive: bool) -> bool:
        """Violence or repression with no named perpetrator ("a car bomb killed ...", "was arrested
        in Lebanon") still codes; the place stands in for the source."""
        if reading.sense.type == "COERCE" and passive and actor_tok is None:
            return True
        if reading.sense.type != "ASSAULT":
            return False
        if actor_tok is not None and lemma(actor_tok) in self.lex.nouns:
            return self.lex.nouns[lemma(actor_tok)].type == "ASSAULT"
        sent_words = {lemma(t) for t in reading.head.sent}
        cues = self.lex.modes.get("ASSAULT", {})
        return actor_tok is None and any(w in sent_words for ws in cues.values() for w in ws)

    def _targets(self, reading: Reading, sources: list[Party], speaker: list[Party] | None) -> list[Party]:
        """The first phrase naming someone other than the source; the source itself if nothing else
        does (domestic events), but never just through "its"/"our" ("a list of our concerns")."""
        mine = {p.code for p in sources if p.code}
        first: list[Party] = []
        self_reference = False
        for tok in self._target_tokens(reading):
            skip = TOPIC_PREPS if reading.sense.type in TOPICAL_TYPES else frozenset()
            named = self.parts.parties(tok, speaker, actor_like=self.actor_noun(tok), skip=skip)
            found = [p for p in named if p.code]
            if found and {p.code for p in found} - mine:
                return found
            if found and any(t.dep_ == "poss" and t.pos_ == "PRON" for t in clause_tokens(tok)):
                self_reference = True
                continue
            first = first or found
            if named and not found and tok.pos_ == "NOUN" and lemma(tok) in self.lex.word("actor_nouns"):
                return first  # an actor the coder cannot place: better no target than a wrong one
        if first or len(mine) > 1 and reading.sense.type in TOPICAL_TYPES:
            return first  # partners acting together have no recipient to guess
        exclude = mine if self_reference else set()
        meeting = reading.sense.type == "CONSULT" or any(
            lemma(t) in self.lex.word("meeting") for t in reading.trigger
        )
        return self.parts.coded_after(reading.head, exclude, places=not meeting)

    def _target_tokens(self, reading: Reading) -> list[Token]:
        """Noun heads that may name the target, most likely first."""
        chain = reading.chain or [reading.head]
        out: list[Token | None] = []
        for verb in chain:
            out += [c if c.pos_ != "ADP" else pobj(c) for c in children(verb, "dative", "iobj")]
        if reading.sense.type in TRANSFER_TYPES:  # "handed over a list of concerns to Japanese colleagues"
            out += [pobj(t) for t in reading.head.subtree if t.dep_ == "prep" and t.lower_ == "to"]
        if reading.obj is not None:
            out.append(reading.obj)
        for verb in chain:
            obj = direct_object(verb)
            if obj is not None:
                out.append(obj)
            for clause in children(verb, "ccomp"):  # "criticized what they called China's behavior"
                if any(c.tag_ == "WP" and c.dep_ in ("dobj", "nsubj") for c in clause.children):
                    out += children(clause, "oprd", "attr", "dobj")
        holders = chain + ([reading.obj] if reading.obj is not None else [])
        preps = [[(p.lower_, p) for p in children(holder, "prep")] for holder in holders]
        for prep_word in TARGET_PREPS:
            if prep_word in TOPIC_PREPS and reading.sense.type in TOPICAL_TYPES:
                continue
            for held in preps:
                out += [pobj(p) for word, p in held if word == prep_word]
        for verb in chain:
            comp = child(verb, "ccomp", "xcomp")
            inner, outer = (subject(comp), subject(verb)) if comp is not None else (None, None)
            if inner is not None and (outer is None or inner.i != outer.i):
                out.append(inner)
        if reading.sense.type == "THREATEN":  # "threatened to use force if Taiwan declared independence"
            conditions = [
                subject(c) for v in chain for c in children(v, "advcl")
                if any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
            ]
            out += [t for t in conditions if t is not None and self.actor_noun(t)]
        return [unquantify(t) for t in out if t is not None and t.pos_ not in ("VERB", "AUX")]


"""One sentence to candidate events: which clause carries the event, who did it, to whom.

Reported speech is the heart of news: "X said Y did Z" codes Z (X is only the source of the
report) unless the saying is itself the act: a speech verb that is an event ("X charged that
Y ..."), an obligation ("X said Y must ..." is a REQUEST), or a hostile characterisation of
another actor by a speaker ("X said Y uses Z as a pretext") is an accusation by X.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from newsgraph.events.lexicon import Lexicon, Sense
from newsgraph.events.participants import Participants, Party, is_dateline
from newsgraph.events.senses import Reading, read_clause
from newsgraph.events.syntax import (
    agent,
    auxiliaries,
    child,
    children,
    clause_tokens,
    direct_object,
    is_negated,
    is_passive,
    lemma,
    pobj,
    subject,
    unquantify,
)

TARGET_PREPS = ("against", "on", "with", "at", "to", "toward", "towards", "into", "upon", "from", "over", "between", "for")
ARMED = frozenset({"armed", "masked", "unidentified", "unknown", "suspected"})  # "armed men" act
TRANSFER_TYPES = frozenset({"AID", "COOPERATE", "RETREAT", "CONSULT", "AGREE"})


@dataclass
class Found:
    """A candidate event in a sentence, before attributes."""

    reading: Reading
    sources: list[Party]
    targets: list[Party] = field(default_factory=list)
    has_actor: bool = True  # the source is an actor, even if it has no code


def _transparent(clause: Token) -> Token:
    """ "It seems that X ...": the claim is about X."""
    if lemma(clause) in ("seem", "appear") and (inner := child(clause, "ccomp")) is not None:
        return inner
    return clause


class SentenceCoder:
    def __init__(self, lex: Lexicon, parts: Participants) -> None:
        self.lex = lex
        self.parts = parts

    def code(self, sent: Span) -> list[Found]:
        speaker = self.parts.speaker_at(sent.root)
        trailing = self._trailing_act(sent)
        if trailing is not None:
            return self._speech(trailing, sent.root, speaker or None, depth=0)
        found = self._clause(sent.root, speaker or None, reported=bool(speaker), depth=0)
        if not found and speaker:
            found = self._hostile_statement(sent.root, speaker)
        return found

    # -- clause walk ----------------------------------------------------------------------

    def _clause(self, head: Token, speaker: list[Party] | None, reported: bool, depth: int) -> list[Found]:
        if depth > 3:
            return []
        contents = self._contents(head)
        if contents:
            found = self._speech(head, contents[0], speaker, depth)
            for more in contents[1:]:  # a run-on quote: "We warned that ... We are coordinating ..."
                found += self._clause(more, self._speaker(head, speaker) or None, True, depth + 1)
            return found
        described = self._characterized(head, speaker)
        if described is not None:
            return [described]
        reading = read_clause(self.lex, head, reported)
        out = []
        if reading is not None:
            f = self._found(reading, speaker)
            if f is not None:
                out.append(f)
        elif (comp := child(head, "ccomp")) is not None:
            out += self._clause(comp, speaker, reported, depth + 1)
        for conj in children(head, "conj"):
            if conj.pos_ in ("VERB", "AUX"):
                out += self._clause(conj, speaker, reported, depth + 1)
        if not out:
            for adv in children(head, "advcl"):
                out += self._clause(adv, speaker, reported, depth + 1)
        return out

    def _characterized(self, head: Token, speaker: list[Party] | None) -> Found | None:
        """ "X described Y's program as a step toward offensive capabilities": X accuses Y."""
        if lemma(head) not in self.lex.word("characterize") or is_negated(head):
            return None
        obj = child(head, "dobj")
        as_phrase = next((c for c in head.children if c.dep_ in ("oprd", "xcomp") or c.lower_ == "as"), None)
        subj = subject(head)
        if obj is None or as_phrase is None or subj is None or not self._hostile(as_phrase):
            return None
        sources = self.parts.parties(subj, speaker)
        targets = self._others(self.parts.parties(obj, speaker), sources)
        if not targets:
            return None
        return Found(Reading(Sense("ACCUSE", "disapprove"), head, [head], [head], obj), sources, targets)

    def _trailing_act(self, sent: Span) -> Token | None:
        """A closing ", a rights group protested." that the parser hung off a noun, not the root."""
        root = sent.root
        for tok in sent:
            if (
                tok.i > root.i
                and lemma(tok) in self.lex.speech_events
                and tok.dep_ in ("acl", "relcl", "conj", "advcl", "parataxis")
                and child(tok, "ccomp", "dobj", "xcomp") is None
                and any(t.lower_ == "," for t in sent.doc[root.i : tok.i])
            ):
                return tok
        return None

    def _contents(self, head: Token) -> list[Token]:
        """The reported clauses of a speech verb ("said [it would ...]"), if ``head`` is one."""
        if lemma(head) not in self.lex.word("speech"):
            return []
        if child(head, "dobj") is not None and lemma(head) not in self.lex.word("address"):
            return []  # "demanded the withdrawal ...": an act on an object, not a report
        return [c for c in children(head, "ccomp") if c.pos_ in ("VERB", "AUX", "ADJ")]

    def _speaker(self, head: Token, outer: list[Party] | None) -> list[Party]:
        """Who says it: the speech verb's subject, else the speaker around it."""
        subj = subject(head)
        if subj is None and head.dep_ in ("acl", "relcl") and head.head.pos_ in ("NOUN", "PROPN"):
            subj = head.head
        speaker = self.parts.parties(subj, outer) if subj is not None else []
        return speaker or list(outer or [])

    def _speaks(self, head: Token, speaker: list[Party]) -> bool:
        subj = subject(head)
        return any(p.code for p in speaker) or (subj is not None and self._actor_noun(subj))

    def _speech(self, head: Token, content: Token, outer: list[Party] | None, depth: int) -> list[Found]:
        speaker = self._speaker(head, outer)
        said = self._clause(content, speaker or None, reported=True, depth=depth + 1)
        content = _transparent(content)
        about = subject(content)
        about_parties = self._others(self.parts.parties(about, speaker) if about is not None else [], speaker)
        act = self.lex.speech_events.get(lemma(head))
        if not self._speaks(head, speaker):
            act = None  # "economists warned ...": a speech act needs an actor to make it
        if said and about is not None and not about_parties and self._same(about, speaker):
            return said  # "Turkey warned that it would launch ...": the speaker's own act
        if lemma(head) in self.lex.word("opinion") and act is None and about_parties and self._hostile(content):
            return self._hostile_statement(content, speaker, about_parties)
        if act is not None and not is_negated(head):
            targets = about_parties or (said[0].targets if said else [])
            if targets or act.type not in ("ACCUSE", "REQUEST"):
                return [Found(Reading(act, head, [head], [head, content]), speaker, targets)]
        if lemma(head) in self.lex.word("denial"):
            for f in said:
                f.reading.modality = "denied"
        if self._obligation(content) and about_parties:
            return [Found(Reading(Sense("REQUEST", "change"), head, [content], [head, content]), speaker, about_parties)]
        if said:
            return said
        return self._hostile_statement(content, speaker, about_parties)

    def _hostile_statement(
        self, content: Token, speaker: list[Party], about: list[Party] | None = None
    ) -> list[Found]:
        """A speaker's hostile claim about another actor is an accusation against it."""
        content = _transparent(content)
        if not any(p.code for p in speaker) or is_negated(content):
            return []
        if about is None:
            subj = subject(content)
            about = self._others(self.parts.parties(subj, speaker) if subj is not None else [], speaker)
        if not about or not self._hostile(content):
            return []
        return [Found(Reading(Sense("ACCUSE", "disapprove"), content, [content], [content]), speaker, about)]

    def _hostile(self, head: Token) -> bool:
        words = self.lex.word("hostile")
        toks = list(head.subtree)
        if any(lemma(t) in words or t.lower_ in words for t in toks):
            return True
        return any(f"{lemma(a)} {lemma(b)}" in words for a, b in zip(toks, toks[1:], strict=False))

    def _obligation(self, content: Token) -> bool:
        aux = auxiliaries(content)
        if aux & {"must", "should", "ought"}:
            return True
        xcomp = child(content, "xcomp")
        return lemma(content) in ("have", "need") and xcomp is not None and "to" in auxiliaries(xcomp) | {
            c.lower_ for c in xcomp.children if c.dep_ == "aux"
        }

    def _same(self, tok: Token, speaker: list[Party]) -> bool:
        """The content's subject is the speaker itself ("it", "they", or the same actor)."""
        if tok.lower_ in ("it", "they", "we", "i", "he", "she"):
            return True
        return bool(speaker) and self.parts.parties(tok, speaker) == speaker

    @staticmethod
    def _others(parties: list[Party], speaker: list[Party]) -> list[Party]:
        """Coded parties that are not the speaker."""
        mine = {p.code for p in speaker if p.code} | {p.actor_id for p in speaker if p.actor_id}
        return [p for p in parties if p.code and p.code not in mine and p.actor_id not in mine]

    # -- roles ----------------------------------------------------------------------------

    def _found(self, reading: Reading, speaker: list[Party] | None) -> Found | None:
        head = reading.head
        subj = subject(head)
        if subj is not None and is_dateline(subj):  # "SEOUL, Nov 29 - North Korea launched ..."
            subj = next((c for c in children(head, "nsubj") if not is_dateline(c)), None)
        by = agent(head)
        subj = unquantify(subj) if subj is not None else None
        # "X was attacked (by Y)": the passive subject is the target; "were engaged in" is not.
        passive = is_passive(head) and (
            by is not None or reading.obj is None or subj is None or reading.obj.i == subj.i
        )
        actor_tok = by if passive else subj
        sources = self._sources(actor_tok, head, speaker, passive)
        has_actor = bool(sources) or (actor_tok is not None and self._actor_noun(actor_tok))
        if passive and subj is not None:
            targets = [p for p in self.parts.parties(subj, speaker, actor_like=self._actor_noun(subj)) if p.code]
        else:
            targets = self._targets(reading, sources, speaker)
        if not has_actor and not self._unnamed_act(reading, actor_tok, passive):
            return None
        return Found(reading, sources, targets, has_actor)

    def _sources(self, tok: Token | None, head: Token, speaker: list[Party] | None, passive: bool) -> list[Party]:
        """The actors a subject names; a subject that is no actor ("the divide between X and Y")
        gives none. The parser sometimes hangs part of a coordinated subject as a second subject."""
        if tok is None:
            return []
        actor = self._actor_noun(tok)
        found = self.parts.parties(tok, speaker, deep=actor, actor_like=actor)
        if not passive:
            for extra in children(head, "nsubj"):
                if extra.i != tok.i and not is_dateline(extra):
                    found += [p for p in self.parts.parties(extra, speaker) if p not in found]
        return found

    def _actor_noun(self, tok: Token) -> bool:
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
            named = self.parts.parties(tok, speaker, actor_like=self._actor_noun(tok))
            found = [p for p in named if p.code]
            if found and {p.code for p in found} - mine:
                return found
            if found and any(t.dep_ == "poss" and t.pos_ == "PRON" for t in clause_tokens(tok)):
                self_reference = True
                continue
            first = first or found
            if named and not found and tok.pos_ == "NOUN" and lemma(tok) in self.lex.word("actor_nouns"):
                return first  # an actor the coder cannot place: better no target than a wrong one
        return first or self.parts.coded_after(reading.head, exclude=mine if self_reference else set())

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
        for prep_word in TARGET_PREPS:
            for holder in holders:
                for p in children(holder, "prep"):
                    if p.lower_ == prep_word:
                        out.append(pobj(p))
        for verb in chain:
            comp = child(verb, "ccomp", "xcomp")
            inner, outer = (subject(comp), subject(verb)) if comp is not None else (None, None)
            if inner is not None and (outer is None or inner.i != outer.i):
                out.append(inner)
        return [unquantify(t) for t in out if t is not None and t.pos_ not in ("VERB", "AUX")]


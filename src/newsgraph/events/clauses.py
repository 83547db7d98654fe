"""One sentence to candidate events: which clause carries the event, who did it, to whom.

Reported speech is the heart of news: "X said Y did Z" codes Z (X is only the source of the
report) unless the saying is itself the act: a speech verb that is an event ("X charged that
Y ..."), an obligation ("X said Y must ..." is a REQUEST), or a hostile characterisation of
another actor by a speaker ("X said Y uses Z as a pretext") is an accusation by X. A sentence
whose verbs carry no event may still name one in its subject ("the signing of a deal between X
and Y ended ...").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.events.arguments import Arguments, Found
from newsgraph.events.lexicon import Lexicon, Sense
from newsgraph.events.nominal import noun_roles, noun_sense
from newsgraph.events.participants import Participants, Party, actor_subject
from newsgraph.events.senses import Reading, read_clause
from newsgraph.events.syntax import (
    auxiliaries,
    child,
    children,
    is_negated,
    lemma,
    subject,
)

# Acts that are news even when no one is named as their author: the place stands in for the source.
UNNAMED_TYPES = frozenset({"ASSAULT", "PROTEST"})


def _claim_tokens(head: Token) -> list[Token]:
    """The words of a claim without the clauses that only describe its nouns ("soldiers [killed in the
    war]", "the envoy [who visited Kabul]"); an intention stays ("plans [to deploy missiles]")."""
    out, stack = [], [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(
            c for c in tok.children
            if c.dep_ != "relcl" and not (c.dep_ == "acl" and not any(a.lower_ == "to" for a in c.children))
        )
    return sorted(out, key=lambda t: t.i)


def _transparent(clause: Token) -> Token:
    """ "It seems that X ...": the claim is about X."""
    if lemma(clause) in ("seem", "appear") and (inner := child(clause, "ccomp")) is not None:
        return inner
    return clause


class SentenceCoder:
    """Codes the sentences of one document."""

    def __init__(self, lex: Lexicon, parts: Participants) -> None:
        self.lex = lex
        self.parts = parts
        self.args = Arguments(lex, parts)

    def code(self, sent: Span) -> list[Found]:
        speaker = self.parts.speaker_at(sent.root)
        trailing = self._trailing_act(sent)
        if trailing is not None:
            return self._speech(trailing, sent.root, speaker or None, depth=0)
        report = self._misparsed_report(sent.root)
        if report is not None:  # "Youths [threw stones], officials said", parsed with two subjects of "said"
            return self._clause(report, speaker or None, reported=True, depth=1)
        found = self._clause(sent.root, speaker or None, reported=bool(speaker), depth=0)
        if not found and speaker:
            found = self._hostile_statement(sent.root, speaker)
        return found or self._named_event(sent.root, speaker or None)

    def _misparsed_report(self, root: Token) -> Token | None:
        """The reported clause of "X did Y, officials said" when the parser made X a second subject
        of "said" and "did Y" a clause hanging off X."""
        if lemma(root) not in self.lex.word("speech") or child(root, "ccomp") is not None:
            return None
        subjects = children(root, "nsubj")
        if len(subjects) < 2:
            return None
        clauses = (c for c in subjects[0].children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB")
        return next(clauses, None)

    def _named_event(self, root: Token, speaker: list[Party] | None) -> list[Found]:
        """An event the sentence's subject names ("the signing of a deal between X and Y ended ...")."""
        subj = subject(root) if root.pos_ in ("VERB", "AUX") else None
        sense = noun_sense(self.lex, subj) if subj is not None else None
        if subj is None or sense is None:
            return []
        sources, targets = noun_roles(self.parts, subj, speaker)
        reading = Reading(sense, subj, [subj], [subj])
        if not sources and sense.type in UNNAMED_TYPES and lemma(root) in self.lex.word("occurrence"):
            return [Found(reading, [], targets, has_actor=False)]  # "fighting erupted in Mogadishu"
        if not targets and len({p.code for p in sources}) < 2:
            return []  # "Lavrov's warning about the risks serves as a reminder": a recap, not a new act
        return [Found(reading, sources, targets)]

    # -- clause walk ----------------------------------------------------------------------

    def _clause(
        self, head: Token, speaker: list[Party] | None, reported: bool, depth: int, purposes: bool = True
    ) -> list[Found]:
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
            f = self.args.found(reading, speaker)
            if f is not None:
                out.append(f)
        elif (comp := child(head, "ccomp")) is not None:
            out += self._clause(comp, speaker, reported, depth + 1)
        for conj in children(head, "conj"):
            if conj.pos_ in ("VERB", "AUX"):
                out += self._clause(conj, speaker, reported, depth + 1, purposes=not out)
        if not out and purposes:  # "used batons to disperse the crowd" after "fired tear gas" is one act
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
                and tok.dep_ in ("acl", "relcl", "conj", "advcl", "parataxis")
                and lemma(tok) in self.lex.speech_events
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
        subj = actor_subject(head)
        if subj is None and head.dep_ in ("acl", "relcl") and head.head.pos_ in ("NOUN", "PROPN"):
            subj = head.head
        speaker = self.parts.parties(subj, outer) if subj is not None else []
        return speaker or list(outer or [])

    def _speaks(self, head: Token, speaker: list[Party]) -> bool:
        subj = actor_subject(head)
        return any(p.code for p in speaker) or (subj is not None and self.args.actor_noun(subj))

    def _speech(self, head: Token, content: Token, outer: list[Party] | None, depth: int) -> list[Found]:
        speaker = self._speaker(head, outer)
        said = self._clause(content, speaker or None, reported=True, depth=depth + 1)
        content = _transparent(content)
        about = subject(content)
        named = self.parts.parties(about, speaker) if about is not None else []
        about_parties = self._others(named, speaker)
        # An explicit demand or charge may be aimed at the speaker's own compatriots ("the opposition
        # demanded that the president step down"); opinions about them are not accusations.
        compatriots = [p for p in self._others(named, speaker, by_identity=True) if p.kind != "country"]
        act = self.lex.speech_events.get(lemma(head))
        warning = lemma(head) in self.lex.word("address") and self._menacing(content)
        if act is not None and act.type == "ACCUSE" and warning:
            act = Sense("THREATEN")  # "warned Uganda that it could face sanctions"
        if not self._speaks(head, speaker):
            act = None  # "economists warned ...": a speech act needs an actor to make it
        addressee = child(head, "dobj") if lemma(head) in self.lex.word("address") else None
        if addressee is not None:  # "warned Japan that ...": the one told is the target
            about_parties = self._others(self.parts.parties(addressee, speaker), speaker) or about_parties
        if said and about is not None and not about_parties and self._same(about, speaker):
            return said  # "Turkey warned that it would launch ...": the speaker's own act
        opinion = lemma(head) in self.lex.word("opinion") and act is None
        if opinion and about_parties and self._hostile(content):
            return self._hostile_statement(content, speaker, about_parties)
        if act is not None and not is_negated(head):
            targets = about_parties or (said[0].targets if said else []) or compatriots
            if targets or act.type not in ("ACCUSE", "REQUEST"):
                return [Found(Reading(act, head, [head], [head, content]), speaker, targets)]
        if lemma(head) in self.lex.word("denial"):
            for f in said:
                f.reading.modality = "denied"
        if self._obligation(content) and (about_parties or compatriots):
            request = Reading(Sense("REQUEST", "change"), head, [content], [head, content])
            return [Found(request, speaker, about_parties or compatriots)]
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
        """Whether a clause characterises someone's conduct in hostile words; relative clauses that
        only describe ("soldiers killed in the war") do not count."""
        words = self.lex.word("hostile")
        toks = _claim_tokens(head)
        if any(lemma(t) in words or t.lower_ in words for t in toks):
            return True
        return any(f"{lemma(a)} {lemma(b)}" in words for a, b in zip(toks, toks[1:], strict=False))

    def _menacing(self, content: Token) -> bool:
        """A warning of consequences: sanctions, retaliation, force."""
        words = self.lex.word("menace")
        return any(lemma(t) in words for t in content.subtree)

    def _obligation(self, content: Token) -> bool:
        aux = auxiliaries(content)
        if aux & self.lex.word("obligation"):
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
    def _others(parties: list[Party], speaker: list[Party], by_identity: bool = False) -> list[Party]:
        """Coded parties that are not the speaker: of another country, or with ``by_identity`` any
        other actor."""
        ids = {p.actor_id for p in speaker if p.actor_id}
        codes = set() if by_identity else {p.code for p in speaker if p.code}
        return [p for p in parties if p.code and p.code not in codes and p.actor_id not in ids]

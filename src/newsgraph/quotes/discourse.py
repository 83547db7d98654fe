"""Who is who in one article: entities from mentions, and the references a pronoun can take.

One left-to-right pass records every actor mention and every grammatical subject as a
reference; pronouns and role nouns ("she", "the diplomat", "the company") are resolved
against the references before them, preferring subjects, the way a reader tracks the
current topic person. Groups ("Austin, Blinken and their counterparts") become entities
too, named later by the plural noun the text uses when they speak ("the ministers").
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.actors import code_text
from newsgraph.quotes.entities import (
    Entity,
    described_as,
    entity_text,
    gender_of,
    guess_genders,
    untitled,
)
from newsgraph.quotes.lexicon import (
    BODY_NOUNS,
    DETERMINERS,
    EPITHETS,
    INSTITUTION_WORDS,
    ORG_ANAPHORS,
    PERSON_NOUNS,
    PERSONAL_PRONOUNS,
    PLURAL_PRONOUNS,
    ROLE_HYPERNYMS,
    SOURCE_CARRIERS,
    SOURCE_NOUNS,
    SPEECH_ACTS,
    THING_PRONOUNS,
)
from newsgraph.quotes.phrases import display_phrase, nominal_fit, np_span, same_line
from newsgraph.quotes.readings import PEOPLE_NOUNS, SUBJECT_DEPS, MentionReading, read_document
from newsgraph.quotes.syntax import agentive, antecedent, can_speak, is_age, subject_of
from newsgraph.records import Mention

_LOOKBACK = 80  # references scanned back for a pronoun; keeps resolution linear
_ROLE_LOOKBACK = 200  # references scanned back for "the minister"
_CATAPHORA_CHARS = 600  # how far ahead a description may point ("the governor said ... Governor X")
_SENDER_LOOKBACK = 400  # tokens scanned back for the sentence that introduced "the letter"


@dataclass
class _Ref:
    pos: int
    entity: Entity
    subject: bool
    sent: int
    main: bool = False  # subject of the sentence's main verb: the topic a pronoun most often continues
    quoted: bool = False  # inside a quotation, where a name is what a speaker talks about


class Discourse:
    """Entities and references of one document; ``resolve`` maps a speaker token to an entity."""

    def __init__(self, doc: Doc, mentions: list[Mention], in_quote: list[bool]) -> None:
        self.doc = doc
        self.in_quote = in_quote
        self._by_token: dict[int, Entity] = {}
        self._resolved: dict[int, Entity | None] = {}
        self._refs: list[_Ref] = []
        self._ref_pos: list[int] = []
        self._surnames: dict[str, Entity] = {}
        self._people: dict[str, Entity] = {}
        self._names: dict[str, Entity] = {}
        self._fits: dict[tuple[str, int], int] = {}
        self._persons_by_id: dict[int, Entity] = {}
        self._first_seen: list[tuple[int, int]] = []  # (char of first mention, id of the person)
        reading = read_document(doc, mentions)
        self._starts = reading.starts
        self._sent_of = reading.sent_of
        titled = self._index_mentions(reading.readings)
        guess_genders(doc, self._by_token, in_quote, reading.turns, reading.pronouns)
        for r, gender in titled:
            self._add_person(r, self._titled_person(r, gender), gender)
        self._index_people()
        self._walk(reading.subjects)

    # -- building -------------------------------------------------------------------------

    def _index_mentions(self, readings: list[MentionReading]) -> list[tuple[MentionReading, str]]:
        """Entities from the actor mentions.

        A person is one entity across spellings (a bare surname joins the full name used
        elsewhere). An organisation or country is one entity per way the text writes it, so
        that "the Icelandic Meteorological Office" is shown as written even when the actor
        resolver codes it to the country. Mentions under an honorific ("Mrs. Trump") are returned
        to be placed once pronouns have told who is a woman and who a man.
        """
        for r in readings:
            if r.person and len(r.name.split()) > 1 and not self._surname_titled(r):
                entity = self._people.setdefault(
                    r.mention.actor_id, Entity("person", r.name, r.mention.actor_id, r.mention.country)
                )
                self._surnames.setdefault(r.name.split()[-1].lower(), entity)
        titled: list[tuple[MentionReading, str]] = []
        for r in readings:
            m, name = r.mention, r.name
            single = self._surnames.get(name.lower()) if len(name.split()) == 1 else None
            gender = self._honorific(r)
            if gender is not None and self._surname_titled(r) and (r.person or single is not None):
                titled.append((r, gender))
            elif r.person or single is not None:
                new = Entity("person", name, m.actor_id, m.country)
                self._add_person(r, single or self._people.setdefault(m.actor_id, new), gender)
            else:
                key = f"{m.actor_id}|{r.written.lower()}"
                entity = self._names.setdefault(key, Entity(m.kind, r.written, m.actor_id, m.country))
                for i in r.tokens:
                    self._by_token[i] = entity
        return titled

    def _honorific(self, r: MentionReading) -> str | None:
        """The gender an honorific before the name gives ("Mrs. Trump", "Mr Okafor")."""
        first = min(r.tokens)
        words = [self.doc[i].lower_.rstrip(".") for i in (first - 1, first) if i >= 0]
        return next((HONORIFIC_GENDERS[w] for w in words if w in HONORIFIC_GENDERS), None)

    def _surname_titled(self, r: MentionReading) -> bool:
        """"Mrs. Trump": a surname under an honorific, which may not be the person the resolver chose."""
        return self._honorific(r) is not None and len(untitled(r.mention.text).split()) == 1

    def _add_person(self, r: MentionReading, entity: Entity, gender: str | None) -> None:
        entity.roles.update(r.described)
        entity.role_heads |= r.heads
        entity.role_text = f"{entity.role_text}; {' '.join(r.described)}".strip("; ")
        first = min(r.tokens)
        before = self.doc[first - 1].lower_.rstrip(".") if first > 0 else ""
        entity.gender = entity.gender or gender or gender_of((entity.roles | {before}) - HONORIFIC_GENDERS.keys())
        for i in r.tokens:
            self._by_token[i] = entity

    def _titled_person(self, r: MentionReading, gender: str) -> Entity:
        """Who "Mrs. Trump" is: the person of that surname and gender, not the husband the resolver
        linked; a known person of the name whose gender is still open; the resolver's choice when the
        text names nobody else by it; else someone new, shown with the honorific."""
        surname = untitled(r.mention.text).split()[-1].lower() if r.mention.text.split() else ""
        people = [e for e in {id(e): e for e in self._by_token.values()}.values() if e.kind == "person"]
        namesakes = [e for e in people if e.name.lower().split()[-1:] == [surname]]
        linked = self._people.get(r.mention.actor_id)
        for candidates in ([e for e in namesakes if e.gender == gender],
                           [e for e in [linked] if e is not None and e.gender is None],
                           [e for e in namesakes if e.gender is None]):
            if candidates:
                return candidates[-1]
        if linked is None:  # nobody else the resolver's choice could be confused with
            m = r.mention
            return self._people.setdefault(m.actor_id, Entity("person", r.name, m.actor_id, m.country))
        first = min(r.tokens)
        title = next(t.text for t in self.doc[max(0, first - 1) : first + 1] if t.lower_.rstrip(".") in HONORIFIC_GENDERS)
        written = f"{title} {untitled(r.mention.text)}"
        return self._names.setdefault(written.lower(), Entity("person", written, gender=gender))

    def _index_people(self) -> None:
        self._persons_by_id = {id(e): e for e in self._by_token.values() if e.kind == "person"}
        first_at: dict[int, int] = {}
        for i, entity in sorted(self._by_token.items()):
            if entity.kind == "person":
                first_at.setdefault(id(entity), self.doc[i].idx)
        self._first_seen = sorted((pos, pid) for pid, pos in first_at.items())

    def _walk(self, subjects: list[int]) -> None:
        """Record mentions and subjects in text order, resolving each against what came before."""
        seen: set[int] = set()
        for tok in (self.doc[i] for i in sorted({*self._by_token, *subjects})):
            entity = self._by_token.get(tok.i)
            is_root = entity is not None and self._by_token.get(tok.head.i) is not entity
            if tok.dep_ in SUBJECT_DEPS and not self.in_quote[tok.i]:
                entity = self.resolve(tok)
                is_root = entity is not None
            if entity is None or not is_root or (tok.i in seen):
                continue
            seen.add(tok.i)
            subject = tok.dep_ in SUBJECT_DEPS or (tok.dep_ == "appos" and tok.head.dep_ in SUBJECT_DEPS)
            subject = subject and not self.in_quote[tok.i]
            verb = tok.head.head if tok.dep_ == "appos" else tok.head
            main = subject and self._is_main(verb)
            self._refs.append(_Ref(tok.idx, entity, subject, self._sent_of[tok.i], main, self.in_quote[tok.i]))
            self._ref_pos.append(tok.idx)

    def _is_main(self, verb: Token) -> bool:
        """A sentence's main verb (or one conjoined to it); sentences end at paragraph breaks."""
        if verb.dep_ == "conj":
            verb = verb.head
        return verb.head.i == verb.i or self._sent_of[verb.head.i] != self._sent_of[verb.i]

    # -- resolution -----------------------------------------------------------------------

    def entity_at(self, tok: Token) -> Entity | None:
        return self._by_token.get(tok.i)

    def resolve(self, tok: Token) -> Entity | None:
        """The entity a speaker token refers to, or None when the text names nobody."""
        if tok.i not in self._resolved:
            self._resolved[tok.i] = None  # guards against cycles through appositions
            self._resolved[tok.i] = self._resolve(tok)
        return self._resolved[tok.i]

    def _resolve(self, tok: Token) -> Entity | None:
        lower = tok.lower_
        if tok.tag_ in ("WP", "WDT"):
            noun = antecedent(tok)  # "Lavrov, who said ...", "families, many of whom say ..."
            return self.resolve(noun) if noun is not None else None
        if tok.pos_ == "PRON":
            return self._pronoun(tok, lower)
        members = self._conjuncts(tok)
        if len(members) > 1:
            return self._group(members)
        named = self._by_token.get(tok.i)
        if named is not None and tok.pos_ == "PROPN":
            return named
        for child in tok.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN" and same_line(tok, child):
                found = self._by_token.get(child.i) or self._name(child)
                if found.kind == "org" and tok.lemma_.lower() in PEOPLE_NOUNS:
                    found.kind = "person"  # a name in apposition to "the minister" is a person's
                return found
        if named is not None:
            return named
        if tok.text[:1].isupper() and tok.lower_ in self._surnames:
            return self._surnames[tok.lower_]  # a surname the tagger took for a common noun
        if is_age(tok):
            return self._recent(tok.idx, lambda e: e.kind == "person", window=3, subject=True)
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in PEOPLE_NOUNS:
            name = self._loose_appositive(tok)
            if name is not None:
                return name
        if tok.lemma_.lower() in SOURCE_CARRIERS:
            author = self._author(tok)
            if author is not None:
                return author
        if tok.pos_ == "PROPN":
            return self._name(tok)
        if tok.pos_ == "NOUN":
            return self._nominal(tok)
        return None

    def _author(self, tok: Token) -> Entity | None:
        """Who a document speaks for: "the ministry's statement", "a Homeland Security memo", "a
        complaint filed by the SEC", or "the letter" that someone was said to send before."""
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is not None:
            return self.resolve(owner)
        names = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if names:
            return self._by_token.get(names[-1].i) or self._name(names[-1])
        for verb in tok.children:
            for agent in verb.children if verb.dep_ == "acl" else ():
                objects = [o for o in agent.children if agent.dep_ == "agent" and o.dep_ == "pobj"]
                if objects:
                    return self.resolve(objects[0])
        for prep in tok.children:
            for obj in prep.children:
                if prep.dep_ == "prep" and obj.dep_ == "pobj" and obj.pos_ == "PROPN":
                    return self._by_token.get(obj.i) or Entity("org", display_phrase(obj))
                if prep.lower_ in ("from", "by") and obj.dep_ == "pobj" and can_speak(obj, strict=True):
                    return self.resolve(obj)  # "a joint statement from the two agencies"
        if tok.dep_ == "dobj" and tok.head.pos_ == "VERB":  # "the embassy issued a statement saying"
            issuer = subject_of(tok.head)
            if issuer is not None and issuer.lemma_.lower() not in SOURCE_CARRIERS:
                return self.resolve(issuer)
        if self.doc[np_span(tok)[0]].lower_ in ("the", "this", "that"):
            return self._sender(tok)
        return None

    def _sender(self, tok: Token) -> Entity | None:
        """"X sent a letter ... the letter reads": the subject that sent, issued or wrote the
        document when it was last mentioned ("In a statement, X said ... The statement added")."""
        lemma = tok.lemma_.lower()
        for i in range(tok.i - 1, max(-1, tok.i - _SENDER_LOOKBACK), -1):
            prev = self.doc[i]
            if prev.lemma_.lower() != lemma or self.in_quote[i]:
                continue
            verb = prev.head if prev.dep_ == "dobj" else prev.head.head if prev.dep_ == "pobj" else None
            if verb is None or verb.pos_ != "VERB":
                return self.resolve(prev)  # "said a joint statement from the agencies ... the statement"
            subject = subject_of(verb)
            return self.resolve(subject) if subject is not None else None
        return None

    def _loose_appositive(self, tok: Token) -> Entity | None:
        """"the minister, Per Haugland, said" when the parser missed the apposition."""
        doc = self.doc
        _, end = np_span(tok)
        if end >= len(doc) or doc[end].text != ",":
            return None
        last = end
        while last + 1 < len(doc) and doc[last + 1].pos_ == "PROPN" and last - end < 4:
            last += 1
        if last == end or last + 1 >= len(doc) or doc[last + 1].text != ",":
            return None
        found = self._by_token.get(last) or self._name(doc[last])
        if found.kind == "org":
            found.kind = "person"
        return found

    def _conjuncts(self, tok: Token) -> list[Entity]:
        """People coordinated in one phrase ("A, B and their counterparts C and D"), in order."""
        seen, todo, coordinated = [tok], [tok], False
        while todo:
            node = todo.pop()
            for child in node.children:
                coordinated = coordinated or child.dep_ in ("cc", "conj")
                if child.dep_ in ("conj", "appos") and same_line(node, child):
                    seen.append(child)
                    todo.append(child)
        if not coordinated:
            return []
        people: list[Entity] = []
        for node in sorted(seen, key=lambda t: t.i):
            entity = self._by_token.get(node.i) or (self._name(node) if node.pos_ == "PROPN" else None)
            if entity is not None and entity.kind == "person" and entity not in people:
                people.append(entity)
        return people

    def _name(self, tok: Token) -> Entity:
        """A proper name the mention finder missed: a known surname, else a new name as written."""
        known = self._surnames.get(tok.lower_)
        if known is not None:
            return known
        kind = "org" if tok.ent_type_ in ("ORG", "GPE", "NORP", "FAC", "LOC") else "person"
        if kind == "person":  # the name itself: "Reps. Elijah Cummings", not "... of Maryland"
            phrase = entity_text(tok) or self.doc[np_span(tok)[0] : tok.i + 1].text
        else:
            phrase = entity_text(tok) or display_phrase(tok)
        if phrase not in self._names:
            self._names[phrase] = Entity(kind, untitled(phrase) if kind == "person" else phrase)
        return self._names[phrase]

    def _group(self, members: list[Entity]) -> Entity:
        group = Entity("group", " and ".join(m.display for m in members), plural=True)
        group.members = members
        countries = {m.country for m in members}
        group.country = countries.pop() if len(countries) == 1 else None
        return group

    def _country_in(self, tok: Token) -> str | None:
        start, end = np_span(tok)
        for i in range(start, end):
            entity = self._by_token.get(i)
            if entity is not None and entity.country:
                return entity.country
        return None

    def _nominal(self, tok: Token) -> Entity:
        noun, agent = tok.lemma_.lower(), agentive(tok)
        start, _ = np_span(tok)
        definite = self.doc[start].lower_ in DETERMINERS - {"a", "an"} or any(
            c.dep_ == "poss" for c in tok.children
        )
        if tok.tag_ == "NNS" and definite:
            group = self._recent(tok.idx, lambda e: bool(e.members), window=3)
            if group is not None:
                if group.label is None and tok.head.lemma_.lower() in SPEECH_ACTS:
                    group.label = display_phrase(tok)
                return group
        if definite and tok.tag_ != "NNS":
            personal = noun in PERSON_NOUNS or noun in EPITHETS or noun in ROLE_HYPERNYMS
            personal = personal or (agent and noun not in SOURCE_NOUNS)
            person = self._person_by_role(tok) if personal and not self._anonymous(tok) else None
            if person is not None:  # "the state" is nobody, even beside "Secretary of State X"
                return person
            org = self._org_anaphor(tok, noun)
            if org is not None:
                return org
        personal = noun in PERSON_NOUNS or (agent and noun not in SOURCE_NOUNS)  # "the questioner"
        kind = "person" if personal and tok.tag_ != "NNS" else "phrase"
        written = display_phrase(tok, described=True)
        phrase = Entity(kind, written, country=self._country_in(tok), plural=tok.tag_ == "NNS")
        phrase.agent, phrase.named = agent, False
        return phrase

    def _anonymous(self, tok: Token) -> bool:
        """"An official familiar with the matter said ... The official added": the description last
        introduced someone unnamed, so it takes no named person's role."""
        lemma = tok.lemma_.lower()
        for i in range(tok.i - 1, max(-1, tok.i - _SENDER_LOOKBACK), -1):
            prev = self.doc[i]
            if prev.lemma_.lower() == lemma and prev.pos_ == "NOUN" and not self.in_quote[i]:
                article = self.doc[np_span(prev)[0]].lower_
                return article in ("a", "an", "another") and prev.dep_ not in ("appos", "attr")
        return False

    def _person_by_role(self, tok: Token) -> Entity | None:
        """The best-fitting person mentioned lately, the latest of equals; else the only one named
        just after ("the regional governor said ... Governor Oleh Bondar").
        """
        phrase = self.doc[np_span(tok)[0] : tok.i + 1].text
        k = bisect.bisect_left(self._ref_pos, tok.idx)
        seen: dict[int, tuple[int, Entity]] = {}
        for ref in reversed(self._refs[max(0, k - _ROLE_LOOKBACK) : k]):
            if ref.entity.kind == "person" and id(ref.entity) not in seen:
                seen[id(ref.entity)] = (self._fit(tok, phrase, ref.entity), ref.entity)
        fitting = [(score, entity) for score, entity in seen.values() if score > 0]
        if fitting:
            best = max(score for score, _ in fitting)
            return next(entity for score, entity in fitting if score == best)  # latest first
        lo = bisect.bisect_right(self._first_seen, (tok.idx, -1))
        hi = bisect.bisect_right(self._first_seen, (tok.idx + _CATAPHORA_CHARS, -1))
        later = [self._persons_by_id[pid] for _, pid in self._first_seen[lo:hi]]
        matching = [p for p in later if self._fit(tok, phrase, p) > 0]
        if len(matching) == 1:
            return matching[0]
        return self._topic_person(tok) if tok.lemma_.lower() in EPITHETS else None

    def _topic_person(self, tok: Token) -> Entity | None:
        """The person the last sentences are about, for an epithet no role words fit ("Donald
        Trump spoke ... The Republican nominee said"); a place or nationality in the epithet must
        be that person's, and a gendered noun their gender."""
        noun = tok.lemma_.lower()
        gender = gender_of({noun})

        def topic(e: Entity) -> bool:
            return e.kind == "person" and e.named and (gender is None or e.gender in (None, gender))

        person = self._recent(tok.idx, topic, window=2, subject=True, main=True)
        if person is None:
            return None
        start, _ = np_span(tok)
        for word in self.doc[start : tok.i]:
            coded = code_text(word.text) if word.text[:1].isupper() else None
            if coded is not None and coded.country is not None and coded.country != person.country:
                return None
        return person

    def _fit(self, tok: Token, phrase: str, person: Entity) -> int:
        """How well a description fits a person, cached: descriptions repeat in long texts."""
        key = (phrase.lower(), id(person))
        if key not in self._fits:
            ours = nominal_fit(tok, person.roles, person.role_heads, person.country)
            theirs = described_as(phrase, person) if tok.lemma_.lower() in PERSON_NOUNS and not ours else 0
            self._fits[key] = ours or theirs
        return self._fits[key]

    def _org_anaphor(self, tok: Token, noun: str) -> Entity | None:
        """"the fund" for the International Monetary Fund, "the company" for a business, "the
        agency" for the latest body named; shown as the text last wrote that organisation."""

        start, _ = np_span(tok)
        bare = start == tok.i - 1  # "the agency", not "the regional health authority"

        def fits(e: Entity) -> bool:
            if e.kind not in ("org", "igo"):
                return False
            name = e.name.lower().split()
            if noun in name:
                return True
            if noun in ORG_ANAPHORS:
                return not INSTITUTION_WORDS.intersection(name)
            return bare and noun in BODY_NOUNS

        found = self._named_org(tok.idx, fits)
        if found is None or found.actor_id is None:
            return found
        return self._recent(tok.idx, lambda e: e.actor_id == found.actor_id, window=None) or found

    def _named_org(self, pos: int, fits: Callable[[Entity], bool]) -> Entity | None:
        """The latest fitting organisation named outside quotes (inside one it is what the speaker
        talks about), never one owned by a person ("Clinton's Goldman Sachs")."""
        k = bisect.bisect_left(self._ref_pos, pos)
        for ref in reversed(self._refs[max(0, k - _LOOKBACK) : k]):
            if not ref.quoted and fits(ref.entity) and "'s " not in ref.entity.name.replace("\u2019", "'"):
                return ref.entity
        return None

    def _pronoun(self, tok: Token, lower: str) -> Entity | None:
        lower = _POSSESSIVES.get(lower, lower)  # "her submission", "their letter"
        if lower in PERSONAL_PRONOUNS:
            gender = "f" if lower == "she" else "m"

            def person(e: Entity) -> bool:
                return e.kind == "person" and e.gender in (None, gender)

            return (
                self._self_report(tok, person)
                or self._recent(tok.idx, person, window=2, subject=True, main=True)
                or self._recent(tok.idx, person, window=None, subject=True)
                or self._recent(tok.idx, person, window=None)
            )
        if lower in PLURAL_PRONOUNS:
            def group(e: Entity) -> bool:
                return (e.plural or bool(e.members)) and e.agent  # "they" is never "other changes"

            return self._recent(tok.idx, group, window=3, subject=True)
        if lower in THING_PRONOUNS:
            return self._recent(tok.idx, _thing, window=2, subject=True, main=True) or self._recent(
                tok.idx, _thing, window=1, subject=True
            )
        return None

    def _self_report(self, tok: Token, want: Callable[[Entity], bool]) -> Entity | None:
        """"Sobin would have voted for her anyway, he says": after a reported clause, "he" is the
        person that clause is about, its subject in the same sentence."""
        verb = tok.head
        after_clause = tok.i > 0 and self.doc[tok.i - 1].text == "," and verb.i > tok.i
        reports = any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)  # "..., he said that ..."
        if verb.lemma_.lower() not in SPEECH_ACTS or not after_clause or reports:
            return None
        clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < tok.i), None)
        subject = subject_of(clause) if clause is not None else None
        if subject is not None and not self.in_quote[subject.i]:
            entity = self.resolve(subject)  # the clause's own subject, not one nested deeper in it
            if entity is not None and want(entity):
                return entity
        return self._recent(tok.idx, want, window=0, subject=True)

    def _recent(
        self,
        pos: int,
        want: Callable[[Entity], bool],
        window: int | None,
        subject: bool = False,
        main: bool = False,
    ) -> Entity | None:
        """The latest reference before ``pos`` whose entity passes ``want``.

        ``window`` limits how many sentences back to look; ``subject`` keeps subjects only,
        ``main`` subjects of a sentence's main verb only.
        """
        k = bisect.bisect_left(self._ref_pos, pos)
        sent_now = self._sent_at(pos)
        for ref in reversed(self._refs[max(0, k - _LOOKBACK) : k]):
            if window is not None and sent_now - ref.sent > window:
                break
            if (subject and not ref.subject) or (main and not ref.main):
                continue
            if want(ref.entity):
                return ref.entity
        return None

    def _sent_at(self, pos: int) -> int:
        i = max(0, bisect.bisect_right(self._starts, pos) - 1)
        return self._sent_of[i] if self._sent_of else 0


HONORIFIC_GENDERS = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
_POSSESSIVES = {"his": "he", "him": "he", "her": "she", "their": "they", "its": "it"}


def _thing(entity: Entity) -> bool:
    """What "it" can stand for as a speaker: an organisation, a country, a body named by a noun."""
    return entity.kind in ("org", "country", "igo") or (entity.kind == "phrase" and not entity.plural)

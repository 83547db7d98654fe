"""Speakers as entities, and how a person's name is read from a mention and its context."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsgraph.actors import nominal_matches
from newsgraph.quotes.lexicon import HONORIFICS, PERSON_NOUNS, words
from newsgraph.records import Actor, Mention

_NAME_PARTICLES = words("de da di du del della der den van von le la bin ibn ben abu al el dos das ter")
_FEMALE = words("mrs ms miss madam spokeswoman chairwoman congresswoman businesswoman actress")
_MALE = words("mr sir spokesman chairman congressman businessman actor")


@dataclass(eq=False)
class Entity:
    """Someone or something that can be quoted; ``display`` is what the speaker field shows."""

    kind: str  # person, org, country, igo, group, phrase
    name: str
    actor_id: str | None = None
    country: str | None = None
    roles: set[str] = field(default_factory=set)
    role_heads: set[str] = field(default_factory=set)
    role_text: str = ""  # the role phrases as written, for the actor stage's description matcher
    members: list[Entity] = field(default_factory=list)
    label: str | None = None
    plural: bool = False
    gender: str | None = None
    agent: bool = True  # False for a phrase naming things ("other changes"), which never speak
    named: bool = True  # False for someone known only by a description ("a European diplomat")

    @property
    def display(self) -> str:
        """A person's canonical name, else the phrase as the text writes it; straight apostrophes."""
        if self.members and not self.label:
            return self.names
        return (self.label or self.name).replace("\u2019", "'")

    @property
    def names(self) -> str:
        """A group as its members' names ("A, B and C"); otherwise the display."""
        if not self.members:
            return self.display
        names = [m.display for m in self.members]
        return ", ".join(names[:-1]) + " and " + names[-1]


def described_as(phrase: str, person: Entity) -> int:
    """The actor stage's judgement of "the diplomat" for a person, when ours found no fit."""
    if not person.role_text or not phrase:
        return 0
    actor = Actor(person.actor_id or "person:?", person.name, "person", person.country, role=person.role_text)
    return 1 if nominal_matches(phrase, actor) else 0


def linked_elsewhere(m: Mention, root: Token) -> bool:
    """A person mention the resolver linked to someone its head word does not name.

    "Trump lawyer Marc Kasowitz" linked to Donald Trump: the head "Kasowitz" is not in the
    canonical name, so the mention is the lawyer, not the client.
    """
    if m.kind != "person" or not root.text[:1].isupper():
        return False
    return root.lower_ not in m.name.lower().replace("-", " ").split()


def bare_name(m: Mention, root: Token) -> str:
    """The person's name as the entity tagger read it, unless the resolver canonicalised it.

    Drops titles a resolver left in ("Volcanologist Thorvaldur Thordarson", "Union organiser
    Thabo Nkosi") and names of another actor it linked a person to ("Labour economist Tomasz
    Wrobel" -> the party). A resolver that kept only the surname ("Mayor Ana Diaz" -> "Diaz")
    gets the given names back from the mention.
    """
    if m.kind == "person" and m.name != m.text and not linked_elsewhere(m, root):
        fuller = untitled(m.text).split()
        if len(m.name.split()) == 1 and len(fuller) > 1 and fuller[-1] == m.name:
            return " ".join(fuller)
        return m.name
    return untitled(_person_entity(root) or m.name)


def _person_entity(tok: Token) -> str | None:
    """Text of the PERSON entity holding ``tok``, found from the token's own IOB tags."""
    if tok.ent_type_ != "PERSON":
        return None
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I" and doc[start - 1].ent_type_ == "PERSON":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end].text


def untitled(name: str) -> str:
    """A person's name without what is written before it: "Mayor Ana Diaz" -> "Ana Diaz",
    "Harbour master Olu Bankole" -> "Olu Bankole"; two words are kept but for an honorific."""
    words = name.split()
    lower = [k for k, w in enumerate(words[:-1]) if w.islower() and w not in _NAME_PARTICLES]
    if lower:
        words = words[lower[-1] + 1 :]
    titles = [k for k, w in enumerate(words[:-2]) if _title_word(w)]
    if titles:
        words = words[titles[-1] + 1 :]
    if len(words) == 2 and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]  # "Mr. Okafor" is Okafor
    return " ".join(words)


def _title_word(word: str) -> bool:
    lower = word.lower().rstrip(".")
    singular = lower[:-1] if lower.endswith("s") else lower
    return lower in PERSON_NOUNS or lower in HONORIFICS or singular in PERSON_NOUNS


def gender_of(words: set[str]) -> str | None:
    if words & _FEMALE:
        return "f"
    if words & _MALE:
        return "m"
    return None


def entity_text(tok: Token) -> str | None:
    """The named entity holding ``tok`` as tagged ("Alliance to Reclaim Our Schools"), not the
    noun phrase around it ("the event organizer Alliance")."""
    if not tok.ent_type_:
        return None
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    words = doc[start:end].text.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0].lower() == "the" else " ".join(words)


GENDERED = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


def guess_genders(doc: Doc, named: Mapping[int, Entity], in_quote: Sequence[bool], turns: Collection[int],
                  pronouns: Iterable[int]) -> None:
    """A person's gender from the first "he"/"she"/"his"/"her" after their name in the same
    sentence, the name being the subject and no other person named in between ("Clinton will
    recover from her illness"; not "Clinton is beating Trump, but she ...").

    ``named`` maps token indices to entities. The majority over the article decides; role words
    ("spokeswoman") already set keep priority. Only names, ``turns`` (tokens that start a sentence
    or hold a line break) and gendered ``pronouns`` matter, so only they are visited.
    """
    votes: dict[int, list[str]] = {}
    people: dict[int, Entity] = {}
    last: Entity | None = None
    for tok in (doc[i] for i in sorted({*turns, *named, *pronouns})):
        if tok.i in turns:
            last = None
        entity = named.get(tok.i)
        if entity is not None and named.get(tok.head.i) is not entity:  # the name's head word
            last = entity if entity.kind == "person" and tok.dep_ in ("nsubj", "nsubjpass") else None
        elif last is not None and not in_quote[tok.i] and tok.lower_ in GENDERED:
            votes.setdefault(id(last), []).append(GENDERED[tok.lower_])
            people[id(last)] = last
            last = None
    for key, person in people.items():
        said = votes[key]
        if person.gender is None and said.count("m") != said.count("f"):
            person.gender = max(("m", "f"), key=said.count)

"""What a discourse model starts from, read once per document.

The quote stage and the event stage each build a ``Discourse`` of the same document (they differ
in what counts as quoted). What both start from, each token's sentence, the subjects and gendered
pronouns to visit, and every actor mention read with the grammar of its sentence (head, name, role
words), depends only on the parsed document and its mentions, so it is read once and shared.
Entities are not shared: each discourse builds and updates its own.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from weakref import WeakKeyDictionary

from spacy.tokens import Doc

from newsgraph.quotes.entities import GENDERED, bare_name, linked_elsewhere
from newsgraph.quotes.lexicon import NOT_ONLY_PEOPLE, PERSON_NOUNS
from newsgraph.quotes.phrases import display_phrase, role_words
from newsgraph.records import Mention

PEOPLE_NOUNS = PERSON_NOUNS - NOT_ONLY_PEOPLE  # nouns no organisation can be ("minister", not "owner")
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass
class MentionReading:
    """One actor mention as the discourse sees it; ``mention`` is re-linked when the resolver
    linked a person to someone its head word does not name."""

    mention: Mention
    tokens: set[int]
    person: bool
    name: str
    described: list[str]
    heads: set[str]
    written: str  # the phrase as the text writes it, which names an organisation or a country


@dataclass
class DocReading:
    """What every discourse of one document starts from; it holds no spaCy object, which would keep
    the document (the cache's weak key) alive."""

    starts: list[int]  # character offset of each token
    sent_of: list[int]  # sentence number of each token, a line break also starting one
    turns: set[int]  # tokens that start a sentence or hold a line break
    subjects: list[int]  # nominal subjects, in order
    pronouns: list[int]  # "he", "her"...: the words that tell a person's gender
    mentions: tuple[Mention, ...]
    readings: list[MentionReading]


_READINGS: WeakKeyDictionary[Doc, DocReading] = WeakKeyDictionary()


def read_document(doc: Doc, mentions: list[Mention]) -> DocReading:
    """The document's reading, computed again only when it is asked for with other mentions."""
    cached = _READINGS.get(doc)
    if cached is not None and cached.mentions == tuple(mentions):
        return cached
    if cached is None:
        cached = _read_tokens(doc)
    reading = replace(cached, mentions=tuple(mentions), readings=_read_mentions(doc, cached.starts, mentions))
    _READINGS[doc] = reading
    return reading


def _read_mentions(doc: Doc, starts: list[int], mentions: list[Mention]) -> list[MentionReading]:
    """Mentions in text order with their head, the person's name and the role words around it.

    A role phrase ("Russia's foreign minister") is left to role matching, and a name that the
    text titles as a person ("Union organiser Thabo Nkosi") is a person whatever the tagger said.
    """
    out = []
    for m in sorted(mentions, key=lambda m: m.start):
        lo = bisect.bisect_left(starts, m.start)
        hi = bisect.bisect_left(starts, m.end)
        if lo >= hi:
            continue
        tokens = set(range(lo, hi))
        root = min((doc[i] for i in tokens), key=lambda t: (t.head.i in tokens, -t.i))
        if root.pos_ == "NOUN" and root.lemma_.lower() in PEOPLE_NOUNS:
            continue
        name = bare_name(m, root)
        if linked_elsewhere(m, root):
            m = replace(m, actor_id="person:" + "-".join(name.lower().split()), name=name, country=None)
        name_words = set(name.lower().split())
        # Title words inside the mention span ("Foreign Minister Sergei Lavrov") are roles too.
        name_tokens = {i for i in tokens if doc[i].lower_ in name_words} or tokens
        described, heads = role_words(root, name_tokens)
        titled = bool(heads & PEOPLE_NOUNS) or root.ent_type_ == "PERSON"
        person = m.kind == "person" or (m.kind in ("org", "group") and root.pos_ == "PROPN" and titled)
        written = "" if person else display_phrase(root)
        out.append(MentionReading(m, tokens, person, name, described, heads, written))
    return out


def _read_tokens(doc: Doc) -> DocReading:
    """The token-level facts, in one pass; sentence numbers also count a line break as a new sentence."""
    reading = DocReading([], [], set(), [], [], (), [])
    k, after_break = 0, False
    for tok in doc:
        if tok.i > 0 and (tok.is_sent_start or after_break):
            k += 1
        reading.starts.append(tok.idx)
        reading.sent_of.append(k)
        after_break = "\n" in tok.text  # this token's break, for the next token
        if tok.is_sent_start or after_break:
            reading.turns.add(tok.i)
        if tok.dep_ in SUBJECT_DEPS:
            reading.subjects.append(tok.i)
        if tok.lower_ in GENDERED:
            reading.pronouns.append(tok.i)
    return reading

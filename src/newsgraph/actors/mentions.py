"""Actor mentions in a parsed document.

Anchors are spaCy entities (PERSON, ORG, GPE, NORP, FAC, LOC) and gazetteer phrases found by a
PhraseMatcher (metonyms, IGOs and institutions the model misses). Each anchor grows to the noun phrase
it modifies when that phrase names an actor ("Russia" -> "Russia's foreign ministry", "Sergei Lavrov"
-> "Russian Foreign Minister Sergei Lavrov"), which is then coded with ``code_text``. People are linked
within the document ("Lavrov", "Mr. Lavrov" -> "Sergei Lavrov") and take the country and role their
titles give anywhere in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from weakref import WeakKeyDictionary

from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from newsgraph.actors.coding import DETERMINERS, HONORIFICS, NON_ACTOR_HEADS, ActorCode, code_text
from newsgraph.actors.gazetteer import gazetteer
from newsgraph.actors.linking import PersonLinker
from newsgraph.actors.matching import CaseMode, case_mode, match_entities
from newsgraph.actors.people import name_units, surname_keys
from newsgraph.actors.registry import ActorRegistry
from newsgraph.actors.text import normalize, tokenize
from newsgraph.nlp import sentence_bounds
from newsgraph.records import Mention

_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
_MODIFIER_DEPS = {"compound", "amod", "poss", "nmod", "nummod", "det"}
_NOUNS = {"NOUN", "PROPN"}
_ALWAYS_KEPT = {"PERSON", "ORG"}  # names the gazetteer cannot code are still actors
_LOCATIVE = {"in", "at", "near", "from", "to", "into", "across", "outside", "inside", "around", "throughout",
             "within", "toward", "towards", "through", "via"}


@dataclass
class _Candidate:
    span: Span
    label: str  # spaCy label, or "GAZ" for a gazetteer match
    code: ActorCode | None = None


@lru_cache(maxsize=4)
def _matcher(vocab: Vocab) -> PhraseMatcher:
    """One case-insensitive matcher of all gazetteer phrases per vocabulary, built once."""
    matcher = PhraseMatcher(vocab, attr="LOWER")
    spellings = sorted({alias.spelling for aliases in gazetteer().phrases.values() for alias in aliases})
    matcher.add("ACTOR", _pattern_docs(vocab, spellings))
    return matcher


def _pattern_docs(vocab: Vocab, texts: list[str]) -> list[Doc]:
    """Patterns tokenized as the model tokenizes (the English rules every English pipeline shares)."""
    nlp = English(vocab)
    return [nlp.make_doc(text) for text in texts]


_USER_MATCHERS: WeakKeyDictionary[ActorRegistry, tuple[Vocab, int, PhraseMatcher | None]] = WeakKeyDictionary()


def _user_matcher(vocab: Vocab, registry: ActorRegistry) -> PhraseMatcher | None:
    """A matcher of the user's actor names, rebuilt only when the registry gains user actors."""
    users = [a for a in registry.actors() if registry.is_user(a.id)]
    cached = _USER_MATCHERS.get(registry)
    if cached is not None and cached[0] is vocab and cached[1] == len(users):
        return cached[2]
    aliases = sorted({a for actor in users for a in (actor.name, *actor.aliases)})
    matcher = None
    if aliases:
        matcher = PhraseMatcher(vocab, attr="LOWER")
        matcher.add("USER", _pattern_docs(vocab, aliases))
    _USER_MATCHERS[registry] = (vocab, len(users), matcher)
    return matcher


def find_mentions(doc: Doc, registry: ActorRegistry | None = None, date: str | None = None) -> list[Mention]:
    """All actor mentions of a parsed clean text, coded and resolved to canonical actors.

    ``date`` (YYYY-MM-DD, the article's) picks the office a named person held then.
    """
    registry = registry or ActorRegistry()
    ents = doc.ents  # spaCy rebuilds the tuple on every access
    person_name = _PersonNames(ents)
    candidates = _candidates(doc, ents, registry, date)
    linker = PersonLinker()
    named = {c.span.start: c for c in candidates if _is_named_person(c)}
    described = _appositions(candidates, named)
    for cand in _surname_mentions(doc, candidates, named, person_name):
        candidates.append(cand)
        named[cand.span.start] = cand
    for cand in _places_named_like_people(candidates, named, person_name):
        named[cand.span.start] = cand
    candidates.sort(key=lambda c: c.span.start)
    for cand in named.values():
        linker.add(cand.span, cand.code, person_name(cand.span))
        for description in _unanchored_appositions(cand.span, date):
            linker.describe(cand.span.start, description)
    for role_start, person_start in described.items():
        role_code = next(c.code for c in candidates if c.span.start == role_start)
        if role_code is not None:
            linker.describe(person_start, role_code)
    people = linker.resolve(registry)
    sentences = doc.has_annotation("SENT_START") or doc.has_annotation("DEP")
    mentions: list[Mention] = []
    for cand in candidates:
        span, code = cand.span, cand.code
        person = people.get(described.get(span.start, span.start))
        if person is not None:
            actor, country, sector = person.actor, person.country, person.sector
        elif code is not None:
            actor = registry.resolve(span.text, code.kind, code.plover_country, code=code, sector=code.sector)
            country, sector = code.plover_country, code.sector
            if registry.is_user(actor.id):  # the user's file is the authority on its actors
                country, sector = actor.country or country, actor.sector or sector
        elif cand.label == "ORG":
            actor = registry.resolve(span.text, "org")
            country, sector = actor.country, actor.sector
        else:
            continue
        sent_start, sent_end = _sentence(span, sentences)
        mentions.append(Mention(span.start_char, span.end_char, span.text, actor.id, actor.name, actor.kind,
                                country if country is not None else actor.country, sector or actor.sector,
                                sent_start, sent_end))
    return mentions


def _surname_mentions(doc: Doc, candidates: list[_Candidate], named: dict[int, _Candidate],
                      person_name: _PersonNames) -> list[_Candidate]:
    """Bare surnames of people named in full elsewhere in the document that the model did not tag
    ("Rouhani said"), with a preceding honorific ("Mr. Rouhani")."""
    surnames = {key for cand in named.values()
                for key, _ in surname_keys(name_units(person_name(cand.span)), cand.code.country if cand.code else None)
                if " " not in key}
    taken = {i for c in candidates for i in range(c.span.start, c.span.end)}
    found: list[_Candidate] = []
    for tok in doc:
        if tok.i in taken or not tok.is_title or tok.pos_ != "PROPN" or tok.lower_ not in surnames:
            continue
        start = tok.i - 1 if tok.i and doc[tok.i - 1].lower_.rstrip(".") in HONORIFICS else tok.i
        if start < tok.i and start in taken:
            start = tok.i
        found.append(_Candidate(doc[start:tok.i + 1], "PERSON"))
    return found


def _places_named_like_people(candidates: list[_Candidate], named: dict[int, _Candidate],
                              person_name: _PersonNames) -> list[_Candidate]:
    """"Jordan said" after "Jordan Blake": a one-word place that is the name of a person in the text."""
    units = {u for cand in named.values() if len(parts := name_units(person_name(cand.span))) > 1 for u in parts}
    out = []
    for cand in candidates:
        if cand.span.start not in named and len(cand.span) == 1 and cand.code is not None \
                and cand.code.kind == "country" and cand.span[0].lower_ in units:
            cand.label, cand.code = "PERSON", None
            out.append(cand)
    return out


def _sentence(span: Span, sentences: bool) -> tuple[int, int]:
    """Character bounds of the span's sentence; the whole text when the pipeline sets no ``sentences``."""
    doc = span.doc
    if sentences:
        start, end = sentence_bounds(doc)[span.start]
        return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    return 0, len(doc.text)


def _is_named_person(cand: _Candidate) -> bool:
    """A name the model calls a person ("Brazilian singer Anitta") or the coder knows as one."""
    if cand.label == "PERSON" and (cand.code is None or cand.code.kind in ("person", "country")):
        return cand.code is None or cand.code.named or cand.code.kind == "country" or _has_person_entity(cand.span)
    return cand.code is not None and cand.code.kind == "person" and cand.code.named


def _has_person_entity(span: Span) -> bool:
    return any(t.ent_type_ == "PERSON" for t in span)


def _unanchored_appositions(span: Span, date: str | None) -> list[ActorCode]:
    """Descriptions no entity anchors, next to a name: "Mehbooba Mufti, a former chief minister of
    the region" or "the regional governor, Dmytro Reshetnyk"."""
    root = span.root
    phrases: list[Span] = []
    for child in root.children:
        if child.dep_ == "appos" and _is_actor_noun(child) and not child.ent_type_:
            phrases.append(span.doc[_left_edge(child):child.right_edge.i + 1])
    if root.dep_ == "appos" and _is_actor_noun(root.head) and not root.head.ent_type_ and root.head.i < span.start:
        phrases.append(span.doc[_left_edge(root.head):root.head.i + 1])
    codes = [code_text(p.text, date=date, cased=True) for p in phrases if len(p) <= 12]
    return [c for c in codes if c is not None and c.kind == "person" and not c.named]


def _appositions(candidates: list[_Candidate], named: dict[int, _Candidate]) -> dict[int, int]:
    """Descriptions in apposition to a named person ("Andrey Nastasyin, deputy director of ..."),
    as description start -> person start."""
    links: dict[int, int] = {}
    for cand in candidates:
        code = cand.code
        if cand.span.start in named or code is None or code.kind != "person" or code.named:
            continue
        for person in named.values():
            p_root, d_root = person.span.root, cand.span.root
            if (p_root.dep_ == "appos" and d_root.i <= p_root.head.i < cand.span.end and
                    cand.span.start <= p_root.head.i) or (d_root.dep_ == "appos" and
                                                          person.span.start <= d_root.head.i < person.span.end):
                links[cand.span.start] = person.span.start
                break
    return links


def _candidates(doc: Doc, ents: Sequence[Span], registry: ActorRegistry, date: str | None) -> list[_Candidate]:
    anchors = [(_trim(ent), ent.label_) for ent in ents if ent.label_ in _LABELS]
    mode = case_mode(doc[: min(len(doc), 400)].text)
    anchors += [(doc[s:e], "GAZ") for _, s, e in _matcher(doc.vocab)(doc) if _gazetteer_ok(doc[s:e], mode)]
    user = _user_matcher(doc.vocab, registry)
    if user is not None:
        anchors += [(doc[s:e], "ORG") for _, s, e in user(doc)]
    labels = {(span.start, span.end): label for span, label in anchors if len(span)}
    phrases: dict[tuple[int, int], str] = {}
    for span in filter_spans([span for span, _ in anchors if len(span)]):
        label = labels[(span.start, span.end)]
        if _is_dateline(span):
            continue
        np = _noun_phrase(span)
        if label == "NORP" and np == span and span.root.dep_ == "amod":
            continue  # "Russian gas": a description, not an actor
        key = (np.start, np.end)
        if phrases.get(key) != "PERSON":
            phrases[key] = label
    out: list[_Candidate] = []
    for np in sorted(filter_spans([doc[s:e] for s, e in phrases]), key=lambda sp: sp.start):
        label = phrases[(np.start, np.end)]
        code = code_text(np.text, date=date, cased=mode == "mixed")
        if code is None and (label not in _ALWAYS_KEPT or not _name_like(np)):
            continue
        if code is not None and code.kind == "country" and _located(np):
            code = replace(code, sector=None, sectors=())  # "in Lisbon" is a place, not its government
        out.append(_Candidate(np, label, code))
    return out


def _located(span: Span) -> bool:
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE


def _is_dateline(span: Span) -> bool:
    """"TBILISI (Reuters) -": a place in capitals opening a paragraph says where, not who."""
    doc = span.doc
    opens = span.start == 0 or "\n" in doc[span.start - 1].whitespace_ + doc[span.start - 1].text
    upper = span.text.isupper() and sum(c.isalpha() for c in span.text) > 2
    nxt = doc[span.end] if span.end < len(doc) else None
    return opens and upper and (nxt is None or nxt.is_punct)


def _name_like(span: Span) -> bool:
    """An uncoded PERSON/ORG entity worth keeping: a name, not a headline fragment or a known region."""
    if any(t.pos_ in ("PRON", "VERB", "AUX") for t in span) or span[-1].lower_ in NON_ACTOR_HEADS:
        return False
    return not _names_non_actor(span.text)


@lru_cache(maxsize=8192)
def _names_non_actor(text: str) -> bool:
    hits = match_entities(tokenize(normalize(text)), gazetteer(), "mixed")
    return any(h.entry.kind == "none" for h in hits)


def _trim(span: Span) -> Span:
    """An entity without a leading determiner or a trailing possessive ("the U.S." -> "U.S.")."""
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in DETERMINERS:
        start += 1
    while end > start and (span.doc[end - 1].tag_ == "POS" or span.doc[end - 1].is_punct
                           or span.doc[end - 1].like_num):
        end -= 1
    return span.doc[start:end]


def _gazetteer_ok(span: Span, mode: CaseMode) -> bool:
    """The case rules of the coder: "Turkey" but not "turkey", "US" but not "us"."""
    return _gazetteer_text_ok(span.text, mode)


@lru_cache(maxsize=8192)  # the same names recur in every article
def _gazetteer_text_ok(text: str, mode: CaseMode) -> bool:
    tokens = tokenize(normalize(text))
    hits = match_entities(tokens, gazetteer(), mode)
    return bool(hits) and hits[0].start == 0 and hits[0].end == len(tokens) and hits[0].entry.kind != "none"


def _is_actor_noun(token: Token) -> bool:
    words = gazetteer().sector_words
    word = words.get(token.lower_) or words.get(token.lemma_.lower())
    return word is not None and word.type in ("role", "body", "group")


def _noun_phrase(span: Span) -> Span:
    """The noun phrase an anchor modifies, when its head names an actor; else the anchor itself."""
    doc = span.doc
    head, best = span.root, None
    sentence_of = sentence_bounds(doc)
    while head.dep_ in _MODIFIER_DEPS and head.head.i > head.i and head.head.pos_ in _NOUNS \
            and sentence_of[head.head.i] == sentence_of[span.start]:
        head = head.head
        if _is_actor_noun(head) or head.ent_type_ == "PERSON":
            best = head
    if best is None:
        best = span.root  # its own titles and modifiers: "Opposition leader Maria Corina Machado"
    end = max(best.i + 1, span.end)
    if best.ent_type_ == "PERSON":
        while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].ent_type_ == "PERSON":
            end += 1
    start = min(_left_edge(best), span.start)
    return doc[start:end]


def _left_edge(head: Token) -> int:
    """Start of the pre-modifiers of a noun, without a leading determiner or punctuation."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in _MODIFIER_DEPS | {"appos"} or child.ent_type_:
            start = min(start, child.left_edge.i)
    doc = head.doc
    while start < head.i and (doc[start].lower_ in DETERMINERS or doc[start].is_punct or doc[start].is_space):
        start += 1
    return start


class _PersonNames:
    """The name inside a person mention: the PERSON entity, less honorifics and possessives.

    Read once per span: several steps ask for the same mention's name.
    """

    def __init__(self, ents: Sequence[Span]) -> None:
        self._people = [e for e in ents if e.label_ == "PERSON"]
        self._names: dict[tuple[int, int], str] = {}

    def __call__(self, span: Span) -> str:
        key = (span.start, span.end)
        if key not in self._names:
            names = [e for e in self._people if e.start >= span.start and e.end <= span.end]
            target = _trim(names[-1]) if names else span
            words = [t.text for t in target if t.lower_.rstrip(".") not in HONORIFICS and t.tag_ != "POS"]
            self._names[key] = " ".join(words) if words else target.text
        return self._names[key]

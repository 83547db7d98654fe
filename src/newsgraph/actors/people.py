"""Known people: the shipped table of political figures and a name matcher tolerant of spellings.

A name is matched by its surname (the family name first for Chinese and Korean names), then the given
names must agree: equal, a known transliteration ("Sergey"/"Sergei"), an initial ("G. W. Bush"), or one
edit apart. A bare surname resolves only when it is not a common one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from newsgraph.actors.text import normalize, slug, strip_accents, tokenize, within_one_edit

_SURNAME_FIRST = {"CHN", "KOR", "PRK", "KHM"}
_SURNAME_FIRST_IF_HYPHENATED = {"TWN", "HKG", "SGP", "MAC"}
_PARTICLES = {"de", "da", "di", "du", "del", "della", "der", "den", "van", "von", "le", "la", "bin", "ibn",
              "ben", "abu", "al", "el", "dos", "das", "ter", "ould", "bou"}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_ROLE = re.compile(r"^(?P<title>.+?)(?:\s+\[(?P<country>[A-Z]{3})\])?(?:\s+(?P<start>\d{4})?-(?P<end>\d{4})?)?$")


@dataclass(frozen=True)
class Role:
    """An office held: title, the polity it serves when not the home country, and its years."""

    title: str
    country: str | None = None
    start: int | None = None
    end: int | None = None  # None while in office

    def active(self, year: int | None) -> bool:
        if year is None:
            return self.end is None
        return (self.start is None or self.start <= year) and (self.end is None or year <= self.end)


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    country: str
    roles: tuple[Role, ...] = ()
    aliases: tuple[str, ...] = ()

    def role_at(self, year: int | None) -> Role | None:
        """The office held in ``year`` (now when None), the latest begun when several; None if none."""
        active = [r for r in self.roles if r.active(year)]
        return max(active, key=lambda r: r.start or 0) if active else None

    def last_role(self) -> Role | None:
        return max(self.roles, key=lambda r: (r.end or 9999, r.start or 0)) if self.roles else None


def parse_roles(text: str) -> tuple[Role, ...]:
    roles: list[Role] = []
    for part in text.split(";"):
        m = _ROLE.match(part.strip())
        if not m:
            continue
        start, end = m.group("start"), m.group("end")
        roles.append(Role(m.group("title"), m.group("country"), int(start) if start else None,
                          int(end) if end else None))
    return tuple(roles)


def name_units(name: str) -> list[str]:
    """Folded name parts, hyphenated parts kept whole ("kassym-jomart", "al-sabah")."""
    return list(_name_units(name))


@lru_cache(maxsize=16384)  # names are split again at every step of linking
def _name_units(name: str) -> tuple[str, ...]:
    units: list[str] = []
    joined = False
    for tok in tokenize(normalize(name)):
        if tok.punct:
            joined = False
            continue
        key = tok.key.rstrip(".")
        if joined and units:
            units[-1] += "-" + key
        else:
            units.append(key)
        joined = tok.hyphen_after
    return tuple(units)


def _bare(unit: str) -> str:
    """A surname without its Arabic article ("al-assad" -> "assad")."""
    for prefix in ("al-", "el-", "ad-", "as-", "ash-", "at-", "az-", "an-", "ar-"):
        if unit.startswith(prefix) and len(unit) > len(prefix) + 2:
            return unit[len(prefix):]
    return unit


def surname_keys(units: Sequence[str], country: str | None) -> list[tuple[str, tuple[str, ...]]]:
    """(surname key, given-name units) pairs under which a name is indexed."""
    units = [u for u in units if u not in _SUFFIXES]
    if len(units) < 2:
        return []
    surname_first = country in _SURNAME_FIRST or (
        country in _SURNAME_FIRST_IF_HYPHENATED and ("-" in units[-1] or len(units) == 3))
    if surname_first:
        return [(units[0], tuple(units[1:]))]
    i = len(units) - 1
    while i > 0 and units[i - 1] in _PARTICLES:
        i -= 1
    last = units[-1]
    keys = [(" ".join(units[i:]), tuple(units[:i]))]
    if i < len(units) - 1 and set(units[i:-1]) <= {"al", "el"} or _bare(last) != last:
        keys.append((_bare(last), tuple(units[:i])))
    return keys


@dataclass
class _Variants:
    group_of: dict[str, int] = field(default_factory=dict)
    heads: list[str] = field(default_factory=list)  # each group's first spelling

    def same(self, a: str, b: str) -> bool:
        ga, gb = self.group_of.get(a), self.group_of.get(b)
        return ga is not None and ga == gb

    def canonical(self, unit: str) -> str:
        group = self.group_of.get(unit)
        return unit if group is None else self.heads[group]


def person_key(name: str) -> str:
    """A spelling-independent key for a name: transliteration variants folded to one spelling.

    "Sergey Lavrov" and "Sergei Lavrov" share a key, so ids of people met in documents do not
    depend on which spelling was seen first.
    """
    variants = shipped_people().variants
    return " ".join(variants.canonical(u) for u in name_units(name))


def _given_compatible(a: str, b: str, variants: _Variants) -> bool:
    if a == b or variants.same(a, b):
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if "-" in a or "-" in b:  # "kassym-jomart" vs "kassym jomart" handled by the caller's split
        return a.replace("-", "") == b.replace("-", "")
    return min(len(a), len(b)) >= 4 and within_one_edit(a, b)


def _surname_compatible(a: str, b: str, variants: _Variants) -> bool:
    return a == b or variants.same(a, b) or (min(len(a), len(b)) >= 5 and within_one_edit(a, b))


@dataclass(frozen=True)
class NameMatch:
    person: Person
    score: float  # 1.0 for a full name; less when given names are missing or only initials


class PeopleIndex:
    """Lookup of people by full name or surname; shared, read-only."""

    def __init__(self, people: Iterable[Person], variants: Iterable[Iterable[str]] = (),
                 common_surnames: Iterable[str] = ()) -> None:
        self.people: list[Person] = list(people)
        self.variants = _Variants()
        for n, group in enumerate(variants):
            words = list(group)
            self.variants.heads.append(words[0])
            for word in words:
                self.variants.group_of[word] = n
        self.common = set(common_surnames)
        self.full: dict[str, list[int]] = {}
        self.by_id: dict[str, Person] = {}
        self.by_surname: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        self.by_initial: dict[str, set[str]] = {}
        self._similar: dict[str, list[str]] = {}  # unknown surname -> known ones one edit away
        for idx, person in enumerate(self.people):
            self._add(idx, person)

    def _add(self, idx: int, person: Person) -> None:
        self._similar.clear()
        self.by_id[person.id] = person
        for alias in (person.name, *person.aliases):
            units = name_units(alias)
            key = " ".join(units)
            if idx not in self.full.setdefault(key, []):
                self.full[key].append(idx)
            if alias.split()[0].rstrip(".").lower() in {"king", "queen", "pope", "emperor", "sheikh", "emir",
                                                         "sultan", "prince", "crown", "patriarch", "ayatollah"}:
                continue
            for surname, given in surname_keys(units, person.country):
                bucket = self.by_surname.setdefault(surname, [])
                if (idx, given) not in bucket:
                    bucket.append((idx, given))
                self.by_initial.setdefault(surname[:1], set()).add(surname)

    def empty_like(self) -> PeopleIndex:
        """An empty index with the same transliterations and common surnames."""
        other = PeopleIndex([], (), self.common)
        other.variants = self.variants
        return other

    def add(self, person: Person) -> None:
        self.people.append(person)
        self._add(len(self.people) - 1, person)

    def match(self, name: str, country_hint: str | None = None) -> list[NameMatch]:
        """People the name may refer to, best first (several when it is ambiguous)."""
        units = [u for u in name_units(name) if u not in _SUFFIXES]
        if not units:
            return []
        exact = self.full.get(" ".join(units))
        if exact:
            return [NameMatch(self.people[i], 1.0) for i in exact]
        if len(units) == 1:
            unit = units[0]
            if unit in self.common or len(unit) < 2:
                return []
            hits = self.by_surname.get(unit, []) + self.by_surname.get(_bare(unit), [])
            seen: dict[int, NameMatch] = {}
            for idx, _ in hits:
                seen.setdefault(idx, NameMatch(self.people[idx], 0.6))
            return list(seen.values())
        return self._match_multi(units, country_hint)

    def _match_multi(self, units: list[str], country_hint: str | None) -> list[NameMatch]:
        results: dict[int, NameMatch] = {}
        for surname, given in self._query_splits(units, country_hint):
            for key in self._surname_candidates(surname):
                for idx, cand_given in self.by_surname.get(key, []):
                    score = self._given_score(given, cand_given)
                    if score is not None and (idx not in results or results[idx].score < score):
                        results[idx] = NameMatch(self.people[idx], score)
        return sorted(results.values(), key=lambda m: -m.score)

    @staticmethod
    def _query_splits(units: list[str], hint: str | None) -> list[tuple[str, tuple[str, ...]]]:
        splits = surname_keys(units, hint)
        splits += [(units[-1], tuple(units[:-1])), (units[0], tuple(units[1:]))]
        return list(dict.fromkeys(splits))

    def _surname_candidates(self, surname: str) -> list[str]:
        keys = [surname] if surname in self.by_surname else []
        bare = _bare(surname)
        if bare != surname and bare in self.by_surname:
            keys.append(bare)
        if not keys and len(surname) >= 5:
            if surname not in self._similar:  # a scan of every surname with the same initial
                self._similar[surname] = [k for k in self.by_initial.get(surname[:1], ())
                                          if _surname_compatible(surname, k, self.variants)]
            keys = self._similar[surname]
        return keys

    def _given_score(self, query: tuple[str, ...], cand: tuple[str, ...]) -> float | None:
        """How well the query's given names fit the candidate's: None when one of them contradicts."""
        if not query:
            return 0.6
        cand_parts = [p for c in cand for p in (c, *c.split("-"))]
        used: set[int] = set()
        initials_only = True
        for q in query:
            pieces = [q] if any(_given_compatible(q, c, self.variants) for c in cand_parts) else q.split("-")
            for piece in pieces:
                hit = next((i for i, c in enumerate(cand_parts)
                            if i not in used and _given_compatible(piece, c, self.variants)), None)
                if hit is None:
                    return None
                used.add(hit)
                initials_only &= len(piece) == 1
        missing = len(cand) - min(len(cand), len(query))
        return (0.8 if initials_only else 0.95) - 0.05 * missing


def _data(name: str) -> str:
    return resources.files("newsgraph").joinpath(f"data/actors/{name}").read_text("utf-8")


def _rows(name: str) -> Iterable[list[str]]:
    for line in _data(name).splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def load_people_rows(rows: Iterable[list[str]]) -> list[Person]:
    people: list[Person] = []
    ids: set[str] = set()
    for cols in rows:
        if cols[0] == "names" or len(cols) < 2:
            continue
        names = [n.strip() for n in cols[0].split("|") if n.strip()]
        country = cols[1].strip()
        roles = parse_roles(cols[2]) if len(cols) > 2 else ()
        pid = slug(names[0])
        if pid in ids:
            pid = f"{pid}-{country.lower()}"
        ids.add(pid)
        plain = [strip_accents(n) for n in names]
        aliases = tuple(dict.fromkeys([*names[1:], *(p for p in plain if p not in names)]))
        people.append(Person(pid, names[0], country, roles, aliases))
    return people


@lru_cache(maxsize=1)
def shipped_people() -> PeopleIndex:
    """The shipped table, indexed once per process."""
    variants = [line.split() for line in _data("name_variants.txt").splitlines()
                if line.strip() and not line.startswith("#")]
    common = [w for line in _data("common_surnames.txt").splitlines() if not line.startswith("#")
              for w in line.split()]
    return PeopleIndex(load_people_rows(_rows("people.tsv")), variants, common)

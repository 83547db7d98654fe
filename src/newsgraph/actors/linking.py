"""Linking the people of one document: "Sergei Lavrov", "Lavrov" and "Mr. Lavrov" are one person.

Full names are grouped when their surnames and given names agree (spelling variants included);
a bare surname joins the group it last followed, or the first one after it. The group's name is its
longest full name, and its country and role come from the titles of any of its mentions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from newsgraph.actors.coding import ActorCode
from newsgraph.actors.people import Person, name_units, shipped_people
from newsgraph.actors.registry import ActorRegistry
from newsgraph.records import Actor


@dataclass
class LinkedPerson:
    actor: Actor
    country: str | None
    sector: str | None


@dataclass
class _Cluster:
    names: list[str] = field(default_factory=list)
    codes: list[ActorCode] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)

    def canonical(self) -> str:
        return max(self.names, key=lambda n: (len(name_units(n)), len(n)))


class PersonLinker:
    """Collects a document's person mentions, then groups and resolves them."""

    def __init__(self) -> None:
        self._items: list[tuple[Span, ActorCode | None, str]] = []
        self._descriptions: dict[int, list[ActorCode]] = {}

    def add(self, span: Span, code: ActorCode | None, name: str) -> None:
        self._items.append((span, code, name))

    def describe(self, start: int, code: ActorCode) -> None:
        """A description in apposition to the person whose mention starts at token ``start``."""
        self._descriptions.setdefault(start, []).append(code)

    def resolve(self, registry: ActorRegistry) -> dict[int, LinkedPerson]:
        """Linked people keyed by the start token of each mention."""
        clusters: list[_Cluster] = []
        index = shipped_people().empty_like()
        index.common = set()
        by_table_id: dict[str, int] = {}
        pending: list[tuple[Span, ActorCode | None, str]] = []
        member: dict[int, int] = {}
        for span, code, name in self._items:
            table_id = code.person_id if code is not None else None
            if len(name_units(name)) < 2 and (table_id is None or table_id not in by_table_id):
                pending.append((span, code, name))
                continue
            found = by_table_id.get(table_id) if table_id else None
            if found is None:
                matches = index.match(name)
                found = int(matches[0].person.id) if matches else None
            if found is None:
                found = len(clusters)
                clusters.append(_Cluster())
                index.add(Person(str(found), name, ""))
            if table_id:
                by_table_id.setdefault(table_id, found)
            _join(clusters[found], span, code, name)
            member[span.start] = found
        for span, code, name in pending:
            candidates = [int(m.person.id) for m in index.match(name)] or _by_given_name(clusters, name)
            found = _nearest(clusters, candidates, span.start)
            if found is None:
                found = len(clusters)
                clusters.append(_Cluster())
                index.add(Person(str(found), name, ""))
            _join(clusters[found], span, code, name)
            member[span.start] = found
        for start, codes in self._descriptions.items():
            if start in member:
                clusters[member[start]].codes.extend(codes)
        resolved = [_resolve(c, registry) for c in clusters]
        return {start: resolved[n] for start, n in member.items()}


def _join(cluster: _Cluster, span: Span, code: ActorCode | None, name: str) -> None:
    cluster.names.append(name)
    cluster.starts.append(span.start)
    if code is not None:
        cluster.codes.append(code)


def _by_given_name(clusters: list[_Cluster], name: str) -> list[int]:
    """Groups whose full name contains a bare name as a given name ("Faisal" in "Faisal bin Farhan")."""
    units = name_units(name)
    if len(units) != 1 or len(units[0]) < 3:
        return []
    return [n for n, c in enumerate(clusters) if any(units[0] in name_units(full)[:-1] for full in c.names)]


def _nearest(clusters: list[_Cluster], candidates: list[int], start: int) -> int | None:
    """The candidate group mentioned last before ``start``, else the first one after it."""
    if not candidates:
        return None
    before = [(max(s for s in clusters[c].starts if s < start), c) for c in candidates
              if any(s < start for s in clusters[c].starts)]
    if before:
        return max(before)[1]
    return min((min(clusters[c].starts), c) for c in candidates)[1]


def _resolve(cluster: _Cluster, registry: ActorRegistry) -> LinkedPerson:
    codes = cluster.codes
    table = next((c for c in codes if c.person_id), None)
    titled = [c for c in codes if c.role]
    country = next((c.plover_country for c in titled if c.country), None) or \
        next((c.plover_country for c in codes if c.country), None)
    sector = next((c.sector for c in titled if c.sector), None) or next((c.sector for c in codes if c.sector), None)
    role = titled[0].role if titled else None
    actor = registry.resolve(cluster.canonical(), "person", country, code=table, sector=sector, role=role)
    return LinkedPerson(actor, country or actor.country, sector or actor.sector)

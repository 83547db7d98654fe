"""Canonical actors across documents: stable ids, merged spellings, and the user's own actor file.

Ids are readable and stable: ``person:sergei-lavrov``, ``country:RUS``, ``igo:NATO``,
``org:rus-foreign-ministry``, ``group:nga-troops``. People in the shipped table keep the table's id and
name; a person first met in a document gets an id from the longest full name seen, and later spellings
("Sergey" for "Sergei") merge into it when the surname agrees, the given names agree up to a known
transliteration or one edit, and the countries do not conflict.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any, Literal, cast

from newsgraph.actors.coding import DETERMINERS, ActorCode, code_text
from newsgraph.actors.gazetteer import gazetteer
from newsgraph.actors.people import NameMatch, Person, person_key, shipped_people
from newsgraph.actors.text import normalize, slug, tokenize
from newsgraph.records import Actor

ActorKind = Literal["person", "org", "country", "igo", "group"]
_KINDS: tuple[ActorKind, ...] = ("person", "org", "country", "igo", "group")
_INSTITUTION_SYNONYMS = [
    (re.compile(r"\bministry of (?:the )?(foreign|external|home|interior|defen[cs]e|justice|health|finance)"
                r"(?: affairs)?\b", re.I), r"\1 ministry"),
    (re.compile(r"\b(defen)c(e)\b", re.I), r"\1s\2"),
    (re.compile(r"\b(foreign|external) affairs (ministry)\b", re.I), r"\1 \2"),
    (re.compile(r"\bexternal (ministry)\b", re.I), r"foreign \1"),
]


class ActorFileError(ValueError):
    """The user's actor file cannot be read."""


class ActorRegistry:
    """Resolves mentions to canonical ``Actor`` records; deterministic for a given order of calls."""

    def __init__(self, extra: Iterable[Actor] = ()) -> None:
        self._actors: dict[str, Actor] = {}
        self._aliases: dict[str, str] = {}  # folded alias -> actor id, from the user file
        self._local = shipped_people().empty_like()
        self._local_ids: dict[str, str] = {}  # local person id -> actor id
        self._user_ids: set[str] = set()
        for actor in extra:
            self.add(actor)

    @classmethod
    def from_file(cls, path: str | Path) -> ActorRegistry:
        """A registry with the actors of a JSON list or a TOML ``[[actor]]`` table."""
        return cls(load_actor_file(path))

    @classmethod
    def from_config(cls, config: Any) -> ActorRegistry:
        """From ``[actors].file`` of a ``newsgraph.config.Config``; the shipped table alone when empty."""
        path = getattr(getattr(config, "actors", None), "file", "") or ""
        return cls.from_file(path) if path else cls()

    def add(self, actor: Actor) -> Actor:
        """Register a user-defined actor; its name and aliases then resolve to it."""
        self._actors[actor.id] = actor
        self._user_ids.add(actor.id)
        for alias in (actor.name, *actor.aliases):
            self._aliases[_alias_key(alias)] = actor.id
        if actor.kind == "person":
            person = Person(actor.id, actor.name, actor.country or "", (), tuple(actor.aliases))
            self._local.add(person)
            self._local_ids[actor.id] = actor.id
        return actor

    def get(self, actor_id: str) -> Actor | None:
        return self._actors.get(actor_id)

    def actors(self) -> list[Actor]:
        return list(self._actors.values())

    def is_user(self, actor_id: str) -> bool:
        """Whether the actor came from the user's file (or ``add``)."""
        return actor_id in self._user_ids

    def resolve(self, mention_text: str, kind: str, country: str | None = None, *,
                code: ActorCode | None = None, sector: str | None = None, role: str | None = None) -> Actor:
        """The canonical actor for a mention, created on first sight."""
        user = self._aliases.get(_alias_key(mention_text))
        if user is not None:
            return self._actors[user]
        kind = kind if kind in _KINDS else "org"
        if kind == "person" and (code is None or code.named):
            return self._resolve_person(mention_text, country, code or code_text(mention_text), sector, role)
        code = code or code_text(mention_text)
        if kind == "country" and country:
            return self._remember(Actor(f"country:{country}", gazetteer().country_name(country), "country", country))
        if code is not None and code.igo and kind != "person":
            return self._remember(Actor(f"igo:{code.igo}", code.name if code.kind == "igo" else code.igo, "igo",
                                        country or code.country, sector or code.sector))
        if code is not None and code.org_key and code.kind in ("org", "group") and code.name:
            return self._remember(Actor(f"org:{code.org_key}", code.name, "org" if kind != "group" else "group",
                                        country or code.country, sector or code.sector))
        return self._resolve_institution(mention_text, kind, country, sector)

    def _resolve_person(self, name: str, country: str | None, code: ActorCode | None, sector: str | None,
                        role: str | None) -> Actor:
        person_id = code.person_id if code is not None and code.person_id else None
        if person_id is None:
            local = _compatible(self._local.match(name, country), country)
            if local is not None:
                actor = self._actors[self._local_ids[local.id]]
                return self._enrich(actor, name, country, sector, role)
            shipped = _compatible(shipped_people().match(name, country), country)
            person_id = shipped.id if shipped is not None and name.count(" ") else None
        if person_id is not None:
            person = shipped_people().by_id[person_id]
            actor_id = f"person:{person.id}"
            if actor_id not in self._actors:
                self._remember(Actor(actor_id, person.name, "person", country or person.country, sector,
                                     role, list(person.aliases)))
            return self._enrich(self._actors[actor_id], name, country, sector, role)
        # The id depends on the name alone, never on what was seen before, so results do not
        # depend on input order, worker processes or where an interrupted run resumed.
        actor_id = f"person:{slug(person_key(name)) or 'unknown'}"
        if actor_id not in self._actors:
            self._remember(Actor(actor_id, normalize(name).strip(), "person", country, sector, role))
        return self._enrich(self._actors[actor_id], name, country, sector, role)

    def _resolve_institution(self, text: str, kind: str, country: str | None, sector: str | None) -> Actor:
        phrase = institution_phrase(text)
        prefix = kind if kind in ("group", "person") else "org"
        base = slug(phrase) or slug(text) or "unknown"
        actor_id = f"{prefix}:{country.lower()}-{base}" if country else f"{prefix}:{base}"
        if actor_id in self._actors:
            return self._actors[actor_id]
        demonym = gazetteer().demonyms.get(country or "", "")
        label = phrase if prefix == "group" else " ".join(
            w if any(c.isupper() for c in w[1:]) else w[:1].upper() + w[1:] for w in phrase.split())
        name = f"{demonym} {label}".strip() if demonym and phrase else normalize(text).strip()
        kind_: ActorKind = "group" if prefix == "group" else "person" if prefix == "person" else "org"
        return self._remember(Actor(actor_id, name, kind_, country, sector))

    def _remember(self, actor: Actor) -> Actor:
        return self._actors.setdefault(actor.id, actor)

    def _enrich(self, actor: Actor, spelling: str, country: str | None, sector: str | None,
                role: str | None) -> Actor:
        """Fill what the record lacks and keep the spelling as an alias."""
        actor.country = actor.country or country
        actor.sector = actor.sector or sector
        actor.role = actor.role or role
        spelling = normalize(spelling).strip()
        if spelling and spelling != actor.name and spelling not in actor.aliases and " " in spelling:
            actor.aliases.append(spelling)
        return actor

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready snapshot; ``from_dict`` restores it."""
        return {"actors": [asdict(a) for a in self._actors.values()]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ActorRegistry:
        registry = cls()
        for item in data.get("actors", []):
            actor = _actor_from_mapping(item, keep_id=True)
            registry._actors[actor.id] = actor
            if actor.kind == "person":
                registry._local.add(Person(actor.id, actor.name, actor.country or "", (), tuple(actor.aliases)))
                registry._local_ids[actor.id] = actor.id
        return registry


def _compatible(matches: list[NameMatch], country: str | None) -> Person | None:
    """The single person a name means, if the country agrees (an unknown country agrees with any)."""
    fits = [m for m in matches if not country or not m.person.country or m.person.country == country]
    if not fits:
        return None
    top = [m for m in fits if m.score >= fits[0].score - 1e-9]
    return top[0].person if len({m.person.id for m in top}) == 1 else None


def _alias_key(text: str) -> str:
    words = [t.key for t in tokenize(normalize(text)) if not t.punct]
    while len(words) > 1 and words[0] in DETERMINERS:
        words = words[1:]
    return " ".join(words)


def institution_phrase(text: str) -> str:
    """An institution's name without its country words and determiners: "Russia's Foreign Ministry" and
    "the Russian Ministry of Foreign Affairs" both give "Foreign Ministry"."""
    gz = gazetteer()
    words: list[str] = []
    for tok in tokenize(normalize(text)):
        entries = gz.phrases.get(tok.key, [])
        if tok.punct or tok.key in DETERMINERS or any(a.entry.kind in ("country", "demonym") for a in entries):
            continue
        words.append(tok.text)
    phrase = " ".join(words)
    for pattern, repl in _INSTITUTION_SYNONYMS:
        phrase = pattern.sub(repl, phrase)
    return phrase


def _actor_from_mapping(item: dict[str, Any], keep_id: bool = False) -> Actor:
    name = str(item.get("name") or "").strip()
    if not name:
        raise ActorFileError(f"an actor needs a name: {item!r}")
    kind = cast(ActorKind, str(item.get("kind") or "person"))
    if kind not in _KINDS:
        raise ActorFileError(f"{name}: kind must be one of {', '.join(_KINDS)}")
    country = item.get("country") or None
    aliases = [str(a) for a in item.get("aliases") or []]
    if keep_id and item.get("id"):
        actor_id = str(item["id"])
    elif kind == "country" and country:
        actor_id = f"country:{country}"
    elif kind == "igo":
        actor_id = f"igo:{item.get('igo') or slug(name).upper()}"
    else:
        actor_id = f"{kind}:{slug(name)}"
    return Actor(actor_id, name, kind, country, item.get("sector") or None, item.get("role") or None, aliases)


def load_actor_file(path: str | Path) -> list[Actor]:
    """Actors from a JSON list (or {"actors": [...]}) or a TOML file with ``[[actor]]`` tables."""
    file = Path(path)
    try:
        raw = file.read_text("utf-8")
    except OSError as exc:
        raise ActorFileError(f"{file}: {exc.strerror}") from exc
    try:
        data: Any = tomllib.loads(raw) if file.suffix.lower() == ".toml" else json.loads(raw)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise ActorFileError(f"{file}: {exc}") from exc
    items = data.get("actor", data.get("actors", [])) if isinstance(data, dict) else data
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ActorFileError(f"{file}: expected a list of actors")
    return [_actor_from_mapping(item) for item in items]

"""Gazetteer and sector-word matching over the tokens of one actor string.

Matching is greedy, longest phrase first, left to right. A phrase written with capitals must be
capitalized in the input too ("Turkey", not "turkey"), and acronyms must match as written ("US", not
"us"), unless the whole input is lower-case or upper-case, as short coder inputs often are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from newsgraph.actors.gazetteer import Alias, Entry, Gazetteer, SectorWord
from newsgraph.actors.text import Token, join_keys, within_one_edit

CaseMode = Literal["mixed", "lower", "upper"]

# Reading order when one phrase has several meanings: specific institutions and people first.
_PRIORITY = {"org": 0, "person": 1, "place": 2, "country": 3, "capital": 4, "demonym": 5, "city": 6, "none": 7}
_PREFIXES_THAT_NEGATE = {"anti", "pro", "non", "post", "ex"}


@dataclass(frozen=True)
class EntityHit:
    """Tokens ``start:end`` name a gazetteer entry; ``readings`` lists its meanings, best first."""

    start: int
    end: int
    readings: tuple[Entry, ...]

    @property
    def entry(self) -> Entry:
        return self.readings[0]


@dataclass(frozen=True)
class SectorHit:
    start: int
    end: int
    word: SectorWord
    text: str


def case_mode(text: str) -> CaseMode:
    letters = [c for c in text if c.isalpha()]
    if not any(c.isupper() for c in letters):
        return "lower"
    if not any(c.islower() for c in letters):
        return "upper"
    return "mixed"


def _case_ok(alias: Alias, span: list[Token], mode: CaseMode) -> bool:
    texts = [t.text for t in span]
    if mode == "upper":
        return True
    if alias.exact:
        return texts == list(alias.words)
    if mode == "lower" or len(alias.words) != len(texts):
        return True
    return all(not a[:1].isupper() or t[:1].isupper() for a, t in zip(alias.words, texts, strict=True))


def _readings(aliases: list[Alias], span: list[Token], mode: CaseMode) -> tuple[Entry, ...]:
    entries = []
    for alias in aliases:
        if _case_ok(alias, span, mode) and alias.entry not in entries:
            entries.append(alias.entry)
    return tuple(sorted(entries, key=lambda e: _PRIORITY[e.kind]))


def match_entities(tokens: list[Token], gz: Gazetteer, mode: CaseMode) -> list[EntityHit]:
    """Longest gazetteer phrases, left to right, never across punctuation."""
    hits: list[EntityHit] = []
    i = 0
    while i < len(tokens):
        found = None
        limit = i
        while limit < len(tokens) and not tokens[limit].punct and limit - i < gz.max_tokens:
            limit += 1
        for end in range(limit, i, -1):
            aliases = gz.phrases.get(join_keys(tokens[i:end]))
            readings = _readings(aliases, tokens[i:end], mode) if aliases else ()
            if readings:
                found = EntityHit(i, end, readings)
                break
        if found is None:
            i += 1
            continue
        if _negated(tokens, found):
            found = EntityHit(found.start, found.end, (Entry("none"),))
        hits.append(found)
        i = found.end
    return hits


def _negated(tokens: list[Token], hit: EntityHit) -> bool:
    """"anti-American" or "pro-Russian" names the country as an object, not the actor."""
    prev = tokens[hit.start - 1] if hit.start else None
    return bool(prev and prev.hyphen_after and prev.key in _PREFIXES_THAT_NEGATE)


def match_sectors(tokens: list[Token], gz: Gazetteer, covered: set[int], mode: CaseMode,
                  stops: set[str]) -> list[SectorHit]:
    """Sector words on tokens no entity covers; title-only words need a capital or the head position."""
    hits: list[SectorHit] = []
    i = 0
    while i < len(tokens):
        found = None
        if i not in covered and not tokens[i].punct:
            limit = i
            while limit < len(tokens) and limit not in covered and not tokens[limit].punct \
                    and limit - i < gz.max_sector_tokens:
                limit += 1
            for end in range(limit, i, -1):
                word = gz.sector_words.get(join_keys(tokens[i:end]))
                if word and _sector_ok(word, tokens, i, end, mode, stops):
                    found = SectorHit(i, end, word, " ".join(t.text for t in tokens[i:end]))
                    break
            if found is None:
                found = _fuzzy_sector(tokens, i, gz)
        if found is None:
            i += 1
            continue
        hits.append(found)
        i = found.end
    return hits


def _sector_ok(word: SectorWord, tokens: list[Token], start: int, end: int, mode: CaseMode, stops: set[str]) -> bool:
    """A title-only word counts when capitalized or when it ends the phrase ("the general said")."""
    if not word.head_only:
        return True
    if mode == "mixed" and tokens[start].capitalized:
        return True
    return end == len(tokens) or tokens[end].punct or tokens[end].key in stops


def _fuzzy_sector(tokens: list[Token], i: int, gz: Gazetteer) -> SectorHit | None:
    """One typo in a long lower-case word ("supremicists")."""
    tok = tokens[i]
    if len(tok.key) < 8 or tok.capitalized or not tok.key.isalpha():
        return None
    for key in gz.sector_keys_from(tok.key[:1]):
        if " " not in key and abs(len(key) - len(tok.key)) <= 1 and within_one_edit(key, tok.key):
            return SectorHit(i, i + 1, gz.sector_words[key], tok.text)
    return None


def fuzzy_country(tok: Token, gz: Gazetteer) -> Entry | None:
    """A misspelt country or demonym ("Kazahks", "Afganistan"): one edit, one country only."""
    if len(tok.key) < 7 or not tok.key.isalpha():
        return None
    found: set[str] = set()
    entry = None
    for key in gz.phrase_keys_from(tok.key[:1]):
        if abs(len(key) - len(tok.key)) > 1 or not within_one_edit(key, tok.key):
            continue
        for alias in gz.phrases[key]:
            if alias.entry.kind in ("country", "demonym") and not alias.exact:
                found.add(alias.entry.country or "")
                entry = alias.entry
    return entry if len(found) == 1 else None

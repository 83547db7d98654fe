"""How likely two articles report the same event: shared names and numbers, shared content, time apart.

Weights use document frequencies as they stand when the comparison is made, so the
collection's statistics stay current as articles arrive.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from newsgraph.stories.features import StoryFeatures

# Names, places and figures identify an event; shared vocabulary only its kind.
NAME_WEIGHT = 0.5
TERM_WEIGHT = 0.35
TITLE_WEIGHT = 0.15
# Reports of one event more than this many days apart lose similarity, halving every HALF_LIFE days.
HALF_LIFE_DAYS = 21.0


@dataclass
class Collection:
    """Document frequencies of terms and names over the articles seen so far."""

    docs: int = 0
    term_df: Counter[str] = field(default_factory=Counter)
    name_df: Counter[str] = field(default_factory=Counter)

    def add(self, f: StoryFeatures) -> None:
        self.docs += 1
        self.term_df.update(f.terms.keys())
        self.name_df.update(f.names.keys())

    def idf(self, df: int) -> float:
        return math.log(1.0 + self.docs / max(df, 1))


def _weights(counts: dict[str, float], df: Counter[str], coll: Collection) -> dict[str, float]:
    return {k: (1.0 + math.log(v)) * coll.idf(df.get(k, 0)) for k, v in counts.items() if v > 0}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b[k] for k, w in a.items() if k in b)
    if dot == 0.0:
        return 0.0
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb)


@dataclass
class Weighted:
    """An article's vectors under the current statistics."""

    terms: dict[str, float]
    names: dict[str, float]
    title: dict[str, float]
    day: int | None


def weigh(f: StoryFeatures, coll: Collection) -> Weighted:
    terms = _weights(f.terms, coll.term_df, coll)
    title = {k: terms[k] for k in f.title if k in terms}
    return Weighted(terms, _weights(f.names, coll.name_df, coll), title, day_number(f.published))


def day_number(published: str | None) -> int | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def time_factor(days_apart: int | None, window_days: int) -> float:
    """1 within the window; then halves every HALF_LIFE_DAYS. Unknown dates neither help nor hurt."""
    if days_apart is None or days_apart <= window_days:
        return 1.0
    return float(0.5 ** ((days_apart - window_days) / HALF_LIFE_DAYS))


def content_similarity(a: Weighted, b: Weighted) -> float:
    return (
        NAME_WEIGHT * _cosine(a.names, b.names)
        + TERM_WEIGHT * _cosine(a.terms, b.terms)
        + TITLE_WEIGHT * _cosine(a.title, b.title)
    )


def similarity(a: Weighted, b: Weighted, window_days: int) -> float:
    apart = abs(a.day - b.day) if a.day is not None and b.day is not None else None
    return content_similarity(a, b) * time_factor(apart, window_days)

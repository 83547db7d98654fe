"""How likely two articles report the same event: shared names and numbers, shared content, time apart.

Weights use the document frequencies of a ``Collection`` snapshot, which the story index
renews as the collection grows (see ``newsgraph.stories.index``).
"""

from __future__ import annotations

import math
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
    """Document frequencies of terms and names in a snapshot of the collection."""

    docs: int = 0
    term_df: dict[str, int] = field(default_factory=dict)
    name_df: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._idf = {"t": self._table(self.term_df), "n": self._table(self.name_df)}

    def _table(self, df: dict[str, int]) -> dict[str, float]:
        return {k: self.idf(n) for k, n in df.items()}

    def idf(self, df: int) -> float:
        return math.log(1.0 + self.docs / max(df, 1))

    def weights(self, counts: dict[str, float], kind: str) -> dict[str, float]:
        """Log-scaled counts times IDF (``kind`` "t" for terms, "n" for names); unseen keys count as rare."""
        table, unseen = self._idf[kind], self.idf(1)
        return {k: (1.0 + math.log(v)) * table.get(k, unseen) for k, v in counts.items() if v > 0}


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {k: w / norm for k, w in vector.items()} if norm else {}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[k] for k, w in a.items() if k in b)


@dataclass
class Weighted:
    """An article's vectors under the current statistics, each scaled to unit length so that a
    cosine is a dot product."""

    terms: dict[str, float]
    names: dict[str, float]
    title: dict[str, float]
    day: int | None


def weigh(f: StoryFeatures, coll: Collection) -> Weighted:
    terms = coll.weights(f.terms, "t")
    title = {k: terms[k] for k in f.title if k in terms}
    names = coll.weights(f.names, "n")
    return Weighted(_unit(terms), _unit(names), _unit(title), day_number(f.published))


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
        NAME_WEIGHT * _dot(a.names, b.names)
        + TERM_WEIGHT * _dot(a.terms, b.terms)
        + TITLE_WEIGHT * _dot(a.title, b.title)
    )


def similarity(a: Weighted, b: Weighted, window_days: int) -> float:
    apart = abs(a.day - b.day) if a.day is not None and b.day is not None else None
    return content_similarity(a, b) * time_factor(apart, window_days)

"""A story's label (the names its articles share most) and its date range."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from newsgraph.stories.features import StoryFeatures
from newsgraph.stories.similarity import Collection

LABEL_NAMES = 4


@dataclass
class Story:
    id: str
    label: str
    start: str | None  # earliest published date among its articles
    end: str | None
    articles: list[str]


def label(members: list[StoryFeatures], collection: Collection) -> str:
    """Names most shared by the story's articles and rarest elsewhere, e.g. 'Ever Given · Suez Canal'."""
    spread: Counter[str] = Counter()
    for f in members:
        spread.update(f.names.keys())
    ranked = sorted(
        spread,
        key=lambda k: (
            -spread[k] * collection.idf(collection.name_df.get(k, 0)) * (1.5 if " " in k else 1.0),
            k,
        ),
    )
    chosen: list[str] = []
    for key in ranked:
        if key.startswith("#") or any(key in c.split() or c in key for c in chosen):
            continue
        chosen.append(key)
        if len(chosen) == LABEL_NAMES:
            break
    if not chosen:  # no names at all: fall back to the most shared terms
        terms: Counter[str] = Counter()
        for f in members:
            terms.update(f.terms.keys())
        chosen = [k for k, _ in terms.most_common(LABEL_NAMES)]
    return " \u00b7 ".join(k.title() for k in chosen)


def date_range(members: list[StoryFeatures]) -> tuple[str | None, str | None]:
    dates = sorted(f.published[:10] for f in members if f.published)
    return (dates[0], dates[-1]) if dates else (None, None)

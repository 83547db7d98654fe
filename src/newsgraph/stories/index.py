"""Incremental story clustering: each new article joins the story it matches on average, or starts one.

Average linkage (the mean similarity to a story's articles) keeps two events of the same
kind apart better than single linkage, which chains them through one similar pair. When a
new article matches several stories well, those stories are merged if they match each other
on average too, so the result depends little on the order articles arrive in.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from newsgraph.config import StoriesConfig
from newsgraph.stories.features import StoryFeatures
from newsgraph.stories.label import Story, date_range, label
from newsgraph.stories.similarity import Collection, Weighted, similarity, weigh

# Keys shared by more than this share of the collection find no candidates (too common).
COMMON_KEY_SHARE = 0.2
# How many of an article's rarest keys are looked up to find candidate articles, and how many
# candidates are compared at most (rarest keys first), so a large collection stays fast.
LOOKUP_KEYS = 40
MAX_CANDIDATES = 500


def story_id_for(article_id: str) -> str:
    """A story's id derives from its first article, so it does not depend on other stories."""
    return "s" + hashlib.sha1(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]


class StoryIndex:
    """Stories over a growing collection; the whole state round-trips through ``to_json``."""

    def __init__(self, threshold: float = 0.12, window_days: int = 7) -> None:
        self.threshold = threshold
        self.window_days = window_days
        self.collection = Collection()
        self.articles: dict[str, StoryFeatures] = {}
        self.story_of: dict[str, str] = {}
        self.members: dict[str, list[str]] = {}
        self._postings: dict[str, list[str]] = {}
        self._arrival: dict[str, int] = {}

    @classmethod
    def from_config(cls, config: StoriesConfig) -> StoryIndex:
        return cls(config.similarity_threshold, config.window_days)

    def __len__(self) -> int:
        return len(self.articles)

    def add(self, f: StoryFeatures) -> str:
        """Assign an article to a story and return the story id (stories may merge on the way)."""
        if f.id in self.story_of:
            return self.story_of[f.id]
        self.collection.add(f)
        new = weigh(f, self.collection)
        cache: dict[str, Weighted] = {}
        sims = {
            other: similarity(new, self._weighted(other, cache), self.window_days)
            for other in self._candidates(f)
        }
        scores = sorted(
            ((self._story_score(story, sims), story) for story in {self.story_of[o] for o in sims}),
            reverse=True,
        )
        matching = [story for score, story in scores if score >= self.threshold]
        self._remember(f)
        if not matching:
            story = story_id_for(f.id)
            self.story_of[f.id] = story
            self.members[story] = [f.id]
            return story
        story = matching[0]
        self.story_of[f.id] = story
        self.members[story].append(f.id)
        for other in matching[1:]:
            if other in self.members and self._linkage(story, other, cache) >= self.threshold:
                story = self._merge(story, other)
        return self.story_of[f.id]

    def _story_score(self, story: str, sims: dict[str, float]) -> float:
        """Mean similarity to the story's articles (those not retrieved as candidates count as 0)."""
        members = self.members[story]
        return sum(sims.get(m, 0.0) for m in members) / len(members)

    def _linkage(self, a: str, b: str, cache: dict[str, Weighted]) -> float:
        pairs = [(x, y) for x in self.members[a] for y in self.members[b]]
        total = sum(
            similarity(self._weighted(x, cache), self._weighted(y, cache), self.window_days) for x, y in pairs
        )
        return total / len(pairs)

    def _merge(self, a: str, b: str) -> str:
        """Merge two stories under the id of the older one (its first article came first)."""
        keep, drop = (a, b) if self._first(a) <= self._first(b) else (b, a)
        for member in self.members.pop(drop):
            self.story_of[member] = keep
            self.members[keep].append(member)
        return keep

    def _first(self, story: str) -> int:
        return min(self._arrival[m] for m in self.members[story])

    def _weighted(self, article_id: str, cache: dict[str, Weighted]) -> Weighted:
        if article_id not in cache:
            cache[article_id] = weigh(self.articles[article_id], self.collection)
        return cache[article_id]

    def _keys(self, f: StoryFeatures) -> list[str]:
        return [f"n:{k}" for k in f.names] + [f"t:{k}" for k in f.terms]

    def _candidates(self, f: StoryFeatures) -> set[str]:
        """Articles sharing one of this article's rarer names or terms."""
        limit = max(10, int(COMMON_KEY_SHARE * self.collection.docs))
        keyed = [(len(self._postings.get(k, ())), k) for k in self._keys(f)]
        rare = sorted((n, k) for n, k in keyed if 0 < n <= limit)[:LOOKUP_KEYS]
        found: set[str] = set()
        for _, key in rare:
            found.update(self._postings[key])
            if len(found) >= MAX_CANDIDATES:
                break
        return found

    def stories(self) -> dict[str, list[str]]:
        """Story id -> article ids, in arrival order."""
        return {story: list(members) for story, members in self.members.items()}

    def story(self, story_id: str) -> Story:
        """A story's label, date range and articles."""
        members = [self.articles[m] for m in self.members[story_id]]
        start, end = date_range(members)
        return Story(story_id, label(members, self.collection), start, end, [f.id for f in members])

    def to_json(self) -> str:
        payload: dict[str, Any] = {
            "threshold": self.threshold,
            "window_days": self.window_days,
            "articles": [json.loads(f.to_json()) for f in self.articles.values()],
            "story_of": self.story_of,
        }
        return json.dumps(payload, sort_keys=True)

    @classmethod
    def from_json(cls, data: str) -> StoryIndex:
        payload = json.loads(data)
        index = cls(threshold=payload["threshold"], window_days=payload["window_days"])
        for raw in payload["articles"]:
            index.restore(StoryFeatures.from_json(raw), payload["story_of"][raw["id"]])
        return index

    def restore(self, f: StoryFeatures, story: str) -> None:
        """Put back an article with its known story (rebuilding from the store), without comparing."""
        if f.id in self.articles:
            return
        self.collection.add(f)
        self._remember(f)
        self.story_of[f.id] = story
        self.members.setdefault(story, []).append(f.id)

    def _remember(self, f: StoryFeatures) -> None:
        self._arrival[f.id] = len(self.articles)
        self.articles[f.id] = f
        for key in self._keys(f):
            self._postings.setdefault(key, []).append(f.id)

"""Incremental story clustering: each new article joins the story it matches on average, or starts one.

Average linkage (the mean similarity to a story's articles) keeps two events of the same
kind apart better than single linkage, which chains them through one similar pair. When a
new article matches several stories well, those stories are merged if they match each other
on average too, so the result depends little on the order articles arrive in.

The index lives in SQLite tables (the store's file, or an in-memory database): postings of
names and terms find candidates, and document frequencies weigh them. Weights use a snapshot
of the frequencies taken each time the collection has grown by a tenth, so an article's
vectors are computed once per snapshot rather than once per comparison; the snapshot points
depend only on the count of articles, so a run resumed later gives the same stories as one
uninterrupted run.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter, OrderedDict
from collections.abc import Iterable

from newsgraph.config import StoriesConfig
from newsgraph.store.lookup import select_in
from newsgraph.stories.features import StoryFeatures
from newsgraph.stories.label import Story, date_range, label
from newsgraph.stories.similarity import Collection, Weighted, similarity, weigh

# Keys shared by more than this share of the collection find no candidates (too common).
COMMON_KEY_SHARE = 0.2
# How many of an article's rarest keys are looked up to find candidate articles, how many are
# gathered at most (rarest keys first), and how many of them, those sharing the most keys, are
# compared in full; so the cost of an article does not grow with the collection.
LOOKUP_KEYS = 80
MAX_CANDIDATES = 500
MAX_COMPARED = 40
# The frequencies are snapshotted again once the collection has grown by this share.
SNAPSHOT_GROWTH = 0.1
# Whether two stories merge is judged on at most this many articles of each (the first ones),
# and a label on this many.
LINKAGE_SAMPLE = 12
LABEL_SAMPLE = 200
# Weighted vectors kept in memory (the most recently used).
CACHE_SIZE = 2048

SCHEMA = """
CREATE TABLE IF NOT EXISTS story_docs (
    row INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE,
    story TEXT NOT NULL,
    published TEXT,
    features TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS story_docs_story ON story_docs(story, row);
CREATE TABLE IF NOT EXISTS story_keys (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    df INTEGER NOT NULL,
    snapshot INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS story_postings (
    key_id INTEGER NOT NULL,
    row INTEGER NOT NULL,
    PRIMARY KEY (key_id, row)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS story_state (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""


def story_id_for(article_id: str) -> str:
    """A story's id derives from its first article, so it does not depend on other stories."""
    return "s" + hashlib.sha1(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]


class StoryIndex:
    """Stories over a growing collection, kept in the tables of ``conn``; the caller commits.

    ``changes()`` hands over what moved since it was last called (articles assigned or moved
    by a merge, stories touched, stories merged away), so a store can update its tables
    without rewriting every story.
    """

    def __init__(
        self, threshold: float = 0.12, window_days: int = 7, conn: sqlite3.Connection | None = None
    ) -> None:
        self.threshold = threshold
        self.window_days = window_days
        self.conn = conn or sqlite3.connect(":memory:")
        self.conn.executescript(SCHEMA)
        state = dict(self.conn.execute("SELECT name, value FROM story_state").fetchall())
        self.docs: int = state.get("docs", 0)
        self.snapshot_docs: int = state.get("snapshot_docs", 0)
        self.collection = self._load_snapshot()
        self._cache: OrderedDict[int, Weighted] = OrderedDict()
        self._moved: dict[str, str] = {}
        self._touched: set[str] = set()
        self._dropped: set[str] = set()

    @classmethod
    def from_config(cls, config: StoriesConfig, conn: sqlite3.Connection | None = None) -> StoryIndex:
        return cls(config.similarity_threshold, config.window_days, conn)

    @staticmethod
    def clear(conn: sqlite3.Connection) -> None:
        """Drop the index tables of ``conn`` (before re-indexing everything); the next index recreates them."""
        for table in ("story_docs", "story_keys", "story_postings", "story_state"):
            conn.execute(f"DROP TABLE IF EXISTS {table}")

    def __len__(self) -> int:
        return self.docs

    def add(self, f: StoryFeatures) -> str:
        """Assign an article to a story and return the story id (stories may merge on the way)."""
        known = self.conn.execute("SELECT story FROM story_docs WHERE article_id = ?", (f.id,)).fetchone()
        if known:
            return str(known[0])
        key_ids = self._count_keys(f)
        candidates = self._candidates(key_ids)
        self.docs += 1
        if self.docs >= self.snapshot_docs + max(1, int(self.snapshot_docs * SNAPSHOT_GROWTH)):
            self._snapshot()
        new = weigh(f, self.collection)
        story_of, weighted = self._load(candidates)
        sims = {row: similarity(new, weighted[row], self.window_days) for row in candidates}
        scores = sorted(
            ((score, story) for story, score in self._story_scores(sims, story_of).items()), reverse=True
        )
        matching = [story for score, story in scores if score >= self.threshold]
        story = matching[0] if matching else story_id_for(f.id)
        row = self._insert(f, story, key_ids)
        self._cache[row] = new
        for other in matching[1:]:
            if self._linkage(story, other) >= self.threshold:
                story = self._merge(story, other)
        self._save_state()
        return story

    def _count_keys(self, f: StoryFeatures) -> dict[str, tuple[int, int]]:
        """Key -> (id, document frequency before this article), counting the article in."""
        keys = _keys(f)
        self.conn.executemany(
            "INSERT INTO story_keys(key, df) VALUES (?, 1) ON CONFLICT(key) DO UPDATE SET df = df + 1",
            [(k,) for k in keys],
        )
        return {
            k: (i, df - 1)
            for i, k, df in select_in(self.conn, "SELECT id, key, df FROM story_keys WHERE key IN ({})", keys)
        }

    def _candidates(self, key_ids: dict[str, tuple[int, int]]) -> list[int]:
        """Articles sharing the most of this article's rarer names and terms."""
        limit = max(10, int(COMMON_KEY_SHARE * (self.docs + 1)))
        rare = sorted((df, key_id) for key_id, df in key_ids.values() if 0 < df <= limit)[:LOOKUP_KEYS]
        shared: Counter[int] = Counter()
        postings = "SELECT row FROM story_postings WHERE key_id = ? ORDER BY row DESC LIMIT ?"
        for _, key_id in rare:  # the most recent articles of a common key, as for copies
            shared.update(r for (r,) in self.conn.execute(postings, (key_id, MAX_CANDIDATES)))
            if len(shared) >= MAX_CANDIDATES:
                break
        return sorted(shared, key=lambda r: (-shared[r], r))[:MAX_COMPARED]

    def _load(self, rows: Iterable[int]) -> tuple[dict[int, str], dict[int, Weighted]]:
        """The stories and weighted vectors of indexed articles (vectors from the cache when there)."""
        rows = list(rows)
        story_of = dict(select_in(self.conn, "SELECT row, story FROM story_docs WHERE row IN ({})", rows))
        missing = [r for r in rows if r not in self._cache]
        for row, raw in select_in(
            self.conn, "SELECT row, features FROM story_docs WHERE row IN ({})", missing
        ):
            self._cache[row] = weigh(StoryFeatures.from_json(raw), self.collection)
        weighted = {}
        for row in rows:
            self._cache.move_to_end(row)
            weighted[row] = self._cache[row]
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return story_of, weighted

    def _story_scores(self, sims: dict[int, float], story_of: dict[int, str]) -> dict[str, float]:
        """Mean similarity to each candidate story's articles (those not compared count as 0)."""
        totals: dict[str, float] = {}
        for row, sim in sims.items():
            totals[story_of[row]] = totals.get(story_of[row], 0.0) + sim
        sql = "SELECT story, COUNT(*) FROM story_docs WHERE story IN ({}) GROUP BY story"
        sizes = dict(select_in(self.conn, sql, totals))
        return {story: total / sizes[story] for story, total in totals.items()}

    def _linkage(self, a: str, b: str) -> float:
        rows_a, rows_b = self._sample(a, LINKAGE_SAMPLE), self._sample(b, LINKAGE_SAMPLE)
        _, weighted = self._load(rows_a + rows_b)
        total = sum(similarity(weighted[x], weighted[y], self.window_days) for x in rows_a for y in rows_b)
        return total / (len(rows_a) * len(rows_b))

    def _sample(self, story: str, size: int) -> list[int]:
        sql = "SELECT row FROM story_docs WHERE story = ? ORDER BY row LIMIT ?"
        return [r for (r,) in self.conn.execute(sql, (story, size))]

    def _merge(self, a: str, b: str) -> str:
        """Merge two stories under the id of the older one (its first article came first)."""
        keep, drop = (a, b) if self._sample(a, 1) <= self._sample(b, 1) else (b, a)
        for (article_id,) in self.conn.execute("SELECT article_id FROM story_docs WHERE story = ?", (drop,)):
            self._moved[article_id] = keep
        self.conn.execute("UPDATE story_docs SET story = ? WHERE story = ?", (keep, drop))
        self._touched.add(keep)
        self._touched.discard(drop)
        self._dropped.add(drop)
        return keep

    def _insert(self, f: StoryFeatures, story: str, key_ids: dict[str, tuple[int, int]]) -> int:
        cur = self.conn.execute(
            "INSERT INTO story_docs(article_id, story, published, features) VALUES (?, ?, ?, ?)",
            (f.id, story, f.published, f.to_json()),
        )
        row = int(cur.lastrowid or 0)
        self.conn.executemany(
            "INSERT OR IGNORE INTO story_postings(key_id, row) VALUES (?, ?)",
            [(i, row) for i, _ in key_ids.values()],
        )
        self._moved[f.id] = story
        self._touched.add(story)
        return row

    def _snapshot(self) -> None:
        """Freeze the current frequencies as the ones weights use; cached vectors are stale."""
        self.conn.execute("UPDATE story_keys SET snapshot = df WHERE snapshot != df")
        self.snapshot_docs = self.docs
        self.collection = self._load_snapshot()
        self._cache.clear()

    def _load_snapshot(self) -> Collection:
        df: dict[str, dict[str, int]] = {"n": {}, "t": {}}
        for key, count in self.conn.execute("SELECT key, snapshot FROM story_keys WHERE snapshot > 0"):
            df[key[0]][key[2:]] = count
        return Collection(self.snapshot_docs, term_df=df["t"], name_df=df["n"])

    def _save_state(self) -> None:
        self.conn.executemany(
            "INSERT OR REPLACE INTO story_state(name, value) VALUES (?, ?)",
            [("docs", self.docs), ("snapshot_docs", self.snapshot_docs)],
        )

    def changes(self) -> tuple[dict[str, str], set[str], set[str]]:
        """(article -> story for articles assigned or moved, stories touched, stories merged away)
        since the last call."""
        out = (self._moved, self._touched, self._dropped)
        self._moved, self._touched, self._dropped = {}, set(), set()
        return out

    def assignments(self) -> dict[str, str]:
        """Article id -> story id, for every indexed article."""
        return dict(self.conn.execute("SELECT article_id, story FROM story_docs ORDER BY row").fetchall())

    def stories(self) -> dict[str, list[str]]:
        """Story id -> article ids, in arrival order."""
        out: dict[str, list[str]] = {}
        for article_id, story in self.conn.execute("SELECT article_id, story FROM story_docs ORDER BY row"):
            out.setdefault(story, []).append(article_id)
        return out

    def story(self, story_id: str) -> Story:
        """A story's label (from its first articles), date range and articles."""
        rows = self.conn.execute(
            "SELECT article_id, published FROM story_docs WHERE story = ? ORDER BY row", (story_id,)
        ).fetchall()
        sample = [
            StoryFeatures.from_json(raw)
            for (raw,) in self.conn.execute(
                "SELECT features FROM story_docs WHERE story = ? ORDER BY row LIMIT ?",
                (story_id, LABEL_SAMPLE),
            )
        ]
        start, end = date_range([StoryFeatures(id=a, published=p) for a, p in rows])
        return Story(story_id, label(sample, self.collection), start, end, [a for a, _ in rows])


def _keys(f: StoryFeatures) -> list[str]:
    return [f"n:{k}" for k in f.names] + [f"t:{k}" for k in f.terms]

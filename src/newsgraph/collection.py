"""Corpus-level steps after ingest: copies, rewrites and stories, kept up to date incrementally.

Per-article sketches (a dedup signature, story features) are computed with the article and
stored in ``sketches``; this module indexes the ones not yet linked, in arrival order, and
writes the new pairs, copy groups and story assignments. The indexes are rebuilt from the
stored sketches, never from text, and a changed article triggers a full relink so results
never depend on what was edited when.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from newsgraph.config import Config
from newsgraph.dedup import CopyIndex, DedupSignature, Pair, signature
from newsgraph.records import Article
from newsgraph.store.db import Store
from newsgraph.stories import StoryFeatures, StoryIndex, features


def sketch(article: Article, config: Config) -> tuple[bytes, str]:
    """The per-article part of the corpus steps: a dedup signature and story features."""
    sig = signature(article, num_perm=config.dedup.num_perm, shingle_size=config.dedup.shingle_size)
    return sig.to_bytes(), features(article).to_json()


class Collection:
    """The copy and story indexes of one store, restored from its linked sketches."""

    def __init__(self, store: Store, config: Config) -> None:
        self.store = store
        self.copies = CopyIndex.from_config(config.dedup)
        self.stories = StoryIndex.from_config(config.stories)
        story_of = {r["article_id"]: r["story_id"] for r in store.query("SELECT * FROM article_story")}
        for row in store.iter_rows("SELECT * FROM sketches WHERE linked = 1 ORDER BY seq"):
            self.copies.restore(row["article_id"], DedupSignature.from_bytes(row["dedup"]), row["published"])
            story = story_of.get(row["article_id"])
            if story is not None:
                self.stories.restore(StoryFeatures.from_json(row["story"]), story)
        for row in store.iter_rows("SELECT a, b FROM pairs WHERE kind = 'copy'"):
            self.copies.groups.union(row["a"], row["b"])

    def link_pending(self) -> int:
        """Index every sketch not linked yet; returns how many articles were linked."""
        rows = self.store.query("SELECT * FROM sketches WHERE linked = 0 ORDER BY seq")
        pairs: list[Pair] = []
        touched: set[str] = set()
        for row in rows:
            sig = DedupSignature.from_bytes(row["dedup"])
            pairs += self.copies.add(row["article_id"], sig, row["published"])
            touched.add(self.stories.add(StoryFeatures.from_json(row["story"])))
        if rows:
            self._write(pairs, touched, [r["article_id"] for r in rows])
        return len(rows)

    def _write(self, pairs: list[Pair], touched: set[str], linked: list[str]) -> None:
        conn = self.store.conn
        live = set(self.stories.members)
        with conn:
            conn.executemany(
                "INSERT OR REPLACE INTO pairs(a, b, kind, similarity, containment_a, containment_b, "
                "shared_paragraphs, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(p.a, p.b, p.kind, p.similarity, p.containment_a, p.containment_b, p.shared_paragraphs,
                  json.dumps([asdict(e) for e in p.evidence])) for p in pairs],
            )
            groups = self.copies.groups
            roots = {groups.canonical(m) for p in pairs if p.kind == "copy" for m in (p.a, p.b)}
            all_groups = groups.groups() if roots else {}
            conn.executemany(
                "INSERT OR REPLACE INTO copy_groups(article_id, canonical_id) VALUES (?, ?)",
                [(member, root) for root in roots for member in all_groups.get(root, [])],
            )
            gone = [r["id"] for r in self.store.query("SELECT id FROM stories") if r["id"] not in live]
            conn.executemany("DELETE FROM stories WHERE id = ?", [(g,) for g in gone])
            for story_id in touched & live:
                story = self.stories.story(story_id)
                conn.execute(
                    'INSERT OR REPLACE INTO stories(id, label, start, "end", size) VALUES (?, ?, ?, ?, ?)',
                    (story.id, story.label, story.start, story.end, len(story.articles)),
                )
                conn.executemany(
                    "INSERT OR REPLACE INTO article_story(article_id, story_id) VALUES (?, ?)",
                    [(a, story.id) for a in story.articles],
                )
            conn.executemany("UPDATE sketches SET linked = 1 WHERE article_id = ?", [(a,) for a in linked])


def relink(store: Store, config: Config, full: bool = False) -> int:
    """Bring copies and stories up to date; ``full`` recomputes them from all sketches."""
    if full:
        with store.conn:
            for table in ("pairs", "copy_groups", "stories", "article_story"):
                store.conn.execute(f"DELETE FROM {table}")
            store.conn.execute("UPDATE sketches SET linked = 0")
    return Collection(store, config).link_pending()


def duplicate_pairs(store: Store, kind: str | None = None) -> list[dict[str, Any]]:
    """Copy, partial-copy and rewrite pairs, most similar first."""
    where, params = ("WHERE kind = ?", [kind]) if kind else ("", [])
    return store.query(
        f"SELECT a, b, kind, round(similarity, 4) AS similarity, evidence FROM pairs {where} "
        "ORDER BY similarity DESC, a, b",
        params,
    )


def story_assignments(store: Store) -> list[dict[str, Any]]:
    """Every article with its story (``id<TAB>story_id`` in the CLI)."""
    return store.query(
        "SELECT a.id, s.story_id FROM articles a LEFT JOIN article_story s ON s.article_id = a.id ORDER BY a.rowid"
    )


def story_timeline(store: Store, story_id: str) -> dict[str, Any] | None:
    """A story's label and, in date order, its articles, quotes and events."""
    rows = store.query('SELECT id, label, start, "end", size FROM stories WHERE id = ?', (story_id,))
    if not rows:
        return None
    story = rows[0]
    member = "SELECT article_id FROM article_story WHERE story_id = ?"
    story["articles"] = store.query(
        "SELECT a.id, a.title, a.outlet, a.published, g.canonical_id FROM articles a "
        f"LEFT JOIN copy_groups g ON g.article_id = a.id WHERE a.id IN ({member}) "
        "ORDER BY a.published IS NULL, a.published, a.id",
        (story_id,),
    )
    story["quotes"] = store.query(
        "SELECT q.article_id, a.published, q.speaker, q.type, q.text FROM quotes q "
        f"JOIN articles a ON a.id = q.article_id WHERE q.article_id IN ({member}) "
        "ORDER BY a.published IS NULL, a.published, q.article_id, q.start",
        (story_id,),
    )
    story["events"] = store.query(
        "SELECT e.article_id, COALESCE(e.date, a.published) AS date, e.event_type, e.source, e.target, "
        f"e.modality FROM events e JOIN articles a ON a.id = e.article_id WHERE e.article_id IN ({member}) "
        "ORDER BY date IS NULL, date, e.article_id, e.evidence_start",
        (story_id,),
    )
    return story

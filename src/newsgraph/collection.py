"""Corpus-level steps after ingest: copies, rewrites and stories, kept up to date incrementally.

Per-article sketches (a dedup signature, story features) are computed with the article and
stored in ``sketches``; this module indexes the ones not yet linked, in arrival order, and
writes the new pairs, copy groups and story assignments. The indexes live in the store's own
tables, so a run continues where the last one stopped; they are rebuilt from the stored
sketches, never from text, and a changed article triggers a full relink so results never
depend on what was edited when.
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


# Sketches linked per transaction: bounds memory whatever the number of pending articles.
LINK_CHUNK = 256


class Collection:
    """The copy and story indexes of one store; they live in its own tables."""

    def __init__(self, store: Store, config: Config) -> None:
        self.store = store
        self.copies = CopyIndex.from_config(config.dedup, store.conn, text_of=self._text)
        self.stories = StoryIndex.from_config(config.stories, store.conn)
        for row in store.iter_rows(
            "SELECT p.a, p.b, sa.published AS pa, sb.published AS pb FROM pairs p "
            "JOIN sketches sa ON sa.article_id = p.a JOIN sketches sb ON sb.article_id = p.b WHERE p.kind = 'copy'"
        ):
            self.copies.groups.add(row["a"], row["pa"])
            self.copies.groups.add(row["b"], row["pb"])
            self.copies.groups.union(row["a"], row["b"])

    def _text(self, article_id: str) -> str | None:
        row = self.store.conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else str(row[0])

    def link_pending(self) -> int:
        """Index every sketch not linked yet, in arrival order; returns how many articles were linked."""
        linked = 0
        while rows := self.store.query(
            "SELECT article_id, published, dedup, story FROM sketches WHERE linked = 0 ORDER BY seq LIMIT ?",
            (LINK_CHUNK,),
        ):
            pairs: list[Pair] = []
            for row in rows:
                pairs += self.copies.add(
                    row["article_id"], DedupSignature.from_bytes(row["dedup"]), row["published"]
                )
                self.stories.add(StoryFeatures.from_json(row["story"]))
            self._write(pairs, [r["article_id"] for r in rows])
            linked += len(rows)
        return linked

    def _write(self, pairs: list[Pair], linked: list[str]) -> None:
        """Store one chunk's pairs, copy groups and story changes with its index rows, in one transaction."""
        conn = self.store.conn
        moved, touched, dropped = self.stories.changes()
        with conn:
            conn.executemany(
                "INSERT OR REPLACE INTO pairs(a, b, kind, similarity, containment_a, containment_b, "
                "shared_paragraphs, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        p.a,
                        p.b,
                        p.kind,
                        p.similarity,
                        p.containment_a,
                        p.containment_b,
                        p.shared_paragraphs,
                        json.dumps([asdict(e) for e in p.evidence]),
                    )
                    for p in pairs
                ],
            )
            groups = self.copies.groups
            roots = {groups.canonical(m) for p in pairs if p.kind == "copy" for m in (p.a, p.b)}
            all_groups = groups.groups() if roots else {}
            conn.executemany(
                "INSERT OR REPLACE INTO copy_groups(article_id, canonical_id) VALUES (?, ?)",
                [(member, root) for root in roots for member in all_groups.get(root, [])],
            )
            conn.executemany("DELETE FROM stories WHERE id = ?", [(s,) for s in dropped])
            for story_id in touched:
                story = self.stories.story(story_id)
                conn.execute(
                    'INSERT OR REPLACE INTO stories(id, label, start, "end", size) VALUES (?, ?, ?, ?, ?)',
                    (story.id, story.label, story.start, story.end, len(story.articles)),
                )
            conn.executemany(
                "INSERT OR REPLACE INTO article_story(article_id, story_id) VALUES (?, ?)",
                list(moved.items()),
            )
            conn.executemany("UPDATE sketches SET linked = 1 WHERE article_id = ?", [(a,) for a in linked])


def relink(store: Store, config: Config, full: bool = False) -> int:
    """Bring copies and stories up to date; ``full`` recomputes them from all sketches."""
    if full:
        with store.conn:
            for table in ("pairs", "copy_groups", "stories", "article_story"):
                store.conn.execute(f"DELETE FROM {table}")
            CopyIndex.clear(store.conn)
            StoryIndex.clear(store.conn)
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

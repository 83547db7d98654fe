"""The Store: one SQLite file (WAL mode) holding articles, actors, quotes and events.

Writes go in one transaction per batch, so a killed run leaves whole articles or none,
and readers (the web app) never see half an article.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsgraph.records import Extraction, IngestError, Mention
from newsgraph.store.schema import MIGRATIONS, latest_version


class StoreError(RuntimeError):
    """The database cannot be used (newer schema, not a Newsgraph file, ...)."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


@dataclass
class Counts:
    """What one run did, for the final summary line."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged, "failed": self.failed}


PAGE_CACHE_KIB = 32768


class Store:
    """A Newsgraph database. Opening it creates or migrates the schema."""

    def __init__(self, path: str | Path, readonly: bool = False) -> None:
        self.path = Path(path)
        if readonly:
            if not self.path.exists():
                raise StoreError(f"{self.path}: no such database (run `newsgraph ingest` first)")
            uri = f"file:{self.path.resolve()}?mode=ro"
            self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        else:
            self.conn = sqlite3.connect(self.path, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA busy_timeout = 10000")
        # The copy and story indexes look up random keys: a page cache of this size (KiB) keeps
        # their cost per article flat as the file grows, at a constant memory cost.
        self.conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
        if not readonly:
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        elif self.schema_version() > latest_version():
            raise StoreError(f"{self.path}: schema version {self.schema_version()} is newer than this Newsgraph")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema and provenance -------------------------------------------------

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        current = self.schema_version()
        if current > latest_version():
            raise StoreError(f"{self.path}: schema version {current} is newer than this Newsgraph")
        for version in range(current + 1, latest_version() + 1):
            try:
                with self.conn:
                    self.conn.executescript("BEGIN;" + MIGRATIONS[version - 1] + f"; PRAGMA user_version = {version};")
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"{self.path}: cannot migrate to schema {version}: {exc}") from exc

    def set_meta(self, key: str, value: Any) -> None:
        with self.conn:
            self.conn.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, _json(value)),
            )

    def get_meta(self, key: str) -> Any:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def start_run(self, command: str, config: dict[str, Any], versions: dict[str, str]) -> int:
        with self.conn:
            cur = self.conn.execute(
                "INSERT INTO runs(started, command, config, versions) VALUES (?, ?, ?, ?)",
                (_now(), command, _json(config), _json(versions)),
            )
        self.set_meta("config", config)
        self.set_meta("versions", versions)
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, counts: Counts) -> None:
        with self.conn:
            self.conn.execute(
                "UPDATE runs SET finished = ?, added = ?, updated = ?, unchanged = ?, failed = ? WHERE id = ?",
                (_now(), counts.added, counts.updated, counts.unchanged, counts.failed, run_id),
            )

    def record_failures(self, run_id: int, errors: Iterable[IngestError]) -> None:
        with self.conn:
            self.conn.executemany(
                "INSERT INTO failures(run_id, source, line, message) VALUES (?, ?, ?, ?)",
                [(run_id, e.source, e.line, e.message) for e in errors],
            )

    # -- writing ------------------------------------------------------------------

    def known_hashes(self, ids: Iterable[str]) -> dict[str, tuple[str, str]]:
        """``id -> (hash, pipeline)`` for the ids already stored."""
        out: dict[str, tuple[str, str]] = {}
        id_list = list(ids)
        for i in range(0, len(id_list), 500):
            chunk = id_list[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(f"SELECT id, hash, pipeline FROM articles WHERE id IN ({marks})", chunk):
                out[row["id"]] = (row["hash"], row["pipeline"])
        return out

    def write_batch(self, extractions: list[Extraction], pipeline: str) -> tuple[int, int]:
        """Insert or replace whole articles with everything extracted from them, atomically.

        Returns (added, updated).
        """
        added = updated = 0
        with self.conn:
            for ex in extractions:
                if self._write_article(ex, pipeline):
                    updated += 1
                else:
                    added += 1
        return added, updated

    def _write_article(self, ex: Extraction, pipeline: str) -> bool:
        a = ex.article
        now = _now()
        existing = self.conn.execute("SELECT rowid FROM articles WHERE id = ?", (a.id,)).fetchone()
        values = {
            "id": a.id,
            "source": a.source,
            "url": a.url,
            "title": a.title,
            "subtitle": a.subtitle,
            "outlet": a.outlet,
            "byline": a.byline,
            "dateline": a.dateline,
            "published": a.published,
            "text": a.text,
            "raw": a.raw,
            "raw_kind": a.raw_kind,
            "removed": _json(a.removed),
            "date_mentions": _json([vars(d) for d in a.date_mentions]),
            "offsets": _json(a.offsets.segments),
            "hash": a.hash,
            "pipeline": pipeline,
            "updated_at": now,
        }
        if existing:
            sets = ", ".join(f"{k} = :{k}" for k in values if k != "id")
            self.conn.execute(f"UPDATE articles SET {sets} WHERE id = :id", values)
            for table in ("mentions", "quotes", "events"):
                self.conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (a.id,))
        else:
            values["ingested_at"] = now
            cols = ", ".join(values)
            self.conn.execute(f"INSERT INTO articles({cols}) VALUES ({', '.join(':' + k for k in values)})", values)
        if ex.dedup_signature:
            self.conn.execute(
                "INSERT OR REPLACE INTO sketches(article_id, seq, published, dedup, story, linked) "
                "VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM sketches), ?, ?, ?, 0)",
                (a.id, a.published, ex.dedup_signature, ex.story_features),
            )
        self._write_actors(ex.mentions)
        to_raw = a.offsets.to_raw
        self.conn.executemany(
            'INSERT INTO mentions(article_id, actor_id, text, start, "end", raw_start, raw_end, '
            "sentence_start, sentence_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (a.id, m.actor_id, m.text, m.start, m.end, to_raw(m.start), to_raw(m.end),
                 m.sentence_start, m.sentence_end)
                for m in ex.mentions
            ],
        )
        self.conn.executemany(
            "INSERT INTO quotes(article_id, text, type, cue, speaker_text, speaker, speaker_id, speaker_country, "
            'start, "end", raw_start, raw_end, sentence_start, sentence_end) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (a.id, q.text, q.type, q.cue, q.speaker_text, q.speaker, self._known_actor(q.speaker_id),
                 q.speaker_country, q.start, q.end, to_raw(q.start), to_raw(q.end), q.sentence_start,
                 q.sentence_end)
                for q in ex.quotes
            ],
        )
        for e in ex.events:
            cur = self.conn.execute(
                "INSERT INTO events(article_id, event_type, source, target, source_actor_ids, target_actor_ids, "
                "mode, context, modality, date, location, intensity, cameo_root, goldstein, trigger, "
                "evidence_start, evidence_end, raw_start, raw_end) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (a.id, e.event_type, _json(e.source), _json(e.target), _json(e.source_actor_ids),
                 _json(e.target_actor_ids), e.mode, _json(e.context), e.modality, e.date, e.location,
                 e.intensity, e.cameo_root, e.goldstein, e.trigger, e.evidence_start, e.evidence_end,
                 to_raw(e.evidence_start), to_raw(e.evidence_end)),
            )
            self.conn.executemany(
                "INSERT INTO event_dyads(event_id, source, target) VALUES (?, ?, ?)",
                [(cur.lastrowid, s, t) for s in (e.source or [""]) for t in (e.target or [""])],
            )
        return existing is not None

    def _write_actors(self, mentions: list[Mention]) -> None:
        self.conn.executemany(
            "INSERT INTO actors(id, name, kind, country, sector) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET name = CASE WHEN length(excluded.name) > length(actors.name) "
            "THEN excluded.name ELSE actors.name END, country = COALESCE(actors.country, excluded.country), "
            "sector = COALESCE(actors.sector, excluded.sector)",
            [(m.actor_id, m.name, m.kind, m.country, m.sector) for m in mentions],
        )

    def _known_actor(self, actor_id: str | None) -> str | None:
        if actor_id is None:
            return None
        row = self.conn.execute("SELECT 1 FROM actors WHERE id = ?", (actor_id,)).fetchone()
        return actor_id if row else None

    # -- reading --------------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(sql, params)]

    def iter_rows(self, sql: str, params: Iterable[Any] = ()) -> Iterator[dict[str, Any]]:
        for row in self.conn.execute(sql, tuple(params)):
            yield dict(row)

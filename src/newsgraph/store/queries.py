"""Typed read queries over the store: what the CLI prints and the web app serves.

Every filter is a bound parameter; user text never becomes SQL. Lists sort on indexed
columns (``published DESC`` puts undated rows last, as SQLite sorts NULL lowest) and
fetch a page of ids before their details, so a page costs the same on a big corpus.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from typing import Any

from newsgraph.store.db import Store

ARTICLE_LIST_COLUMNS = "id, title, outlet, published, dateline, source"
# An event's day: its own date, else its article's publication date.
EVENT_DAY = "COALESCE(e.date, a.published)"
# Control characters around matched words in search snippets: they cannot be confused with text.
MARK_START, MARK_END = "\x02", "\x03"


def fts_query(text: str) -> str:
    """Turn free user text into a safe FTS5 query: every word quoted, implicit AND."""
    words = re.findall(r"\w+", text, flags=re.UNICODE)
    return " ".join(f'"{w}"' for w in words[:32])


def until_bound(until: str) -> str:
    """An inclusive upper bound for a partial date: ``2019`` keeps all of 2019 (``~`` sorts after digits)."""
    return until + "~"


def has_table(store: Store, name: str) -> bool:
    """Whether an optional table (copies, stories) exists in this database."""
    return store.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def search(store: Store, text: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """Full-text search over titles and bodies, best match first, with a highlighted snippet."""
    q = fts_query(text)
    if not q:
        return []
    return store.query(
        "SELECT a.id, a.title, a.outlet, a.published, "
        "snippet(articles_fts, 1, '[', ']', ' … ', 12) AS snippet "
        "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
        "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
        (q, limit, offset),
    )


def walk_threshold(store: Store, table: str, want: int) -> int:
    """How many rows of ``table`` a filter must match for a newest-first walk that tests each row to
    fill ``want`` rows sooner than collecting every match and sorting them: sqrt(want × rows)."""
    total = store.conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0
    return math.isqrt(want * total) + 1


def dense_filter(store: Store, rows_sql: str, params: Sequence[Any], table: str, want: int) -> bool:
    """Whether the filter ``rows_sql`` (selecting its rows) is worth walking; counting stops at the threshold."""
    threshold = walk_threshold(store, table, want)
    return count_rows(store, f"SELECT count(*) FROM (SELECT 1 FROM ({rows_sql}) LIMIT {threshold})", params) >= threshold


def count_rows(store: Store, sql: str, params: Sequence[Any]) -> int:
    return int(store.conn.execute(sql, params).fetchone()[0])


def list_articles(
    store: Store, limit: int = 50, offset: int = 0, outlet: str | None = None, since: str | None = None,
    until: str | None = None,
) -> list[dict[str, Any]]:
    clauses, params = [], []
    for clause, value in (("outlet = ?", outlet), ("published >= ?", since), ("published <= ?", until and until_bound(until))):
        if value:
            clauses.append(clause)
            params.append(value)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    return store.query(
        f"SELECT {ARTICLE_LIST_COLUMNS} FROM articles {where} ORDER BY published DESC, id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )


def get_article(store: Store, article_id: str) -> dict[str, Any] | None:
    rows = store.query("SELECT * FROM articles WHERE id = ?", (article_id,))
    if not rows:
        return None
    art = rows[0]
    for key in ("removed", "date_mentions", "offsets"):
        art[key] = json.loads(art[key])
    art["quotes"] = store.query('SELECT * FROM quotes WHERE article_id = ? ORDER BY start', (article_id,))
    art["mentions"] = store.query(
        "SELECT m.*, a.name, a.kind, a.country FROM mentions m JOIN actors a ON a.id = m.actor_id "
        "WHERE m.article_id = ? ORDER BY m.start",
        (article_id,),
    )
    art["events"] = [decode_event(e) for e in store.query(
        "SELECT * FROM events WHERE article_id = ? ORDER BY evidence_start", (article_id,))]
    return art


def decode_event(row: dict[str, Any]) -> dict[str, Any]:
    """An events row with its JSON list columns decoded."""
    for key in ("source", "target", "source_actor_ids", "target_actor_ids", "context"):
        if key in row:
            row[key] = json.loads(row[key])
    return row


def stats(store: Store) -> dict[str, Any]:
    one = lambda sql: store.conn.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "articles": one("SELECT count(*) FROM articles"),
        # Counting each copy group once: what an analyst means by "how many distinct reports".
        "articles_without_copies": one("SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM "
                                       "copy_groups g WHERE g.article_id = a.id AND g.canonical_id != a.id)"),
        "dated": one("SELECT count(*) FROM articles WHERE published IS NOT NULL"),
        "outlets": one("SELECT count(DISTINCT outlet) FROM articles WHERE outlet IS NOT NULL"),
        "actors": one("SELECT count(*) FROM actors"),
        "mentions": one("SELECT count(*) FROM mentions"),
        "quotes": one("SELECT count(*) FROM quotes"),
        "events": one("SELECT count(*) FROM events"),
        "failures": one("SELECT count(*) FROM failures"),
        "first_published": one("SELECT min(published) FROM articles"),
        "last_published": one("SELECT max(published) FROM articles"),
        "schema_version": store.schema_version(),
    }


def timeline(store: Store, by: str = "month") -> list[dict[str, Any]]:
    """Articles and events per period; grouped per day on the date indexes, then rolled up here."""
    width = _period_width(by)
    periods: dict[str, dict[str, Any]] = {}

    def add(rows: list[tuple[str, int]], key: str) -> None:
        for day, n in rows:
            row = periods.setdefault(day[:width], {"period": day[:width], "articles": 0, "events": 0})
            row[key] += n

    conn = store.conn
    add(conn.execute("SELECT published, count(*) FROM articles WHERE published IS NOT NULL GROUP BY published")
        .fetchall(), "articles")
    add(conn.execute("SELECT date, count(*) FROM events WHERE date IS NOT NULL GROUP BY date").fetchall(), "events")
    add(conn.execute("SELECT a.published, count(*) FROM events e JOIN articles a ON a.id = e.article_id "
                     "WHERE e.date IS NULL AND a.published IS NOT NULL GROUP BY a.published").fetchall(), "events")
    return [periods[k] for k in sorted(periods)]


def top_actors(store: Store, limit: int = 10, kind: str | None = None) -> list[dict[str, Any]]:
    """Most mentioned actors, counted in one GROUP BY over the mentions index."""
    where = "WHERE ac.kind = ?" if kind else ""
    return store.query(
        "SELECT ac.id, ac.name, ac.kind, ac.country, m.n AS mentions FROM "
        "(SELECT actor_id, count(*) AS n FROM mentions GROUP BY actor_id) m JOIN actors ac ON ac.id = m.actor_id "
        f"{where} ORDER BY m.n DESC, ac.name LIMIT ?",
        [*([kind] if kind else []), limit],
    )


def top_speakers(store: Store, limit: int = 10) -> list[dict[str, Any]]:
    """Most quoted speakers: resolved actors by id, unresolved ones by the name written.

    Two GROUP BYs that each follow the speaker index, merged here.
    """
    resolved = store.query(
        "SELECT q.speaker_id, ac.name AS speaker, q.n AS quotes FROM (SELECT speaker_id, count(*) AS n FROM quotes "
        "WHERE speaker_id IS NOT NULL GROUP BY speaker_id ORDER BY n DESC LIMIT ?) q "
        "JOIN actors ac ON ac.id = q.speaker_id",
        (limit,),
    )
    unresolved = store.query(
        "SELECT NULL AS speaker_id, speaker, count(*) AS quotes FROM quotes WHERE speaker_id IS NULL "
        "AND speaker IS NOT NULL GROUP BY speaker ORDER BY quotes DESC LIMIT ?",
        (limit,),
    )
    return sorted(resolved + unresolved, key=lambda r: (-r["quotes"], r["speaker"] or ""))[:limit]


def top_values(store: Store, table: str, column: str, limit: int = 50) -> list[dict[str, Any]]:
    """``value, n`` of an indexed column (outlets, event types, quote types) for filter menus."""
    allowed = {("articles", "outlet"), ("events", "event_type"), ("quotes", "type")}
    if (table, column) not in allowed:
        raise ValueError(f"no value list for {table}.{column}")
    return store.query(
        f"SELECT {column} AS value, count(*) AS n FROM {table} WHERE {column} IS NOT NULL "
        f"GROUP BY {column} ORDER BY n DESC, value LIMIT ?",
        (limit,),
    )


def list_actors(
    store: Store, limit: int = 50, kind: str | None = None, offset: int = 0, name: str | None = None
) -> list[dict[str, Any]]:
    """Actors with mention and quote counts, most mentioned first; ``name`` matches part of the name."""
    clauses, params = [], []
    if kind:
        clauses.append("a.kind = ?")
        params.append(kind)
    if name:
        clauses.append("lower(a.name) LIKE '%' || lower(?) || '%'")
        params.append(name)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    return store.query(
        "SELECT a.id, a.name, a.kind, a.country, a.sector, COALESCE(m.n, 0) AS mentions, COALESCE(q.n, 0) AS quotes "
        "FROM actors a LEFT JOIN (SELECT actor_id, count(*) AS n FROM mentions GROUP BY actor_id) m "
        "ON m.actor_id = a.id LEFT JOIN (SELECT speaker_id, count(*) AS n FROM quotes "
        "WHERE speaker_id IS NOT NULL GROUP BY speaker_id) q ON q.speaker_id = a.id "
        f"{where} ORDER BY mentions DESC, a.name LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )


def find_actor(store: Store, name_or_id: str) -> dict[str, Any] | None:
    """An actor by id, exact name, or the best partial name match (most mentioned)."""
    rows = store.query("SELECT * FROM actors WHERE id = ? OR lower(name) = lower(?)", (name_or_id, name_or_id))
    if not rows:
        rows = store.query(
            "SELECT a.* FROM actors a WHERE lower(a.name) LIKE '%' || lower(?) || '%' "
            "ORDER BY (SELECT count(*) FROM mentions m WHERE m.actor_id = a.id) DESC LIMIT 1",
            (name_or_id,),
        )
    if not rows:
        return None
    actor = rows[0]
    actor["aliases"] = json.loads(actor["aliases"])
    actor["surface_forms"] = store.query(
        "SELECT text, count(*) AS n FROM mentions WHERE actor_id = ? GROUP BY text ORDER BY n DESC LIMIT 100",
        (actor["id"],),
    )
    actor["mentions"] = store.query(
        "SELECT article_id, text, start, \"end\", sentence_start, sentence_end FROM mentions "
        "WHERE actor_id = ? ORDER BY article_id, start LIMIT 200",
        (actor["id"],),
    )
    actor["quotes"] = quotes(store, speaker_id=actor["id"], limit=200)
    return actor


def quotes(
    store: Store, speaker: str | None = None, speaker_id: str | None = None, about: str | None = None,
    since: str | None = None, until: str | None = None, type_: str | None = None, outlet: str | None = None,
    limit: int = 100, offset: int = 0, article_ids: Sequence[str] | None = None, without_copies: bool = False,
) -> list[dict[str, Any]]:
    """Quotes with their article, newest first, filtered. ``about`` is an actor id, name or country
    code mentioned in the quote's sentence other than the speaker; ``without_copies`` counts a
    statement repeated by copies of one article once (from the canonical article)."""
    clauses, params = [], []
    if without_copies:
        clauses.append("NOT EXISTS (SELECT 1 FROM copy_groups g WHERE g.article_id = q.article_id "
                       "AND g.canonical_id != q.article_id)")
    walk = False
    if speaker:
        clauses.append("(lower(q.speaker) LIKE '%' || lower(?) || '%' OR q.speaker_id IN "
                       "(SELECT id FROM actors WHERE lower(name) LIKE '%' || lower(?) || '%'))")
        params += [speaker, speaker]
    if speaker_id:
        clauses.append("q.speaker_id = ?")
        params.append(speaker_id)
    if about:
        actors = "SELECT id FROM actors WHERE id = ? OR upper(country) = upper(?) OR lower(name) = lower(?)"
        mentioned = f"SELECT id FROM mentions WHERE actor_id IN ({actors})"
        walk = dense_filter(store, mentioned, [about] * 3, "mentions", offset + limit)
        in_sentence = ("m.start >= {q}.sentence_start AND m.\"end\" <= max({q}.sentence_end, {q}.\"end\") "
                       "AND m.actor_id IS NOT COALESCE({q}.speaker_id, '') AND m.actor_id IN ({actors})")
        if walk:  # an actor in many articles: test the quotes of the newest articles
            clauses.append("EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = q.article_id AND "
                           + in_sentence.format(q="q", actors=actors) + ")")
        else:  # a rare one: start from its mentions (indexed)
            clauses.append("q.id IN (SELECT q2.id FROM mentions m JOIN quotes q2 ON q2.article_id = m.article_id "
                           "WHERE " + in_sentence.format(q="q2", actors=actors) + ")")
        params += [about] * 3
    for clause, value in (("a.published >= ?", since), ("a.published <= ?", until and until_bound(until)),
                          ("q.type = ?", type_), ("a.outlet = ?", outlet)):
        if value:
            clauses.append(clause)
            params.append(value)
    if article_ids is not None:
        clauses.append(f"q.article_id IN ({','.join('?' * len(article_ids)) or 'NULL'})")
        params += article_ids
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    return store.query(
        f"WITH page AS (SELECT q.id FROM articles a {'CROSS JOIN' if walk else 'JOIN'} quotes q "
        f"ON a.id = q.article_id {where} ORDER BY a.published DESC, a.id, q.start LIMIT ? OFFSET ?) "
        "SELECT q.id, q.article_id, q.text, q.type, q.cue, q.speaker, q.speaker_text, q.speaker_id, "
        "q.speaker_country, q.start, q.\"end\", q.sentence_start, q.sentence_end, a.title, a.outlet, a.published "
        "FROM page JOIN quotes q ON q.id = page.id JOIN articles a ON a.id = q.article_id "
        "ORDER BY a.published DESC, a.id, q.start",
        [*params, limit, offset],
    )


PERIODS = {"day": 10, "month": 7, "year": 4}


def _period_width(by: str) -> int:
    width = PERIODS.get(by)
    if width is None:
        raise ValueError(f"--by must be one of {', '.join(PERIODS)}")
    return width


def relations(
    store: Store, source: str, target: str, by: str = "month", both_directions: bool = False
) -> list[dict[str, Any]]:
    """Events between two actors (country codes or actor ids) per period and type."""
    width = _period_width(by)
    pair = "(d.source = :s AND d.target = :t)"
    if both_directions:
        pair = f"({pair} OR (d.source = :t AND d.target = :s))"
    return store.query(
        f"SELECT substr({EVENT_DAY}, 1, {width}) AS period, d.source, d.target, "
        "e.event_type, count(DISTINCT e.id) AS events, round(avg(e.intensity), 2) AS mean_intensity "
        "FROM event_dyads d JOIN events e ON e.id = d.event_id JOIN articles a ON a.id = e.article_id "
        f"WHERE {pair} AND e.modality = 'asserted' GROUP BY period, d.source, d.target, e.event_type "
        "ORDER BY period IS NULL, period, e.event_type",
        {"s": source.upper(), "t": target.upper()},
    )


def network(store: Store, since: str | None = None, until: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """Actor network: directed edges weighted by asserted events, with mean intensity.

    Pairs come from each event's source and target lists, so a period goes through the
    events' date index alone; events without a date of their own use their article's date.
    """
    clauses, params = ["e.modality = 'asserted'", "s.value != ''", "t.value != ''", "s.value != t.value"], []
    if since or until:
        own = ["e.date >= ?" if since else "", "e.date <= ?" if until else ""]
        article = ["published >= ?" if since else "", "published <= ?" if until else ""]
        bounds = [v for v in (since, until and until_bound(until)) if v]
        clauses.append(
            f"(({' AND '.join(c for c in own if c)}) OR (e.date IS NULL AND e.article_id IN "
            f"(SELECT id FROM articles WHERE {' AND '.join(c for c in article if c)})))"
        )
        params += bounds * 2
    return store.query(
        "SELECT s.value AS source, t.value AS target, count(DISTINCT e.id) AS events, "
        "round(avg(e.intensity), 2) AS mean_intensity FROM events e, json_each(e.source) s, json_each(e.target) t "
        f"WHERE {' AND '.join(clauses)} GROUP BY s.value, t.value ORDER BY events DESC, source, target LIMIT ?",
        [*params, limit],
    )


def article_copies(store: Store, article_id: str) -> list[dict[str, Any]]:
    """Copies and rewrites of an article (the ``pairs`` table), most similar first; [] without it."""
    if not has_table(store, "pairs"):
        return []
    return store.query(
        "SELECT p.kind, p.similarity, o.id, o.title, o.outlet, o.published FROM "
        "(SELECT b AS other, kind, similarity FROM pairs WHERE a = :id "
        "UNION ALL SELECT a AS other, kind, similarity FROM pairs WHERE b = :id) p "
        "JOIN articles o ON o.id = p.other ORDER BY p.similarity DESC, o.published",
        {"id": article_id},
    )


def article_story_id(store: Store, article_id: str) -> Any:
    """The story an article belongs to, or None (also when stories are not computed)."""
    if not has_table(store, "article_story"):
        return None
    row = store.conn.execute("SELECT story_id FROM article_story WHERE article_id = ?", (article_id,)).fetchone()
    return row[0] if row else None


def has_stories(store: Store) -> bool:
    """Whether this database holds any story (older databases have no stories table)."""
    return has_table(store, "stories") and store.conn.execute("SELECT 1 FROM stories LIMIT 1").fetchone() is not None


def list_stories(store: Store, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """Stories, latest first, with their size and how many outlets carried them; [] when not computed."""
    if not has_table(store, "stories"):
        return []
    stories = store.query(
        'SELECT id, label, start, "end", size FROM stories ORDER BY "end" IS NULL, "end" DESC, size DESC, id '
        "LIMIT ? OFFSET ?",
        (limit, offset),
    )
    if stories:
        marks = ",".join("?" * len(stories))
        outlets = dict(store.conn.execute(
            "SELECT s.story_id, count(DISTINCT a.outlet) FROM article_story s JOIN articles a ON a.id = s.article_id "
            f"WHERE s.story_id IN ({marks}) GROUP BY s.story_id", [r["id"] for r in stories]).fetchall())
        for story in stories:
            story["outlets"] = outlets.get(story["id"], 0)
    return stories


def get_story(store: Store, story_id: str) -> dict[str, Any] | None:
    if not has_table(store, "stories"):
        return None
    rows = store.query('SELECT id, label, start, "end", size FROM stories WHERE id = ?', (story_id,))
    return rows[0] if rows else None


def story_articles(store: Store, story_id: str, limit: int = 500) -> list[dict[str, Any]]:
    """A story's articles in publication order (undated last), each with the original it copies, if any."""
    if not has_table(store, "article_story"):
        return []
    columns = ", ".join("a." + c.strip() for c in ARTICLE_LIST_COLUMNS.split(","))
    copies = has_table(store, "copy_groups")
    return store.query(
        f"SELECT {columns}, {'g.canonical_id' if copies else 'NULL AS canonical_id'} FROM article_story s "
        "JOIN articles a ON a.id = s.article_id "
        f"{'LEFT JOIN copy_groups g ON g.article_id = a.id' if copies else ''} WHERE s.story_id = ? "
        "ORDER BY a.published IS NULL, a.published, a.id LIMIT ?",
        (story_id, limit),
    )

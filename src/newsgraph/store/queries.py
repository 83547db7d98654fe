"""Typed read queries over the store: what the CLI prints and the web app serves.

Every filter is a bound parameter; user text never becomes SQL. Lists sort on indexed
columns (``published DESC`` puts undated rows last, as SQLite sorts NULL lowest) and
fetch a page of ids before their details, so a page costs the same on a big corpus.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True)
class ArticleFilters:
    """Filters of the article search; empty fields do not filter."""

    q: str | None = None
    outlet: str | None = None
    actor: str | None = None  # actor id mentioned in the article
    speaker: str | None = None  # actor id or display name of a quoted speaker
    event_type: str | None = None
    since: str | None = None
    until: str | None = None

    def where(self) -> tuple[str, str, list[Any]]:
        """``(from_clause, where_clause, params)`` selecting the matching articles as ``a``."""
        source = "articles a"
        clauses: list[str] = []
        params: list[Any] = []
        query = fts_query(self.q or "")
        if query:
            source = "articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            clauses.append("articles_fts MATCH ?")
            params.append(query)
        if self.outlet:
            clauses.append("a.outlet = ?")
            params.append(self.outlet)
        if self.actor:
            clauses.append("a.id IN (SELECT article_id FROM mentions WHERE actor_id = ?)")
            params.append(self.actor)
        if self.speaker:
            clauses.append("a.id IN (SELECT article_id FROM quotes WHERE speaker_id = ? OR speaker = ?)")
            params += [self.speaker, self.speaker]
        if self.event_type:
            clauses.append("a.id IN (SELECT article_id FROM events WHERE event_type = ?)")
            params.append(self.event_type)
        if self.since:
            clauses.append("a.published >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("a.published <= ?")
            params.append(until_bound(self.until))
        return source, ("WHERE " + " AND ".join(clauses)) if clauses else "", params

    @property
    def ranked(self) -> bool:
        return bool(fts_query(self.q or ""))


def search_articles(store: Store, filters: ArticleFilters, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Articles matching the filters: best match first for a text query, else newest first."""
    source, where, params = filters.where()
    if filters.ranked:
        columns, order = f"snippet(articles_fts, 1, char({ord(MARK_START)}), char({ord(MARK_END)}), ' … ', 14) AS snippet", "rank"
    else:
        columns, order = "substr(a.text, 1, 220) AS snippet", "a.published DESC, a.id"
    return store.query(
        f"SELECT a.id, a.title, a.outlet, a.published, a.dateline, {columns} FROM {source} {where} "
        f"ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )


def count_articles(store: Store, filters: ArticleFilters) -> int:
    source, where, params = filters.where()
    return int(store.conn.execute(f"SELECT count(*) FROM {source} {where}", params).fetchone()[0])


def article_facets(store: Store, filters: ArticleFilters, sample: int = 2000, top: int = 12) -> dict[str, Any]:
    """Value counts of outlet, actor, speaker, event type and year over (the first ``sample``) matches."""
    source, where, params = filters.where()
    hits = f"hits AS (SELECT a.id, a.outlet, a.published FROM {source} {where} LIMIT {int(sample)})"

    def facet(select: str) -> list[dict[str, Any]]:
        return store.query(f"WITH {hits} {select} ORDER BY n DESC, value LIMIT {int(top)}", params)

    return {
        "outlet": facet("SELECT outlet AS value, outlet AS label, count(*) AS n FROM hits "
                        "WHERE outlet IS NOT NULL GROUP BY outlet"),
        "actor": facet("SELECT m.actor_id AS value, max(ac.name) AS label, count(DISTINCT m.article_id) AS n "
                       "FROM hits JOIN mentions m ON m.article_id = hits.id JOIN actors ac ON ac.id = m.actor_id "
                       "GROUP BY m.actor_id"),
        "speaker": facet("SELECT COALESCE(q.speaker_id, q.speaker) AS value, max(q.speaker) AS label, "
                         "count(DISTINCT q.article_id) AS n FROM hits JOIN quotes q ON q.article_id = hits.id "
                         "WHERE q.speaker IS NOT NULL GROUP BY value"),
        "event_type": facet("SELECT e.event_type AS value, e.event_type AS label, count(DISTINCT e.article_id) AS n "
                            "FROM hits JOIN events e ON e.article_id = hits.id GROUP BY e.event_type"),
        "year": store.query(f"WITH {hits} SELECT substr(published, 1, 4) AS value, substr(published, 1, 4) AS label, "
                            "count(*) AS n FROM hits WHERE published IS NOT NULL GROUP BY value ORDER BY value", params),
    }


def list_articles(
    store: Store, limit: int = 50, offset: int = 0, outlet: str | None = None, since: str | None = None,
    until: str | None = None,
) -> list[dict[str, Any]]:
    _, where, params = ArticleFilters(outlet=outlet, since=since, until=until).where()
    return store.query(
        f"SELECT {ARTICLE_LIST_COLUMNS} FROM articles a {where} ORDER BY published DESC, id LIMIT ? OFFSET ?",
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
    art["events"] = [_event(e) for e in store.query(
        "SELECT * FROM events WHERE article_id = ? ORDER BY evidence_start", (article_id,))]
    return art


def _event(row: dict[str, Any]) -> dict[str, Any]:
    for key in ("source", "target", "source_actor_ids", "target_actor_ids", "context"):
        if key in row:
            row[key] = json.loads(row[key])
    return row


def stats(store: Store) -> dict[str, Any]:
    one = lambda sql: store.conn.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "articles": one("SELECT count(*) FROM articles"),
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
    limit: int = 100, offset: int = 0, article_ids: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """Quotes with their article, newest first, filtered. ``about`` is an actor id, name or country
    code mentioned in the quote's sentence other than the speaker."""
    clauses, params = [], []
    if speaker:
        clauses.append("(lower(q.speaker) LIKE '%' || lower(?) || '%' OR q.speaker_id IN "
                       "(SELECT id FROM actors WHERE lower(name) LIKE '%' || lower(?) || '%'))")
        params += [speaker, speaker]
    if speaker_id:
        clauses.append("q.speaker_id = ?")
        params.append(speaker_id)
    if about:
        # Start from the mentions of the matching actors (indexed), not from every quote.
        clauses.append(
            "q.id IN (SELECT q2.id FROM mentions m JOIN quotes q2 ON q2.article_id = m.article_id "
            "AND m.start >= q2.sentence_start AND m.\"end\" <= max(q2.sentence_end, q2.\"end\") "
            "AND m.actor_id IS NOT COALESCE(q2.speaker_id, '') WHERE m.actor_id IN "
            "(SELECT id FROM actors WHERE id = ? OR upper(country) = upper(?) OR lower(name) = lower(?)))"
        )
        params += [about, about, about]
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
        "WITH page AS (SELECT q.id, a.published FROM articles a JOIN quotes q ON a.id = q.article_id "
        f"{where} ORDER BY a.published DESC, a.id, q.start LIMIT ? OFFSET ?) "
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

    Date bounds go through the events' date index; events without a date of their own
    fall back to their article's date.
    """
    clauses, params = ["e.modality = 'asserted'", "d.source != ''", "d.target != ''", "d.source != d.target"], []
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
        "SELECT d.source, d.target, count(DISTINCT e.id) AS events, round(avg(e.intensity), 2) AS mean_intensity "
        "FROM events e JOIN event_dyads d ON d.event_id = e.id "
        f"WHERE {' AND '.join(clauses)} GROUP BY d.source, d.target ORDER BY events DESC LIMIT ?",
        [*params, limit],
    )


def actor_codes(actor: dict[str, Any]) -> list[str]:
    """The event codes that stand for an actor in dyads: a country's or an IGO's own code."""
    if actor.get("kind") not in ("country", "igo"):
        return []
    return sorted({c for c in (actor["id"].split(":", 1)[-1].upper(), (actor.get("country") or "").upper()) if c})


def _actor_event_ids(actor: dict[str, Any], role: str | None) -> tuple[str, list[Any]]:
    """A subquery of the ids of events whose source (or target, or either) is the actor.

    Countries and IGOs are found by their code in the dyads index; named actors through
    the articles that mention them, then their event's actor ids.
    """
    sides = ("source", "target") if role is None else (role,)
    codes = actor_codes(actor)
    if codes:
        marks = ",".join("?" * len(codes))
        parts = [f"SELECT event_id FROM event_dyads WHERE {side} IN ({marks})" for side in sides]
        return " UNION ".join(parts), codes * len(sides)
    test = " OR ".join(f"EXISTS (SELECT 1 FROM json_each(e2.{side}_actor_ids) WHERE value = ?)" for side in sides)
    return (f"SELECT e2.id FROM mentions m JOIN events e2 ON e2.article_id = m.article_id "
            f"WHERE m.actor_id = ? AND ({test})"), [actor["id"]] + [actor["id"]] * len(sides)


def list_events(
    store: Store, source: str | None = None, target: str | None = None, both_directions: bool = False,
    actor: dict[str, Any] | None = None, role: str | None = None, event_type: str | None = None,
    article_ids: Sequence[str] | None = None, since: str | None = None, until: str | None = None,
    limit: int = 50, offset: int = 0,
) -> list[dict[str, Any]]:
    """Events with their evidence sentence and article, newest article first (like quotes and mentions).

    ``source``/``target`` are dyad codes; ``actor`` is a row of ``actors``, with ``role``
    ``source``, ``target`` or None for either. Dates filter on the event's day.
    """
    clauses, params = [], []
    if source or target:
        pair = " AND ".join(c for c in ("source = ?" if source else "", "target = ?" if target else "") if c)
        values = [v.upper() for v in (source, target) if v]
        if both_directions and source and target:
            pair = f"({pair}) OR (source = ? AND target = ?)"
            values += values[::-1]
        clauses.append(f"e.id IN (SELECT event_id FROM event_dyads WHERE {pair})")
        params += values
    if actor:
        sql, values = _actor_event_ids(actor, role)
        clauses.append(f"e.id IN ({sql})")
        params += values
    for clause, value in (("e.event_type = ?", event_type), (f"{EVENT_DAY} >= ?", since),
                          (f"{EVENT_DAY} <= ?", until and until_bound(until))):
        if value:
            clauses.append(clause)
            params.append(value)
    if article_ids is not None:
        clauses.append(f"e.article_id IN ({','.join('?' * len(article_ids)) or 'NULL'})")
        params += article_ids
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = store.query(
        "WITH page AS (SELECT e.id FROM articles a JOIN events e ON e.article_id = a.id "
        f"{where} ORDER BY a.published DESC, a.id, e.evidence_start, e.id LIMIT ? OFFSET ?) "
        "SELECT e.id, e.article_id, e.event_type, e.mode, e.modality, e.source, e.target, e.source_actor_ids, "
        f"e.target_actor_ids, {EVENT_DAY} AS day, e.intensity, e.location, e.trigger, e.evidence_start, "
        "e.evidence_end, substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start) AS evidence, "
        "a.title, a.outlet, a.published FROM page JOIN events e ON e.id = page.id "
        "JOIN articles a ON a.id = e.article_id ORDER BY a.published DESC, a.id, e.evidence_start, e.id",
        [*params, limit, offset],
    )
    return [_event(r) for r in rows]


def actor_mentions(store: Store, actor_id: str, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Where an actor is mentioned, newest article first, with the sentence around each mention."""
    return store.query(
        "WITH page AS (SELECT m.id FROM articles a JOIN mentions m ON m.article_id = a.id WHERE m.actor_id = ? "
        "ORDER BY a.published DESC, a.id, m.start LIMIT ? OFFSET ?) "
        "SELECT m.id, m.article_id, m.text, m.start, m.\"end\", m.sentence_start, m.sentence_end, "
        "substr(a.text, m.sentence_start + 1, m.sentence_end - m.sentence_start) AS sentence, "
        "a.title, a.outlet, a.published FROM page JOIN mentions m ON m.id = page.id "
        "JOIN articles a ON a.id = m.article_id ORDER BY a.published DESC, a.id, m.start",
        (actor_id, limit, offset),
    )


def actor_relations(store: Store, actor: dict[str, Any], limit: int = 50) -> list[dict[str, Any]]:
    """The actor's counterparts in asserted events: codes it acted on (``to``) and that acted on it (``from``)."""
    out: list[dict[str, Any]] = []
    for role, other, direction in (("source", "target", "to"), ("target", "source", "from")):
        sql, params = _actor_event_ids(actor, role)
        out += store.query(
            f"SELECT '{direction}' AS direction, j.value AS counterpart, count(DISTINCT e.id) AS events, "
            f"round(avg(e.intensity), 2) AS mean_intensity FROM events e, json_each(e.{other}) j "
            f"WHERE e.id IN ({sql}) AND e.modality = 'asserted' GROUP BY j.value ORDER BY events DESC LIMIT ?",
            [*params, limit],
        )
    return sorted(out, key=lambda r: -r["events"])


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

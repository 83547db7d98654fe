"""Typed read queries over the store: what the CLI prints and the web app serves.

Every filter is a bound parameter; user text never becomes SQL.
"""

from __future__ import annotations

import json
import re
from typing import Any

from newsgraph.store.db import Store

ARTICLE_LIST_COLUMNS = "id, title, outlet, published, dateline, source"


def fts_query(text: str) -> str:
    """Turn free user text into a safe FTS5 query: every word quoted, implicit AND."""
    words = re.findall(r"\w+", text, flags=re.UNICODE)
    return " ".join(f'"{w}"' for w in words[:32])


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


def list_articles(
    store: Store, limit: int = 50, offset: int = 0, outlet: str | None = None, since: str | None = None,
    until: str | None = None,
) -> list[dict[str, Any]]:
    where, params = _article_filters(outlet, since, until)
    return store.query(
        f"SELECT {ARTICLE_LIST_COLUMNS} FROM articles {where} "
        "ORDER BY published IS NULL, published DESC, id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )


def _article_filters(outlet: str | None, since: str | None, until: str | None) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if outlet:
        clauses.append("outlet = ?")
        params.append(outlet)
    if since:
        clauses.append("published >= ?")
        params.append(since)
    if until:
        clauses.append("published <= ?")
        params.append(until)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


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


def list_actors(store: Store, limit: int = 50, kind: str | None = None) -> list[dict[str, Any]]:
    where = "WHERE a.kind = ?" if kind else ""
    params: list[Any] = [kind] if kind else []
    return store.query(
        "SELECT a.id, a.name, a.kind, a.country, a.sector, "
        "(SELECT count(*) FROM mentions m WHERE m.actor_id = a.id) AS mentions, "
        "(SELECT count(*) FROM quotes q WHERE q.speaker_id = a.id) AS quotes "
        f"FROM actors a {where} ORDER BY mentions DESC, a.name LIMIT ?",
        [*params, limit],
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
        "SELECT text, count(*) AS n FROM mentions WHERE actor_id = ? GROUP BY text ORDER BY n DESC",
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
    limit: int = 100, offset: int = 0,
) -> list[dict[str, Any]]:
    """Quotes with their article, filtered; ``about`` is an actor id, name or country code
    mentioned inside the quote's sentence."""
    clauses, params = [], []
    if speaker:
        clauses.append("(lower(q.speaker) LIKE '%' || lower(?) || '%' OR q.speaker_id IN "
                       "(SELECT id FROM actors WHERE lower(name) LIKE '%' || lower(?) || '%'))")
        params += [speaker, speaker]
    if speaker_id:
        clauses.append("q.speaker_id = ?")
        params.append(speaker_id)
    if about:
        clauses.append(
            "EXISTS (SELECT 1 FROM mentions m JOIN actors ac ON ac.id = m.actor_id WHERE m.article_id = q.article_id "
            "AND m.start >= q.sentence_start AND m.\"end\" <= max(q.sentence_end, q.\"end\") "
            "AND (ac.id = ? OR upper(ac.country) = upper(?) OR lower(ac.name) = lower(?)))"
        )
        params += [about, about, about]
    if since:
        clauses.append("a.published >= ?")
        params.append(since)
    if until:
        clauses.append("a.published <= ?")
        params.append(until)
    if type_:
        clauses.append("q.type = ?")
        params.append(type_)
    if outlet:
        clauses.append("a.outlet = ?")
        params.append(outlet)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    return store.query(
        "SELECT q.id, q.article_id, q.text, q.type, q.cue, q.speaker, q.speaker_text, q.speaker_id, "
        "q.speaker_country, q.start, q.\"end\", q.sentence_start, q.sentence_end, a.title, a.outlet, a.published "
        f"FROM quotes q JOIN articles a ON a.id = q.article_id {where} "
        "ORDER BY a.published IS NULL, a.published DESC, q.article_id, q.start LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )


PERIODS = {"day": 10, "month": 7, "year": 4}


def relations(
    store: Store, source: str, target: str, by: str = "month", both_directions: bool = False
) -> list[dict[str, Any]]:
    """Events between two actors (country codes or actor ids) per period and type."""
    width = PERIODS.get(by)
    if width is None:
        raise ValueError(f"--by must be one of {', '.join(PERIODS)}")
    pair = "(d.source = :s AND d.target = :t)"
    if both_directions:
        pair = f"({pair} OR (d.source = :t AND d.target = :s))"
    return store.query(
        f"SELECT substr(COALESCE(e.date, a.published), 1, {width}) AS period, d.source, d.target, "
        "e.event_type, count(DISTINCT e.id) AS events, round(avg(e.intensity), 2) AS mean_intensity "
        "FROM event_dyads d JOIN events e ON e.id = d.event_id JOIN articles a ON a.id = e.article_id "
        f"WHERE {pair} AND e.modality = 'asserted' GROUP BY period, d.source, d.target, e.event_type "
        "ORDER BY period IS NULL, period, e.event_type",
        {"s": source.upper(), "t": target.upper()},
    )


def network(store: Store, since: str | None = None, until: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """Actor network: directed edges weighted by asserted events, with mean intensity."""
    clauses, params = ["e.modality = 'asserted'", "d.source != ''", "d.target != ''", "d.source != d.target"], []
    if since:
        clauses.append("COALESCE(e.date, a.published) >= ?")
        params.append(since)
    if until:
        clauses.append("COALESCE(e.date, a.published) <= ?")
        params.append(until)
    return store.query(
        "SELECT d.source, d.target, count(DISTINCT e.id) AS events, round(avg(e.intensity), 2) AS mean_intensity "
        "FROM event_dyads d JOIN events e ON e.id = d.event_id JOIN articles a ON a.id = e.article_id "
        f"WHERE {' AND '.join(clauses)} GROUP BY d.source, d.target ORDER BY events DESC LIMIT ?",
        [*params, limit],
    )

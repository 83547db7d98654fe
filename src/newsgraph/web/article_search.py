"""The article search behind the Articles page: full text plus facets (outlet, actor, speaker,
event type, year), every filter a bound parameter.

A filter on what articles contain (an actor, a speaker, an event type) is either tested on
each article while walking them newest first (a frequent filter fills a page at once) or
used to collect the matching ids first (a rare one), whichever is cheaper.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from newsgraph.store.db import Store
from newsgraph.store.queries import MARK_END, MARK_START, count_rows, dense_filter, fts_query, until_bound


@dataclass(frozen=True)
class ArticleFilters:
    """Filters of the article search; empty fields do not filter."""

    q: str | None = None
    outlet: str | None = None
    actor: str | None = None  # actor id mentioned in the article
    speaker_id: str | None = None  # actor id of a quoted speaker
    speaker: str | None = None  # a quoted speaker's name as stored (unresolved speakers have no id)
    event_type: str | None = None
    since: str | None = None
    until: str | None = None

    def _children(self) -> list[tuple[str, str, list[Any]]]:
        """``(table, test on x, params)`` for the filters on what an article contains."""
        out = []
        if self.actor:
            out.append(("mentions", "x.actor_id = ?", [self.actor]))
        if self.speaker_id:
            out.append(("quotes", "x.speaker_id = ?", [self.speaker_id]))
        if self.speaker:
            out.append(("quotes", "x.speaker = ?", [self.speaker]))
        if self.event_type:
            out.append(("events", "x.event_type = ?", [self.event_type]))
        return out

    def where(self, walk: bool = False) -> tuple[str, str, list[Any]]:
        """``(from_clause, where_clause, params)`` selecting the matching articles as ``a``.

        ``walk`` tests each article (EXISTS), for a newest-first scan that stops after a page;
        otherwise the ids matching each filter are collected first (IN), which suits rare filters.
        """
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
        for table, test, values in self._children():
            clauses.append(f"EXISTS (SELECT 1 FROM {table} x WHERE x.article_id = a.id AND {test})" if walk
                           else f"a.id IN (SELECT x.article_id FROM {table} x WHERE {test})")
            params += values
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

    def walk(self, store: Store, want: int) -> bool:
        """Whether to walk articles for ``want`` rows: no text query, and content filters that match often."""
        children = self._children()
        if self.ranked or not children:
            return False
        return all(dense_filter(store, f"SELECT 1 FROM {table} x WHERE {test}", values, "articles", want)
                   for table, test, values in children)


def search_articles(store: Store, filters: ArticleFilters, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Articles matching the filters: best match first for a text query, else newest first."""
    source, where, params = filters.where(walk=filters.walk(store, offset + limit))
    if filters.ranked:
        marks = f"char({ord(MARK_START)}), char({ord(MARK_END)})"
        columns, order = f"snippet(articles_fts, 1, {marks}, ' … ', 14) AS snippet", "rank"
    else:
        columns, order = "substr(a.text, 1, 220) AS snippet", "a.published DESC, a.id"
    return store.query(
        f"SELECT a.id, a.title, a.outlet, a.published, a.dateline, {columns} FROM {source} {where} "
        f"ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )


def count_articles(store: Store, filters: ArticleFilters, cap: int | None = None) -> int:
    """How many articles match, counting at most ``cap`` (a bound on the cost of a broad search)."""
    source, where, params = filters.where()
    limit = f"LIMIT {int(cap)}" if cap else ""
    return count_rows(store, f"SELECT count(*) FROM (SELECT 1 FROM {source} {where} {limit})", params)


def article_facets(store: Store, filters: ArticleFilters, sample: int = 2000, top: int = 12) -> dict[str, Any]:
    """Value counts of outlet, actor, speaker, event type and year over the first ``sample`` matches."""
    source, where, params = filters.where(walk=filters.walk(store, sample))
    ids = [r[0] for r in store.conn.execute(f"SELECT a.id FROM {source} {where} LIMIT {int(sample)}", params)]
    hits = "WITH hits(id) AS MATERIALIZED (SELECT value FROM json_each(?)) "

    def facet(select: str, order: str = "n DESC, value") -> list[dict[str, Any]]:
        return store.query(f"{hits} {select} ORDER BY {order} LIMIT {int(top)}", [json.dumps(ids)]) if ids else []

    return {
        "outlet": facet("SELECT a.outlet AS value, a.outlet AS label, count(*) AS n FROM hits "
                        "JOIN articles a ON a.id = hits.id WHERE a.outlet IS NOT NULL GROUP BY a.outlet"),
        "actor": facet("SELECT m.actor_id AS value, max(ac.name) AS label, count(DISTINCT m.article_id) AS n "
                       "FROM hits JOIN mentions m ON m.article_id = hits.id JOIN actors ac ON ac.id = m.actor_id "
                       "GROUP BY m.actor_id"),
        "speaker": facet("SELECT COALESCE(q.speaker_id, q.speaker) AS value, max(q.speaker) AS label, "
                         "CASE WHEN q.speaker_id IS NULL THEN 'speaker' ELSE 'speaker_id' END AS key, "
                         "count(DISTINCT q.article_id) AS n FROM hits JOIN quotes q ON q.article_id = hits.id "
                         "WHERE q.speaker IS NOT NULL GROUP BY value"),
        "event_type": facet("SELECT e.event_type AS value, e.event_type AS label, count(DISTINCT e.article_id) AS n "
                            "FROM hits JOIN events e ON e.article_id = hits.id GROUP BY e.event_type"),
        "year": facet("SELECT substr(a.published, 1, 4) AS value, substr(a.published, 1, 4) AS label, count(*) AS n "
                      "FROM hits JOIN articles a ON a.id = hits.id WHERE a.published IS NOT NULL GROUP BY value",
                      order="value"),
    }

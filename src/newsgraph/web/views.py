"""What each page shows, as plain data: the HTML pages render it, the API returns it as JSON.

Corpus-wide aggregates go through the snapshot cache; everything else is a page of an
indexed query, so a view costs about the same on a big database as on a small one.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from typing import Any

from newsgraph.store import queries as q
from newsgraph.store.db import Store
from newsgraph.web import article_search, event_lists
from newsgraph.web.access import SnapshotCache
from newsgraph.web.params import ArticleParams, EventParams, QuoteParams, RelationParams

FACET_SAMPLE = 1000
COUNT_CAP = 10_000  # beyond this a search says "10,000+": counting every match of a broad query is slow
STORY_MAX_ARTICLES = 500
RELATIONS_SCAN = 1000  # an actor's relations are counted over its latest events in each role
MAX_PERIODS = 400  # longer time axes are drawn with the periods that have data only
UNDATED = "undated"


def _next_period(period: str) -> str:
    if len(period) == 4:
        return f"{int(period) + 1:04d}"
    if len(period) == 7:
        year, month = int(period[:4]), int(period[5:7])
        return f"{year + month // 12:04d}-{month % 12 + 1:02d}"
    return (date.fromisoformat(period) + timedelta(days=1)).isoformat()


def continuous(rows: list[dict[str, Any]], empty: dict[str, Any]) -> list[dict[str, Any]] | None:
    """Rows keyed by ``period`` with the missing periods between the first and last filled
    with ``empty``, so a chart's time axis is linear; undated rows stay last. None when the
    span has more than ``MAX_PERIODS`` periods or a period is not a date."""
    dated = sorted((r for r in rows if r["period"] != UNDATED), key=lambda r: r["period"])
    if len(dated) < 2:
        return rows
    by_period = {r["period"]: r for r in dated}
    filled: list[dict[str, Any]] = []
    period = dated[0]["period"]
    try:
        while period <= dated[-1]["period"] and len(filled) <= MAX_PERIODS:
            filled.append(by_period.get(period) or {"period": period, **empty})
            period = _next_period(period)
    except ValueError:
        return None
    if len(filled) > MAX_PERIODS:
        return None
    return filled + [r for r in rows if r["period"] == UNDATED]


def optional_tables(store: Store) -> dict[str, bool]:
    """Which later sections exist in this database (copies and stories are added by later stages)."""
    return {"copies": q.has_table(store, "pairs"), "stories": q.has_stories(store)}


def overview(store: Store, cache: SnapshotCache) -> dict[str, Any]:
    return cache.get("overview", lambda: {
        "stats": q.stats(store),
        "timeline": _timeline(store),
        "top_actors": q.top_actors(store, 12),
        "top_speakers": q.top_speakers(store, 12),
        "outlets": q.top_values(store, "articles", "outlet", 12),
        "event_types": q.top_values(store, "events", "event_type", 20),
        "stories": q.list_stories(store, 8),
    })


def _timeline(store: Store) -> list[dict[str, Any]]:
    """Per month, or per year when the months would be too many to draw."""
    empty = {"articles": 0, "events": 0}
    months = continuous(q.timeline(store, by="month"), empty)
    if months is not None:
        return months
    years = q.timeline(store, by="year")
    return continuous(years, empty) or years


def _corpus_facets(store: Store, cache: SnapshotCache) -> dict[str, Any]:
    """Facets of the unfiltered corpus from whole-table GROUP BYs (a sample would mislead)."""

    def compute() -> dict[str, Any]:
        years = Counter[str]()
        for row in q.timeline(store, by="year"):
            years[row["period"]] += row["articles"]
        return {
            "outlet": [{"value": r["value"], "label": r["value"], "n": r["n"]}
                       for r in q.top_values(store, "articles", "outlet", 12)],
            "actor": [{"value": r["id"], "label": r["name"], "n": r["mentions"]} for r in q.top_actors(store, 12)],
            "speaker": [{"value": r["speaker_id"] or r["speaker"], "label": r["speaker"], "n": r["quotes"],
                         "key": "speaker_id" if r["speaker_id"] else "speaker"} for r in q.top_speakers(store, 12)],
            "event_type": [{"value": r["value"], "label": r["value"], "n": r["n"]}
                           for r in q.top_values(store, "events", "event_type", 12)],
            "year": [{"value": y, "label": y, "n": n} for y, n in sorted(years.items()) if n],
        }

    return cache.get("corpus_facets", compute)


def search(store: Store, cache: SnapshotCache, params: ArticleParams, limit: int, offset: int,
           facets: bool = True) -> dict[str, Any]:
    filters = params.filters()
    unfiltered = filters == article_search.ArticleFilters()
    total = cache.get("article_count", lambda: article_search.count_articles(store, filters)) if unfiltered \
        else article_search.count_articles(store, filters, cap=COUNT_CAP)
    out: dict[str, Any] = {"total": total, "total_capped": not unfiltered and total >= COUNT_CAP,
                           "rows": article_search.search_articles(store, filters, limit, offset)}
    if facets:
        if unfiltered:
            out["facets"] = _corpus_facets(store, cache)
            out["facet_scope"] = "whole database: articles per outlet and year, mentions per actor, " \
                                 "quotes per speaker, events per type"
        else:
            out["facets"] = article_search.article_facets(store, filters, sample=FACET_SAMPLE)
            sampled = f" among the first {FACET_SAMPLE:,} matches" if total > FACET_SAMPLE else ""
            out["facet_scope"] = "articles" + sampled
    return out


def article(store: Store, article_id: str) -> dict[str, Any] | None:
    art = q.get_article(store, article_id)
    if art is None:
        return None
    actors: dict[str, dict[str, Any]] = {}
    for m in art["mentions"]:
        entry = actors.setdefault(m["actor_id"], {"id": m["actor_id"], "name": m["name"], "kind": m["kind"],
                                                  "country": m["country"], "mentions": 0})
        entry["mentions"] += 1
    story_id = q.article_story_id(store, article_id)
    return {
        "article": art,
        "actors": sorted(actors.values(), key=lambda a: (-a["mentions"], a["name"])),
        "copies": q.article_copies(store, article_id),
        "story_id": story_id,
    }


def _actor_row(store: Store, actor_id: str) -> dict[str, Any] | None:
    rows = store.query("SELECT * FROM actors WHERE id = ?", (actor_id,))
    return rows[0] if rows else None


def actor(store: Store, actor_id: str, mentions_offset: int, per_page: int) -> dict[str, Any] | None:
    found = _actor_row(store, actor_id)
    if found is None:
        return None
    found["aliases"] = json.loads(found["aliases"] or "[]")
    count = lambda sql: store.conn.execute(sql, (actor_id,)).fetchone()[0]  # noqa: E731
    relations = event_lists.actor_relations(store, found, limit=30, scan=RELATIONS_SCAN)
    return {
        "actor": found,
        "codes": event_lists.actor_codes(found),
        "surface_forms": store.query(
            "SELECT text, count(*) AS n FROM mentions WHERE actor_id = ? GROUP BY text ORDER BY n DESC LIMIT 30",
            (actor_id,)),
        "counts": {"mentions": count("SELECT count(*) FROM mentions WHERE actor_id = ?"),
                   "quotes": count("SELECT count(*) FROM quotes WHERE speaker_id = ?")},
        "mentions": event_lists.actor_mentions(store, actor_id, limit=per_page + 1, offset=mentions_offset),
        "quotes_by": q.quotes(store, speaker_id=actor_id, limit=10),
        "quotes_about": q.quotes(store, about=actor_id, limit=10),
        "events_as_source": event_lists.list_events(store, actor=found, role="source", limit=10),
        "events_as_target": event_lists.list_events(store, actor=found, role="target", limit=10),
        "relations": relations,
        "relations_partial": any(r["scanned"] >= RELATIONS_SCAN for r in relations),
        "relations_scan": RELATIONS_SCAN,
    }


def quotes(store: Store, params: QuoteParams, limit: int, offset: int) -> list[dict[str, Any]]:
    return q.quotes(store, speaker=params.speaker, speaker_id=params.speaker_id, about=params.about,
                    since=params.since, until=params.until, type_=params.type, outlet=params.outlet,
                    limit=limit, offset=offset)


def events(store: Store, params: EventParams, limit: int, offset: int) -> list[dict[str, Any]]:
    found = _actor_row(store, params.actor) if params.actor else None
    if params.actor and found is None:
        return []
    return event_lists.list_events(
        store, source=params.source, target=params.target, both_directions=params.both, actor=found,
        role=params.role, event_type=params.event_type, since=params.since, until=params.until,
        limit=limit, offset=offset)


def code_names(store: Store, cache: SnapshotCache) -> dict[str, dict[str, str]]:
    """Event code → the country or IGO actor it stands for (name and id), for labels and links."""

    def compute() -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = {}
        for row in store.query("SELECT * FROM actors WHERE kind IN ('country', 'igo') ORDER BY id"):
            for code in event_lists.actor_codes(row):
                out.setdefault(code, {"name": row["name"], "id": row["id"]})
        return out

    return cache.get("code_names", compute)


def network(store: Store, cache: SnapshotCache, since: str | None, until: str | None) -> dict[str, Any]:
    edges = cache.get(("network", since, until), lambda: q.network(store, since=since, until=until, limit=150))
    names = code_names(store, cache)
    weight = Counter[str]()
    for e in edges:
        weight[e["source"]] += e["events"]
        weight[e["target"]] += e["events"]
    nodes = [{"id": code, "label": names.get(code, {}).get("name", code), "actor": names.get(code, {}).get("id"),
              "events": n} for code, n in weight.most_common()]
    return {"since": since, "until": until, "nodes": nodes, "edges": edges}


def dyad(store: Store, params: RelationParams) -> dict[str, Any]:
    """A dyad's asserted events per period and type, with the period's mean intensity."""
    assert params.source and params.target
    rows = q.relations(store, params.source, params.target, by=params.by, both_directions=params.both)
    periods: dict[str, dict[str, Any]] = {}
    for r in rows:
        p = periods.setdefault(r["period"] or UNDATED, {"period": r["period"] or UNDATED, "events": 0,
                                                        "by_type": {}, "_sum": 0.0, "_n": 0})
        p["events"] += r["events"]
        p["by_type"][r["event_type"]] = p["by_type"].get(r["event_type"], 0) + r["events"]
        if r["mean_intensity"] is not None:
            p["_sum"] += r["mean_intensity"] * r["events"]
            p["_n"] += r["events"]
    series = [{"period": p["period"], "events": p["events"], "by_type": p["by_type"],
               "mean_intensity": round(p["_sum"] / p["_n"], 2) if p["_n"] else None} for p in periods.values()]
    series = continuous(series, {"events": 0, "by_type": {}, "mean_intensity": None}) or series
    return {"rows": rows, "series": series, "types": sorted({r["event_type"] for r in rows})}


def story(store: Store, story_id: str) -> dict[str, Any] | None:
    found = q.get_story(store, story_id)
    articles = q.story_articles(store, story_id, limit=STORY_MAX_ARTICLES)
    if found is None or not articles:
        return None
    ids = [a["id"] for a in articles]
    story_quotes = q.quotes(store, article_ids=ids, limit=1000)
    story_events = event_lists.list_events(store, article_ids=ids, limit=1000)
    days: dict[str, Counter[str]] = {}
    for kind, items, key in (("articles", articles, "published"), ("quotes", story_quotes, "published"),
                             ("events", story_events, "day")):
        for item in items:
            days.setdefault(item[key] or UNDATED, Counter())[kind] += 1
    timeline = [{"period": d, **{k: days[d][k] for k in ("articles", "quotes", "events")}} for d in sorted(days)]
    timeline = continuous(timeline, {"articles": 0, "quotes": 0, "events": 0}) or timeline
    return {**found, "articles": articles, "quotes": story_quotes, "events": story_events, "timeline": timeline,
            "outlets": sorted({a["outlet"] for a in articles if a["outlet"]})}


def warm(store: Store, cache: SnapshotCache) -> None:
    """Compute the corpus-wide aggregates ahead of the first visitor (run at server start)."""
    overview(store, cache)
    _corpus_facets(store, cache)
    network(store, cache, None, None)
    search(store, cache, ArticleParams.model_validate({}), 1, 0, facets=False)

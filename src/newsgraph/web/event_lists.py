"""Event, mention and relation lists for the actor, events and relations pages.

Lists run newest article first. A filter that matches many rows (a country in every other
article) walks the articles newest first and tests each row, so a page costs a few rows; a
rare filter collects its rows from an index and sorts them. ``dense_filter`` chooses.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from newsgraph.store.db import Store
from newsgraph.store.queries import EVENT_DAY, decode_event, dense_filter, until_bound, walk_threshold


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
    return (f"SELECT e2.id FROM events e2 WHERE e2.article_id IN (SELECT article_id FROM mentions WHERE actor_id = ?) "
            f"AND ({test})"), [actor["id"]] + [actor["id"]] * len(sides)


def _actor_event_test(actor: dict[str, Any], role: str | None) -> tuple[str, list[Any]]:
    """The same condition as ``_actor_event_ids``, tested on one event ``e`` (for a walk)."""
    sides = ("source", "target") if role is None else (role,)
    codes = actor_codes(actor)
    values, column = (codes, "") if codes else ([actor["id"]], "_actor_ids")
    marks = ",".join("?" * len(values))
    tests = [f"EXISTS (SELECT 1 FROM json_each(e.{side}{column}) WHERE value IN ({marks}))" for side in sides]
    return "(" + " OR ".join(tests) + ")", values * len(sides)


def _dyad(source: str | None, target: str | None, both: bool) -> tuple[str, str, list[Any]]:
    """``(id subquery, test on e, params of either)`` for events from ``source`` to ``target`` (codes)."""
    ends = [(side, code.upper()) for side, code in (("source", source), ("target", target)) if code]
    directions = [ends] + ([[("target" if s == "source" else "source", c) for s, c in ends]] if both else [])
    subquery = " UNION ".join(
        "SELECT event_id FROM event_dyads WHERE " + " AND ".join(f"{side} = ?" for side, _ in d) for d in directions)
    test = " OR ".join(
        "(" + " AND ".join(f"EXISTS (SELECT 1 FROM json_each(e.{side}) WHERE value = ?)" for side, _ in d) + ")"
        for d in directions)
    return subquery, f"({test})", [code for d in directions for _, code in d]


def _event_page(
    store: Store, source: str | None, target: str | None, both_directions: bool, actor: dict[str, Any] | None,
    role: str | None, event_type: str | None, article_ids: Sequence[str] | None, since: str | None,
    until: str | None, limit: int, offset: int,
) -> tuple[str, list[Any]]:
    """SQL for the ids of a page of events, newest article first, and its parameters.

    A filter that matches many events walks the articles newest first and tests each event;
    a rare one collects its events from an index and sorts them.
    """
    # Per selective filter: a subquery of its event ids (rare filter), and a test of one event (walk).
    sets: list[tuple[str, list[Any], str, list[Any]]] = []
    if source or target:
        ids_sql, test_sql, values = _dyad(source, target, both_directions)
        sets.append((ids_sql, values, test_sql, values))
    if actor:
        sets.append((*_actor_event_ids(actor, role), *_actor_event_test(actor, role)))
    want = offset + limit
    threshold = walk_threshold(store, "events", want)
    # Up to the threshold of each filter's ids: a rare filter's list is complete and is used as is.
    found = [[r[0] for r in store.conn.execute(f"SELECT * FROM ({ids_sql}) LIMIT {threshold}", values)]
             for ids_sql, values, _, _ in sets]
    walk = (article_ids is None and all(len(ids) >= threshold for ids in found)
            and (not event_type or dense_filter(store, "SELECT id FROM events WHERE event_type = ?", [event_type],
                                                "events", want)))
    clauses, params = [], []
    for (ids_sql, ids_values, test_sql, test_values), ids in zip(sets, found, strict=True):
        if walk:
            clauses.append(test_sql)
            params += test_values
        elif len(ids) < threshold:
            clauses.append("e.id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(ids))
        else:
            clauses.append(f"e.id IN ({ids_sql})")
            params += ids_values
    for clause, value in (("e.event_type = ?", event_type), (f"{EVENT_DAY} >= ?", since),
                          (f"{EVENT_DAY} <= ?", until and until_bound(until))):
        if value:
            clauses.append(clause)
            params.append(value)
    if article_ids is not None:
        clauses.append(f"e.article_id IN ({','.join('?' * len(article_ids)) or 'NULL'})")
        params += article_ids
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    return (f"SELECT e.id FROM articles a {'CROSS JOIN' if walk else 'JOIN'} events e ON e.article_id = a.id "
            f"{where} ORDER BY a.published DESC, a.id, e.evidence_start, e.id LIMIT ? OFFSET ?",
            [*params, limit, offset])


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
    page, params = _event_page(store, source, target, both_directions, actor, role, event_type, article_ids,
                               since, until, limit, offset)
    rows = store.query(
        f"WITH page AS ({page}) "
        "SELECT e.id, e.article_id, e.event_type, e.mode, e.modality, e.source, e.target, e.source_actor_ids, "
        f"e.target_actor_ids, {EVENT_DAY} AS day, e.intensity, e.location, e.trigger, e.evidence_start, "
        "e.evidence_end, substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start) AS evidence, "
        "a.title, a.outlet, a.published FROM page JOIN events e ON e.id = page.id "
        "JOIN articles a ON a.id = e.article_id ORDER BY a.published DESC, a.id, e.evidence_start, e.id",
        params,
    )
    return [decode_event(r) for r in rows]


def actor_mentions(store: Store, actor_id: str, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Where an actor is mentioned, newest article first, with the sentence around each mention."""
    dense = dense_filter(store, "SELECT id FROM mentions WHERE actor_id = ?", (actor_id,), "mentions", offset + limit)
    join = "CROSS JOIN" if dense else "JOIN"
    return store.query(
        f"WITH page AS (SELECT m.id FROM articles a {join} mentions m ON m.article_id = a.id WHERE m.actor_id = ? "
        "ORDER BY a.published DESC, a.id, m.start LIMIT ? OFFSET ?) "
        "SELECT m.id, m.article_id, m.text, m.start, m.\"end\", m.sentence_start, m.sentence_end, "
        "substr(a.text, m.sentence_start + 1, m.sentence_end - m.sentence_start) AS sentence, "
        "a.title, a.outlet, a.published FROM page JOIN mentions m ON m.id = page.id "
        "JOIN articles a ON a.id = m.article_id ORDER BY a.published DESC, a.id, m.start",
        (actor_id, limit, offset),
    )


def actor_relations(store: Store, actor: dict[str, Any], limit: int = 50, scan: int = 2000) -> list[dict[str, Any]]:
    """The actor's counterparts in asserted events: codes it acted on (``to``) and that acted on it (``from``).

    Counted over the actor's latest ``scan`` events in each role, so the cost stays bounded for an
    actor in every other article; each row says how many events its direction ``scanned``.
    """
    out: list[dict[str, Any]] = []
    for role, other, direction in (("source", "target", "to"), ("target", "source", "from")):
        page, params = _event_page(store, None, None, False, actor, role, None, None, None, None, scan, 0)
        out += store.query(
            f"WITH page AS MATERIALIZED ({page}) SELECT '{direction}' AS direction, j.value AS counterpart, "
            "count(DISTINCT e.id) AS events, round(avg(e.intensity), 2) AS mean_intensity, "
            "(SELECT count(*) FROM page) AS scanned "
            f"FROM page JOIN events e ON e.id = page.id, json_each(e.{other}) j "
            "WHERE e.modality = 'asserted' GROUP BY j.value ORDER BY events DESC LIMIT ?",
            [*params, limit],
        )
    return sorted(out, key=lambda r: -r["events"])

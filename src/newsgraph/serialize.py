"""JSON shapes of the stateless commands (``clean``, ``extract``), shared by CLI and API.

Offsets: ``quote_start``/``quote_end`` (and ``start``/``end`` of mentions, ``evidence_*``
of events) point into the input as given when the input is text (a ``.txt`` file, a
JSONL ``text`` field), and into the returned clean ``text`` for HTML inputs, as
``offsets`` says. The clean-text offsets are always given as ``clean_start``/``clean_end``.
"""

from __future__ import annotations

from typing import Any

from newsgraph.records import Article, Extraction


def article_json(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "subtitle": article.subtitle,
        "outlet": article.outlet,
        "byline": article.byline,
        "dateline": article.dateline,
        "published": article.published,
        "text": article.text,
        "removed": article.removed,
        "date_mentions": [vars(d) for d in article.date_mentions],
    }


def _span(article: Article, start: int, end: int) -> tuple[int, int]:
    """Offsets into the input for text inputs, else into the clean text."""
    if article.raw_kind == "text":
        mapped = article.offsets.span_to_raw(start, end)
        if mapped is not None:
            return mapped
    return start, end


def extraction_json(ex: Extraction) -> dict[str, Any]:
    a = ex.article
    quotes = []
    for q in ex.quotes:
        qs, qe = _span(a, q.start, q.end)
        quotes.append({
            "quote": q.text, "quote_start": qs, "quote_end": qe, "clean_start": q.start, "clean_end": q.end,
            "type": q.type, "cue": q.cue, "speaker": q.speaker, "speaker_text": q.speaker_text,
            "speaker_id": q.speaker_id, "speaker_country": q.speaker_country,
        })
    actors: dict[str, dict[str, Any]] = {}
    for m in ex.mentions:
        entry = actors.setdefault(m.actor_id, {
            "id": m.actor_id, "name": m.name, "kind": m.kind, "country": m.country, "sector": m.sector,
            "mentions": [],
        })
        ms, me = _span(a, m.start, m.end)
        entry["mentions"].append({"text": m.text, "start": ms, "end": me, "clean_start": m.start, "clean_end": m.end})
    events = []
    for e in ex.events:
        es, ee = _span(a, e.evidence_start, e.evidence_end)
        events.append({
            "event_type": e.event_type, "source": e.source, "target": e.target,
            "source_actor_ids": e.source_actor_ids, "target_actor_ids": e.target_actor_ids,
            "mode": e.mode, "context": e.context, "modality": e.modality, "date": e.date,
            "location": e.location, "intensity": e.intensity, "cameo_root": e.cameo_root,
            "goldstein": e.goldstein, "trigger": e.trigger, "evidence": a.text[e.evidence_start:e.evidence_end],
            "evidence_start": es, "evidence_end": ee,
            "clean_start": e.evidence_start, "clean_end": e.evidence_end,
        })
    return {
        "id": a.id, "source": a.source, "title": a.title, "published": a.published,
        "offsets": "input" if a.raw_kind == "text" else "text",
        "text": a.text if a.raw_kind != "text" else None,
        "quotes": quotes, "actors": list(actors.values()), "events": events,
    }

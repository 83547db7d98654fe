"""Server-rendered HTML pages; each shows a view from ``views`` and links to its API list for export."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from newsgraph.store import queries as q
from newsgraph.store.db import Store
from newsgraph.web import event_lists, views
from newsgraph.web.api import CacheDep, StoreDep
from newsgraph.web.highlight import article_html
from newsgraph.web.params import (
    PER_PAGE,
    ActorPage,
    ArticlePage,
    EventPage,
    Paged,
    QuotePage,
    RelationParams,
    active,
)
from newsgraph.web.render import templates

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
RAW_SHOWN = 200_000  # characters of raw input shown in the page


def _render(request: Request, store: Store, name: str, **context: Any) -> Response:
    context.update(sections=views.optional_tables(store), db_name=request.app.state.db_name,
                   path=request.url.path)
    return templates.TemplateResponse(request, name, context)


def _more(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], bool]:
    """A page of rows fetched with one extra, and whether there is a next page."""
    return rows[:PER_PAGE], len(rows) > PER_PAGE


def _actor_name(store: Store, actor_id: str | None) -> str | None:
    if not actor_id:
        return None
    row = store.conn.execute("SELECT name FROM actors WHERE id = ?", (actor_id,)).fetchone()
    return row[0] if row else None


@router.get("/")
def overview(request: Request, store: StoreDep, cache: CacheDep) -> Response:
    return _render(request, store, "overview.html", **views.overview(store, cache))


@router.get("/search")
def search(request: Request, store: StoreDep, cache: CacheDep, params: Annotated[ArticlePage, Query()]) -> Response:
    found = views.search(store, cache, params, PER_PAGE, params.offset)
    filters = active(params)
    return _render(request, store, "search.html", **found, params=params, filters=filters,
                   actor_name=_actor_name(store, params.actor), speaker_name=_actor_name(store, params.speaker_id),
                   has_more=params.offset + PER_PAGE < found["total"])


@router.get("/article/{article_id:path}")
def article(request: Request, store: StoreDep, article_id: str) -> Response:
    found = views.article(store, article_id)
    if found is None:
        raise HTTPException(404, "No article with this id.")
    art = found["article"]
    return _render(request, store, "article.html", **found, body=article_html(art),
                   raw_shown=art["raw"][:RAW_SHOWN], raw_cut=len(art["raw"]) > RAW_SHOWN)


@router.get("/actors")
def actors(request: Request, store: StoreDep, cache: CacheDep, params: Annotated[ActorPage, Query()]) -> Response:
    key = ("actors-page", params.name, params.kind, params.page)
    rows, has_more = _more(cache.get(key, lambda: q.list_actors(
        store, limit=PER_PAGE + 1, kind=params.kind, offset=params.offset, name=params.name)))
    return _render(request, store, "actors.html", rows=rows, has_more=has_more, params=params, filters=active(params))


@router.get("/actor/{actor_id:path}")
def actor(request: Request, store: StoreDep, actor_id: str, params: Annotated[Paged, Query()]) -> Response:
    found = views.actor(store, actor_id, params.offset, PER_PAGE)
    if found is None:
        raise HTTPException(404, "No actor with this id.")
    found["mentions"], has_more = _more(found["mentions"])
    return _render(request, store, "actor.html", **found, params=params, has_more=has_more)


@router.get("/quotes")
def quotes(request: Request, store: StoreDep, cache: CacheDep, params: Annotated[QuotePage, Query()]) -> Response:
    rows, has_more = _more(views.quotes(store, params, PER_PAGE + 1, params.offset))
    outlets = cache.get("outlet_menu", lambda: q.top_values(store, "articles", "outlet", 300))
    return _render(request, store, "quotes.html", rows=rows, has_more=has_more, params=params,
                   filters=active(params), outlets=outlets, speaker_name=_actor_name(store, params.speaker_id),
                   about_name=_actor_name(store, params.about))


@router.get("/events")
def events(request: Request, store: StoreDep, cache: CacheDep, params: Annotated[EventPage, Query()]) -> Response:
    rows, has_more = _more(views.events(store, params, PER_PAGE + 1, params.offset))
    types = cache.get("type_menu", lambda: q.top_values(store, "events", "event_type", 100))
    return _render(request, store, "events.html", rows=rows, has_more=has_more, params=params,
                   filters=active(params), types=types, actor_name=_actor_name(store, params.actor))


@router.get("/relations")
def relations(request: Request, store: StoreDep, cache: CacheDep,
              params: Annotated[RelationParams, Query()]) -> Response:
    dyad = views.dyad(store, params) if params.source and params.target else None
    dyad_events: list[dict[str, Any]] = []
    if dyad is not None:
        dyad_events = event_lists.list_events(store, source=params.source, target=params.target,
                                    both_directions=params.both, limit=20)
    return _render(request, store, "relations.html", params=params, filters=active(params),
                   network=views.network(store, cache, params.since, params.until),
                   names=views.code_names(store, cache), dyad=dyad, dyad_events=dyad_events)


@router.get("/stories")
def stories(request: Request, store: StoreDep, params: Annotated[Paged, Query()]) -> Response:
    if not q.has_stories(store):
        raise HTTPException(404, "This database has no stories yet.")
    rows, has_more = _more(q.list_stories(store, limit=PER_PAGE + 1, offset=params.offset))
    return _render(request, store, "stories.html", rows=rows, has_more=has_more, params=params, filters={})


@router.get("/story/{story_id:path}")
def story(request: Request, store: StoreDep, story_id: str) -> Response:
    found = views.story(store, story_id)
    if found is None:
        raise HTTPException(404, "No story with this id.")
    return _render(request, store, "story.html", story=found)


@router.get("/docs")
def docs(request: Request, store: StoreDep) -> Response:
    """The API reference, rendered from the OpenAPI schema (no CDN, unlike FastAPI's Swagger page)."""
    endpoints = []
    for path, methods in request.app.openapi()["paths"].items():
        for method, op in methods.items():
            endpoints.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                              "params": [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                                          "description": p.get("description") or _schema_hint(p.get("schema", {}))}
                                         for p in op.get("parameters", [])]})
    return _render(request, store, "docs.html", endpoints=endpoints)


def _schema_hint(schema: dict[str, Any]) -> str:
    """A short type hint from a parameter's JSON schema (enum values, bounds, default)."""
    options = schema.get("anyOf", [schema])
    hints = []
    for option in options:
        if "enum" in option:
            hints.append(" | ".join(str(v) for v in option["enum"]))
        elif option.get("type") not in (None, "null"):
            bounds = [f"{k} {option[k]}" for k in ("minimum", "maximum", "maxLength", "pattern") if k in option]
            hints.append(option["type"] + (f" ({', '.join(bounds)})" if bounds else ""))
    default = schema.get("default")
    return ", ".join(hints) + (f"; default {default}" if default not in (None, "") else "")

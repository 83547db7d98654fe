"""The JSON API behind every page. Lists take their filters in the query string, page with
``limit``/``offset``, and answer ``format=csv`` with a CSV download of the same rows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response

from newsgraph.store import queries as q
from newsgraph.store.db import Store
from newsgraph.web import event_lists, views
from newsgraph.web.access import SnapshotCache
from newsgraph.web.export import respond
from newsgraph.web.params import (
    PER_PAGE,
    ActorQuery,
    ArticleQuery,
    EventQuery,
    Listing,
    NetworkQuery,
    QuoteQuery,
    RelationQuery,
    active,
)

router = APIRouter(prefix="/api", tags=["api"])


def get_store(request: Request) -> Iterator[Store]:
    with request.app.state.pool.store() as store:
        yield store


def get_cache(request: Request) -> SnapshotCache:
    cache: SnapshotCache = request.app.state.cache
    return cache


StoreDep = Annotated[Store, Depends(get_store)]
CacheDep = Annotated[SnapshotCache, Depends(get_cache)]


def _page(params: Listing, rows: list[dict[str, Any]], name: str, **extra: Any) -> Response:
    return respond(name, rows, params.format, filters=active(params), limit=params.limit, offset=params.offset,
                   **extra)


@router.get("/overview", summary="Counts, articles and events per month, top actors, speakers, outlets, stories")
def overview(store: StoreDep, cache: CacheDep) -> dict[str, Any]:
    return {**views.overview(store, cache), "sections": views.optional_tables(store)}


@router.get("/articles", summary="Search articles (full text and facets: outlet, actor, speaker, event type, dates)")
def articles(store: StoreDep, cache: CacheDep, params: Annotated[ArticleQuery, Query()],
             facets: bool = False) -> Response:
    found = views.search(store, cache, params, params.limit, params.offset, facets=facets and params.format == "json")
    rows = found.pop("rows")
    return _page(params, rows, "articles", **found)


@router.get("/articles/{article_id:path}", summary="One article: text, raw input, quotes, mentions, events, copies, story")
def article(store: StoreDep, article_id: str) -> dict[str, Any]:
    found = views.article(store, article_id)
    if found is None:
        raise HTTPException(404, "no such article")
    return found


@router.get("/actors", summary="Actors with mention and quote counts, most mentioned first")
def actors(store: StoreDep, cache: CacheDep, params: Annotated[ActorQuery, Query()]) -> Response:
    key = ("actors", params.name, params.kind, params.limit, params.offset)
    rows = cache.get(key, lambda: q.list_actors(store, limit=params.limit, kind=params.kind, offset=params.offset,
                                                 name=params.name))
    return _page(params, rows, "actors")


@router.get("/actors/{actor_id:path}", summary="One actor: aliases, spellings, counts, first quotes and events, relations")
def actor(store: StoreDep, actor_id: str) -> dict[str, Any]:
    found = views.actor(store, actor_id, 0, PER_PAGE)
    if found is None:
        raise HTTPException(404, "no such actor")
    found["mentions"] = found["mentions"][:PER_PAGE]
    return found


@router.get("/mentions", summary="Mentions of one actor with their sentence, newest article first")
def mentions(store: StoreDep, params: Annotated[Listing, Query()],
             actor: Annotated[str, Query(max_length=200)]) -> Response:
    rows = event_lists.actor_mentions(store, actor, limit=params.limit, offset=params.offset)
    return respond("mentions", rows, params.format, filters={"actor": actor}, limit=params.limit,
                   offset=params.offset)


@router.get("/quotes", summary="Quotes filtered by speaker, actor quoted about, type, outlet and dates")
def quotes(store: StoreDep, params: Annotated[QuoteQuery, Query()]) -> Response:
    return _page(params, views.quotes(store, params, params.limit, params.offset), "quotes")


@router.get("/events", summary="PLOVER events filtered by actor and role, dyad, type and dates, with evidence")
def events(store: StoreDep, params: Annotated[EventQuery, Query()]) -> Response:
    return _page(params, views.events(store, params, params.limit, params.offset), "events")


@router.get("/relations", summary="A dyad's asserted events per period and type, with mean intensity")
def relations(store: StoreDep, params: Annotated[RelationQuery, Query()]) -> Response:
    if not (params.source and params.target):
        raise HTTPException(422, "source and target are required")
    found = views.dyad(store, params)
    return respond("relations", found["rows"], params.format, filters=active(params), series=found["series"])


@router.get("/network", summary="The actor network for a period: edges weighted by events, mean intensity")
def network(store: StoreDep, cache: CacheDep, params: Annotated[NetworkQuery, Query()]) -> Response:
    found = views.network(store, cache, params.since, params.until)
    return respond("network", found["edges"], params.format, filters=active(params), nodes=found["nodes"])


@router.get("/stories", summary="Stories (when computed), latest first")
def stories(store: StoreDep, params: Annotated[Listing, Query()]) -> Response:
    rows = q.list_stories(store, limit=params.limit, offset=params.offset)
    return respond("stories", rows, params.format, limit=params.limit, offset=params.offset)


@router.get("/stories/{story_id:path}", summary="One story: its articles, quotes and events in time order")
def story(store: StoreDep, story_id: str,
          part: Literal["articles", "quotes", "events"] | None = None,
          format: Literal["json", "csv"] = "json") -> Response:
    found = views.story(store, story_id)
    if found is None:
        raise HTTPException(404, "no such story")
    if part is not None:
        return respond(f"story-{part}", found[part], format, story=story_id)
    if format == "csv":
        raise HTTPException(422, "format=csv needs part=articles, quotes or events")
    return respond("story", found.pop("articles"), "json", **found)

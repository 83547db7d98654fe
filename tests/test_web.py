"""The web app's pages and JSON API over a database built in the test, checked against the store."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.store import queries as q
from newsgraph.store.db import Store, StoreError
from newsgraph.web import create_app
from test_web_corpus import (
    CHILE,
    CORPUS,
    KENYA,
    NORWAY,
    add_stories,
    build_db,
    drop_corpus_tables,
    extraction,
)


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return build_db(tmp_path / "corpus.db")


@pytest.fixture()
def client(db: Path) -> TestClient:
    return TestClient(create_app(db), base_url="http://127.0.0.1")


def _json_block(page: str, block_id: str) -> object:
    m = re.search(rf'<script type="application/json" id="{block_id}">(.*?)</script>', page, re.S)
    assert m, block_id
    return json.loads(m.group(1))


def _links(page: str) -> list[str]:
    return [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]+)"', page)]


def test_overview_shows_the_database_counts(client: TestClient, db: Path) -> None:
    with Store(db, readonly=True) as store:
        stats = q.stats(store)
        top = q.top_actors(store, 1)[0]
        dated_events = store.query("SELECT count(*) AS n FROM events e JOIN articles a ON a.id = e.article_id "
                                   "WHERE COALESCE(e.date, a.published) IS NOT NULL")[0]["n"]
    data = client.get("/api/overview").json()
    assert data["stats"]["articles"] == stats["articles"] == len(CORPUS)
    assert sum(r["articles"] for r in data["timeline"]) == stats["dated"]
    assert data["sections"] == {"copies": True, "stories": False}  # copy detection ran, no story yet
    page = client.get("/").text
    assert top["name"] in page and f'href="/actor/{top["id"]}"' in page
    assert sum(r["events"] for r in _json_block(page, "timeline-data")) == dated_events == stats["events"] - 1


def test_timeline_fills_the_months_between_the_first_and_the_last(client: TestClient) -> None:
    timeline = client.get("/api/overview").json()["timeline"]
    periods = [r["period"] for r in timeline]
    assert periods[0] == "2019-03" and periods[-1] == "2023-11" and len(periods) == 57
    assert timeline[1] == {"period": "2019-04", "articles": 0, "events": 0}


def test_search_filters_live_in_the_url_and_facets_keep_them(client: TestClient) -> None:
    found = client.get("/api/articles", params={"q": "talks", "facets": "true"}).json()
    assert {r["id"] for r in found["rows"]} == {CHILE.id, KENYA.id} and found["total"] == 2
    assert {f["value"] for f in found["facets"]["outlet"]} == {CHILE.outlet, KENYA.outlet}
    narrowed = client.get("/api/articles", params={"q": "talks", "outlet": KENYA.outlet}).json()
    assert [r["id"] for r in narrowed["rows"]] == [KENYA.id]
    assert narrowed["filters"] == {"q": "talks", "outlet": KENYA.outlet}
    page = client.get("/search", params={"q": "talks"}).text
    facet_link = next(h for h in _links(page) if "outlet=Lake" in h)
    assert "q=talks" in facet_link
    assert KENYA.title in client.get(facet_link).text and CHILE.title not in client.get(facet_link).text


def test_search_pages_through_results(tmp_path: Path) -> None:
    docs = [replace(NORWAY, id=f"nw-{i:03d}", published=f"2022-01-{i % 28 + 1:02d}") for i in range(57)]
    client = TestClient(create_app(build_db(tmp_path / "many.db", docs)), base_url="http://127.0.0.1")
    first = client.get("/search").text
    assert first.count('class="title"') == 50 and 'rel="next"' in first
    second = client.get("/search", params={"page": 2}).text
    assert second.count('class="title"') == 7 and 'rel="next"' not in second and 'rel="prev"' in second
    api = client.get("/api/articles", params={"limit": 10, "offset": 50}).json()
    assert len(api["rows"]) == 7 and api["total"] == 57


def test_article_page_highlights_every_quote_mention_and_event(client: TestClient, db: Path) -> None:
    with Store(db, readonly=True) as store:
        art = q.get_article(store, CHILE.id)
    assert art is not None
    page = client.get(f"/article/{CHILE.id}").text
    for quote in art["quotes"]:
        assert f'id="q-{quote["id"]}"' in page and f'href="#q-{quote["id"]}"' in page
    for event in art["events"]:
        assert f'id="ev-{event["id"]}"' in page
    assert page.count('<a class="hl-m"') == len(art["mentions"])
    assert "<details" in page and "Raw input" in page
    assert client.get(f"/api/articles/{CHILE.id}").json()["article"]["text"] == CHILE.body


def test_actor_page_lists_quotes_by_and_about_events_and_relations(client: TestClient) -> None:
    page = client.get("/actor/person:tomas-ferreyra").text
    assert "a tired story" in page and "Ferreyra rejected the claim" in page
    data = client.get("/api/actors/country:CHL").json()
    assert data["codes"] == ["CHL"]
    assert {e["event_type"] for e in data["events_as_source"]} == {"CONSULT", "ACCUSE", "SUPPORT"}
    assert {r["counterpart"] for r in data["relations"]} >= {"ARG"}
    assert "a tired story" in {qt["text"] for qt in data["quotes_about"]}
    mentions = client.get("/api/mentions", params={"actor": "country:CHL"}).json()["rows"]
    assert {m["article_id"] for m in mentions} == {CHILE.id, "evil-2020"}


def test_quotes_link_to_their_sentence_in_the_article(client: TestClient) -> None:
    page = client.get("/quotes", params={"speaker_id": "person:grace-atieno"}).text
    links = [h for h in _links(page) if h.startswith(f"/article/{KENYA.id}#q-")]
    assert len(links) == 2
    article = client.get(links[0].split("#")[0]).text
    assert f'id="{links[0].split("#")[1]}"' in article


def test_quote_filters_by_type_outlet_and_dates(client: TestClient) -> None:
    rows = client.get("/api/quotes", params={"type": "partial"}).json()["rows"]
    assert {r["text"] for r in rows} == {"a tired story", "keep the lights on"}
    rows = client.get("/api/quotes", params={"outlet": NORWAY.outlet, "since": "2023"}).json()["rows"]
    assert len(rows) == 2
    about = client.get("/api/quotes", params={"about": "country:ARG"}).json()["rows"]
    assert [r["text"] for r in about] == ["the talks had been frank but useful"]


def test_relations_page_draws_the_dyad_and_the_network(client: TestClient, db: Path) -> None:
    with Store(db, readonly=True) as store:
        edges = q.network(store)
    page = client.get("/relations", params={"source": "KEN", "target": "UGA", "both": "1", "by": "year"}).text
    dyad = _json_block(page, "dyad-data")
    assert [p["period"] for p in dyad["series"]] == ["2021"] and dyad["series"][0]["events"] == 2
    assert dyad["types"] == ["AGREE", "COOPERATE"]
    network = _json_block(page, "network-data")
    assert len(network["edges"]) == len(edges)
    assert {n["id"]: n["label"] for n in network["nodes"]}["UGA"] == "Uganda"
    period = client.get("/api/network", params={"since": "2023", "until": "2023"}).json()["rows"]
    assert [(e["source"], e["target"]) for e in period] == [("NOR", "EU")]


def test_every_list_exports_csv_and_json_with_its_filters(client: TestClient) -> None:
    page = client.get("/quotes", params={"speaker_id": "person:tomas-ferreyra", "type": "partial"}).text
    csv_link = next(h for h in _links(page) if "format=csv" in h)
    assert csv_link.startswith("/api/quotes?") and "speaker_id=person" in csv_link and "type=partial" in csv_link
    response = client.get(csv_link)
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["text"] for r in rows] == ["a tired story"]
    for path in ("/search", "/events", "/actors", "/relations"):
        listed = _links(client.get(path).text)
        assert any("format=csv" in h for h in listed) and any("format=json" in h for h in listed), path
    as_json = client.get("/api/events", params={"event_type": "AGREE", "format": "json"}).json()
    assert as_json["filters"] == {"event_type": "AGREE"} and len(as_json["rows"]) == 3


def test_story_and_copy_sections_appear_only_with_their_data(client: TestClient, db: Path) -> None:
    assert 'href="/stories"' not in client.get("/").text  # the tables exist but hold no story yet
    assert client.get("/stories").status_code == 404
    assert "No copies or rewrites found" in client.get(f"/article/{NORWAY.id}").text
    add_stories(db)
    assert 'href="/stories"' in client.get("/").text and "Norway gas and ferries" in client.get("/").text
    article = client.get(f"/article/{NORWAY.id}").text
    assert "Copies and rewrites" in article and 'href="/story/s7"' in article and "rewrite" in article
    story = client.get("/story/s7").text
    assert "copy of" in story
    assert [r["period"] for r in _json_block(story, "story-data")] == ["2023-11-20", "undated"]
    assert client.get("/api/stories/s7", params={"part": "events", "format": "csv"}).text.count("AGREE") == 2
    drop_corpus_tables(db)
    assert 'href="/stories"' not in client.get("/").text
    assert "Copies and rewrites" not in client.get(f"/article/{NORWAY.id}").text
    assert client.get("/story/s7").status_code == 404


def test_docs_list_every_api_endpoint_without_external_assets(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    docs = client.get("/docs").text
    assert schema["paths"] and all(path in docs for path in schema["paths"])
    assert not re.search(r'(src|href)="(https?:)?//', docs.replace('href="/openapi.json"', ""))


def test_bad_parameters_get_a_clear_4xx(client: TestClient) -> None:
    page = client.get("/search", params={"since": "last week"})
    assert page.status_code == 400 and "since" in page.text
    assert client.get("/api/articles", params={"since": "2019-1"}).status_code == 422
    assert client.get("/api/quotes", params={"limit": 0}).status_code == 422
    assert client.get("/api/quotes", params={"type": "rumour"}).status_code == 422
    assert client.get("/article/no-such-id").status_code == 404
    assert client.get("/api/actors/person:nobody").status_code == 404


def test_the_app_reads_while_ingest_writes_and_sees_new_articles(client: TestClient, db: Path) -> None:
    assert client.get("/api/overview").json()["stats"]["articles"] == len(CORPUS)
    with Store(db) as writer:
        writer.write_batch([extraction(replace(KENYA, id="lrt-2022-fish", published="2022-02-02"))], "p")
        assert client.get("/api/articles", params={"q": "sugar"}).json()["total"] == 2  # while the writer is open
    assert client.get("/api/overview").json()["stats"]["articles"] == len(CORPUS) + 1


def test_the_app_cannot_write_and_refuses_a_missing_database(client: TestClient, tmp_path: Path) -> None:
    with client.app.state.pool.store() as store, pytest.raises(sqlite3.OperationalError, match="readonly"):
        store.conn.execute("DELETE FROM articles")
    with pytest.raises(StoreError):
        create_app(tmp_path / "missing.db")

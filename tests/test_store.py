"""The store on hand-built records: schema, upserts, FTS, queries, exports."""

import json
import sqlite3
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsgraph.records import Article, Event, Extraction, Mention, OffsetMap, Quote
from newsgraph.store import queries
from newsgraph.store.db import Store, StoreError
from newsgraph.store.export import export
from newsgraph.store.schema import latest_version


def _extraction(article_id: str, body: str, published: str | None = "2023-05-02") -> Extraction:
    raw = "HEADLINE\n" + body
    offsets = OffsetMap()
    offsets.add(0, len("HEADLINE\n"), len(body))
    article = Article(id=article_id, source=f"/in/{article_id}", text=body, raw=raw, title=f"Title {article_id}",
                      outlet="Example Wire", published=published, offsets=offsets, hash=f"h-{article_id}")
    who = body.index("Ortega")
    mention = Mention(start=who, end=who + 6, text="Ortega", actor_id="person:ana-ortega", name="Ana Ortega",
                      kind="person", country="CHL", sector="GOV", sentence_start=0, sentence_end=len(body))
    quote = Quote(start=1, end=12, text=body[1:12], type="direct", cue="say", speaker="Ana Ortega",
                  speaker_id="person:ana-ortega", speaker_country="CHL", sentence_end=len(body))
    event = Event(event_type="CONSULT", source=["CHL"], target=["ARG", "PER"], evidence_start=0,
                  evidence_end=len(body), intensity=2.5, date=published)
    return Extraction(article=article, mentions=[mention], quotes=[quote], events=[event])


BODY = '"Talks went well," Ortega said after meeting her Argentine and Peruvian counterparts in Santiago.'


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "t.db")
    yield s
    s.close()


def test_new_database_is_at_latest_schema_in_wal_mode(store: Store) -> None:
    assert store.schema_version() == latest_version()
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_write_is_an_upsert_without_duplicate_children(store: Store) -> None:
    assert store.write_batch([_extraction("a1", BODY)], "p1") == (1, 0)
    assert store.write_batch([_extraction("a1", BODY)], "p1") == (0, 1)
    s = queries.stats(store)
    assert (s["articles"], s["quotes"], s["events"], s["mentions"]) == (1, 1, 1, 1)
    assert store.known_hashes(["a1", "zz"]) == {"a1": ("h-a1", "p1")}


def test_children_keep_raw_offsets(store: Store) -> None:
    store.write_batch([_extraction("a1", BODY)], "p")
    q = store.query("SELECT start, raw_start, raw_end FROM quotes")[0]
    raw = store.query("SELECT raw FROM articles")[0]["raw"]
    assert raw[q["raw_start"]:q["raw_end"]] == BODY[1:12]


def test_fts_search_finds_words_and_ignores_query_syntax(store: Store) -> None:
    store.write_batch([_extraction("a1", BODY), _extraction("a2", BODY.replace("Santiago", "Lima"))], "p")
    assert [r["id"] for r in queries.search(store, "Lima")] == ["a2"]
    assert {r["id"] for r in queries.search(store, "santiago OR lima")} == set()  # words, not operators
    assert queries.search(store, '" NEAR( ) * ^') == []


def test_quote_and_relation_queries(store: Store) -> None:
    store.write_batch([_extraction("a1", BODY, "2023-05-02"), _extraction("a2", BODY, "2023-07-09")], "p")
    assert len(queries.quotes(store, speaker="ortega")) == 2
    assert len(queries.quotes(store, speaker="ortega", since="2023-06-01")) == 1
    rel = queries.relations(store, "chl", "arg", by="month")
    assert [(r["period"], r["events"]) for r in rel] == [("2023-05", 1), ("2023-07", 1)]
    assert queries.relations(store, "ARG", "CHL") == []
    assert len(queries.relations(store, "ARG", "CHL", both_directions=True)) == 2
    edges = {(e["source"], e["target"]): e["events"] for e in queries.network(store)}
    assert edges == {("CHL", "ARG"): 2, ("CHL", "PER"): 2}
    actor = queries.find_actor(store, "Ortega")
    assert actor is not None and actor["id"] == "person:ana-ortega" and len(actor["quotes"]) == 2


def test_exports_round_trip(store: Store, tmp_path: Path) -> None:
    store.write_batch([_extraction("a1", BODY), _extraction("a2", BODY, None)], "p")
    jl = tmp_path / "a.jsonl"
    assert export(store, "jsonl", "articles", jl) == 2
    recs = [json.loads(line) for line in jl.read_text().splitlines()]
    assert [r["id"] for r in recs] == ["a1", "a2"] and recs[1]["published"] is None
    pq_path = tmp_path / "e.parquet"
    assert export(store, "parquet", "events", pq_path) == 2
    assert pq.read_table(pq_path).num_rows == 2
    empty = tmp_path / "f.parquet"
    assert export(store, "parquet", "failures", empty) == 0 and pq.read_table(empty).num_rows == 0
    pl = tmp_path / "p.jsonl"
    export(store, "plover", "events", pl)
    first = json.loads(pl.read_text().splitlines()[0])
    assert first["event_type"] == "CONSULT" and first["target_actors"] == ["ARG", "PER"]
    assert first["evidence"] == BODY


def test_readonly_store_refuses_missing_file_and_newer_schema(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "missing.db", readonly=True)
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)

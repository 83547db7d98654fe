"""A small hand-written corpus for the web tests, and tests of the queries the pages use.

The articles are invented (fisheries, trade, energy, a port deal) across outlets and years;
one is hostile, with markup and scripts in every field an analyst sees.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from newsgraph.records import Article, Event, Extraction, Mention, OffsetMap, Quote
from newsgraph.store import queries as q
from newsgraph.store.db import Store
from newsgraph.web import article_search, event_lists

ACTORS = {
    "person:marta-quiroga": ("Marta Quiroga", "person", "CHL", "GOV"),
    "person:tomas-ferreyra": ("Tomás Ferreyra", "person", "ARG", "GOV"),
    "person:grace-atieno": ("Grace Atieno", "person", "KEN", "GOV"),
    "person:ingrid-solberg": ("Ingrid Solberg", "person", "NOR", "GOV"),
    "country:CHL": ("Chile", "country", "CHL", None),
    "country:ARG": ("Argentina", "country", "ARG", None),
    "country:KEN": ("Kenya", "country", "KEN", None),
    "country:UGA": ("Uganda", "country", "UGA", None),
    "country:NOR": ("Norway", "country", "NOR", None),
    "igo:EU": ("European Union", "igo", "EU", None),
    "person:hostile": ('<svg onload=alert("actor")>Mallory', "person", "XSS", None),
}


@dataclass
class Doc:
    id: str
    title: str
    outlet: str
    published: str | None
    body: str
    url: str | None = None
    mentions: list[tuple[str, str]] = field(default_factory=list)  # (surface, actor id): every occurrence
    quotes: list[tuple[str, str | None, str, str | None]] = field(default_factory=list)  # text, speaker id, type, name
    events: list[tuple[str, str, list[str], list[str], float, list[str]]] = field(default_factory=list)


CHILE = Doc(
    "pl-2019-anchovy", "Chile and Argentina reopen anchovy quota talks", "Pacific Ledger", "2019-03-14",
    "Chile's fisheries undersecretary Marta Quiroga met Argentine officials in Valparaíso on Wednesday. "
    "\"We will not accept a quota written in Buenos Aires,\" Quiroga told reporters after the meeting. "
    "Tomás Ferreyra, Argentina's envoy, said the talks had been frank but useful.\n\n"
    "Chile accused Argentina of overfishing in the disputed zone. "
    "Ferreyra rejected the claim and called it \"a tired story\" that Chile repeats every season.",
    url="https://pacific-ledger.example/2019/anchovy",
    mentions=[("Marta Quiroga", "person:marta-quiroga"), ("Quiroga", "person:marta-quiroga"),
              ("Tomás Ferreyra", "person:tomas-ferreyra"), ("Ferreyra", "person:tomas-ferreyra"),
              ("Chile", "country:CHL"), ("Argentina", "country:ARG")],
    quotes=[("We will not accept a quota written in Buenos Aires,", "person:marta-quiroga", "direct", None),
            ("the talks had been frank but useful", "person:tomas-ferreyra", "indirect", None),
            ("a tired story", "person:tomas-ferreyra", "partial", None)],
    events=[("Chile's fisheries undersecretary Marta Quiroga met Argentine officials", "CONSULT", ["CHL"], ["ARG"],
             2.5, ["person:marta-quiroga"]),
            ("Chile accused Argentina of overfishing in the disputed zone.", "ACCUSE", ["CHL"], ["ARG"], -2.5, []),
            ("Ferreyra rejected the claim", "REJECT", ["ARG"], ["CHL"], -2.0, ["person:tomas-ferreyra"])],
)
KENYA = Doc(
    "lrt-2021-sugar", "Kenya and Uganda settle sugar tariff row", "Lake Region Times", "2021-08-02",
    "Kenya agreed on Monday to lift a surcharge on Ugandan sugar after two days of talks in Kisumu. "
    "Trade minister Grace Atieno said both sides wanted the border markets open before the harvest. "
    "\"Farmers on both shores have waited long enough,\" Atieno said. "
    "Uganda promised to share customs data with Kenya every month.",
    mentions=[("Kenya", "country:KEN"), ("Ugandan", "country:UGA"), ("Uganda", "country:UGA"),
              ("Grace Atieno", "person:grace-atieno"), ("Atieno", "person:grace-atieno")],
    quotes=[("both sides wanted the border markets open before the harvest", "person:grace-atieno", "indirect", None),
            ("Farmers on both shores have waited long enough,", "person:grace-atieno", "direct", None)],
    events=[("Kenya agreed on Monday to lift a surcharge on Ugandan sugar", "AGREE", ["KEN"], ["UGA"], 2.5, []),
            ("Uganda promised to share customs data with Kenya every month.", "COOPERATE", ["UGA"], ["KEN"], 6.0, [])],
)
NORWAY = Doc(
    "nw-2023-gas", "Norway and the EU sign gas storage pact", "Nordic Wire", "2023-11-20",
    "Norway and the European Union signed a pact on winter gas storage in Brussels. "
    "Energy minister Ingrid Solberg said the deal would \"keep the lights on\" across the continent. "
    "A spokesman for the commission said more deliveries would follow.",
    mentions=[("Norway", "country:NOR"), ("European Union", "igo:EU"), ("Ingrid Solberg", "person:ingrid-solberg")],
    quotes=[("keep the lights on", "person:ingrid-solberg", "partial", None),
            ("more deliveries would follow", None, "indirect", "A spokesman")],
    events=[("Norway and the European Union signed a pact on winter gas storage", "AGREE", ["NOR"], ["EU"], 2.5, [])],
)
UNDATED = Doc(
    "nw-undated-ferry", "Ferry strike ends in Tromsø", "Nordic Wire", None,
    "Ferry crews in Tromsø returned to work after Norway's transport agency raised wages. "
    "Norway said the agreement runs for two years.",
    mentions=[("Norway", "country:NOR")],
    events=[("Norway said the agreement runs for two years.", "AGREE", ["NOR"], ["NOR"], 2.5, [])],
)
HOSTILE = Doc(
    "evil-2020", '<script>alert("title")</script>Harbour deal', '<b onmouseover=alert("outlet")>Evil Outlet</b>',
    "2020-06-01",
    'Officials <img src=x onerror=alert("body")> met Mallory at the harbour. '
    'Mallory said "</script><script>alert("quote")</script>" and left. '
    "Chile welcomed the harbour deal.",
    url="javascript:alert('url')",
    mentions=[("Mallory", "person:hostile"), ("Chile", "country:CHL")],
    quotes=[('</script><script>alert("quote")</script>', "person:hostile", "direct", None)],
    events=[("Chile welcomed the harbour deal.", "SUPPORT", ["CHL"], ['<i onclick=alert("code")>X</i>'], 5.0, [])],
)
CORPUS = [CHILE, KENYA, NORWAY, UNDATED, HOSTILE]


def _sentence(body: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a span: between the sentence ends ('. ' or a paragraph break) around it."""
    begin = max((body.rfind(sep, 0, start) + 2 for sep in (". ", "\n\n") if body.rfind(sep, 0, start) != -1), default=0)
    stops = [i for i in (body.find(". ", end), body.find("\n\n", end)) if i != -1]
    return begin, min(stops) + 1 if stops else len(body)


def extraction(doc: Doc) -> Extraction:
    raw = doc.title + "\n\n" + doc.body
    offsets = OffsetMap()
    offsets.add(0, len(doc.title) + 2, len(doc.body))
    article = Article(id=doc.id, source=f"/corpus/{doc.id}.txt", text=doc.body, raw=raw, title=doc.title,
                      outlet=doc.outlet, published=doc.published, url=doc.url, offsets=offsets, hash=f"h-{doc.id}")
    mentions, taken = [], set()
    for surface, actor_id in doc.mentions:
        name, kind, country, sector = ACTORS[actor_id]
        for m in re.finditer(re.escape(surface), doc.body):
            if any(s <= m.start() < e for s, e in taken):
                continue
            taken.add((m.start(), m.end()))
            s0, s1 = _sentence(doc.body, m.start(), m.end())
            mentions.append(Mention(m.start(), m.end(), surface, actor_id, name, kind, country, sector, s0, s1))
    quotes = []
    for text, speaker_id, qtype, name in doc.quotes:
        start = doc.body.index(text)
        s0, s1 = _sentence(doc.body, start, start + len(text))
        speaker = ACTORS[speaker_id][0] if speaker_id else name
        country = ACTORS[speaker_id][2] if speaker_id else None
        quotes.append(Quote(start, start + len(text), text, qtype, "say", speaker, None, None, speaker, speaker_id,
                            country, s0, s1))
    events = []
    for evidence, etype, src, tgt, intensity, src_ids in doc.events:
        start = doc.body.index(evidence)
        events.append(Event(etype, src, tgt, start, start + len(evidence), source_actor_ids=src_ids,
                            intensity=intensity, date=doc.published))
    return Extraction(article, sorted(mentions, key=lambda m: m.start), quotes, events)


def build_db(path: Path, docs: list[Doc] | None = None) -> Path:
    with Store(path) as store:
        store.write_batch([extraction(d) for d in (docs or CORPUS)], "test-pipeline")
    return path


def add_stories(path: Path) -> None:
    """A copy pair, a copy group and a story, as the corpus-level stage writes them."""
    with Store(path) as store, store.conn:
        store.conn.executescript(
            "INSERT INTO pairs(a, b, kind, similarity) VALUES ('nw-2023-gas', 'nw-undated-ferry', 'rewrite', 0.42);"
            "INSERT INTO copy_groups VALUES ('nw-undated-ferry', 'nw-2023-gas');"
            "INSERT INTO stories VALUES ('s7', 'Norway gas and ferries', '2023-11-20', '2023-11-20', 2);"
            "INSERT INTO article_story VALUES ('nw-2023-gas', 's7'), ('nw-undated-ferry', 's7');"
        )


def drop_corpus_tables(path: Path) -> None:
    """Make the file look like a database from before copies and stories (read-only apps do not migrate)."""
    with Store(path) as store, store.conn:
        store.conn.executescript("DROP TABLE pairs; DROP TABLE copy_groups; DROP TABLE stories; DROP TABLE article_story;")


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    s = Store(build_db(tmp_path / "corpus.db"), readonly=True)
    yield s
    s.close()


def test_timeline_counts_articles_and_events_per_period(store: Store) -> None:
    rows = {r["period"]: r for r in q.timeline(store, by="year")}
    assert {p: (r["articles"], r["events"]) for p, r in rows.items()} == {
        "2019": (1, 3), "2020": (1, 1), "2021": (1, 2), "2023": (1, 1)}
    assert [r["period"] for r in q.timeline(store)] == ["2019-03", "2020-06", "2021-08", "2023-11"]


def test_top_speakers_merge_resolved_and_unresolved(store: Store) -> None:
    top = q.top_speakers(store, limit=10)
    assert (top[0]["speaker_id"], top[0]["quotes"]) in {("person:marta-quiroga", 1), ("person:tomas-ferreyra", 2),
                                                         ("person:grace-atieno", 2)}
    assert top[0]["quotes"] == 2
    assert {"speaker_id": None, "speaker": "A spokesman", "quotes": 1} in top


def test_facets_count_matching_articles(store: Store) -> None:
    facets = article_search.article_facets(store, article_search.ArticleFilters(q="Norway"))
    assert {f["value"]: f["n"] for f in facets["outlet"]} == {"Nordic Wire": 2}
    assert {f["value"] for f in facets["event_type"]} == {"AGREE"}
    assert article_search.count_articles(store, article_search.ArticleFilters(actor="country:CHL")) == 2
    assert article_search.count_articles(store, article_search.ArticleFilters(actor="country:CHL", since="2020")) == 1


def test_until_includes_the_whole_period_it_names(store: Store) -> None:
    assert [r["id"] for r in article_search.search_articles(store, article_search.ArticleFilters(until="2019"))] == ["pl-2019-anchovy"]
    assert len(q.quotes(store, until="2021-08")) == 6  # 2019: 3, 2020: 1, 2021-08-02: 2
    assert len(q.quotes(store, until="2021-07")) == 4
    assert len(q.quotes(store, since="2021-08-03", until="2023-11-20")) == 2


def test_speaker_filter_takes_an_id_or_a_written_name(store: Store) -> None:
    assert article_search.count_articles(store, article_search.ArticleFilters(speaker_id="person:grace-atieno")) == 1
    assert article_search.count_articles(store, article_search.ArticleFilters(speaker="A spokesman")) == 1
    assert article_search.count_articles(store, article_search.ArticleFilters(speaker="person:grace-atieno")) == 0
    assert article_search.count_articles(store, article_search.ArticleFilters(q="Norway"), cap=1) == 1


def _paged(fetch: Callable[[int, int], list[dict[str, Any]]], total: int) -> list[Any]:
    """Rows fetched one at a time: a page of one is "dense" for any filter, so the walk plan runs."""
    return [row["id"] for offset in range(total) for row in fetch(1, offset)]


@pytest.mark.parametrize("filters", [{"actor": "country:CHL"}, {"actor": "country:NOR"}, {"event_type": "AGREE"},
                                     {"actor": "country:CHL", "outlet": "Pacific Ledger"}, {"actor": "country:CHL", "since": "2020"}])
def test_walking_and_collecting_plans_find_the_same_articles(store: Store, filters: dict[str, str]) -> None:
    f = article_search.ArticleFilters(**filters)
    collected = [r["id"] for r in article_search.search_articles(store, f, limit=50)]
    assert not f.walk(store, 50) and f.walk(store, 1)
    assert collected and _paged(lambda n, o: article_search.search_articles(store, f, n, o), len(collected)) == collected


@pytest.mark.parametrize("actor_id, role", [("country:CHL", None), ("country:CHL", "target"), ("country:KEN", "source"),
                                            ("person:tomas-ferreyra", None), ("person:marta-quiroga", "source")])
def test_walking_and_collecting_plans_find_the_same_events(store: Store, actor_id: str, role: str | None) -> None:
    actor = q.find_actor(store, actor_id)
    assert actor is not None
    collected = [e["id"] for e in event_lists.list_events(store, actor=actor, role=role, limit=50)]
    assert collected == _paged(lambda n, o: event_lists.list_events(store, actor=actor, role=role, limit=n, offset=o),
                               len(collected))
    dyad = [e["id"] for e in event_lists.list_events(store, source="CHL", target="ARG", both_directions=True)]
    assert len(dyad) == 3 and dyad == _paged(
        lambda n, o: event_lists.list_events(store, source="CHL", target="ARG", both_directions=True, limit=n, offset=o), 3)
    mentions = [m["id"] for m in event_lists.actor_mentions(store, actor_id)]
    assert mentions == _paged(lambda n, o: event_lists.actor_mentions(store, actor_id, limit=n, offset=o), len(mentions))


def test_quotes_about_an_actor_leave_out_the_speaker_himself(store: Store) -> None:
    about_chile = {r["text"] for r in q.quotes(store, about="CHL")}
    assert "a tired story" in about_chile  # Ferreyra speaks about Chile in that sentence
    assert not q.quotes(store, about="person:marta-quiroga")  # her own quote mentions only her


def test_actor_events_by_role_for_countries_and_people(store: Store) -> None:
    chile = q.find_actor(store, "country:CHL")
    assert chile is not None
    as_source = {e["event_type"] for e in event_lists.list_events(store, actor=chile, role="source")}
    as_target = {e["event_type"] for e in event_lists.list_events(store, actor=chile, role="target")}
    assert as_source == {"CONSULT", "ACCUSE", "SUPPORT"} and as_target == {"REJECT"}
    ferreyra = q.find_actor(store, "person:tomas-ferreyra")
    assert ferreyra is not None
    assert [e["event_type"] for e in event_lists.list_events(store, actor=ferreyra)] == ["REJECT"]
    rels = {(r["direction"], r["counterpart"]): r["events"] for r in event_lists.actor_relations(store, chile)}
    assert rels[("to", "ARG")] == 2 and rels[("from", "ARG")] == 1


def test_events_list_carries_its_evidence_sentence(store: Store) -> None:
    rows = event_lists.list_events(store, source="ken", target="uga")
    assert [r["evidence"] for r in rows] == ["Kenya agreed on Monday to lift a surcharge on Ugandan sugar"]
    assert len(event_lists.list_events(store, source="KEN", target="UGA", both_directions=True)) == 2


def test_network_period_uses_event_dates(store: Store) -> None:
    edges = {(e["source"], e["target"]) for e in q.network(store, since="2021", until="2021")}
    assert edges == {("KEN", "UGA"), ("UGA", "KEN")}
    assert ("NOR", "NOR") not in {(e["source"], e["target"]) for e in q.network(store)}


def test_copies_and_stories_are_read_when_present(tmp_path: Path) -> None:
    path = build_db(tmp_path / "s.db")
    with Store(path, readonly=True) as store:
        assert q.article_copies(store, "nw-2023-gas") == [] and q.list_stories(store) == []
        assert q.article_story_id(store, "nw-2023-gas") is None and not q.has_stories(store)
    add_stories(path)
    with Store(path, readonly=True) as store:
        assert [c["id"] for c in q.article_copies(store, "nw-undated-ferry")] == ["nw-2023-gas"]
        assert q.article_story_id(store, "nw-undated-ferry") == "s7" and q.has_stories(store)
        (story,) = q.list_stories(store)
        assert (story["size"], story["outlets"], story["label"]) == (2, 1, "Norway gas and ferries")
        articles = q.story_articles(store, "s7")
        assert [(a["id"], a["canonical_id"]) for a in articles] == [("nw-2023-gas", None),
                                                                     ("nw-undated-ferry", "nw-2023-gas")]
    drop_corpus_tables(path)
    with Store(path, readonly=True) as store:
        assert q.list_stories(store) == [] and q.story_articles(store, "s7") == [] and q.get_story(store, "s7") is None
        assert q.article_copies(store, "nw-undated-ferry") == [] and not q.has_stories(store)


@pytest.mark.parametrize("about", ["CHL", "country:ARG", "Chile", "person:hostile"])
def test_walking_and_collecting_plans_find_the_same_quotes_about(store: Store, about: str) -> None:
    collected = [r["id"] for r in q.quotes(store, about=about)]
    assert collected == _paged(lambda n, o: q.quotes(store, about=about, limit=n, offset=o), len(collected))


def test_actor_relations_can_be_bounded_to_the_latest_events(store: Store) -> None:
    chile = q.find_actor(store, "country:CHL")
    assert chile is not None
    latest = event_lists.actor_relations(store, chile, scan=1)
    assert {(r["direction"], r["counterpart"]): r["events"] for r in latest} == {
        ("to", '<i onclick=alert("code")>X</i>'): 1, ("from", "ARG"): 1}  # 2020 beats 2019
    assert {r["scanned"] for r in latest} == {1}
    every = event_lists.actor_relations(store, chile)
    assert {r["direction"]: r["scanned"] for r in every} == {"to": 3, "from": 1}
    quiroga = q.find_actor(store, "person:marta-quiroga")  # mentioned twice in the article of her one event
    assert quiroga is not None
    assert [(r["counterpart"], r["events"], r["scanned"]) for r in event_lists.actor_relations(store, quiroga)] == [
        ("ARG", 1, 1)]

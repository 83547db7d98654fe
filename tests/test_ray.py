"""The Ray engine: same database as the local engine, one report per bad input, idempotent reruns."""

from __future__ import annotations

import importlib.util
import itertools
import json
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsgraph.config import Config, load_config
from newsgraph.distributed.engine import _check_model, _read_wave, _waves, import_ray
from newsgraph.distributed.rows import SHARD_SCHEMA, result_from_row, result_row
from newsgraph.nlp import ModelError
from newsgraph.pipeline import ingest
from newsgraph.records import (
    Article,
    DateMention,
    Event,
    Extraction,
    IngestError,
    Mention,
    OffsetMap,
    Quote,
    RawDocument,
)
from newsgraph.store.db import Counts, Store

needs_ray = pytest.mark.skipif(
    importlib.util.find_spec("ray") is None, reason="Ray is not installed (pip install 'newsgraph[ray]')"
)

# Our own articles: two stories of three dated reports each, a syndicated copy, quotes, and loners.
DROUGHT = [
    ("Herders in northern Kenya lose cattle as rains fail again",
     "Pastoralists in Marsabit county said on Tuesday that hundreds of cattle had died after a fourth "
     "failed rainy season, and the county government appealed for water trucks.\n\n"
     '"We have never seen the wells this dry," said Halima Dida, a herder who walked two days to reach '
     "a borehole near the town.\n\nThe Kenya Red Cross said it was sending feed for the surviving animals."),
    ("Kenya declares drought a national disaster",
     "President William Ruto declared the drought in the north a national disaster on Thursday, freeing "
     "emergency funds for water and food deliveries to Marsabit, Turkana and Wajir.\n\n"
     '"No Kenyan will die of hunger while we watch," Ruto told parliament in Nairobi.\n\n'
     "Kenya also asked the United Nations for emergency food aid for two million people in the north. Aid "
     "agencies said the declaration came late for herders who had already lost most of their cattle."),
    ("Water trucks reach drought-hit Marsabit",
     "The first government water trucks reached villages in Marsabit county on Saturday, two days after the "
     "drought was declared a national disaster, the Kenya Red Cross said.\n\n"
     "Herders queued for hours at the trucks, and a Red Cross official said the cattle losses would take years "
     "to rebuild."),
]
STRIKE = [
    ("Rotterdam dock workers walk out over automation",
     "Crane operators at the port of Rotterdam stopped work on Monday in protest at plans to replace night "
     "shifts with remote-controlled cranes, the FNV union said.\n\n"
     '"Our members will not train the machines that take their jobs," union negotiator Niek Stam said.'),
    ("Rotterdam port strike strands container ships",
     "More than forty container ships waited outside Rotterdam on Wednesday as the strike by crane operators "
     "entered its third day, port officials said.\n\n"
     "The port authority said it had asked the union and the terminal operators to return to talks."),
    ("Rotterdam strike ends with deal on crane automation",
     "Crane operators at Rotterdam returned to work on Friday after the FNV union and terminal operators agreed "
     "that no night shifts would be cut before 2027.\n\n"
     '"This is a fair deal for the port and for the workers," Niek Stam told reporters at the terminal.'),
]
WIRE_BODY = (
    "Scientists in Chile said on Monday they had recorded the largest algae bloom ever seen off the southern "
    "coast, a red tide that has closed shellfish farms along four hundred kilometres of shoreline.\n\n"
    "The fisheries agency said salmon farms near Puerto Montt had moved their cages north, and that it would "
    "test mussels and clams every week until the bloom faded away. Chile and Peru agreed to share "
    "sea temperature data on the bloom, the two governments said.\n\n"
    '"The water temperature this summer has been two degrees above normal," said marine biologist Rosa Vera.'
)
LONERS = [
    ("Library in Tartu reopens after restoration",
     "The university library in Tartu reopened on Sunday after a three-year restoration of its reading rooms, "
     "and the first visitors queued before dawn.\n\n"
     '"It smells of old paper and new paint," said student Mart Kask.'),
    ("Wellington council votes to close the old cable car",
     "The city council in Wellington voted on Tuesday to close the historic cable car for a year of repairs, "
     "after inspectors found corrosion in the tracks.\n\nMayor Tory Whanau said a replacement bus would run."),
]


def _write_corpus(folder: Path) -> int:
    """Files of three formats and one malformed JSONL line; returns the number of good articles."""
    folder.mkdir()
    records = [
        {"id": f"drought-{i}", "title": t, "text": b, "published": f"2022-09-{13 + 2 * i:02d}", "outlet": "Savanna Post"}
        for i, (t, b) in enumerate(DROUGHT)
    ]
    records += [
        {"id": "algae-wire", "title": "Record algae bloom closes Chilean shellfish farms", "text": WIRE_BODY,
         "published": "2019-02-04", "outlet": "Southern Wire"},
        {"id": "algae-copy", "title": "Chile: record algae bloom closes shellfish farms",
         "text": WIRE_BODY + "\n\nAdditional reporting by our correspondent in Santiago.",
         "published": "2019-02-05", "outlet": "Coastal Daily"},
    ]
    lines = [json.dumps(r) for r in records]
    lines.insert(2, '{"id": "torn", "text": "this record was cut off')
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for i, (title, body) in enumerate(STRIKE):
        record = {"id": f"strike-{i}", "title": title, "text": body, "published": f"2021-03-{15 + 2 * i:02d}"}
        (folder / f"strike-{i}.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (folder / "tartu.txt").write_text(f"{LONERS[0][0]}\n\n{LONERS[0][1]}\n", encoding="utf-8")
    paras = "".join(f"<p>{p}</p>" for p in LONERS[1][1].split("\n\n"))
    (folder / "wellington.html").write_text(
        f"<html><head><title>{LONERS[1][0]}</title></head><body><nav>Home | Sport | Weather</nav>"
        f"<article><h1>{LONERS[1][0]}</h1>{paras}</article><footer>All rights reserved</footer></body></html>",
        encoding="utf-8",
    )
    return len(records) + len(STRIKE) + len(LONERS)


# Everything a run produces except bookkeeping (timestamps, run ids, the runs table).
CONTENT = {
    "articles": "SELECT rowid, id, source, url, title, subtitle, outlet, byline, dateline, published, text, raw, "
                "raw_kind, removed, date_mentions, offsets, hash, pipeline FROM articles ORDER BY rowid",
    "actors": "SELECT * FROM actors ORDER BY id",
    "mentions": "SELECT * FROM mentions ORDER BY id",
    "quotes": "SELECT * FROM quotes ORDER BY id",
    "events": "SELECT * FROM events ORDER BY id",
    "dyads": "SELECT * FROM event_dyads ORDER BY 1, 2, 3",
    "sketches": "SELECT * FROM sketches ORDER BY seq",
    "pairs": "SELECT * FROM pairs ORDER BY a, b",
    "copy_groups": "SELECT * FROM copy_groups ORDER BY 1",
    "stories": "SELECT * FROM stories ORDER BY id",
    "article_story": "SELECT * FROM article_story ORDER BY 1",
    "failures": "SELECT source, line, message FROM failures ORDER BY id",
}


def snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    try:
        return {name: conn.execute(sql).fetchall() for name, sql in CONTENT.items()}
    finally:
        conn.close()


@dataclass
class Runs:
    corpus: Path
    config: Config
    good: int
    local_db: Path
    ray_db: Path
    shards: Path
    local_progress: int
    ray_progress: int
    reported: list[IngestError]
    returned: list[IngestError]


@pytest.fixture(scope="module")
def ray_session() -> Iterator[None]:
    ray = import_ray()
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, ray_session: None) -> Runs:
    from newsgraph.distributed import ingest_ray

    tmp = tmp_path_factory.mktemp("ray")
    good = _write_corpus(tmp / "corpus")
    (tmp / "small.toml").write_text("[ingest]\nbatch_size = 3\n", encoding="utf-8")
    config = load_config(tmp / "small.toml")
    paths = [str(tmp / "corpus")]
    ticks = {"local": 0, "ray": 0}
    with Store(tmp / "local.db") as store:
        ingest(paths, store, config, processes=1, progress=lambda n: ticks.__setitem__("local", ticks["local"] + n))
    reported: list[IngestError] = []
    with Store(tmp / "ray.db") as store:
        # Two actors, waves of five documents and batches of three: several waves, batches and workers.
        report = ingest_ray(paths, store, config, shard_dir=tmp / "shards", actors=2, docs_per_wave=5,
                            progress=lambda n: ticks.__setitem__("ray", ticks["ray"] + n), on_error=reported.append)
    return Runs(tmp / "corpus", config, good, tmp / "local.db", tmp / "ray.db", tmp / "shards",
                ticks["local"], ticks["ray"], reported, report.errors)


@needs_ray
def test_ray_database_equals_local_database(runs: Runs) -> None:
    local, ray = snapshot(runs.local_db), snapshot(runs.ray_db)
    # The corpus exercises what it is meant to: quotes, a copy pair and two multi-article stories.
    assert len(local["articles"]) == runs.good
    assert local["quotes"] and local["events"]
    assert any(row[2] == "copy" for row in local["pairs"]), local["pairs"]
    assert sum(row[4] >= 2 for row in local["stories"]) >= 2, local["stories"]
    for table in CONTENT:
        assert ray[table] == local[table], table
    assert runs.ray_progress == runs.local_progress == runs.good + 1


@needs_ray
def test_bad_input_reported_once_with_its_file(runs: Runs) -> None:
    assert runs.reported == runs.returned
    assert len(runs.returned) == 1
    (error,) = runs.returned
    assert Path(error.source).name == "wire.jsonl" and error.line == 3
    assert "malformed JSON" in error.message


@needs_ray
def test_shards_hold_one_row_per_document_in_input_order(runs: Runs) -> None:
    (run_dir,) = runs.shards.iterdir()
    waves = sorted(run_dir.iterdir())
    assert len(waves) >= 2
    ids: list[str] = []
    for wave in waves:
        table = pq.read_table(wave).sort_by("seq")
        assert table.column("seq").to_pylist() == list(range(table.num_rows))
        ids += table.column("id").to_pylist()
    conn = sqlite3.connect(runs.ray_db)
    stored = [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY rowid")]
    conn.close()
    assert ids == stored


@needs_ray
def test_rerun_adds_nothing(runs: Runs) -> None:
    from newsgraph.distributed import ingest_ray

    before = snapshot(runs.ray_db)
    with Store(runs.ray_db) as store:
        report = ingest_ray([str(runs.corpus)], store, runs.config, actors=2)
    assert report.counts.as_dict() == {"added": 0, "updated": 0, "unchanged": runs.good, "failed": 1}
    after = snapshot(runs.ray_db)
    assert after.pop("failures") == before.pop("failures") * 2  # the bad line is reported on every run
    assert after == before


def test_waves_skip_a_document_repeated_unchanged_and_keep_an_edit() -> None:
    def doc(doc_id: str, text: str) -> RawDocument:
        return RawDocument(id=doc_id, source=f"{doc_id}.txt", content=text)

    batches = [[doc("a", "one"), doc("b", "two")], [doc("a", "one"), doc("c", "three")],
               [doc("b", "two, edited")], [doc("a", "one")]]
    counts = Counts()
    skipped: list[int] = []
    waves = list(_waves(batches, 4, counts, skipped.append))
    # The first wave closes at four documents; the store, not the wave, judges the last "a".
    assert [[(d.id, d.content) for d in w] for w in waves] == [
        [("a", "one"), ("b", "two"), ("c", "three"), ("b", "two, edited")],
        [("a", "one")],
    ]
    assert counts.unchanged == 1 and skipped == [1]


def _extraction() -> Extraction:
    text = "Minister Ana Ruiz said \"we will rebuild the bridge\" on 3 May.\n\nWork starts \U0001f309 soon \ud800."
    offsets = OffsetMap()
    offsets.add(0, 7, 40)
    offsets.add(42, 50, len(text) - 42)
    article = Article(id="es-1", source="bridges.jsonl", text=text, raw="raw " + text, title="Bridge",
                      published="2020-05-04", removed=["Share this"], offsets=offsets, hash="abc",
                      date_mentions=[DateMention("3 May", 52, 57, "2020-05-03")])
    return Extraction(
        article=article,
        mentions=[Mention(9, 17, "Ana Ruiz", "person:ana-ruiz", "Ana Ruiz", "person", "ESP", "GOV", 0, 60)],
        quotes=[Quote(23, 51, "we will rebuild the bridge", "direct", "said", "Ana Ruiz", 9, 17, "Ana Ruiz",
                      "person:ana-ruiz", "ESP", 0, 60)],
        events=[Event("AID", ["ESP"], [], 0, 60, ["person:ana-ruiz"], [], ["GOV"], [], None, ["infrastructure"],
                      "proposed", "2020-05-03", "Madrid", 0.5, "07", 7.0, "rebuild")],
        dedup_signature=b"NGDS\x00\xff\x10binary",
        story_features='{"terms": {"bridge": 1.5}}',
    )


def test_shard_rows_round_trip_through_parquet(tmp_path: Path) -> None:
    original = _extraction()
    failure = IngestError("bridges.jsonl", "cannot clean: ValueError: boom", 4)
    table = pa.Table.from_pylist([result_row(0, "es-1", original), result_row(1, "es-2", failure)],
                                 schema=SHARD_SCHEMA)
    pq.write_table(table, tmp_path / "shard.parquet")
    back = [result_from_row(row) for row in pq.read_table(tmp_path / "shard.parquet").to_pylist()]
    assert back == [original, failure]
    restored = back[0]
    assert isinstance(restored, Extraction)
    assert restored.article.offsets.span_to_raw(9, 17) == original.article.offsets.span_to_raw(9, 17) == (16, 24)


def test_shards_the_driver_cannot_see_stop_the_run(tmp_path: Path) -> None:
    wave = tmp_path / "wave-00000"
    wave.mkdir()
    row = result_row(0, "es-2", IngestError("bridges.jsonl", "binary file"))
    pq.write_table(pa.Table.from_pylist([row], schema=SHARD_SCHEMA), wave / "part.parquet")
    assert list(_read_wave(str(wave), 1)) == [IngestError("bridges.jsonl", "binary file")]
    for folder, expected in ((wave, 2), (tmp_path / "on-another-node", 1)):
        with pytest.raises(RuntimeError, match="shard_dir"):
            list(_read_wave(str(folder), expected))


def test_missing_model_fails_before_ray_starts() -> None:
    with pytest.raises(ModelError, match="not installed"):
        _check_model("no_such_pipeline_for_newsgraph")


def test_missing_ray_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(ImportError, match=r"newsgraph\[ray\]"):
        import_ray()


def _reference_candidates(sketches: dict[str, bytes]) -> set[tuple[str, str]]:
    """Candidates as datasketch's own LSH indexes and shared sentences propose them."""
    from datasketch import MinHash, MinHashLSH

    from newsgraph.dedup import DedupSignature
    from newsgraph.dedup.index import SHINGLE_BANDS, STEM_BANDS, lsh_bands
    from newsgraph.dedup.signature import permutations

    signatures = {doc_id: DedupSignature.from_bytes(data) for doc_id, data in sketches.items()}
    found: set[tuple[str, str]] = set()
    for field, bands in (("minhash", SHINGLE_BANDS), ("stem_minhash", STEM_BANDS)):
        num_perm = len(next(iter(signatures.values())).minhash)
        lsh = MinHashLSH(num_perm=num_perm, params=lsh_bands(bands, num_perm))
        hashes = {doc_id: MinHash(hashvalues=getattr(sig, field), permutations=permutations(num_perm),
                          scheme="affine32")
                  for doc_id, sig in signatures.items() if sig.shingles}
        for doc_id, minhash in hashes.items():
            lsh.insert(doc_id, minhash)
        for doc_id, minhash in hashes.items():
            found |= {(min(doc_id, other), max(doc_id, other)) for other in lsh.query(minhash) if other != doc_id}
    for (a, sig_a), (b, sig_b) in itertools.combinations(sorted(signatures.items()), 2):
        if sig_a.sentence_hashes & sig_b.sentence_hashes:
            found.add((a, b))
    return found


@needs_ray
def test_band_key_candidates_match_the_lsh_indexes_and_cover_every_pair(runs: Runs) -> None:
    import ray.data

    from newsgraph.distributed.bands import candidate_pairs

    conn = sqlite3.connect(runs.ray_db)
    sketches = dict(conn.execute("SELECT article_id, dedup FROM sketches").fetchall())
    stored_pairs = {tuple(sorted(row)) for row in conn.execute("SELECT a, b FROM pairs")}
    conn.close()
    rows = [{"id": doc_id, "dedup": data} for doc_id, data in sketches.items()]
    rows.append({"id": "no-sketch", "dedup": b""})
    found = {(r["a"], r["b"]) for r in candidate_pairs(ray.data.from_items(rows), partitions=2).take_all()}
    assert found == _reference_candidates(sketches)
    assert stored_pairs and stored_pairs <= found
    # The shards carry the same sketches, so the step can run on them before the store has them.
    (run_dir,) = runs.shards.iterdir()
    shard_rows = pq.read_table(run_dir, columns=["id", "dedup"]).to_pylist()
    assert {r["id"]: r["dedup"] for r in shard_rows if r["dedup"]} == sketches


def test_two_worker_processes_give_the_database_of_one(tmp_path: Path) -> None:
    """--processes 2 parses in worker processes while the main one writes and links: same content."""
    _write_corpus(tmp_path / "corpus")
    (tmp_path / "small.toml").write_text("[ingest]\nbatch_size = 3\n", encoding="utf-8")
    config = load_config(tmp_path / "small.toml")
    for procs in (1, 2):
        with Store(tmp_path / f"p{procs}.db") as store:
            report = ingest([str(tmp_path / "corpus")], store, config, processes=procs)
        assert report.counts.failed == 1
    one, two = snapshot(tmp_path / "p1.db"), snapshot(tmp_path / "p2.db")
    assert one["articles"] and one["pairs"] and one["stories"]
    for table in CONTENT:
        assert two[table] == one[table], table

"""The CLI end to end through Typer's runner, checked through the Python API."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsgraph import __version__
from newsgraph.cli import app
from newsgraph.store import queries
from newsgraph.store.db import Store
from newsgraph.store.export import TABLES

runner = CliRunner()

WIRE = """Harbour workers end strike after pay deal

ROTTERDAM - Dock workers at Europe's largest port returned to work on Thursday after unions accepted a pay offer, ending a strike that had idled dozens of container ships.

"This agreement recognises the work our members do every day," union spokeswoman Ilse de Vries told reporters at the gate.

The port authority said it expected the backlog of ships to clear within a week.
"""

COURT = """Judge delays ruling in council fraud case

A judge in Leeds on Tuesday postponed her ruling in the fraud trial of two former council officials until next month.

Prosecutors accused the pair of diverting housing funds to a company they secretly controlled. Defence lawyer Tom Hale said his clients denied every charge.
"""


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "wire.txt").write_text(WIRE, encoding="utf-8")
    (folder / "court.txt").write_text(COURT, encoding="utf-8")
    return folder


def _invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_ingest_is_incremental_and_updates_in_place(tmp_path: Path) -> None:
    folder, db = _corpus(tmp_path), tmp_path / "n.db"
    code, _, err = _invoke("ingest", str(folder), "--db", str(db))
    assert code == 0, err
    assert "2 added, 0 updated, 0 unchanged, 0 failed" in err
    code, _, err = _invoke("ingest", str(folder), "--db", str(db))
    assert "0 added, 0 updated, 2 unchanged, 0 failed" in err
    (folder / "court.txt").write_text(COURT.replace("next month", "next week"), encoding="utf-8")
    code, _, err = _invoke("ingest", str(folder), "--db", str(db), "--quiet")
    assert code == 0 and err == ""
    with Store(db) as store:
        assert queries.stats(store)["articles"] == 2
        court = queries.get_article(store, "court.txt")
        assert court is not None and "next week" in court["text"]
        assert store.query("SELECT count(*) AS n FROM runs")[0]["n"] == 3
        assert store.get_meta("config")["nlp"]["model"]


def test_bad_input_is_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder, db = _corpus(tmp_path), tmp_path / "n.db"
    assert _invoke("ingest", str(folder), "--db", str(db), "-q")[0] == 0
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (bad / "lines.jsonl").write_text(
        json.dumps({"id": "ok-1", "text": WIRE}) + "\n{not json\n" + json.dumps({"id": "no-text"}) + "\n"
    )
    code, _, err = _invoke("ingest", str(bad), str(folder), "--db", str(db))
    assert code == 1
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert any("empty.txt" in line for line in lines)
    assert any("binary.txt" in line for line in lines)
    assert any("lines.jsonl:2" in line for line in lines)
    assert any("lines.jsonl:3" in line for line in lines)
    assert "1 added, 0 updated, 2 unchanged" in err
    with Store(db) as store:
        ids = {r["id"] for r in queries.list_articles(store)}
        assert ids == {"wire.txt", "court.txt", "ok-1"}
        assert queries.stats(store)["failures"] == 4


def test_clean_and_extract_are_stateless_jsonl(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    gz = tmp_path / "wire.txt.gz"
    gz.write_bytes(gzip.compress((folder / "wire.txt").read_bytes()))
    code, out, _ = _invoke("clean", str(folder / "wire.txt"), str(gz), "--format", "jsonl")
    assert code == 0
    recs = [json.loads(line) for line in out.splitlines()]
    assert len(recs) == 2 and recs[0]["text"] == recs[1]["text"]
    assert recs[0]["title"] == "Harbour workers end strike after pay deal"
    assert recs[0]["dateline"] == "ROTTERDAM" and recs[0]["published"] is None
    code, out, _ = _invoke("extract", str(folder / "wire.txt"), "--format", "jsonl")
    assert code == 0
    rec = json.loads(out)
    raw = WIRE
    spoken = [q for q in rec["quotes"] if q["type"] == "direct"]
    assert spoken and spoken[0]["speaker"] and "Vries" in spoken[0]["speaker"]
    for q in rec["quotes"]:
        assert raw[q["quote_start"]:q["quote_end"]] == q["quote"]
    for actor in rec["actors"]:
        for m in actor["mentions"]:
            assert raw[m["start"]:m["end"]] == m["text"]


def test_queries_and_exports_through_the_cli(tmp_path: Path) -> None:
    folder, db = _corpus(tmp_path), tmp_path / "n.db"
    _invoke("ingest", str(folder), "--db", str(db), "-q")
    code, out, _ = _invoke("search", "strike", "--db", str(db), "--format", "jsonl")
    assert code == 0 and [json.loads(line)["id"] for line in out.splitlines()] == ["wire.txt"]
    code, out, _ = _invoke("quotes", "--speaker", "Vries", "--db", str(db), "--format", "jsonl")
    assert code == 0 and "recognises the work" in out
    code, out, _ = _invoke("export", "--format", "csv", "--db", str(db))
    assert code == 0 and out.splitlines()[0].startswith("id,") and len(out.splitlines()) >= 3
    parquet = tmp_path / "q.parquet"
    code, _, err = _invoke("export", "--format", "parquet", "--table", "quotes", "-o", str(parquet), "--db", str(db))
    assert code == 0 and parquet.exists(), err
    every = tmp_path / "every"
    code, _, err = _invoke("export", "--format", "parquet", "--table", "all", "-o", str(every), "--db", str(db))
    assert code == 0, err
    with Store(db) as store:
        for table in TABLES:
            stored = store.query(f"SELECT COUNT(*) AS n FROM {table}")[0]["n"]
            assert pq.read_table(every / f"{table}.parquet").num_rows == stored, table
    code, _, err = _invoke("articles", "missing-id", "--db", str(db))
    assert code == 1 and "no article" in err
    code, _, err = _invoke("stats", "--db", str(tmp_path / "absent.db"))
    assert code == 2 and "no such database" in err


def test_demo_corpus_ingests_cleanly(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    code, _, err = _invoke("demo", "--db", str(db), "--quiet")
    assert code == 0, err
    expected = json.loads((Path(__file__).parents[1] / "src/newsgraph/data/demo/expected.json").read_text())
    gold = expected["articles"]
    with Store(db) as store:
        s = queries.stats(store)
        stored = {r["id"]: r for r in store.query("SELECT id, title, published, dateline FROM articles")}
    assert set(stored) == set(gold) and s["failures"] == 0
    assert s["quotes"] > 0 and s["events"] > 0
    for article_id, want in gold.items():
        assert stored[article_id]["published"] == want["published"], article_id

    code, out, _ = _invoke("duplicates", "--db", str(db), "--format", "tsv")
    found = {tuple(sorted(line.split("\t")[:2])) for line in out.splitlines() if "\tcopy\t" in line}
    assert {tuple(sorted(pair)) for pair in expected["copies"]} <= found
    rewrites = {tuple(sorted(line.split("\t")[:2])) for line in out.splitlines() if "\trewrite\t" in line}
    assert {tuple(sorted(pair)) for pair in expected["rewrites"]} <= rewrites
    code, out, _ = _invoke("stories", "--db", str(db), "--format", "tsv")
    story_of = dict(line.split("\t") for line in out.splitlines())
    predicted = {frozenset(a for a, s in story_of.items() if s == story) for story in story_of.values()}
    assert predicted == {frozenset(members) for members in expected["stories"].values()}
    with Store(db) as store:
        copies_once = queries.stats(store)["articles_without_copies"]
        all_quotes = queries.quotes(store, limit=10_000)
        unique_quotes = queries.quotes(store, limit=10_000, without_copies=True)
        copied = {r["article_id"] for r in store.query("SELECT * FROM copy_groups WHERE canonical_id != article_id")}
    assert {b for _, b in expected["copies"]} <= copied
    assert copies_once == len(gold) - len(copied)
    assert {q["article_id"] for q in unique_quotes} == {q["article_id"] for q in all_quotes} - copied
    some_story = next(iter(story_of.values()))
    code, out, _ = _invoke("story", some_story, "--db", str(db), "--format", "jsonl")
    timeline = json.loads(out)
    assert {a["id"] for a in timeline["articles"]} == {a for a, s in story_of.items() if s == some_story}


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "newsgraph"
    if not script.exists():
        pytest.skip("the newsgraph console script is not installed in this environment")
    result = subprocess.run([str(script), "version"], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == __version__

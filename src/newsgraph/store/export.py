"""Export tables as JSONL, CSV or Parquet, and events as PLOVER JSONL.

JSON-encoded columns (lists) are decoded for JSONL; CSV and Parquet keep them as JSON
text under one fixed schema, which DuckDB and Spark read as-is (``json_extract`` or
``from_json`` for the lists).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsgraph.store.db import Store

# Every table an analyst reads; the indexes behind copies and stories (sketches, copy_*,
# story_*) are internal and rebuilt from the store.
TABLES = (
    "articles",
    "actors",
    "mentions",
    "quotes",
    "events",
    "event_dyads",
    "pairs",
    "copy_groups",
    "stories",
    "article_story",
    "failures",
    "runs",
    "meta",
)
JSON_COLUMNS = {
    "articles": ("removed", "date_mentions", "offsets"),
    "actors": ("aliases",),
    "events": ("source", "target", "source_actor_ids", "target_actor_ids", "context"),
    "pairs": ("evidence",),
    "runs": ("config", "versions"),
}
FORMATS = ("jsonl", "csv", "parquet", "plover")


def rows(store: Store, table: str, decode: bool = True) -> Iterator[dict[str, Any]]:
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; choose from {', '.join(TABLES)}")
    order = "rowid" if table == "articles" else "1"
    for row in store.iter_rows(f"SELECT * FROM {table} ORDER BY {order}"):
        row.pop("rowid", None)
        if decode:
            for col in JSON_COLUMNS.get(table, ()):
                row[col] = json.loads(row[col]) if row.get(col) is not None else None
        yield row


def plover_records(store: Store) -> Iterator[dict[str, Any]]:
    """Events in the PLOVER/POLECAT JSON layout, one per event, with their evidence."""
    sql = (
        "SELECT e.*, a.published, a.url, a.title, a.outlet, substr(a.text, e.evidence_start + 1, "
        "e.evidence_end - e.evidence_start) AS evidence FROM events e JOIN articles a ON a.id = e.article_id "
        "ORDER BY e.id"
    )
    for e in store.iter_rows(sql):
        yield {
            "event_id": f"{e['article_id']}#{e['id']}",
            "event_date": e["date"] or e["published"],
            "event_type": e["event_type"],
            "event_mode": e["mode"],
            "event_context": json.loads(e["context"]),
            "modality": e["modality"],
            "source_actors": json.loads(e["source"]),
            "source_actor_ids": json.loads(e["source_actor_ids"]),
            "target_actors": json.loads(e["target"]),
            "target_actor_ids": json.loads(e["target_actor_ids"]),
            "event_intensity": e["intensity"],
            "cameo_root": e["cameo_root"],
            "goldstein": e["goldstein"],
            "location": e["location"],
            "story_id": e["article_id"],
            "story_title": e["title"],
            "story_url": e["url"],
            "publisher": e["outlet"],
            "evidence": e["evidence"],
            "evidence_start": e["evidence_start"],
            "evidence_end": e["evidence_end"],
        }


def export(store: Store, fmt: str, table: str, out: IO[str] | Path) -> int:
    """Write ``table`` (or PLOVER events) to ``out``; returns the number of records.

    ``table="all"`` writes every table into the folder ``out``, one ``TABLE.FORMAT`` file each.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if table == "all":
        if not isinstance(out, Path) or fmt == "plover":
            raise ValueError("--table all needs a folder (--output DIR) and a table format")
        out.mkdir(parents=True, exist_ok=True)
        return sum(export(store, fmt, name, out / f"{name}.{fmt}") for name in TABLES)
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise ValueError("parquet export needs an output file (--output FILE)")
        return _parquet(store, table, out)
    records = plover_records(store) if fmt == "plover" else rows(store, table, decode=fmt == "jsonl")
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as fh:
            return _write_text(records, fmt, fh)
    return _write_text(records, fmt, out)


def _write_text(records: Iterator[dict[str, Any]], fmt: str, fh: IO[str]) -> int:
    n = 0
    writer: csv.DictWriter[str] | None = None
    for rec in records:
        if fmt == "csv":
            if writer is None:
                writer = csv.DictWriter(fh, fieldnames=list(rec))
                writer.writeheader()
            writer.writerow(rec)
        else:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


_ARROW_TYPES = {"INTEGER": pa.int64(), "REAL": pa.float64(), "TEXT": pa.string(), "BLOB": pa.binary()}


def _arrow_schema(store: Store, table: str) -> pa.Schema:
    """One schema from the declared SQLite types, so every chunk (and an empty table) agrees."""
    cols = store.query(f"PRAGMA table_info({table})")
    return pa.schema([(c["name"], _ARROW_TYPES.get(c["type"].upper(), pa.string())) for c in cols if c["name"] != "rowid"])


def _parquet(store: Store, table: str, path: Path, chunk: int = 5000) -> int:
    schema = _arrow_schema(store, table)
    n = 0
    buf: list[dict[str, Any]] = []
    with pq.ParquetWriter(str(path), schema) as writer:
        for rec in rows(store, table, decode=False):
            buf.append(rec)
            n += 1
            if len(buf) >= chunk:
                writer.write_table(pa.Table.from_pylist(buf, schema=schema))
                buf.clear()
        if buf:
            writer.write_table(pa.Table.from_pylist(buf, schema=schema))
    return n

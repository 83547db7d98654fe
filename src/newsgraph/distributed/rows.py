"""Shard rows: one per document, the extraction as JSON or the error, in a fixed Arrow schema.

JSON rather than pickle, so a shard can be read by any tool and loading one runs no code;
the dedup signature, already a compact binary, gets its own column.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from typing import Any

import pyarrow as pa

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

SHARD_SCHEMA = pa.schema([
    ("seq", pa.int64()),  # position in the run's input order, the order the store is written in
    ("id", pa.string()),
    ("extraction", pa.string()),
    ("dedup", pa.binary()),
    ("error", pa.string()),
])
RAW_FIELDS = tuple(f.name for f in fields(RawDocument))


def raw_row(seq: int, raw: RawDocument) -> dict[str, Any]:
    """A document to send to the workers, with its place in the input order."""
    return {"seq": seq, **asdict(raw)}


def raw_from_row(row: dict[str, Any]) -> RawDocument:
    return RawDocument(**{name: row[name] for name in RAW_FIELDS})


def result_row(seq: int, doc_id: str, result: Extraction | IngestError) -> dict[str, Any]:
    """The shard row of one processed document."""
    if isinstance(result, IngestError):
        return {"seq": seq, "id": doc_id, "extraction": None, "dedup": None, "error": json.dumps(asdict(result))}
    data = asdict(result)
    dedup = data.pop("dedup_signature")
    # ASCII JSON escapes lone surrogates, which Arrow strings (UTF-8) could not hold.
    return {"seq": seq, "id": doc_id, "extraction": json.dumps(data), "dedup": dedup, "error": None}


def result_from_row(row: dict[str, Any]) -> Extraction | IngestError:
    if row["error"] is not None:
        return IngestError(**json.loads(row["error"]))
    data = json.loads(row["extraction"])
    return Extraction(
        article=_article(data["article"]),
        mentions=[Mention(**m) for m in data["mentions"]],
        quotes=[Quote(**q) for q in data["quotes"]],
        events=[Event(**e) for e in data["events"]],
        dedup_signature=row["dedup"] or b"",
        story_features=data["story_features"],
    )


def _article(data: dict[str, Any]) -> Article:
    # Offset segments must be tuples again: OffsetMap bisects them against tuples.
    offsets = OffsetMap([(c, r, n) for c, r, n in data["offsets"]["segments"]])
    mentions = [DateMention(**d) for d in data["date_mentions"]]
    return Article(**{**data, "offsets": offsets, "date_mentions": mentions})

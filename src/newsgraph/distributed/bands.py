"""Copy candidates on a cluster: articles that share an LSH band key, found with a Ray Data ``groupby``.

``CopyIndex`` proposes candidates one article at a time against its index on one machine. The same
candidates are the pairs that share a key: a band of the shingle MinHash, a band of the
stem MinHash (the bands of ``CopyIndex``'s two LSH indexes) or a verbatim sentence hash. Keys
spread across the cluster by hash, so no node holds the whole index; only the exact measure of
each candidate pair, and the copy groups, remain to run (see docs/RAY.md).
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pyarrow as pa

from newsgraph.dedup import DedupSignature
from newsgraph.dedup.index import MAX_SENTENCE_POSTINGS, SHINGLE_BANDS, STEM_BANDS, lsh_bands

PAIR_SCHEMA = pa.schema([("a", pa.string()), ("b", pa.string())])
_SENTENCE = "h"


def band_keys(dedup: bytes) -> list[str]:
    """Every key under which a signature falls; two articles are candidates if they share one."""
    sig = DedupSignature.from_bytes(dedup)
    keys: list[str] = []
    if sig.shingles:  # an empty text sketches to all-max values, which would match every other
        for name, hashes, bands in (("s", sig.minhash, SHINGLE_BANDS), ("t", sig.stem_minhash, STEM_BANDS)):
            count, rows = lsh_bands(bands, sig.num_perm)
            values = np.asarray(hashes, dtype="<u4")
            keys += [f"{name}{i}:{values[i * rows:(i + 1) * rows].tobytes().hex()}" for i in range(count)]
    keys += [f"{_SENTENCE}:{h}" for h in sorted(sig.sentence_hashes)]
    return keys


def _keyed(row: dict[str, Any]) -> list[dict[str, Any]]:
    try:
        keys = band_keys(row["dedup"])
    except (ValueError, TypeError):  # a missing or foreign sketch proposes nothing
        return []
    return [{"key": key, "id": row["id"]} for key in keys]


def _pairs_in_bucket(bucket: pa.Table) -> pa.Table:
    ids = sorted(set(bucket.column("id").to_pylist()))
    key = bucket.column("key")[0].as_py() if bucket.num_rows else ""
    # Like CopyIndex, a sentence in very many articles is boilerplate and proposes nothing.
    if key.startswith(_SENTENCE + ":") and len(ids) > MAX_SENTENCE_POSTINGS:
        ids = []
    pairs = list(itertools.combinations(ids, 2))
    return pa.table({"a": [a for a, _ in pairs], "b": [b for _, b in pairs]}, schema=PAIR_SCHEMA)


def candidate_pairs(sketches: Any, partitions: int | None = None) -> Any:
    """Distinct candidate pairs ``(a, b)``, ``a < b``, of a Ray Dataset with ``id`` and ``dedup``
    columns: the Parquet shards of ``ingest_ray``, or the store's ``sketches`` rows.

    ``partitions`` sets how many shuffle partitions the two ``groupby`` steps use (Ray's
    default, 200, suits a large corpus on many nodes).
    """
    buckets = sketches.flat_map(_keyed).groupby("key", num_partitions=partitions)
    pairs = buckets.map_groups(_pairs_in_bucket, batch_format="pyarrow")
    return pairs.groupby(["a", "b"], num_partitions=partitions).count().select_columns(["a", "b"])

"""The Ray engine: the per-article work on a Ray cluster, the store and the global steps on the driver.

The driver reads the inputs and skips unchanged documents exactly as the local engine does,
sends the fresh ones to Ray Data in waves, where a pool of actors (one ``Extractor`` each)
cleans and extracts them and writes one Parquet shard row per document; the driver then
merges each wave's shards into the store in input order and finally runs ``relink``, so the
database equals the local engine's on the same inputs.
"""

from __future__ import annotations

import logging
import math
import posixpath
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq
import spacy

from newsgraph.config import Config
from newsgraph.distributed.rows import SHARD_SCHEMA, raw_from_row, raw_row, result_from_row, result_row
from newsgraph.ingest import iter_inputs
from newsgraph.nlp import load_model
from newsgraph.pipeline import (
    Extractor,
    IngestReport,
    IngestRun,
    Progress,
    batched,
    process_batch,
)
from newsgraph.records import Extraction, IngestError, RawDocument
from newsgraph.store.db import Counts, Store

INSTALL_HINT = "the Ray engine needs Ray: pip install 'newsgraph[ray]'"
# Documents per actor in one wave: each wave starts a fresh actor pool (a model load per
# actor), so a wave must be long enough to hide that, and short enough to bound driver memory.
DOCS_PER_ACTOR = 500


def import_ray() -> Any:
    """Ray, or a clear message on how to get it: it is an optional dependency."""
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise ImportError(INSTALL_HINT) from exc
    return ray


class ExtractBatches:
    """A Ray Data actor: one ``Extractor`` (model and actor registry) for all its batches."""

    def __init__(self, config: Config) -> None:
        self.extractor = Extractor(config)
        self.extractor.nlp  # noqa: B018 - load now: a missing model fails the actor, not a batch

    def __call__(self, batch: pa.Table) -> pa.Table:
        rows = batch.to_pylist()
        raws = [raw_from_row(row) for row in rows]
        results = process_batch(raws, self.extractor)
        out = [result_row(row["seq"], raw.id, res) for row, raw, res in zip(rows, raws, results, strict=True)]
        return pa.Table.from_pylist(out, schema=SHARD_SCHEMA)


def ingest_ray(
    paths: Sequence[str],
    store: Store,
    config: Config,
    *,
    address: str | None = None,
    shard_dir: str | Path | None = None,
    progress: Progress | None = None,
    on_error: Callable[[IngestError], None] | None = None,
    stdin: BinaryIO | None = None,
    actors: int | None = None,
    docs_per_wave: int | None = None,
) -> IngestReport:
    """Ingest like ``pipeline.ingest``, with the per-article work on Ray.

    ``address=None`` starts a local Ray with ``actors`` CPUs (2 by default), unless this process
    already runs one; otherwise it connects to that cluster. ``shard_dir`` keeps the Parquet shards (a
    ``run-<id>-<random>`` folder per run); it must be storage every node and the driver see (a shared
    mount or a URI such as ``s3://bucket/prefix``). By default they go to a temporary folder.
    ``actors`` defaults to one per CPU of the cluster.
    """
    ray = import_ray()
    started = not ray.is_initialized()
    if started:
        if address is None:
            _check_model(config.nlp.model)
            ray.init(num_cpus=actors or 2, include_dashboard=False, log_to_driver=False,
                     logging_level=logging.ERROR)
        else:
            ray.init(address=address, log_to_driver=False, logging_level=logging.ERROR)
    try:
        pool = actors or max(1, int(ray.cluster_resources().get("CPU", 1)))
        with _shard_root(shard_dir) as root, _quiet_ray_data(ray):
            return _run(paths, store, config, root, pool, docs_per_wave or DOCS_PER_ACTOR * pool,
                        progress, on_error, stdin, ray)
    finally:
        if started:
            ray.shutdown()


def _run(
    paths: Sequence[str], store: Store, config: Config, root: str, pool: int, wave_size: int,
    progress: Progress | None, on_error: Callable[[IngestError], None] | None, stdin: BinaryIO | None,
    ray: Any,
) -> IngestReport:
    run = IngestRun(store, config, "ingest --engine ray " + " ".join(paths), on_error, progress,
                    {"ray": ray.__version__})
    batch_size = max(1, config.ingest.batch_size)
    batches = run.fresh_batches(iter_inputs(paths, config.ingest, stdin=stdin))
    # Unique even when several databases share one shard_dir: a wave folder holds only its own rows.
    run_dir = posixpath.join(root, f"run-{run.run_id}-{uuid.uuid4().hex[:8]}")
    for number, wave in enumerate(_waves(batches, wave_size, run.counts, progress)):
        out = posixpath.join(run_dir, f"wave-{number:05d}")
        # At least four batches per actor, so that the actors finish a wave at about the same time.
        work = max(1, min(batch_size, len(wave) // (4 * pool)))
        dataset = ray.data.from_items([raw_row(seq, raw) for seq, raw in enumerate(wave)])
        dataset.map_batches(
            ExtractBatches, fn_constructor_args=(config,), batch_size=work, batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=min(pool, math.ceil(len(wave) / work))),
        ).write_parquet(out)
        for results in batched(_read_wave(out, len(wave)), batch_size):
            run.write(results)
    return run.finish()


def _waves(
    batches: Iterable[list[RawDocument]], size: int, counts: Counts, progress: Progress | None
) -> Iterator[list[RawDocument]]:
    """Fresh documents in waves of about ``size``, input order kept.

    The store only learns of a wave's documents when it is merged, so a document repeated
    unchanged within one wave is skipped here, as the local engine skips it by its hash.
    """
    wave: list[RawDocument] = []
    pending: dict[str, str] = {}
    for batch in batches:
        fresh = [raw for raw in batch if pending.get(raw.id) != raw.hash]
        counts.unchanged += len(batch) - len(fresh)
        if progress and len(fresh) < len(batch):
            progress(len(batch) - len(fresh))
        pending.update((raw.id, raw.hash) for raw in fresh)
        wave += fresh
        if len(wave) >= size:
            yield wave
            wave, pending = [], {}
    if wave:
        yield wave


def _read_wave(folder: str, expected: int) -> Iterator[Extraction | IngestError]:
    """A wave's results in input order."""
    try:
        table = pq.read_table(folder, schema=SHARD_SCHEMA).sort_by("seq")
    except FileNotFoundError:  # written to the workers' local disks
        table = SHARD_SCHEMA.empty_table()
    if table.num_rows != expected:
        raise RuntimeError(
            f"{folder}: {table.num_rows} shard rows for {expected} documents; on a cluster, "
            "shard_dir must be storage that every node and the driver see"
        )
    for row in table.to_pylist():
        yield result_from_row(row)


def _check_model(name: str) -> None:
    """Fail before starting a local Ray when the model is missing: its workers share this
    environment, and a ``ModelError`` here reads better than an actor's death on every worker."""
    if not (spacy.util.is_package(name) or Path(name).exists()):
        load_model(name)  # raises the ModelError that the CLI reports


@contextmanager
def _shard_root(shard_dir: str | Path | None) -> Iterator[str]:
    if shard_dir is not None:
        yield str(shard_dir)
        return
    with tempfile.TemporaryDirectory(prefix="newsgraph-shards-") as tmp:
        yield tmp


@contextmanager
def _quiet_ray_data(ray: Any) -> Iterator[None]:
    """Ray Data's progress bars and per-run log lines would tear through the CLI's progress bar;
    its full logs stay in the Ray session folder."""
    context = ray.data.DataContext.get_current()
    logger = logging.getLogger("ray.data")
    bars, level = context.enable_progress_bars, logger.level
    context.enable_progress_bars = False
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        context.enable_progress_bars = bars
        logger.setLevel(level)

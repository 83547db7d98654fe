"""Glue between the stages: the functions behind ``clean``, ``extract`` and ``ingest``.

The CLI, the web app and the benchmark all call these, so every entry point runs the
same code with the same config.
"""

from __future__ import annotations

import collections
import gc
import itertools
import multiprocessing
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any, BinaryIO

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph import __version__
from newsgraph.actors import ActorRegistry, find_mentions
from newsgraph.clean import clean_document
from newsgraph.collection import Collection, relink, sketch
from newsgraph.config import Config
from newsgraph.events import code_events
from newsgraph.ingest import iter_inputs
from newsgraph.nlp import ParagraphParser, load_model
from newsgraph.quotes import extract_quotes
from newsgraph.records import Article, Extraction, IngestError, RawDocument
from newsgraph.store.db import Counts, Store

Progress = Callable[[int], None]


def versions(config: Config) -> dict[str, str]:
    """Versions that determine the output; recorded in the database with the config."""
    out = {"newsgraph": __version__, "python": sys.version.split()[0], "model": config.nlp.model}
    for dist in ("spacy", "trafilatura", "htmldate", "datasketch", "pycountry", config.nlp.model.replace("_", "-")):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return out


def pipeline_tag(config: Config) -> str:
    """Identifies the code and model that produced a row; a change re-processes articles."""
    return f"newsgraph-{__version__}/{config.nlp.model}"


def clean_one(raw: RawDocument) -> Article | IngestError:
    """Clean one document; a failure becomes an error for this input only."""
    try:
        return clean_document(raw)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
        return IngestError(raw.source, f"cannot clean: {type(exc).__name__}: {exc}")


def clean_inputs(
    paths: Sequence[str], config: Config, stdin: BinaryIO | None = None
) -> Iterator[Article | IngestError]:
    """Read and clean every input, in order, streaming."""
    for item in iter_inputs(paths, config.ingest, stdin=stdin):
        yield item if isinstance(item, IngestError) else clean_one(item)


@dataclass
class Extractor:
    """Runs the NLP pass and the extraction stages over cleaned articles."""

    config: Config
    _nlp: Language | None = field(default=None, repr=False)
    registry: ActorRegistry = field(init=False, repr=False)
    _parser: ParagraphParser | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        # One registry per run keeps actor ids stable across the documents of the run.
        self.registry = ActorRegistry.from_config(self.config)

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_model(self.config.nlp.model)
        return self._nlp

    @property
    def parser(self) -> ParagraphParser:
        """The spaCy pass, remembering paragraphs already parsed in this run."""
        if self._parser is None:
            self._parser = ParagraphParser(self.nlp, self.config.nlp.batch_size, self.config.nlp.paragraph_cache)
        return self._parser

    def warm_up(self) -> None:
        """Load the model and the actor tables now, then exempt them from garbage collection:
        they live as long as the process, and the collector would otherwise rescan them often."""
        find_mentions(self.nlp("the committee met on the day."), self.registry)
        gc.freeze()

    def extract(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        """Extractions in input order. The stages run in a thread while spaCy parses the next
        documents, and overlap with it wherever spaCy releases the GIL."""
        pairs = ((a.text, a) for a in articles)
        backlog = 2 * self.config.nlp.batch_size
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsgraph-stages") as stages:
            pending: collections.deque[Future[Extraction]] = collections.deque()
            for doc, article in self.parser.pipe(pairs):
                pending.append(stages.submit(self._extract_one, doc, article))
                while pending and (pending[0].done() or len(pending) > backlog):
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()

    def _extract_one(self, doc: Doc, article: Article) -> Extraction:
        mentions = find_mentions(doc, self.registry, date=article.published)
        quotes = extract_quotes(doc, mentions)
        events = code_events(doc, mentions, quotes, article)
        dedup_signature, story_features = sketch(article, self.config)
        return Extraction(article=article, mentions=mentions, quotes=quotes, events=events,
                          dedup_signature=dedup_signature, story_features=story_features)


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


@dataclass
class IngestReport:
    counts: Counts
    errors: list[IngestError]


# Batches waiting for the writer thread at most: bounds memory when writing is the slower side.
MAX_QUEUED_BATCHES = 2


class IngestRun:
    """One ingest run, whatever the engine: the store's run record, counts, errors, and the
    steps every engine ends with (writing results in order, linking copies and stories).

    Results are written and linked by a writer thread with its own connection while the
    caller goes on parsing; SQLite and spaCy's numeric work release the GIL, so the two overlap.
    """

    def __init__(self, store: Store, config: Config, command: str, on_error: Callable[[IngestError], None] | None,
                 progress: Progress | None, extra_versions: dict[str, str] | None = None) -> None:
        self.store, self.config, self.on_error, self.progress = store, config, on_error, progress
        self.tag = pipeline_tag(config)
        self.run_id = store.start_run(command, config.to_dict(), {**versions(config), **(extra_versions or {})})
        self.counts = Counts()
        self.errors: list[IngestError] = []
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsgraph-writer")
        self._queued: collections.deque[Future[None]] = collections.deque()
        self._collection: Collection | None = None

    def fail(self, err: IngestError) -> None:
        self.errors.append(err)
        self.counts.failed += 1
        if self.on_error:
            self.on_error(err)

    def fresh_batches(self, inputs: Iterable[RawDocument | IngestError]) -> Iterator[list[RawDocument]]:
        size = max(1, self.config.ingest.batch_size)
        return fresh_batches(inputs, self.store, self.tag, self.counts, self.fail, self.progress, size)

    def write(self, results: list[Extraction | IngestError]) -> None:
        """Queue one batch of results for the writer; waits only when it falls behind."""
        for r in results:
            if isinstance(r, IngestError):
                self.fail(r)
        extractions = [r for r in results if isinstance(r, Extraction)]
        self._queued.append(self._writer.submit(self._store_batch, extractions, len(results)))
        while len(self._queued) > MAX_QUEUED_BATCHES:
            self._queued.popleft().result()

    def _store_batch(self, extractions: list[Extraction], size: int) -> None:
        """In the writer thread: store a batch in one transaction, then link it (unless an
        article changed, which calls for a full relink at the end)."""
        if self._collection is None:
            self._collection = Collection(Store(self.store.path), self.config)
        added, updated = self._collection.store.write_batch(extractions, self.tag)
        self.counts.added += added
        self.counts.updated += updated
        if not self.counts.updated:
            self._collection.link_pending()
        if self.progress:
            self.progress(size)

    def finish(self) -> IngestReport:
        try:
            while self._queued:
                self._queued.popleft().result()
        finally:
            self._writer.shutdown()
            if self._collection is not None:
                self._collection.store.close()
        relink(self.store, self.config, full=self.counts.updated > 0)
        self.store.record_failures(self.run_id, self.errors)
        self.store.finish_run(self.run_id, self.counts)
        return IngestReport(self.counts, self.errors)

_worker: Extractor | None = None


def _init_worker(config: Config) -> None:
    global _worker
    _worker = Extractor(config)
    _worker.warm_up()


def process_batch(raws: list[RawDocument], extractor: Extractor | None = None) -> list[Extraction | IngestError]:
    """Clean and extract a batch; runs in the calling process or in a pool worker."""
    ex = extractor or _worker
    assert ex is not None, "process_batch needs an extractor or an initialised worker"
    cleaned = [clean_one(raw) for raw in raws]
    articles = [c for c in cleaned if isinstance(c, Article)]
    extracted = iter(ex.extract(articles))
    return [next(extracted) if isinstance(c, Article) else c for c in cleaned]


def fresh_batches(
    inputs: Iterable[RawDocument | IngestError], store: Store, tag: str, counts: Counts,
    fail: Callable[[IngestError], None], progress: Progress | None, batch_size: int,
) -> Iterator[list[RawDocument]]:
    """Batches of documents that are new or changed; unchanged ones are counted and skipped."""
    for batch in batched(inputs, batch_size):
        raws: dict[str, RawDocument] = {}
        for item in batch:
            if isinstance(item, IngestError):
                fail(item)
            else:
                raws[item.id] = item  # the last of repeated ids wins, as on a rerun
        known = store.known_hashes(raws)
        fresh = [r for r in raws.values() if known.get(r.id) != (r.hash, tag)]
        counts.unchanged += len(raws) - len(fresh)
        if progress:
            progress(len(batch) - len(fresh))
        if fresh:
            yield fresh


def _run_batches(batches: Iterator[list[RawDocument]], config: Config, processes: int) -> Iterator[list[Extraction | IngestError]]:
    """Results in input order, with at most ``2 * processes`` batches in flight."""
    if processes <= 1:
        first = next(batches, None)
        if first is None:  # nothing new: the model is not even loaded
            return
        extractor = Extractor(config)
        extractor.warm_up()
        yield from _run_in_process(itertools.chain([first], batches), extractor)
        return
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(processes, mp_context=ctx, initializer=_init_worker, initargs=(config,)) as pool:
        pending: collections.deque[Future[list[Extraction | IngestError]]] = collections.deque()
        for batch in batches:
            pending.append(pool.submit(process_batch, batch))
            if len(pending) >= 2 * processes:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _run_in_process(batches: Iterator[list[RawDocument]], extractor: Extractor) -> Iterator[list[Extraction | IngestError]]:
    """Batch results from one stream of articles, so spaCy never waits at a batch boundary."""
    cleaned: collections.deque[list[Article | IngestError]] = collections.deque()
    done: list[Extraction] = []

    def articles() -> Iterator[Article]:
        for batch in batches:
            cleaned.append([clean_one(raw) for raw in batch])
            yield from (c for c in cleaned[-1] if isinstance(c, Article))

    def complete() -> Iterator[list[Extraction | IngestError]]:
        while cleaned and len(done) >= (need := sum(isinstance(c, Article) for c in cleaned[0])):
            extracted = iter(done[:need])
            del done[:need]
            yield [next(extracted) if isinstance(c, Article) else c for c in cleaned.popleft()]

    for extraction in extractor.extract(articles()):
        done.append(extraction)
        yield from complete()
    yield from complete()


def ingest(
    paths: Sequence[str],
    store: Store,
    config: Config,
    *,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    on_error: Callable[[IngestError], None] | None = None,
    processes: int | None = None,
) -> IngestReport:
    """Ingest inputs into the store; unchanged inputs are skipped before any parsing.

    Each batch is written in one transaction, so an interrupted run keeps whole articles
    only, and rerunning it finishes the work without duplicates.
    """
    run = IngestRun(store, config, "ingest " + " ".join(paths), on_error, progress)
    batches = run.fresh_batches(iter_inputs(paths, config.ingest, stdin=stdin))
    for results in _run_batches(batches, config, processes or config.nlp.processes):
        run.write(results)
    return run.finish()

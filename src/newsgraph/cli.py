"""The ``newsgraph`` command: thin Typer wrappers over the Python API."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, BinaryIO, TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from newsgraph import __version__, collection
from newsgraph.config import Config, ConfigError, load_config
from newsgraph.dedup import diff
from newsgraph.distributed import ingest_ray
from newsgraph.nlp import ModelError
from newsgraph.pipeline import Extractor, clean_inputs, ingest
from newsgraph.records import Article, IngestError
from newsgraph.serialize import article_json, extraction_json
from newsgraph.store import queries
from newsgraph.store.db import Store, StoreError
from newsgraph.store.export import FORMATS, TABLES, export
from newsgraph.web import serve

T = TypeVar("T")

app = typer.Typer(
    help="Newsgraph: raw news articles in, a sourced knowledge base out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# Article content is untrusted: never interpret it as Rich markup or emoji codes.
out = Console(highlight=False, soft_wrap=True, markup=False, emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)

DbOption = Annotated[Path | None, typer.Option("--db", help="SQLite database (default: [store].path, ./newsgraph.db).")]
ConfigOption = Annotated[Path | None, typer.Option("--config", help="A newsgraph.toml overriding the defaults.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table or jsonl.")]


def _config(path: Path | None) -> Config:
    try:
        return load_config(path)
    except ConfigError as exc:
        err.print(f"error: config: {exc}")
        raise typer.Exit(2) from exc


def _db_path(db: Path | None, config: Config) -> Path:
    return db or Path(config.store.path)


@contextmanager
def _open_store(db: Path | None, config: Config, readonly: bool = True) -> Iterator[Store]:
    try:
        store = Store(_db_path(db, config), readonly=readonly)
    except StoreError as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(2) from exc
    try:
        yield store
    finally:
        store.close()


def _stdin_for(paths: list[str]) -> BinaryIO | None:
    return sys.stdin.buffer if "-" in paths else None


def _report_error(e: IngestError) -> None:
    err.print(f"error: {e}")


def _print_rows(rows: list[dict[str, Any]], fmt: str, columns: list[str] | None = None) -> None:
    if fmt == "jsonl":
        for r in rows:
            typer.echo(json.dumps(r, ensure_ascii=False))
        return
    if fmt == "tsv":
        for r in rows:
            typer.echo("\t".join("" if r.get(c) is None else str(r.get(c)) for c in (columns or list(r))))
        return
    if not rows:
        out.print("(nothing)")
        return
    table = Table(show_lines=False)
    cols = columns or list(rows[0])
    for c in cols:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*(Text("" if r.get(c) is None else str(r.get(c))) for c in cols))
    out.print(table)


def _found(item: T | None, message: str) -> T:
    """The looked-up item, or a one-line error and exit status 1 when there is none."""
    if item is None:
        err.print(f"error: {message}")
        raise typer.Exit(1)
    return item


def _check_format(value: str, allowed: tuple[str, ...], option: str = "--format") -> None:
    if value not in allowed:
        err.print(f"error: {option} must be one of {', '.join(allowed)}")
        raise typer.Exit(2)


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, '-' for stdin, feed or page URLs.")],
    db: DbOption = None,
    config_path: ConfigOption = None,
    quiet: QuietOption = False,
    processes: Annotated[int | None, typer.Option(help="Worker processes (default: [nlp].processes).")] = None,
    engine: Annotated[str, typer.Option(help="local, or ray (pip install 'newsgraph[ray]').")] = "local",
    ray_address: Annotated[str | None, typer.Option(help="Ray cluster address (default: a local Ray).")] = None,
    shard_dir: Annotated[Path | None, typer.Option(help="Where Ray writes Parquet shards (shared storage).")] = None,
) -> None:
    """Ingest articles into the database: clean, parse, extract actors, quotes and events."""
    config = _config(config_path)
    _check_format(engine, ("local", "ray"), "--engine")
    with _open_store(db, config, readonly=False) as store, _progress(quiet) as advance:
        try:
            if engine == "ray":
                report = ingest_ray(paths, store, config, address=ray_address, shard_dir=shard_dir,
                                    stdin=_stdin_for(paths), progress=advance, on_error=_report_error)
            else:
                report = ingest(paths, store, config, stdin=_stdin_for(paths), progress=advance,
                                on_error=_report_error, processes=processes)
        except (ModelError, ImportError) as exc:
            err.print(f"error: {exc}")
            raise typer.Exit(2) from exc
    c = report.counts
    if not quiet:
        err.print(
            f"{c.added} added, {c.updated} updated, {c.unchanged} unchanged, {c.failed} failed "
            f"→ {_db_path(db, config)}"
        )
    if c.failed:
        raise typer.Exit(1)


@contextmanager
def _progress(quiet: bool) -> Iterator[Any]:
    if quiet:
        yield None
        return
    columns = (SpinnerColumn(), TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("ingest", total=None)
        yield lambda n: progress.advance(task, n)


@app.command("clean")
def clean_cmd(
    inputs: Annotated[list[str], typer.Argument(help="Same inputs as ingest.")],
    fmt: FormatOption = "jsonl",
    config_path: ConfigOption = None,
) -> None:
    """Clean articles without storing them: one JSON line per article (stateless)."""
    _check_format(fmt, ("jsonl",))
    config = _config(config_path)
    failed = False
    for item in clean_inputs(inputs, config, stdin=_stdin_for(inputs)):
        if isinstance(item, IngestError):
            _report_error(item)
            failed = True
        else:
            typer.echo(json.dumps(article_json(item), ensure_ascii=False))
    if failed:
        raise typer.Exit(1)


@app.command("extract")
def extract_cmd(
    inputs: Annotated[list[str], typer.Argument(help="Same inputs as ingest.")],
    fmt: FormatOption = "jsonl",
    config_path: ConfigOption = None,
) -> None:
    """Extract actors, quotes and events without storing them: one JSON line per article."""
    _check_format(fmt, ("jsonl",))
    config = _config(config_path)
    errors: list[IngestError] = []

    def articles() -> Iterator[Article]:
        for item in clean_inputs(inputs, config, stdin=_stdin_for(inputs)):
            if isinstance(item, IngestError):
                _report_error(item)
                errors.append(item)
            else:
                yield item

    try:
        for ex in Extractor(config).extract(articles()):
            typer.echo(json.dumps(extraction_json(ex), ensure_ascii=False))
    except ModelError as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(2) from exc
    if errors:
        raise typer.Exit(1)


@app.command("search")
def search_cmd(
    query: str,
    db: DbOption = None,
    limit: int = 20,
    fmt: FormatOption = "table",
    config_path: ConfigOption = None,
) -> None:
    """Full-text search over titles and article bodies."""
    with _open_store(db, _config(config_path)) as store:
        _print_rows(queries.search(store, query, limit=limit), fmt)


@app.command("articles")
def articles_cmd(
    article_id: Annotated[str | None, typer.Argument(help="Show one article in full.")] = None,
    db: DbOption = None,
    limit: int = 50,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    fmt: FormatOption = "table",
    config_path: ConfigOption = None,
) -> None:
    """List articles, or show one with its quotes, mentions and events."""
    with _open_store(db, _config(config_path)) as store:
        if article_id is None:
            _print_rows(queries.list_articles(store, limit=limit, outlet=outlet, since=since, until=until), fmt)
            return
        art = _found(queries.get_article(store, article_id), f"no article {article_id!r}")
        if fmt == "jsonl":
            typer.echo(json.dumps(art, ensure_ascii=False))
            return
        out.print(Text(art["title"] or art["id"], style="bold"))
        meta = ("id", "outlet", "byline", "dateline", "published", "source")
        out.print(" · ".join(f"{k}: {art[k]}" for k in meta if art[k]))
        out.print()
        out.print(art["text"])
        _print_rows(art["quotes"], "table", ["speaker", "type", "text"])
        _print_rows(art["events"], "table", ["event_type", "source", "target", "modality", "date"])


@app.command("stats")
def stats_cmd(db: DbOption = None, fmt: FormatOption = "table", config_path: ConfigOption = None) -> None:
    """Counts of what the database holds."""
    with _open_store(db, _config(config_path)) as store:
        s = queries.stats(store)
    _print_rows([s], fmt) if fmt == "jsonl" else _print_rows([{"what": k, "count": v} for k, v in s.items()], fmt)


@app.command("actors")
def actors_cmd(
    db: DbOption = None,
    limit: int = 50,
    kind: str | None = None,
    fmt: FormatOption = "table",
    config_path: ConfigOption = None,
) -> None:
    """Actors with their mention and quote counts."""
    with _open_store(db, _config(config_path)) as store:
        _print_rows(queries.list_actors(store, limit=limit, kind=kind), fmt)


@app.command("actor")
def actor_cmd(name: str, db: DbOption = None, fmt: FormatOption = "table", config_path: ConfigOption = None) -> None:
    """One actor: spellings, mentions and quotes."""
    with _open_store(db, _config(config_path)) as store:
        actor = _found(queries.find_actor(store, name), f"no actor matches {name!r}")
    if fmt == "jsonl":
        typer.echo(json.dumps(actor, ensure_ascii=False))
        return
    out.print(Text(actor["name"], style="bold") + f" ({actor['kind']}, {actor['country'] or '?'}, {actor['sector'] or '?'})")
    out.print("written as: " + ", ".join(f"{f['text']} ×{f['n']}" for f in actor["surface_forms"]))
    _print_rows(actor["quotes"], "table", ["article_id", "published", "type", "text"])


@app.command("quotes")
def quotes_cmd(
    speaker: str | None = None,
    about: Annotated[str | None, typer.Option(help="Actor name, id or country code in the quote's sentence.")] = None,
    since: str | None = None,
    until: str | None = None,
    type_: Annotated[str | None, typer.Option("--type", help="direct, partial or indirect.")] = None,
    outlet: str | None = None,
    no_copies: Annotated[bool, typer.Option("--no-copies", help="Count quotes repeated by copies once.")] = False,
    limit: int = 100,
    db: DbOption = None,
    fmt: FormatOption = "table",
    config_path: ConfigOption = None,
) -> None:
    """Who said what: quotes filtered by speaker, subject, date, type and outlet."""
    with _open_store(db, _config(config_path)) as store:
        rows = queries.quotes(store, speaker=speaker, about=about, since=since, until=until, type_=type_,
                              outlet=outlet, limit=limit, without_copies=no_copies)
    _print_rows(rows, fmt, None if fmt == "jsonl" else ["published", "speaker", "type", "text", "article_id"])


@app.command("relations")
def relations_cmd(
    source: str,
    target: str,
    by: Annotated[str, typer.Option(help="day, month or year.")] = "month",
    both: Annotated[bool, typer.Option("--both", help="Count both directions.")] = False,
    db: DbOption = None,
    fmt: FormatOption = "table",
    config_path: ConfigOption = None,
) -> None:
    """Events between two actors over time, by type, with counts and mean intensity."""
    with _open_store(db, _config(config_path)) as store:
        try:
            rows = queries.relations(store, source, target, by=by, both_directions=both)
        except ValueError as exc:
            err.print(f"error: {exc}")
            raise typer.Exit(2) from exc
    _print_rows(rows, fmt)


@app.command("network")
def network_cmd(
    since: str | None = None,
    until: str | None = None,
    limit: int = 100,
    db: DbOption = None,
    fmt: FormatOption = "table",
    config_path: ConfigOption = None,
) -> None:
    """The actor network for a period: edges weighted by events, with mean intensity."""
    with _open_store(db, _config(config_path)) as store:
        _print_rows(queries.network(store, since=since, until=until, limit=limit), fmt)


@app.command("duplicates")
def duplicates_cmd(
    kind: Annotated[str | None, typer.Option(help="copy, partial or rewrite.")] = None,
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, tsv or jsonl.")] = "table",
    config_path: ConfigOption = None,
) -> None:
    """Copies, partial copies and rewrites: id, id, kind, similarity."""
    with _open_store(db, _config(config_path)) as store:
        rows = collection.duplicate_pairs(store, kind)
    if fmt != "jsonl":
        rows = [{k: r[k] for k in ("a", "b", "kind", "similarity")} for r in rows]
    _print_rows(rows, fmt)


@app.command("stories")
def stories_cmd(
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, tsv (id<TAB>story_id) or jsonl.")] = "table",
    config_path: ConfigOption = None,
) -> None:
    """Stories: every article with the story it belongs to."""
    with _open_store(db, _config(config_path)) as store:
        if fmt == "tsv":
            _print_rows(collection.story_assignments(store), "tsv", ["id", "story_id"])
            return
        _print_rows(queries.list_stories(store, limit=1000), fmt)


@app.command("story")
def story_cmd(story_id: str, db: DbOption = None, fmt: FormatOption = "table", config_path: ConfigOption = None) -> None:
    """One story's timeline of articles, quotes and events."""
    with _open_store(db, _config(config_path)) as store:
        story = _found(collection.story_timeline(store, story_id), f"no story {story_id!r}")
    if fmt == "jsonl":
        typer.echo(json.dumps(story, ensure_ascii=False))
        return
    out.print(Text(story["label"], style="bold") + f"  {story['start'] or '?'} → {story['end'] or '?'}  ({story['size']} articles)")
    _print_rows(story["articles"], "table", ["published", "outlet", "title", "id", "canonical_id"])
    _print_rows(story["quotes"], "table", ["published", "speaker", "type", "text"])
    _print_rows(story["events"], "table", ["date", "source", "event_type", "target", "modality"])


@app.command("diff")
def diff_cmd(first: str, second: str, db: DbOption = None, config_path: ConfigOption = None) -> None:
    """What differs between two articles (e.g. a copy and its original)."""
    with _open_store(db, _config(config_path)) as store:
        a = _found(queries.get_article(store, first), f"no article {first!r}")
        b = _found(queries.get_article(store, second), f"no article {second!r}")
    chunks = diff(a["text"], b["text"])
    if not chunks:
        out.print("identical clean text")
    for chunk in chunks:
        out.print(Text(chunk.op, style="bold") + f"  - {chunk.a_text!r}  + {chunk.b_text!r}")


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help=", ".join(FORMATS))] = "jsonl",
    table: Annotated[str, typer.Option(help=", ".join(TABLES) + ", or all (one file each in --output DIR)")] = "articles",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
    db: DbOption = None,
    config_path: ConfigOption = None,
) -> None:
    """Export a table (articles by default) as JSONL, CSV or Parquet, or events as PLOVER JSONL."""
    with _open_store(db, _config(config_path)) as store:
        try:
            n = export(store, fmt, table, output if output else sys.stdout)
        except ValueError as exc:
            err.print(f"error: {exc}")
            raise typer.Exit(2) from exc
    if output:
        err.print(f"{n} records → {output}")


DEMO_SUFFIXES = (".txt", ".html", ".jsonl")


@app.command("demo")
def demo_cmd(db: DbOption = None, quiet: QuietOption = False, config_path: ConfigOption = None) -> None:
    """Ingest the demo corpus that ships with Newsgraph and summarise what was found."""
    config = _config(config_path)
    corpus = resources.files("newsgraph").joinpath("data/demo")
    with resources.as_file(corpus) as folder, _open_store(db, config, readonly=False) as store:
        inputs = [str(p) for p in sorted(folder.iterdir()) if p.suffix in DEMO_SUFFIXES]
        with _progress(quiet) as advance:
            report = ingest(inputs, store, config, progress=advance, on_error=_report_error)
        c = report.counts
        out.print(f"{c.added} added, {c.updated} updated, {c.unchanged} unchanged, {c.failed} failed")
        _print_rows([queries.stats(store)], "table")
        _print_rows(queries.list_actors(store, limit=10), "table", ["name", "kind", "country", "mentions", "quotes"])
        _print_rows(queries.quotes(store, limit=8), "table", ["speaker", "type", "text"])


@app.command("serve")
def serve_cmd(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to bind; 127.0.0.1 keeps it on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    config_path: ConfigOption = None,
) -> None:
    """Serve the web UI and JSON API over a database (read-only)."""
    config = _config(config_path)
    path = _db_path(db, config)
    with _open_store(path, config):  # a clear error now rather than on the first request
        pass
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"warning: serving on {host}: anyone who can reach this address can read the database")
    err.print(f"Newsgraph is serving {path} at http://{'[' + host + ']' if ':' in host else host}:{port}/")
    serve(path, host=host, port=port)


@app.command("version")
def version_cmd() -> None:
    """Print the Newsgraph version."""
    typer.echo(__version__)


def main() -> None:
    app()

"""JSON Lines (one article per line, read lazily with a per-line cap) and whole JSON files.

Besides the documented fields, a few common names used by news datasets (news-please,
NewsAPI dumps, scraper exports) are accepted, the documented name winning. A whole JSON
file (an array of records, one record, or an object wrapping a list of records, as API
responses do) is parsed in memory, so its size is capped.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from newsgraph.config import IngestConfig
from newsgraph.ingest.decode import decode_bytes
from newsgraph.ingest.documents import Metadata, Origin, make_document, read_whole
from newsgraph.ingest.streams import iter_lines
from newsgraph.records import IngestError, RawDocument, RawKind

_TEXT_FIELDS = ("text", "maintext", "content", "body", "article")
_HTML_FIELDS = ("html", "raw_html")
_FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "_id", "doc_id", "article_id", "uuid"),
    "url": ("url", "link"),
    "title": ("title", "headline"),
    "published": (
        "published",
        "date",
        "date_publish",
        "published_at",
        "publishedAt",
        "publish_date",
        "pub_date",
    ),
    "outlet": ("outlet", "source", "source_domain", "site_name", "publisher"),
    "author": ("author", "authors", "byline"),
}
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# A JSON string may escape every character as \\uXXXX: six bytes for one character.
_JSON_BYTES_PER_CHAR = 6
_LINE_SLACK = 1 << 16

Item = RawDocument | IngestError


def read_jsonl(stream: BinaryIO, origin: Origin, config: IngestConfig) -> Iterator[Item]:
    """One RawDocument per line; malformed lines become IngestErrors and reading goes on."""
    max_bytes = _JSON_BYTES_PER_CHAR * config.max_document_chars + _LINE_SLACK
    for line_no, line in iter_lines(stream, max_bytes):
        if line is None:
            yield IngestError(
                origin.source,
                f"line is longer than {max_bytes:,} bytes, so its document is over the cap of "
                f"{config.max_document_chars:,} characters ([ingest].max_document_chars)",
                line_no,
            )
            continue
        text = _decode(line, origin.source)
        if isinstance(text, IngestError):
            yield IngestError(text.source, text.message, line_no)
            continue
        if not text.strip():
            continue
        record = _parse(text, origin.source, line_no)
        if isinstance(record, IngestError):
            yield record
        else:
            yield _document(record, origin, config, f"{origin.id}:{line_no}", line=line_no)


def read_json(stream: BinaryIO, origin: Origin, config: IngestConfig) -> Iterator[Item]:
    """Records of a whole JSON file; falls back to JSON Lines when the file is really that."""
    data = read_whole(stream, origin, config, "JSON file (use JSON Lines for big collections)")
    if isinstance(data, IngestError):
        yield data
        return
    text = _decode(data, origin.source)
    if isinstance(text, IngestError):
        yield text
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # several values, one per line
            yield from read_jsonl(io.BytesIO(text.encode("utf-8")), origin, config)
        else:
            yield IngestError(origin.source, f"malformed JSON: {exc.msg} (column {exc.colno})", exc.lineno)
        return
    except RecursionError:
        yield IngestError(origin.source, "malformed JSON: nested too deeply")
        return
    records = _records_in(value)
    if not records:
        yield IngestError(origin.source, "no article records found in this JSON file")
    for number, record in enumerate(records, start=1):
        context = f"item {number}" if len(records) > 1 else None
        yield _document(record, origin, config, f"{origin.id}#{number}", context=context)


def _records_in(value: Any) -> list[Any]:
    """The article records of a JSON value: an array, one record, or the first list of objects inside."""
    if isinstance(value, list):
        return value
    if not isinstance(value, dict):
        return []
    if _content(value, _TEXT_FIELDS + _HTML_FIELDS):
        return [value]
    for inner in value.values():
        if isinstance(inner, list) and inner and all(isinstance(item, dict) for item in inner):
            return inner
    return []


def _decode(data: bytes, source: str) -> str | IngestError:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return decode_bytes(data, source)


def _parse(text: str, source: str, line_no: int) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        return IngestError(source, f"malformed JSON: {exc.msg} (column {exc.colno})", line_no)
    except RecursionError:
        return IngestError(source, "malformed JSON: nested too deeply", line_no)


def _document(
    record: Any,
    origin: Origin,
    config: IngestConfig,
    fallback_id: str,
    line: int | None = None,
    context: str | None = None,
) -> Item:
    """A record's document; ids are the record's own, else its URL, else ``fallback_id``."""
    prefix = f"{context}: " if context else ""
    if not isinstance(record, dict):
        return IngestError(
            origin.source, f"{prefix}expected a JSON object, got {type(record).__name__}", line
        )
    text, markup = _content(record, _TEXT_FIELDS), _content(record, _HTML_FIELDS)
    kind: RawKind = "text" if text else "html"
    content = text or markup
    if not content:
        return IngestError(origin.source, f"{prefix}record has no non-empty 'text' or 'html' field", line)
    fields = {name: _first(record, keys) for name, keys in _FIELDS.items()}
    meta = Metadata(
        url=fields["url"],
        title=fields["title"],
        published=fields["published"],
        outlet=fields["outlet"],
        author=fields["author"],
    )
    doc_id = fields["id"] or fields["url"] or fallback_id
    # Lone surrogates cannot be stored as UTF-8; one replacement character keeps offsets.
    content = _LONE_SURROGATE.sub("\ufffd", content)
    return make_document(content, kind, doc_id, origin.source, config, meta, line=line, context=context)


def _content(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    """The body exactly as written (offsets point into it), from the first non-blank string field."""
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = _as_text(record.get(key))
        if value:
            return value
    return None


def _as_text(value: Any) -> str | None:
    """A metadata value as one string: scalars as written, lists joined, ``{"name": ...}`` by name."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        parts = [part for part in (_as_text(item) for item in value) if part]
        return ", ".join(parts) or None
    if isinstance(value, dict):
        return _as_text(value.get("name"))
    return None

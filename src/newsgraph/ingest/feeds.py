"""RSS/Atom feeds: each entry's content (or summary) becomes an HTML document.

Entry links are never fetched: only URLs the user names are, so a feed cannot make the
tool reach elsewhere.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any, BinaryIO

import feedparser

from newsgraph.config import IngestConfig
from newsgraph.ingest.documents import Metadata, Origin, make_document, read_whole
from newsgraph.records import IngestError, RawDocument


def read_feed(stream: BinaryIO, origin: Origin, config: IngestConfig) -> Iterator[RawDocument | IngestError]:
    """One document per entry; a feed is small, so it is parsed whole."""
    data = read_whole(stream, origin, config, "feed")
    if isinstance(data, IngestError):
        yield data
        return
    # A stream, never str or bytes: feedparser would treat those as a URL or a file name to open.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=_headers(origin))
    if not parsed.get("version"):
        reason = f": {parsed.bozo_exception}" if parsed.get("bozo") else ""
        yield IngestError(origin.source, f"not an RSS or Atom feed{reason}")
        return
    if not parsed.entries:
        yield IngestError(origin.source, "feed has no entries")
        return
    outlet = _text(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, start=1):
        link = _text(entry.get("link"))
        doc_id = link or _text(entry.get("id")) or f"{origin.id}#{number}"
        content = _content(entry)
        if not content:
            yield IngestError(
                origin.source, f"entry {number} ({link or 'no link'}) has no content or summary"
            )
            continue
        meta = Metadata(
            url=link,
            title=_text(entry.get("title")),
            published=_text(entry.get("published") or entry.get("updated")),
            outlet=outlet,
            author=_text(entry.get("author")),
        )
        yield make_document(content, "html", doc_id, origin.source, config, meta, context=f"entry {number}")


def _content(entry: Any) -> str | None:
    """The longest of the entry's full content and its summary (some feeds put the article in either)."""
    candidates = [part.get("value") for part in entry.get("content") or []] + [entry.get("summary")]
    texts = [text for text in candidates if isinstance(text, str) and text.strip()]
    return max(texts, key=len) if texts else None


def _text(value: Any) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def _headers(origin: Origin) -> dict[str, str]:
    """The HTTP Content-Type, so feedparser honours its charset as a browser would."""
    return {"content-type": origin.content_type} if origin.content_type else {}

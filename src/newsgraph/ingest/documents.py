"""Turning decoded content into a checked RawDocument, shared by every reader."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import BinaryIO

from lxml import etree
from lxml import html as lxml_html

from newsgraph.config import IngestConfig
from newsgraph.ingest.decode import decode_bytes
from newsgraph.ingest.sniff import Format, looks_like_html
from newsgraph.records import IngestError, RawDocument, RawKind

_XML_PROLOG = re.compile(r"\A\s*<\?xml[^>]*>")
_INVISIBLE = ("script", "style", "noscript", "template")
# Feeds and whole JSON files are parsed in memory, at several times their size: keep them modest.
WHOLE_FILE_MAX_BYTES = 64 * 1024 * 1024
# UTF-8 and UTF-32 take at most 4 bytes a character: more bytes than this cannot fit the cap.
_MAX_BYTES_PER_CHAR = 4


@dataclass(frozen=True)
class Origin:
    """Where one input stream came from, and so how its records are named."""

    id: str  # the id of a single-document input; the prefix of JSONL ids without their own
    source: str  # the path as given, the URL, or "stdin"
    name: str  # the file name (or URL path) whose extension hints the format
    size: int | None = None  # bytes on disk, for messages
    charset: str | None = None  # declared by an HTTP header
    content_type: str | None = None  # declared by an HTTP header
    url: str | None = None  # the final URL of a fetched document


@dataclass(frozen=True)
class Metadata:
    """What a container (JSONL record, WARC header, feed entry) says about a document."""

    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    author: str | None = None


def make_document(
    content: str,
    kind: RawKind,
    doc_id: str,
    source: str,
    config: IngestConfig,
    meta: Metadata | None = None,
    line: int | None = None,
    context: str | None = None,
) -> RawDocument | IngestError:
    """A RawDocument, or an IngestError saying why this content is not an article.

    ``line`` numbers a JSONL record; ``context`` names a record inside a container (a WARC
    target URI, a feed entry) in error messages.
    """

    def error(message: str) -> IngestError:
        return IngestError(source, f"{context}: {message}" if context else message, line)

    if not content.strip():
        return error("empty document")
    if len(content) > config.max_document_chars:
        return error(
            f"document is {len(content):,} characters, over the cap of "
            f"{config.max_document_chars:,} ([ingest].max_document_chars)"
        )
    if kind == "text" and looks_like_html(content):
        kind = "html"
    if kind == "html" and not has_body_text(content):
        return error("HTML has no body text")
    meta = meta or Metadata()
    return RawDocument(
        id=doc_id,
        source=f"{source}:{line}" if line is not None else source,
        content=content,
        kind=kind,
        url=meta.url,
        title=meta.title,
        published=meta.published,
        outlet=meta.outlet,
        author=meta.author,
    )


def read_document(
    stream: BinaryIO, fmt: Format, origin: Origin, config: IngestConfig
) -> RawDocument | IngestError:
    """One text or HTML document: the whole (capped) stream."""
    limit = _MAX_BYTES_PER_CHAR * config.max_document_chars
    data = stream.read(limit + 1)
    if len(data) > limit:
        size = f"{origin.size:,} bytes" if origin.size else f"more than {limit:,} bytes"
        return IngestError(
            origin.source,
            f"document is {size}, over the cap of {config.max_document_chars:,} characters "
            "([ingest].max_document_chars)",
        )
    if not data.strip():
        return IngestError(origin.source, "empty file")
    text = decode_bytes(data, origin.source, origin.charset)
    if isinstance(text, IngestError):
        return text
    kind: RawKind = "html" if fmt == "html" else "text"
    return make_document(text, kind, origin.id, origin.source, config, Metadata(url=origin.url))


def read_whole(stream: BinaryIO, origin: Origin, config: IngestConfig, what: str) -> bytes | IngestError:
    """All of a stream that must be parsed at once (a feed, a JSON file), within a memory cap."""
    cap = min(config.max_decompressed_bytes, WHOLE_FILE_MAX_BYTES)
    data = stream.read(cap + 1)
    if len(data) > cap:
        return IngestError(origin.source, f"{what} is over {cap:,} bytes, the most read whole; split it")
    return data


def has_body_text(markup: str) -> bool:
    """True when the page has visible text in its body (scripts and styles do not count)."""
    try:
        root = lxml_html.document_fromstring(_XML_PROLOG.sub("", markup, count=1))
    except (etree.ParserError, ValueError):
        return False
    body = root.find(".//body")
    if body is None:
        return False
    for element in list(body.iter(*_INVISIBLE)):
        element.drop_tree()
    return bool(body.text_content().strip())

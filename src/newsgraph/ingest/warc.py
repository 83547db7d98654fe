"""WARC archives (plain or gzip): each successful HTML response is one document.

Non-article records (requests, metadata, images, redirects, errors) are skipped silently;
a record that cannot be parsed ends the file with one IngestError, since warcio cannot
resynchronise after it, and what was read before it is kept.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from newsgraph.config import IngestConfig
from newsgraph.ingest.decode import charset_param, decode_bytes
from newsgraph.ingest.documents import Metadata, Origin, make_document
from newsgraph.ingest.sniff import looks_like_html
from newsgraph.ingest.streams import Allowance
from newsgraph.records import IngestError, RawDocument

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# WARC plus HTTP headers of one record, with room for warcio's read-ahead; real ones are a few KB.
_HEADER_ALLOWANCE = 1 << 20
_CHUNK = 1 << 16


def read_warc(stream: BinaryIO, origin: Origin, config: IngestConfig) -> Iterator[RawDocument | IngestError]:
    """Stream the (already decompressed) archive record by record.

    warcio reads header lines without a length limit, so everything it reads outside a
    payload (headers, blank lines) is held to a small allowance: a bomb or a junk file
    fails fast instead of filling memory. Payloads are skipped in chunks, or read up to
    the decompression cap.
    """
    guarded = Allowance(stream)
    records = ArchiveIterator(io.BufferedReader(guarded), arc2warc=True)
    read = 0
    try:
        while True:
            guarded.allow(_HEADER_ALLOWANCE, f"WARC headers longer than {_HEADER_ALLOWANCE:,} bytes")
            records.read_to_end()  # the blank lines after the previous record
            record = next(records, None)
            if record is None:
                return
            guarded.allow(None)
            item = _document(record, origin, config)
            while record.raw_stream.read(_CHUNK):  # skip the rest of the payload, in chunks
                pass
            read += 1
            if item is not None:
                yield item
    # warcio fails on junk with many exception types (ArchiveLoadFailed, ValueError, TypeError...).
    except Exception as exc:
        yield IngestError(
            origin.source,
            f"bad WARC record after {read:,} good ones: {_first_line(exc)}; stopped reading this file",
        )


def _document(
    record: ArcWarcRecord, origin: Origin, config: IngestConfig
) -> RawDocument | IngestError | None:
    if record.rec_type not in ("response", "resource"):
        return None
    uri = (
        record.rec_headers.get_header("WARC-Target-URI")
        or f"{origin.id}@{record.rec_headers.get_header('WARC-Record-ID')}"
    )
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    if headers is None:
        return None
    status = headers.get_statuscode() if record.rec_type == "response" else "200"
    if not (status or "").startswith("2"):
        return None
    content_type = (headers.get_header("Content-Type") or "").lower()
    if content_type and not content_type.startswith(_HTML_TYPES):
        return None
    cap = config.max_decompressed_bytes
    payload = record.content_stream().read(cap + 1)
    if len(payload) > cap:
        return IngestError(
            origin.source,
            f"{uri}: payload is over the cap of {cap:,} bytes ([ingest].max_decompressed_bytes)",
        )
    if not content_type and not looks_like_html(payload[:4096].decode("latin-1")):
        return None
    text = decode_bytes(payload, origin.source, charset_param(content_type))
    if isinstance(text, IngestError):
        return IngestError(origin.source, f"{uri}: {text.message}")
    return make_document(text, "html", uri, origin.source, config, Metadata(url=uri), context=uri)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]

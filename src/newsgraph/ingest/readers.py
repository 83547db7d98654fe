"""Dispatch one input stream to its format's reader, turning stream failures into IngestErrors."""

from __future__ import annotations

import dataclasses
import gzip
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from newsgraph.config import IngestConfig
from newsgraph.ingest.documents import Origin, read_document
from newsgraph.ingest.feeds import read_feed
from newsgraph.ingest.jsonl import read_json, read_jsonl
from newsgraph.ingest.sniff import sniff_format
from newsgraph.ingest.streams import GZIP_MAGIC, InputTooLarge, gunzip, gunzip_head, peek
from newsgraph.ingest.warc import read_warc
from newsgraph.records import IngestError, RawDocument


def read_stream(
    stream: BinaryIO, origin: Origin, config: IngestConfig
) -> Iterator[RawDocument | IngestError]:
    """Every document in one input (gzip-compressed or not), in order; errors in the stream end it."""
    try:
        head, stream = peek(stream)
        if not head:
            yield IngestError(origin.source, "empty file")
            return
        compressed = head.startswith(GZIP_MAGIC)
        fmt = sniff_format(origin.name, gunzip_head(head) if compressed else head, origin.content_type)
        if compressed:
            origin = dataclasses.replace(origin, size=None)  # the size on disk is not the content's
            # A WARC is legitimately huge: its caps are per record (see read_warc).
            stream = gunzip(stream, None if fmt == "warc" else config.max_decompressed_bytes)
        if fmt == "warc":
            yield from read_warc(stream, origin, config)
            return
        if fmt == "jsonl":
            yield from read_jsonl(stream, origin, config)
        elif fmt == "json":
            yield from read_json(stream, origin, config)
        elif fmt == "feed":
            yield from read_feed(stream, origin, config)
        else:
            yield read_document(stream, fmt, origin, config)
    except InputTooLarge as exc:
        yield IngestError(origin.source, f"{exc}; stopped reading (a compression bomb?)")
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield IngestError(origin.source, f"truncated or corrupt gzip data: {exc}")
    except OSError as exc:
        yield IngestError(origin.source, f"read error: {exc.strerror or exc}")

"""Byte-stream helpers: look ahead without seeking, cap decompression, read capped lines.

Inputs may be pipes (stdin) or decompressors, which cannot seek; these wrappers let a
reader sniff the first bytes and still hand the whole stream on, in constant memory.
"""

from __future__ import annotations

import codecs
import gzip
import io
import zlib
from collections.abc import Callable, Iterator
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b"
HEAD_BYTES = 8192
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class InputTooLarge(Exception):
    """More bytes came out of a stream than its allowance (a compression bomb, or a cap set too low)."""


class _Prefixed(io.RawIOBase):
    """Replays bytes already read from ``rest`` before reading on from it."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class Allowance(io.RawIOBase):
    """Counts the bytes read from ``inner`` and raises InputTooLarge past a limit that can be reset.

    Decompression happens below this wrapper, so the count is of decompressed bytes.
    """

    def __init__(self, inner: BinaryIO) -> None:
        self._inner = inner
        self._left: int | None = None
        self._message = ""

    def allow(self, limit: int | None, message: str = "") -> None:
        """From now on allow ``limit`` more bytes (None: any number), else raise with ``message``."""
        self._left, self._message = limit, message

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._inner.read(len(buffer))
        if self._left is not None:
            self._left -= len(data)
            if self._left < 0:
                raise InputTooLarge(self._message)
        buffer[: len(data)] = data
        return len(data)


def peek(stream: BinaryIO, size: int = HEAD_BYTES) -> tuple[bytes, BinaryIO]:
    """The first ``size`` bytes, and a stream that still yields them."""
    head = stream.read(size)
    return head, io.BufferedReader(_Prefixed(head, stream))


def gunzip(stream: BinaryIO, cap: int | None) -> BinaryIO:
    """A decompressing view of a (multi-member) gzip stream that refuses to inflate past ``cap`` bytes."""
    decompressed: BinaryIO = gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[assignment]
    if cap is None:
        return decompressed
    capped = Allowance(decompressed)
    capped.allow(cap, f"decompressed size is over the cap of {cap:,} bytes ([ingest].max_decompressed_bytes)")
    return io.BufferedReader(capped)


def gunzip_head(head: bytes, size: int = HEAD_BYTES) -> bytes:
    """Best-effort decompression of a gzip stream's first bytes, for sniffing its format."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, size)
    except zlib.error:
        return b""


def bom_encoding(head: bytes) -> str | None:
    """The UTF-16/32 encoding announced by a byte-order mark (UTF-8 BOMs are handled by decoding)."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def iter_lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """Number and yield lines one at a time; a line over ``max_bytes`` is skipped and yields ``None``.

    A stream that starts with a UTF-16/32 byte-order mark (whose line breaks are not single
    bytes) is decoded and its lines yielded re-encoded as UTF-8.
    """
    read_line = _line_reader(stream)
    line_no = 0
    while line := read_line(max_bytes + 1):
        line_no += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = read_line(1 << 16)
            yield line_no, None
        else:
            yield line_no, line


def _line_reader(stream: BinaryIO) -> Callable[[int], bytes]:
    head, stream = peek(stream, 4)
    encoding = bom_encoding(head)
    if not encoding:
        return stream.readline
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
    return lambda size: text.readline(size).encode("utf-8", "surrogatepass")

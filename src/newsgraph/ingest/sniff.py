"""Which reader an input needs: by extension first, then by its first bytes.

Content sniffing matters for stdin, for files with unknown or missing extensions, and for
saved web pages named ``.txt``.
"""

from __future__ import annotations

import codecs
import re
from pathlib import PurePosixPath
from typing import Literal

from newsgraph.ingest.streams import bom_encoding

Format = Literal["text", "html", "jsonl", "json", "warc", "feed"]

_EXTENSIONS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonlines": "jsonl",
    ".json": "json",
    ".warc": "warc",
    ".arc": "warc",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
_CONTENT_TYPES: dict[str, Format] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/warc": "warc",
}
_COMPRESSED = (".gz", ".gzip")
_HTML_START = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|article|main|section|div|p|h[1-6]|table)\b", re.IGNORECASE
)
_FEED_START = re.compile(r"(?:<!doctype[^>]*>\s*)?<(?:rss|feed|rdf:rdf)\b", re.IGNORECASE)

# An array of objects, or an object whose first line is just "{" (pretty-printed), is one JSON value.
_WHOLE_JSON = re.compile(r"\A\s*(?:\[\s*[{\]]|\{[ \t\r]*\n)")


def strip_compression(name: str) -> str:
    """``a.jsonl.gz`` -> ``a.jsonl``."""
    lower = name.lower()
    for suffix in _COMPRESSED:
        if lower.endswith(suffix):
            return name[: -len(suffix)]
    return name


def looks_like_html(text: str) -> bool:
    """True when text opens with markup (a document, or a fragment such as ``<p>...``)."""
    return bool(_HTML_START.match(_skip_prolog(text[:4096])))


def sniff_format(name: str, head: bytes, content_type: str | None = None) -> Format:
    """The reader for an input named ``name`` (after decompression) whose content starts with ``head``."""
    by_extension = _EXTENSIONS.get(PurePosixPath(strip_compression(name).lower()).suffix)
    if by_extension in ("jsonl", "json", "warc", "feed", "html"):
        return by_extension
    if head.startswith(b"WARC/"):
        return "warc"
    text = _ascii_view(head)
    declared = _CONTENT_TYPES.get((content_type or "").split(";")[0].strip().lower())
    if declared and declared != "html":
        return declared
    if _FEED_START.match(_skip_prolog(text)):
        return "feed"
    if declared == "html" or looks_like_html(text):
        return "html"
    if by_extension is None and _WHOLE_JSON.match(text):
        return "json"
    if by_extension is None and text.lstrip().startswith("{"):
        return "jsonl"
    return "text"


def _skip_prolog(text: str) -> str:
    """The text after leading whitespace, comments and ``<?...?>`` declarations."""
    rest = text.lstrip()
    while rest.startswith(("<?", "<!--")):
        close = "?>" if rest.startswith("<?") else "-->"
        end = rest.find(close)
        if end < 0:
            return ""
        rest = rest[end + len(close) :].lstrip()
    return rest


def _ascii_view(head: bytes) -> str:
    """Enough of a decoding to see ASCII markers, whatever the real encoding."""
    encoding = bom_encoding(head)
    if encoding:
        return head.decode(encoding, errors="ignore")
    return head.removeprefix(codecs.BOM_UTF8).decode("latin-1")

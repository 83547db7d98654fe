"""Ingest: turn paths, globs, stdin, feeds and URLs into a stream of RawDocument records."""

from newsgraph.ingest.decode import decode_bytes
from newsgraph.ingest.fetch import Fetched, FetchError, check_url, is_public_address
from newsgraph.ingest.sources import iter_inputs

__all__ = ["FetchError", "Fetched", "check_url", "decode_bytes", "is_public_address", "iter_inputs"]

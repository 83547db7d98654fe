"""Ingest: turn paths, globs, stdin, feeds and URLs into a stream of RawDocument records."""

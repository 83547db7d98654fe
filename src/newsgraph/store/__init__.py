"""Store: one SQLite file with a versioned schema, FTS5 search and provenance."""

"""Web: a local FastAPI application over the store."""

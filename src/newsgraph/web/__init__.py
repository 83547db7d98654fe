"""Web: a local, read-only FastAPI application over the store (pages and a JSON API)."""

from newsgraph.web.app import create_app, serve

__all__ = ["create_app", "serve"]

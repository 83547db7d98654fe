"""The FastAPI application: HTML pages, the JSON API, vendored static files, security headers.

Article content is hostile input: templates autoescape, highlights are built from escaped
pieces, scripts come only from ``/static`` (the Content-Security-Policy forbids inline
script and style), every query binds its parameters, and oversized query strings are
refused before routing. The server binds to localhost and checks the Host header, so a
web page cannot reach the database through DNS rebinding.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph import __version__
from newsgraph.store.db import StoreError
from newsgraph.web import api, pages, views
from newsgraph.web.access import SnapshotCache, StorePool
from newsgraph.web.render import templates

STATIC = Path(__file__).parent / "static"
MAX_QUERY_STRING = 2000
MAX_PATH = 1000
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


class Guard:
    """Refuses oversized URLs (414) and adds the security headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("query_string", b"")) > MAX_QUERY_STRING or len(scope.get("raw_path") or b"") > MAX_PATH:
            response = Response("URI too long\n", status_code=414, media_type="text/plain")
            await response(scope, receive, self._with_headers(send))
            return
        await self.app(scope, receive, self._with_headers(send))

    @staticmethod
    def _with_headers(send: Send) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *((k, v) for k, v in SECURITY_HEADERS if k not in names)]
            await send(message)

        return wrapped


def _warm(app: FastAPI) -> None:
    """Fill the snapshot cache in the background; a failure only means a slower first page."""
    try:
        with app.state.pool.store() as store:
            views.warm(store, app.state.cache)
    except (sqlite3.Error, StoreError):
        return


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def create_app(db_path: str | Path, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The web app over an existing database, opened read-only.

    ``allowed_hosts`` are the Host header values to answer (default: localhost names);
    ``["*"]`` when serving on a network interface on purpose. Raises ``StoreError`` when
    the database cannot be opened.
    """
    path = Path(db_path)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        threading.Thread(target=_warm, args=(app,), name="newsgraph-warm", daemon=True).start()
        yield
        app.state.pool.close()

    app = FastAPI(
        lifespan=lifespan,
        title="Newsgraph",
        version=__version__,
        description="Read-only JSON API over a Newsgraph database. Every list takes its filters in the query "
                    "string and `format=csv` for a CSV download.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.pool = StorePool(path)
    app.state.cache = SnapshotCache(path)
    app.state.db_name = path.name
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(sqlite3.Error, _database_error)
    app.add_exception_handler(StoreError, _database_error)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or list(LOCAL_HOSTS))
    app.add_middleware(Guard)
    return app


def _error_page(request: Request, status: int, detail: str) -> Response:
    context = {"status": status, "detail": detail, "sections": {}, "db_name": request.app.state.db_name,
               "path": request.url.path}
    return templates.TemplateResponse(request, "error.html", context, status_code=status)


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    if _wants_json(request) or request.url.path.startswith("/static/"):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
    return _error_page(request, exc.status_code, str(exc.detail))


async def _database_error(request: Request, exc: Exception) -> Response:
    """The database went away or is locked past the timeout: a clear 503, never a traceback."""
    detail = f"The database cannot be read right now ({type(exc).__name__})."
    if _wants_json(request):
        return JSONResponse({"detail": detail}, status_code=503)
    return _error_page(request, 503, detail)


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    errors: list[dict[str, Any]] = [
        {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in exc.errors()
    ]
    if _wants_json(request):
        return JSONResponse({"detail": errors}, status_code=422)
    return _error_page(request, 400, "; ".join(f"{e['loc'][-1]}: {e['msg']}" for e in errors))


def serve(db_path: str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the app with uvicorn until interrupted (for ``newsgraph serve``).

    On a non-local ``host`` every Host header is accepted: the operator chose to expose it.
    """
    import uvicorn

    hosts = list(LOCAL_HOSTS) if host in LOCAL_HOSTS else ["*"]
    uvicorn.run(create_app(db_path, allowed_hosts=hosts), host=host, port=port, log_level="warning")

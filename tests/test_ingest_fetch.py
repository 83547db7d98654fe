"""Ingest fetching: against a local server only; private addresses and odd schemes are refused."""

from __future__ import annotations

import dataclasses
import json
import os
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import newsgraph.ingest.fetch as fetch_module
from newsgraph.config import IngestConfig, load_config
from newsgraph.ingest import FetchError, check_url, is_public_address, iter_inputs
from newsgraph.records import IngestError, RawDocument


def shipped_config(**overrides: object) -> IngestConfig:
    """The shipped [ingest] defaults (never a user's newsgraph.toml), with overrides."""
    return dataclasses.replace(load_config(os.devnull).ingest, **overrides)  # type: ignore[arg-type]


LOCAL = shipped_config(allow_private_addresses=True, fetch_timeout=5.0)
STORY = (
    "<html><head><title>Bridge reopens</title></head><body><p>\u201cIt is a relief,\u201d said a "
    "commuter in G\u00f6teborg as the bridge reopened after a \u20ac40 million repair.</p></body></html>"
)
RSS = (
    "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>River Times</title>"
    "<item><title>Locks closed</title><link>https://river.example/locks</link>"
    "<description>Barge traffic halted while engineers inspect the locks.</description></item>"
    "</channel></rss>"
)
JSONL = "\n".join(
    json.dumps(record)
    for record in ({"id": "r1", "text": "Fishing fleet returns early."}, {"text": "Harbour fees rise."})
)


def routes(path: str) -> tuple[int, dict[str, str], bytes]:
    if path == "/story":
        return 200, {"Content-Type": "text/html; charset=windows-1252"}, STORY.encode("cp1252")
    if path == "/feed":
        return 200, {"Content-Type": "application/rss+xml"}, RSS.encode("utf-8")
    if path == "/data.jsonl":
        return 200, {"Content-Type": "application/x-ndjson"}, JSONL.encode("utf-8")
    if path.startswith("/hop/"):
        left = int(path.rsplit("/", 1)[1])
        return 302, {"Location": f"/hop/{left - 1}" if left else "/story"}, b""
    if path == "/to-file":
        return 302, {"Location": "file:///etc/passwd"}, b""
    if path == "/big":
        return 200, {"Content-Type": "text/plain"}, b"x" * 5000
    return 404, {"Content-Type": "text/plain"}, b"not here"


class Handler(BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self) -> None:
        type(self).hits += 1
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/big-unsized":  # no Content-Length: the body ends when the connection closes
            self.send_response(200)
            self.end_headers()
            for _ in range(50):
                self.wfile.write(b"y" * 1000)
            return
        status, headers, body = routes(self.path)
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients hanging up early (size cap, timeout) are expected here."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def fetch_all(url: str, config: IngestConfig = LOCAL) -> list[RawDocument | IngestError]:
    return list(iter_inputs([url], config))


def test_fetched_page_keeps_its_url_and_http_charset(server: str) -> None:
    [doc] = fetch_all(f"{server}/story")
    assert isinstance(doc, RawDocument)
    assert (doc.id, doc.source, doc.url, doc.kind, doc.content) == (
        f"{server}/story",
        f"{server}/story",
        f"{server}/story",
        "html",
        STORY,
    )


def test_feed_url_gives_one_document_per_entry(server: str) -> None:
    [doc] = fetch_all(f"{server}/feed")
    assert isinstance(doc, RawDocument)
    assert (doc.id, doc.outlet, doc.title) == ("https://river.example/locks", "River Times", "Locks closed")


def test_jsonl_url(server: str) -> None:
    first, second = fetch_all(f"{server}/data.jsonl")
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert (first.id, second.id) == ("r1", f"{server}/data.jsonl:2")


def test_redirects_are_followed_up_to_the_limit(server: str) -> None:
    [doc] = fetch_all(f"{server}/hop/2")
    assert isinstance(doc, RawDocument) and doc.id == f"{server}/hop/2" and doc.url == f"{server}/story"
    [error] = fetch_all(f"{server}/hop/2", dataclasses.replace(LOCAL, fetch_max_redirects=2))
    assert isinstance(error, IngestError) and "too many redirects" in error.message


def test_redirect_hops_are_checked(server: str) -> None:
    [error] = fetch_all(f"{server}/to-file")
    assert isinstance(error, IngestError) and "only http and https" in error.message


@pytest.mark.parametrize("path", ["/big", "/big-unsized"])
def test_size_cap_is_enforced_while_streaming(server: str, path: str) -> None:
    [error] = fetch_all(f"{server}{path}", dataclasses.replace(LOCAL, fetch_max_bytes=1000))
    assert isinstance(error, IngestError) and "1,000" in error.message and "fetch_max_bytes" in error.message


def test_http_errors_and_timeouts_are_reported(server: str) -> None:
    [missing] = fetch_all(f"{server}/nothing")
    assert isinstance(missing, IngestError) and "404" in missing.message
    [slow] = fetch_all(f"{server}/slow", dataclasses.replace(LOCAL, fetch_timeout=0.3))
    assert isinstance(slow, IngestError) and "timed out" in slow.message


def test_default_config_refuses_the_local_server_without_contacting_it(server: str) -> None:
    before = Handler.hits
    items = list(
        iter_inputs(
            [f"{server}/story", server.replace("127.0.0.1", "localhost") + "/story"], shipped_config()
        )
    )
    assert len(items) == 2 and all(isinstance(item, IngestError) for item in items)
    assert all("allow_private_addresses" in item.message for item in items if isinstance(item, IngestError))
    assert Handler.hits == before


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost:8080/admin",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://10.1.2.3/",
        "http://172.16.5.4/",
        "http://192.168.0.10/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://2130706433/",
    ],
)
def test_non_public_addresses_are_refused(url: str) -> None:
    with pytest.raises(FetchError, match="non-public"):
        check_url(url)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://files.example/a.txt", "gopher://x.example/"])
def test_other_schemes_are_refused_even_when_private_addresses_are_allowed(url: str) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        check_url(url, allow_private=True)
    [error] = iter_inputs([url], LOCAL)
    assert isinstance(error, IngestError) and error.source == url


def test_public_addresses_are_recognised() -> None:
    assert is_public_address("93.184.216.34") and is_public_address("2606:4700:4700::1111")
    assert not is_public_address("192.168.1.1") and not is_public_address("not an address")


def test_connection_landing_on_a_private_address_is_refused(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: the name looked public when checked but the socket reached a private address."""
    monkeypatch.setattr(fetch_module, "check_url", lambda url, allow_private=False: None)
    [error] = fetch_all(f"{server}/story", shipped_config())
    assert isinstance(error, IngestError) and "connected to non-public address 127.0.0.1" in error.message

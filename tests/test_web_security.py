"""Each protection of the web app, proved by a test that fails without it: markup in article
content renders inert, filters cannot inject SQL, static files cannot escape their folder,
oversized URLs are refused, headers forbid inline script, and foreign Host headers are refused."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient

from newsgraph.web import create_app
from newsgraph.web.export import csv_cell
from test_web_corpus import CORPUS, KENYA, add_stories, build_db

TEMPLATES = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "web" / "templates"
PAYLOADS = ("<script>alert", "<img src=x", "<svg onload", "<b onmouseover", "<i onclick", "</script><script>")
PAGES = ("/", "/search", "/search?q=harbour", "/search?outlet=%3Cb%20onmouseover%3Dalert(%22outlet%22)%3EEvil%20Outlet%3C/b%3E",
         "/article/evil-2020", "/actors", "/actor/person:hostile", "/actor/country:CHL", "/quotes", "/events",
         "/relations", "/relations?source=CHL&target=%3Ci%20onclick%3Dalert(%22code%22)%3EX%3C/i%3E", "/stories",
         "/story/s7", "/docs")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    formula = replace(KENYA, id="formula", body='"=HYPERLINK(""http://x.example"")" the clerk wrote. ' + KENYA.body,
                      quotes=[('=HYPERLINK(""http://x.example"")', "person:grace-atieno", "direct", None)])
    oneill = replace(KENYA, id="oneill", outlet="O'Neill Gazette")
    path = build_db(tmp_path_factory.mktemp("security") / "corpus.db", [*CORPUS, formula, oneill])
    add_stories(path)
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db), base_url="http://127.0.0.1")


class Elements(HTMLParser):
    """Every element and attribute of a page, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


def _elements(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(page)
    return parser.elements


@pytest.mark.parametrize("path", PAGES)
def test_hostile_content_renders_as_text_on_every_page(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    page = response.text
    for payload in PAYLOADS:
        assert payload not in page, payload
    for tag, attrs in _elements(page):
        assert tag not in ("img", "svg", "iframe", "object", "embed", "i", "b"), tag
        assert not [a for a in attrs if a.startswith("on") or a == "style"], (tag, attrs)
        for key in ("href", "src", "action"):
            assert not (attrs.get(key) or "").strip().lower().startswith("javascript:"), attrs
        if tag == "script":
            assert (attrs.get("src") or "").startswith("/static/") or attrs.get("type") == "application/json"


def test_hostile_title_body_and_outlet_are_shown_literally(client: TestClient) -> None:
    page = client.get("/article/evil-2020").text
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;Harbour deal" in page
    assert "&lt;img src=x onerror=alert(&#34;body&#34;)&gt;" in page
    assert "&lt;b onmouseover=alert(&#34;outlet&#34;)&gt;Evil Outlet&lt;/b&gt;" in page
    assert 'href="javascript:' not in page  # the article's javascript: URL is shown as text, not linked


def test_json_embedded_in_pages_cannot_close_its_script_element(client: TestClient) -> None:
    page = client.get("/relations").text
    blocks = re.findall(r'<script type="application/json" id="([^"]+)">(.*?)</script>', page, re.S)
    assert blocks
    for _, content in blocks:
        assert "<" not in content  # tojson writes < as \\u003c
    network = json.loads(dict(blocks)["network-data"])
    assert '<i onclick=alert("code")>X</i>' in {n["id"] for n in network["nodes"]}


def test_no_template_marks_data_safe_or_inlines_script() -> None:
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text()
        assert not re.search(r"\|\s*safe\b", text), template.name
        assert not re.search(r"<script(?![^>]*(src=\"/static/|type=\"application/json\"))", text), template.name
        assert not re.search(r"\son[a-z]+=|\sstyle=", text), template.name


INJECTIONS = ("' OR '1'='1", "x\" OR \"1\"=\"1", "%' OR 1=1 --", "'; DROP TABLE articles; --", "1) OR (1=1")


@pytest.mark.parametrize("value", INJECTIONS)
def test_filters_are_bound_parameters_not_sql(client: TestClient, value: str) -> None:
    lists = {
        "/api/articles": ("outlet", "actor", "speaker", "event_type"),
        "/api/quotes": ("speaker_id", "about", "outlet"),
        "/api/events": ("actor", "source", "target", "event_type"),
        "/api/mentions": ("actor",),
    }
    for path, params in lists.items():
        for param in params:
            response = client.get(path, params={param: value})
            assert response.status_code == 200, (path, param)
            assert response.json()["rows"] == [], (path, param)
    assert client.get("/api/relations", params={"source": value, "target": value}).json()["rows"] == []
    assert client.get("/api/actors", params={"name": value}).json()["rows"] == []
    assert client.get("/api/overview").json()["stats"]["articles"] == len(CORPUS) + 2


def test_quotes_in_filter_values_match_literally(client: TestClient) -> None:
    rows = client.get("/api/articles", params={"outlet": "O'Neill Gazette"}).json()["rows"]
    assert [r["id"] for r in rows] == ["oneill"]


@pytest.mark.parametrize("text", ['" NEAR( ) * ^', "title:harbour", "harbour OR sugar", "a\x00b", "'))--"])
def test_search_text_never_reaches_fts_as_syntax(client: TestClient, text: str) -> None:
    response = client.get("/api/articles", params={"q": text})
    assert response.status_code == 200
    assert client.get("/search", params={"q": text}).status_code == 200
    if text == "harbour OR sugar":
        assert response.json()["total"] == 0  # words, all required; OR is a word


def _raw_get(app: Any, raw_path: bytes) -> tuple[int, bytes]:
    """A request with the path exactly as given, the way a server decodes it (no client-side normalising)."""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": unquote(raw_path.decode("latin-1")), "raw_path": raw_path, "query_string": b"",
             "root_path": "", "headers": [(b"host", b"127.0.0.1")], "client": ("127.0.0.1", 50000),
             "server": ("127.0.0.1", 80)}
    sent: list[dict[str, Any]] = []

    async def run() -> None:
        requested, done = False, asyncio.Event()

        async def receive() -> dict[str, Any]:
            nonlocal requested
            if not requested:
                requested = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await done.wait()  # the client goes away once the whole response has arrived
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                done.set()

        await app(scope, receive, send)

    asyncio.run(run())
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    return status, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


@pytest.mark.parametrize("raw_path", [
    b"/static/../app.py", b"/static/%2e%2e/app.py", b"/static/..%2fapp.py", b"/static/%2e%2e%2fapp.py",
    b"/static/%2E%2E/%2E%2E/store/db.py", b"/static/..%5capp.py", b"/static/....//app.py",
    b"/static//etc/passwd", b"/static/%2fetc%2fpasswd", b"/static/../../../../../../etc/passwd",
])
def test_static_files_cannot_leave_their_folder(client: TestClient, raw_path: bytes) -> None:
    status, body = _raw_get(client.app, raw_path)
    assert status in (400, 404), raw_path
    assert b"def create_app" not in body and b"class Store" not in body and b"root:" not in body
    assert _raw_get(client.app, b"/static/app.js")[0] == 200


def test_oversized_urls_are_refused_before_any_query(client: TestClient) -> None:
    assert client.get("/search", params={"q": "harbour " * 300}).status_code == 414
    assert client.get("/api/quotes", params={"about": "x" * 2500}).status_code == 414
    assert client.get("/article/" + "a" * 1500).status_code == 414
    assert client.get("/api/articles", params={"q": "y" * 500}).status_code == 422  # per-field limit


@pytest.mark.parametrize("path", ["/", "/api/overview", "/static/style.css", "/article/nope", "/search?q=" + "z" * 2100])
def test_every_response_carries_a_strict_content_security_policy(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"


def test_a_foreign_host_header_is_refused(db: Path) -> None:
    rebound = TestClient(create_app(db), base_url="http://attacker.example")
    assert rebound.get("/api/overview").status_code == 400
    assert TestClient(create_app(db), base_url="http://localhost:8000").get("/api/overview").status_code == 200


def test_csv_exports_defuse_spreadsheet_formulas(client: TestClient) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get("/api/quotes", params={"format": "csv"}).text)))
    cells = [r["text"] for r in rows]
    assert "'=HYPERLINK(\"\"http://x.example\"\")" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    assert csv_cell(-2.5) == -2.5 and csv_cell("@SUM(A1)") == "'@SUM(A1)" and csv_cell(["x"]) == '["x"]'

"""The web UI in a real headless Chromium: an analyst's path through the pages, checked against
the database; the hostile article stays inert; no page logs an error (CSP violations included).

Screenshots of the main pages go to ``artifacts/screenshots/``.
"""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.store import queries as q
from newsgraph.store.db import Store
from newsgraph.web import create_app
from test_web_corpus import add_stories, build_db

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("no Chromium on PATH (apt install chromium) for the browser tests", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
uvicorn = pytest.importorskip("uvicorn")

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = build_db(tmp_path_factory.mktemp("browser") / "corpus.db")
    add_stories(path)
    return path


@pytest.fixture(scope="module")
def base_url(db: Path) -> Iterator[str]:
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[sync_api.Browser]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Watched:
    """A page that records every dialog, console error and uncaught exception."""

    def __init__(self, browser: sync_api.Browser, base_url: str) -> None:
        self.context = browser.new_context(viewport={"width": 1300, "height": 900})
        self.page = self.context.new_page()
        self.base_url = base_url
        self.problems: list[str] = []
        self.page.on("dialog", lambda d: (self.problems.append(f"dialog: {d.message}"), d.dismiss()))
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))

    def open(self, path: str) -> sync_api.Page:
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.status == 200, path
        self.page.wait_for_load_state("load")
        return self.page

    def shot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture()
def watched(browser: sync_api.Browser, base_url: str) -> Iterator[Watched]:
    w = Watched(browser, base_url)
    yield w
    w.context.close()


def test_analyst_path_overview_article_actor_quotes_relations(watched: Watched, db: Path) -> None:
    with Store(db, readonly=True) as store:
        stats = q.stats(store)
        article = q.get_article(store, "pl-2019-anchovy")
        by_ferreyra = q.quotes(store, speaker_id="person:tomas-ferreyra")
        edges = q.network(store)
    assert article is not None
    page = watched.open("/")
    assert page.locator(".stats li").first.inner_text().replace(",", "").startswith(str(stats["articles"]))
    assert page.locator("figure[data-chart=timeline] svg rect").count() >= 1
    watched.shot("overview")

    page.click("text=Pacific Ledger")
    page.wait_for_url(re.compile(r"/search\?outlet="))
    assert page.locator(".results-list > li").count() == 1
    watched.shot("search")
    page.click(".results-list a.title")
    page.wait_for_url(re.compile(r"/article/pl-2019-anchovy$"))
    assert page.locator(".body [id^=q-]").count() == len(article["quotes"])
    assert page.locator(".body [id^=ev-]").count() == len(article["events"])
    assert page.locator(".body a.hl-m").count() == len(article["mentions"])
    watched.shot("article")

    page.locator(".body a.hl-m", has_text="Ferreyra").first.click()
    page.wait_for_url(re.compile(r"/actor/person:tomas-ferreyra$"))
    assert page.locator("h1").inner_text() == "Tomás Ferreyra"
    watched.shot("actor")
    page.click("text=All quotes by Tomás Ferreyra")
    page.wait_for_url(re.compile(r"/quotes\?speaker_id="))
    assert page.locator("table.quotes tbody tr").count() == len(by_ferreyra)
    watched.shot("quotes")

    page.locator("table.quotes td.quote-text a").first.click()
    page.wait_for_url(re.compile(r"/article/pl-2019-anchovy#q-\d+$"))
    target = page.locator(".body .hl-q.target").first
    assert target.is_visible() and target.inner_text() == by_ferreyra[0]["text"]
    sentence = "".join(page.locator(".body .hl-s.target").all_inner_texts())
    assert by_ferreyra[0]["text"] in sentence and len(sentence) > len(by_ferreyra[0]["text"])
    watched.shot("quote-anchor")

    page.click("header nav >> text=Relations")
    page.wait_for_url(re.compile(r"/relations$"))
    assert page.locator("figure.network a.edge").count() == len(edges)
    watched.shot("relations")
    page.locator("figure.network a.edge polygon").first.click()  # the arrowhead: a curve's box centre is off it
    page.wait_for_url(re.compile(r"/relations\?source=\w+&target=\w+"))
    assert page.locator("figure[data-chart=dyad] svg rect").count() >= 1
    watched.shot("dyad")
    assert watched.problems == []


def test_hostile_article_stays_inert_everywhere(watched: Watched) -> None:
    for path in ("/", "/search", "/search?q=harbour", "/article/evil-2020", "/quotes", "/events", "/relations",
                 "/actors", "/actor/person:hostile", "/relations?source=CHL&target=%3Ci%20onclick%3Dalert(%22code%22)%3EX%3C/i%3E"):
        page = watched.open(path)
        page.mouse.move(200, 300)
        page.mouse.move(600, 500)
    page = watched.open("/article/evil-2020")
    assert page.locator("h1").inner_text() == '<script>alert("title")</script>Harbour deal'
    assert page.locator("a", has_text="original").count() == 0  # the javascript: URL is not a link
    assert page.evaluate("document.querySelectorAll('.body img, .body script, script:not([src]):not([type])').length") == 0
    watched.shot("hostile-article")
    assert watched.problems == []


def test_every_page_loads_without_errors(watched: Watched) -> None:
    for path, name in (("/story/s7", "story"), ("/stories", "stories"), ("/events", "events"), ("/actors", "actors"),
                       ("/docs", "docs"), ("/article/nw-2023-gas", "article-with-copies"),
                       ("/search?q=talks", "search-text")):
        page = watched.open(path)
        assert page.locator("h1").count() == 1
        watched.shot(name)
    assert watched.problems == []

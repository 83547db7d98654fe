"""Ingest: every input format, ids and sources, and lazy streaming."""

from __future__ import annotations

import dataclasses
import gzip
import io
import json
import os
from pathlib import Path
from typing import BinaryIO

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.config import IngestConfig, load_config
from newsgraph.ingest import iter_inputs
from newsgraph.records import IngestError, RawDocument


def shipped_config(**overrides: object) -> IngestConfig:
    """The shipped [ingest] defaults (never a user's newsgraph.toml), with overrides."""
    return dataclasses.replace(load_config(os.devnull).ingest, **overrides)  # type: ignore[arg-type]


CONFIG = shipped_config()

DROUGHT = (
    "NAIROBI, March 4, 2019 - Kenya's agriculture ministry said on Monday that maize harvests in the "
    "northern counties had fallen by a third after the long rains failed.\n\n"
    "\u201cFamilies are selling livestock to buy food,\u201d said Amina Yusuf, a county official in Marsabit.\n"
)
BANKS_HTML = (
    "<!DOCTYPE html><html><head><title>Markets slide as lender collapses</title></head>"
    "<body><nav>Home | World</nav><article><h1>Markets slide as lender collapses</h1>"
    "<p>Shares in European banks fell sharply on Tuesday after a mid-sized mortgage lender "
    "announced it could no longer meet its obligations.</p></article></body></html>"
)
RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour Gazette</title><link>https://harbour.example/</link>
<item><title>Ferry strike enters second week</title><link>https://harbour.example/ferry-strike</link>
<pubDate>Tue, 14 Mar 2017 08:30:00 GMT</pubDate><dc:creator>Lena Okafor</dc:creator>
<description>Crossings stay cancelled.</description>
<content:encoded><![CDATA[<p>Ferry workers extended their walkout on Tuesday, leaving island
commuters without a morning crossing for the eighth day running.</p>]]></content:encoded></item>
<item><title>Council approves new pier</title><link>https://harbour.example/new-pier</link>
<description><![CDATA[<p>The harbour council voted seven to two in favour of a second pier.</p>]]></description>
</item>
</channel></rss>
"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Alpine Courier</title>
<entry><title>Pass reopens after avalanche</title><link href="https://alpine.example/pass"/>
<id>tag:alpine.example,2021:pass</id><updated>2021-05-02T09:00:00Z</updated>
<author><name>Jonas Meier</name></author>
<content type="html">&lt;p&gt;The mountain pass reopened to traffic on Sunday, two weeks after an
avalanche buried the road under six metres of snow.&lt;/p&gt;</content></entry></feed>
"""


def run(paths: list[str], config: IngestConfig = CONFIG, stdin: BinaryIO | None = None) -> list:
    return list(iter_inputs(paths, config, stdin=stdin))


def docs(items: list) -> list[RawDocument]:
    return [item for item in items if isinstance(item, RawDocument)]


def errors(items: list) -> list[IngestError]:
    return [item for item in items if isinstance(item, IngestError)]


def write_warc(path: Path, records: list[tuple[str, str, str, bytes]], compress: bool) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=compress)
        for uri, status, content_type, body in records:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            )


def test_text_file_named_directly_is_known_by_its_file_name(tmp_path: Path) -> None:
    path = tmp_path / "017_kenya.txt"
    path.write_text(DROUGHT, encoding="utf-8")
    [doc] = run([str(path)])
    assert (doc.id, doc.source, doc.kind, doc.content) == ("017_kenya.txt", str(path), "text", DROUGHT)


def test_folder_is_walked_sorted_recursively_without_hidden_entries(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / ".cache").mkdir()
    for name in ("b/deep/z.txt", "b/a.txt", "c.txt", "a.txt", ".hidden.txt", ".cache/x.txt"):
        (tmp_path / name).write_text(f"Report filed as {name} about the port strike.", encoding="utf-8")
    items = run([str(tmp_path)])
    assert [doc.id for doc in docs(items)] == ["a.txt", "b/a.txt", "b/deep/z.txt", "c.txt"]
    assert docs(items)[2].source == str(tmp_path / "b" / "deep" / "z.txt")
    assert not errors(items)


def test_glob_is_expanded_in_order_when_the_shell_did_not(tmp_path: Path) -> None:
    for name in ("2020_b.txt", "2020_a.txt", "2021_a.txt"):
        (tmp_path / name).write_text("The mayor opened the new tram line.", encoding="utf-8")
    items = run([str(tmp_path / "2020_*.txt"), str(tmp_path / "1999_*.txt")])
    assert [doc.id for doc in docs(items)] == ["2020_a.txt", "2020_b.txt"]
    [error] = errors(items)
    assert "no files match" in error.message


def test_html_by_extension_and_by_sniffing(tmp_path: Path) -> None:
    (tmp_path / "page.htm").write_text(BANKS_HTML, encoding="utf-8")
    (tmp_path / "saved.txt").write_text(BANKS_HTML, encoding="utf-8")
    (tmp_path / "no_extension").write_text(BANKS_HTML, encoding="utf-8")
    (tmp_path / "notes.md").write_text(DROUGHT, encoding="utf-8")
    items = run([str(tmp_path)])
    assert [(doc.id, doc.kind) for doc in docs(items)] == [
        ("no_extension", "html"),
        ("notes.md", "text"),
        ("page.htm", "html"),
        ("saved.txt", "html"),
    ]


def test_gzipped_text_and_html(tmp_path: Path) -> None:
    (tmp_path / "story.txt.gz").write_bytes(gzip.compress(DROUGHT.encode("utf-8")))
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(BANKS_HTML.encode("utf-8")))
    items = run([str(tmp_path / "story.txt.gz"), str(tmp_path / "page.html.gz")])
    assert [(doc.id, doc.kind, doc.content) for doc in docs(items)] == [
        ("story.txt.gz", "text", DROUGHT),
        ("page.html.gz", "html", BANKS_HTML),
    ]


def jsonl_lines() -> list[dict]:
    return [
        {
            "id": 42,
            "url": "https://daily.example/a",
            "title": "Dam approved",
            "text": DROUGHT,
            "published": "2019-03-04",
            "outlet": "Daily Example",
            "author": "R. Mensah",
        },
        {"url": "https://daily.example/b", "html": BANKS_HTML},
        {"text": "Rail unions called off Friday's strike after a late offer from operators."},
    ]


@pytest.mark.parametrize("name", ["feed.jsonl", "feed.ndjson", "feed.jsonl.gz"])
def test_jsonl_records_keep_metadata_and_get_stable_ids(tmp_path: Path, name: str) -> None:
    data = "".join(json.dumps(record) + "\n" for record in jsonl_lines()).encode("utf-8")
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    first, second, third = run([str(path)])
    assert (first.id, first.url, first.title, first.published, first.outlet, first.author) == (
        "42",
        "https://daily.example/a",
        "Dam approved",
        "2019-03-04",
        "Daily Example",
        "R. Mensah",
    )
    assert first.content == DROUGHT and first.kind == "text" and first.source == f"{path}:1"
    assert (second.id, second.kind, second.content) == ("https://daily.example/b", "html", BANKS_HTML)
    assert (third.id, third.source) == (f"{name}:3", f"{path}:3")


def test_jsonl_common_dataset_field_names(tmp_path: Path) -> None:
    record = {
        "maintext": "Voters in the coastal province went to the polls on Sunday.",
        "headline": "Province votes",
        "date_publish": "2016-10-09 00:00:00",
        "source_domain": "coast.example",
        "authors": ["Ana Lima", "Joao Reis"],
    }
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [doc] = run([str(path)])
    assert (doc.title, doc.published, doc.outlet, doc.author) == (
        "Province votes",
        "2016-10-09 00:00:00",
        "coast.example",
        "Ana Lima, Joao Reis",
    )


def test_stdin_text_and_jsonl_are_sniffed() -> None:
    [doc] = run(["-"], stdin=io.BytesIO(DROUGHT.encode("utf-8")))
    assert (doc.id, doc.source, doc.content) == ("stdin", "stdin", DROUGHT)
    lines = "".join(
        json.dumps({"text": f"Bulletin number {n} on the harbour closure."}) + "\n" for n in (1, 2)
    )
    items = run(["-"], stdin=io.BytesIO(gzip.compress(lines.encode("utf-8"))))
    assert [(doc.id, doc.source) for doc in items] == [("stdin:1", "stdin:1"), ("stdin:2", "stdin:2")]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_become_documents(tmp_path: Path, name: str) -> None:
    legacy = "<html><body><p>\u201cWe will rebuild,\u201d the mayor of Liège said.</p></body></html>"
    path = tmp_path / name
    write_warc(
        path,
        [
            ("https://news.example/one", "200 OK", "text/html; charset=utf-8", BANKS_HTML.encode("utf-8")),
            ("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
            (
                "https://news.example/gone",
                "404 Not Found",
                "text/html",
                b"<html><body>Not found</body></html>",
            ),
            (
                "https://news.example/two",
                "200 OK",
                "text/html; charset=windows-1252",
                legacy.encode("cp1252"),
            ),
        ],
        compress=name.endswith(".gz"),
    )
    items = run([str(path)])
    assert [(doc.id, doc.url, doc.kind) for doc in items] == [
        ("https://news.example/one", "https://news.example/one", "html"),
        ("https://news.example/two", "https://news.example/two", "html"),
    ]
    assert items[1].content == legacy and items[0].source == str(path)


def test_rss_and_atom_entries_become_documents(tmp_path: Path) -> None:
    (tmp_path / "gazette.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "courier.xml").write_text(ATOM, encoding="utf-8")
    items = run([str(tmp_path / "gazette.rss"), str(tmp_path / "courier.xml")])
    ferry, pier, alpine = docs(items)
    assert not errors(items)
    assert (ferry.id, ferry.title, ferry.outlet, ferry.author, ferry.kind) == (
        "https://harbour.example/ferry-strike",
        "Ferry strike enters second week",
        "Harbour Gazette",
        "Lena Okafor",
        "html",
    )
    assert "eighth day running" in ferry.content and ferry.published == "Tue, 14 Mar 2017 08:30:00 GMT"
    assert "seven to two" in pier.content
    assert (alpine.url, alpine.outlet, alpine.author) == (
        "https://alpine.example/pass",
        "Alpine Courier",
        "Jonas Meier",
    )


def test_inputs_come_out_in_the_order_given(tmp_path: Path) -> None:
    (tmp_path / "x.html").write_text(BANKS_HTML, encoding="utf-8")
    (tmp_path / "y.txt").write_text(DROUGHT, encoding="utf-8")
    items = run(
        [str(tmp_path / "y.txt"), "-", str(tmp_path / "x.html")], stdin=io.BytesIO(b"Stdin bulletin.")
    )
    assert [doc.id for doc in items] == ["y.txt", "stdin", "x.html"]


class CountingReader(io.RawIOBase):
    """A pipe-like stream that records how much of it has been read."""

    def __init__(self, data: bytes) -> None:
        self._inner = io.BytesIO(data)
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        n = self._inner.readinto(buffer)
        self.consumed += n
        return n


def test_jsonl_streams_lazily() -> None:
    line = json.dumps({"text": "Ministers met briefly to discuss fishing quotas."}) + "\n"
    data = (line * 50_000).encode("utf-8")
    reader = CountingReader(data)
    stream = iter_inputs(["-"], CONFIG, stdin=io.BufferedReader(reader))
    first = next(stream)
    assert isinstance(first, RawDocument) and first.id == "stdin:1"
    assert reader.consumed < len(data) // 50
    assert sum(1 for _ in stream) == 49_999
    assert reader.consumed == len(data)


def test_whole_json_files_arrays_wrappers_and_mislabelled_jsonl(tmp_path: Path) -> None:
    records = jsonl_lines()
    (tmp_path / "a_array.json").write_text(json.dumps(records, indent=2), encoding="utf-8")
    wrapper = {
        "status": "ok",
        "articles": [{"title": "Wrapped", "content": "Tram fares rise in May.", "url": "u:1"}],
    }
    (tmp_path / "b_api.json").write_text(json.dumps(wrapper), encoding="utf-8")
    (tmp_path / "c_lines.json").write_text(
        "".join(json.dumps(r) + "\n" for r in records[:2]), encoding="utf-8"
    )
    (tmp_path / "d_broken.json").write_text('{"text": "A budget vote', encoding="utf-8")
    items = run([str(tmp_path)])
    assert [getattr(item, "id", None) for item in items] == [
        "42",
        "https://daily.example/b",
        "a_array.json#3",
        "u:1",
        "42",
        "https://daily.example/b",
        None,
    ]
    assert isinstance(items[-1], IngestError) and "malformed JSON" in items[-1].message


def test_pretty_printed_json_on_stdin() -> None:
    record = {"id": "p1", "text": "Snow closed the airport for a second day.", "title": "Snow"}
    [doc] = run(["-"], stdin=io.BytesIO(json.dumps(record, indent=4).encode("utf-8")))
    assert isinstance(doc, RawDocument) and (doc.id, doc.title, doc.content) == ("p1", "Snow", record["text"])


SHARED = Path(__file__).resolve().parents[2] / "shared"


def test_shared_seed_folder_reads_verbatim_with_gold_ids() -> None:
    gold_path, seeds = SHARED / "gold" / "seeds.jsonl", SHARED / "seeds"
    if not gold_path.is_file() or not seeds.is_dir():
        pytest.skip("../shared/seeds and ../shared/gold are not beside the repository")
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    items = run([str(seeds)])
    assert not errors(items)
    by_id = {doc.id: doc.content for doc in docs(items)}
    assert {record["id"]: record["text"] for record in gold if "text" in record}.items() <= by_id.items()

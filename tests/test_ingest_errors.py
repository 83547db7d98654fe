"""Ingest: bad input becomes one IngestError each, and the batch goes on."""

from __future__ import annotations

import dataclasses
import gzip
import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.config import IngestConfig, load_config
from newsgraph.ingest import iter_inputs
from newsgraph.records import IngestError, RawDocument


def shipped_config(**overrides: object) -> IngestConfig:
    """The shipped [ingest] defaults (never a user's newsgraph.toml), with overrides."""
    return dataclasses.replace(load_config(os.devnull).ingest, **overrides)  # type: ignore[arg-type]


CONFIG = shipped_config()
GOOD = "The regional parliament passed the water bill by a narrow margin on Wednesday evening."


def run(paths: list[str], config: IngestConfig = CONFIG) -> list[RawDocument | IngestError]:
    return list(iter_inputs(paths, config))


def write_then_good(tmp_path: Path, name: str, data: bytes) -> list[str]:
    """The bad file, then a good one that must still come through."""
    (tmp_path / name).write_bytes(data)
    (tmp_path / "zz_good.txt").write_text(GOOD, encoding="utf-8")
    return [str(tmp_path / name), str(tmp_path / "zz_good.txt")]


def assert_one_error_then_good(items: list[RawDocument | IngestError], *words: str) -> IngestError:
    assert len(items) == 2, items
    error, good = items
    assert isinstance(error, IngestError), error
    assert isinstance(good, RawDocument) and good.content == GOOD
    assert "\n" not in str(error)
    for word in words:
        assert word in error.message.lower(), error.message
    return error


@pytest.mark.parametrize(
    ("name", "data", "word"),
    [
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 4, "jpeg"),
        ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "pdf"),
        ("blob.txt", bytes(range(256)) * 8, "binary"),
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n  ", "empty"),
        ("nobody.html", b"<html><head><title>Only a title</title></head><body>  </body></html>", "no body"),
        (
            "scripts.html",
            b"<html><body><script>var a = 'x';</script><style>p{}</style></body></html>",
            "no body",
        ),
        ("headless.htm", b"<html><head><meta name='x' content='y'></head></html>", "no body"),
    ],
)
def test_unreadable_content_is_one_error(tmp_path: Path, name: str, data: bytes, word: str) -> None:
    error = assert_one_error_then_good(run(write_then_good(tmp_path, name, data)), word)
    assert error.source == str(tmp_path / name)


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "zz_good.txt").write_text(GOOD, encoding="utf-8")
    assert_one_error_then_good(
        run([str(tmp_path / "nope.txt"), str(tmp_path / "zz_good.txt")]), "no such file"
    )


def test_oversized_document_names_its_size_and_the_cap(tmp_path: Path) -> None:
    config = dataclasses.replace(CONFIG, max_document_chars=100)
    (tmp_path / "long.txt").write_text("\u00e9" * 150, encoding="utf-8")  # 300 bytes, 150 characters
    (tmp_path / "huge.txt").write_text("a" * 1000, encoding="utf-8")
    (tmp_path / "zz_good.txt").write_text(GOOD[:90], encoding="utf-8")
    long, huge, good = run(
        [str(tmp_path / "long.txt"), str(tmp_path / "huge.txt"), str(tmp_path / "zz_good.txt")], config
    )
    assert isinstance(long, IngestError) and "150 characters" in long.message and "100" in long.message
    assert (
        isinstance(huge, IngestError) and "1,000 bytes" in huge.message and "100 characters" in huge.message
    )
    assert isinstance(good, RawDocument)


def test_malformed_json_lines_name_file_and_line_and_reading_goes_on(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": "Grain exports resumed through the southern ports."}),
        '{"id": "b", "text": "unterminated',
        "",
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "d", "title": "Headline only"}),
        json.dumps({"id": "e", "text": "   "}),
        "[" * 100_000,
        json.dumps({"id": "g", "text": "Talks on the border crossing will continue next month."}),
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = run([str(path)])
    assert [(type(item).__name__, getattr(item, "line", None)) for item in items] == [
        ("RawDocument", None),
        ("IngestError", 2),
        ("IngestError", 4),
        ("IngestError", 5),
        ("IngestError", 6),
        ("IngestError", 7),
        ("RawDocument", None),
    ]
    assert [item.id for item in docs(items)] == ["a", "g"]
    for error in errors(items):
        assert error.source == str(path) and f"{path}:{error.line}: " in str(error)
    assert "malformed json" in errors(items)[0].message.lower()
    assert "text" in errors(items)[2].message


def test_overlong_json_line_is_skipped(tmp_path: Path) -> None:
    config = dataclasses.replace(CONFIG, max_document_chars=10)
    path = tmp_path / "big.jsonl"
    long_line = json.dumps({"text": "x" * 200_000})
    path.write_text(f"{long_line}\n{json.dumps({'text': 'Brief.'})}\n", encoding="utf-8")
    first, second = run([str(path)], config)
    assert isinstance(first, IngestError) and first.line == 1 and "cap" in first.message
    assert isinstance(second, RawDocument) and second.id == "big.jsonl:2"


def test_jsonl_in_a_legacy_encoding_is_decoded_per_line(tmp_path: Path) -> None:
    text = "\u201cNo comment,\u201d the spokesman told reporters in M\u00fcnster."
    path = tmp_path / "legacy.jsonl"
    path.write_bytes((json.dumps({"text": text}, ensure_ascii=False) + "\n").encode("cp1252"))
    [doc] = run([str(path)])
    assert isinstance(doc, RawDocument) and doc.content == text


def test_utf16_jsonl_with_bom(tmp_path: Path) -> None:
    text = "Prices at the pump fell for a third week, the energy regulator said."
    path = tmp_path / "wide.jsonl"
    path.write_bytes((json.dumps({"id": "w1", "text": text}) + "\n").encode("utf-16"))
    [doc] = run([str(path)])
    assert isinstance(doc, RawDocument) and (doc.id, doc.content) == ("w1", text)


@pytest.mark.parametrize("name", ["bomb.txt.gz", "bomb.jsonl.gz", "bomb.html.gz"])
def test_gzip_bomb_is_stopped_at_the_cap(tmp_path: Path, name: str) -> None:
    config = dataclasses.replace(CONFIG, max_decompressed_bytes=1_000_000)
    bomb = gzip.compress(b"A" * 20_000_000, compresslevel=9)
    assert len(bomb) < 100_000
    error = assert_one_error_then_good(run(write_then_good(tmp_path, name, bomb), config), "decompressed")
    assert "1,000,000" in error.message


def test_truncated_gzip_is_an_error(tmp_path: Path) -> None:
    data = gzip.compress(("Coastal towns braced for the storm. " * 200).encode("utf-8"))
    assert_one_error_then_good(run(write_then_good(tmp_path, "cut.txt.gz", data[: len(data) // 2])), "gzip")


def test_truncated_gzip_jsonl_keeps_the_lines_before_the_cut(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"text": f"Item {n}: " + os.urandom(200).hex()}) + "\n" for n in range(200))
    data = gzip.compress(lines.encode("utf-8"))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = run([str(path)])
    assert len(docs(items)) > 10 and len(errors(items)) == 1
    assert isinstance(items[-1], IngestError) and "gzip" in items[-1].message


def test_warc_with_a_bad_record_keeps_what_came_before(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    body = b"<html><body><p>Flights resumed at the regional airport on Friday.</p></body></html>"
    writer.write_record(
        writer.create_warc_record("https://air.example/a", "response", io.BytesIO(body), http_headers=headers)
    )
    data = buffer.getvalue() + b"GARBAGE that is not a WARC header\r\n\r\nmore junk\r\n"
    path = tmp_path / "broken.warc"
    path.write_bytes(data)
    (tmp_path / "zz_good.txt").write_text(GOOD, encoding="utf-8")
    first, error, good = run([str(path), str(tmp_path / "zz_good.txt")])
    assert isinstance(first, RawDocument) and first.id == "https://air.example/a"
    assert isinstance(error, IngestError) and "warc" in error.message.lower()
    assert isinstance(good, RawDocument)


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    data = b'<?xml version="1.0"?><inventory><item sku="1"/></inventory>'
    assert_one_error_then_good(run(write_then_good(tmp_path, "stock.xml", data)), "not an rss or atom feed")


def test_feed_entry_without_content_is_an_error(tmp_path: Path) -> None:
    rss = (
        "<rss version='2.0'><channel><title>Valley Post</title>"
        "<item><title>Link only</title><link>https://valley.example/1</link></item>"
        "<item><title>Full</title><link>https://valley.example/2</link>"
        "<description>The valley road will close for repairs in June.</description></item>"
        "</channel></rss>"
    )
    path = tmp_path / "valley.rss"
    path.write_text(rss, encoding="utf-8")
    error, doc = run([str(path)])
    assert isinstance(error, IngestError) and "https://valley.example/1" in error.message
    assert isinstance(doc, RawDocument) and doc.id == "https://valley.example/2"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000))
def test_any_bytes_as_a_txt_file_give_exactly_one_record(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "random.txt"
    path.write_bytes(data)
    items = run([str(path)])
    assert len(items) == 1 and isinstance(items[0], RawDocument | IngestError)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.binary(max_size=3000), name=st.sampled_from(["a.jsonl", "a.warc", "a.rss", "a.gz", "a.html", "a"])
)
def test_any_bytes_in_any_format_never_raise(tmp_path: Path, data: bytes, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    items = run([str(path)])
    assert all(isinstance(item, RawDocument | IngestError) for item in items)
    assert not [item for item in errors(items) if "unexpected error" in item.message]


def docs(items: list[RawDocument | IngestError]) -> list[RawDocument]:
    return [item for item in items if isinstance(item, RawDocument)]


def errors(items: list[RawDocument | IngestError]) -> list[IngestError]:
    return [item for item in items if isinstance(item, IngestError)]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("zeros.warc.gz", gzip.compress(b"\x00" * 30_000_000, compresslevel=9)),
        ("endless.warc", b"WARC/1.0\r\nWARC-Type: response\r\nX-Junk: " + b"A" * 3_000_000 + b"\r\n\r\n"),
    ],
)
def test_warc_junk_fails_fast_instead_of_buffering_it(tmp_path: Path, name: str, data: bytes) -> None:
    error = assert_one_error_then_good(run(write_then_good(tmp_path, name, data)), "warc")
    assert "headers longer than" in error.message


def test_feed_content_naming_a_local_file_is_not_opened(tmp_path: Path) -> None:
    secret = tmp_path / "secret.xml"
    secret.write_text(
        "<rss version='2.0'><channel><title>Leak</title><item><title>Private</title>"
        "<description>This file must not be read through another.</description></item></channel></rss>",
        encoding="utf-8",
    )
    (tmp_path / "pointer.rss").write_text(str(secret), encoding="utf-8")
    [error] = run([str(tmp_path / "pointer.rss")])
    assert isinstance(error, IngestError) and "not an rss or atom feed" in error.message.lower()

"""Ingest decoding: legacy encodings come out right, and decoding never raises."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.config import IngestConfig, load_config
from newsgraph.ingest import decode_bytes, iter_inputs
from newsgraph.records import IngestError, RawDocument


def shipped_config(**overrides: object) -> IngestConfig:
    """The shipped [ingest] defaults (never a user's newsgraph.toml), with overrides."""
    return dataclasses.replace(load_config(os.devnull).ingest, **overrides)  # type: ignore[arg-type]


FLOODS = (
    "PORTO ALEGRE \u2014 Heavy rain forced 3,000 residents from riverside districts on Thursday. "
    "\u201cWe have never seen the Gua\u00edba this high,\u201d said Marta Ribeiro, a volunteer. "
    "Damage is put at \u20ac12 million; the governor\u2019s office called it \u201cna\u00efve\u201d to expect "
    "a quick recovery."
)
LYON = (
    "Le conseil municipal de Lyon a vot\u00e9 jeudi un budget de 12 millions d'euros pour la r\u00e9novation "
    "des \u00e9coles, a annonc\u00e9 la mairie. Les travaux commenceront apr\u00e8s l'\u00e9t\u00e9."
)
OSAKA = (
    "\u5927\u962a\u5e02\u306f\u706b\u66dc\u65e5\u3001\u6765\u5e74\u5ea6\u306e\u4e88\u7b97\u6848\u3092"
    "\u767a\u8868\u3057\u305f\u3002\u5e02\u9577\u306f\u8a18\u8005\u4f1a\u898b\u3067\u300c\u5b50\u80b2"
    "\u3066\u652f\u63f4\u3092\u6700\u512a\u5148\u306b\u3059\u308b\u300d\u3068\u8ff0\u3079\u305f\u3002"
)
SEOUL = (
    "\uc11c\uc6b8\uc2dc\ub294 \uc6d4\uc694\uc77c \uc0c8\ub85c\uc6b4 \uad50\ud1b5 \uc815\ucc45\uc744 "
    "\ubc1c\ud45c\ud588\ub2e4. \uc2dc\ubbfc\ub4e4\uc740 \ub300\uccb4\ub85c \ud658\uc601\ud588\ub2e4."
)
KYIV = (
    "\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0437\u0430\u044f\u0432\u0438\u043b \u0436\u0443\u0440"
    "\u043d\u0430\u043b\u0438\u0441\u0442\u0430\u043c, \u0447\u0442\u043e \u043f\u0435\u0440\u0435\u0433"
    "\u043e\u0432\u043e\u0440\u044b \u043f\u0440\u043e\u0434\u043e\u043b\u0436\u0430\u0442\u0441\u044f "
    "\u043d\u0430 \u0441\u043b\u0435\u0434\u0443\u044e\u0449\u0435\u0439 \u043d\u0435\u0434\u0435\u043b\u0435."
)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (FLOODS, "cp1252"),
        (LYON, "latin-1"),
        (FLOODS, "utf-16"),
        (FLOODS, "utf-8-sig"),
        (OSAKA, "shift_jis"),
        (OSAKA, "euc_jp"),
        (SEOUL, "euc_kr"),
        (KYIV, "cp1251"),
        ("He said \u201cno\u201d.", "cp1252"),
    ],
)
def test_files_in_legacy_encodings_come_out_right(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(encoding))
    [doc] = iter_inputs([str(path)], shipped_config())
    assert isinstance(doc, RawDocument) and doc.content == text


def test_utf16_without_bom() -> None:
    assert decode_bytes(FLOODS.encode("utf-16-le"), "x") == FLOODS
    assert decode_bytes(FLOODS.encode("utf-16-be"), "x") == FLOODS


def test_declared_charsets_are_honoured_but_not_blindly() -> None:
    meta_sjis = f'<html><head><meta charset="shift_jis"></head><body><p>{OSAKA}</p></body></html>'
    assert decode_bytes(meta_sjis.encode("shift_jis"), "x") == meta_sjis
    # Labelled latin-1 but using cp1252 quotes: decoded as browsers do (windows-1252).
    assert decode_bytes(FLOODS.encode("cp1252"), "x", declared="iso-8859-1") == FLOODS
    # Labelled UTF-8 but not UTF-8: the label is dropped rather than producing replacement characters.
    assert decode_bytes(FLOODS.encode("cp1252"), "x", declared="utf-8") == FLOODS
    # Labelled as a legacy charset but valid UTF-8: UTF-8 wins.
    assert decode_bytes(LYON.encode("utf-8"), "x", declared="windows-1252") == LYON
    # A codec that is not a text encoding is ignored.
    assert decode_bytes(LYON.encode("cp1252"), "x", declared="base64") == LYON


@pytest.mark.parametrize(
    "data",
    [b"\x00\x01\x02\x03binary\x00\xff" * 50, b"%PDF-1.4\n", b"PK\x03\x04\x14\x00", bytes(range(32)) * 40],
)
def test_binary_is_an_error(data: bytes) -> None:
    assert isinstance(decode_bytes(data, "blob.bin"), IngestError)


@settings(max_examples=300, deadline=None)
@given(
    data=st.binary(max_size=4000),
    declared=st.none() | st.sampled_from(["utf-8", "latin-1", "shift_jis", "x-bogus"]),
)
def test_decoding_never_raises(data: bytes, declared: str | None) -> None:
    result = decode_bytes(data, "fuzz", declared)
    assert isinstance(result, str | IngestError)


printable = st.characters(blacklist_categories=("Cc", "Cs"))


@settings(max_examples=200, deadline=None)
@given(text=st.text(printable, max_size=500))
def test_utf8_round_trips(text: str) -> None:
    assert decode_bytes(text.encode("utf-8"), "x") == text


@settings(max_examples=200, deadline=None)
@given(text=st.text(printable, max_size=500), bom=st.sampled_from(["utf-16", "utf-32", "utf-8-sig"]))
def test_byte_order_marks_round_trip(text: str, bom: str) -> None:
    assert decode_bytes(text.encode(bom), "x") == text


def test_a_stray_nul_does_not_make_an_article_binary() -> None:
    text = LYON + "\x00" + LYON
    assert decode_bytes(text.encode("utf-8"), "x") == text

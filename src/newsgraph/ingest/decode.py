"""Bytes to text for inputs whose encoding nobody promised.

Order: byte-order mark > valid UTF-8 > declared charset (HTTP header, ``<meta>``, XML
prolog) > cp1252 when that reads as Western prose > charset-normalizer. Valid UTF-8 beats a
declaration because mislabelled pages are common and multi-byte UTF-8 almost never occurs
by chance in legacy text; cp1252 is tried before the detector because on short English
text the detector often picks an exotic code page (cp1125, cp1250) and mangles quotes.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer
from charset_normalizer.constant import IANA_SUPPORTED

from newsgraph.records import IngestError

_UTF8_BOM = codecs.BOM_UTF8
_TEXT_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (_UTF8_BOM, "utf-8-sig"),
)
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (e.g. .docx, .xlsx)"),
    (b"\xd0\xcf\x11\xe0", "an MS Office document"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "a bzip2 archive (decompress it first)"),
    (b"\xfd7zXZ", "an xz archive (decompress it first)"),
    (b"(\xb5/\xfd", "a zstd archive (decompress it first)"),
)
# WHATWG: pages labelled latin-1 or ASCII are decoded as windows-1252.
_LABEL_ALIASES = {
    "iso8859_1": "cp1252",
    "latin_1": "cp1252",
    "ascii": "cp1252",
    "x_sjis": "shift_jis",
    "windows_31j": "cp932",
    "gb2312": "gb18030",
}
_DECLARED = re.compile(
    rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})""",
    re.IGNORECASE,
)
_JAMO = re.compile("[\u3130-\u318f]")
_HANGUL_SYLLABLE = re.compile("[\uac00-\ud7a3]")
# Control characters other than tab, line breaks, form feed and escape.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")
# Symbols that never sit inside a Western word; inside one they betray another code page.
_IN_WORD_SUSPECT = re.compile(
    r"[^\W\d_][\u00a1-\u00ac\u00ae-\u00b6\u00b8-\u00bf\u02c6\u02dc\u2020-\u2022\u2030\u2039\u203a][^\W\d_]"
)


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> str | IngestError:
    """Decode one input's bytes; an IngestError (never an exception) when it is not text.

    ``declared`` is a charset from outside the content (an HTTP Content-Type header).
    """
    try:
        return _decode(data, source, declared)
    except (LookupError, ValueError, RuntimeError) as exc:  # a broken codec or detector; not fatal
        return IngestError(source, f"cannot decode text: {exc}")


def declared_charset(head: bytes) -> str | None:
    """The charset a document declares about itself in its first bytes (``<meta>`` or XML prolog)."""
    match = _DECLARED.search(head[:4096])
    if not match:
        return None
    return (match.group(1) or match.group(2)).decode("ascii")


def charset_param(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header value."""
    for param in (content_type or "").split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def _decode(data: bytes, source: str, declared: str | None) -> str | IngestError:
    if not data:
        return ""
    for bom, encoding in _TEXT_BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace"), source)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return IngestError(source, f"binary file ({what}), not a news article")
    nuls = data.count(0)
    if nuls:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return _checked(utf16, source)
        if nuls > max(8, len(data) // 1000):  # a few stray NULs happen in scraped text
            return _binary(source)
    text = _strict(data, "utf-8") or _declared(data, declared) or _western(data)
    if text is None:
        best = charset_normalizer.from_bytes(data).best()
        if best is None or best.encoding.startswith(("utf_16", "utf_32")):  # without a BOM: binary
            return _binary(source)
        text = _japanese_not_korean(data, best.encoding) or str(best)
    return _checked(text, source)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _declared(data: bytes, declared: str | None) -> str | None:
    """The text under the charset given from outside, else the one the document declares."""
    for label in (declared, declared_charset(data)):
        encoding = _codec(label)
        text = _strict(data, encoding) if encoding else None
        if text is None and encoding == "cp1252":
            text = _strict(data, "latin-1")
        if text is not None:
            return text
    return None


def _codec(label: str | None) -> str | None:
    """A text codec for a declared label; None for unknown or non-text codecs (base64, rot13...)."""
    if not label:
        return None
    key = label.strip().lower().replace("-", "_")
    key = _LABEL_ALIASES.get(key, key)
    try:
        name = codecs.lookup(key).name.replace("-", "_")
    except LookupError:
        return None
    name = _LABEL_ALIASES.get(name, name)
    return name if name in IANA_SUPPORTED or name.startswith("utf_") else None


def _western(data: bytes) -> str | None:
    """cp1252 text when it reads as mostly-ASCII Western prose, else None."""
    text = _strict(data, "cp1252")
    if text is None:
        return None
    visible = len("".join(text.split()))
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    if visible == 0 or non_ascii > 0.15 * visible + 3 or _IN_WORD_SUSPECT.search(text):
        return None
    return text


def _japanese_not_korean(data: bytes, guess: str) -> str | None:
    """EUC-JP text when the detector read it as EUC-KR.

    Kana rows of EUC-JP are Hangul compatibility jamo in EUC-KR, letters that real Korean
    text (written in syllable blocks) hardly uses; the detector does not know that.
    """
    if guess not in ("euc_kr", "cp949", "johab"):
        return None
    korean, japanese = _strict(data, guess), _strict(data, "euc_jp")
    if korean is None or japanese is None:
        return None
    jamo = len(_JAMO.findall(korean))
    syllables = len(_HANGUL_SYLLABLE.findall(korean))
    return japanese if jamo > syllables / 4 else None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as NULs on (nearly) every other byte, when the text is mostly Latin."""
    if len(data) < 4 or len(data) % 2:
        return None
    half = len(data) // 2
    even_nuls, odd_nuls = data[0::2].count(0), data[1::2].count(0)
    if odd_nuls > 0.3 * half and even_nuls * 10 <= odd_nuls:
        return _strict(data, "utf-16-le")
    if even_nuls > 0.3 * half and odd_nuls * 10 <= even_nuls:
        return _strict(data, "utf-16-be")
    return None


def _checked(text: str, source: str) -> str | IngestError:
    """Refuse text that is mostly control characters: a binary file that happened to decode."""
    if len(_CONTROL.findall(text)) > max(8, len(text) // 100):
        return _binary(source)
    return text


def _binary(source: str) -> IngestError:
    return IngestError(source, "binary or undecodable content, not text")

"""``clean_document``: one raw article in, a clean body with metadata and offsets out."""

from __future__ import annotations

import logging
import re

from ..records import Article, OffsetMap, RawDocument
from .chrome import strip_chrome
from .dateline import find_dateline
from .dates import parse_published
from .frame import read_frame
from .html import HtmlExtract, extract_html
from .mentions import date_mentions
from .shape import normalized
from .units import Unit, split_units

log = logging.getLogger(__name__)
PARAGRAPH_BREAK = "\n\n"
_MARKUP = re.compile(r"<[A-Za-z!/?]")
_BODY_TAG = re.compile(r"<body[\s>]", re.IGNORECASE)


def _drop_repeats(units: list[Unit], removed: list[tuple[int, str]]) -> list[Unit]:
    """Keep the first occurrence of each paragraph (a body pasted twice, a repeated headline)."""
    seen: set[str] = set()
    kept = []
    for unit in units:
        key = normalized(unit.text)
        if key in seen:
            removed.append((unit.start, unit.text))
        else:
            seen.add(key)
            kept.append(unit)
    return kept


def _offsets(paragraphs: list[Unit], markup: str | None) -> OffsetMap:
    """Segments from clean paragraphs to the raw input.

    Plain-text paragraphs are raw spans already. Text extracted from markup is mapped where
    it appears as is, searched from <body> on (so a paragraph repeated in a meta
    description maps to the page) and in reading order.
    """
    offsets = OffsetMap()
    body = _BODY_TAG.search(markup) if markup else None
    body_at = body.start() if body else 0
    clean_at, cursor = 0, body_at
    for unit in paragraphs:
        if markup is None:
            offsets.add(clean_at, unit.start, len(unit.text))
        else:
            found = markup.find(unit.text, cursor)
            if found < 0:
                found = markup.find(unit.text, body_at)
            if found >= 0:
                offsets.add(clean_at, found, len(unit.text))
                cursor = found + len(unit.text)
        clean_at += len(unit.text) + len(PARAGRAPH_BREAK)
    return offsets


def _clean(raw: RawDocument) -> Article:
    # A document labelled HTML without any markup is cleaned as the text it is.
    is_html = raw.kind == "html" and bool(_MARKUP.search(raw.content))
    html = extract_html(raw.content, raw.url) if is_html else HtmlExtract()
    source_text = html.text if is_html else raw.content
    known_title = raw.title or html.title
    scan = strip_chrome(split_units(source_text, lines_only=is_html))
    removed = scan.removed
    units = _drop_repeats(scan.kept, removed)
    # A container's title is exact: no other is guessed in its place. A page's metadata title
    # may differ from its visible headline, so for HTML the guess stays on.
    frame = read_frame(units, known_title, guess_title=is_html or not raw.title, summary=html.description)
    removed.extend(frame.removed)
    body = frame.body
    dateline = find_dateline(body[0].text) if body else None
    published = parse_published(raw.published) or html.published or frame.published
    text = PARAGRAPH_BREAK.join(u.text for u in body)
    return Article(
        id=raw.id,
        source=raw.source,
        text=text,
        raw=raw.content,
        raw_kind="html" if is_html else "text",
        url=raw.url,
        title=raw.title or frame.title or html.title,
        subtitle=frame.subtitle,
        outlet=raw.outlet
        or html.outlet
        or scan.outlet
        or scan.owner
        or (dateline.agency if dateline else None),
        byline=raw.author or html.author or frame.byline or scan.byline,
        dateline=dateline.place if dateline else None,
        published=published,
        removed=[chunk for _, chunk in sorted(removed)],
        date_mentions=date_mentions(text, published),
        offsets=_offsets(body, raw.content if is_html else None),
        hash=raw.hash,
    )


def clean_document(raw: RawDocument) -> Article:
    """Clean text, metadata, removed chrome and offset map for one raw article.

    Never raises on content: should a rule fail on a pathological input, the article is
    returned with an empty body and the failure is logged.
    """
    try:
        return _clean(raw)
    except Exception:  # the batch must go on; the log names the document
        log.exception("cleaning failed for %s", raw.source)
        return Article(id=raw.id, source=raw.source, text="", raw=raw.content, raw_kind=raw.kind, url=raw.url,
                       title=raw.title, outlet=raw.outlet, byline=raw.author,
                       published=parse_published(raw.published), hash=raw.hash)  # fmt: skip

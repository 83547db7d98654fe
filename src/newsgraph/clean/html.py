"""HTML pages: main text with trafilatura, the publication date with htmldate.

trafilatura already arbitrates between its own extractor, readability and jusText; we
ask it for one paragraph per line and run the plain-text chrome rules on that. Dates come
from htmldate in its precise mode (meta tags, JSON-LD, ``<time>``, the URL, then only
complete date patterns): its opportunistic full-text search is off, since a wrong date is
worse than none.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

import htmldate
import trafilatura

from .dates import parse_published

# Their warnings about unusable pages would drown a batch's own report; such a page simply
# comes out with an empty body.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

# Media embeds (their standard embed-code classes) wrap a caption in player chrome, and pull
# quotes repeat the article's own lines. Embedded tweets stay: readers and human-extracted
# bodies count a quoted post, with its "— Name (@handle) date" line, as part of the story.
_PRUNE = [
    "//blockquote[contains(@class, 'instagram-media') or contains(@class, 'tiktok-embed')"
    " or contains(@class, 'reddit-embed')]",
    "//*[contains(@class, 'pullquote') or contains(@class, 'pull-quote')]",
]
_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}
_TITLE_SUFFIX = re.compile(r"\s*[|–—:-]\s*[^|–—:-]{1,60}$")


@dataclass
class HtmlExtract:
    text: str = ""
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    description: str | None = None
    published: str | None = None


def _title(title: str | None, outlet: str | None) -> str | None:
    """The headline without a trailing " | Site Name"."""
    if not title:
        return None
    m = _TITLE_SUFFIX.search(title)
    if m and outlet and outlet.casefold() in m.group(0).casefold():
        return title[: m.start()].strip() or title
    return title.strip()


def _published(markup: str, url: str | None) -> str | None:
    try:
        found = htmldate.find_date(markup, url=url, **_DATE_PARAMS)
    except Exception:  # htmldate parses arbitrary markup; a failure means no date, not a crash
        return None
    return parse_published(found)


def _extract(markup: str, url: str | None, tables: bool) -> Any:
    try:
        return trafilatura.bare_extraction(
            markup,
            url=url,
            include_comments=False,
            include_tables=tables,
            with_metadata=True,
            # trafilatura's duplicate cache spans documents; copies across articles are data here.
            deduplicate=False,
            prune_xpath=_PRUNE,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception:  # trafilatura on hostile markup: no text rather than a crash
        return None


def _is_layout_table(text: str) -> bool:
    """Most of the text flattened into table rows: the page is laid out with a <table>."""
    rows = sum(len(line) for line in text.splitlines() if line.startswith("|"))
    return rows > 0.5 * len(text)


def extract_html(markup: str, url: str | None = None) -> HtmlExtract:
    """Main text (one paragraph per line) and metadata of an HTML page.

    Tables are kept as content, unless the whole page is laid out in one: then its cells
    would come out as a single row, so the page is read again without table handling.
    """
    doc = _extract(markup, url, tables=True)
    if doc is not None and _is_layout_table(doc.text or ""):
        doc = _extract(markup, url, tables=False) or doc
    if doc is None:
        # Nothing passed trafilatura's filters (a very short page): take its plain baseline text.
        try:
            text = trafilatura.baseline(markup)[1]
        except Exception:  # same as above: hostile markup yields no text
            text = ""
        return HtmlExtract(text=text, published=_published(markup, url))
    outlet = doc.sitename or None
    return HtmlExtract(
        text=doc.text or "",
        title=_title(doc.title, outlet),
        outlet=outlet,
        author=doc.author or None,
        description=doc.description or None,
        published=parse_published(doc.date),
    )

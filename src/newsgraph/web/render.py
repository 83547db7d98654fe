"""The Jinja2 environment: autoescaping always on, strict about missing values, link helpers."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote as urlquote
from urllib.parse import urlencode, urlsplit

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from newsgraph.store.queries import MARK_END, MARK_START
from newsgraph.web.highlight import actor_href, article_href, intensity_class
from newsgraph.web.params import EXPORT_MAX


def url(path: str, params: dict[str, Any] | None = None, **changes: Any) -> str:
    """``path`` with the given query parameters; ``None``/empty values are dropped."""
    merged = {**(params or {}), **changes}
    query = urlencode([(k, "1" if v is True else v) for k, v in merged.items() if v not in (None, "", False)])
    return f"{path}?{query}" if query else path


def export_url(path: str, params: dict[str, Any], fmt: str) -> str:
    """The API list behind a page, with the page's filters, as a whole download."""
    return url(path, params, format=fmt, limit=EXPORT_MAX)


def quote_href(article_id: str, quote_id: int) -> str:
    return f"{article_href(article_id)}#q-{quote_id}"


def story_href(story_id: Any) -> str:
    return "/story/" + urlquote(str(story_id), safe="")


def safe_link(href: str | None) -> str | None:
    """An article's own URL, only when it is http(s): a ``javascript:`` URL must not become a link."""
    return href if href and urlsplit(href.strip()).scheme.lower() in ("http", "https") else None


_MARKED = re.compile(f"{MARK_START}([^{MARK_START}{MARK_END}]*){MARK_END}")


def snippet(text: str | None) -> Markup:
    """A search snippet with its matched words in ``<mark>``; everything else escaped."""
    text = text or ""
    out, pos = [], 0
    for m in _MARKED.finditer(text):
        out += [escape(_unmarked(text[pos:m.start()])), Markup("<mark>{}</mark>").format(m.group(1))]
        pos = m.end()
    out.append(escape(_unmarked(text[pos:])))
    return Markup("").join(out)


def _unmarked(text: str) -> str:
    return text.replace(MARK_START, "").replace(MARK_END, "")


def number(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else ("" if value is None else str(value))


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(url=url, export_url=export_url, actor_href=actor_href, article_href=article_href,
                       quote_href=quote_href, story_href=story_href, safe_link=safe_link,
                       intensity_class=intensity_class)
    env.filters.update(number=number, snippet=snippet)
    return env


templates = Jinja2Templates(env=_environment())

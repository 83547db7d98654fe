"""The article body as HTML with events, quotes and actor mentions highlighted from their offsets.

Built server-side: every piece of article text goes through ``escape``, and tags come
only from the fixed templates below with escaped attribute values, so hostile text stays
text. Spans nest quote sentences ⊃ events ⊃ quotes ⊃ mentions; a span that crosses another's
end is closed and reopened (the continuation carries no ``id``), so the HTML is always well
formed. A quote's sentence is unstyled until an anchor (``#q-ID``) targets the quote.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote as urlquote

from markupsafe import Markup, escape

QUOTE_TYPES = ("direct", "partial", "indirect")
SENTENCE, EVENT, QUOTE, LINK = range(4)  # nesting layers, outermost first


@dataclass(frozen=True)
class Span:
    """One highlighted range; ``layer`` orders nesting at equal extents (lower is outer)."""

    start: int
    end: int
    layer: int
    open: Markup
    close: Markup
    reopen: Markup


def actor_href(actor_id: str) -> str:
    return "/actor/" + urlquote(actor_id, safe=":@")


def article_href(article_id: str) -> str:
    return "/article/" + urlquote(article_id, safe=":@")


def intensity_class(intensity: float | None) -> str:
    """``neg`` for conflict, ``pos`` for cooperation, ``neu`` in between or unknown (PLOVER -10..10)."""
    if intensity is None or -1 < intensity < 1:
        return "neu"
    return "neg" if intensity < 0 else "pos"


def _tag(name: str, **attrs: Any) -> Markup:
    parts = "".join(Markup(' {}="{}"').format(k.rstrip("_").replace("_", "-"), v) for k, v in attrs.items() if v is not None)
    return Markup("<{}{}>").format(Markup(name), Markup(parts))


def event_span(event: dict[str, Any]) -> Span:
    src, tgt = ", ".join(event.get("source") or []) or "?", ", ".join(event.get("target") or []) or "?"
    title = f"{event['event_type']}: {src} → {tgt} ({event.get('modality') or 'asserted'})"
    cls = f"hl-ev ev-{intensity_class(event.get('intensity'))}"
    first = _tag("span", class_=cls, id=f"ev-{event['id']}", data_ev=event["id"], title=title)
    cont = _tag("span", class_=cls, data_ev=event["id"], title=title)
    return Span(event["evidence_start"], event["evidence_end"], EVENT, first, Markup("</span>"), cont)


def quote_span(quote: dict[str, Any]) -> Span:
    qtype = quote["type"] if quote["type"] in QUOTE_TYPES else "other"
    title = f"{quote.get('speaker') or quote.get('speaker_text') or 'unknown speaker'} ({qtype})"
    cls = f"hl-q q-{qtype}"
    first = _tag("span", class_=cls, id=f"q-{quote['id']}", data_q=quote["id"], title=title)
    cont = _tag("span", class_=cls, data_q=quote["id"], title=title)
    return Span(quote["start"], quote["end"], QUOTE, first, Markup("</span>"), cont)


def sentence_span(quote: dict[str, Any]) -> Span:
    """The sentence of a quote, marked so that the quote's anchor can light it up."""
    tag = _tag("span", class_="hl-s", data_qs=quote["id"])
    end = max(quote["sentence_end"], quote["end"])
    return Span(min(quote["sentence_start"], quote["start"]), end, SENTENCE, tag, Markup("</span>"), tag)


def mention_span(mention: dict[str, Any]) -> Span:
    tag = _tag("a", class_="hl-m", href=actor_href(mention["actor_id"]), title=mention.get("name") or "")
    return Span(mention["start"], mention["end"], LINK, tag, Markup("</a>"), tag)


def _disjoint(spans: Iterable[Span]) -> list[Span]:
    """Drop spans overlapping an earlier one (links cannot nest)."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def render(text: str, spans: Iterable[Span]) -> Markup:
    """Escaped ``text`` with each valid span wrapped in its tags; invalid offsets are skipped."""
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    links = _disjoint(s for s in valid if s.layer == LINK)
    todo = sorted([s for s in valid if s.layer != LINK] + links, key=lambda s: (s.start, -s.end, s.layer))
    bounds = sorted({0, len(text), *(s.start for s in todo), *(s.end for s in todo)})
    out: list[str] = []
    stack: list[Span] = []
    nxt = pos = 0
    for b in bounds:
        out.append(escape(text[pos:b]))
        pos = b
        ending = [i for i, s in enumerate(stack) if s.end == b]
        if ending:
            closing = stack[ending[0]:]
            out.extend(s.close for s in reversed(closing))
            del stack[ending[0]:]
            for s in closing:
                if s.end != b:
                    out.append(s.reopen)
                    stack.append(s)
        while nxt < len(todo) and todo[nxt].start == b:
            out.append(todo[nxt].open)
            stack.append(todo[nxt])
            nxt += 1
    return Markup("".join(out))


def article_html(article: dict[str, Any]) -> Markup:
    """The highlighted body of an article as returned by ``queries.get_article``."""
    spans = [sentence_span(q) for q in article["quotes"]]
    spans += [event_span(e) for e in article["events"]]
    spans += [quote_span(q) for q in article["quotes"]]
    spans += [mention_span(m) for m in article["mentions"]]
    return render(article["text"], spans)

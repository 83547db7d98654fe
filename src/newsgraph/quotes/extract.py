"""The quote stage: quoted spans and reported speech, attributed and resolved to speakers."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsgraph.quotes.direct import attribute_span
from newsgraph.quotes.entities import Entity
from newsgraph.quotes.indirect import indirect_quotes
from newsgraph.quotes.phrases import np_span
from newsgraph.quotes.view import DocView, Found
from newsgraph.records import Mention, Quote

_GAP_MAX = 60  # tokens of narrative a quote may follow and still continue the previous speaker


def _gap_allows(view: DocView, prev: Found, nxt: Found) -> bool:
    """Whether nothing between two quotes suggests that someone else is now speaking."""
    assert nxt.span is not None and prev.entity is not None
    if view.paragraph_of(nxt.span.open) - view.paragraph_of(prev.frame_end) > 1:
        return False
    gap = view.doc[view.token_at(prev.frame_end) : view.token_at(nxt.span.open)]
    words = [t for t in gap if view.quote_of[t.i] < 0 and not t.is_punct and not t.is_space]
    if len(words) > _GAP_MAX:
        return False
    for tok in words:
        other = view.discourse.entity_at(tok)
        if tok.dep_ in ("nsubj", "nsubjpass") or (other is not None and other.kind == "person"):
            who = other or view.discourse.resolve(tok)
            if who is not prev.entity:
                return False
    return True


def _previous_subject(view: DocView, found: Found) -> Token | None:
    """The person subject of the sentence just before a bare quote in the same paragraph."""
    assert found.span is not None
    first = view.token_at(found.span.open)
    if first == 0:
        return None
    sent = view.sentence(view.doc[first - 1])
    if view.paragraph_of(sent.start_char) != view.paragraph_of(found.span.open):
        return None
    if any(view.quote_of[i] >= 0 for i in range(sent.start, sent.end)):
        return None
    for child in sent.root.children:
        if child.dep_ == "nsubj":
            entity = view.discourse.resolve(child)
            if entity is not None and entity.kind == "person":
                return child
    return None


def _continue_speakers(view: DocView, quotes: list[Found]) -> None:
    """A bare direct quote takes the previous quote's speaker when nothing intervenes."""
    prev: Found | None = None
    for found in quotes:
        if found.speaker is not None:
            found.entity = view.discourse.resolve(found.speaker)
        elif found.type == "direct":
            if prev is not None and prev.entity is not None and _gap_allows(view, prev, found):
                found.speaker, found.entity, found.cue_text = prev.speaker, prev.entity, prev.cue_text
            else:
                subject = _previous_subject(view, found)
                if subject is not None:
                    found.speaker, found.entity = subject, view.discourse.resolve(subject)
        prev = found


def _outermost(found: list[Found]) -> list[Found]:
    """Drop reported speech nested in other reported speech ("X said Y told Z that ...")."""
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        if kept and f.start >= kept[-1].start and f.end <= kept[-1].end:
            continue
        kept.append(f)
    return kept


def _speaker_chars(view: DocView, tok: Token) -> tuple[str, int, int]:
    if tok.pos_ == "PRON":
        return tok.text, tok.idx, tok.idx + len(tok)
    start, end = np_span(tok)
    span = view.doc[start:end]
    return span.text, span.start_char, span.end_char


def _record(view: DocView, f: Found) -> Quote:
    entity: Entity | None = f.entity
    text = view.text
    cue_start = f.cue.idx if f.cue is not None else f.start
    sent_start, sent_end = view.sentence_bounds(min(f.start, cue_start), max(f.end, cue_start + 1))
    quote = Quote(
        start=f.start,
        end=f.end,
        text=text[f.start : f.end],
        type=f.type,
        cue=f.cue_text,
        sentence_start=sent_start,
        sentence_end=sent_end,
    )
    if f.speaker is not None and entity is not None:
        quote.speaker_text, quote.speaker_start, quote.speaker_end = _speaker_chars(view, f.speaker)
        named = f.speaker.pos_ == "PROPN"  # "Grassley and Leahy said", not "the senators said"
        quote.speaker = entity.names if named else entity.display
        quote.speaker_id = entity.actor_id
        quote.speaker_country = entity.country
    return quote


def extract_quotes(doc: Doc, mentions: list[Mention]) -> list[Quote]:
    """Every quote in ``doc`` with its speaker; offsets are into ``doc.text``."""
    if not doc.has_annotation("DEP") or len(doc) == 0:
        return []
    view = DocView.build(doc, mentions)
    quoted = [f for f in (attribute_span(view, span) for span in view.spans) if f is not None]
    _continue_speakers(view, quoted)
    reported = _outermost(indirect_quotes(view))
    for f in reported:
        f.entity = view.discourse.resolve(f.speaker) if f.speaker is not None else None
    found = sorted(quoted + reported, key=lambda f: f.start)
    return [_record(view, f) for f in found]

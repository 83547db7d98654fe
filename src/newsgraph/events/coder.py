"""``code_events``: PLOVER events for every sentence of a parsed article."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newsgraph.events.arguments import Found
from newsgraph.events.clauses import SentenceCoder
from newsgraph.events.lexicon import Lexicon, Sense, load_lexicon
from newsgraph.events.participants import Participants
from newsgraph.events.roles import codes, settle, unnamed_source
from newsgraph.events.syntax import lemma
from newsgraph.records import Article, Event, Mention, Quote


def code_events(
    doc: Doc, mentions: list[Mention], quotes: list[Quote] | None = None, article: Article | None = None
) -> list[Event]:
    """PLOVER events coded sentence by sentence; a sentence with no event yields none."""
    lex = load_lexicon()
    parts = Participants(doc, mentions, quotes)
    coder = SentenceCoder(lex, parts)
    events: list[Event] = []
    for sent in doc.sents:
        seen: set[tuple[str, tuple[str, ...], tuple[str, ...], str | None]] = set()
        for found in coder.code(sent):
            event = _event(lex, parts, sent, found, article)
            if not event.source and not event.target:
                continue  # no one the coder can name on either side: nothing to record
            key = (event.event_type, tuple(event.source), tuple(event.target), event.trigger)
            if key not in seen:
                seen.add(key)
                events.append(event)
    return events


def _event(lex: Lexicon, parts: Participants, sent: Span, found: Found, article: Article | None) -> Event:
    sense = found.reading.sense
    place = parts.location(found.reading.head)
    where = parts.location(found.reading.head, placing_act=False)
    place_code = where[1] if where else None
    targets = [p for p in found.targets if p.code]
    sources = [p for p in found.sources if p.code] or unnamed_source(
        sense.type, place_code, parts.sentence_codes(sent), codes(targets), found.has_actor
    ) or list(found.sources)
    words, text = {lemma(t) for t in sent} | {t.lower_ for t in sent}, sent.text.lower()
    mode = sense.mode or _mode(lex, sense, words, text)
    meeting = any(lemma(t) in lex.word("meeting") for t in found.reading.trigger)
    sources, targets = settle(sense.type, mode, sources, targets, place_code, meeting, found.unplaced)
    scored = lex.scores(Sense(sense.type, mode))
    return Event(
        event_type=sense.type,
        source=codes(sources),
        target=codes(targets),
        evidence_start=sent.start_char,
        evidence_end=sent.end_char,
        source_actor_ids=list(dict.fromkeys(p.actor_id for p in sources if p.actor_id)),
        target_actor_ids=list(dict.fromkeys(p.actor_id for p in targets if p.actor_id)),
        source_sectors=[p.sector for p in sources],
        target_sectors=[p.sector for p in targets],
        mode=mode,
        context=[name for name, terms in lex.contexts.items() if _cued(terms, words, text)],
        modality=found.reading.modality,  # type: ignore[arg-type]
        date=_date(sent, article),
        location=place[0] if place else (article.dateline if article else None),
        intensity=scored.intensity if scored else None,
        cameo_root=scored.cameo[:2] if scored and scored.cameo else None,
        goldstein=scored.goldstein if scored else None,
        trigger=" ".join(t.text for t in sorted(found.reading.trigger, key=lambda t: t.i)),
    )


def _cued(terms: tuple[str, ...], words: set[str], text: str) -> bool:
    """Whether a sentence (its lemmas and forms, its lower-cased text) has a cue word or phrase."""
    return any(t in text if " " in t else t in words for t in terms)


def _mode(lex: Lexicon, sense: Sense, words: set[str], text: str) -> str | None:
    """The first mode whose cue words appear in the sentence, for types that have mode cues."""
    return next((m for m, terms in lex.modes.get(sense.type, {}).items() if _cued(terms, words, text)), None)


def _date(sent: Span, article: Article | None) -> str | None:
    """A resolved date written in the sentence, else the article's publication date."""
    if article is None:
        return None
    for dm in article.date_mentions:
        if sent.start_char <= dm.start < sent.end_char and dm.resolved:
            return dm.resolved
    return article.published

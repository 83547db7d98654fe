"""Typed records passed between pipeline stages.

Every stage is a function over these dataclasses. Offsets are character offsets
into ``Article.text`` (the clean text) unless a field name says ``raw``;
``Article.offsets`` maps them back to the input as given.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

RawKind = Literal["text", "html"]
QuoteType = Literal["direct", "partial", "indirect"]


def content_hash(*parts: str | None) -> str:
    """Stable hash of the given strings; the key for incremental runs."""
    h = hashlib.sha256()
    for part in parts:
        h.update((part or "").encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


@dataclass
class RawDocument:
    """One input article as read, before cleaning.

    ``content`` is decoded text (``kind="text"``) or markup (``kind="html"``).
    Metadata fields come from the container (a JSONL record, a WARC header, a feed
    entry) and are trusted over anything guessed from the content.
    """

    id: str
    source: str
    content: str
    kind: RawKind = "text"
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    author: str | None = None

    @property
    def hash(self) -> str:
        return content_hash(self.kind, self.content, self.url, self.title, self.published, self.outlet, self.author)


@dataclass
class IngestError:
    """An input that could not be read; reported in one line, the batch goes on."""

    source: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.message}"


@dataclass
class OffsetMap:
    """Maps clean-text offsets to offsets in the input as given.

    Built from segments ``(clean_start, raw_start, length)`` where the clean text
    equals the raw text character for character. Offsets outside every segment map
    to ``None`` (text that was synthesised, e.g. from HTML markup).
    """

    segments: list[tuple[int, int, int]] = field(default_factory=list)

    def add(self, clean_start: int, raw_start: int, length: int) -> None:
        if length > 0:
            self.segments.append((clean_start, raw_start, length))

    def to_raw(self, offset: int) -> int | None:
        i = bisect.bisect_right(self.segments, (offset, float("inf"), 0)) - 1
        # An end offset may sit exactly at the end of a segment.
        for j in (i, i - 1):
            if 0 <= j < len(self.segments):
                c, r, n = self.segments[j]
                if c <= offset <= c + n:
                    return r + (offset - c)
        return None

    def span_to_raw(self, start: int, end: int) -> tuple[int, int] | None:
        """Raw span for a clean span; ``None`` if either end is unmapped."""
        rs, re_ = self.to_raw(start), self.to_raw(end)
        if rs is None or re_ is None or re_ < rs:
            return None
        return rs, re_


@dataclass
class DateMention:
    """A date expression in the clean text, resolved only against a known date."""

    text: str
    start: int
    end: int
    resolved: str | None = None  # YYYY-MM-DD, or None when there is no anchor


@dataclass
class Article:
    """A cleaned article: body text, metadata, what was removed, and the offset map."""

    id: str
    source: str
    text: str
    raw: str
    raw_kind: RawKind = "text"
    url: str | None = None
    title: str | None = None
    subtitle: str | None = None
    outlet: str | None = None
    byline: str | None = None
    dateline: str | None = None
    published: str | None = None  # YYYY-MM-DD; None when the input gives no date
    removed: list[str] = field(default_factory=list)
    date_mentions: list[DateMention] = field(default_factory=list)
    offsets: OffsetMap = field(default_factory=OffsetMap)
    hash: str = ""

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]


@dataclass
class Actor:
    """A canonical actor: a person, an organisation, a country or an IGO."""

    id: str  # e.g. "person:sergei-lavrov", "country:RUS", "org:rus-foreign-ministry", "igo:NATO"
    name: str
    kind: Literal["person", "org", "country", "igo", "group"]
    country: str | None = None  # ISO 3166 alpha-3, or IGO/NGO/... as PLOVER does
    sector: str | None = None  # GOV, MIL, ...
    role: str | None = None  # "Foreign Minister", taken from the text
    aliases: list[str] = field(default_factory=list)


@dataclass
class Mention:
    """A span of the clean text that refers to an actor."""

    start: int
    end: int
    text: str
    actor_id: str
    name: str  # the actor's canonical name
    kind: str
    country: str | None = None
    sector: str | None = None
    sentence_start: int = 0
    sentence_end: int = 0


@dataclass
class Quote:
    """Who said what, with evidence."""

    start: int
    end: int
    text: str
    type: QuoteType
    cue: str | None = None
    speaker_text: str | None = None  # the speaker as written ("he", "the diplomat", "Lavrov")
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker: str | None = None  # the resolved speaker's display name; None when the text names none
    speaker_id: str | None = None
    speaker_country: str | None = None
    sentence_start: int = 0
    sentence_end: int = 0


@dataclass
class Event:
    """A PLOVER event coded from one sentence."""

    event_type: str
    source: list[str]  # country / IGO codes
    target: list[str]
    evidence_start: int
    evidence_end: int
    source_actor_ids: list[str] = field(default_factory=list)
    target_actor_ids: list[str] = field(default_factory=list)
    source_sectors: list[str | None] = field(default_factory=list)
    target_sectors: list[str | None] = field(default_factory=list)
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    modality: Literal["asserted", "hypothetical", "denied", "proposed"] = "asserted"
    date: str | None = None
    location: str | None = None
    intensity: float | None = None
    cameo_root: str | None = None
    goldstein: float | None = None
    trigger: str | None = None


@dataclass
class Extraction:
    """Everything extracted from one article."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # Per-article sketches for the corpus-level steps, computed where the article is
    # processed (a worker), so the global steps only index them.
    dedup_signature: bytes = b""
    story_features: str = ""


def to_dict(obj: Any) -> dict[str, Any]:
    """A JSON-ready dict of a record."""
    return asdict(obj)

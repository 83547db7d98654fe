"""A document seen by the quote stage: tokens, quoted spans, which token sits in which quote."""

from __future__ import annotations

import bisect
import re
from collections.abc import Container
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp import sentence_bounds
from newsgraph.quotes.discourse import Discourse
from newsgraph.quotes.entities import Entity
from newsgraph.quotes.marks import QuotedSpan, find_quoted_spans
from newsgraph.quotes.readings import read_document
from newsgraph.records import Mention, QuoteType

_BREAK_RE = re.compile(r"\n\s*")
_SENTENCE_FINAL = frozenset({".", "!", "?", "\u2026"})


@dataclass
class Found:
    """A quote before it becomes a record: span, type, cue and speaker tokens."""

    start: int
    end: int
    type: QuoteType
    cue: Token | None = None
    cue_text: str | None = None
    speaker: Token | None = None
    entity: Entity | None = None
    span: QuotedSpan | None = None
    frame_end: int = 0  # where the attribution after the quote ends (chars)


class _Quoted(Container[int]):
    def __init__(self, quote_of: list[int]) -> None:
        self._quote_of = quote_of

    def __contains__(self, i: object) -> bool:
        return isinstance(i, int) and 0 <= i < len(self._quote_of) and self._quote_of[i] >= 0


@dataclass
class DocView:
    doc: Doc
    text: str  # doc.text, which spaCy rebuilds on every access
    sent_of: list[tuple[int, int]]  # token -> (first, end) token of its sentence
    spans: list[QuotedSpan]
    quote_of: list[int]
    starts: list[int]
    breaks: list[int]
    discourse: Discourse = field(repr=False)

    @classmethod
    def build(cls, doc: Doc, mentions: list[Mention]) -> DocView:
        text = doc.text
        spans = find_quoted_spans(text)
        starts = read_document(doc, mentions).starts
        quote_of = [-1] * len(doc)
        for k, span in enumerate(spans):
            last = span.close if span.close is not None else span.end - 1
            for i in range(bisect.bisect_left(starts, span.open), bisect.bisect_right(starts, last)):
                quote_of[i] = k
        discourse = Discourse(doc, mentions, [q >= 0 for q in quote_of])
        breaks = [m.end() for m in _BREAK_RE.finditer(text)]
        return cls(doc, text, sentence_bounds(doc), spans, quote_of, starts, breaks, discourse)

    @property
    def quoted(self) -> Container[int]:
        """The token indices inside quote marks."""
        return _Quoted(self.quote_of)

    def token_at(self, char: int) -> int:
        """Index of the token that starts at or contains ``char``."""
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def inside(self, start: int, end: int) -> range:
        """Tokens lying wholly in the character span."""
        lo = bisect.bisect_left(self.starts, start)
        hi = lo
        while hi < len(self.doc) and self.doc[hi].idx + len(self.doc[hi]) <= end:
            hi += 1
        return range(lo, hi)

    def is_boundary(self, tok: Token) -> bool:
        """Sentence-final punctuation or a paragraph break, outside any quote."""
        if "\n" in tok.text:
            return True
        return tok.text in _SENTENCE_FINAL and self.quote_of[tok.i] < 0

    def sentence(self, tok: Token) -> Span:
        first, end = self.sent_of[tok.i]
        return self.doc[first:end]

    def sentence_bounds(self, start: int, end: int) -> tuple[int, int]:
        """Character bounds of the sentences holding ``start`` and ``end``."""
        first = self.sent_of[self.token_at(start)][0]
        last = self.sent_of[self.token_at(max(start, end - 1))][1] - 1
        return self.doc[first].idx, self.doc[last].idx + len(self.doc[last])

    def paragraph_of(self, char: int) -> int:
        """Index of the paragraph (any newline ends one) holding ``char``."""
        return bisect.bisect_right(self.breaks, char)

"""Direct and partial quotes: attribute each quoted span from the words around it.

A direct quote takes its speaker from the attribution after it ("...," she said) or before
it (He said: "..."). A partial quote, a fragment inside the journalist's sentence, belongs
to whoever the sentence says used those words: the subject of the reporting verb above it
("condemned the actions as 'destructive'"), or the owner of the utterance noun
("Lavrov's accusation of US 'destruction'"). With neither it is a scare quote: no speaker.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from newsgraph.quotes.lexicon import (
    DIRECT_CUES,
    INDIRECT_CUES,
    NAMING_PHRASES,
    SPEECH_ACTS,
    SPEECH_NOUNS,
    TITLE_NOUNS,
    TITLE_SMALL_WORDS,
    WEAK_CUES,
)
from newsgraph.quotes.marks import QuotedSpan
from newsgraph.quotes.syntax import can_speak, subject_of
from newsgraph.quotes.view import DocView, Found

_WORD_RE = re.compile(r"[^\W\d_]+")
_TITLE_MAX = 8
_FRAME_MAX = 40  # tokens; an attribution is short
_WALK_MAX = 12


def _is_direct(view: DocView, span: QuotedSpan) -> bool:
    """A quote is direct when it opens a sentence, or follows ':' / ', ' / a cue with a capital."""
    text = view.text
    j = span.open - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    if j < 0 or text[j] in "\n.!?:\u2026" or text[j] in "\u201d\u2019\"'\u00bb":
        return True
    capital = text[span.start].isupper() or text[span.start] in "[("
    if text[j] in ",\u2014":
        return capital
    prev = view.doc[view.token_at(j)]
    return capital and prev.lemma_.lower() in DIRECT_CUES


def _trailing_frame(view: DocView, span: QuotedSpan) -> list[Token]:
    if span.close is None:
        return []
    text = view.text
    after = span.close + 1
    while after < len(text) and text[after] in " \t":
        after += 1
    ends_sentence = text[span.end - 1] in ".!?\u2026"
    if after >= len(text) or (ends_sentence and not (text[after].islower() or text[after] in ",\u2014")):
        return []
    frame = []
    for i in range(view.token_at(span.close) + 1, min(len(view.doc), view.token_at(span.close) + _FRAME_MAX)):
        tok = view.doc[i]
        if view.is_boundary(tok) or view.quote_of[i] >= 0:
            break
        frame.append(tok)
    return frame


def _leading_frame(view: DocView, span: QuotedSpan) -> list[Token]:
    frame = []
    first = view.token_at(span.open)
    for i in range(first - 1, max(-1, first - _FRAME_MAX), -1):
        tok = view.doc[i]
        if view.is_boundary(tok) or view.quote_of[i] >= 0:
            break
        frame.append(tok)
    frame.reverse()
    return frame


def _speaker_near(view: DocView, cue: Token, frame: list[Token]) -> Token | None:
    subject = subject_of(cue, view.quoted)
    if subject is not None:
        return subject
    # Parsers sometimes miss the subject of an inverted "said Smith": take the nearest noun.
    inframe = {t.i for t in frame}
    for tok in cue.rights:
        if tok.i in inframe and tok.pos_ in ("PROPN", "NOUN", "PRON") and can_speak(tok, strict=False):
            return tok
    return None


def _from_trailing(view: DocView, frame: list[Token], direct: bool) -> tuple[Token, Token] | None:
    """The "<quote>, SUBJECT VERB" or "<quote>, VERB SUBJECT" shape right after the closing mark.

    After a direct quote any verb will do ("...," he shrugged); after a fragment only a cue.
    """
    words = [t for t in frame if not t.is_punct]
    if not words:
        return None
    first = words[0]
    cues = [t for t in words if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in DIRECT_CUES]
    if not cues and direct:
        cues = [t for t in words[:3] if t.pos_ == "VERB"]
    for cue in cues[:1]:
        speaker = _speaker_near(view, cue, frame)
        if speaker is None or not can_speak(speaker, strict=cue.lemma_.lower() in WEAK_CUES):
            continue
        if first.i == cue.i or speaker.left_edge.i <= first.i <= speaker.i:
            return cue, speaker
    return None


def _from_leading(view: DocView, frame: list[Token]) -> tuple[Token, Token] | None:
    if not frame:
        return None
    doc = view.doc
    for tok in frame:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            objects = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
            if objects and can_speak(objects[0], strict=True):
                return tok, objects[0]
    cues = [t for t in frame if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in DIRECT_CUES]
    if not cues and frame[-1].text == ":":
        ids = {t.i for t in frame}
        cues = [t for t in frame if t.pos_ in ("VERB", "AUX") and (t.head.i not in ids or t.head.i == t.i)]
    for cue in reversed(cues):
        speaker = subject_of(cue, view.quoted)
        if speaker is not None and can_speak(speaker, strict=cue.lemma_.lower() in WEAK_CUES):
            return cue, speaker
    return None


def _from_syntax(view: DocView, tokens: range) -> tuple[Token, Token] | None:
    """Walk up from the quoted words to a speech verb or utterance noun outside the quote."""
    doc = view.doc
    roots = [doc[i] for i in tokens if doc[i].head.i not in tokens or doc[i].head.i == i]
    paragraph = view.paragraph_of(doc[tokens.start].idx) if tokens else -1
    for root in roots[:2]:
        node = root
        for _ in range(_WALK_MAX):
            if view.paragraph_of(node.idx) != paragraph:
                break  # the parser joined two paragraphs
            outside = node.i not in tokens
            lemma = node.lemma_.lower()
            if node.pos_ in ("VERB", "AUX") and lemma in SPEECH_ACTS and (outside or node.i == root.i):
                subject = subject_of(node, view.quoted)
                strict = lemma in WEAK_CUES or lemma not in INDIRECT_CUES
                if subject is not None and can_speak(subject, strict=strict):
                    return node, subject
            if node.pos_ == "NOUN" and outside and lemma in SPEECH_NOUNS:
                for child in node.children:
                    if child.dep_ == "poss" and can_speak(child, strict=True):
                        return node, child
            if node.head.i == node.i:
                break
            node = node.head
    return None


def _names_a_thing(view: DocView, span: QuotedSpan) -> bool:
    """A title in quote marks ("the film 'Winter Light'", "known as the 'AI Act'"): not speech."""
    words = _WORD_RE.findall(view.text[span.start : span.end])
    if not words or len(words) > _TITLE_MAX or view.text[span.end - 1] in ".!?":
        return False
    if not all(w[0].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words):
        return False
    before = view.text[max(0, span.open - 24) : span.open].lower().split()
    return bool(before) and (before[-1] in TITLE_NOUNS or " ".join(before[-3:]).endswith(NAMING_PHRASES))


def attribute_span(view: DocView, span: QuotedSpan) -> Found | None:
    """Type, cue and speaker token of one quoted span (speaker None when the text gives none).

    None when the marks hold the title of a work, a law or an operation rather than words said.
    """
    tokens = view.inside(span.start, span.end)
    direct = _is_direct(view, span)
    found = Found(span.start, span.end, "direct" if direct else "partial", span=span)
    trailing = _trailing_frame(view, span)
    found.frame_end = trailing[-1].idx + len(trailing[-1]) if trailing else (span.close or span.end)
    hit = None
    if direct:
        hit = _from_trailing(view, trailing, True) or _from_leading(view, _leading_frame(view, span))
    hit = hit or _from_syntax(view, tokens) or (None if direct else _from_trailing(view, trailing, False))
    if hit is not None:
        found.cue, found.speaker = hit
        found.cue_text = "according to" if hit[0].lower_ == "according" else hit[0].lemma_.lower()
    elif not direct and _names_a_thing(view, span):
        return None
    return found

"""Direct and partial quotes: attribute each quoted span from the words around it.

A direct quote takes its speaker from the attribution after it ("...," she said) or before
it (He said: "..."). A partial quote, a fragment inside the journalist's sentence, belongs
to whoever the sentence says used those words: the subject of the reporting verb above it
("condemned the actions as 'destructive'"), or the owner of the utterance noun
("Lavrov's accusation of US 'destruction'"). With neither it is a scare quote: no speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Span, Token

from newsgraph.quotes.aside import aside
from newsgraph.quotes.lexicon import (
    BELIEF_VERBS,
    DIRECT_CUES,
    INDIRECT_CUES,
    NAMING_PHRASES,
    SOURCE_CARRIERS,
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
_HEADLINE_SHARE = 0.7  # capitalised share of a sentence's words that makes it a title-case headline
_FRAME_MAX = 40  # tokens; an attribution is short
_WALK_MAX = 12
_CUE_NEAR = 12  # tokens after a quote ending in "?" or "!" that must hold its cue
_AS_MAX = 14  # tokens from "as" to its verb: "as Eric Garner, gasping on a sidewalk, said"


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


def _resumes(view: DocView, frame: list[Token]) -> bool:
    """Whether a quote resumes one broken by an attribution: '"The plan," she said, "was ..."'."""
    if not frame or frame[-1].text != "," or frame[0].i == 0:
        return False
    return view.quote_of[frame[0].i - 1] >= 0 and not any(view.is_boundary(t) for t in frame)


def _trailing_frame(view: DocView, span: QuotedSpan) -> list[Token]:
    """The attribution after a quote, up to the sentence end. After a quote ending in "." only a
    lowercase start continues the sentence; after "?" or "!" a name may start it ('"Why?" Ana
    Ruiz asked.'), so there the words must hold a cue within a few tokens."""
    if span.close is None:
        return []
    text = view.text
    after = span.close + 1
    while after < len(text) and text[after] in " \t":
        after += 1
    if after >= len(text):
        return []
    last = text[span.end - 1]
    lowercase = text[after].islower() or text[after] in ",\u2014"
    if last in ".\u2026" and not lowercase:
        return []
    frame = []
    for i in range(view.token_at(span.close) + 1, min(len(view.doc), view.token_at(span.close) + _FRAME_MAX)):
        tok = view.doc[i]
        if view.is_boundary(tok) or view.quote_of[i] >= 0:
            break
        frame.append(tok)
    if last in "!?" and not lowercase and not _cued(view, frame):
        return []
    return frame


def _cued(view: DocView, frame: list[Token]) -> bool:
    """Whether words after a "?" or "!" attribute the quote rather than start a new sentence: a
    cue near the mark, or a cue whose subject opens the words however long its apposition is
    ('"Why?" Ana Ruiz, the mayor's adviser on housing and transport, asked')."""
    cues = [t for t in frame if t.lemma_.lower() in DIRECT_CUES]
    if any(t.i < frame[0].i + _CUE_NEAR for t in cues):
        return True
    subjects = (subject_of(t, view.quoted) for t in cues)
    return any(s is not None and s.left_edge.i == frame[0].i for s in subjects)


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


def _opens_clause(cue: Token, first: Token) -> bool:
    """Whether ``first`` begins the subject of the clause holding the cue: "the site quoted X
    as saying" is an attribution though its speaker, X, is not where it starts."""
    for _ in range(3):
        if cue.dep_ not in ("pcomp", "prep", "advcl", "xcomp") or cue.head.i == cue.i:
            break
        cue = cue.head
    return any(c.dep_ == "nsubj" and c.left_edge.i == first.i for c in cue.children)


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
        if first.i == cue.i or speaker.left_edge.i <= first.i <= speaker.i or _opens_clause(cue, first):
            return cue, speaker
    return None


def _according(view: DocView, tokens: Iterable[Token]) -> tuple[Token, Token] | None:
    """ "according to X" among ``tokens`` (outside quote marks), X a possible source."""
    doc = view.doc
    for tok in tokens:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            objects = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
            if objects and view.quote_of[tok.i] < 0 and can_speak(objects[0], strict=True):
                return tok, objects[0]
    return None


def _as_put_it(view: DocView, sentence: Span) -> tuple[Token, Token] | None:
    """A fragment in a sentence with "as X put it" or "as X said" is X's; read off the words,
    for "as Eric Garner, gasping on the sidewalk, said" rarely parses as one clause."""
    doc = view.doc
    for tok in sentence:
        if tok.lower_ != "as" or view.quote_of[tok.i] >= 0:
            continue
        for verb in doc[tok.i + 2 : min(sentence.end, tok.i + _AS_MAX)]:
            lemma = verb.lemma_.lower()
            put_it = lemma == "put" and verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ == "it"
            if verb.pos_ == "VERB" and (lemma in SPEECH_ACTS or put_it) and view.quote_of[verb.i] < 0:
                name = doc[tok.i + 1]
                while name.i + 1 < verb.i and name.pos_ == "DET":
                    name = doc[name.i + 1]
                while name.i + 1 < verb.i and doc[name.i + 1].pos_ in ("PROPN", "NOUN"):
                    name = doc[name.i + 1]  # the first noun phrase: "a Homeland Security memo"
                if name.pos_ in ("PROPN", "NOUN", "PRON") and can_speak(name, strict=True):
                    return verb, name
                break
            if verb.pos_ in ("VERB", "AUX") and verb.tag_ in ("VBD", "VBZ", "VBP"):
                break  # another clause: "as prices rose, ..."
    return None


def _from_leading(view: DocView, frame: list[Token], fragment: bool = False) -> tuple[Token, Token] | None:
    """The attribution before a quote: "according to X", "X said:", "X told reporters".

    Before a fragment only verbs of speech count ("he said, aimed at 'trying ...'"), not frame
    verbs such as "put on a show of being 'strong'".
    """
    if not frame:
        return None
    hit = _according(view, frame)
    if hit is not None:
        return hit
    verbs = SPEECH_ACTS if fragment else DIRECT_CUES
    cues = [t for t in frame if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in verbs]
    if not cues and frame[-1].text == ":":
        ids = {t.i for t in frame}
        cues = [t for t in frame if t.pos_ in ("VERB", "AUX") and (t.head.i not in ids or t.head.i == t.i)]
    for cue in reversed(cues):
        speaker = subject_of(cue, view.quoted)
        if speaker is not None and can_speak(speaker, strict=cue.lemma_.lower() in WEAK_CUES):
            return cue, speaker
    return None


def _known(view: DocView, speaker: Token) -> bool:
    """Not a pronoun left without an antecedent: "it would tell ... 'suffering'" looks higher."""
    return speaker.pos_ != "PRON" or view.discourse.resolve(speaker) is not None


def _from_syntax(view: DocView, tokens: range, fragment: bool = False) -> tuple[Token, Token] | None:
    """Walk up from the quoted words to a speech verb or utterance noun outside the quote.

    Reported speech inside reported speech is the outer speaker's ("Obama said it would tell a
    story of 'suffering'"), so the walk goes on while the speech verb is itself a reported clause.
    Failing those, a document that is the subject of a verb above the words is their source
    ("a report found that the money came from 'the drug trade'"). A ``fragment`` is also the
    words of whoever is said to believe the clause holding it.
    """
    doc = view.doc
    roots = [doc[i] for i in tokens if doc[i].head.i not in tokens or doc[i].head.i == i]
    paragraph = view.paragraph_of(doc[tokens.start].idx) if tokens else -1
    document: tuple[Token, Token] | None = None
    for root in roots[:2]:
        node = root
        hit: tuple[Token, Token] | None = None
        for _ in range(_WALK_MAX):
            if hit is not None and (hit[0].dep_ != "ccomp" or hit[0].head.i != node.i):
                return hit  # only the verb whose reported clause holds the hit can outrank it
            if view.paragraph_of(node.idx) != paragraph:
                break  # the parser joined two paragraphs
            outside = node.i not in tokens
            lemma = node.lemma_.lower()
            if node.pos_ in ("VERB", "AUX") and (outside or node.i == root.i):
                subject = subject_of(node, view.quoted)
                strict = lemma in WEAK_CUES or lemma not in INDIRECT_CUES
                speaks = subject is not None and lemma in SPEECH_ACTS and can_speak(subject, strict=strict)
                believes = fragment and lemma in BELIEF_VERBS and outside
                speaks = speaks or (believes and subject is not None and can_speak(subject, strict=True))
                if speaks and subject is not None and _known(view, subject):
                    hit = (node, subject)
                if subject is None and lemma in SPEECH_ACTS and outside and node.tag_ == "VBN":
                    break  # "what is being criticized as 'use it or lose it'": nobody named
                if subject is not None and outside and subject.lemma_.lower() in SOURCE_CARRIERS:
                    document = document or (node, subject)
            if node.pos_ == "NOUN" and outside and lemma in SPEECH_NOUNS:
                for child in node.children:
                    if child.dep_ == "poss" and can_speak(child, strict=True):
                        return node, child
            if node.head.i == node.i:
                break
            node = node.head
        if hit is not None:
            return hit
    return document


def _possessor(view: DocView, tokens: range) -> tuple[Token, Token] | None:
    """"His choice is a 'no brainer'": a fragment judging someone's own choice or view is in their
    words, when the possessive pronoun resolves to a person."""
    doc = view.doc
    root = next((doc[i] for i in tokens if doc[i].head.i not in tokens), None)
    if root is None or root.dep_ not in ("attr", "acomp") or root.head.lemma_ != "be":
        return None
    verb = root.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    owner = next((c for c in subject.children if c.dep_ == "poss"), None) if subject is not None else None
    if owner is None or owner.pos_ != "PRON" or owner.lower_ not in ("his", "her", "their"):
        return None
    entity = view.discourse.resolve(owner)
    return (verb, owner) if entity is not None and entity.kind in ("person", "group") else None


def _title_case(view: DocView, span: QuotedSpan) -> bool:
    """A few words, each capitalised but for small words, without a sentence end: a name's shape.

    In a headline written in title case every fragment has that shape, so there it says nothing.
    """
    words = _WORD_RE.findall(view.text[span.start : span.end])
    if not words or len(words) > _TITLE_MAX or view.text[span.end - 1] in "!?":
        return False
    if view.text[span.end - 1] == "." and len(words) > 1:
        return False
    if not all(w[0].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words):
        return False
    sentence = view.sentence(view.doc[view.token_at(span.start)])
    small = TITLE_SMALL_WORDS
    around = [t.text for t in sentence if t.is_alpha and view.quote_of[t.i] < 0 and t.lower_ not in small]
    return len(around) < 3 or sum(w[0].isupper() for w in around) < _HEADLINE_SHARE * len(around)


def _names_a_thing(view: DocView, span: QuotedSpan) -> bool:
    """A title in quote marks ("the film 'Winter Light'", "known as the 'AI Act'", "a 'Town Hall'
    forum"): not speech, whoever the sentence is about."""
    if not _title_case(view, span):
        return False
    before = [w.strip(",;:(") for w in view.text[max(0, span.open - 24) : span.open].lower().split()]
    if before and (before[-1] in TITLE_NOUNS or " ".join(before[-3:]).endswith(NAMING_PHRASES)):
        return True
    after = view.token_at(span.close) + 1 if span.close is not None else len(view.doc)
    return after < len(view.doc) and view.doc[after].pos_ == "NOUN" and view.quote_of[after] < 0


def attribute_span(view: DocView, span: QuotedSpan) -> Found | None:
    """Type, cue and speaker token of one quoted span (speaker None when the text gives none).

    None when the marks hold the title of a work, a law or an operation rather than words said.
    """
    tokens = view.inside(span.start, span.end)
    if _names_a_thing(view, span) or not any(ch.isalpha() for ch in view.text[span.start : span.end]):
        return None  # a title, or a number in marks (markup left in the text: id="7916...")
    leading = _leading_frame(view, span)
    direct = _is_direct(view, span) or _resumes(view, leading)
    found = Found(span.start, span.end, "direct" if direct else "partial", span=span)
    trailing = _trailing_frame(view, span)
    found.frame_end = trailing[-1].idx + len(trailing[-1]) if trailing else (span.close or span.end)
    hit = None
    if direct:
        hit = _from_trailing(view, trailing, True) or _from_leading(view, leading)
    hit = hit or _from_syntax(view, tokens, fragment=not direct)
    if not direct and tokens:
        # A fragment is the words of whoever its sentence cites: "as X put it", "according to
        # X", "..., X said, ...".
        sentence = view.sentence(view.doc[tokens.start])
        hit = hit or _from_trailing(view, trailing, False) or _as_put_it(view, sentence)
        hit = hit or _according(view, sentence) or aside(view, sentence) or _from_leading(view, leading, True)
        hit = hit or _possessor(view, tokens)
    if hit is not None:
        found.cue, found.speaker = hit
        found.cue_text = "according to" if hit[0].lower_ == "according" else hit[0].lemma_.lower()
    elif _title_case(view, span):
        return None  # a name in marks nobody is said to have used ("''Larry King Now''")
    return found

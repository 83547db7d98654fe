"""Attributions set off by commas inside the sentence they report: "The plan, she said, was
never realistic." The whole sentence is what was said; quoted fragments in it are the speaker's.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsgraph.quotes.lexicon import INDIRECT_CUES
from newsgraph.quotes.syntax import can_speak
from newsgraph.quotes.view import DocView

_ASIDE_MAX = 7  # tokens on either side of the cue inside the commas: "he told me on Friday"
_SPEAKER_POS = frozenset({"NOUN", "PROPN", "PRON"})
_NP_POS = frozenset({"DET", "ADJ", "NUM", "PART", "PROPN", "NOUN", "PRON"})
_AFTER_POS = frozenset({"ADP", "NOUN", "PROPN", "PRON", "DET", "ADV", "NUM", "ADJ"})


def parenthetical(view: DocView, cue: Token) -> tuple[int, int, Token] | None:
    """Token bounds of the sentence around ", <speaker> <cue> [...]," and the speaker's head.

    Read off the words, for parsers often make the sentence's subject the cue's ("To understand
    Dred Scott, Roberts said, one should visit" gives "Scott said").
    """
    doc = view.doc
    if cue.tag_ not in ("VBD", "VBZ", "VBP") or cue.lemma_.lower() not in INDIRECT_CUES:
        return None
    first, end = view.sent_of[cue.i]
    end = next((i for i in range(cue.i, end) if "\n" in doc[i].text), end)  # a paragraph ends it
    if any("\n" in t.text for t in doc[first : cue.i]):
        return None
    left = cue.i - 1
    while left > first and cue.i - left <= _ASIDE_MAX and doc[left].text != ",":
        if doc[left].pos_ not in _NP_POS and doc[left].text != ".":
            return None
        left -= 1
    right = cue.i + 1
    while right < end - 1 and right - cue.i <= _ASIDE_MAX and doc[right].text != ",":
        if doc[right].pos_ not in _AFTER_POS:
            return None
        right += 1
    heads = [t for t in doc[left + 1 : cue.i] if t.pos_ in _SPEAKER_POS]
    if doc[left].text != "," or doc[right].text != "," or not heads or not first < left or right >= end - 1:
        return None
    return first, end - 1, heads[-1]


def aside(view: DocView, sentence: Span) -> tuple[Token, Token] | None:
    """The cue and speaker of a comma-enclosed attribution in ``sentence``: quoted fragments in the
    sentence are that speaker's ("Acts of protest, he said, are 'acts of patriotism'")."""
    for cue in sentence:
        if cue.pos_ != "VERB" or view.quote_of[cue.i] >= 0:
            continue
        found = parenthetical(view, cue)
        if found is not None and can_speak(found[2], strict=False):
            return cue, found[2]
    return None

"""The shape of a line: body prose, a headline, or a fragment.

Chrome and metadata sit around the body; telling them apart by shape (length, sentence
punctuation, capitals) works across outlets where fixed strings would not.
"""

from __future__ import annotations

import re

_TERMINAL = re.compile(r"[.!?…:][\"'”’»)\]]*$")
_HEADLINE_END = re.compile(r"[.:;,][\"'”’»)\]]*$")
# A full stop after a word (not an initial or "Mr."), then a capital: one sentence ends, another starts.
_SENTENCE_BREAK = re.compile(r"(?:(?<=[a-z][a-z])|(?<=\d))[.!?][\"'”’]?\s+[\"'“‘]?[A-Z]")
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[^\W\d_]+")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})


def word_count(text: str) -> int:
    return len(text.split())


def ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text.rstrip()))


def sentence_breaks(text: str) -> int:
    return len(_SENTENCE_BREAK.findall(text))


def is_title_case(text: str) -> bool:
    """Capitalised Like A Headline, as no body sentence is, even one ending in a full stop."""
    long_words = []
    for m in _WORDS.finditer(text):
        if len(m.group()) >= 4:
            long_words.append(m.group())
            if len(long_words) > 20:  # a paragraph, however capitalised
                return False
    return (
        3 <= len(long_words) <= 20
        and sum(w[0].isupper() for w in long_words) >= 0.8 * len(long_words)
        and not sentence_breaks(text)
    )


def is_prose(text: str) -> bool:
    """A body paragraph: a real sentence, not a label, link or headline."""
    n = word_count(text)
    return (
        n >= 8 and (ends_sentence(text) or n >= 25 or sentence_breaks(text) > 0) and not is_title_case(text)
    )


def is_headline(text: str) -> bool:
    """A short line without sentence-final punctuation, as headlines and link texts are."""
    n = word_count(text)
    return 1 <= n <= 30 and len(text) <= 250 and not _HEADLINE_END.search(text.rstrip())


def normalized(text: str) -> str:
    """Whitespace, case and quote style folded, to compare a line with a repeat of it."""
    return _SPACES.sub(" ", text.translate(_QUOTES)).strip().casefold()


def collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip()

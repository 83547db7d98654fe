"""Text normalisation shared by copy detection and story features.

Cheap, spaCy-free and deterministic across processes (no salted ``hash()``), because
signatures computed today are stored and compared with ones computed next month.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from functools import lru_cache

import snowballstemmer

# Function words: they carry no content, so they neither link rewrites nor stories.
_STOPWORDS = """a about above after again against all almost also although am among an and another any are
    around as at be because been before being below between both but by can cannot could did do does
    doing done down during each either else even ever every few for from further get gets got had has
    have having he her here hers herself him himself his how however i if in into is it its itself
    just least less like made make many may me might more most much must my myself neither no nor not
    now of off often on once one only or other others our ours ourselves out over own per perhaps
    quite rather really said same say says she should since so some still such than that the their
    theirs them themselves then there these they this those though through thus to too under until
    up upon us very via was we were what whatever when where whether which while who whom whose why
    will with within without would yet you your yours yourself yourselves mr mrs ms dr"""
STOPWORDS = frozenset(_STOPWORDS.split())

_APOSTROPHES = str.maketrans({"'": None, "\u2019": None, "\u2018": None, "\u02bc": None})
_WORD = re.compile(r"[^\W_]+")
# A sentence ends at . ! ? (plus closing quotes/brackets) before whitespace and a likely
# sentence start, or at a line break.
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])|\n+")
_BLOCK = re.compile(r"[^\n]+")


def normalize(text: str) -> str:
    """Casefolded NFKC text without apostrophes: 'Don\u2019t' and "don't" compare equal."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHES)


def words(text: str) -> list[str]:
    """Normalised word tokens (letters and digits; punctuation and case dropped)."""
    return _WORD.findall(normalize(text))


def blocks(text: str) -> list[tuple[int, int]]:
    """Spans of non-empty lines: paragraphs in clean text, lines in text that has no blank lines."""
    return [(m.start(), m.end()) for m in _BLOCK.finditer(text) if m.group().strip()]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans (start, end) into ``text``, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        _append_trimmed(text, start, match.end() if match.group()[0] != "\n" else match.start(), spans)
        start = match.end()
    _append_trimmed(text, start, len(text), spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Porter2 stem of a normalised word, so 'killed', 'kills' and 'killing' match."""
    return str(_STEMMER.stemWord(word))


def content_stems(tokens: list[str]) -> list[str]:
    """Stems of the tokens that carry content: no function words, no one-letter tokens."""
    return [stem(t) for t in tokens if len(t) > 1 and t not in STOPWORDS]


def hash32(value: str) -> int:
    """A stable 32-bit hash of a string."""
    return zlib.crc32(value.encode("utf-8", "surrogatepass"))

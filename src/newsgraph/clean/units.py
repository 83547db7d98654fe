"""Split plain text into paragraph units: spans of the raw text, never rewritten.

Scraped news comes in two conventions: one paragraph per line, or blank-line separated
blocks that may be hard-wrapped. Each block is judged on its own, so a header block of
short lines ("date / Search / headline") splits into lines while a wrapped paragraph stays
one unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .shape import ends_sentence

# Zero-width characters and the byte-order mark that scrapes carry, invisible like whitespace.
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_BLANK_LINE = re.compile(rf"\n(?:[^\S\n]|[{_ZERO_WIDTH}])*\n")
# Hard wrapping happens at a fixed width; below this nobody wraps prose.
_MIN_WRAP_WIDTH = 40
_MAX_WRAP_WIDTH = 100
# A line of at least this many words that ends on a comma or one of these words breaks off
# mid-sentence; a headline or a list item does not end so.
_MIN_BROKEN_WORDS = 5
_FUNCTION_WORDS = frozenset({
    "a", "an", "the", "of", "to", "in", "on", "at", "for", "with", "by", "from", "into", "and", "or", "but", "nor",
    "that", "which", "who", "whose", "as", "than", "is", "are", "was", "were", "be", "been", "has", "have", "had",
    "will", "would", "can", "could", "should", "may", "might", "not", "its", "their", "his", "her", "our",
})  # fmt: skip


@dataclass(frozen=True)
class Unit:
    """A paragraph candidate: ``text == source[start:end]``, ends stripped.

    The one exception is a sentence a page broke over lines: its breaks are spaces here.
    """

    start: int
    end: int
    text: str


def _stripped(source: str, start: int, end: int) -> Unit | None:
    first, last = start, end
    while first < last and (source[first].isspace() or source[first] in _ZERO_WIDTH):
        first += 1
    while last > first and (source[last - 1].isspace() or source[last - 1] in _ZERO_WIDTH):
        last -= 1
    return Unit(first, last, source[first:last]) if first < last else None


def _line_spans(source: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, pos = [], start
    while pos <= end:
        nl = source.find("\n", pos, end)
        stop = end if nl < 0 else nl
        spans.append((pos, stop))
        if nl < 0:
            break
        pos = nl + 1
    return spans


def _is_wrapped(lines: list[str]) -> bool:
    """True when a block's lines look like one paragraph broken at a fixed width."""
    if len(lines) < 2:
        return False
    width = max(len(line) for line in lines)
    if not _MIN_WRAP_WIDTH <= width <= _MAX_WRAP_WIDTH:
        return False
    body = lines[:-1]
    full = sum(len(line) >= 0.6 * width for line in body)
    open_ended = sum(not ends_sentence(line) for line in body)
    if full < 0.75 * len(body) or open_ended < 0.5 * len(body):
        return False
    # Wrapped prose carries sentences over ("...talks with\nthe minister"); a list of headlines does not.
    carried = any(line[:1].islower() or line[:1].isdigit() for line in lines[1:])
    return carried or all(len(line) >= 0.85 * width for line in body)


def _split_wrapped(source: str, lines: list[Unit]) -> list[Unit]:
    """Cut a wrapped block where a short line ends a sentence (a paragraph's last line)."""
    width = max(len(u.text) for u in lines)
    out: list[Unit] = []
    first = lines[0]
    for i, line in enumerate(lines):
        last = i == len(lines) - 1
        if last or (len(line.text) < 0.6 * width and ends_sentence(line.text)):
            out.append(Unit(first.start, line.end, source[first.start : line.end]))
            if not last:
                first = lines[i + 1]
    return out


def _continues(line: str, following: str) -> bool:
    """The line breaks off mid-sentence and ``following`` carries the sentence on."""
    words = line.split()
    if len(words) < _MIN_BROKEN_WORDS or ends_sentence(line):
        return False
    return following[:1].islower() or line.endswith(",") or words[-1] in _FUNCTION_WORDS


def _join_broken(source: str, lines: list[Unit]) -> list[Unit]:
    """Join lines a page broke inside a sentence (``<br>`` in a paragraph) into one unit.

    The break becomes a space (same length, so offsets hold): a line break in clean text
    would end the sentence for the parser.
    """
    out: list[Unit] = []
    for line in lines:
        if out and _continues(source[out[-1].start : out[-1].end].rsplit("\n", 1)[-1], line.text):
            out[-1] = Unit(out[-1].start, line.end, source[out[-1].start : line.end].replace("\n", " "))
        else:
            out.append(line)
    return out


def split_units(source: str, lines_only: bool = False) -> list[Unit]:
    """Paragraph units of ``source`` in order.

    ``lines_only`` is for text with one paragraph per line (extracted from HTML): every line
    is a unit, except where a line plainly breaks off mid-sentence.
    """
    blocks: list[tuple[int, int]] = []
    pos = 0
    for match in _BLANK_LINE.finditer(source):
        blocks.append((pos, match.start()))
        pos = match.end()
    blocks.append((pos, len(source)))
    units: list[Unit] = []
    for b_start, b_end in blocks:
        lines = [u for s, e in _line_spans(source, b_start, b_end) if (u := _stripped(source, s, e))]
        if not lines:
            continue
        if lines_only:
            units.extend(_join_broken(source, lines))
        elif _is_wrapped([u.text for u in lines]):
            units.extend(_split_wrapped(source, lines))
        else:
            units.extend(lines)
    return units

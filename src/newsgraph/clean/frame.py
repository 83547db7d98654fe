"""The frame around the body: headline, standfirst, byline and date lines.

Pages put metadata above the first real sentence and leftovers below the last one, so
the frame is read there only; lines inside the body are never taken for metadata.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from . import patterns as pt
from .dateline import find_dateline
from .dates import date_line
from .shape import (
    collapse,
    ends_sentence,
    is_headline,
    is_prose,
    is_title_case,
    normalized,
    sentence_breaks,
    word_count,
)
from .units import Unit

_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w.'’-]*|and|&|de|da|van|von|der|den|la|le|bin|al|el|del|di|du)$")
_NOT_NAMES = re.compile(
    r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May"
    r"|June|July|August|September|October|November|December|The|This|That|Then|Now|Late|Early)\b"
)
_BY_IN_LINE = re.compile(r"\bby\s+[A-Z][^|•·,\d]{1,60}")
# Separators of link rows and breadcrumbs ("Home » World » Asia").
_LINK_ROW = re.compile(r"\s+[|·•»›>/]\s+")
# Without body prose, metadata is looked for in this many first lines only.
_TOP_LINES = 3
# A fragment this short around the body is a label or a link, not text.
_FRAGMENT_WORDS = 4
# A standfirst is markedly shorter than the paragraphs after it.
_STANDFIRST_MAX_WORDS = 40
_STANDFIRST_RATIO = 0.6
# A list of related headlines after the story: this many headline lines at least, making up
# half of it, each alone or with a one-sentence teaser of at most this many words.
_LIST_MIN_HEADLINES = 3
_TEASER_MAX_WORDS = 25
# Items of a list the story itself numbers or bullets.
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,3}[.)]|[-•*▪–])\s")
_REPORTING = re.compile(
    r"\b(?:said|told|announced|reported|according to|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|yesterday|today)\b"
)


@dataclass
class Frame:
    body: list[Unit]
    removed: list[tuple[int, str]] = field(default_factory=list)  # (offset in the source, text)
    title: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    published: str | None = None


def byline_name(text: str) -> str | None:
    """The author in a "By Jane Doe | ..." line, if the line is one."""
    line = collapse(text)
    if word_count(line) > 16 or (ends_sentence(line) and word_count(line) > 6):
        return None
    m = pt.BYLINE.match(line)
    if not m:
        return None
    name = m["name"].strip(" .")
    tokens = name.split()
    if not 1 <= len(tokens) <= 8 or _NOT_NAMES.match(name) or not all(_NAME_TOKEN.match(t) for t in tokens):
        return None
    return name


def _is_standfirst(units: list[Unit], i: int, summary: str | None) -> bool:
    """A summary under the headline: the story proper starts after it.

    Either the next paragraph opens with the dateline, or this one is markedly shorter
    than the paragraphs after it and reads as a summary, not a report (no "said", no day);
    when the page declares its summary (HTML description), it must be that summary.
    """
    text = collapse(units[i].text)
    if not _could_be_standfirst(text):
        return False
    following = [u.text for u in units[i + 1 : i + 6] if is_prose(u.text)]
    if len(following) < 2:
        return False
    if find_dateline(following[0]):
        return True
    short = len(text) < _STANDFIRST_RATIO * statistics.median(len(t) for t in following)
    declared = summary is None or normalized(summary) == normalized(text)
    return short and declared and not _REPORTING.search(text)


def _could_be_standfirst(text: str) -> bool:
    return (
        word_count(text) <= _STANDFIRST_MAX_WORDS and sentence_breaks(text) <= 1 and not find_dateline(text)
    )


def _body_start(units: list[Unit], prose: list[int]) -> int:
    """Index of the first body paragraph.

    Usually the first prose unit; but a standfirst is prose too, and when byline or date
    lines follow it before the next prose, the body starts after them.
    """
    first = prose[0]
    if len(prose) > 1 and first > 0:
        between = units[first + 1 : prose[1]]
        if any(date_line(u.text) or byline_name(u.text) for u in between):
            return prose[1]
    return first


def same_title(line: str, title: str) -> bool:
    """The line is the headline, allowing for a site name or kicker added to either."""
    a, b = normalized(line), normalized(title)
    shorter, longer = sorted((a, b), key=len)
    return a == b or (len(shorter.split()) >= 3 and len(shorter) >= 0.5 * len(longer) and shorter in longer)


def _could_be_title(text: str) -> bool:
    if date_line(text) or byline_name(text) or sentence_breaks(text) or len(_LINK_ROW.findall(text)) > 1:
        return False
    return is_headline(text) or is_title_case(text)


def _title_index(header: list[Unit], known_title: str | None, guess: bool) -> int | None:
    """Where the headline is: the known title's line, else (if ``guess``) the first headline-like line.

    Lines of one to three words (kickers, section names, the outlet's name) give way to a
    longer headline below them. When the page names a title the text does not show, the
    extractor most often left the headline out: a line is then taken for it only with the
    byline or date line that follows a headline.
    """
    if known_title:
        for i, unit in enumerate(header):
            if same_title(unit.text, known_title):
                return i
    if not guess:
        return None
    candidates = [i for i, u in enumerate(header) if _could_be_title(u.text)]
    if known_title:
        candidates = [i for i in candidates if i + 1 < len(header) and _is_meta_line(header[i + 1].text)]
    for min_words in (4, 2):
        for i in candidates:
            if word_count(header[i].text) >= min_words:
                return i
    return None


def _is_meta_line(text: str) -> bool:
    return bool(date_line(text) or byline_name(text))


def _take_meta(
    unit: Unit, frame: Frame, dates: list[tuple[int, int, str]], position: int, footer: bool
) -> bool:
    """Lift a date line or byline into the frame; True when the unit was one."""
    text = unit.text
    found = date_line(text)
    if found and (not footer or found[1] == 0):
        dates.append((found[1], position, found[0]))
        author = _BY_IN_LINE.search(collapse(text))
        frame.byline = frame.byline or (byline_name(author.group(0)) if author else None)
    else:
        name = byline_name(text)
        if not name:
            return False
        frame.byline = frame.byline or name
    frame.removed.append((unit.start, text))
    return True


def _read_header(
    header: list[Unit], known_title: str | None, guess: bool, frame: Frame, dates: list[tuple[int, int, str]]
) -> list[Unit]:
    """Title, standfirst, date and byline above the body; what is left of the header."""
    title_at = _title_index(header, known_title, guess)
    kept = []
    for i, unit in enumerate(header):
        text = unit.text
        if i == title_at:
            frame.title = collapse(text)
        elif is_prose(text) and title_at is not None and i == title_at + 1 and _could_be_standfirst(text):
            frame.subtitle = collapse(text)
        elif _take_meta(unit, frame, dates, i, footer=False):
            continue
        elif (
            (title_at is not None and i < title_at)
            or _is_fragment(text)
            or (frame.title and same_title(text, frame.title))
        ):
            frame.removed.append((unit.start, text))
        elif (
            title_at is not None
            and i == title_at + 1
            and is_headline(text)
            and word_count(text) > _FRAGMENT_WORDS
        ):
            frame.subtitle = collapse(text)
        else:
            kept.append(unit)
    return kept


def _is_list_part(text: str) -> bool:
    """A headline, or a one-sentence teaser."""
    return is_headline(text) or (word_count(text) <= _TEASER_MAX_WORDS and not sentence_breaks(text))


def _headline_list_start(units: list[Unit], prose: list[int]) -> int:
    """Where a trailing list of linked headlines begins (``len(units)`` when there is none).

    Related-story modules print headline, teaser, headline, ... after the last paragraph, and
    their teasers are sentences, so they would pass for body prose. A story's own subheads are
    followed by full paragraphs, and a list the story introduces ("Here are the winners:") is
    its own.
    """
    start = len(units)
    while start and _is_list_part(units[start - 1].text):
        start -= 1
    heads = [i for i in range(start, len(units)) if is_headline(units[i].text)]
    if len(heads) < _LIST_MIN_HEADLINES or 2 * len(heads) < len(units) - heads[0]:
        return len(units)
    start = heads[0]
    story_before = sum(1 for i in prose if i < start) >= 2
    introduced = start > 0 and collapse(units[start - 1].text).endswith(":")
    numbered = sum(bool(_LIST_ITEM.match(units[i].text)) for i in heads) * 2 > len(heads)
    return start if story_before and not introduced and not numbered else len(units)


def _read_footer(
    footer: list[Unit], frame: Frame, dates: list[tuple[int, int, str]], offset: int, listed: bool
) -> list[Unit]:
    """Metadata and fragments below the body; ``listed`` when the body's last line opens a list."""
    kept = []
    for i, unit in enumerate(footer):
        if _take_meta(unit, frame, dates, offset + i, footer=True):
            continue
        if _is_fragment(unit.text) and not listed:
            frame.removed.append((unit.start, unit.text))
        else:
            kept.append(unit)
    return kept


def read_frame(
    units: list[Unit], known_title: str | None = None, guess_title: bool = True, summary: str | None = None
) -> Frame:
    """Split header and footer metadata off the body units.

    ``known_title`` is looked for among the header lines; a headline is guessed from their
    shape when it is not found and ``guess_title`` allows. ``summary`` is the standfirst
    a page declares (HTML description), if any.
    """
    frame = Frame(body=[])
    dates: list[tuple[int, int, str]] = []  # (rank, position, date)
    prose = [i for i, u in enumerate(units) if is_prose(u.text)]
    if not prose:
        # No body sentences to frame: only the first lines can be a headline, a byline or a date.
        title_at = _title_index(units[:1], known_title, guess_title) if len(units) > 1 else None
        frame.title = collapse(units[0].text) if title_at == 0 else None
        frame.body = [
            u
            for i, u in enumerate(units)
            if i != title_at and not (i < _TOP_LINES and _take_meta(u, frame, dates, i, footer=False))
        ]
    else:
        end = _headline_list_start(units, prose)
        frame.removed.extend((u.start, u.text) for u in units[end:])
        prose = [i for i in prose if i < end]
        first, last = _body_start(units, prose), prose[-1]
        head = _read_header(units[:first], known_title, guess_title, frame, dates)
        body = units[first : last + 1]
        if frame.title and not head and not frame.subtitle and _is_standfirst(units, first, summary):
            frame.subtitle = collapse(body.pop(0).text)
        listed = collapse(units[last].text).endswith(":")
        frame.body = head + body + _read_footer(units[last + 1 : end], frame, dates, last + 1, listed)
    if dates:
        frame.published = min(dates)[2]
    return frame


def _is_fragment(text: str) -> bool:
    """A label or a row of links ("Home | News | Sport"), not text."""
    if ends_sentence(text):
        return False
    parts = [p for p in _LINK_ROW.split(collapse(text)) if p]
    return all(word_count(p) <= _FRAGMENT_WORDS for p in parts) and (
        len(parts) > 1 or word_count(text) <= _FRAGMENT_WORDS
    )

"""Dates: the publication date from explicit full dates only, never a guess.

A publication date must be a day the page states (day, month and year), in a line that
is a date line and not body prose; relative expressions are left to ``mentions``.
"""

from __future__ import annotations

import bisect
import re
from datetime import date
from email.utils import parsedate_to_datetime

from .shape import collapse, is_prose, word_count

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_FULL_DATES = [
    re.compile(rf"(?<![\w-]){_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}(?!\d)", re.IGNORECASE),
    re.compile(rf"(?<![\w-]){_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)", re.IGNORECASE),
    re.compile(rf"(?<![\d.]){_YEAR}-(?P<mnum>[01]?\d)-(?P<day>[0-3]?\d)(?![\d-])"),
    re.compile(rf"(?<![\d.]){_YEAR}/(?P<mnum>[01]?\d)/(?P<day>[0-3]?\d)(?![\d/])"),
    re.compile(rf"(?<![\d.]){_DAY}\.(?P<mnum>[01]?\d)\.{_YEAR}(?![\d.])"),
    # d/m/y or m/d/y: only when the order is unambiguous, see _numeric_slash
    re.compile(rf"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/{_YEAR}(?![\d/])"),
]
_ANY_YEAR = re.compile(_YEAR)  # every full date has one: texts without are not scanned further
_UPDATED = re.compile(r"\b(?:updated|modified|edited|last\s+update[d]?|revised)\b", re.IGNORECASE)
# What may precede the date at the start of a date line ("Published: Tue, ...").
_LINE_LEAD = re.compile(
    r"^\W*(?:(?:first |last )?(?:published|posted|updated|modified)(?: on| at)?|date|by\b.{1,60}?)?\W*"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?$",
    re.IGNORECASE,
)
_PUBLISHED = re.compile(r"\b(?:published|posted|first\s+published|created|issued|date)\b", re.IGNORECASE)


def make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _numeric_slash(a: int, b: int, year: int) -> date | None:
    """Day and month are told apart only when one of them cannot be a month."""
    if a > 12 >= b:
        return make_date(year, b, a)
    if b > 12 >= a:
        return make_date(year, a, b)
    return make_date(year, a, b) if a == b else None


def _from_match(m: re.Match[str]) -> date | None:
    groups = m.groupdict()
    year = int(groups["year"])
    if groups.get("a") is not None:
        return _numeric_slash(int(groups["a"]), int(groups["b"]), year)
    month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"][:3].lower()]
    return make_date(year, month, int(groups["day"]))


class Spans:
    """Non-overlapping spans of a text, so that each stretch is claimed by one match only."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def claim(self, start: int, end: int) -> bool:
        """Take ``[start, end)`` unless it overlaps a span already taken."""
        i = bisect.bisect_left(self._starts, end)
        if i and self._ends[i - 1] > start:
            return False
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        return True


def find_full_dates(text: str, taken: Spans | None = None) -> list[tuple[int, int, date]]:
    """Every explicit day-month-year date in ``text`` as (start, end, date), in order."""
    taken = taken or Spans()
    found: list[tuple[int, int, date]] = []
    if not _ANY_YEAR.search(text):
        return found
    for pattern in _FULL_DATES:
        for m in pattern.finditer(text):
            day = _from_match(m)
            if day and taken.claim(m.start(), m.end()):
                found.append((m.start(), m.end(), day))
    return sorted(found)


def parse_published(value: str | None) -> str | None:
    """A container's date (ISO, RFC 2822 or written out) as YYYY-MM-DD, or None."""
    if not value or not value.strip():
        return None
    value = value.strip()
    iso = re.match(r"^((?:19|20)\d\d)-(\d\d)-(\d\d)", value)
    if iso:
        day = make_date(int(iso[1]), int(iso[2]), int(iso[3]))
        return day.isoformat() if day else None
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    dates = find_full_dates(value)
    return dates[0][2].isoformat() if dates else None


def date_line(text: str) -> tuple[str, int] | None:
    """The date a dateline-like line states, with its rank (0 published, 1 plain, 2 updated).

    Only short lines that are not sentences count: a date inside body prose is an
    event date, not the publication date.
    """
    line = collapse(text)
    if word_count(line) > 16:
        return None
    dates = find_full_dates(line)
    if not dates or (is_prose(line) and not _LINE_LEAD.match(line[: dates[0][0]])):
        return None
    ranked = []
    prev_end = 0
    for start, end, day in dates:
        labels = [(m.end(), 2) for m in _UPDATED.finditer(line, prev_end, start)]
        labels += [(m.end(), 0) for m in _PUBLISHED.finditer(line, prev_end, start)]
        ranked.append((max(labels)[1] if labels else 1, day.isoformat()))
        prev_end = end
    rank, day_iso = min(ranked)
    return day_iso, rank

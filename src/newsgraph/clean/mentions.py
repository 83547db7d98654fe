"""Date expressions in the body ("on Saturday", "October 11", "two days ago").

They are resolved to a day only against the publication date, and only when it is known:
a weekday to the most recent such day on or before publication, a month and day to the
publication year (the year before if that would fall after publication).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..records import DateMention
from .dates import MONTHS, Spans, find_full_dates, make_date

_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_CAP_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_RELATIVE = [
    ("weekday", re.compile(r"\b(?:(?P<mod>on|last|next|this|early|late|by|until|since|from)\s+)?"
                           r"(?P<weekday>" + "|".join(_WEEKDAYS) + r")\b")),
    ("month_day", re.compile(rf"\b(?:on\s+)?{_CAP_MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?!,?\s*\d)")),
    ("day_month", re.compile(rf"\b(?:on\s+)?(?:the\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+"
                             rf"(?:of\s+)?{_CAP_MONTH}(?!,?\s*\d)\b")),
    ("deictic", re.compile(r"\b(?P<word>yesterday|today|tonight|tomorrow)\b", re.IGNORECASE)),
    ("ago", re.compile(r"\b(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven) (?P<unit>days?|weeks?) ago\b",
                       re.IGNORECASE)),
    ("span", re.compile(r"\b(?:(?:last|this|next|past|earlier this|later this)\s+(?:week|weekend|month|year)"
                        r"|the (?:previous|following) (?:week|day|month))\b", re.IGNORECASE)),
]  # fmt: skip
# "Russia Today", "USA Today": a capitalised word before "Today" makes it a name.
_NAME_BEFORE = re.compile(r"[A-Z][\w.]*\s+$")


def _resolve(kind: str, m: re.Match[str], anchor: date) -> date | None:
    if kind == "weekday":
        target = _WEEKDAYS.index(m["weekday"])
        back = (anchor.weekday() - target) % 7
        mod = (m["mod"] or "").lower()
        if mod == "next":
            return anchor + timedelta(days=(target - anchor.weekday()) % 7 or 7)
        if mod == "last" and back == 0:
            back = 7
        return anchor - timedelta(days=back)
    if kind in ("month_day", "day_month"):
        month = MONTHS[m["month"][:3].lower()]
        day = make_date(anchor.year, month, int(m["day"]))
        if day and day > anchor:
            day = make_date(anchor.year - 1, month, int(m["day"]))
        return day
    if kind == "deictic":
        shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[m["word"].lower()]
        return anchor + timedelta(days=shift)
    if kind == "ago":
        n = int(m["n"]) if m["n"].isdigit() else _NUMBERS[m["n"].lower()]
        return anchor - timedelta(days=n * (7 if m["unit"].lower().startswith("week") else 1))
    return None


def date_mentions(text: str, published: str | None) -> list[DateMention]:
    """Date expressions in ``text``; relative ones resolved only against ``published``."""
    anchor = date.fromisoformat(published) if published else None
    taken = Spans()
    mentions = [DateMention(text[s:e], s, e, day.isoformat()) for s, e, day in find_full_dates(text, taken)]
    for kind, pattern in _RELATIVE:
        for m in pattern.finditer(text):
            if (
                kind == "deictic"
                and m["word"] == "Today"
                and _NAME_BEFORE.search(text, max(0, m.start() - 40), m.start())
            ):
                continue
            if kind in ("month_day", "day_month") and not 1 <= int(m["day"]) <= 31:
                continue
            if not taken.claim(m.start(), m.end()):
                continue
            resolved = _resolve(kind, m, anchor) if anchor else None
            mentions.append(
                DateMention(m.group(0), m.start(), m.end(), resolved.isoformat() if resolved else None)
            )
    return sorted(mentions, key=lambda d: d.start)

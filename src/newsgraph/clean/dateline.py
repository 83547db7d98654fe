"""The dateline that opens a wire story: "NAGOYA -", "MOSCOW, March 3 (Reuters) -", "Paris (AFP) -".

The prefix stays in the body (it is part of the story as printed); only the place, and
the agency when one is named, are lifted into fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_CAPS_PLACE = r"[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,3}"
_TITLE_PLACE = r"[A-Z][a-z'’.\-]+(?:\s+[A-Z][a-z'’.\-]+){0,2}"
_REGION = r"(?:,\s*(?P<region>(?!" + _MONTH + r"\s*\d)[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2}))?"
_DAY_MONTH = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH})(?:,?\s+(?:19|20)\d\d)?"
)
_DATE = rf"(?:,?\s*{_DAY_MONTH})?"
_AGENCY = r"(?:\s*\((?P<agency>[A-Z][\w .&-]{0,30})\))"
# The story itself starts after the separator, with a capital, a quote or a figure.
_SEPARATOR = r"\s*(?:[-–—]{1,2}|:)\s+(?=[A-Z\"“‘'\d(])"

_CAPS = re.compile(rf"^(?P<place>{_CAPS_PLACE}){_REGION}{_DATE}{_AGENCY}?{_SEPARATOR}")
# A title-case place is a dateline only with an agency or date after it.
_TITLE = re.compile(rf"^(?P<place>{_TITLE_PLACE}){_REGION}(?:{_DATE}{_AGENCY}|,?\s*{_DAY_MONTH}){_SEPARATOR}")
# No place, only the agency: "(Reuters) - ..."
_AGENCY_ONLY = re.compile(rf"^{_AGENCY}{_SEPARATOR}")
# TASS style: "MOSCOW, November 12. /TASS/."
_SLASHED = re.compile(
    rf"^(?P<place>{_CAPS_PLACE}|{_TITLE_PLACE}),?\s*{_DAY_MONTH}\.\s*/(?P<agency>[A-Z]+)/\.?\s+"
)
# All-caps words that open a story without being a place.
_NOT_PLACES = {
    "UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "WATCH", "VIDEO", "PHOTOS", "ANALYSIS", "OPINION", "LIVE",
    "FACTBOX", "EXPLAINER", "CORRECTED", "REFILE", "EDITORIAL", "COMMENTARY", "INTERVIEW", "REVIEW", "NOTE",
    "WARNING", "URGENT", "FLASH", "ALERT", "PHOTO", "AUDIO", "FILE", "EDITOR'S NOTE",
}  # fmt: skip


@dataclass(frozen=True)
class Dateline:
    place: str | None
    agency: str | None


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of ``text``, if it opens with one."""
    bare = _AGENCY_ONLY.match(text)
    if bare:
        return Dateline(None, bare["agency"])
    for pattern in (_SLASHED, _CAPS, _TITLE):
        m = pattern.match(text)
        if not m:
            continue
        place = m["place"].strip(" .")
        if place.upper() in _NOT_PLACES or len(place.replace(" ", "")) < 3:
            return None
        region = m.groupdict().get("region")
        full = f"{place}, {region}" if region else place
        return Dateline(full, m.groupdict().get("agency"))
    return None

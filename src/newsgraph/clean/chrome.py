"""Drop page chrome from a list of paragraph units, anywhere in the page.

Chrome lines are recognised by the patterns in ``patterns``; some of them open a block
(a related-stories list, a previous/next pair, an author box) whose following short
lines go with them. Chrome glued to a paragraph's end is cut off, which keeps every kept
unit a verbatim span of the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import patterns as pt
from .dates import date_line
from .shape import collapse, is_headline, is_prose, word_count
from .units import Unit

# At most this many headlines follow a "Related" header.
_MAX_LIST = 10
# Kept prose paragraphs after which the article has begun.
_BODY_STARTED = 2
_WORD = re.compile(r"\w")  # a unit without one ("***", "—") is a separator, not text
_BIO = re.compile(r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3} (?:is|was|has|covers|writes|reports|joined)\b")
_CHROME_PATTERNS = (
    pt.CHROME_LINE,
    pt.COPYRIGHT,
    pt.NEWSLETTER,
    pt.COOKIES,
    pt.EDITOR_TAG,
    pt.RELATED_HEADER_COLON,
    pt.PREV_NEXT_INLINE,
    pt.DISCLAIMER,
)


@dataclass
class Scan:
    kept: list[Unit] = field(default_factory=list)
    removed: list[tuple[int, str]] = field(default_factory=list)  # (offset in the source, text)
    outlet: str | None = None  # named by a "first published on" note
    owner: str | None = None  # named by a copyright line
    byline: str | None = None


def _reporter(text: str) -> str | None:
    m = pt.REPORTER.search(text)
    return m[1].strip() if m else None


def _copyright_owner(line: str) -> str | None:
    m = pt.COPYRIGHT_OWNER.match(line)
    if not m:
        return None
    owner = m["owner"].strip()
    return owner if owner[0].isupper() and word_count(owner) <= 6 else None


def _is_chrome(line: str) -> bool:
    if not _WORD.search(line) or any(p.match(line) for p in _CHROME_PATTERNS):
        return True
    return bool(pt.CAPTION_END.match(line)) or (not is_prose(line) and bool(pt.CAPTION_CREDIT.match(line)))


def _block_length(units: list[Unit], i: int, in_body: bool) -> int:
    """How many units a block header at ``i`` takes with it (0 if it opens none).

    A reader-comments thread runs to the end of the page; its header is trusted on its own
    only once the article has begun (``in_body``), as the threads follow the story.
    """
    line = collapse(units[i].text)
    following = units[i + 1 : i + 1 + _MAX_LIST]
    if (in_body and pt.COMMENTS_LIST_HEADER.match(line)) or (
        pt.COMMENTS_HEADER.match(line) and any(pt.COMMENT_MARK.match(collapse(u.text)) for u in following)
    ):
        return len(units) - i
    if pt.AUTHOR_BOX.match(line):
        n = next(
            (k for k, u in enumerate(following) if is_prose(u.text) and not _BIO.match(u.text)),
            len(following),
        )
        return n + 1
    if pt.PREV_NEXT.match(line):
        nxt = following[0].text if following else ""
        return 2 if nxt and is_headline(nxt) and not pt.PREV_NEXT.match(collapse(nxt)) else 1
    if pt.RELATED_HEADER.match(line):
        n = next((k for k, u in enumerate(following) if not _is_list_item(u.text)), len(following))
        return n + 1
    return 0


def _is_list_item(text: str) -> bool:
    """A linked headline (or its date) in a related-stories list."""
    return bool(is_headline(text) or date_line(text)) and not pt.PREV_NEXT.match(collapse(text))


def _cut_tail(unit: Unit, removed: list[tuple[int, str]], patterns: tuple[re.Pattern[str], ...]) -> Unit:
    """Cut chrome glued to the end of a paragraph, repeatedly."""
    changed = True
    while changed:
        changed = False
        for pattern in patterns:
            m = pattern.search(unit.text)
            if m and m.start() > 0:
                removed.append((unit.start + m.start(), m.group(0).strip()))
                text = unit.text[: m.start()].rstrip()
                unit = Unit(unit.start, unit.start + len(text), text)
                changed = True
    return unit


def _teasers(units: list[Unit]) -> set[int]:
    """Indexes of excerpts of other posts ("... [...]") on a page that also has full paragraphs.

    When every paragraph is such an excerpt, the input is a feed item: it is kept, mark cut.
    """
    marked = {i for i, u in enumerate(units) if pt.EXCERPT_MARK.search(u.text)}
    full = any(is_prose(u.text) for i, u in enumerate(units) if i not in marked)
    return marked if full else set()


def strip_chrome(units: list[Unit]) -> Scan:
    """Units without chrome, what was removed, and the outlet/author that chrome names."""
    scan = Scan()
    teasers = _teasers(units)
    tails = (*pt.TRAILING_TAGS, pt.EXCERPT_MARK)
    prose_kept = 0
    i = 0
    while i < len(units):
        block = _block_length(units, i, in_body=prose_kept >= _BODY_STARTED)
        if block:
            scan.removed.extend((u.start, u.text) for u in units[i : i + block])
            i += block
            continue
        unit, line, teaser = units[i], collapse(units[i].text), i in teasers
        i += 1
        outlet = next((m["outlet"] for p in pt.OUTLET_NOTE if (m := p.match(line))), None)
        # "Research by the university found..." is a sentence; credit lines are not.
        credits = pt.CREDITS_LINE.match(line) and (line[0] == "(" or ";" in line or not is_prose(line))
        if outlet or credits or teaser or _is_chrome(line):
            scan.removed.append((unit.start, unit.text))
            scan.outlet = scan.outlet or (outlet.strip() if outlet else None)
            scan.byline = scan.byline or (_reporter(line) if credits else None)
            scan.owner = scan.owner or _copyright_owner(line)
            continue
        kept = _cut_tail(unit, scan.removed, tails)
        if kept is not unit:
            scan.byline = scan.byline or _reporter(unit.text[len(kept.text) :])
        scan.kept.append(kept)
        prose_kept += is_prose(kept.text)
    if scan.kept:
        scan.kept[-1] = _cut_tail(scan.kept[-1], scan.removed, (pt.FINAL_DESK_TAG,))
    return scan

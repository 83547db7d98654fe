"""Find quoted spans by pairing quote marks, character by character.

News text mixes straight and curly marks, British single quotes, guillemets, apostrophes
that look like closing quotes, typewriter doubles (``...'' or ''...'', common in wire and
archive text), and marks left unclosed by editors. Marks are paired within
a paragraph (any newline ends one); a quote left open at a paragraph end continues only
when the next paragraph opens with the same family of mark (the newspaper convention for
multi-paragraph quotes), and is otherwise closed at the paragraph end when it looks like
a direct quote, or dropped. Quotes nested inside another are not reported on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Role = Literal["open", "close", "either", "close_if_open"]

_FAMILY = {
    "\u201c": "double", "\u201d": "double", "\u201e": "double", "\u201f": "double", '"': "double",
    "\u2018": "single", "\u2019": "single", "\u201a": "single", "\u201b": "single", "'": "single",
    "\u00ab": "angle", "\u00bb": "angle", "\u2039": "sangle", "\u203a": "sangle",
    "\u300c": "corner", "\u300d": "corner", "\u300e": "wcorner", "\u300f": "wcorner",
}
_INTRINSIC: dict[str, Role] = {
    "\u201c": "open", "\u201e": "open", "\u201f": "open",
    "\u2018": "open", "\u201a": "open", "\u201b": "open",
    "\u00ab": "open", "\u2039": "open", "\u300c": "open", "\u300e": "open",
    "\u201d": "close", "\u2019": "close", "\u00bb": "close",
    "\u203a": "close", "\u300d": "close", "\u300f": "close",
    '"': "either", "'": "either",
}
# Two apostrophes (or backticks) stand for one double mark; they are matched before single marks.
_DOUBLED = {"''": "either", "``": "open"}
_MARK_RE = re.compile("''|``|[" + re.escape("".join(_FAMILY)) + "]")
_OPEN_LEFT = set("([{\u2014\u2013-/") | set(_FAMILY)
_CLOSE_RIGHT = set(".,;:!?)]}\u2014\u2013-\u2026/") | set(_FAMILY)
_SENTENCE_END = set(".!?\u2026")
# Shortest content kept for single-mark quotes: "rock 'n' roll" is not a quote.
_MIN_SINGLE = 2


@dataclass(frozen=True)
class QuotedSpan:
    """Content between an opening mark and its closing mark.

    ``open`` is the first character of the opening mark, ``close`` the last character of the
    closing mark (None if unclosed); a typewriter double mark is two characters wide.
    """

    open: int
    start: int
    end: int
    close: int | None
    family: str


@dataclass
class _Mark:
    pos: int
    family: str
    role: Role
    width: int = 1


def _role(text: str, i: int, ch: str) -> Role | None:
    """Direction of the mark at ``i`` from its neighbours; None for an apostrophe."""
    left = text[i - 1] if i > 0 else " "
    right = text[i + len(ch)] if i + len(ch) < len(text) else " "
    left_open = left.isspace() or left in _OPEN_LEFT
    right_close = right.isspace() or right in _CLOSE_RIGHT
    if ch in _DOUBLED:
        intrinsic: Role = "open" if _DOUBLED[ch] == "open" else "either"
        if left_open and not right_close:
            return "open"
        return "close" if right_close and not left_open else intrinsic
    if _FAMILY[ch] == "single":
        if left.isalnum() and right.isalnum():
            return None  # don't, Lavrov's, O'Brien
        if left_open and right.isdigit():
            return None  # '90s
        if left.isalpha() and not left_open and right_close and left.lower() == "s" and ch != "\u2018":
            return "close_if_open"  # players' union, or the end of a quote
    if left_open and not right_close:
        return "open"
    if right_close and not left_open:
        return "close"
    return _INTRINSIC[ch]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + len(line)))
        pos += len(line) + 1
    return spans


def _direct_like(text: str, pos: int, para_start: int) -> bool:
    """Whether the mark at ``pos`` opens a sentence or follows ':' or ',' (a direct quote)."""
    j = pos - 1
    while j >= para_start and text[j].isspace():
        j -= 1
    return j < para_start or text[j] in ":,\u2014" or text[j] in _SENTENCE_END or text[j] in _FAMILY


def _span(text: str, opener: _Mark, end: int, close: int | None) -> QuotedSpan | None:
    start = opener.pos + opener.width
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start < (_MIN_SINGLE if opener.family == "single" else 1):
        return None
    return QuotedSpan(opener.pos, start, end, close, opener.family)


MAX_MARKS_PER_PARAGRAPH = 400


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Outermost quoted spans of ``text`` in order; never raises, never crosses an unmarked paragraph."""
    marks_by_para: list[list[_Mark]] = []
    paras = _paragraphs(text)
    for ps, pe in paras:
        marks = []
        for m in _MARK_RE.finditer(text, ps, pe):
            chars = m.group()
            role = _role(text, m.start(), chars)
            if role is not None:
                family = "double" if chars in _DOUBLED else _FAMILY[chars]
                marks.append(_Mark(m.start(), family, role, len(chars)))
        # No prose paragraph holds hundreds of quote marks; such text is noise, and pairing
        # its marks would cost time quadratic in their number.
        marks_by_para.append(marks if len(marks) <= MAX_MARKS_PER_PARAGRAPH else [])

    out: list[QuotedSpan] = []
    carried: _Mark | None = None  # an outer quote continued from the previous paragraph
    for k, ((ps, pe), marks) in enumerate(zip(paras, marks_by_para, strict=True)):
        stack: list[_Mark] = []
        if carried is not None:
            stack.append(carried)
            marks = marks[1:]  # the continuation mark opening this paragraph
            carried = None
        for mark in marks:
            same = [i for i, s in enumerate(stack) if s.family == mark.family]
            if same and mark.role in ("close", "either", "close_if_open"):
                idx = same[-1]
                if idx == 0:
                    span = _span(text, stack[0], mark.pos, mark.pos + mark.width - 1)
                    if span is not None:
                        out.append(span)
                del stack[idx:]
            elif mark.role in ("open", "either"):
                if stack and stack[-1].family == mark.family:
                    stack.pop()  # an opener left unclosed: the new one replaces it
                stack.append(mark)
        if not stack:
            continue
        outer = stack[0]
        nxt = marks_by_para[k + 1] if k + 1 < len(paras) else []
        continues = (
            bool(nxt)
            and nxt[0].pos == paras[k + 1][0]
            and nxt[0].family == outer.family
            and nxt[0].role in ("open", "either")
        )
        if continues:
            carried = outer
        elif _direct_like(text, outer.pos, ps) or outer.pos < ps:
            span = _span(text, outer, pe, None)
            if span is not None:
                out.append(span)
    return out

"""What differs between two versions of a text, paragraph by paragraph, for an analyst to read."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Literal

from newsgraph.dedup.text import blocks, words

DiffOp = Literal["insert", "delete", "replace", "move"]
# An old and a new paragraph sharing this share of words (difflib ratio) are one edited paragraph.
EDITED_PARAGRAPH = 0.6


@dataclass
class DiffChunk:
    """One difference: paragraphs of ``a`` (``a_start:a_end``) that ``b`` changes, drops, adds or moves.

    For a ``replace`` (one paragraph edited), ``changes`` lists the word-level edits as
    (old words, new words), e.g. a corrected typo or a changed number.
    """

    op: DiffOp
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_text: str
    b_text: str
    changes: list[tuple[str, str]] = field(default_factory=list)


def _key(text: str) -> str:
    return " ".join(words(text))


def diff(a_text: str, b_text: str) -> list[DiffChunk]:
    """Differences from ``a_text`` to ``b_text`` (equal paragraphs, up to case and punctuation, omitted).

    Edited paragraphs are paired with their new version (with word-level changes); a paragraph
    deleted in one place and inserted in another is reported once, as a move.
    """
    a_paras, b_paras = blocks(a_text), blocks(b_text)
    a_keys = [_key(a_text[s:e]) for s, e in a_paras]
    b_keys = [_key(b_text[s:e]) for s, e in b_paras]
    chunks: list[DiffChunk] = []

    def chunk(op: DiffOp, i: int | None, j: int | None, at_a: int, at_b: int) -> DiffChunk:
        a_span = a_paras[i] if i is not None else _at(a_paras, at_a, len(a_text))
        b_span = b_paras[j] if j is not None else _at(b_paras, at_b, len(b_text))
        return DiffChunk(
            op, *a_span, *b_span, a_text=a_text[a_span[0] : a_span[1]], b_text=b_text[b_span[0] : b_span[1]]
        )

    matcher = difflib.SequenceMatcher(a=a_keys, b=b_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        edited = _pair_edited(a_keys, b_keys, range(i1, i2), range(j1, j2))
        for i in range(i1, i2):
            if i in edited:
                c = chunk("replace", i, edited[i], i, edited[i])
                c.changes = _word_changes(a_keys[i], b_keys[edited[i]])
                chunks.append(c)
            else:
                chunks.append(chunk("delete", i, None, i, j1))
        kept = set(edited.values())
        chunks.extend(chunk("insert", None, j, i1, j) for j in range(j1, j2) if j not in kept)
    return _pair_moves(chunks)


def _pair_edited(a_keys: list[str], b_keys: list[str], a_range: range, b_range: range) -> dict[int, int]:
    """Within a changed block, pair each old paragraph with the new one it most resembles."""
    pairs: dict[int, int] = {}
    for i in a_range:
        best, best_ratio = None, EDITED_PARAGRAPH
        for j in b_range:
            if j in pairs.values():
                continue
            ratio = difflib.SequenceMatcher(a=a_keys[i].split(), b=b_keys[j].split(), autojunk=False).ratio()
            if ratio >= best_ratio:
                best, best_ratio = j, ratio
        if best is not None:
            pairs[i] = best
    return pairs


def _at(paras: list[tuple[int, int]], index: int, length: int) -> tuple[int, int]:
    """An empty span where a paragraph would be inserted."""
    pos = paras[index][0] if index < len(paras) else length
    return pos, pos


def _word_changes(a_key: str, b_key: str) -> list[tuple[str, str]]:
    a_words, b_words = a_key.split(), b_key.split()
    matcher = difflib.SequenceMatcher(a=a_words, b=b_words, autojunk=False)
    return [
        (" ".join(a_words[i1:i2]), " ".join(b_words[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _pair_moves(chunks: list[DiffChunk]) -> list[DiffChunk]:
    """Merge a delete and an insert of the same text into one move."""
    inserts: dict[str, DiffChunk] = {}
    for chunk in chunks:
        if chunk.op == "insert":
            inserts.setdefault(_key(chunk.b_text), chunk)
    absorbed: set[int] = set()
    for chunk in chunks:
        target = inserts.get(_key(chunk.a_text)) if chunk.op == "delete" else None
        if target is not None and id(target) not in absorbed:
            absorbed.add(id(target))
            chunk.op, chunk.b_start, chunk.b_end, chunk.b_text = (
                "move",
                target.b_start,
                target.b_end,
                target.b_text,
            )
    return [chunk for chunk in chunks if id(chunk) not in absorbed]

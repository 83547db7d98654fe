"""Naming a measured pair: copy, partial copy, rewrite, or nothing (independent reporting)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from newsgraph.dedup.compare import AlignedSentences, Overlap

PairKind = Literal["copy", "partial", "rewrite"]

# An excerpt must carry at least this share of the shorter text verbatim to be a partial copy.
PARTIAL_SHARE = 0.3
# Or it shares at least this many whole paragraphs verbatim.
PARTIAL_PARAGRAPHS = 2
# A copy repeats nearly all of the shorter article (typos aside), and keeps at least this share
# of the longer one (a dropped paragraph may be a long one). An article whose paragraphs are
# only half found in another, or an excerpt of a few paragraphs, is a partial copy.
COPY_COVERS = 0.75
COPY_KEEPS = 0.45
# A partial copy repeats at least this many content-rich sentences verbatim.
PARTIAL_MIN_SENTENCES = 2
# A rewrite re-says at least this many sentences, this many of them content-rich: one shared
# lead sentence is ordinary reporting.
REWRITE_MIN_SENTENCES = 3
REWRITE_MIN_STRONG = 2


@dataclass
class Pair:
    """Two articles that share text; ``a`` is the earlier (by date, then id), the likely source.

    ``similarity`` is, for a copy, the mean share of each article found verbatim in the other;
    for a partial copy, the share of the shorter article found verbatim in the longer; for a
    rewrite, the share of the shorter article's content that the other says again.
    """

    a: str
    b: str
    kind: PairKind
    similarity: float
    containment_a: float  # share of a's word shingles found in b
    containment_b: float
    shared_paragraphs: int
    evidence: list[AlignedSentences] = field(default_factory=list)


def classify(
    overlap: Overlap, copy_threshold: float, rewrite_threshold: float
) -> tuple[PairKind, float] | None:
    """The kind of a pair and its similarity, or ``None`` for articles that merely share facts.

    Independent reports of one event share names and numbers, sometimes a quote or a lead
    sentence, but not the wording of most of the text; that is the line drawn here.
    """
    verbatim = max(overlap.containment_a, overlap.containment_b)
    if (
        verbatim >= copy_threshold
        and overlap.alignment_long >= COPY_KEEPS
        and overlap.alignment >= COPY_COVERS
    ):
        return "copy", (overlap.containment_a + overlap.containment_b) / 2
    if overlap.verbatim_links >= PARTIAL_MIN_SENTENCES and (
        verbatim >= PARTIAL_SHARE
        or overlap.shared_paragraph_share >= PARTIAL_SHARE
        or overlap.shared_paragraphs >= PARTIAL_PARAGRAPHS
    ):
        return "partial", max(verbatim, overlap.shared_paragraph_share)
    if (
        overlap.alignment >= rewrite_threshold
        and len(overlap.aligned) >= REWRITE_MIN_SENTENCES
        and overlap.strong_links >= REWRITE_MIN_STRONG
    ):
        return "rewrite", overlap.alignment
    return None

"""Scoring one pair of signatures: how much text they share, and which sentences say the same thing."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newsgraph.dedup.signature import DedupSignature

# A sentence needs this many content stems before its alignment means anything.
MIN_SENTENCE_STEMS = 5
# Two sentences say the same thing when they share this share of their content stems (Dice).
SENTENCE_MATCH = 0.5
# Only links between sentences this rich count as evidence: "Share this article" lines are not.
STRONG_SENTENCE_STEMS = 6
# A link this close is the same sentence, up to typos.
VERBATIM_MATCH = 0.8


@dataclass
class AlignedSentences:
    """A sentence of article ``a`` and the sentence of ``b`` that says the same thing."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    similarity: float


@dataclass
class Overlap:
    """Everything measured about one pair, before it is named copy, partial or rewrite."""

    jaccard: float  # of word-shingle sets (MinHash estimate)
    containment_a: float  # share of a's shingles found in b
    containment_b: float
    shared_paragraphs: int
    shared_paragraph_share: float  # larger share of either article's words in shared paragraphs
    alignment: float  # share of the shorter article's content said again by the other
    alignment_long: float  # share of the longer article's content said again by the shorter
    aligned: list[AlignedSentences]
    strong_links: int = 0  # aligned pairs of content-rich sentences
    verbatim_links: int = 0  # ... of which the same sentence up to typos


def minhash_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if len(a) != len(b) or len(a) == 0:
        return 0.0
    return float(np.count_nonzero(a == b)) / len(a)


def containments(a: DedupSignature, b: DedupSignature) -> tuple[float, float, float]:
    """Jaccard and both containments, the latter derived from Jaccard and the set sizes."""
    if not a.shingles or not b.shingles:
        return 0.0, 0.0, 0.0
    j = minhash_jaccard(a.minhash, b.minhash)
    shared = j * (a.shingles + b.shingles) / (1.0 + j)
    return j, min(1.0, shared / a.shingles), min(1.0, shared / b.shingles)


def shared_paragraphs(a: DedupSignature, b: DedupSignature) -> tuple[int, float]:
    """Number of paragraphs both contain verbatim, and the larger share of words they make up."""
    b_hashes = {p[0] for p in b.paragraphs}
    shared = [p for p in a.paragraphs if p[0] in b_hashes]
    if not shared:
        return 0, 0.0
    shared_words = sum(p[3] for p in shared)
    share = max(shared_words / max(a.words, 1), shared_words / max(b.words, 1))
    return len(shared), min(1.0, share)


def _eligible(sig: DedupSignature, boilerplate: frozenset[int]) -> list[int]:
    """Indices of the sentences that can be aligned: long enough, and not boilerplate."""
    return [
        i
        for i, stems in enumerate(sig.sentence_stems)
        if len(stems) >= MIN_SENTENCE_STEMS and sig.sentences[i][2] not in boilerplate
    ]


def _links(a: DedupSignature, b: DedupSignature, boilerplate: frozenset[int]) -> list[tuple[int, int, float]]:
    """Greedy one-to-one alignment of a's sentences to b's, best matches first."""
    postings: dict[int, list[int]] = {}
    for j in _eligible(b, boilerplate):
        for s in b.sentence_stems[j]:
            postings.setdefault(s, []).append(j)
    candidates: list[tuple[float, int, int]] = []
    for i in _eligible(a, boilerplate):
        stems = a.sentence_stems[i]
        counts: dict[int, int] = {}
        for s in stems:
            for j in postings.get(s, ()):
                counts[j] = counts.get(j, 0) + 1
        for j, inter in counts.items():
            dice = 2 * inter / (len(stems) + len(b.sentence_stems[j]))
            if dice >= SENTENCE_MATCH:
                candidates.append((dice, i, j))
    used_a: set[int] = set()
    used_b: set[int] = set()
    links: list[tuple[int, int, float]] = []
    for dice, i, j in sorted(candidates, reverse=True):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            links.append((i, j, dice))
    return sorted(links)


def align(
    a: DedupSignature, b: DedupSignature, boilerplate: frozenset[int] = frozenset()
) -> tuple[float, float, list[tuple[int, int, float]]]:
    """Sentences of a and b that say the same thing, ignoring boilerplate sentences.

    Returns the share of the shorter article's content stems said again in the longer one
    (a rewrite scores high), the same share for the longer article (a copy that kept the
    whole text scores high, an excerpt does not), and the links (a index, b index, Dice).
    """
    links = _links(a, b, boilerplate)
    a_total = sum(len(a.sentence_stems[i]) for i in _eligible(a, boilerplate))
    b_total = sum(len(b.sentence_stems[j]) for j in _eligible(b, boilerplate))
    a_cov = sum(len(a.sentence_stems[i]) for i, _, _ in links) / a_total if a_total else 0.0
    b_cov = sum(len(b.sentence_stems[j]) for _, j, _ in links) / b_total if b_total else 0.0
    short_cov, long_cov = (a_cov, b_cov) if a_total <= b_total else (b_cov, a_cov)
    return short_cov, long_cov, links


def measure(a: DedupSignature, b: DedupSignature, boilerplate: frozenset[int] = frozenset()) -> Overlap:
    """All the pair's measures; sentences in ``boilerplate`` (verbatim hashes) are not evidence."""
    j, ca, cb = containments(a, b)
    n_shared, share = shared_paragraphs(a, b)
    short_cov, long_cov, links = align(a, b, boilerplate)
    strong = [
        d
        for i, k, d in links
        if min(len(a.sentence_stems[i]), len(b.sentence_stems[k])) >= STRONG_SENTENCE_STEMS
    ]
    aligned = [
        AlignedSentences(
            a.sentences[i][0], a.sentences[i][1], b.sentences[k][0], b.sentences[k][1], round(d, 3)
        )
        for i, k, d in links
    ]
    return Overlap(
        jaccard=j,
        containment_a=ca,
        containment_b=cb,
        shared_paragraphs=n_shared,
        shared_paragraph_share=share,
        alignment=short_cov,
        alignment_long=long_cov,
        aligned=aligned,
        strong_links=len(strong),
        verbatim_links=sum(d >= VERBATIM_MATCH for d in strong),
    )

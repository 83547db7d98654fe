"""The incremental copy index: each new article is compared only with likely matches.

Three cheap lookups propose candidates, and only candidates are measured exactly:
a MinHash LSH over word shingles (copies, even with typos), one over content-word stems
(rewrites keep the vocabulary but not the wording), and an inverted index of verbatim
sentences (excerpts, and copies edited too heavily for the sketches).
"""

from __future__ import annotations

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsgraph.config import DedupConfig
from newsgraph.dedup.compare import measure
from newsgraph.dedup.groups import CopyGroups
from newsgraph.dedup.pairs import Pair, classify
from newsgraph.dedup.signature import DedupSignature, permutations

# LSH bands x rows. Shingle sketches of copies stay above Jaccard 0.25 even with a dropped
# paragraph and typos (P(candidate) > 0.98 there with 64x2); unrelated texts share ~no shingles.
SHINGLE_BANDS = (64, 2)
# Stem sets: rewrites sit near 0.5, unrelated articles below 0.15 (P(candidate) 0.98 vs 0.13).
STEM_BANDS = (42, 3)
# A pair is measured only if one of these says it could be more than shared reporting.
MIN_SHINGLE_JACCARD = 0.05
MIN_STEM_JACCARD = 0.2
# A sentence found in more articles than this is boilerplate and proposes no candidates.
MAX_SENTENCE_POSTINGS = 50
# A sentence already in this many unrelated copy groups is boilerplate ("Sign up for our
# newsletter..."): it is not evidence of copying, whereas a syndicated story's sentences,
# repeated within one copy group, still are.
BOILERPLATE_GROUPS = 3
_UNDATED = "9999-99-99"


class CopyIndex:
    """Copy, partial-copy and rewrite detection over a growing collection.

    ``add`` compares a new article with those already indexed and returns the new pairs;
    ``groups`` tracks copy groups and their canonical (earliest) member. The index holds
    only signatures, so the store can rebuild it with ``restore`` without re-reading text.
    """

    def __init__(
        self,
        num_perm: int = 128,
        copy_threshold: float = 0.5,
        rewrite_threshold: float = 0.6,
        max_candidates: int = 200,
    ) -> None:
        self.num_perm = num_perm
        self.copy_threshold = copy_threshold
        self.rewrite_threshold = rewrite_threshold
        self.max_candidates = max_candidates
        self.groups = CopyGroups()
        self._shingle_lsh = MinHashLSH(num_perm=num_perm, params=lsh_bands(SHINGLE_BANDS, num_perm))
        self._stem_lsh = MinHashLSH(num_perm=num_perm, params=lsh_bands(STEM_BANDS, num_perm))
        self._sentences: dict[int, list[str]] = {}
        # Signatures are kept packed (one bytes object each: small, and cheap for the garbage
        # collector); their sketches also sit in two matrices so candidates are scored at once.
        self._packed: dict[str, bytes] = {}
        self._row: dict[str, int] = {}
        self._sketches = np.zeros((2, 1024, num_perm), dtype=np.uint32)
        self._published: dict[str, str | None] = {}

    @classmethod
    def from_config(cls, config: DedupConfig) -> CopyIndex:
        return cls(config.num_perm, config.copy_threshold, config.rewrite_threshold)

    def __len__(self) -> int:
        return len(self._packed)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._packed

    def add(self, article_id: str, signature: DedupSignature, published: str | None = None) -> list[Pair]:
        """Index an article and return its pairs with articles indexed before it."""
        if article_id in self._packed:
            return []
        self._check(signature)
        pairs: list[Pair] = []
        boilerplate = self._boilerplate(signature)
        for other in self._candidates(signature):
            pair = self._compare(article_id, signature, published, other, boilerplate)
            if pair is not None:
                pairs.append(pair)
        self.restore(article_id, signature, published)
        for pair in pairs:
            if pair.kind == "copy":
                self.groups.union(pair.a, pair.b)
        return pairs

    def restore(self, article_id: str, signature: DedupSignature, published: str | None = None) -> None:
        """Index an article without comparing it (rebuilding from the store)."""
        if article_id in self._packed:
            return
        self._check(signature)
        self._packed[article_id] = signature.to_bytes()
        row = self._row[article_id] = len(self._row)
        if row == self._sketches.shape[1]:
            self._sketches = np.concatenate([self._sketches, np.zeros_like(self._sketches)], axis=1)
        self._sketches[0, row] = signature.minhash
        self._sketches[1, row] = signature.stem_minhash
        self._published[article_id] = published
        self.groups.add(article_id, published)
        if signature.shingles:
            self._shingle_lsh.insert(article_id, _minhash(signature.minhash), check_duplication=False)
            self._stem_lsh.insert(article_id, _minhash(signature.stem_minhash), check_duplication=False)
        for h in signature.sentence_hashes:
            postings = self._sentences.setdefault(h, [])
            if len(postings) <= MAX_SENTENCE_POSTINGS:
                postings.append(article_id)

    def _check(self, signature: DedupSignature) -> None:
        if signature.num_perm != self.num_perm:
            raise ValueError(
                f"signature has {signature.num_perm} permutations, index expects {self.num_perm}: "
                "recompute signatures after changing [dedup].num_perm"
            )

    def _candidates(self, signature: DedupSignature) -> list[str]:
        """Indexed articles worth measuring against this one, most similar first."""
        sketched: set[str] = set()
        if signature.shingles:
            sketched.update(self._shingle_lsh.query(_minhash(signature.minhash)))
            sketched.update(self._stem_lsh.query(_minhash(signature.stem_minhash)))
        shares_sentence: set[str] = set()
        for h in signature.sentence_hashes:
            postings = self._sentences.get(h, ())
            if len(postings) <= MAX_SENTENCE_POSTINGS:
                shares_sentence.update(postings)
        others = sorted(sketched | shares_sentence)
        if not others:
            return []
        rows = np.array([self._row[o] for o in others])
        shingle_j = (self._sketches[0, rows] == signature.minhash).mean(axis=1)
        stem_j = (self._sketches[1, rows] == signature.stem_minhash).mean(axis=1)
        scores = np.maximum(shingle_j / MIN_SHINGLE_JACCARD, stem_j / MIN_STEM_JACCARD)
        if not signature.shingles:
            scores[:] = 0.0
        scored = [
            (float(score), other)
            for score, other in zip(scores, others, strict=True)
            if score >= 1.0 or other in shares_sentence
        ]
        scored.sort(reverse=True)
        return [other for _, other in scored[: self.max_candidates]]

    def _boilerplate(self, signature: DedupSignature) -> frozenset[int]:
        out = set()
        for h in signature.sentence_hashes:
            postings = self._sentences.get(h, ())
            if (
                len(postings) >= BOILERPLATE_GROUPS
                and len({self.groups.find(a) for a in postings}) >= BOILERPLATE_GROUPS
            ):
                out.add(h)
        return frozenset(out)

    def _compare(
        self,
        new_id: str,
        new: DedupSignature,
        published: str | None,
        old_id: str,
        boilerplate: frozenset[int],
    ) -> Pair | None:
        old = DedupSignature.from_bytes(self._packed[old_id])
        overlap = measure(old, new, boilerplate)
        named = classify(overlap, self.copy_threshold, self.rewrite_threshold)
        if named is None:
            return None
        kind, similarity = named
        pair = Pair(
            a=old_id,
            b=new_id,
            kind=kind,
            similarity=round(similarity, 4),
            containment_a=round(overlap.containment_a, 4),
            containment_b=round(overlap.containment_b, 4),
            shared_paragraphs=overlap.shared_paragraphs,
            evidence=overlap.aligned if kind == "rewrite" else [],
        )
        if (published or _UNDATED, new_id) < (self._published[old_id] or _UNDATED, old_id):
            return _swap(pair)
        return pair


def _swap(pair: Pair) -> Pair:
    evidence = [type(e)(e.b_start, e.b_end, e.a_start, e.a_end, e.similarity) for e in pair.evidence]
    return Pair(
        a=pair.b,
        b=pair.a,
        kind=pair.kind,
        similarity=pair.similarity,
        containment_a=pair.containment_b,
        containment_b=pair.containment_a,
        shared_paragraphs=pair.shared_paragraphs,
        evidence=evidence,
    )


def lsh_bands(bands: tuple[int, int], num_perm: int) -> tuple[int, int]:
    """The configured bands, scaled down when fewer permutations are configured."""
    b, r = bands
    return (max(2, min(b, num_perm // r)), r)


def _minhash(hashvalues: np.ndarray) -> MinHash:
    return MinHash(hashvalues=hashvalues, permutations=permutations(len(hashvalues)), scheme="affine32")

"""The incremental copy index: each new article is compared only with likely matches.

Three cheap lookups propose candidates, and only candidates are measured exactly:
a MinHash LSH over word shingles (copies, even with typos), one over content-word stems
(rewrites keep the vocabulary but not the wording), and an inverted index of verbatim
sentences (excerpts, and copies edited too heavily for the sketches).

The index lives in SQLite tables (the store's own file, or an in-memory database), so its
memory stays flat however large the collection grows and a later run continues it without
rebuilding anything.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable

import numpy as np

from newsgraph.config import DedupConfig
from newsgraph.dedup.compare import measure
from newsgraph.dedup.groups import CopyGroups
from newsgraph.dedup.pairs import Pair, classify
from newsgraph.dedup.signature import DedupSignature
from newsgraph.dedup.spin import is_spun
from newsgraph.store.lookup import select_in

# LSH bands x rows. Shingle sketches of copies stay above Jaccard 0.25 even with a dropped
# paragraph and typos (P(candidate) > 0.98 there with 64x2); unrelated texts share ~no shingles.
SHINGLE_BANDS = (64, 2)
# Stem sets: rewrites sit near 0.5, unrelated articles below 0.15 (P(candidate) 0.98 vs 0.13).
STEM_BANDS = (42, 3)
# A pair is measured only if one of these says it could be more than shared reporting.
MIN_SHINGLE_JACCARD = 0.05
MIN_STEM_JACCARD = 0.3
# A band key shared by many articles (a syndicated story, or the vocabulary of a corpus on one
# topic) proposes only its most recent articles: a copy of a large group still meets one member.
MAX_BAND_POSTINGS = 100
# A sentence found in more articles than this is boilerplate and proposes no candidates.
MAX_SENTENCE_POSTINGS = 50
# A sentence already in this many unrelated copy groups is boilerplate ("Sign up for our
# newsletter..."): it is not evidence of copying, whereas a syndicated story's sentences,
# repeated within one copy group, still are.
BOILERPLATE_GROUPS = 3
_UNDATED = "9999-99-99"


SCHEMA = """
CREATE TABLE IF NOT EXISTS copy_docs (
    row INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE,
    published TEXT,
    minhash BLOB NOT NULL,
    stem_minhash BLOB NOT NULL,
    signature BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS copy_keys (
    key INTEGER NOT NULL,
    row INTEGER NOT NULL,
    PRIMARY KEY (key, row)
) WITHOUT ROWID;
"""


class CopyIndex:
    """Copy, partial-copy and rewrite detection over a growing collection.

    ``add`` compares a new article with those already indexed and returns the new pairs;
    ``groups`` tracks copy groups and their canonical (earliest) member. The index holds
    only signatures, in the tables of ``conn``; the caller commits.
    """

    def __init__(
        self,
        num_perm: int = 128,
        copy_threshold: float = 0.5,
        rewrite_threshold: float = 0.6,
        max_candidates: int = 30,
        conn: sqlite3.Connection | None = None,
        text_of: Callable[[str], str | None] | None = None,
    ) -> None:
        self.num_perm = num_perm
        self.copy_threshold = copy_threshold
        self.rewrite_threshold = rewrite_threshold
        self.max_candidates = max_candidates
        self.groups = CopyGroups()
        self.conn = conn or sqlite3.connect(":memory:")
        # With the texts at hand, a copy whose words were systematically swapped is a rewrite.
        self.text_of = text_of
        self.conn.executescript(SCHEMA)

    @classmethod
    def from_config(
        cls,
        config: DedupConfig,
        conn: sqlite3.Connection | None = None,
        text_of: Callable[[str], str | None] | None = None,
    ) -> CopyIndex:
        return cls(config.num_perm, config.copy_threshold, config.rewrite_threshold, conn=conn, text_of=text_of)

    @staticmethod
    def clear(conn: sqlite3.Connection) -> None:
        """Drop the index tables of ``conn`` (before re-indexing everything); the next index recreates them."""
        conn.execute("DROP TABLE IF EXISTS copy_docs")
        conn.execute("DROP TABLE IF EXISTS copy_keys")

    def __len__(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM copy_docs").fetchone()[0])

    def __contains__(self, article_id: object) -> bool:
        return (
            self.conn.execute("SELECT 1 FROM copy_docs WHERE article_id = ?", (article_id,)).fetchone()
            is not None
        )

    def add(self, article_id: str, signature: DedupSignature, published: str | None = None) -> list[Pair]:
        """Index an article and return its pairs with articles indexed before it."""
        if article_id in self:
            return []
        self._check(signature)
        sentence_rows = self._sentence_postings(signature)
        boilerplate = self._boilerplate(sentence_rows)
        pairs: list[Pair] = []
        dates = {article_id: published}
        for other_id, other_published, other in self._candidates(signature, sentence_rows):
            pair = self._compare(
                article_id, signature, published, other_id, other_published, other, boilerplate
            )
            if pair is not None:
                pairs.append(pair)
                dates[other_id] = other_published
        self._insert(article_id, signature, published, sentence_rows)
        for pair in pairs:
            if pair.kind == "copy":
                self.groups.add(pair.a, dates[pair.a])
                self.groups.add(pair.b, dates[pair.b])
                self.groups.union(pair.a, pair.b)
        return pairs

    def _insert(
        self,
        article_id: str,
        signature: DedupSignature,
        published: str | None,
        sentence_rows: dict[int, list[str]],
    ) -> None:
        cur = self.conn.execute(
            "INSERT INTO copy_docs(article_id, published, minhash, stem_minhash, signature) VALUES (?, ?, ?, ?, ?)",
            (
                article_id,
                published,
                _blob(signature.minhash),
                _blob(signature.stem_minhash),
                signature.to_bytes(),
            ),
        )
        row = cur.lastrowid
        # A sentence already this common is boilerplate: more postings would only slow lookups.
        sentences = [
            h for h in signature.sentence_hashes if len(sentence_rows.get(h, ())) <= MAX_SENTENCE_POSTINGS
        ]
        keys = set(lsh_keys(signature)) | {sentence_key(h) for h in sentences}
        self.conn.executemany(
            "INSERT OR IGNORE INTO copy_keys(key, row) VALUES (?, ?)", [(k, row) for k in keys]
        )

    def _check(self, signature: DedupSignature) -> None:
        if signature.num_perm != self.num_perm:
            raise ValueError(
                f"signature has {signature.num_perm} permutations, index expects {self.num_perm}: "
                "recompute signatures after changing [dedup].num_perm"
            )

    def _sentence_postings(self, signature: DedupSignature) -> dict[int, list[str]]:
        """Verbatim sentence hash -> the indexed articles that contain it."""
        by_key = {sentence_key(h): h for h in signature.sentence_hashes}
        out: dict[int, list[str]] = {}
        for key, article_id in select_in(
            self.conn,
            "SELECT k.key, d.article_id FROM copy_keys k JOIN copy_docs d ON d.row = k.row WHERE k.key IN ({})",
            by_key,
        ):
            out.setdefault(by_key[key], []).append(article_id)
        return out

    def _candidates(
        self, signature: DedupSignature, sentence_rows: dict[int, list[str]]
    ) -> list[tuple[str, str | None, DedupSignature]]:
        """Indexed articles worth measuring against this one, most similar first."""
        shares_sentence = {
            a for ids in sentence_rows.values() if len(ids) <= MAX_SENTENCE_POSTINGS for a in ids
        }
        bands = "SELECT row FROM copy_keys WHERE key = ? ORDER BY row DESC LIMIT ?"
        sketched = {r for key in lsh_keys(signature) for (r,) in self.conn.execute(bands, (key, MAX_BAND_POSTINGS))}
        rows = select_in(
            self.conn,
            "SELECT row, article_id, published, minhash, stem_minhash FROM copy_docs WHERE row IN ({})",
            sketched,
        ) + select_in(
            self.conn,
            "SELECT row, article_id, published, minhash, stem_minhash FROM copy_docs WHERE article_id IN ({})",
            shares_sentence,
        )
        scores = np.zeros(len(rows))
        if rows and signature.shingles:
            minhashes = np.frombuffer(b"".join(r[3] for r in rows), "<u4").reshape(len(rows), -1)
            stem_minhashes = np.frombuffer(b"".join(r[4] for r in rows), "<u4").reshape(len(rows), -1)
            shingle_j = (minhashes == signature.minhash).mean(axis=1)
            stem_j = (stem_minhashes == signature.stem_minhash).mean(axis=1)
            scores = np.maximum(shingle_j / MIN_SHINGLE_JACCARD, stem_j / MIN_STEM_JACCARD)
        scored: dict[str, tuple[float, int, str | None]] = {
            article_id: (float(score), row, published)
            for (row, article_id, published, _, _), score in zip(rows, scores, strict=True)
            if score >= 1.0 or article_id in shares_sentence
        }
        best = sorted(((score, a) for a, (score, _, _) in scored.items()), reverse=True)[
            : self.max_candidates
        ]
        chosen = {scored[a][1]: a for _, a in best}
        blobs = dict(select_in(self.conn, "SELECT row, signature FROM copy_docs WHERE row IN ({})", chosen))
        return [(a, scored[a][2], DedupSignature.from_bytes(blobs[scored[a][1]])) for _, a in best]

    def _boilerplate(self, sentence_rows: dict[int, list[str]]) -> frozenset[int]:
        return frozenset(
            h
            for h, postings in sentence_rows.items()
            if len(postings) >= BOILERPLATE_GROUPS
            and len({self.groups.find(a) for a in postings}) >= BOILERPLATE_GROUPS
        )

    def _spun(self, old_id: str, new_id: str) -> bool:
        if self.text_of is None:
            return False
        old, new = self.text_of(old_id), self.text_of(new_id)
        return old is not None and new is not None and is_spun(old, new)

    def _compare(
        self,
        new_id: str,
        new: DedupSignature,
        published: str | None,
        old_id: str,
        old_published: str | None,
        old: DedupSignature,
        boilerplate: frozenset[int],
    ) -> Pair | None:
        overlap = measure(old, new, boilerplate)
        named = classify(overlap, self.copy_threshold, self.rewrite_threshold)
        if named is None:
            return None
        kind, similarity = named
        if kind == "copy" and self._spun(old_id, new_id):
            kind, similarity = "rewrite", overlap.alignment
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
        if (published or _UNDATED, new_id) < (old_published or _UNDATED, old_id):
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


def lsh_keys(signature: DedupSignature) -> list[int]:
    """One integer key per LSH band of both sketches; two articles sharing a key are candidates."""
    if not signature.shingles:  # an empty text sketches to all-max values, which would match every other
        return []
    keys = []
    for kind, hashes, bands in (
        (b"s", signature.minhash, SHINGLE_BANDS),
        (b"t", signature.stem_minhash, STEM_BANDS),
    ):
        count, rows = lsh_bands(bands, signature.num_perm)
        values = np.asarray(hashes, dtype="<u4")
        for i in range(count):
            keys.append(_key(kind + i.to_bytes(2, "little") + values[i * rows : (i + 1) * rows].tobytes()))
    return keys


def sentence_key(sentence_hash: int) -> int:
    return _key(b"h" + sentence_hash.to_bytes(8, "little", signed=True))


def _key(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little", signed=True)


def _blob(hashes: np.ndarray) -> bytes:
    return np.asarray(hashes, dtype="<u4").tobytes()

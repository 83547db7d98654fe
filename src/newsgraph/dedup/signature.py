"""Per-article copy-detection state: what the store keeps so new articles compare without re-reading old ones."""

from __future__ import annotations

import hashlib
import itertools
import struct
import zlib
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from datasketch import MinHash

from newsgraph.dedup.text import blocks, content_stems, hash32, sentence_spans, words
from newsgraph.records import Article

FORMAT_VERSION = 1
_MAGIC = b"NGDS"
_HEADER = struct.Struct("<8I")
SEED = 1
# Paragraphs and sentences shorter than this are bylines, captions and chrome: too common to prove a copy.
MIN_PARAGRAPH_WORDS = 15
MIN_SENTENCE_WORDS = 6


@dataclass
class DedupSignature:
    """Sketches of one clean text.

    ``minhash`` sketches the set of word shingles (taken within paragraphs, so swapped
    paragraphs keep their shingles); ``stem_minhash`` sketches the set of content-word stems,
    which survives rewording and finds rewrite candidates; paragraph hashes find partial
    copies; per-sentence stem hashes align sentences as rewrite evidence.
    """

    minhash: np.ndarray
    stem_minhash: np.ndarray
    shingles: int
    words: int
    shingle_size: int
    paragraphs: list[tuple[int, int, int, int]] = field(default_factory=list)  # (hash, start, end, words)
    sentences: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, verbatim hash or 0)
    sentence_stems: list[list[int]] = field(default_factory=list)

    @property
    def num_perm(self) -> int:
        return len(self.minhash)

    @property
    def sentence_hashes(self) -> set[int]:
        """Verbatim hashes of the sentences long enough to prove copying."""
        return {h for _, _, h in self.sentences if h}

    def to_bytes(self) -> bytes:
        """A compact binary form for the store (a few KB; hashes do not compress)."""
        lengths = [len(stems) for stems in self.sentence_stems]
        header = _HEADER.pack(
            FORMAT_VERSION,
            self.num_perm,
            self.shingle_size,
            self.shingles,
            self.words,
            len(self.paragraphs),
            len(self.sentences),
            sum(lengths),
        )
        parts = [
            _MAGIC,
            header,
            np.asarray(self.minhash, dtype="<u4").tobytes(),
            np.asarray(self.stem_minhash, dtype="<u4").tobytes(),
            np.asarray(self.paragraphs, dtype="<i8").tobytes(),
            np.asarray(self.sentences, dtype="<i8").tobytes(),
            np.asarray(lengths, dtype="<u4").tobytes(),
            np.asarray([h for stems in self.sentence_stems for h in stems], dtype="<u4").tobytes(),
        ]
        return b"".join(parts)

    @classmethod
    def from_bytes(cls, data: bytes) -> DedupSignature:
        if data[: len(_MAGIC)] != _MAGIC:
            raise ValueError("not a dedup signature")
        fields = _HEADER.unpack_from(data, len(_MAGIC))
        version, num_perm, shingle_size, shingles, n_words, n_paragraphs, n_sentences, n_stems = fields
        if version != FORMAT_VERSION:
            raise ValueError(f"unsupported dedup signature version {version}")
        offset = len(_MAGIC) + _HEADER.size

        def take(dtype: str, count: int) -> np.ndarray:
            nonlocal offset
            array = np.frombuffer(data, dtype=dtype, count=count, offset=offset)
            offset += array.nbytes
            return array

        minhash = take("<u4", num_perm).astype(np.uint32)
        stem_minhash = take("<u4", num_perm).astype(np.uint32)
        paragraphs = take("<i8", n_paragraphs * 4).reshape(-1, 4).tolist()
        sentences = take("<i8", n_sentences * 3).reshape(-1, 3).tolist()
        lengths = take("<u4", n_sentences).tolist()
        flat = take("<u4", n_stems).tolist()
        bounds = [0, *itertools.accumulate(lengths)]
        return cls(
            minhash=minhash,
            stem_minhash=stem_minhash,
            shingles=shingles,
            words=n_words,
            shingle_size=shingle_size,
            paragraphs=[(p[0], p[1], p[2], p[3]) for p in paragraphs],
            sentences=[(x[0], x[1], x[2]) for x in sentences],
            sentence_stems=[flat[a:b] for a, b in itertools.pairwise(bounds)],
        )


@lru_cache(maxsize=8)
def permutations(num_perm: int) -> np.ndarray:
    return MinHash(num_perm=num_perm, seed=SEED, hashfunc=zlib.crc32).permutations


def sketch(items: set[bytes], num_perm: int) -> np.ndarray:
    """MinHash hash values of a set of byte strings (all-max when the set is empty)."""
    mh = MinHash(
        num_perm=num_perm, hashfunc=zlib.crc32, permutations=permutations(num_perm), scheme="affine32"
    )
    if items:
        mh.update_batch(items)
    return np.asarray(mh.hashvalues, dtype=np.uint32)


def shingle_set(text: str, shingle_size: int) -> set[bytes]:
    """Word k-shingles within each paragraph; a paragraph shorter than k is one shingle."""
    out: set[bytes] = set()
    for start, end in blocks(text):
        tokens = words(text[start:end])
        if not tokens:
            continue
        if len(tokens) <= shingle_size:
            out.add(" ".join(tokens).encode("utf-8", "surrogatepass"))
            continue
        for i in range(len(tokens) - shingle_size + 1):
            out.add(" ".join(tokens[i : i + shingle_size]).encode("utf-8", "surrogatepass"))
    return out


def text_hash(tokens: list[str]) -> int:
    digest = hashlib.blake2b(" ".join(tokens).encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1  # fits a signed 64-bit integer column


def signature(article: Article | str, *, num_perm: int = 128, shingle_size: int = 4) -> DedupSignature:
    """Sketch an article's clean text (titles are left out: copies often retitle)."""
    text = article if isinstance(article, str) else article.text
    shingle_size = max(1, shingle_size)
    shingles = shingle_set(text, shingle_size)
    paragraphs: list[tuple[int, int, int, int]] = []
    seen: set[int] = set()
    all_stems: set[str] = set()
    n_words = 0
    for start, end in blocks(text):
        tokens = words(text[start:end])
        n_words += len(tokens)
        all_stems.update(content_stems(tokens))
        if len(tokens) >= MIN_PARAGRAPH_WORDS:
            h = text_hash(tokens)
            if h not in seen:  # a body repeated twice in one page is one copy of each paragraph
                seen.add(h)
                paragraphs.append((h, start, end, len(tokens)))
    sentences: list[tuple[int, int, int]] = []
    sentence_stems: list[list[int]] = []
    for start, end in sentence_spans(text):
        tokens = words(text[start:end])
        stems = sorted({hash32(s) for s in content_stems(tokens)})
        if stems:
            sentences.append((start, end, text_hash(tokens) if len(tokens) >= MIN_SENTENCE_WORDS else 0))
            sentence_stems.append(stems)
    return DedupSignature(
        minhash=sketch(shingles, num_perm),
        stem_minhash=sketch({s.encode("utf-8", "surrogatepass") for s in all_stems}, num_perm),
        shingles=len(shingles),
        words=n_words,
        shingle_size=shingle_size,
        paragraphs=paragraphs,
        sentences=sentences,
        sentence_stems=sentence_stems,
    )

"""Scale benchmark for copy detection: CPU time per article at two corpus sizes, and their ratio.

Synthetic articles are drawn from a small Zipf-distributed vocabulary (plus real function
words), with planted copies (chrome added, a paragraph dropped, paragraphs swapped, typos).
Each article is sketched (``signature``) and added to one ``CopyIndex`` in a SQLite file; CPU time is reported
because wall time on a shared machine depends on the neighbours. Near-linear scaling shows as
a ratio close to 1. Run: ``python bench/bench_dedup.py``
(10k and 100k articles) or ``--quick`` (1k and 10k).
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsgraph.dedup import CopyIndex, signature  # noqa: E402
from newsgraph.dedup.text import STOPWORDS  # noqa: E402
from newsgraph.store.db import Store  # noqa: E402

COPY_SHARE = 0.1
CHROME = ["Advertisement", "Share this story", "Sign up for our daily newsletter to get the news first"]


def vocabulary(rng: random.Random, size: int = 20_000) -> list[str]:
    syllables = ["ka", "lo", "mi", "ren", "tas", "vo", "dri", "pel", "sun", "gor", "ith", "ban", "ul", "zer"]
    content = {"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(size)}
    return sorted(STOPWORDS) + sorted(content)


def article(rng: random.Random, vocab: list[str], cum_weights: list[float]) -> str:
    paragraphs = []
    for _ in range(rng.randint(4, 9)):
        sentences = []
        for _ in range(rng.randint(2, 3)):
            n = rng.randint(10, 22)
            sentences.append(" ".join(rng.choices(vocab, cum_weights=cum_weights, k=n)).capitalize() + ".")
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)


def perturb(rng: random.Random, text: str) -> str:
    paragraphs = text.split("\n\n")
    how = rng.choice(["chrome", "drop", "swap", "typo"])
    if how == "chrome":
        paragraphs = [rng.choice(CHROME), *paragraphs, rng.choice(CHROME)]
    elif how == "drop" and len(paragraphs) > 2:
        del paragraphs[rng.randrange(len(paragraphs))]
    elif how == "swap" and len(paragraphs) > 1:
        i = rng.randrange(len(paragraphs) - 1)
        paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]
    else:
        paragraphs = [" ".join(_typo(rng, word) for word in p.split(" ")) for p in paragraphs]
    return "\n\n".join(paragraphs)


def _typo(rng: random.Random, word: str) -> str:
    """Swap two letters in about 2% of the longer words."""
    if len(word) > 3 and rng.random() < 0.02:
        i = rng.randrange(len(word) - 1)
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word


def corpus(size: int, seed: int) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """Articles in arrival order, and each article's original (itself unless it is a planted copy)."""
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    cum_weights = list(itertools.accumulate(1.0 / (rank + 1) ** 1.05 for rank in range(len(vocab))))
    docs: list[tuple[str, str]] = []
    original: dict[str, str] = {}
    for i in range(size):
        doc_id = f"d{i:06d}"
        if docs and rng.random() < COPY_SHARE:
            source_id, source_text = rng.choice(docs)
            docs.append((doc_id, perturb(rng, source_text)))
            original[doc_id] = original[source_id]
            continue
        docs.append((doc_id, article(rng, vocab, cum_weights)))
        original[doc_id] = doc_id
    return docs, original


def run(size: int, seed: int = 1) -> float:
    docs, original = corpus(size, seed)
    planted = {
        frozenset(pair) for group in _groups(original).values() for pair in itertools.combinations(group, 2)
    }
    found: set[frozenset[str]] = set()
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        conn = store.conn
        index = CopyIndex(conn=conn)  # in a store's file, with its settings: memory stays flat
        start, cpu_start = time.perf_counter(), time.process_time()
        for i, (doc_id, text) in enumerate(docs):
            for pair in index.add(doc_id, signature(text, shingle_size=4)):
                if pair.kind == "copy":
                    found.add(frozenset((pair.a, pair.b)))
            if i % 256 == 255:
                conn.commit()
        conn.commit()
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    hits = len(found & planted)
    per_article_ms = 1000 * cpu / size
    print(
        f"{size:>7} articles: {elapsed:6.1f} s wall, {cpu:6.1f} s CPU, {per_article_ms:.3f} ms CPU/article; copy pairs: "
        f"planted {len(planted)}, found {len(found)}, precision {hits / max(len(found), 1):.3f}, "
        f"recall {hits / max(len(planted), 1):.3f}"
    )
    return per_article_ms


def _groups(original: dict[str, str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for doc_id, source in original.items():
        groups.setdefault(source, []).append(doc_id)
    return groups


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1k and 10k articles instead of 10k and 100k")
    args = parser.parse_args()
    small, large = (1_000, 10_000) if args.quick else (10_000, 100_000)
    t_small = run(small)
    t_large = run(large)
    print(f"CPU time per article, {large} vs {small}: ratio {t_large / t_small:.2f} (1.0 = linear scaling)")


if __name__ == "__main__":
    main()

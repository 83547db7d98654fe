"""Pipeline benchmark: Newsgraph's cost on top of the spaCy pass, from one run.

    python bench/bench_pipeline.py [--articles 1000] [--processes 2] [--memory 2000,20000]

Builds a synthetic corpus by recombining sentences of the bundled demo corpus (our own
writing, with words swapped so unrelated articles do not share sentences, and one article in
ten a copy of another), then on the same texts measures bare ``nlp.pipe`` throughput, each stage's
throughput, full ``ingest`` throughput and their ratios; optionally the speed-up of
several worker processes and peak memory at two corpus sizes (streaming means the
larger run should need about the same memory). Prints ratios, never asserts.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

from newsgraph.actors import find_mentions
from newsgraph.config import load_config
from newsgraph.events import code_events
from newsgraph.nlp import load_model
from newsgraph.pipeline import clean_inputs, clean_one
from newsgraph.quotes import extract_quotes
from newsgraph.records import Article, RawDocument


def demo_sentences() -> list[str]:
    config = load_config()
    with resources.as_file(resources.files("newsgraph").joinpath("data/demo")) as folder:
        inputs = [str(p) for p in folder.iterdir() if p.suffix in (".txt", ".html", ".jsonl")]
        articles = [a for a in clean_inputs(inputs, config) if isinstance(a, Article)]
    sentences = []
    for article in articles:
        for para in article.paragraphs:
            sentences += [s.strip().rstrip(".") + "." for s in para.split(". ") if len(s.split()) > 4]
    return sentences


_WORD = re.compile(r"[^\W\d_]+|\d+")
# Share of words replaced in every sentence reused: enough that two articles never share a
# verbatim run of six words by chance (real reports of different events do not), while the
# text keeps the length, shape and vocabulary of news for the parser and the tagger.
MUTATE = 0.3
# Share of articles that are copies of an earlier one (syndication), with a paragraph dropped.
COPIES = 0.1


def _mutate(sentence: str, pools: dict[str, list[str]], rng: random.Random) -> str:
    """Replace some words by random words of the same shape (capitalised, lower case, number)."""

    def swap(match: re.Match[str]) -> str:
        word = match.group()
        if rng.random() >= MUTATE:
            return word
        shape = "number" if word.isdigit() else "name" if word[0].isupper() else "word"
        return rng.choice(pools[shape])

    return _WORD.sub(swap, sentence)


def synthetic_corpus(n: int, path: Path, seed: int = 7) -> None:
    """JSONL of ``n`` articles of 4-6 paragraphs, each of 2-4 demo sentences with some words
    replaced; about one in ten is a copy of an earlier article."""
    rng = random.Random(seed)
    sentences = demo_sentences()
    found = [w for s in sentences for w in _WORD.findall(s)]
    pools = {
        "number": [w for w in found if w.isdigit()],
        "name": [w for w in found if w[0].isupper()],
        "word": [w for w in found if w.islower()],
    }
    outlets = ["Harbour Times", "Daily Ledger", "Wire Service", "Evening Post"]
    written: list[dict[str, str]] = []
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            if written and rng.random() < COPIES:
                original = rng.choice(written)
                paras = original["text"].split("\n\n")
                del paras[rng.randrange(len(paras))]
                rec = {**original, "text": "\n\n".join(paras)}
            else:
                paras = [
                    " ".join(_mutate(s, pools, rng) for s in rng.sample(sentences, rng.randint(2, 4)))
                    for _ in range(rng.randint(4, 6))
                ]
                rec = {
                    "title": _mutate(rng.choice(sentences), pools, rng)[:80],
                    "text": "\n\n".join(paras),
                    "published": f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                }
                written.append(rec)
            rec = {**rec, "id": f"syn-{i:06d}", "outlet": rng.choice(outlets)}
            fh.write(json.dumps(rec) + "\n")


def rate(n: int, seconds: float) -> float:
    return n / seconds if seconds > 0 else float("inf")


def measure(corpus: Path, processes: int) -> dict[str, float]:
    config = load_config()
    raws = [
        RawDocument(
            id=r["id"],
            source=str(corpus),
            content=r["text"],
            title=r["title"],
            published=r["published"],
            outlet=r["outlet"],
        )
        for r in map(json.loads, corpus.open(encoding="utf-8"))
    ]
    n = len(raws)
    nlp = load_model(config.nlp.model)
    list(nlp.pipe(["warm up the model."]))

    t = time.perf_counter()
    articles = [a for a in map(clean_one, raws) if isinstance(a, Article)]
    clean_s = time.perf_counter() - t

    t = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=config.nlp.batch_size))
    bare_s = time.perf_counter() - t

    t = time.perf_counter()
    mentions = [find_mentions(d) for d in docs]
    actors_s = time.perf_counter() - t
    t = time.perf_counter()
    quotes = [extract_quotes(d, m) for d, m in zip(docs, mentions, strict=True)]
    quotes_s = time.perf_counter() - t
    t = time.perf_counter()
    for d, m, q, a in zip(docs, mentions, quotes, articles, strict=True):
        code_events(d, m, q, a)
    events_s = time.perf_counter() - t

    out = {"articles": n, "bare_nlp_pipe_per_s": rate(n, bare_s)}
    for name, secs in (("clean", clean_s), ("actors", actors_s), ("quotes", quotes_s), ("events", events_s)):
        # Throughput of bare nlp.pipe plus this stage, as a fraction of bare nlp.pipe alone.
        out[f"ratio_with_{name}"] = bare_s / (bare_s + secs)

    for procs in sorted({1, processes}):
        seconds, _ = fresh_ingest(corpus, procs)
        out[f"ingest_{procs}p_per_s"] = rate(n, seconds)
    out["ratio_ingest_to_bare"] = out["ingest_1p_per_s"] / out["bare_nlp_pipe_per_s"]
    if processes > 1:
        out[f"speedup_{processes}p_vs_1p"] = out[f"ingest_{processes}p_per_s"] / out["ingest_1p_per_s"]
    return out


def fresh_ingest(corpus: Path, processes: int = 1) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of a fresh process ingesting ``corpus`` into a new store, as
    ``newsgraph ingest`` would: loading the model or starting workers counts."""
    code = (
        "import resource,sys,tempfile,pathlib,time\n"
        "t=time.perf_counter()\n"
        "from newsgraph.config import load_config\nfrom newsgraph.pipeline import ingest\n"
        "from newsgraph.store.db import Store\n"
        "with tempfile.TemporaryDirectory() as d, Store(pathlib.Path(d)/'bench.db') as s:\n"
        "    ingest([sys.argv[1]], s, load_config(), processes=int(sys.argv[2]))\n"
        "peak=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        # ru_maxrss keeps the parent's peak across fork and exec on Linux; VmHWM is this process's.
        "status=pathlib.Path('/proc/self/status')\n"
        "if status.exists():\n"
        "    peak=next(int(l.split()[1]) for l in status.read_text().splitlines() if l.startswith('VmHWM'))\n"
        "print(time.perf_counter()-t, peak)\n"
    )
    res = subprocess.run(
        [sys.executable, "-c", code, str(corpus), str(processes)], capture_output=True, text=True, check=True
    )
    seconds, rss_kb = res.stdout.strip().splitlines()[-1].split()
    return float(seconds), int(rss_kb) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--memory", default="", help="two corpus sizes, e.g. 2000,20000 (slow)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        synthetic_corpus(args.articles, corpus)
        results = measure(corpus, args.processes)
        if args.memory:
            small, large = (int(x) for x in args.memory.split(","))
            for size in (small, large):
                synthetic_corpus(size, Path(tmp) / f"m{size}.jsonl")
                results[f"peak_rss_mb_{size}"] = fresh_ingest(Path(tmp) / f"m{size}.jsonl")[1]
            results[f"memory_ratio_{large}_vs_{small}"] = (
                results[f"peak_rss_mb_{large}"] / results[f"peak_rss_mb_{small}"]
            )
    results["bench_process_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for key, value in results.items():
        print(f"{key:32s} {value:10.3f}" if isinstance(value, float) else f"{key:32s} {value:10d}")


if __name__ == "__main__":
    main()

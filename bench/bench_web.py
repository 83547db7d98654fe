"""Web page speed on a big synthetic database: cold and warm p50/p95 per URL, from one run.

    python bench/bench_web.py [--articles 100000] [--db PATH] [--repeats 10]

Builds (once, or reuses ``--db``) a database of synthetic extractions written through the
real ``Store``, then requests every page and API route in-process. Prints latencies; never
asserts. CPU p95 is the steadier figure on a busy machine.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import warnings
from pathlib import Path

from fastapi.testclient import TestClient

from newsgraph.records import Article, Event, Extraction, Mention, OffsetMap, Quote
from newsgraph.store.db import Store
from newsgraph.web import create_app

rng = random.Random(7)
WORDS = ["ministry", "talks", "border", "trade", "sanctions", "summit", "missile", "defence", "alliance", "treaty", "election", "parliament", "protest", "economy", "energy", "pipeline", "grain", "port", "harbour", "navy", "exercise", "drill", "envoy", "statement", "court", "budget", "inflation", "rates", "strike", "union", "farmers", "fishing", "quota", "climate", "drought", "aid", "loan", "vaccine"]
COUNTRIES = ["RUS", "USA", "JPN", "CHN", "KOR", "PRK", "DEU", "FRA", "GBR", "IND", "BRA", "ZAF", "TUR", "IRN",
             "UKR", "POL", "ITA", "ESP", "MEX", "CAN", "AUS", "IDN", "EGY", "NGA", "KEN", "ARG", "CHL", "PER",
             "NATO", "EU", "UN", "ASEAN"]
TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
OUTLETS = [f"Outlet {i}" for i in range(60)]
PEOPLE = [(f"person:p{i}", f"Person Number{i}", rng.choice(COUNTRIES)) for i in range(3000)]


def sentence() -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 22))).capitalize() + "."


def extraction(i: int) -> Extraction:
    sents = [sentence() for _ in range(rng.randint(10, 18))]
    text = " ".join(sents)
    y = rng.randint(2015, 2024)
    published = None if rng.random() < 0.05 else f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    offs = OffsetMap()
    offs.add(0, 0, len(text))
    art = Article(id=f"syn-{i:06d}", source=f"/syn/{i}.txt", text=text, raw=text, title=sents[0][:80],
                  outlet=rng.choice(OUTLETS), published=published, offsets=offs, hash=f"h{i}")
    bounds, pos = [], 0
    for s in sents:
        bounds.append((pos, pos + len(s)))
        pos += len(s) + 1
    mentions = []
    for _ in range(15):
        s0, s1 = rng.choice(bounds)
        st = rng.randint(s0, max(s0, s1 - 12))
        if rng.random() < 0.5:
            aid, name, c = rng.choice(PEOPLE[:300]) if rng.random() < 0.7 else rng.choice(PEOPLE)
            kind = "person"
        else:
            c = rng.choice(COUNTRIES)
            aid, name, kind = f"country:{c}", f"Country {c}", "country"
        mentions.append(Mention(st, st + 8, text[st:st + 8], aid, name, kind, c, None, s0, s1))
    quotes = []
    for _ in range(3):
        s0, s1 = rng.choice(bounds)
        sp = rng.choice(PEOPLE[:500])
        quotes.append(Quote(s0 + 1, s1 - 1, text[s0 + 1:s1 - 1], rng.choice(["direct", "partial", "indirect"]),
                            "said", sp[1], None, None, sp[1], sp[0], sp[2], s0, s1))
    events = []
    for _ in range(5):
        s0, s1 = rng.choice(bounds)
        t = rng.choice(TYPES)
        events.append(Event(t, [rng.choice(COUNTRIES[:12])], [rng.choice(COUNTRIES)], s0, s1,
                            intensity=round(rng.uniform(-10, 10), 1), date=published))
    return Extraction(art, mentions, quotes, events)




def build(path: Path, n: int) -> None:
    with Store(path) as store:
        t0 = time.time()
        for b in range(0, n, 1000):
            store.write_batch([extraction(i) for i in range(b, min(n, b + 1000))], "synthetic")
            if b % 10000 == 0:
                print(f"built {b} articles in {time.time() - t0:.0f} s", flush=True)
        store.conn.execute("ANALYZE")


URLS = [
    "/", "/search", "/search?q=sanctions", "/search?q=sanctions+summit&outlet=Outlet+3",
    "/search?actor=country:RUS", "/search?actor=person:p7&since=2020", "/search?event_type=AID",
    "/search?speaker_id=person:p7", "/search?speaker=Person+Number7", "/search?page=40",
    "/article/syn-050000", "/actors", "/actors?name=number1", "/actor/country:RUS", "/actor/person:p7",
    "/actor/person:p2999", "/quotes", "/quotes?about=country:RUS", "/quotes?speaker=number7", "/quotes?type=direct&outlet=Outlet+3",
    "/quotes?page=100", "/events", "/events?actor=country:USA&role=target", "/events?source=RUS&target=USA",
    "/relations", "/relations?since=2020&until=2020", "/relations?source=RUS&target=USA&both=1",
    "/stories",
    "/api/overview", "/api/articles?q=drought&facets=true", "/api/quotes?limit=200", "/api/events?event_type=COERCE",
    "/api/network?since=2019-06", "/api/quotes?speaker_id=person:p7&format=csv&limit=50000",
]


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))]


def measure(db: Path, repeats: int) -> None:
    warnings.simplefilter("ignore")
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    all_warm: list[float] = []
    all_cpu: list[float] = []
    colds: list[float] = []
    print(f"{'url':62s} {'cold':>8s} {'p50':>7s} {'p95':>7s} {'cpu95':>7s}")
    for url in URLS:
        t = time.perf_counter()
        response = client.get(url)
        cold = (time.perf_counter() - t) * 1000
        if response.status_code != 200:
            print(f"{url}: HTTP {response.status_code}")
            continue
        warm, cpu = [], []
        for _ in range(repeats):
            t, c = time.perf_counter(), time.process_time()
            client.get(url)
            warm.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        all_warm += warm
        all_cpu += cpu
        colds.append(cold)
        print(f"{url[:62]:62s} {cold:8.1f} {statistics.median(warm):7.1f} {p95(warm):7.1f} {p95(cpu):7.1f}")
    print(f"all requests: warm p95 {p95(all_warm):.1f} ms, CPU p95 {p95(all_cpu):.1f} ms; "
          f"cold p95 {p95(colds):.1f} ms, cold max {max(colds):.1f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--db", type=Path, help="reuse (or create) this database")
    ap.add_argument("--repeats", type=int, default=10)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "web-bench.db"
        if not db.exists():
            build(db, args.articles)
        measure(db, args.repeats)


if __name__ == "__main__":
    main()

"""Quality gate: the seed articles through ``clean_document``, judged by the shared scorer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.clean import clean_document
from newsgraph.records import RawDocument

SHARED = Path(__file__).resolve().parents[2] / "shared"
FIELDS = ("id", "source", "title", "subtitle", "outlet", "byline", "dateline", "published", "text", "removed")


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    seeds, gold, scorer = (
        SHARED / "seeds",
        SHARED / "gold" / "seeds.jsonl",
        SHARED / "eval" / "score_clean.py",
    )
    if not (seeds.is_dir() and gold.is_file() and scorer.is_file()):
        pytest.skip(f"shared seeds, gold or scorer not found under {SHARED}")
    pred = tmp_path_factory.mktemp("clean") / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as out:
        for path in sorted(seeds.glob("*.txt")):
            raw = RawDocument(id=path.name, source=str(path), content=path.read_text(encoding="utf-8"))
            article = clean_document(raw)
            out.write(json.dumps({k: getattr(article, k) for k in FIELDS}, ensure_ascii=False) + "\n")
    run = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(pred)], capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(run.stdout)
    return result


@pytest.mark.parametrize(
    "check", ["chrome", "body", "paragraphs", "title", "outlet", "published", "dateline"]
)
def test_seed_check_is_perfect(scores: dict[str, object], check: str) -> None:
    hit, total = str(scores[check]).split("/")
    assert int(total) > 0
    assert hit == total, scores["failures"]

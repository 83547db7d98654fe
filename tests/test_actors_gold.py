"""Quality gate: actor coding on the public NGEC-style gold (../shared/gold/actors_dev.jsonl).

Scored are the records that state a country ("country", "country !=") or that expect no actor at all;
an empty expected country means "no country". Run this file directly to print the figures and the misses:

    PYTHONPATH=src .venv/bin/python tests/test_actors_gold.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from newsgraph.actors import code_text

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "actors_dev.jsonl"
COUNTRY_ACCURACY_FLOOR = 0.90


def _date(record: dict[str, Any]) -> str | None:
    date = record.get("date") or ""
    return date if date[:1].isdigit() else None


def _country_expected(expect: dict[str, Any]) -> bool:
    return "country" in expect or "country !=" in expect or any(
        key in expect and expect[key] is None for key in ("result is", "result"))


def _country_ok(expect: dict[str, Any], got: str | None) -> bool:
    if "country" in expect:
        return got == (expect["country"] or None)
    if "country !=" in expect:
        return got != expect["country !="]
    return got is None


def evaluate(path: Path = GOLD) -> dict[str, Any]:
    """Country accuracy (the gate) and first-sector accuracy, with the missed records."""
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    scored = correct = sector_scored = sector_correct = 0
    misses: list[str] = []
    for rec in records:
        expect = rec["expect"]
        code = code_text(rec["input"], rec.get("context") or None, _date(rec))
        got = code.country if code else None
        if _country_expected(expect):
            scored += 1
            if _country_ok(expect, got):
                correct += 1
            else:
                misses.append(f"{rec['input']!r}: expected {expect.get('country', expect)!r}, got {got!r}")
        if expect.get("code_1"):
            sector_scored += 1
            sector_correct += bool(code and code.sector == expect["code_1"])
    return {"scored": scored, "country_accuracy": correct / scored if scored else 0.0,
            "sector_scored": sector_scored, "sector_accuracy": sector_correct / sector_scored if sector_scored else 0.0,
            "misses": misses}


def test_country_accuracy_on_actor_gold() -> None:
    if not GOLD.is_file():
        pytest.skip(f"shared gold not found at {GOLD}")
    result = evaluate()
    assert result["scored"] > 100
    assert result["country_accuracy"] >= COUNTRY_ACCURACY_FLOOR, "\n".join(result["misses"])


if __name__ == "__main__":
    if not GOLD.is_file():
        sys.exit(f"shared gold not found at {GOLD}")
    figures = evaluate()
    print(f"country accuracy {figures['country_accuracy']:.3f} over {figures['scored']} records; "
          f"first-sector accuracy {figures['sector_accuracy']:.3f} over {figures['sector_scored']}")
    for miss in figures["misses"]:
        print("  miss:", miss)

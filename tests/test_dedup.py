"""Copies, partial copies and rewrites: behaviours on articles we wrote, and P/R on perturbed copies."""

from __future__ import annotations

import itertools
import json
import random
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from newsgraph.dedup import CopyGroups, CopyIndex, DedupSignature, diff, signature
from newsgraph.dedup.spin import is_spun

DATA = Path(__file__).parent / "data" / "stories"

SIG = {"shingle_size": 4}

HARBOUR = """The port authority of Valparaiso said on Tuesday that a fire aboard the cargo ship Santa Lucia had been brought under control after burning for nineteen hours.

Firefighters from three coastal towns pumped seawater into the forward hold, where bales of cotton had ignited shortly after the vessel docked on Monday evening.

Two crew members were treated for smoke inhalation at a local hospital and released, harbour master Ines Carrasco told reporters at the quay.

The cause of the fire is under investigation. Loading at the neighbouring berths resumed at noon, and officials expect normal traffic by the weekend."""

COMMENTARY = """Our columnist argues that Chile's ports need far stricter inspections of flammable cargo before another disaster strikes the coast.

Every winter the same warnings are repeated in parliament, and every winter the budget for inspectors is cut again by the finance ministry.

Firefighters from three coastal towns pumped seawater into the forward hold, where bales of cotton had ignited shortly after the vessel docked on Monday evening.

Two crew members were treated for smoke inhalation at a local hospital and released, harbour master Ines Carrasco told reporters at the quay.

Unions have asked for a meeting with the transport minister next month, and shipping companies say they are ready to share the cost of new equipment."""


def load(name: str) -> list[dict[str, str]]:
    return [json.loads(line) for line in (DATA / f"{name}.jsonl").read_text("utf-8").splitlines()]


def typos(text: str, rng: random.Random, rate: float) -> str:
    out = []
    for word in text.split(" "):
        if len(word) > 3 and rng.random() < rate:
            i = rng.randrange(len(word) - 1)
            word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        out.append(word)
    return " ".join(out)


def perturb(text: str, how: str, rng: random.Random) -> str:
    paragraphs = text.split("\n\n")
    if how == "chrome":
        return "Advertisement\n\n" + text + "\n\nShare this article\n\nSign up for our morning briefing"
    if how == "drop":
        del paragraphs[rng.randrange(len(paragraphs))]
    elif how == "swap":
        i = rng.randrange(len(paragraphs) - 1)
        paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]
    elif how == "typo":
        paragraphs = [typos(p, rng, 0.03) for p in paragraphs]
    return "\n\n".join(paragraphs)


def pairs_of(texts: dict[str, str], published: dict[str, str | None] | None = None) -> list:
    index = CopyIndex()
    found = []
    for doc_id, text in texts.items():
        found += index.add(doc_id, signature(text, **SIG), (published or {}).get(doc_id))
    return found


@pytest.mark.parametrize("how", ["exact", "chrome", "drop", "swap", "typo"])
def test_perturbed_copy_is_a_copy(how: str) -> None:
    rng = random.Random(3)
    copy = HARBOUR if how == "exact" else perturb(HARBOUR, how, rng)
    found = pairs_of({"original": HARBOUR, "copy": copy}, {"original": "2020-03-01", "copy": "2020-03-02"})
    assert [(p.a, p.b, p.kind) for p in found] == [("original", "copy", "copy")]
    assert found[0].similarity >= (0.99 if how in ("exact", "swap") else 0.6)


def test_partial_copy_is_partial_not_copy() -> None:
    found = pairs_of({"report": HARBOUR, "column": COMMENTARY})
    assert [(p.kind, p.shared_paragraphs) for p in found] == [("partial", 2)]


def test_rewrite_is_flagged_with_aligned_sentences() -> None:
    events = {r["id"]: r for r in load("events")}
    for a, b, _ in (line.split("\t") for line in (DATA / "rewrites_pairs.tsv").read_text().splitlines()):
        rewrite = next(r for r in load("rewrites") if r["id"] == b)
        found = pairs_of({a: events[a]["text"], b: rewrite["text"]})
        assert [p.kind for p in found] == ["rewrite"], (a, b)
        evidence = found[0].evidence
        assert len(evidence) >= 3
        for e in evidence:  # offsets point at real sentences of each text
            assert events[a]["text"][e.a_start : e.a_end].strip()
            assert rewrite["text"][e.b_start : e.b_end].strip()


def test_independent_reports_are_never_copies_or_rewrites() -> None:
    """Three outlets per event, written independently: shared facts and names, not sentences."""
    found = pairs_of({r["id"]: r["text"] for r in load("events")})
    assert found == []


def test_copy_precision_recall_on_perturbed_corpus() -> None:
    rng = random.Random(11)
    texts: dict[str, str] = {}
    for record in load("events") + load("rewrites"):
        texts[record["id"]] = record["text"]
    for record in load("events"):
        for how in ("chrome", "drop", "swap", "typo"):
            if rng.random() < 0.4:
                texts[f"{record['id']}~{how}"] = perturb(record["text"], how, rng)
    order = list(texts)
    rng.shuffle(order)
    found = pairs_of({k: texts[k] for k in order})
    predicted = {frozenset((p.a, p.b)) for p in found if p.kind == "copy"}
    family: dict[str, list[str]] = {}
    for doc_id in texts:
        family.setdefault(doc_id.split("~")[0], []).append(doc_id)
    gold = {frozenset(pair) for members in family.values() for pair in itertools.combinations(members, 2)}
    hits = len(predicted & gold)
    # Measured 1.00 / 0.99 (two copies that each dropped a different paragraph of a three-paragraph
    # text share too little to pair directly; their copy group still joins them).
    assert hits / len(predicted) >= 0.97
    assert hits / len(gold) >= 0.95


def test_shared_chrome_does_not_pair_unrelated_articles() -> None:
    chrome = (
        "\n\nSign up for our free weekly newsletter about the economy and the markets\n\nShare this article"
    )
    events = load("events")[:6]
    found = pairs_of({r["id"]: r["text"] + chrome for r in events})
    assert found == []


def test_copy_groups_pick_earliest_dated_member_as_canonical() -> None:
    texts = {
        "late": HARBOUR,
        "early": HARBOUR + "\n\nAdvertisement",
        "undated": "Advertisement\n\n" + HARBOUR,
    }
    published = {"late": "2020-05-04", "early": "2020-05-02", "undated": None}
    index = CopyIndex()
    for doc_id, text in texts.items():
        for pair in index.add(doc_id, signature(text, **SIG), published[doc_id]):
            assert published[pair.a] is not None and pair.a <= pair.b or pair.b == "undated"
    assert index.groups.groups() == {"early": ["early", "late", "undated"]}
    assert index.groups.canonical("undated") == "early"


def test_canonical_ties_break_by_id() -> None:
    groups = CopyGroups()
    for doc_id in ("b", "a", "c"):
        groups.add(doc_id, "2021-01-01")
    groups.union("b", "c")
    groups.union("c", "a")
    assert groups.groups() == {"a": ["a", "b", "c"]}


def test_signature_round_trips_and_reopened_index_finds_the_same_pairs(tmp_path: Path) -> None:
    records = load("events")[:9]
    sigs = {r["id"]: DedupSignature.from_bytes(signature(r["text"], **SIG).to_bytes()) for r in records}
    assert sigs[records[0]["id"]].to_bytes() == signature(records[0]["text"], **SIG).to_bytes()
    copy = perturb(records[4]["text"], "typo", random.Random(5))
    live = CopyIndex()
    for r in records:
        live.add(r["id"], signature(r["text"], **SIG), r["published"])
    with closing(sqlite3.connect(tmp_path / "index.db")) as conn:  # indexed in one session...
        for r in records:
            CopyIndex(conn=conn).add(r["id"], sigs[r["id"]], r["published"])
        conn.commit()
    with closing(sqlite3.connect(tmp_path / "index.db")) as conn:  # ...and continued in the next
        reopened = CopyIndex(conn=conn)
        assert len(reopened) == len(records) and records[0]["id"] in reopened
        for index in (live, reopened):
            assert [(p.a, p.kind) for p in index.add("copy", signature(copy, **SIG))] == [(records[4]["id"], "copy")]


@pytest.mark.parametrize("text", ["", "   \n\n  ", "!!! ... ???", "Short.", "\u00a0\u200b"])
def test_degenerate_texts_never_raise_and_pair_with_nothing(text: str) -> None:
    found = pairs_of({"a": text, "b": text, "c": HARBOUR})
    assert all(p.kind == "copy" for p in found if {p.a, p.b} == {"a", "b"})
    assert not [p for p in found if "c" in (p.a, p.b)]


def test_mismatched_permutations_are_refused() -> None:
    with pytest.raises(ValueError, match="num_perm"):
        CopyIndex(num_perm=64).add("x", signature(HARBOUR, num_perm=128))


def test_diff_reports_typos_moves_and_drops() -> None:
    paragraphs = HARBOUR.split("\n\n")
    edited = "\n\n".join([paragraphs[1], paragraphs[0], paragraphs[2].replace("hospital", "hsopital")])
    chunks = diff(HARBOUR, edited)
    ops = sorted(c.op for c in chunks)
    assert ops == ["delete", "move", "replace"]
    replace = next(c for c in chunks if c.op == "replace")
    assert replace.changes == [("hospital", "hsopital")]
    delete = next(c for c in chunks if c.op == "delete")
    assert HARBOUR[delete.a_start : delete.a_end] == paragraphs[3]
    assert diff(HARBOUR, HARBOUR.upper()) == []


SYNONYMS = {
    "pumped": "poured",
    "ignited": "caught fire",
    "shortly": "soon",
    "treated": "cared for",
    "released": "discharged",
    "told": "informed",
    "investigation": "inquiry",
    "resumed": "restarted",
    "expect": "anticipate",
    "normal": "regular",
}


def spin(text: str) -> str:
    """A content farm's rewrite: the same sentences with words swapped for synonyms."""
    for word, synonym in SYNONYMS.items():
        text = text.replace(word, synonym)
    return text


def test_synonym_spun_copy_is_a_rewrite_but_typos_and_copy_edits_stay_copies() -> None:
    rng = random.Random(11)
    variants = {
        "spun": spin(HARBOUR),
        "typos": perturb(HARBOUR, "typo", rng),
        "edited": HARBOUR.replace("Monday", "Monday,").replace("local", "nearby"),
    }
    assert is_spun(HARBOUR, variants["spun"])
    assert not is_spun(HARBOUR, variants["typos"]) and not is_spun(HARBOUR, variants["edited"])
    texts = {"original": HARBOUR, **variants}
    for name, text in variants.items():
        index = CopyIndex(text_of=texts.get)
        index.add("original", signature(HARBOUR, **SIG), "2020-03-01")
        kinds = [p.kind for p in index.add(name, signature(text, **SIG), "2020-03-02")]
        assert kinds == (["rewrite"] if name == "spun" else ["copy"]), (name, kinds)
    # Without the texts the index cannot tell, and keeps calling the spun version a copy.
    blind = CopyIndex()
    blind.add("original", signature(HARBOUR, **SIG))
    assert [p.kind for p in blind.add("spun", signature(variants["spun"], **SIG))] == ["copy"]

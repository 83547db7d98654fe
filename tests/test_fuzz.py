"""Property tests over the whole per-article pipeline: hostile text never breaks it.

Random Unicode, quote marks, markup and whitespace go through cleaning, the spaCy pass,
actors, quotes and events: no exception, every offset inside its text, every span's text
equal to the slice it claims, and the ``extract`` JSON always serialisable.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.clean import clean_document
from newsgraph.config import load_config
from newsgraph.nlp import ModelError
from newsgraph.pipeline import Extractor
from newsgraph.records import RawDocument
from newsgraph.serialize import extraction_json

PIECES = st.sampled_from([
    '"', "“", "”", "‘", "’", "«", "»", "'", "\n", "\n\n", "  ", "\t", "<p>", "</p>", "<script>alert(1)</script>",
    "<div class='x'>", "&amp;", "&#x27;", " said ", " told reporters ", " according to ", "He ", "The minister ",
    "Russia ", "accused ", "the United States ", "Lavrov", ". ", ", ", "\x00", "\u200b", "\ufeff", "A A A",
    "RELATED STORIES", "Share this", "(esn)", "NAGOYA - ", "on Saturday", "12 November, 2024",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=60).map("".join)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    ex = Extractor(load_config())
    try:
        ex.nlp  # noqa: B018 - load once, skip cleanly without the model
    except ModelError as exc:
        pytest.skip(str(exc))
    return ex


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS, kind=st.sampled_from(["text", "html"]))
def test_pipeline_survives_hostile_text(extractor: Extractor, text: str, kind: str) -> None:
    article = clean_document(RawDocument(id="fuzz", source="fuzz.txt", content=text, kind=kind))  # type: ignore[arg-type]
    assert all(0 <= s.start <= s.end <= len(article.text) for s in article.date_mentions)
    [ex] = list(extractor.extract([article]))
    body = article.text
    for q in ex.quotes:
        assert 0 <= q.start <= q.end <= len(body) and body[q.start:q.end] == q.text
    for m in ex.mentions:
        assert 0 <= m.start <= m.end <= len(body) and body[m.start:m.end] == m.text
    for e in ex.events:
        assert 0 <= e.evidence_start <= e.evidence_end <= len(body)
    record = json.loads(json.dumps(extraction_json(ex)))
    if article.raw_kind == "text":
        for q in record["quotes"]:
            assert article.raw[q["quote_start"]:q["quote_end"]] == q["quote"]

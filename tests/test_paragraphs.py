"""Paragraph-wise parsing: the joined ``Doc`` is the text's, whatever was cached, and each
distinct paragraph is parsed once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.nlp import ParagraphParser, paragraphs
from newsgraph.nlp.paragraphs import _ATTRS
from test_nlp import VARIED, demo_texts
from test_quotes import nlp

TEXT = st.lists(st.sampled_from(list("ab .,“”\n\t-'") + ["\n\n", "Mr. ", "Ana Ruiz ", "said "]), max_size=40).map("".join)


class CountingModel:
    """The model, counting the texts it is asked to parse."""

    def __init__(self, model: Language) -> None:
        self.model: Language = model
        self.parsed: list[str] = []

    def pipe(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
        texts = list(texts)
        self.parsed += texts
        return self.model.pipe(texts, batch_size=batch_size)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.model, name)


def parse_all(parser: ParagraphParser, texts: list[str]) -> list[Doc]:
    return [doc for doc, _ in parser.pipe((t, None) for t in texts)]


def same_parse(a: Doc, b: Doc) -> bool:
    return [t.text_with_ws for t in a] == [t.text_with_ws for t in b] and numpy.array_equal(
        a.to_array(_ATTRS), b.to_array(_ATTRS)
    ) and [(e.start, e.end, e.label_) for e in a.ents] == [(e.start, e.end, e.label_) for e in b.ents]


@given(TEXT)
def test_paragraphs_keep_every_character(text: str) -> None:
    pieces = paragraphs(text)
    assert "".join(pieces) == text
    assert all(not p[:1].isspace() for p in pieces[1:])


@settings(max_examples=40, deadline=None)
@given(TEXT)
def test_joined_doc_has_the_texts_tokens(text: str) -> None:
    doc = parse_all(ParagraphParser(nlp(), capacity=0), [text])[0]
    assert doc.text == text
    assert [t.text_with_ws for t in doc] == [t.text_with_ws for t in nlp().make_doc(text)]


def test_a_cached_paragraph_gives_the_parse_of_a_fresh_one() -> None:
    articles = demo_texts() + VARIED
    fresh = parse_all(ParagraphParser(nlp(), batch_size=3, capacity=0), articles)
    # Copies in another order and batching, with a paragraph dropped or repeated, fill the cache first.
    shuffled = [
        "".join(paragraphs(text)[1:] if i % 2 else paragraphs(text) * 2) for i, text in enumerate(reversed(articles))
    ]
    warm = ParagraphParser(nlp(), batch_size=5, capacity=10_000)
    parse_all(warm, shuffled)
    assert all(same_parse(a, b) for a, b in zip(fresh, parse_all(warm, articles), strict=True))


def test_the_joined_doc_is_close_to_a_parse_of_the_whole_text() -> None:
    articles = demo_texts()
    agree = total = 0
    for doc, text in zip(parse_all(ParagraphParser(nlp()), articles), articles, strict=True):
        whole = nlp()(text)
        total += len(whole)
        agree += sum(
            (a.tag_, a.dep_, a.head.i, a.ent_iob_, a.ent_type_) == (b.tag_, b.dep_, b.head.i, b.ent_iob_, b.ent_type_)
            for a, b in zip(doc, whole, strict=True)
        )
        assert list(doc.sents)
    assert agree / total > 0.97


def test_each_paragraph_is_parsed_once_while_cached() -> None:
    lead, body, close = "Talks resumed in Oslo on Monday.\n\n", "Delegates met for six hours.\n\n", "No deal was signed."
    model = CountingModel(nlp())
    parser = ParagraphParser(model, capacity=10)  # type: ignore[arg-type]
    parse_all(parser, [lead + body + close, lead + body + close, lead + body])
    assert len(model.parsed) == 3  # the copy and the shortened copy were not parsed again
    parse_all(parser, [body + close])  # the body behind no words is new, the close behind the same is not
    assert len(model.parsed) == 4
    parse_all(parser, [body + lead])  # the lead behind other words is new
    assert len(model.parsed) == 5


def test_the_cache_keeps_only_its_capacity() -> None:
    texts = [f"Paragraph number {n} stands alone." for n in range(4)]
    model = CountingModel(nlp())
    parser = ParagraphParser(model, capacity=2)  # type: ignore[arg-type]
    parse_all(parser, texts)
    parse_all(parser, texts[-2:])
    assert len(model.parsed) == 4
    parse_all(parser, texts[:1])
    assert len(model.parsed) == 5

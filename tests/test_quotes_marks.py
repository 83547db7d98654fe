"""Pairing quote marks: styles, apostrophes, nesting, unbalanced and multi-paragraph quotes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.quotes.marks import find_quoted_spans


def contents(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quoted_spans(text)]


def test_mixed_straight_and_curly_marks_pair_by_family() -> None:
    text = '"Harvests are down a third," the co-op chair said. \u201cWe need rain.\u201d'
    assert contents(text) == ["Harvests are down a third,", "We need rain."]


def test_british_single_quotes_survive_apostrophes_inside_and_around() -> None:
    text = "\u2018We won\u2019t sell,\u2019 the owner said of the fans\u2019 protest. \u2018Never.\u2019"
    assert contents(text) == ["We won\u2019t sell,", "Never."]


def test_plural_possessive_is_not_taken_for_a_closing_mark() -> None:
    text = "The nurses\u2019 union called the offer \u201cderisory\u201d on Monday."
    assert contents(text) == ["derisory"]


def test_nested_quote_stays_inside_the_outer_one() -> None:
    text = "\u201cHe yelled \u2018run\u2019 and we ran,\u201d she recalled."
    assert contents(text) == ["He yelled \u2018run\u2019 and we ran,"]


def test_guillemets_and_reversed_guillemets() -> None:
    assert contents("\u00abNous gagnerons\u00bb, a-t-il dit.") == ["Nous gagnerons"]
    assert contents("Er sagte \u00bbniemals\u00ab und ging.") == ["niemals"]


def test_unclosed_direct_quote_ends_at_its_paragraph() -> None:
    text = '"We heard a bang and then nothing, the driver said.\n\nFirefighters arrived within minutes.'
    assert contents(text) == ["We heard a bang and then nothing, the driver said."]


def test_unclosed_mark_inside_a_sentence_is_dropped_not_stretched() -> None:
    text = "The so-called \u201creform package passed.\n\nThe senator said \u201cno\u201d twice."
    assert contents(text) == ["no"]


def test_quote_continued_on_the_next_paragraph_is_one_quote() -> None:
    text = "\u201cThe first winter was the worst.\n\n\u201cBy spring we had a roof,\u201d she said.\n\nAfter."
    (span,) = find_quoted_spans(text)
    assert text[span.start : span.end] == "The first winter was the worst.\n\n\u201cBy spring we had a roof,"


def test_typewriter_double_marks_pair_like_a_double_quote() -> None:
    text = "''We're done,'' the owner said. He added, ``Nobody's buying.'' Fans' signs stayed up."
    assert contents(text) == ["We're done,", "Nobody's buying."]
    first = find_quoted_spans(text)[0]
    assert (first.open, first.close) == (0, text.index("'' the") + 1)


def test_rock_n_roll_and_decades_are_not_quotes() -> None:
    assert contents("A rock \u2019n\u2019 roll band from the \u201990s and \u201860s toured.") == []


MARKS = '"\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\'`'


@settings(max_examples=400)
@given(st.text(alphabet=st.sampled_from(list(MARKS) + list("ab ,.\n")), max_size=80))
def test_spans_are_ordered_and_inside_the_text(text: str) -> None:
    spans = find_quoted_spans(text)
    last = -1
    for span in spans:
        assert 0 <= span.open < span.start <= span.end <= len(text)
        assert span.open > last
        last = span.close if span.close is not None else span.end

"""The article highlighter: nesting, crossing spans, bad offsets, and escaping of every piece."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from newsgraph.web.highlight import article_html, event_span, mention_span, quote_span, render, sentence_span


class Shape(HTMLParser):
    """Records the text, the tags in order, and whether every tag closes in nesting order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text, self.stack, self.opened, self.balanced = "", [], [], True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)
        self.opened.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.balanced = self.balanced and bool(self.stack) and self.stack.pop() == tag

    def handle_data(self, data: str) -> None:
        self.text += data


def shape(markup: str) -> Shape:
    parser = Shape()
    parser.feed(str(markup))  # a plain str: Markup would escape the text gathered from it
    parser.close()
    assert parser.balanced and not parser.stack, markup
    return parser


def _event(i: int, start: int, end: int) -> dict:
    return {"id": i, "event_type": "CONSULT", "source": ["PER"], "target": ["BOL"], "modality": "asserted",
            "intensity": 2.5, "evidence_start": start, "evidence_end": end}


def _quote(i: int, start: int, end: int, speaker: str = "Luz Arce") -> dict:
    return {"id": i, "type": "direct", "speaker": speaker, "start": start, "end": end, "sentence_start": max(start - 5, 0),
            "sentence_end": end + 2}


def _mention(start: int, end: int, actor_id: str = "person:luz-arce", name: str = "Luz Arce") -> dict:
    return {"actor_id": actor_id, "name": name, "start": start, "end": end}


TEXT = 'Peru\'s minister Luz Arce said "the lake belongs to both of us" in La Paz. Bolivia agreed.'


def test_nested_spans_keep_their_order_and_the_text() -> None:
    q0 = TEXT.index("the lake")
    spans = [event_span(_event(1, 0, TEXT.index(" Bolivia"))), quote_span(_quote(7, q0, q0 + 30)),
             mention_span(_mention(TEXT.index("Luz"), TEXT.index("Luz") + 8))]
    out = shape(render(TEXT, spans))
    assert out.text == TEXT
    assert [t for t, _ in out.opened] == ["span", "a", "span"]
    assert out.opened[0][1]["id"] == "ev-1" and out.opened[2][1]["id"] == "q-7"
    assert out.opened[1][1]["href"] == "/actor/person:luz-arce"


def test_a_quote_crossing_an_event_end_is_split_and_only_its_first_piece_has_the_id() -> None:
    end_of_event = TEXT.index(" in La Paz")
    q0 = TEXT.index("lake")
    spans = [event_span(_event(1, 0, end_of_event)), quote_span(_quote(3, q0, len(TEXT)))]
    out = shape(render(TEXT, spans))
    pieces = [attrs for tag, attrs in out.opened if attrs.get("data-q") == "3"]
    assert len(pieces) == 2
    assert pieces[0].get("id") == "q-3" and "id" not in pieces[1]
    assert out.text == TEXT


def test_bad_offsets_are_skipped_and_overlapping_links_do_not_nest() -> None:
    spans = [quote_span(_quote(1, -3, 4)), quote_span(_quote(2, 5, 5)), quote_span(_quote(3, 10, len(TEXT) + 9)),
             mention_span(_mention(0, 10)), mention_span(_mention(5, 12, "country:PER", "Peru"))]
    out = shape(render(TEXT, spans))
    assert out.text == TEXT
    assert [t for t, _ in out.opened] == ["a"]


def test_text_and_attribute_values_are_escaped() -> None:
    text = '<script>alert(1)</script> said <img src=x onerror=alert(2)>'
    name = '"><script>alert(3)</script>'
    markup = render(text, [mention_span(_mention(0, 8, 'x" onmouseover="alert(4)', name)),
                           quote_span(_quote(1, 31, len(text), speaker=name))])
    assert "<script>" not in markup and "<img" not in markup and 'onmouseover="' not in markup
    out = shape(markup)
    assert out.text == text
    assert out.opened[0][1]["title"] == name  # the value survives as text, inside one attribute
    assert [t for t, _ in out.opened] == ["a", "span"]


def test_article_html_uses_every_extraction_and_marks_quote_sentences() -> None:
    art = {"text": TEXT, "events": [_event(1, 0, 20)], "quotes": [_quote(2, 31, 60)], "mentions": [_mention(16, 24)]}
    out = shape(article_html(art))
    assert {a.get("id") for _, a in out.opened} >= {"ev-1", "q-2"}
    sentence = [a for _, a in out.opened if a.get("data-qs") == "2"]
    assert sentence and sentence[0]["class"] == "hl-s"


@st.composite
def spans_over_text(draw: st.DrawFn) -> tuple[str, list]:
    text = draw(st.text(alphabet=st.sampled_from(list('ab <>&"\'\n é')), max_size=40))
    n = len(text)
    offsets = st.tuples(st.integers(-2, n + 2), st.integers(-2, n + 2))
    spans = []
    for i, (start, end) in enumerate(draw(st.lists(offsets, max_size=8))):
        kind = draw(st.sampled_from([event_span, quote_span, mention_span, sentence_span]))
        record = _event(i, start, end) if kind is event_span else _mention(start, end) if kind is mention_span \
            else _quote(i, start, end)
        spans.append(kind(record))
    return text, spans


@given(spans_over_text())
def test_any_spans_give_balanced_html_that_reads_back_as_the_text(case: tuple[str, list]) -> None:
    text, spans = case
    out = shape(render(text, spans))
    assert out.text == text
    assert all(tag in ("span", "a") for tag, _ in out.opened)

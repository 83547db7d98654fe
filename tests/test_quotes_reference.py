"""Who a pronoun, an honorific or a generic noun refers to when it speaks, on sentences written here."""

from __future__ import annotations

from test_quotes import quotes


def spoken(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in quotes(text)]


def test_honorific_separates_a_wife_from_her_husband_of_the_same_surname() -> None:
    text = (
        "Governor Rafael Marlowe said he would sign the budget. Lucia Marlowe, a school principal, said she "
        "had visited the flooded towns.\n\nIn an interview on Tuesday, Mrs. Marlowe said: "
        "\u201cThe families there deserve better.\u201d The governor said he would return next month."
    )
    by_text = dict(spoken(text))
    assert by_text["The families there deserve better."] == "Lucia Marlowe"
    assert by_text["he would return next month"] == "Rafael Marlowe"  # still a man


def test_honorific_without_a_matching_person_is_someone_new() -> None:
    text = (
        "Senator Victor Hale said he opposed the bill. Later, Ms. Hale said the family "
        "would not comment on the vote."
    )
    by_text = dict(spoken(text))
    assert by_text["he opposed the bill"] == "Victor Hale"
    assert by_text["the family would not comment on the vote"] != "Victor Hale"


def test_generic_noun_skips_an_organisation_owned_by_a_person_inside_the_quote() -> None:
    text = (
        "Northwind Energy said it would close two plants. Northwind Energy employs 9,000 people. "
        "\u201cThe claims about Mayor Diaz's Bayside Trust are false,\u201d the company said."
    )
    assert dict(spoken(text))["The claims about Mayor Diaz's Bayside Trust are false,"] == "Northwind Energy"


def test_generic_noun_passes_over_an_organisation_named_only_inside_a_quote() -> None:
    text = (
        "Northwind Energy reported a loss on Monday. \u201cWe will not sell the plant to Harbor "
        "Logistics,\u201d its chairman told investors. The company said it would hire 200 engineers."
    )
    assert dict(spoken(text))["it would hire 200 engineers"] == "Northwind Energy"


def test_the_official_after_an_unnamed_official_takes_no_named_aides_role() -> None:
    text = (
        "The mayor's chief of staff, Ruth Ogden, declined to comment on the talks. An official "
        "familiar with the talks said the deal was close.\n\nThe official, who was not authorized "
        "to speak publicly, said the vote could come on Friday."
    )
    found = [q for q in quotes(text) if q.text == "the vote could come on Friday"]
    assert len(found) == 1 and found[0].speaker_text == "The official"
    assert found[0].speaker == "official"


def test_named_official_keeps_the_role_when_the_text_introduced_her_by_it() -> None:
    text = (
        "Ruth Ogden, a senior official at the port authority, met the unions. The official said "
        "the cranes would run again by June."
    )
    assert dict(spoken(text))["the cranes would run again by June"] == "Ruth Ogden"


def test_fragment_judging_a_persons_own_choice_is_theirs() -> None:
    text = (
        "Maria Lopez voted for the incumbent in 2012, she says. This year her choice is a "
        "\u201cno brainer.\u201d"
    )
    assert dict(spoken(text))["no brainer."] == "Maria Lopez"


def test_fragment_judging_a_things_quality_names_no_speaker() -> None:
    text = "The new bridge opened in March. Its design is a \u201cmarvel,\u201d and traffic has eased."
    assert [speaker for _, speaker in spoken(text)] == [None]

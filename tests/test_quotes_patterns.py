"""Patterns of reported speech found in real news, each on sentences written for these tests.

The patterns come from measuring the quote stage on annotated wire and newspaper articles:
typewriter quote marks, split direct quotes, parenthetical attributions, partitive and
relative-clause speakers, organisations re-mentioned by a generic noun, documents as sources,
and the look-alikes that are not speech (titles, clauses without a verb, gapped relatives).
"""

from __future__ import annotations

from test_quotes import quotes


def said(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in quotes(text)]


def test_typewriter_double_marks_delimit_a_direct_quote() -> None:
    (q,) = quotes("''We will appeal the ruling,'' the coach, Maria Lopez, said on Sunday.")
    assert (q.text, q.type, q.speaker) == ("We will appeal the ruling,", "direct", "Maria Lopez")


def test_direct_quote_resumed_after_the_attribution_is_direct_and_keeps_the_speaker() -> None:
    text = "\u201cThe plan,\u201d Mayor Ana Diaz said, \u201cwas never realistic and would cost a lot.\u201d"
    assert [(q.type, q.speaker) for q in quotes(text)] == [("direct", "Ana Diaz"), ("direct", "Ana Diaz")]


def test_attribution_set_off_by_commas_inside_the_sentence() -> None:
    text = "Harbour master Olu Bankole inspected the pier. The repairs, he said, would take a year."
    (q,) = quotes(text)
    assert q.type == "indirect" and q.speaker == "Olu Bankole"
    assert q.text.startswith("The repairs") and q.text.endswith("would take a year")


def test_name_inside_a_description_of_another_person_is_not_the_speaker() -> None:
    (q,) = quotes("Biden lawyer Ruth Calder said the plan was dead.")
    assert (q.speaker, q.speaker_id) == ("Ruth Calder", "person:ruth-calder")


def test_they_does_not_refer_to_a_plural_thing() -> None:
    text = (
        "Senators Ann Ruiz and Tom Berg say other changes are needed."
        " The program has grown far beyond its purpose, they say."
    )
    assert [speaker for _, speaker in said(text)] == ["Ann Ruiz and Tom Berg", "Ann Ruiz and Tom Berg"]


def test_named_group_keeps_its_names_when_a_plural_noun_later_speaks_for_it() -> None:
    text = "Senators Ann Ruiz and Tom Berg said the bill was flawed. The senators said it would be amended."
    assert [speaker for _, speaker in said(text)] == ["Ann Ruiz and Tom Berg", "senators"]


def test_generic_noun_re_mentions_the_last_organisation() -> None:
    text = "The World Health Organization met in Geneva on Monday. The agency warned that cases were rising."
    assert said(text) == [("cases were rising", "World Health Organization")]


def test_descriptive_body_phrase_is_not_an_anaphor() -> None:
    text = "Acme Corp cut 300 jobs. The regional employers' federation said the region would recover."
    assert [speaker for _, speaker in said(text)] != ["Acme Corp"]


def test_fragment_in_a_sentence_sourced_according_to() -> None:
    (q,) = quotes("According to the union, workers \u201cwere never consulted\u201d about the closure.")
    assert (q.type, q.speaker, q.cue) == ("partial", "union", "according to")


def test_document_speaks_for_the_body_named_in_it() -> None:
    (q,) = quotes("A Transport Ministry memo said the line would close in May.")
    assert (q.text, q.speaker) == ("the line would close in May", "Transport Ministry")


def test_fragment_under_a_study_that_found_it_is_the_studys() -> None:
    (q,) = quotes("A Harvard study found that the river carried \u201calarming levels\u201d of lead.")
    assert (q.text, q.speaker) == ("alarming levels", "Harvard")


def test_titles_in_marks_are_not_quotes() -> None:
    text = "She hosts a weekly show, ''Market Hour,'' on Sundays. He spoke at a \u201cTown Hall\u201d forum."
    assert quotes(text) == []


def test_verb_with_an_object_and_a_predicate_reports_nothing() -> None:
    assert quotes("The council declared the building unsafe after the storm.") == []


def test_partitive_subject_speaks_for_its_group() -> None:
    text = "Nurses gathered outside the hospital. Many of them said they had not been paid since March."
    assert said(text) == [("they had not been paid since March", "Nurses")]


def test_relative_pronoun_speaker_is_its_antecedent() -> None:
    text = "The farmers, many of whom say the subsidy came too late, gathered outside the ministry."
    assert said(text) == [("the subsidy came too late", "farmers")]
    assert said("The union, which said the strike would continue, met on Monday.") == [
        ("the strike would continue", "union")
    ]


def test_relative_clause_missing_its_object_is_not_a_reported_clause() -> None:
    assert quotes("The report described the impact it said the law would have.") == []


def test_role_noun_with_a_place_in_the_persons_country() -> None:
    text = (
        "Rep. Adam Schiff, the top Democrat on the House Intelligence Committee, spoke on Monday."
        " The California congressman said the hearing would go ahead."
    )
    assert said(text) == [("the hearing would go ahead", "Adam Schiff")]


def test_as_x_put_it_gives_the_fragment_to_x() -> None:
    text = "The growers' union met. As the union put it, farmers are \u201crunning out of patience.\u201d"
    assert said(text) == [("running out of patience.", "union")]


def test_nested_reported_speech_belongs_to_the_outer_speaker() -> None:
    (q,) = quotes("Senator Ruth Okafor said the minister had called the plan \u201ca fantasy.\u201d")
    assert (q.text, q.speaker) == ("a fantasy.", "Ruth Okafor")


def test_fragment_in_a_sentence_with_an_aside_attribution() -> None:
    text = "Mr. Okafor spoke at noon. Farmers, he said, had been \u201cleft behind\u201d for years."
    assert said(text) == [("left behind", "Okafor")]


def test_the_document_speaks_for_whoever_sent_it() -> None:
    text = (
        "Residents of the valley sent a petition to the council on Monday."
        " \u201cWe will not be moved,\u201d the petition reads."
    )
    assert said(text) == [("We will not be moved,", "Residents of the valley")]


def test_pronoun_after_a_name_in_its_sentence_gives_the_name_a_gender() -> None:
    text = (
        "Treasurer Jordan Ellis said Casey Morgan would recover from her injury."
        " Morgan left the hospital on Friday. \u201cShe should rest first,\u201d he said."
    )
    assert [speaker for _, speaker in said(text)] == ["Jordan Ellis", "Jordan Ellis"]


def test_epithet_refers_to_the_person_the_story_is_about() -> None:
    text = "Maria Vance toured Ohio on Monday. The Democratic candidate said the race was close."
    assert said(text) == [("the race was close", "Maria Vance")]


def test_epithet_with_another_nationality_is_not_the_story_person() -> None:
    text = "Chancellor Greta Lind met farmers on Monday. The French president said the deal was fair."
    assert [speaker for _, speaker in said(text)] != ["Greta Lind"]


def test_unnamed_group_is_shown_with_what_it_is_a_group_of() -> None:
    assert said("A coalition of tenant groups said rents had doubled.") == [
        ("rents had doubled", "coalition of tenant groups")
    ]


def test_indirect_question_is_not_reported_speech() -> None:
    assert quotes("The audit reveals just how badly the river has been polluted.") == []


def test_clause_behind_a_semicolon_is_not_what_was_said() -> None:
    text = "A merger looks unlikely this year; the company says talks will resume in May."
    assert said(text) == [("talks will resume in May", "company")]


def test_possessive_pronoun_owner_of_a_document_is_the_speaker() -> None:
    text = "Lena Ortiz filed papers on Monday. Her statement to the court said the claims were false."
    assert said(text) == [("the claims were false", "Lena Ortiz")]


def test_a_place_noun_is_not_the_person_whose_title_contains_it() -> None:
    text = "Secretary of State Jon Husted spoke on Friday. The state said the voter rolls were accurate."
    assert [speaker for _, speaker in said(text)] != ["Jon Husted"]


def test_passive_description_without_an_agent_names_nobody() -> None:
    text = "Voters were removed in what is being criticized as a \u201cuse it or lose it\u201d approach."
    (q,) = quotes(text)
    assert (q.text, q.speaker) == ("use it or lose it", None)


def test_fragment_in_a_title_case_headline_is_still_a_quote() -> None:
    headline = "Council Approves Plan Despite \u2018Serious Doubts\u2019 From Residents"
    assert said(headline) == [("Serious Doubts", None)]
    headline = "Mayor Says Budget Will Bring \u2018Hard Choices\u2019 Next Year"
    assert said(headline) == [("Hard Choices", "Mayor")]


def test_question_quote_followed_by_its_speaker() -> None:
    text = "\u201cWhy now?\u201d Ana Ruiz, the council's treasurer, asked on Friday."
    assert said(text) == [("Why now?", "Ana Ruiz")]


def test_site_that_quoted_someone_is_not_the_speaker() -> None:
    text = "\u201cWe had no warning,\u201d the Daily Ledger website quoted Ms. Ortiz, the owner, as saying."
    assert said(text) == [("We had no warning,", "Ortiz")]


def test_statement_issued_by_a_body_is_the_bodys() -> None:
    text = "The Finnish Embassy in Rome issued a statement saying that the ferry had been inspected."
    assert said(text) == [("the ferry had been inspected", "Finnish Embassy in Rome")]


def test_participle_of_speech_inside_a_reported_clause_stays_in_it() -> None:
    text = "Sources said the two judges opposed the move, saying it broke with long practice."
    (q,) = quotes(text)
    assert q.speaker == "Sources" and q.text.endswith("it broke with long practice")


def test_reporting_for_an_outlet_is_not_a_statement() -> None:
    assert quotes("Mara Lind reports for the Coastal Herald; Ben Ito reports from Osaka.") == []


def test_he_after_a_reported_clause_is_the_clauses_subject() -> None:
    text = (
        "Dev Patel ran the shop for years. Omar Reyes won the contract in May."
        " Patel would have sold the shop anyway, he says."
    )
    assert said(text)[-1] == ("Patel would have sold the shop anyway", "Dev Patel")


def test_relative_clause_after_a_comma_is_not_the_attribution_of_the_clause_before() -> None:
    text = "Parents marched against the funding system, which advocates say hurts poor schools."
    assert all(q.text != "Parents marched against the funding system" for q in quotes(text))


def test_number_in_marks_is_not_a_quote() -> None:
    assert quotes('Embedded post <tweet tweet-id="791656084612100097"></tweet> follows.') == []


def test_clause_after_a_fronted_phrase_is_what_was_said() -> None:
    text = "By the end of the year, prices in the region will have doubled, economist Lena Ruiz says."
    (q,) = quotes(text)
    assert q.speaker == "Lena Ruiz" and q.text.startswith("By the end of the year")


def test_he_after_a_reported_clause_is_its_main_subject_not_one_nested_in_it() -> None:
    text = (
        "Governor Paul Okoro is running again. Tomas Reyes owns a bakery in Leeds."
        " Reyes would have backed the levy whoever the governor was, he says."
    )
    (q,) = quotes(text)
    assert q.speaker == "Tomas Reyes"


def test_question_quote_is_attributed_across_a_long_apposition() -> None:
    text = (
        "\u201cCan the port survive another winter?\u201d Ilse Maren, the regional council's adviser on"
        " fisheries and coastal transport, asked at a harbour meeting on Friday."
    )
    (q,) = quotes(text)
    assert (q.type, q.speaker) == ("direct", "Ilse Maren")


def test_fragment_in_what_someone_believes_is_their_words() -> None:
    text = "Nora Pike backs the mayor because she believes he \u201clistens to people who disagree.\u201d"
    (q,) = quotes(text)
    assert (q.type, q.speaker) == ("partial", "Nora Pike")

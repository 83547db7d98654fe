"""``clean_document`` on plain text: articles we wrote in the shapes scrapers deliver."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.clean import clean_document
from newsgraph.records import Article, RawDocument


def clean(text: str, **meta: str) -> Article:
    return clean_document(RawDocument(id="t", source="t.txt", content=text, **meta))  # type: ignore[arg-type]


WIRE = """Chile's copper output slips as mines battle drought

By Lucia Ferreira

SANTIAGO, Feb 14 (Reuters) - Copper production in Chile fell 6% in January from a year earlier as a \
prolonged drought forced several mines to ration water, the national statistics agency said on Wednesday.

State-owned Codelco, which accounts for roughly a quarter of the country's output, reported the steepest drop.

"We are running at the limits of what our water permits allow," a Codelco executive told reporters last week.

(Reporting by Lucia Ferreira; Editing by Tom Hale)
"""

BLOG = """Home
World
Local council approves new cycle lanes despite shop owners' protest
Posted on March 3, 2021 by Greg Whitfield
Share this:
Twitter
Facebook
Spread the love
The city council voted 7-4 on Tuesday night to build protected cycle lanes along Harbour Road, ending a long debate.
Supporters said the lanes would make the road safer for children. Opponents argued parking would be lost.
RELATED STORIES
Harbour Road parking fees to rise in April
Council budget gap widens to $4m
"This is a good day for everyone who wants to get around without a car," said councillor Amira Shah.
Construction is expected to begin in the summer, the council said in a statement on its website.
Previous Article
Fire crews called to barn blaze near the ring road
Next Article
School run traffic study published
Leave a Reply
Your email address will not be published. Required fields are marked *
Subscribe to our weekly newsletter for the latest local news
We use cookies to improve your experience. By continuing to browse you accept our cookie policy.
© 2021 Harbourside Herald. All rights reserved.
"""

BLOG_BODY = [
    "The city council voted 7-4 on Tuesday night to build protected cycle lanes along Harbour Road, ending a long debate.",
    "Supporters said the lanes would make the road safer for children. Opponents argued parking would be lost.",
    '"This is a good day for everyone who wants to get around without a car," said councillor Amira Shah.',
    "Construction is expected to begin in the summer, the council said in a statement on its website.",
]


def test_wire_story_fields_and_trailer() -> None:
    article = clean(WIRE)
    assert article.title == "Chile's copper output slips as mines battle drought"
    assert article.byline == "Lucia Ferreira"
    assert article.dateline == "SANTIAGO"
    assert article.outlet == "Reuters"
    assert article.published is None
    assert len(article.paragraphs) == 3
    assert article.paragraphs[0].startswith("SANTIAGO, Feb 14 (Reuters) - Copper production")
    assert "Editing by" not in article.text
    assert "(Reporting by Lucia Ferreira; Editing by Tom Hale)" in article.removed


def test_blog_page_chrome_goes_and_every_body_paragraph_stays() -> None:
    article = clean(BLOG)
    assert article.paragraphs == BLOG_BODY
    assert article.title == "Local council approves new cycle lanes despite shop owners' protest"
    assert article.published == "2021-03-03"
    assert article.byline == "Greg Whitfield"
    assert article.outlet == "Harbourside Herald"
    for chrome in ("Share this:", "RELATED STORIES", "Council budget gap widens to $4m", "Next Article",
                   "School run traffic study published", "Leave a Reply", "© 2021 Harbourside Herald. All rights reserved."):  # fmt: skip
        assert chrome in article.removed


def test_paragraphs_are_separated_by_exactly_one_blank_line() -> None:
    article = clean(BLOG)
    assert article.text == "\n\n".join(BLOG_BODY)


def test_body_pasted_twice_keeps_the_first_copy() -> None:
    body = [
        "Naval forces boarded an oil tanker in the strait on Friday after a six-hour standoff, officials said.",
        "The vessel was sailing under a flag of convenience and was suspected of smuggling fuel, the coast guard said.",
        "No injuries were reported during the operation, which ended shortly before dawn.",
    ]
    article = clean(
        "Tanker seized in strait after standoff\nA\nA\nA\n" + "\n".join(body + body) + "\nAdvertisement"
    )
    assert article.paragraphs == body
    assert article.removed.count(body[0]) == 1
    assert article.offsets.to_raw(0) == article.raw.index(body[0])


def test_undated_article_gets_no_date_and_no_resolved_mentions() -> None:
    article = clean(
        "Ferry operator cancels winter crossings\n"
        "The operator said on Monday it would suspend the route from December, blaming fuel costs.\n"
        "Islanders said they had been given less than a week's notice of the change, and would hold a meeting.\n"
    )
    assert article.published is None
    assert [m.text for m in article.date_mentions] == ["on Monday"]
    assert all(m.resolved is None for m in article.date_mentions)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("12 November, 2024", "2024-11-12"),
        ("November 12, 2024", "2024-11-12"),
        ("2024-11-12", "2024-11-12"),
        ("Published: Tue, 12 Nov 2024 08:00 GMT", "2024-11-12"),
        ("Posted on 12.11.2024 | 10:32", "2024-11-12"),
        ("Updated: 14 Nov 2024 | Published: 12 Nov 2024", "2024-11-12"),
        ("11/12/2024", None),  # day and month cannot be told apart
        ("2 hours ago", None),
    ],
)
def test_date_line_above_the_headline(line: str, expected: str | None) -> None:
    article = clean(
        f"{line}\nMarket town votes to keep its Saturday fair\n"
        "Residents voted by a wide margin to keep the weekly fair on the high street, the town clerk announced.\n"
        "The fair has run in the town since the eighteenth century and draws traders from across the county.\n"
    )
    assert article.published == expected
    assert article.title == "Market town votes to keep its Saturday fair"
    assert not article.text.startswith(line)


def test_dates_in_body_prose_are_not_the_publication_date() -> None:
    article = clean(
        "Museum reopens after flood repairs\n"
        "The museum, which closed on 3 March 2019 after a burst pipe flooded its basement, reopened to visitors.\n"
        "Curators said almost all of the damaged archive had been dried and restored by volunteers over two years.\n"
    )
    assert article.published is None
    assert ("3 March 2019", "2019-03-03") in [(m.text, m.resolved) for m in article.date_mentions]


def test_container_metadata_wins_over_guesses() -> None:
    title = "Local council approves new cycle lanes despite shop owners' protest | Harbourside Herald"
    article = clean(
        BLOG, title=title, published="2021-03-04T09:00:00Z", outlet="Harbour Post", author="G. W."
    )
    assert (article.title, article.published, article.outlet, article.byline) == (
        title,
        "2021-03-04",
        "Harbour Post",
        "G. W.",
    )
    assert article.paragraphs == BLOG_BODY


def test_a_container_title_is_not_replaced_by_a_guess_from_the_text() -> None:
    body = (
        "What the quarterly figures show for the region\n"
        "Unemployment fell to 4.1% in the third quarter, the lowest rate since records began in the region.\n"
        "Economists had expected the rate to hold steady after a weak summer for retailers and builders.\n"
    )
    article = clean(body, title="Regional jobless rate hits record low")
    assert article.title == "Regional jobless rate hits record low"
    assert article.paragraphs[0] == "What the quarterly figures show for the region"


@pytest.mark.parametrize(
    "value, expected",
    [("Thu, 04 Mar 2021 09:00:00 +0000", "2021-03-04"), ("2021-03-04", "2021-03-04"), ("not a date", None)],
)
def test_container_date_formats(value: str, expected: str | None) -> None:
    assert clean(
        "One line of text that is a sentence of some length, as a body.", published=value
    ).published == (expected)


def test_relative_dates_resolve_only_against_publication() -> None:
    text = (
        "5 January 2022\nHarbour ice closes port for first time in decades\n"
        "The port was closed on Saturday after ice built up at the entrance, the harbourmaster said on Monday.\n"
        "A similar closure on December 28 lasted only a few hours, and officials said yesterday it could reopen.\n"
    )
    mentions = {m.text: m.resolved for m in clean(text).date_mentions}
    assert mentions["on Saturday"] == "2022-01-01"  # 5 January 2022 was a Wednesday
    assert mentions["on Monday"] == "2022-01-03"
    assert mentions["on December 28"] == "2021-12-28"  # would be after publication in 2022
    assert mentions["yesterday"] == "2022-01-04"


def test_date_mentions_point_into_the_clean_text() -> None:
    article = clean(WIRE)
    for mention in article.date_mentions:
        assert article.text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    "opening, place",
    [
        ("NAGOYA - Tokyo has promised to address the concerns raised", "NAGOYA"),
        ("MOSCOW, March 3 (Reuters) - The Kremlin said", "MOSCOW"),
        ("WASHINGTON — The Senate passed", "WASHINGTON"),
        ("BAKHMUT, Ukraine (AP) — Shelling continued", "BAKHMUT, Ukraine"),
        ("Paris (AFP) - France's president said", "Paris"),
        ("NATO - the alliance said it had no plans", None),
        ("The minister said in a statement", None),
    ],
)
def test_dateline_place(opening: str, place: str | None) -> None:
    article = clean(
        f"Talks planned for next month\n{opening} on Tuesday that the meeting would take place as planned.\n"
        "Officials on both sides said they expected the talks to last several days and to cover trade and security.\n"
    )
    assert article.dateline == place
    assert article.paragraphs[0].startswith(opening)


def test_standfirst_under_the_headline_is_the_subtitle() -> None:
    article = clean(
        "Farmers share tractors through an app\n"
        "Cooperatives are splitting the cost of expensive machinery.\n"
        "Across the plains, small farmers who could never afford a combine harvester on their own have found a way "
        "to share one, booking time slots on a phone and splitting the bills between them.\n"
        "The idea is not new, since machinery rings have existed in Europe for decades, but the app has made "
        "coordination far easier for people who live hours apart and rarely meet in person.\n"
        "Critics say the arrangement works only when the weather cooperates, since everyone wants the machine on the "
        "same sunny days of the harvest season.\n"
    )
    assert article.subtitle == "Cooperatives are splitting the cost of expensive machinery."
    assert len(article.paragraphs) == 3
    assert article.paragraphs[0].startswith("Across the plains")


def test_a_lede_that_reports_is_not_a_subtitle() -> None:
    article = clean(
        "Senate passes farm bill\n"
        "The Senate passed the farm bill on Tuesday, officials said.\n"
        "The bill, which now goes to the House, extends crop insurance subsidies and expands a conservation programme "
        "that pays farmers to leave some land fallow, according to a summary released by the committee.\n"
        "Opponents said the measure did too little to help small producers, and several senators from farm states "
        "voted against it after an amendment on dairy prices failed.\n"
    )
    assert article.subtitle is None
    assert article.paragraphs[0] == "The Senate passed the farm bill on Tuesday, officials said."


def test_hard_wrapped_paragraphs_stay_whole_and_verbatim() -> None:
    text = (
        "FLOOD WARNINGS EXTENDED ACROSS NORTHERN VALLEYS\n\n"
        "GLASGOW — Forecasters extended flood warnings across three northern\n"
        "valleys on Monday after a weekend of heavy rain swelled rivers to their\n"
        "highest levels in a decade.\n\n"
        "The environment agency said more than 200 homes had been evacuated and\n"
        "that further rain was expected. Emergency crews worked through\n"
        "the night to shore up defences in the worst-hit villages.\n"
    )
    article = clean(text)
    assert article.title == "FLOOD WARNINGS EXTENDED ACROSS NORTHERN VALLEYS"
    assert len(article.paragraphs) == 2
    assert all(p in text for p in article.paragraphs)
    assert article.dateline == "GLASGOW"


def test_a_title_case_headline_ending_in_a_full_stop_is_still_the_title() -> None:
    article = clean(
        "Harbour Authority Approves New Ferry Terminal Plans.\n"
        "The harbour authority approved plans for a new ferry terminal on Thursday, ending years of delay.\n"
        "Work is expected to start in the spring and take about two years, the authority said.\n"
    )
    assert article.title == "Harbour Authority Approves New Ferry Terminal Plans."
    assert len(article.paragraphs) == 2


def test_one_paragraph_per_line_with_blank_lines_between_some() -> None:
    lines = [
        "The first paragraph says what happened at the meeting and who was there to see it.",
        "The second paragraph quotes the chair, who said the vote had been closer than expected.",
        "The third paragraph gives the background to the dispute, which began two years ago.",
    ]
    article = clean(f"{lines[0]}\n{lines[1]}\n\n{lines[2]}\n")
    assert article.paragraphs == lines
    assert article.title is None


def test_outlet_from_a_first_published_note() -> None:
    article = clean(
        "Rail strike called off after late-night talks\n\nSpread the love\n\n"
        "Union leaders called off a planned rail strike after talks with operators ran past midnight on Sunday.\n\n"
        "Commuters had been warned to expect severe disruption across the network for three days.\n\n"
        "The post Rail strike called off after late-night talks appeared first on Metro Ledger.\n\nAbout the Author\n\n"
        "Sam Okoye\n\nMore\narticles"
    )
    assert article.outlet == "Metro Ledger"
    assert len(article.paragraphs) == 2
    assert "Sam Okoye" not in article.text and "articles" not in article.text.split()


@pytest.mark.parametrize(
    "tail",
    [
        " [Source attribution: Ministry statements]",
        " (Source: regional press)",
        " (esn)",
        " (Reporting by Ana Ruiz; Editing by Mark Bell)",
    ],
)
def test_tags_glued_to_the_last_paragraph_are_cut(tail: str) -> None:
    last = "The committee will meet again next month to review the proposals and hear from residents."
    article = clean(
        "Committee delays housing decision\n"
        "A planning committee delayed its decision on a large housing development after a six-hour hearing.\n"
        + last
        + tail
    )
    assert article.paragraphs[-1] == last
    assert tail.strip() in article.removed


def test_desk_tags_and_editor_lines_on_their_own() -> None:
    article = clean(
        "Germany to tighten rules on short-term rentals\n"
        "Germany's cabinet on Wednesday approved a draft law that would require owners to register holiday flats.\n"
        "The bill still needs approval from parliament, where the governing coalition holds a majority.\n"
        "mk/rt (dpa, AFP)\nEdited by Jane Holt.\n"
    )
    assert len(article.paragraphs) == 2
    assert "mk/rt (dpa, AFP)" in article.removed and "Edited by Jane Holt." in article.removed


def test_html_label_on_plain_text_is_cleaned_as_text() -> None:
    text = "Bridge reopens after repairs\nThe bridge reopened to traffic on Friday after four months of repairs, the council said."
    article = clean_document(RawDocument(id="x", source="x", content=text, kind="html"))
    assert article.title == "Bridge reopens after repairs"
    assert article.raw_kind == "text"
    assert article.offsets.to_raw(0) == text.index("The bridge")


def test_hash_and_identity_are_carried() -> None:
    raw = RawDocument(id="doc-7", source="in/doc7.txt", content=WIRE, url="https://example.org/a")
    article = clean_document(raw)
    assert (article.id, article.source, article.url, article.hash, article.raw) == (
        "doc-7", "in/doc7.txt", "https://example.org/a", raw.hash, WIRE,
    )  # fmt: skip


def test_standfirst_above_byline_and_date_lines() -> None:
    article = clean(
        "Floods force thousands from homes in northern province\n"
        "Rescue teams are struggling to reach villages cut off by rising water.\n"
        "By Amina Yusuf\nPublished On 4 Sep 2022\nSave\nClick here to share on social media\n"
        "Thousands of people have been forced from their homes after days of torrential rain, officials said.\n"
        "The disaster agency said at least 23 people had died and dozens more were still missing.\n"
    )
    assert article.subtitle == "Rescue teams are struggling to reach villages cut off by rising water."
    assert (article.byline, article.published) == ("Amina Yusuf", "2022-09-04")
    assert len(article.paragraphs) == 2 and article.paragraphs[0].startswith("Thousands of people")


def test_reader_comment_thread_is_cut_with_its_header() -> None:
    body = [
        "The Kremlin said on Tuesday it had no plans for a new wave of mobilisation, calling reports speculation.",
        "The defence ministry has said it is recruiting volunteers on contracts instead of calling up reservists.",
    ]
    thread = (
        "3 comments\nIvan P\nOctober 3, 2023 at 2:14 pm\n"
        "They said the same thing last year, and then everything changed within weeks, so I do not believe it.\n"
        "Reply\nMaria K\nOctober 3, 2023 at 3:40 pm\nTime will tell what happens with this one.\nReply\n"
    )
    article = clean("Kremlin says no plans for new mobilisation\n" + "\n".join(body) + "\n" + thread)
    assert article.paragraphs == body


def test_captions_credits_and_inline_promos_inside_the_body() -> None:
    article = clean(
        "Minister resigns over procurement scandal\n"
        "The defence minister resigned on Friday after an inquiry found irregularities in several contracts.\n"
        "The minister arrives at a cabinet meeting in the capital, June 2, 2023. REUTERS/Jane Roe\n"
        "Read also: Opposition calls for early election after budget defeat\n"
        "Advertisement\n"
        "Prosecutors said they had opened a criminal case against two senior officials in the ministry.\n"
        "Officials said the inquiry would publish its full findings before the end of the year. Enditem"
    )
    assert len(article.paragraphs) == 3
    assert article.paragraphs[-1].endswith("before the end of the year.")
    assert "REUTERS/Jane Roe" not in article.text and "Read also" not in article.text


def test_author_box_takes_its_name_and_bio_with_it() -> None:
    article = clean(
        "Cafe owners fight plan for pedestrian zone\n\n"
        "Owners of cafes on the old square said a pedestrian zone would cut deliveries and drive away trade.\n\n"
        "The city will hold a consultation on the plan until the end of the month, officials said.\n\n"
        "About the Author\n\nLena Hart\n\nLena Hart is a reporter covering city hall and local business.\n\n"
        "More articles by Lena Hart"
    )
    assert len(article.paragraphs) == 2
    assert "Lena Hart" not in article.text


def test_sentences_that_merely_mention_chrome_words_stay() -> None:
    body = [
        "Voters must register by Friday to receive updates on polling stations, officials said on Monday.",
        "Research by the university found that turnout rose in districts where reminders were sent.",
        "More — much more — is needed to reach young voters, one campaigner said after the meeting.",
        "The library wants more children to come in and read more.",
        "The company said it would send updates to subscribers via its newsletter from next month.",
    ]
    prompts = [
        "Sign up for our free daily newsletter to get the latest news.",
        "Get the best stories delivered to your inbox",
    ]
    article = clean("Voters urged to check registration\n" + "\n".join(body[:3] + prompts + body[3:]))
    assert article.paragraphs == body
    assert article.removed == prompts


LINES = [
    "Search", "Close this search box.", "Spread the love", "Share this", "RELATED STORIES", "Previous Article",
    "Next Article", "Write a Comment", "A", "(esn)", "Edited by Sam Lee.", "Date", "12 November, 2024",
    "Markets rally as inflation cools", "By Jane Doe", "NAGOYA - The talks ended on Saturday, officials said.",
    "The council said the decision was final and could not be appealed by residents or businesses.",
    "“We will not back down,” she said on Monday, according to the minutes of the closed meeting.",
    "Prices rose 3% in October. [Source attribution: statistics office]",
]  # fmt: skip
SEPARATORS = ["\n", "\n\n", "\r\n", "\n \n", "\n\n\n"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(LINES), st.text(min_size=0, max_size=80)), max_size=25),
    st.lists(st.sampled_from(SEPARATORS), min_size=25, max_size=25),
)
def test_every_plain_text_paragraph_maps_back_to_identical_raw_text(
    lines: list[str], seps: list[str]
) -> None:
    raw = "".join(line + sep for line, sep in zip(lines, seps, strict=False))
    article = clean(raw)
    start = 0
    for paragraph in article.text.split("\n\n") if article.text else []:
        span = article.offsets.span_to_raw(start, start + len(paragraph))
        assert span is not None
        assert raw[span[0] : span[1]] == paragraph
        start += len(paragraph) + 2
    assert "\n\n\n" not in article.text and article.text == article.text.strip()


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400), st.sampled_from(["text", "html"]))
def test_random_input_never_raises(content: str, kind: str) -> None:
    article = clean_document(RawDocument(id="r", source="r", content=content, kind=kind))  # type: ignore[arg-type]
    assert isinstance(article.text, str)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["<p>", "</p>", "<div class='share'>", "</div>", "<br>", "<h1>", "</h1>", "<script>",
                             "<time datetime='2020-02-30'>", "<meta property='article:published_time' content='x'>"]),
            st.text(max_size=40),
        ),
        max_size=30,
    )
)  # fmt: skip
def test_random_markup_never_raises(parts: list[str]) -> None:
    article = clean_document(RawDocument(id="h", source="h", content="".join(parts), kind="html"))
    assert article.published is None or len(article.published) == 10

"""Failure patterns found on real news pages, each reproduced with a page written here.

Measured on a sample of real pages whose human-extracted bodies are public (see the report):
these are the shapes trafilatura's text keeps or breaks that the cleaner now handles.
"""

from __future__ import annotations

from newsgraph.clean import clean_document
from newsgraph.records import Article, RawDocument

STORY = [
    "The harbour authority approved a plan on Tuesday to dredge the northern channel before the winter storms "
    "arrive, ending two years of argument between fishing crews and the port's largest shipping tenant.",
    "Crews will begin work in October and expect to remove about 40,000 cubic metres of silt, according to "
    "documents published after the vote, which passed by five votes to two.",
    "Skippers have complained for months that boats run aground at low tide near the old lighthouse, and two "
    "trawlers needed tugs to free them in the spring.",
    "The authority's chair said the cost would be shared with the shipping company under an agreement that "
    "still needs sign-off from the regional government next month.",
]


def _page(after_body: str = "", inside_body: str = "", title: str = "Harbour channel to be dredged") -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in STORY)
    return f"""<html><head><title>{title} | Coast Gazette</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="Coast Gazette">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>{title}</h1><div class="story-body">
{paragraphs}
{inside_body}
</div>{after_body}</article>
<footer><p>Contact the newsroom</p></footer></body></html>"""


def _clean(page: str) -> Article:
    return clean_document(RawDocument(id="p", source="p.html", content=page, kind="html"))


def _keeps_story(article: Article) -> None:
    for paragraph in STORY:
        assert paragraph in article.text


def test_excerpts_of_other_posts_are_dropped_but_a_feed_excerpt_is_kept() -> None:
    teasers = """<div class="entry"><h2><a href="/a">Ferry timetable changes for the summer season</a></h2>
<p>The ferry operator has published its summer timetable, with two extra crossings on weekends and a later
last sailing on Fridays for visitors returning to the mainland [&hellip;]</p>
<h3><a href="/a">READ THE REST</a></h3></div>
<div class="entry"><h2><a href="/b">Lifeboat crew marks fifty years of service</a></h2>
<p>Volunteers and former crew gathered at the station on Sunday to mark half a century since the first
launch, with a parade along the seafront and an open day for families [&hellip;]</p>
<h3><a href="/b">READ THE REST</a></h3></div>"""
    article = _clean(_page(inside_body=teasers))
    _keeps_story(article)
    assert "ferry operator" not in article.text and "Volunteers and former crew" not in article.text

    feed = clean_document(RawDocument(id="f", source="feed", kind="text", content=(
        "Volunteers and former crew gathered at the station on Sunday to mark half a century since the first "
        "launch, with a parade along the seafront [...]")))  # fmt: skip
    assert feed.text.startswith("Volunteers and former crew") and not feed.text.endswith("[...]")


def test_a_list_of_related_headlines_after_the_story_is_dropped() -> None:
    cards = [
        ("Council defends parking charges", "Residents say the new fees hit small shops hardest"),
        ("Storm damage closes coastal path", "Rangers expect repairs to take most of the month."),
        ("School wins national robotics prize", "The team beat forty others at the final in Leeds"),
        ("Bus route to be cut in January", "The operator blames falling passenger numbers."),
    ]
    related = "".join(f'<div class="card"><h4><a href="/x">{h}</a></h4><div class="dek">{d}</div></div>'
                      for h, d in cards)  # fmt: skip
    article = _clean(_page(inside_body=f'<div class="more">{related}</div>'))
    _keeps_story(article)
    for headline, dek in cards:
        assert headline not in article.text and dek not in article.text


def test_a_list_the_story_introduces_is_kept() -> None:
    listing = """<p>The work will close these moorings for a week each, the authority said:</p>
<p>North quay berths</p><p>Lighthouse slipway</p><p>Old ferry steps</p><p>Fish market pontoon</p>"""
    article = _clean(_page(inside_body=listing))
    _keeps_story(article)
    for item in ("North quay berths", "Lighthouse slipway", "Old ferry steps", "Fish market pontoon"):
        assert item in article.text


def test_reader_comments_under_a_list_header_are_dropped() -> None:
    comments = """<section class="reader-talk"><h3>Top Rated Comments</h3>
<div class="c"><p>About time too. My brother has been stuck on the sandbank twice this year and nobody listened.</p></div>
<div class="c"><p>Who is actually paying for this? The shipping company should cover all of it, not the taxpayer.</p></div>
</section>"""
    article = _clean(_page(after_body=comments))
    _keeps_story(article)
    assert "sandbank" not in article.text and "taxpayer" not in article.text


def test_an_embedded_post_is_kept_with_its_signature() -> None:
    post = (
        '<blockquote class="twitter-tweet"><p>Dredging vote passed tonight, finally some good news for the '
        'fleet</p>&mdash; Harbour Watch (@harbourwatch) <a href="/s">September 12, 2023</a></blockquote>'
    )
    article = _clean(_page(inside_body=post))
    _keeps_story(article)
    assert "finally some good news for the fleet" in article.text
    assert "(@harbourwatch)" in article.text


def test_bracketed_related_link_credit_line_and_disclaimer_are_dropped() -> None:
    extras = """<p>[Related: How the channel silted up in the first place]</p>
<p><img src="/c.png"><br><em>(Credit: Port survey office)</em></p>
<p>The views expressed in this article are those of the author and do not necessarily reflect those of the
Coast Gazette.</p>"""
    article = _clean(_page(inside_body=extras))
    _keeps_story(article)
    for chrome in ("How the channel silted up", "Port survey office", "do not necessarily reflect"):
        assert chrome not in article.text


def test_a_paragraph_broken_with_line_breaks_stays_one_paragraph() -> None:
    broken = (
        "<p>Fishing crews welcomed the decision, saying the<br>\nchannel had become dangerous for the larger "
        "boats,<br>\nwhich now wait for high tide before leaving port.</p>"
    )
    article = _clean(_page(inside_body=broken))
    _keeps_story(article)
    paragraph = next(p for p in article.paragraphs if p.startswith("Fishing crews"))
    assert paragraph.endswith("before leaving port.") and "\n" not in paragraph


def test_a_headline_is_not_guessed_when_the_page_names_a_different_one() -> None:
    opening = "<p>A special report from our coastal affairs desk on the future of the old port</p>\n"
    page = (
        _page(title="A guide to the harbour's history")
        .replace('<div class="story-body">\n', f'<div class="story-body">\n{opening}')
        .replace("<h1>A guide to the harbour's history</h1>", "")
    )
    article = _clean(page)
    _keeps_story(article)
    assert article.text.startswith("A special report from our coastal affairs desk")
    assert article.title == "A guide to the harbour's history"

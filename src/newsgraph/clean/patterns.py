"""Patterns for the page chrome that scrapers leave around news articles.

Every pattern matches a whole unit (a line or block), case-insensitively, after its
whitespace is collapsed; they are written for news sites in general, from the widgets
and labels that CMS themes print, never from one article's strings.
"""

from __future__ import annotations

import re


def _whole(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"^(?:" + "|".join(alternatives) + r")$", re.IGNORECASE)


_SOCIAL = (
    r"facebook|twitter|x|whatsapp|telegram|linkedin|reddit|pinterest|tumblr|flipboard|messenger"
    r"|vk|vkontakte|threads|bluesky|mastodon|truth social|gettr|gab|email|e-mail|mail|sms|copy link"
)

# A line that is nothing but a widget, a label or a navigation item.
CHROME_LINE = _whole(
    # search boxes
    r"search(?: (?:this site|the site|site|news|articles|for))?\s*:?(?:\s*(?:…|\.\.\.))?",
    r"close (?:this )?search(?: box| form| bar)?\.?",
    r"(?:type|enter) (?:your )?(?:search|keywords?).*",
    r"press (?:enter|return) to search.*|start typing.*|submit search|search results?",
    # share widgets
    r"spread the (?:love|word)|sharing is caring!?",
    r"(?:you can |please )?share(?: this| the| it| full)?(?: article| story| post| page| video| now)?"
    r"(?: (?:on|via|to|with) .{1,30})?\s*:?",
    r"reuse this content|(?:open|read|continue) in (?:the )?app|download (?:our|the) .{0,40}app.{0,60}",
    rf"(?:(?:share (?:on|via|to) )?(?:{_SOCIAL})\s*[|·•,/]?\s*){{1,10}}",
    r"tweet(?: this)?|pin(?: it)?|print(?: this)?(?: article| story| page)?",
    r"email(?: this)?(?: article| story)?",
    r"(?:copy|copied)(?: the)? (?:link|url)(?: to clipboard)?!?|link copied.*",
    r"like this:?|like loading\.*|click to (?:share|email|print|tweet).{0,60}|\(?opens in new window\)?",
    r"follow us(?: on .{1,40})?\s*:?",
    r"(?:follow|join) .{1,40} on (?:telegram|twitter|x|facebook|instagram|whatsapp).{0,40}",
    r"(?:follow|join) (?:us|our) .{0,60}"
    r"(?:channel|telegram|whatsapp|twitter|facebook|instagram|community).{0,60}",
    r"gift (?:this )?article|save(?: article| story| for later| to my list)?|bookmark(?: this)?",
    r"listen(?: to(?: this| the)? (?:article|story))?(?:\s*[(\[]?\d+ min[)\]]?)?",
    r"(?:(?:updated|published|posted)\s+)?\d+ (?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?) ago",
    r"\d{1,2}[:.]\d\d\s*(?:am|pm|a\.m\.|p\.m\.)?\s*(?:[a-z]{2,4}|utc[+-]?\d*)?",
    r"source\s*:.{1,80}",
    r"(?:if you (?:find|notice|see|spot)|found|spotted) an? (?:error|typo|mistake).{0,120}",
    r"image (?:source|caption|credit)\s*[,:].{1,300}|click here\b.{0,150}",
    r"(?:report an? (?:error|typo|correction)|send us (?:a|your) (?:tip|news tip|correction)s?).{0,80}",
    r"(?:tags?|topics?|filed under|categories|keywords|related topics)\s*:.{0,300}",
    r"\d+\s*(?:min|mins|minute|minutes)\.? read|reading time\s*:?.{0,20}",
    # comments
    r"(?:write|leave|post|add|view|show|hide|load|read|see|open|submit)(?: a| the| your| all| \d+)?"
    r" (?:comment|reply|response)s?\s*:?",
    r"\d+\s*(?:comments?|responses?|replies|reactions?)|comments?\s*(?:\(\d+\))?\s*:?",
    r"no comments?(?: yet)?\.?|be the first to (?:comment|reply).*|join the (?:conversation|discussion).*",
    r"comments are (?:closed|disabled)\.?|loading comments.{0,10}|cancel reply",
    r"you must be (?:logged|signed) in to (?:post|leave) a (?:comment|reply)\.?",
    r"your email address will not be published\.?.{0,60}|required fields are marked.{0,5}",
    r"save my name,? email,? and website.{0,100}|notify me (?:of|when) .{0,80}",
    r"(?:post|submit|send) (?:comment|reply)|(?:name|email|website|comment)\s*\*?",
    # font-size controls ("A A A", "A+ A-")
    r"(?:a[+-]?\s*){1,3}|aa|text size|font size|(?:increase|decrease|reset) (?:text|font) size",
    # bare labels and navigation
    r"date|time|author|authors|by|posted|published|updated|category|categories|tags?|topics?|section",
    r"source|photo|image|video|audio|gallery|advertisement|advertising|ad|sponsored(?: content)?|promoted",
    r"menu|home|skip to (?:main )?content|toggle navigation|navigation|main menu|open menu|close menu",
    r"log ?in|log ?out|sign ?in|sign ?up|register|subscribe(?: now| today)?|donate(?: now)?|support us",
    r"contact(?: us)?|about(?: us)?|privacy(?: policy)?|terms(?: of (?:use|service))?",
    r"cookie (?:policy|settings)",
    r"loading\.*|read more\s*[»›>→]*|continue reading.{0,40}|more|articles|more articles|more stories",
    r"see more|show more|load more|view all|see all|back to top|top|close|open|play|pause|watch(?: now)?",
    r"(?:advertisement|ad)\s*[-–—]\s*scroll to continue|scroll to continue(?: with content)?",
    r"(?:story|article) continues (?:below|after).{0,30}|continue reading below",
    r"breaking(?: news)?|live(?: updates)?|just in|exclusive|opinion|analysis|explainer",
    r"enditem|end|-+\s*30\s*-+|#{3}|\*{3}|\* \* \*",
    # author boxes
    r"about the authors?|author bio(?:graphy)?",
    r"more (?:articles|stories|posts|from this author)(?: (?:by|from) .{1,60})?",
    r"(?:view|see|read) (?:all|more) (?:posts|articles|stories)(?: (?:by|from) .{1,60})?|posts by .{1,60}",
    r"latest posts(?: by .{1,60})?",
)

# Headers after which come a few linked headlines (consumed until the body resumes).
RELATED_HEADER = _whole(
    r"related(?: (?:stories|articles|posts|content|news|coverage|reading|topics|links|videos?|items))?",
    r"(?:read|see|watch) (?:more|also|next)|also (?:read|see)|see also|further reading|what to read next",
    r"more (?:on|about) (?:this|this story|this topic|the topic)|more (?:stories|news|articles|headlines)",
    r"you (?:may|might) also (?:like|be interested in|enjoy)",
    r"recommended(?: for you| stories| articles| reading)?",
    r"more from .{1,40}|most (?:read|popular|viewed|shared|commented)",
    r"trending(?: now| stories| news| topics)?",
    r"explore more on (?:this|these) topics?",
    r"latest(?: news| stories| headlines| articles)?|top (?:stories|news|headlines)|editor'?s? picks?",
    r"(?:don't|do not) miss|in other news|popular(?: stories| posts| articles)?|(?:more|other) news",
)
# "Related: headline", also in brackets as some CMSs print it: "[Read more: headline]".
RELATED_HEADER_COLON = re.compile(
    r"^[\[(]?\s*(?:related(?: \w+)?|read (?:more|also|next)|also read|see also|more|watch|listen|recommended|"
    r"more on this|read)\s*[:|»›>]+\s*\S.{2,250}$",
    re.IGNORECASE,
)

# "Previous Article" + the headline on the next line; "Next post: headline" inline.
PREV_NEXT = _whole(
    r"[«‹<←]?\s*(?:previous|prev|next|older|newer)(?: article| post| story| entry| page)?\s*[»›>→]?"
)
PREV_NEXT_INLINE = re.compile(
    r"^[«‹<←]?\s*(?:previous|prev|next|older|newer)(?: article| post| story| entry)"
    r"\s*[:|»›>→–—-]+\s*\S.{2,250}$",
    re.IGNORECASE,
)

# Headers opening an author box: the short lines after them belong to it.
AUTHOR_BOX = _whole(r"about the (?:authors?|writer|contributor)|author bio(?:graphy)?")

# An opinion page's disclaimer: "The views expressed ... do not necessarily reflect those of ...".
DISCLAIMER = re.compile(
    r"^(?:the )?(?:views|opinions)(?: and opinions)? expressed (?:in|here|by|on)\b.{0,200}"
    r"\b(?:(?:do not|don't|does not) necessarily (?:reflect|represent)|are (?:solely )?(?:those|the author'?s'?))\b.{0,200}$",
    re.IGNORECASE,
)
COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright\b).{0,300}$|^.{0,200}\ball rights reserved\b.{0,200}$"
    r"|^this material may not be (?:published|reproduced|redistributed).{0,200}$",
    re.IGNORECASE,
)
COPYRIGHT_OWNER = re.compile(
    r"^(?:(?:©|\(c\)|copyright)\s*)+(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*,?\s*)?(?:by\s+)?"
    r"(?P<owner>[^\W\d][^.|,©]{1,60}?)\s*(?:[.|,]|\ball rights\b|$)",
    re.IGNORECASE,
)
# Prompts speak to the reader: an imperative opening, or "our newsletter"; a report about
# newsletters or sign-ups does neither.
NEWSLETTER = re.compile(
    r"^(?:sign up|subscribe|register|opt in|join|get|receive|never miss|don't miss|stay (?:informed|updated|up to date)"
    r"|want (?:more|the latest)|like (?:this|what you read))\b.{0,200}"
    r"\b(?:newsletters?|briefings?|updates|alerts|digest|inbox|e-?mails?|channel|podcast)\b.{0,120}$"
    r"|^.{0,120}\bour (?:[\w-]+ ){0,3}(?:newsletters?|briefing|digest)\b.{0,120}$"
    r"|^enter your e-?mail(?: address)?.{0,80}$|^thank(?:s| you) for (?:signing up|subscribing).{0,120}$"
    r"|^by (?:signing up|subscribing|clicking).{0,40}\byou agree.{0,200}$|^subscribe to .{1,80}$"
    r"|^keep an eye on your inbox\b.{0,120}$|^there was an error processing your (?:subscription|sign-?up|request).{0,40}$",
    re.IGNORECASE,
)
COOKIES = re.compile(
    r"^.{0,200}\b(?:we|this (?:web)?site|our (?:web)?site|our partners)"
    r" (?:uses?|sets?|and our partners use) cookies\b.{0,300}$"
    r"|^(?:accept|reject|allow|manage)(?: all)?(?: cookies| consent| preferences| settings)?$"
    r"|^.{0,120}\bcookie (?:settings|preferences|policy|consent|notice)\b.{0,120}$"
    r"|^by (?:continuing to use|using|browsing) (?:this|our) (?:site|website).{0,200}$",
    re.IGNORECASE,
)
CAPTION_CREDIT = re.compile(
    r"^(?:[\w .'-]{1,40}/)?(?:getty images|afp|reuters|ap|epa|shutterstock|alamy|bloomberg|anadolu)"
    r"(?: via getty images)?$|"
    r"^(?:photo|image|picture|illustration|graphic|file photo|video)s?(?: credit)?"
    r"\s*(?::|/|by\b|courtesy\b).{1,150}$"
    r"|^\(?(?:photo|image|picture)s? (?:by|courtesy of|credit:?) .{1,120}\)?$"
    r"|^\(?(?:photo |image )?credits?\s*:\s*.{1,120}\)?$",
    re.IGNORECASE,
)
# A caption ends with the picture agency's credit: "... in Moscow. REUTERS/Jane Doe", "(AP Photo/John Roe)".
CAPTION_END = re.compile(
    r"^.{0,400}(?:\b(?:REUTERS|AFP|EPA(?:-EFE)?|Getty Images|Sputnik|TASS|Xinhua|Anadolu)"
    r"\s*/\s*[\w .'’-]{2,60}"
    r"|\((?:AP|AFP|Reuters) Photo(?:/[\w .'’-]{2,60})?\)"
    r"|\b(?:Photo|Image|Picture)s?\s*(?:credit)?\s*:\s*[\w .,'’&/-]{2,80})$"
)
# Under a comments header, these mark a thread of reader comments.
COMMENT_MARK = re.compile(
    r"^(?:reply|report|flag|like|\d+ likes?|report comment|load more comments|show more replies)$"
    r"|^.{0,60}\b\d{1,2}[:.]\d\d\s*(?:am|pm|a\.m\.|p\.m\.)?$",
    re.IGNORECASE,
)
# A header that only opens a list of reader comments (not a counter, which share bars print anywhere).
COMMENTS_LIST_HEADER = re.compile(
    r"^[\[(]?\s*(?:(?:top(?: rated)?|reader'?s'?|user|latest|recent|most (?:popular|recent|liked)|featured"
    r"|(?:view|read|show|see) all)\s+comments|(?:view|read|show|see) (?:all )?\d* ?comments)\s*[\])]?$",
    re.IGNORECASE,
)
COMMENTS_HEADER = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies)(?:\s*\(\d+\))?\s*:?$"
    r"|^(?:leave|write|post|add) (?:a|your) (?:comment|reply)$|^join the (?:conversation|discussion).{0,40}$"
    r"|^\d+ thoughts? on .{1,200}$",
    re.IGNORECASE,
)

# Editor and desk tags: "(esn)", "ak/rs (AFP, Reuters)"; credit lines: "(Reporting by ...; Editing by ...)".
EDITOR_TAG = re.compile(
    r"^\([a-z]{2,5}(?:/[a-z]{2,5})*\)$|^[a-z]{2,5}(?:/[a-z]{2,5})+(?:\s*\([^()]{2,80}\))?$",
)
CREDITS_LINE = re.compile(
    r"^\(?\s*(?:additional |further )?(?:reporting|writing|editing|edited|compiled|translated|produced"
    r"|written|fact-checked|graphics|research|sub-?edited)(?: and \w+)?\s+by\b[^()]{2,300}\)?\.?$",
    re.IGNORECASE,
)
REPORTER = re.compile(
    r"\b(?:reporting|written|writing) by\s+([^;,()]+?)(?:\s+in\s+[A-Z][^;()]*)?(?:[;,)]|$)", re.I
)

# Chrome glued to the end of a body paragraph.
TRAILING_TAGS = (
    re.compile(
        r"\s*\[(?:source|sources|source attribution|attribution|via|credit|credits"
        r"|with (?:files|reporting) from)"
        r"\b[^\[\]]{0,200}\]$",
        re.IGNORECASE,
    ),
    re.compile(
        r"\s*\((?:source|sources|via|with (?:files|reporting) from)\s*:?[^()]{1,150}\)$", re.IGNORECASE
    ),
    re.compile(
        r"\s*\(\s*(?:additional )?(?:reporting|writing|editing|compiled|edited) by\b[^()]{2,300}\)$",
        re.IGNORECASE,
    ),
    # a feed excerpt's link, after the last sentence ("... said. Read more »")
    re.compile(r"(?<=[.!?…\"”’])\s*(?:[Rr]ead [Mm]ore|READ MORE|Continue [Rr]eading)\s*[»›>→]*$"),
    re.compile(r"\s+enditem$", re.IGNORECASE),
)
# The mark a CMS puts after a truncated excerpt: "... it would probably be [...]".
EXCERPT_MARK = re.compile(r"\s*\[(?:…|\.\.\.|&hellip;)\]$")
# A desk tag like "(esn)" is only a tag at the very end of the article.
FINAL_DESK_TAG = re.compile(r"\s+\([a-z]{2,5}(?:/[a-z]{2,5})*\)$")

# "The post <headline> appeared first on <Outlet>." and republishing notes.
OUTLET_NOTE = (
    re.compile(r"^the post .{1,400}? appeared first on (?P<outlet>.{1,100}?)\.?$", re.IGNORECASE),
    re.compile(
        r"^(?:this|the) (?:article|story|post|piece|report|column)"
        r" (?:was (?:originally |first )?(?:published|posted)"
        r"|(?:originally|first) (?:appeared|ran|published)) (?:on|in|at|by) (?P<outlet>.{1,100}?)\.?$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(?:originally|first) (?:published|appeared) (?:on|in|at|by) (?P<outlet>.{1,100}?)\.?$", re.I
    ),
)

BYLINE = re.compile(
    r"^(?:by|written by|words by|author:|posted by|reported by)\s+(?P<name>[^\d|•·,]{2,80}?)"
    r"(?:\s*(?:[,|•·/–—-]|\bfor\b|\bin\b).{0,120})?$",
    re.IGNORECASE,
)

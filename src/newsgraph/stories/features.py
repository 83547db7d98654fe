"""What an article says about its event: content terms, names and numbers, title words, date.

Computed without spaCy so the stage stays cheap; names come from capitalisation, and the
pipeline may add its named entities. Only raw counts are kept: IDF weights change as the
collection grows, so they are applied at comparison time.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from newsgraph.dedup.text import STOPWORDS, content_stems, normalize, words
from newsgraph.records import Article

# Capitalised words that are not names: calendar words and sentence openers.
_NOT_NAMES = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tomorrow",
        "mr",
        "mrs",
        "ms",
        "dr",
    ]
)
_TOKEN = re.compile(r"[^\W\d_](?:[^\W_]|['\u2019.-](?=[^\W_]))*|\d+(?:[.,]\d+)*")
_POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)
# Titles and roles that precede a name: "Prime Minister Jane Doe" is keyed as "jane doe".
_TITLES = frozenset(
    [
        "president",
        "vice",
        "prime",
        "minister",
        "chancellor",
        "secretary",
        "general",
        "governor",
        "mayor",
        "chief",
        "executive",
        "police",
        "foreign",
        "interior",
        "defence",
        "defense",
        "finance",
        "state",
        "senator",
        "sen",
        "rep",
        "judge",
        "king",
        "queen",
        "prince",
        "general",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "premier",
        "ceo",
        "chairman",
        "chairwoman",
        "director",
        "commissioner",
        "ambassador",
        "deputy",
        "acting",
        "former",
        "leader",
    ]
)
_NAME_GAP = re.compile(r"[ \t]+|[ \t]*-[ \t]*")  # what may separate two words of one name
_SENTENCE_BREAK = re.compile(r"[.!?:;\"\u201c\u201d()\[\]]\s*$|\n\s*$|^\s*$")


@dataclass
class StoryFeatures:
    """Raw counts for one article; ``names`` mixes proper-name tokens, full names and numbers."""

    id: str
    published: str | None
    terms: dict[str, float] = field(default_factory=dict)
    names: dict[str, float] = field(default_factory=dict)
    title: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(
            {
                "id": self.id,
                "published": self.published,
                "terms": self.terms,
                "names": self.names,
                "title": self.title,
            },
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, data: str | dict[str, Any]) -> StoryFeatures:
        payload = json.loads(data) if isinstance(data, str) else data
        return cls(
            id=payload["id"],
            published=payload.get("published"),
            terms=dict(payload.get("terms", {})),
            names=dict(payload.get("names", {})),
            title=list(payload.get("title", [])),
        )


def _number_key(token: str) -> str | None:
    """'4,000' -> '#4000', '7.6' -> '#7.6'; single digits are too common to identify anything."""
    value = token.replace(",", "")
    if len(value.replace(".", "")) < 2:
        return None
    return "#" + value


def _name_tokens(text: str) -> list[list[str]]:
    """Runs of capitalised words (likely names), found away from sentence starts or confirmed elsewhere."""
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(text)]
    capitalised_inside: set[str] = set()
    starts: list[bool] = []
    prev_end = 0
    for tok, pos in tokens:
        at_start = bool(_SENTENCE_BREAK.search(text[max(0, prev_end - 2) : pos])) or prev_end == 0
        starts.append(at_start)
        if not at_start and tok[0].isupper():
            capitalised_inside.add(tok)
        prev_end = pos + len(tok)
    runs: list[list[str]] = []
    run: list[str] = []
    for i, (tok, pos) in enumerate(tokens):
        if run and i > 0 and not _NAME_GAP.fullmatch(text[tokens[i - 1][1] + len(tokens[i - 1][0]) : pos]):
            runs.append(run)
            run = []
        word = _POSSESSIVE.sub("", tok)
        low = normalize(word)
        is_name = word[:1].isupper() and low not in STOPWORDS and low not in _NOT_NAMES and len(low) > 1
        if is_name and starts[i] and not run:
            following = tokens[i + 1][0] if i + 1 < len(tokens) else ""
            is_name = tok in capitalised_inside or (following[:1].isupper() and not starts[i + 1])
        if is_name:
            run.append(low)
            if word != tok:  # a possessive ends the name
                runs.append(run)
                run = []
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


def _count_name(run: list[str], names: Counter[str]) -> None:
    """Count each word of a name, and the whole name without the titles before it."""
    for tok in run:
        names[tok] += 1
    titled = [i for i, tok in enumerate(run) if tok in _TITLES or set(tok.split("-")) & _TITLES]
    if titled:  # "russian foreign minister sergei lavrov" -> "sergei lavrov"
        run = run[titled[-1] + 1 :]
    if len(run) > 1:
        names[" ".join(run)] += 1


def features(article: Article, entities: list[str] | None = None) -> StoryFeatures:
    """Features of an article; ``entities`` are extra name strings (e.g. spaCy's) when available."""
    body = article.text or ""
    title = article.title or ""
    terms: Counter[str] = Counter(content_stems(words(body)))
    title_stems = content_stems(words(title))
    for s in title_stems:  # the headline states the event: count it as much as a paragraph would
        terms[s] += 2
    names: Counter[str] = Counter()
    for run in _name_tokens(body):
        _count_name(run, names)
    for entity in entities or []:
        _count_name([w for w in words(entity) if w not in STOPWORDS], names)
    for tok in re.findall(r"\b\d+(?:[.,]\d+)*\b", body + " " + title):
        key = _number_key(tok)
        if key:
            names[key] += 1
    title_names = {n for n in names if " " not in n} & set(words(title))
    for n in title_names:
        names[n] += 1
    return StoryFeatures(
        id=article.id,
        published=article.published,
        terms=dict(terms),
        names=dict(names),
        title=sorted(set(title_stems)),
    )

"""Query-string filters shared by the pages and the API, validated before any query runs.

Every filter lives in the URL, so a view can be bookmarked, shared and exported. Empty form
fields mean "no filter"; lengths and date shapes are bounded (a 422 for the API, a 400
page for the HTML views).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from newsgraph.web.article_search import ArticleFilters

MAX_TEXT = 200
EXPORT_MAX = 50_000  # rows in one JSON/CSV export
PER_PAGE = 50
MAX_PAGE = 2_000


def _blank_is_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


Text = Annotated[Annotated[str, StringConstraints(max_length=MAX_TEXT)] | None, BeforeValidator(_blank_is_none)]
Code = Annotated[Annotated[str, StringConstraints(max_length=64)] | None, BeforeValidator(_blank_is_none)]
# YYYY, YYYY-MM or YYYY-MM-DD; ``until`` includes the whole period it names.
Day = Annotated[
    Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")] | None, BeforeValidator(_blank_is_none)
]
Since = Annotated[Day, Field(description="from this date: YYYY, YYYY-MM or YYYY-MM-DD")]
Until = Annotated[Day, Field(description="to this date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD")]


class Listing(BaseModel):
    """Paging for API lists and the export format; the pages use ``page`` instead."""

    model_config = ConfigDict(extra="ignore")
    limit: int = Field(PER_PAGE, ge=1, le=EXPORT_MAX)
    offset: int = Field(0, ge=0, le=PER_PAGE * MAX_PAGE)
    format: Literal["json", "csv"] = "json"


class Paged(BaseModel):
    model_config = ConfigDict(extra="ignore")
    page: int = Field(1, ge=1, le=MAX_PAGE)

    @property
    def offset(self) -> int:
        return (self.page - 1) * PER_PAGE


class ArticleParams(BaseModel):
    q: Text = Field(None, description="words, all required; no query syntax")
    outlet: Text = None
    actor: Text = Field(None, description="actor id mentioned in the article")
    speaker_id: Text = Field(None, description="actor id of a quoted speaker")
    speaker: Text = Field(None, description="name of a quoted speaker, as stored (for unresolved speakers)")
    event_type: Code = None
    since: Since = None
    until: Until = None

    def filters(self) -> ArticleFilters:
        return ArticleFilters(q=self.q, outlet=self.outlet, actor=self.actor, speaker_id=self.speaker_id,
                              speaker=self.speaker, event_type=self.event_type, since=self.since, until=self.until)


class QuoteParams(BaseModel):
    speaker: Text = Field(None, description="part of the speaker's name")
    speaker_id: Text = Field(None, description="the speaker's actor id")
    about: Text = Field(None, description="actor id, name or country code in the quote's sentence")
    type: Literal["direct", "partial", "indirect"] | None = None
    outlet: Text = None
    since: Since = None
    until: Until = None


class EventParams(BaseModel):
    actor: Text = Field(None, description="actor id (source or target, see role)")
    role: Literal["source", "target"] | None = None
    source: Code = Field(None, description="dyad source code, e.g. RUS")
    target: Code = Field(None, description="dyad target code")
    both: bool = Field(False, description="count both directions of the dyad")
    event_type: Code = None
    since: Since = None
    until: Until = None


class NetworkParams(BaseModel):
    since: Since = None
    until: Until = None


class RelationParams(NetworkParams):
    """A dyad (``source`` → ``target``) over time, shown with the network of the period."""

    source: Code = Field(None, description="dyad source code, e.g. RUS")
    target: Code = Field(None, description="dyad target code")
    both: bool = Field(False, description="count both directions of the dyad")
    by: Literal["day", "month", "year"] = "month"


class ActorParams(BaseModel):
    name: Text = Field(None, description="part of the actor's name")
    kind: Literal["person", "org", "country", "igo", "group"] | None = None


class ArticleQuery(ArticleParams, Listing):
    pass


class QuoteQuery(QuoteParams, Listing):
    pass


class EventQuery(EventParams, Listing):
    pass


class ActorQuery(ActorParams, Listing):
    pass


class RelationQuery(RelationParams):
    format: Literal["json", "csv"] = "json"


class NetworkQuery(NetworkParams):
    format: Literal["json", "csv"] = "json"


class ArticlePage(ArticleParams, Paged):
    pass


class QuotePage(QuoteParams, Paged):
    pass


class EventPage(EventParams, Paged):
    pass


class ActorPage(ActorParams, Paged):
    pass


def active(params: BaseModel, *exclude: str) -> dict[str, Any]:
    """The filters actually set, for links and export envelopes."""
    skip = {"page", "limit", "offset", "format", *exclude}
    return {k: v for k, v in params.model_dump().items() if k not in skip and v not in (None, False, "")}

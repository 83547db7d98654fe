"""Whether a description ("the diplomat", "Russia's foreign minister") fits a known person.

The quotes stage resolves such descriptions to a speaker; this check keeps it from giving
"the general" to a foreign minister or "the Chinese spokesman" to a Russian one.
"""

from __future__ import annotations

from newsgraph.actors.coding import code_text, role_sectors
from newsgraph.actors.people import Person, name_units, shipped_people
from newsgraph.actors.text import fold
from newsgraph.records import Actor

# A description word and the words of the offices it can describe.
_ROLE_FAMILIES: dict[str, tuple[str, ...]] = {
    "diplomat": ("foreign minister", "foreign secretary", "secretary of state", "ambassador", "envoy", "diplomat",
                 "foreign affairs", "consul", "negotiator", "high representative", "un secretary"),
    "envoy": ("envoy", "ambassador", "representative", "negotiator"),
    "ambassador": ("ambassador", "permanent representative", "envoy"),
    "minister": ("minister",),
    "secretary": ("secretary",),
    "president": ("president",),
    "premier": ("premier", "prime minister"),
    "chancellor": ("chancellor",),
    "leader": ("leader", "president", "prime minister", "premier", "chancellor", "king", "emir", "sultan",
               "supreme", "chairman", "general secretary", "head of"),
    "spokesman": ("spokes", "press secretary"),
    "spokeswoman": ("spokes", "press secretary"),
    "spokesperson": ("spokes", "press secretary"),
    "general": ("general", "chief of staff", "commander", "chief of the defence", "chief of the general"),
    "commander": ("commander", "general", "chief of staff"),
    "senator": ("senator",),
    "lawmaker": ("senator", "congress", "member of parliament", "mp", "lawmaker", "speaker"),
    "legislator": ("senator", "congress", "member of parliament", "lawmaker", "speaker"),
    "governor": ("governor",),
    "mayor": ("mayor",),
    "king": ("king",),
    "queen": ("queen",),
    "emir": ("emir",),
    "prince": ("prince",),
    "monarch": ("king", "queen", "emir", "sultan", "emperor"),
    "judge": ("judge", "justice", "court"),
    "prosecutor": ("prosecutor", "attorney general"),
    "chief": ("chief", "director", "head"),
    "director": ("director", "chief", "head"),
}
_GENERIC = {"official", "politician", "statesman", "stateswoman", "veteran"}


def nominal_matches(noun_phrase: str, actor: Actor) -> bool:
    """Whether ``noun_phrase`` can describe ``actor``: role words fit its office, countries agree.

    "the diplomat" fits a foreign minister or an ambassador, "the secretary" a secretary,
    "Russia's foreign minister" only a Russian one; a name in the phrase must be the actor's.
    """
    code = code_text(noun_phrase)
    if code is None:  # perhaps a bare name the tables do not know ("Petrova")
        return noun_phrase.strip()[:1].isupper() and _same_name(noun_phrase, actor)
    if code.named and not _same_name(code.name, actor):
        return False
    if code.country and actor.country and code.plover_country not in (actor.country, None) \
            and code.country != actor.country:
        return False
    if code.named:
        return True
    words = fold(noun_phrase).replace("-", " ")
    role = fold(actor.role or "")
    families = [(w, fam) for w, fam in _ROLE_FAMILIES.items() if _has_word(words, w)]
    if families:
        return bool(role) and any(part in role for _, fam in families for part in fam)
    if any(_has_word(words, w) for w in _GENERIC):
        return actor.kind == "person" and bool(actor.sector or actor.role)
    if code.sectors and (actor.sector or actor.role):
        actor_sectors = {actor.sector, *role_sectors(actor.role or "")} - {None}
        return bool(set(code.sectors) & actor_sectors)
    return False


def _has_word(text: str, word: str) -> bool:
    padded = f" {text} "
    return any(f" {form} " in padded for form in (word, word + "s", word + "es"))


def _same_name(name: str, actor: Actor) -> bool:
    """Whether a name in the description is one of the actor's (surname and given names agreeing)."""
    index = shipped_people().empty_like()
    index.common = set()
    index.add(Person("actor", actor.name, actor.country or "", (), tuple(actor.aliases)))
    return bool(index.match(name)) or name_units(name) == name_units(actor.name)

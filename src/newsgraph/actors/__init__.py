"""Actors: who is who in the news, coded to countries and sectors and resolved to canonical actors.

``code_text`` codes any actor phrase ("Russia's foreign ministry" -> RUS, GOV); ``find_mentions``
finds and links the actors of a parsed document; ``ActorRegistry`` keeps canonical actors across
documents and the user's own actor file; ``nominal_matches`` checks a description ("the diplomat")
against a known person.
"""

from newsgraph.actors.coding import ActorCode, code_text
from newsgraph.actors.mentions import find_mentions
from newsgraph.actors.nominal import nominal_matches
from newsgraph.actors.registry import ActorFileError, ActorRegistry, load_actor_file

__all__ = ["ActorCode", "ActorFileError", "ActorRegistry", "code_text", "find_mentions", "load_actor_file",
           "nominal_matches"]

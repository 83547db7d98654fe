"""PLOVER's conventions for who the source and the target of a coded event are.

The clause gives the grammatical actor and recipient; PLOVER then asks for a few adjustments:
a meeting or a joint act has every party as a source and no recipient, domestic repression and
protest target the state where they happen, and an actor the coder cannot place belongs where
the event happens.
"""

from __future__ import annotations

import pycountry

from newsgraph.events.participants import Party

# Codes kept as they are besides ISO countries: non-state kinds, and Kosovo's user-assigned code.
KEPT_CODES = frozenset({"IGO", "NGO", "IMG", "MNC", "XKX"})

# Types whose target, when the text names none, is the place or the source's own country:
# PLOVER codes domestic protest, repression and violence against the state where it happens.
DOMESTIC = frozenset({"PROTEST", "COERCE", "ASSAULT", "CONCEDE"})
# Threats and sanctions of a domestic kind: a threatened curfew or strike, a court's sentence.
DOMESTIC_MODES = frozenset({
    ("THREATEN", "restrict"), ("THREATEN", "ban"), ("THREATEN", "arrest"), ("THREATEN", "rights"),
    ("SANCTION", "convict"),
})
# Types whose unplaced recipient ("investigating former premier Bettino Craxi", "freed 2,000 political
# prisoners") is taken to be of the country where the act happens, or of the source.
PLACED_BY_SOURCE = frozenset({
    "ACCUSE", "REQUEST", "REJECT", "THREATEN", "SANCTION", "COERCE", "ASSAULT", "PROTEST", "CONCEDE",
    "RETREAT",
})
# Types that need a second party: a country does not cooperate with or meet itself.
MUTUAL = frozenset({"AGREE", "CONSULT", "COOPERATE", "SUPPORT", "AID"})
# Types two coordinated actors can do together with no recipient ("Israel and Lebanon met").
RECIPROCAL = frozenset({"AGREE", "CONSULT", "COOPERATE", "SUPPORT", "REJECT", "ASSAULT", "ACCUSE"})
# CONSULT modes with a direction: the visitor and the host, the mediator and the parties.
DIRECTED_CONSULT = frozenset({"visit", "third-party"})


def plover_code(code: str) -> str:
    """PLOVER's actor codes: ISO countries, and IGO/NGO/IMG for the rest ("UNO", "EUR" -> IGO)."""
    code = code.upper()
    if code in KEPT_CODES or pycountry.countries.get(alpha_3=code) is not None:
        return code
    return "IGO"


def codes(parties: list[Party]) -> list[str]:
    """The distinct PLOVER codes of coded parties, in order."""
    return list(dict.fromkeys(plover_code(p.code) for p in parties if p.code))


def unnamed_source(
    etype: str, place_code: str | None, sentence_codes: list[str], target: list[str], has_actor: bool
) -> list[Party]:
    """An actor the coder could not place is taken to belong where the event happens, or to the
    only country the sentence names ("the Umma party ... will boycott Algeria's elections"); for a
    type that needs two parties that country cannot also be the target."""
    if place_code and not (etype in MUTUAL and place_code in target):
        return [Party(place_code)]
    named = [c for c in sentence_codes if etype not in MUTUAL or c not in target]
    if has_actor and len(named) == 1:
        return [Party(named[0])]
    return []


def settle(
    etype: str, mode: str | None, sources: list[Party], targets: list[Party], place_code: str | None,
    meeting: bool = False, unplaced: bool = False,
) -> tuple[list[Party], list[Party]]:
    """Sources and targets after PLOVER's conventions. ``meeting`` says the trigger is a meeting or
    a call, not a message handed to someone; ``unplaced`` that the recipient is an actor with no code."""
    source, target = codes(sources), codes(targets)
    if set(target) == set(source) and etype in MUTUAL or (
        len(source) > 1 and etype in RECIPROCAL and set(target) <= set(source)
    ):
        targets, target = [], []
    if etype == "CONSULT" and meeting and target and mode not in DIRECTED_CONSULT:
        # "X met Y", "X telephoned Y": a meeting has two actors and no recipient.
        return sources + [p for p in targets if p.code not in source], []
    if etype in DOMESTIC and place_code:  # "killed ethnic Albanians in southern Serbia": Serbia
        targets = [Party(place_code) if p.kind == "ethnic" else p for p in targets]
    domestic = etype in DOMESTIC or (etype, mode) in DOMESTIC_MODES or unplaced and etype in PLACED_BY_SOURCE
    if not target and domestic:
        fallback = place_code or (source[0] if len(source) == 1 else None)
        if fallback:
            targets = [Party(fallback)]
    return sources, targets

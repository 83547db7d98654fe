"""Actors: resolve mentions to canonical people, organisations, countries and IGOs.

PLACEHOLDER interface (to be replaced by the real resolver): ``find_mentions`` returns one
Mention per spaCy entity of a relevant label, with no country coding.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from newsgraph.records import Mention

_KINDS = {"PERSON": "person", "ORG": "org", "GPE": "country", "NORP": "country"}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def find_mentions(doc: Doc, registry: object | None = None) -> list[Mention]:
    out = []
    for ent in doc.ents:
        kind = _KINDS.get(ent.label_)
        if kind is None:
            continue
        out.append(
            Mention(
                start=ent.start_char,
                end=ent.end_char,
                text=ent.text,
                actor_id=f"{kind}:{_slug(ent.text)}",
                name=ent.text,
                kind=kind,
                sentence_start=ent.sent.start_char,
                sentence_end=ent.sent.end_char,
            )
        )
    return out

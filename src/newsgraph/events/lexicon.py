"""The shipped PLOVER trigger lexicon and bridge table, loaded once.

Rules live in data files (``data/events/lexicon.toml``, ``data/events/plover_bridge.tsv``) so
that a reviewer can read and extend the vocabulary without touching code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "SANCTION", "THREATEN", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT",
)
# Material or verbal acts that, when only promised, are an AGREE (cooperative) or a THREATEN
# (hostile); the rest (ACCUSE, REQUEST, REJECT, CONSULT) keep their type when promised.
COOPERATIVE = frozenset({"AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
HOSTILE = frozenset({"SANCTION", "THREATEN", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT"})


@dataclass(frozen=True)
class Sense:
    """A PLOVER event type with an optional mode."""

    type: str
    mode: str | None = None

    @classmethod
    def parse(cls, text: str) -> Sense:
        etype, _, mode = text.partition("/")
        if etype not in PLOVER_TYPES:
            raise ValueError(f"unknown PLOVER type in lexicon: {text!r}")
        return cls(etype, mode or None)

    def promised(self) -> Sense:
        """The event coded when this act is only promised or announced for the future."""
        if self.type in COOPERATIVE:
            return Sense("AGREE")
        if self.type in HOSTILE:
            return Sense("THREATEN", _THREAT_MODES.get(self.type))
        return self


_THREAT_MODES = {"ASSAULT": "violence", "SANCTION": "relations", "PROTEST": "restrict", "COERCE": "restrict"}


@dataclass(frozen=True)
class Frame:
    """A verb whose event depends on what it acts on."""

    verbs: frozenset[str]
    objects: frozenset[str]  # noun keys; "@any" matches every noun
    sense: Sense
    owned: bool = False  # only for the actor's own things ("handed over their weapons")


@dataclass(frozen=True)
class BridgeRow:
    intensity: float
    cameo: str
    goldstein: float


@dataclass
class Lexicon:
    verbs: dict[str, Sense]
    adjectives: dict[str, Sense]
    frames: list[Frame]
    nouns: dict[str, Sense]
    words: dict[str, frozenset[str]]
    speech_events: dict[str, Sense]
    modes: dict[str, dict[str, tuple[str, ...]]]
    contexts: dict[str, tuple[str, ...]]
    classes: dict[str, frozenset[str]] = field(default_factory=dict)
    bridge: dict[tuple[str, str], BridgeRow] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._frames_by_verb: dict[str, list[Frame]] = {}
        for frame in self.frames:
            for verb in frame.verbs:
                self._frames_by_verb.setdefault(verb, []).append(frame)

    def verb_frames(self, key: str) -> list[Frame]:
        """The frames of a verb reading ("hand over"), in lexicon order."""
        return self._frames_by_verb.get(key, [])

    def word(self, name: str) -> frozenset[str]:
        return self.words.get(name, frozenset())

    def object_class(self, name: str) -> frozenset[str]:
        """The nouns of an object class ("envoys")."""
        return self.classes.get(name, frozenset())

    def scores(self, sense: Sense) -> BridgeRow | None:
        """PLOVER intensity and the CAMEO bridge for a sense, mode-specific when known."""
        return self.bridge.get((sense.type, sense.mode or "")) or self.bridge.get((sense.type, ""))


def _read(name: str) -> str:
    return resources.files("newsgraph").joinpath(f"data/events/{name}").read_text("utf-8")


def _bridge(text: str) -> dict[tuple[str, str], BridgeRow]:
    rows: dict[tuple[str, str], BridgeRow] = {}
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("type\t"):
            continue
        etype, mode, intensity, cameo, goldstein = line.split("\t")
        rows[(etype, mode)] = BridgeRow(float(intensity), cameo, float(goldstein))
    return rows


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    data = tomllib.loads(_read("lexicon.toml"))
    classes = {name: list(values) for name, values in data["classes"].items()}

    def expand(items: list[str]) -> frozenset[str]:
        out: set[str] = set()
        for item in items:
            out.update(classes[item[1:]] if item.startswith("@") and item != "@any" else [item])
        return frozenset(out)

    words = data["words"]
    return Lexicon(
        verbs={k: Sense.parse(v) for k, v in data["verbs"].items()},
        adjectives={k: Sense.parse(v) for k, v in data["adjectives"].items()},
        frames=[
            Frame(frozenset(f["verbs"]), expand(f["objects"]), Sense.parse(f["sense"]), f.get("owned", False))
            for f in data["frames"]
        ],
        nouns={k: Sense.parse(v) for k, v in data["nouns"].items()},
        words={k: frozenset(v) for k, v in words.items() if isinstance(v, list)},
        speech_events={k: Sense.parse(v) for k, v in words["speech_events"].items()},
        modes={k: {m: tuple(v) for m, v in cues.items()} for k, cues in data["modes"].items()},
        classes={k: frozenset(v) for k, v in classes.items()},
        contexts={k: tuple(v) for k, v in data["contexts"].items()},
        bridge=_bridge(_read("plover_bridge.tsv")),
    )

"""A faster stand-in for spaCy's attribute ruler, with exactly its results."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

# The token values the lookup attribute ruler answers patterns on, in this order.
_TESTED = ("TAG", "LOWER", "DEP", "IS_SPACE")
_TESTED_IDS = [TAG, LOWER, DEP, IS_SPACE]


@dataclass(frozen=True)
class _Condition:
    """One key of a Matcher token pattern: ``{"TAG": "NN"}``, ``{"LOWER": {"IN": [...]}}``..."""

    field: int  # position in _TESTED
    op: str  # "==", "IN", "NOT_IN" or "REGEX"
    value: Any

    def holds(self, values: Sequence[str | bool]) -> bool:
        value = values[self.field]
        if self.op == "==":
            return bool(value == self.value)
        if self.op == "IN":
            return value in self.value
        if self.op == "NOT_IN":
            return value not in self.value
        return bool(self.value.search(value))


def _conditions(pattern: list[dict[str, Any]]) -> list[list[_Condition]] | None:
    """A Matcher pattern as the conditions on each of its tokens; None when it tests anything else
    (another attribute, an operator such as "OP", a value that is not a string), left to a Matcher."""
    out = []
    for token in pattern:
        if not set(token) <= set(_TESTED):
            return None
        conditions = []
        for key, value in token.items():
            field = _TESTED.index(key)
            if key == "IS_SPACE":
                if not isinstance(value, bool):
                    return None
                conditions.append(_Condition(field, "==", value))
            elif isinstance(value, str):
                conditions.append(_Condition(field, "==", value))
            elif isinstance(value, dict) and len(value) == 1:
                op, arg = next(iter(value.items()))
                if op == "REGEX" and isinstance(arg, str):
                    conditions.append(_Condition(field, op, re.compile(arg)))
                elif op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
                    conditions.append(_Condition(field, op, frozenset(arg)))
                else:
                    return None
            else:
                return None
        out.append(conditions)
    return out


class LookupAttributeRuler(AttributeRuler):
    """spaCy's attribute ruler, with its patterns answered from a lookup instead of a Matcher.

    en_core_web_sm's ruler has ~180 patterns, nearly all of one token testing its tag, lower
    form, dependency or whitespace; spaCy's Matcher tries every pattern at every token, about a
    tenth of the whole spaCy pass. Which pattern tokens a token satisfies depends only on those
    four values, so it is worked out once per distinct combination and a pattern matches where
    its tokens are satisfied in a row. Patterns testing anything else stay in a Matcher.
    ``match`` returns exactly what spaCy's does, so the same attributes are set in the same order.
    """

    def __init__(self, vocab: Any, name: str = "attribute_ruler") -> None:
        super().__init__(vocab, name)
        self.clear()

    def clear(self) -> None:
        super().clear()
        self._lengths: dict[tuple[int, int], int] = {}  # (pattern id, alternative) -> tokens
        # (pattern id, alternative, position) and its conditions, by the tag they require (None: any)
        self._by_tag: dict[str | None, list[tuple[tuple[int, int, int], list[_Condition]]]] = {}
        self._others = Matcher(self.vocab)
        self._satisfied = lru_cache(maxsize=1 << 16)(self._satisfied_by)

    def add(self, patterns: Iterable[Any], attrs: dict[Any, Any], index: int = 0) -> None:
        patterns = list(patterns)
        pattern_id = len(self.attrs)
        super().add(patterns, attrs, index)
        read = [_conditions(pattern) for pattern in patterns]
        if any(tokens is None for tokens in read):
            self._others.add(self.vocab.strings[str(pattern_id)], patterns)
            return
        for alternative, tokens in enumerate(t for t in read if t is not None):
            self._lengths[(pattern_id, alternative)] = len(tokens)
            for position, conditions in enumerate(tokens):
                tag = next((c.value for c in conditions if c.field == 0 and c.op == "=="), None)
                self._by_tag.setdefault(tag, []).append(((pattern_id, alternative, position), conditions))

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        rows = doc.to_array(_TESTED_IDS).tolist() if len(doc) else []
        satisfied = [self._satisfied(tuple(row)) for row in rows]
        found = set()
        for start, here in enumerate(satisfied):
            for pattern_id, alternative, position in here:
                length = self._lengths[(pattern_id, alternative)]
                if position == 0 and start + length <= len(rows) and all(
                    (pattern_id, alternative, k) in satisfied[start + k] for k in range(1, length)
                ):
                    found.add((pattern_id, start, start + length))
        if len(self._others):
            found |= {(int(self.vocab.strings[key]), s, e) for key, s, e in self._others(doc, allow_missing=True)}
        strings = self.vocab.strings
        return sorted((pattern_id, strings[str(pattern_id)], s, e) for pattern_id, s, e in found)

    def _satisfied_by(self, row: tuple[int, int, int, int]) -> frozenset[tuple[int, int, int]]:
        """(pattern id, alternative, position) of every pattern token that a token with these
        (tag, lower, dep, space) ids satisfies."""
        strings = self.vocab.strings
        values = (strings[row[0]], strings[row[1]], strings[row[2]], bool(row[3]))
        candidates = self._by_tag.get(values[0], []) + self._by_tag.get(None, [])
        return frozenset(key for key, conditions in candidates if all(c.holds(values) for c in conditions))


@Language.factory("lookup_attribute_ruler")
def make_lookup_attribute_ruler(nlp: Language, name: str) -> LookupAttributeRuler:
    return LookupAttributeRuler(nlp.vocab, name)

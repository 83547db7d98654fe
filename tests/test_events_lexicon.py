"""The event lexicon's lookups agree with reading its tables in full."""

from __future__ import annotations

from newsgraph.events.lexicon import load_lexicon


def test_verb_frames_are_the_frames_naming_the_verb_in_lexicon_order() -> None:
    lex = load_lexicon()
    verbs = {verb for frame in lex.frames for verb in frame.verbs}
    assert verbs
    for verb in verbs:
        assert lex.verb_frames(verb) == [f for f in lex.frames if verb in f.verbs]
    assert lex.verb_frames("no such verb reading") == []

"""Events: PLOVER coding of who did what to whom, tied to the evidence sentence."""

from newsgraph.events.coder import code_events

__all__ = ["code_events"]

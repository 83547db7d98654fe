"""Events: PLOVER coding of who did what to whom, tied to the evidence sentence."""

"""Quotes: who said what, with the quote span, cue and resolved speaker."""

"""Quotes: who said what, with the quote span, cue and resolved speaker."""

from newsgraph.quotes.extract import extract_quotes

__all__ = ["extract_quotes"]

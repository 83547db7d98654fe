"""Clean: strip page chrome and repeats, keep every body paragraph, lift metadata into fields."""

from .document import clean_document

__all__ = ["clean_document"]

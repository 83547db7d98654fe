"""Newsgraph: raw news articles in, a sourced knowledge base out."""

__version__ = "0.1.0"

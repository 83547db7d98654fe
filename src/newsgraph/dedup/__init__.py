"""Copies, partial copies and rewrites among articles.

``signature(article)`` sketches a clean text once; ``CopyIndex.add`` compares it with the
articles indexed before and returns ``Pair``s; ``CopyIndex.groups`` holds copy groups and
their canonical (earliest) member; ``diff`` shows what one version changed.
"""

from newsgraph.dedup.compare import AlignedSentences
from newsgraph.dedup.diff import DiffChunk, diff
from newsgraph.dedup.groups import CopyGroups
from newsgraph.dedup.index import CopyIndex
from newsgraph.dedup.pairs import Pair, PairKind
from newsgraph.dedup.signature import DedupSignature, signature

__all__ = [
    "AlignedSentences",
    "CopyGroups",
    "CopyIndex",
    "DedupSignature",
    "DiffChunk",
    "Pair",
    "PairKind",
    "diff",
    "signature",
]

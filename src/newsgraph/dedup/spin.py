"""Copy or spun rewrite: a content farm's rewrite keeps every sentence but swaps words for
synonyms ("began" -> "started", "largest" -> "biggest"), which word shingles cannot tell
from a copy with typos. A word diff of the two texts can: typos leave a word's letters
nearly intact, synonyms do not.
"""

from __future__ import annotations

import difflib
import re

_WORD = re.compile(r"[^\W_]+")
# A replaced run longer than this is a rewritten passage or an edit, not a word swap.
MAX_SWAP_WORDS = 3
# Two words this similar (difflib ratio over letters) are one word with a typo.
TYPO_SIMILARITY = 0.7
# A copy becomes a rewrite when at least this many words are swapped, and this share of the
# words the texts have in common: copy-editing ("U.S." -> "US") stays well below it.
MIN_SWAPS = 5
SPUN_SHARE = 0.03


def swapped_words(a: str, b: str) -> tuple[int, int]:
    """(word swaps that are not typos, words in passages the two texts share)."""
    words_a, words_b = _WORD.findall(a.lower()), _WORD.findall(b.lower())
    matcher = difflib.SequenceMatcher(None, words_a, words_b, autojunk=False)
    swaps = shared = 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            shared += i2 - i1
        elif op == "replace" and max(i2 - i1, j2 - j1) <= MAX_SWAP_WORDS:
            swaps += not _typo(words_a[i1:i2], words_b[j1:j2])
    return swaps, shared


def _typo(old: list[str], new: list[str]) -> bool:
    if len(old) != 1 or len(new) != 1:
        return False
    return difflib.SequenceMatcher(None, old[0], new[0]).ratio() >= TYPO_SIMILARITY


def is_spun(a: str, b: str) -> bool:
    """Whether two texts that share nearly all their sentences differ by systematic word swaps."""
    swaps, shared = swapped_words(a, b)
    return swaps >= MIN_SWAPS and swaps >= SPUN_SHARE * shared

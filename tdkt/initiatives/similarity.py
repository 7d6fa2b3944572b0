"""Vietnamese-aware near-duplicate detection over syllable n-grams.

Text is folded (`core.text.fold`: NFC, no diacritics, đ → d, lower case), split into syllables, and turned
into the set of its syllable bigrams plus its syllables of three letters or more, each hashed to a signed
64-bit integer (stable across processes: blake2b, not Python's salted `hash`). The grams of every
initiative are stored in `NGram` (one row per distinct gram), so a query is one indexed look-up of the
grams of the text being typed, counted per initiative, and scored with the Dice coefficient

    similarity = 2 × |common grams| / (|grams of the text| + |grams of the initiative|)

Pure Python apart from `candidates`; runs the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib
import re

from tdkt.core.text import fold

# Syllables that carry no meaning of their own in initiative titles (folded).
STOP = frozenset(
    "va cua cho trong tai cac nhung mot voi de tren ve theo tu den la duoc nham qua khi thi".split()
)
MAX_SYLLABLES = 80  # of the description: the title and the opening of the substance say what it is
_SPLIT = re.compile(r"[^0-9a-z]+")


def syllables(text: str) -> list[str]:
    return [s for s in _SPLIT.split(fold(text)) if s]


def _hash(gram: str) -> int:
    return int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=8).digest(), "big", signed=True)


def grams_of(title: str, description: str = "") -> set[int]:
    """The hashed grams of an initiative's title and the opening of its description."""
    words = syllables(title) + syllables(description)[:MAX_SYLLABLES]
    content = [w for w in words if w not in STOP]
    grams = {f"{a} {b}" for a, b in zip(content, content[1:], strict=False)}
    grams |= {w for w in content if len(w) >= 3}
    return {_hash(g) for g in grams}


def dice(common: int, size_a: int, size_b: int) -> float:
    total = size_a + size_b
    return 0.0 if total == 0 else 2 * common / total

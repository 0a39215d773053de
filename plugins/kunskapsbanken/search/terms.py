"""Words as the search sees them: lower case, diacritics dropped, Swedish stems.

The search box (assets/javascripts/search-engine.js) does the same to what a reader types, so
"Arbetsgivarna", "arbetsgivaren" and "arbetsgivare" all become the term ``arbetsgiv``, and
"tyreso" the same term as "Tyresö". Diacritics go before stemming, not after, so that a word typed
without them meets the same suffix rules as the word with them. A test runs both sides over every
word the index holds.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache, cache

import snowballstemmer

WORD = re.compile(r"[^\W_]+")
"""Letters and digits; everything else separates words (so "LSS-insatser" is two)."""

_STEMMER = snowballstemmer.stemmer("swedish")


@lru_cache(maxsize=1)
def _without_marks() -> dict[int, None]:
    """str.translate's table that drops every combining mark (Unicode category M, as \\p{M} in JS)."""
    return {cp: None for cp in range(0x300, 0x110000) if unicodedata.category(chr(cp)).startswith("M")}


def fold(text: str) -> str:
    """Lower case without diacritics: "Tyresö" → "tyreso"."""
    lower = text.lower()
    if lower.isascii():
        return lower
    return unicodedata.normalize("NFKD", lower).translate(_without_marks())


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order: split first (composed, so "ö" is one letter), then
    each word folded once, however often it occurs."""
    return [_folded_word(w) for w in WORD.findall(unicodedata.normalize("NFC", text.lower()))]


def word_counts(text: str) -> Counter:
    """How often each folded word occurs in ``text`` (words() counted, faster on long texts)."""
    counts: Counter = Counter()
    for word, count in Counter(WORD.findall(unicodedata.normalize("NFC", text.lower()))).items():
        counts[_folded_word(word)] += count
    return counts


def exact_word_counts(text: str) -> Counter:
    """How often each word occurs in ``text``, lower case with its diacritics."""
    return Counter(WORD.findall(unicodedata.normalize("NFC", text.lower())))


def fold_word(word: str) -> str:
    """One lower-case word of exact_word_counts without its diacritics."""
    return _folded_word(word)


@cache
def _folded_word(word: str) -> str:
    return word if word.isascii() else fold(word)


@cache
def term(word: str) -> str:
    """The index term of one word: its Swedish stem (of a folded word, or, for the exact terms
    that tell "når" from "när", of the word as written)."""
    return _STEMMER.stemWord(word)

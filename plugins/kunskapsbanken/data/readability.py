"""How easy a lättläst text is to read: LIX and mean words per sentence, with their limits.

LIX = words / sentences + 100 × long words / words, where a long word has more than six letters
(Björnsson's formula). A lättläst text may have at most LIX 35 ("lätt") and at most twelve words
per sentence on average.

Words and sentences are counted here, every one of them: textstat leaves out sentences of two
words or fewer, so nine two-word sentences came out as one sentence of 18 words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kunskapsbanken.data.problems import Problem

MAX_LIX = 35
MAX_WORDS_PER_SENTENCE = 12
EASY_READ_FIELD = "easy_read"

# Markdown syntax is not text: a link's address, emphasis marks and list bullets are dropped.
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"[*_`#>]+")
_BULLET = re.compile(r"^\s*(?:[-+*]|\d+[.)])\s+", re.M)
_ENDS_SENTENCE = re.compile(r"[.!?:]\s*$")


def plain_text(markdown: str) -> str:
    """The words a reader reads; a paragraph or list item without a full stop ends its sentence too."""
    text = _MARKS.sub("", _LINK.sub(r"\1", markdown))
    blocks = [" ".join(line.split()) for line in _BULLET.sub("\n", text).split("\n")]
    return " ".join(b if _ENDS_SENTENCE.search(b) else b + "." for b in blocks if b)


@dataclass(frozen=True)
class Readability:
    lix: float
    words_per_sentence: float

    @property
    def easy(self) -> bool:
        return self.lix <= MAX_LIX and self.words_per_sentence <= MAX_WORDS_PER_SENTENCE


_SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def measure(markdown: str) -> Readability:
    text = plain_text(markdown)
    sentences = [s for s in _SENTENCE_END.split(text) if words(s)]
    counted = words(text)
    if not counted:
        return Readability(0.0, 0.0)
    long_words = sum(1 for w in counted if sum(c.isalpha() for c in w) > 6)
    per_sentence = len(counted) / max(len(sentences), 1)
    return Readability(round(per_sentence + 100 * long_words / len(counted), 2), round(per_sentence, 2))


def easy_read_problems(file: str, text: object, position: tuple[int, int],
                       field: str = EASY_READ_FIELD) -> list[Problem]:
    """Each limit the ``easy_read`` text goes over, as a problem at the field (``field``: its
    path in the file, e.g. ``[3].easy_read`` for a glossary entry)."""
    if not isinstance(text, str) or not text.strip():
        return []  # a missing or empty text is the schema's to report
    line, column = position
    if not words(plain_text(text)):
        return [Problem(file, line, column, EASY_READ_FIELD, "texten har inga ord att läsa",
                        found="bara formatering eller tecken", expected="meningar på lättläst svenska",
                        tip="Skriv texten med vanliga ord; formatering som ** och # räknas inte.",
                        code="readability.empty")]
    score = measure(text)
    problems = []
    if score.lix > MAX_LIX:
        problems.append(Problem(file, line, column, field, "texten är för svår för att vara lättläst",
                                found=f"LIX {score.lix:.0f}", expected=f"LIX högst {MAX_LIX}",
                                tip="Byt långa ord (fler än sex bokstäver) mot kortare vardagsord "
                                    "och dela långa meningar.",
                                code="readability.lix"))
    if score.words_per_sentence > MAX_WORDS_PER_SENTENCE:
        problems.append(Problem(file, line, column, field, "meningarna är för långa för lättläst",
                                found=f"{score.words_per_sentence:.1f} ord per mening i snitt",
                                expected=f"högst {MAX_WORDS_PER_SENTENCE} ord per mening i snitt",
                                tip="Skriv en sak i varje mening och ta bort inskott.",
                                code="readability.sentence_length"))
    return problems

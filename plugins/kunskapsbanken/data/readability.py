"""How easy a lättläst text is to read: LIX and mean words per sentence, with their limits.

LIX = words / sentences + 100 × long words / words, where a long word has more than six letters
(Björnsson's formula; textstat computes exactly this). A lättläst text may have at most LIX 35
("lätt") and at most twelve words per sentence on average.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import textstat

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


def measure(markdown: str) -> Readability:
    text = plain_text(markdown)
    return Readability(float(textstat.lix(text)), float(textstat.words_per_sentence(text)))


def easy_read_problems(file: str, text: object, position: tuple[int, int],
                       field: str = EASY_READ_FIELD) -> list[Problem]:
    """Each limit the ``easy_read`` text goes over, as a problem at the field (``field``: its
    path in the file, e.g. ``[3].easy_read`` for a glossary entry)."""
    if not isinstance(text, str) or not text.strip():
        return []  # a missing or empty text is the schema's to report
    score = measure(text)
    line, column = position
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

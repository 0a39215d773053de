"""The one CSV writer of the site: every CSV file (open data, the matrix, each chart's data).

Spreadsheets read a cell as a formula when it starts with ``=``, ``+``, ``-`` or ``@`` (also after
spaces), or with a tab, carriage return or line break; ``=HYPERLINK("https://…"&A1)`` in a record
would then run when a reader opens the file. As OWASP's guidance on CSV injection recommends,
such a text cell is written with a single quote (``'``) in front, which spreadsheets read as
"this is text" and do not show. A Swedish spreadsheet splits a line on semicolons too, so a
trigger after a ``;`` inside a text is quoted the same way.

Numbers are never quoted: a negative number in a numeric column (a cost of −260 000 kronor) is a
Python number here and stays a number a spreadsheet can compute with. Quoting and doubling of
``"`` is the csv module's (RFC 4180).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

NOTE_SV = ("En text i en CSV-cell som börjar med =, +, - eller @ (eller med tabb eller radbrytning) skrivs med "
           "en apostrof (') först, så att kalkylprogram visar den som text i stället för att köra den som en "
           "formel. Tal skrivs som tal, också negativa.")
NOTE_EN = ("A text cell starting with =, +, - or @ (or with a tab or line break) is written with a single quote (') "
           "in front, so that spreadsheets show it as text instead of running it as a formula (OWASP's advice on "
           "CSV injection). Numbers are written as numbers, negative ones too.")
"""What the data package and the open-data page tell users about it."""

FORMULA_START = re.compile(r"^[\s\x00]*[=+\-@]|^[\t\r\n]")
"""A text a spreadsheet would read as a formula (or a cell starting with a tab or line break)."""
_AFTER_SEMICOLON = re.compile(r"(;\s*)(?=[=+\-@])")
QUOTE = "'"


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def safe_cell(value) -> str:
    """The cell as written: numbers as they are, text neutralised, None as an empty cell."""
    if value is None:
        return ""
    if _number(value):
        return str(value)
    text = _AFTER_SEMICOLON.sub(r"\1" + QUOTE, str(value))
    return QUOTE + text if FORMULA_START.match(text) else text


def is_formula(cell: str) -> bool:
    """True for a written cell a spreadsheet would run (what :func:`safe_cell` never writes)."""
    return bool(FORMULA_START.match(cell)) and not _is_number_text(cell)


_NUMBER_TEXT = re.compile(r"^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$")


def _is_number_text(cell: str) -> bool:
    return bool(_NUMBER_TEXT.match(cell))


def csv_text(rows: Iterable[Iterable], *, bom: bool = False) -> str:
    """Rows of cells (numbers, texts, None) as CSV with CRLF line ends; ``bom`` for Excel."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return ("\ufeff" if bom else "") + buffer.getvalue()

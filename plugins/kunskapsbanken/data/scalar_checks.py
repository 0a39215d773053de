"""Each key, text and number of a file on its own: no code, no control characters, no NaN.

These checks need no schema and no other record, so they run on every file that parses, also
one the schema rejects; the schema translator and the reference checks leave such values to them,
so that each mistake is reported once, where it stands.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from kunskapsbanken.data.control_chars import describe_char, first_forbidden
from kunskapsbanken.data.html_policy import removed_markup
from kunskapsbanken.data.problems import Problem
from kunskapsbanken.data.unsafe_text import unsafe_fragment, walk_scalars
from kunskapsbanken.data.yamlsource import YamlDocument, format_path

_CONTROL_TIP = ("Ta bort tecknet; det syns inte men kan dölja eller vända texten. "
                "Skriv om ordet för hand om du inte hittar det.")


def non_finite(value: object) -> str | None:
    """How a NaN or infinite number is named in a message, or None for any other value.

    JSON Schema cannot say "a finite number" (``minimum`` lets NaN through); the ranges a number
    may take (not negative, a share at most 100 %) are in the schemas."""
    if not isinstance(value, float) or math.isfinite(value):
        return None
    if math.isnan(value):
        return "NaN (inte ett tal)"
    return "oändligheten" if value > 0 else "minus oändligheten"


def scalar_problems(file: str, doc: YamlDocument, is_markdown: Callable[[tuple], bool] = lambda path: True
                    ) -> list[Problem]:
    """``is_markdown(path)``: whether the site renders that field as Markdown (the schema knows);
    HTML in any other text is not removed but shown as written, which the warning then says."""
    problems = []

    def add(path: tuple, message: str, *, key: bool = False, **extra) -> None:
        line, column = doc.position(path, key=key)
        problems.append(Problem(file, line, column, format_path(path), message, **extra))

    for path, value, is_key in walk_scalars(doc.data):
        if isinstance(value, str):
            # isprintable() is a fast pre-check: every forbidden character is non-printable.
            char = None if value.isprintable() else first_forbidden(value)
            if char:
                add(path, "fältnamnet innehåller ett osynligt tecken" if is_key else
                    "texten innehåller ett osynligt tecken", key=is_key, code="text.control_char",
                    found=describe_char(char), expected="vanlig text utan styrtecken", tip=_CONTROL_TIP)
            elif not is_key and (fragment := unsafe_fragment(value)):
                add(path, "texten innehåller kod som kan köras i webbläsaren", code="reference.unsafe_html",
                    found=fragment, expected="vanlig text eller Markdown",
                    tip="Ta bort HTML-koden. Länkar skrivs [text](https://adress).")
            elif not is_key and (removed := removed_markup(value)):
                if is_markdown(path):
                    add(path, "webbplatsen tar bort en del av texten", code="text.sanitised", severity="warning",
                        found=", ".join(removed), expected="vanlig text eller Markdown",
                        tip="Det som tas bort syns inte på sidan. Skriv om det med Markdown, "
                            "t.ex. **fetstil** och [länk](https://adress).")
                else:
                    add(path, "HTML-koden visas som text på sidan", code="text.sanitised", severity="warning",
                        found=", ".join(removed), expected="en kort text utan HTML och utan Markdown",
                        tip="Ta bort koden: fältet visas precis som det står, med tecknen < och >.")
        elif name := non_finite(value):
            add(path, "talet är inget riktigt tal", code="value.not_finite", found=name,
                expected="ett tal skrivet med siffror, t.ex. 45 eller 2.5",
                tip="Skriv talet som källan anger det, eller not_known där det är tillåtet.")
    return problems

"""One problem found in a record, with everything a contributor needs to fix it."""

from __future__ import annotations

from dataclasses import dataclass, fields

from kunskapsbanken.data.control_chars import escaped


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    path: str
    """Field path such as ``criteria[3].rating``; empty for the whole file."""
    message: str
    found: str | None = None
    expected: str | None = None
    tip: str | None = None
    code: str = "error"
    """Stable machine-readable kind, e.g. ``yaml.syntax`` or ``reference.unknown``."""
    severity: str = "error"
    """``error`` (validate and the build refuse it) or ``warning`` (said, not refused)."""

    @property
    def is_error(self) -> bool:
        return self.severity != "warning"

    def location(self) -> str:
        return f"{escaped(self.file)}:{self.line}:{self.column}"

    def describe(self) -> str:
        """The problem as one line of Swedish text, without the location.

        Record text in it (a key, a found value, a file name) is shown escaped: a control
        character or direction override from a record never reaches a terminal or a log raw.
        """
        parts = [f"{self.path}: {self.message}" if self.path else self.message]
        if not self.is_error:
            parts[0] = "varning: " + parts[0]
        if self.found is not None:
            parts.append(f"hittade {self.found}")
        if self.expected is not None:
            parts.append(f"förväntade {self.expected}")
        text = "; ".join(parts) + "."
        if self.tip:
            text += f" Tips: {self.tip}"
        return escaped(text)

    def as_dict(self) -> dict:
        """Every field, texts escaped as in :meth:`describe`, plus the one-line ``text``."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        return {**{k: escaped(v) if isinstance(v, str) else v for k, v in values.items()}, "text": self.describe()}

    def __str__(self) -> str:
        return f"{self.location()}: {self.describe()}"


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that refuse the content (warnings left out)."""
    return [p for p in problems if p.is_error]


class ValidationFailed(Exception):
    """Raised when the content has problems; carries every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(p for p in problems if p.is_error)
        count = len(self.problems)
        summary = "1 problem" if count == 1 else f"{count} problem"
        lines = [f"Kunskapsbankens poster har {summary}:"]
        lines += [f"  {p}" for p in self.problems]
        super().__init__("\n".join(lines))

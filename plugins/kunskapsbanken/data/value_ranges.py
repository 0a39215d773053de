"""Numbers no source could give: NaN and infinity.

JSON Schema cannot express "a finite number" (and ``minimum`` lets NaN through), so this check
walks a record's numbers; ranges (not negative, a share at most 100 %) are in the schemas.
"""

from __future__ import annotations

import math


def non_finite(value: object) -> str | None:
    """How a NaN or infinite number is named in a message, or None for any other value."""
    if not isinstance(value, float) or math.isfinite(value):
        return None
    if math.isnan(value):
        return "NaN (inte ett tal)"
    return "oändligheten" if value > 0 else "minus oändligheten"


"""Characters no record needs: control characters and invisible direction overrides.

A NUL, an escape sequence or a right-to-left override in a record is never text a source gave:
it can hide or reorder what a reader sees and, echoed by the validator, rewrite a contributor's
terminal. They are refused at validation time, and every message shows them escaped (``\\x1b``).
"""

from __future__ import annotations

import re

_DIRECTION = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
FORBIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{_DIRECTION}]")
"""C0 except tab and newline, DEL, C1, the Unicode line/paragraph separators and the bidi marks."""
FORBIDDEN_IN_FILE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029{_DIRECTION}]")
"""The same in a file's raw text, where a carriage return is part of a line break."""
_SHOWN_ESCAPED = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_DIRECTION}]")
"""What output escapes: everything forbidden, plus tab and newline (one problem, one line)."""
_DIRECTION_CHARS = re.compile(f"[{_DIRECTION}]")


def first_forbidden(text: str) -> str | None:
    """The first forbidden character in ``text``, or None."""
    match = FORBIDDEN.search(text)
    return match.group() if match else None


def describe_char(char: str) -> str:
    """``U+001B (ett styrtecken)``: which character, in words a contributor can search for."""
    if _DIRECTION_CHARS.match(char):
        kind = "ett osynligt tecken som styr textriktningen"
    elif char in "\u2028\u2029\x85":
        kind = "en osynlig radbrytning"
    else:
        kind = "ett styrtecken"
    return f"U+{ord(char):04X} ({kind})"


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escaped(text: str) -> str:
    """``text`` safe to print on a terminal: each control or direction character as ``\\x1b``/``\\u202e``."""
    return _SHOWN_ESCAPED.sub(_escape, text)

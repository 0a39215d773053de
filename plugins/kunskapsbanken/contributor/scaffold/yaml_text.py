"""YAML text for a draft: scalars that read back as written, block lists, wrapped comments."""

from __future__ import annotations

import json
import re
import textwrap

_COMMENT_WIDTH = 100

# A plain YAML scalar that reads back as the same text (our loader resolves like YAML 1.2, but
# other tools use YAML 1.1, so anything that looks like a number, date or yes/no is quoted).
_PLAIN_SAFE = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ0-9 .,()–_/-]*$")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"}


def join(title: str | None, description: str | None) -> str:
    title = (title or "").strip()
    description = (description or "").strip()
    if title and description:
        if title.endswith((".", ":")) or description.startswith("("):
            return f"{title} {description}"
        return f"{title}: {description}"
    return (title or description).strip()


def comment(text: str, indent: int = 0, hanging: int = 0, inner: int = 0) -> list[str]:
    """``text`` as wrapped comment lines; ``inner`` indents after the ``#`` (nested fields)."""
    if not text:
        return []
    pad = " " * indent
    return textwrap.wrap(text, width=_COMMENT_WIDTH, initial_indent=f"{pad}# " + " " * inner,
                         subsequent_indent=f"{pad}# " + " " * max(hanging, inner),
                         break_long_words=False, break_on_hyphens=False)


def scalar(value: object, *, flow: bool = False) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if (_PLAIN_SAFE.match(text) and text.lower() not in _YAML_WORDS and not text.endswith(" ")
            and not (flow and "," in text)):
        return text
    return json.dumps(text, ensure_ascii=False)


def dump(value: object, indent: int = 0) -> list[str]:
    """Block-style YAML for plain values; source references stay on one line."""
    pad = " " * indent
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if isinstance(item, dict) and item and not _is_flat(item):
                lines.append(f"{pad}{key}:")
                lines += dump(item, indent + 2)
            elif isinstance(item, list) and item:
                lines.append(f"{pad}{key}:")
                lines += dump(item, indent + 2)
            else:
                lines.append(f"{pad}{key}: {_inline(item)}")
        return lines
    if isinstance(value, list):
        lines = []
        for item in value:
            if isinstance(item, dict) and item and not _is_flat(item):
                inner = dump(item, indent + 2)
                lines.append(f"{pad}- {inner[0].lstrip()}")
                lines += inner[1:]
            else:
                lines.append(f"{pad}- {_inline(item)}")
        return lines
    return [pad + _inline(value)]


def _is_flat(value: dict) -> bool:
    """A small mapping of scalars, such as a source reference, reads best on one line."""
    return len(value) <= 3 and all(not isinstance(v, (dict, list)) for v in value.values())


def _inline(value: object, *, flow: bool = False) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_inline(v, flow=True)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v, flow=True) for v in value) + "]"
    return scalar(value, flow=flow)

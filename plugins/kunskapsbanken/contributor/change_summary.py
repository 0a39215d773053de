"""A knowledge-base diff in Swedish Markdown, for a reviewer: the pull request comment.

Verdicts read as matrix cells ("Tyresö · 7 Anställer själv: Okänt → Ja") with the new
justification's text, figures as figures, news posts by title and date, every other field by its
schema title. Contributor text goes through ``inert_markdown`` so that a record cannot format,
link, mention or reference anything in the comment.
"""

from __future__ import annotations

from kunskapsbanken.contributor.diff import MISSING, FieldChange, KnowledgeBaseDiff, RecordChange, field_title, schema_for, \
    word_changes
from kunskapsbanken.contributor.inert_markdown import code, inert as escape
from kunskapsbanken.contributor.news_diff import BODY, PostChange
from kunskapsbanken.data.kinds import KINDS
from kunskapsbanken.render import labels
from kunskapsbanken.render.numbers import format_number

HEADING = "## Vad ändringen gör med kunskapsbanken"
NO_CHANGES = "Inga ändringar i kunskapsbankens poster."
SHORT_TEXT = 80
"""Texts up to this length are shown whole, old → new; longer ones as the words that changed."""

RUN_WORDS = 25
"""A changed run of words is cut after this many."""
JUSTIFICATION_CHARS = 400
"""A verdict's new justification is shown up to about this many characters, cut between words."""


def _enum_words(key: str, path: tuple) -> dict | None:
    """The Swedish words (labels, from the schemas) for the enum field ``key``, if it is one."""
    if key == "status":
        return labels.IMPLEMENTATIONS if len(path) > 1 and path[-2] == "implementation" else labels.STATUSES
    if key == "rating":
        return {value: style[1] for value, style in labels.RATINGS.items()}  # the matrix's short words
    return {"kind": labels.KINDS, "outcome": labels.OUTCOMES}.get(key)


def show_value(value, path: tuple) -> str:
    if value is MISSING:
        return "–"
    key = next((p for p in reversed(path) if isinstance(p, str) and not p.startswith("[")), "")
    words = _enum_words(key, path) if isinstance(value, str) else None
    if words is not None:
        return escape(words.get(value, value))
    if value == "not_known":
        return "uppgift saknas"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, (int, float)):
        return format_number(value)
    if value is None:
        return "tomt"
    if isinstance(value, (list, dict)):
        return "tom lista" if not value else "flera uppgifter"
    return f"”{escape(value)}”"


def _cut(words: str) -> str:
    parts = words.split()
    return words if len(parts) <= RUN_WORDS else " ".join(parts[:RUN_WORDS]) + " …"


def _is_long(value) -> bool:
    return isinstance(value, str) and (len(value) > SHORT_TEXT or "\n" in value)


def describe_field(change: FieldChange, schema: dict) -> str:
    title = escape(field_title(schema, change.path))
    if isinstance(change.old, str) and isinstance(change.new, str) and _is_long(change.old) and _is_long(change.new):
        parts = []
        for before, removed, added, after in word_changes(change.old, change.new):
            edit = " ".join(x for x in (f"~~{escape(_cut(removed))}~~" if removed else "",
                                        f"**{escape(_cut(added))}**" if added else "") if x)
            parts.append(f"… {escape(before)} {edit} {escape(after)} …".replace("  ", " "))
        return f"{title}: ändrad text: " + " / ".join(parts)
    if isinstance(change.new, str) and _is_long(change.new) and change.old is MISSING:
        return f"{title}: ny text ({len(change.new.split())} ord)"
    if _is_long(change.old) and change.new is MISSING:
        return f"{title}: texten borttagen"
    return f"{title}: {show_value(change.old, change.path)} → {show_value(change.new, change.path)}"


def _kind_label(kind: str) -> str:
    return KINDS[kind].label if kind in KINDS else kind


def _record_label(change: RecordChange) -> str:
    return f"{_kind_label(change.kind)} **{escape(change.name)}** ({code(change.file)})"


def _selector(part) -> str | None:
    return part[1:-1] if isinstance(part, str) and part.startswith("[") else None


def _verdict_lines(change: RecordChange, diff: KnowledgeBaseDiff) -> list[str]:
    by_criterion: dict[str, list[FieldChange]] = {}
    for f in change.fields:
        if len(f.path) >= 2 and f.path[0] == "criteria" and (selected := _selector(f.path[1])):
            by_criterion.setdefault(selected, []).append(f)
    lines = []
    for criterion_id, fields in sorted(by_criterion.items(), key=lambda i: diff.criteria.get(i[0], {}).get("number", 99)):
        criterion = diff.criteria.get(criterion_id, {})
        cell = f"{escape(change.name)} · {criterion.get('number', '?')} {escape(criterion.get('label', criterion_id))}"
        rating = next((f for f in fields if f.path[2:] == ("rating",)), None)
        others = [f for f in fields if f.path[2:] not in (("rating",), ("criterion",))]
        if rating is not None:
            line = f"{cell}: {show_value(rating.old, rating.path)} → {show_value(rating.new, rating.path)}"
        else:
            line = f"{cell}: bedömningen oförändrad"
        is_new_or_gone = rating is not None and MISSING in (rating.old, rating.new)
        justification = next((f for f in fields if f.path[2:] == ("justification",)), None)
        new_text = justification.new if justification is not None and isinstance(justification.new, str) else ""
        changed = [f for f in others if not (new_text.strip() and f is justification)]
        if changed and not is_new_or_gone:
            parts = sorted({_VERDICT_PARTS.get(f.path[2], str(f.path[2])) for f in changed})
            line += f" ({' och '.join(parts)} ändrad)"
        if new_text.strip() and justification is not None:
            # The reviewer judges a verdict by its reasons: the new text itself, not "ändrad".
            title = field_title(schema_for(diff, change.kind), justification.path).rsplit(" › ", 1)[-1]
            word = title if justification.old is MISSING else f"Ny {title.lower()}"
            line += f"\n  - {escape(word)}: ”{escape(shorten(new_text, JUSTIFICATION_CHARS))}”"
        lines.append(line)
    return lines


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut between words after at most ``limit`` characters, with " …"."""
    words = text.split()
    kept: list[str] = []
    length = 0
    for word in words:
        if not kept and len(word) > limit:  # one endless "word": cut inside it
            return word[:limit] + " …"
        if kept and length + 1 + len(word) > limit:
            return " ".join(kept) + " …"
        kept.append(word)
        length += len(word) + (1 if length else 0)
    return " ".join(kept)


_VERDICT_PARTS = {"justification": "motiveringen", "source": "källan"}


def _figure_lines(change: RecordChange, diff: KnowledgeBaseDiff) -> list[str]:
    by_label: dict[str, list[FieldChange]] = {}
    for f in change.fields:
        if f.path[:2] == ("results", "figures") and len(f.path) >= 3 and (label := _selector(f.path[2])):
            by_label.setdefault(label, []).append(f)
    lines = []
    schema = schema_for(diff, change.kind)
    for label, fields in by_label.items():
        value = next((f for f in fields if f.path[3:] == ("value",)), None)
        unit = _figure_unit(change.new_data, label) or _figure_unit(change.old_data, label)
        prefix = f"{escape(change.name)} · {escape(label)}"
        if all(f.new is MISSING for f in fields):
            lines.append(f"{prefix}: siffran borttagen")
            continue
        if all(f.old is MISSING for f in fields):
            shown = show_value(value.new, value.path) if value else "?"
            lines.append(f"{prefix}: ny siffra {shown}{' ' + escape(unit) if unit else ''}")
            continue
        if value is not None:
            lines.append(f"{prefix}: {show_value(value.old, value.path)} → {show_value(value.new, value.path)}"
                         + (f" {escape(unit)}" if unit else ""))
        for f in fields:
            if f.path[3:] not in (("value",),):
                lines.append(f"{prefix} · {describe_field(FieldChange(f.path[3:], f.old, f.new), _figure_schema(schema))}")
    return lines


def _figure_unit(data: dict, label: str) -> str | None:
    results = data.get("results")
    if not isinstance(results, dict):
        results = {}
    for figure in results.get("figures") or []:
        if isinstance(figure, dict) and figure.get("label") == label and isinstance(figure.get("unit"), str):
            return figure["unit"]
    return None


def _figure_schema(schema: dict) -> dict:
    """The figure definition, so that a figure's own fields are named by their titles."""
    figure = schema.get("$defs", {}).get("figure", {})
    return {**figure, "$defs": schema.get("$defs", {})}


def _source_lines(change: RecordChange) -> list[str]:
    def keys(data: dict) -> list[tuple]:
        return [(s.get("document"), s.get("section")) for s in data.get("sources") or [] if isinstance(s, dict)]

    before, after = keys(change.old_data), keys(change.new_data)
    lines = [f"{escape(change.name)}: ny källa {escape(doc)}, avsnitt ”{escape(section)}”"
             for doc, section in after if (doc, section) not in before]
    lines += [f"{escape(change.name)}: källan {escape(doc)}, avsnitt ”{escape(section)}” borttagen"
              for doc, section in before if (doc, section) not in after]
    return lines


def _is_special(f: FieldChange) -> bool:
    return (f.path[:1] == ("criteria",) and len(f.path) >= 2 and _selector(f.path[1]) is not None) \
        or (f.path[:2] == ("results", "figures") and len(f.path) >= 3 and _selector(f.path[2]) is not None) \
        or f.path[:1] == ("sources",)


def _post_date(front: dict) -> str:
    """A post's date as the blog shows it: the day, or the day it was written and updated."""
    date = front.get("date")
    if isinstance(date, dict):
        created, updated = date.get("created"), date.get("updated")
        return escape(created) + (f", uppdaterad {escape(updated)}" if updated else "")
    return escape(date) if date else "–"


def _post_lines(change: PostChange, schema: dict) -> list[str]:
    """One list item per post: what it is called, its date and file, then what changed in it."""
    word = escape(schema.get("title", "Nyhet"))  # the kind's name, as the editor shows it
    named = f"**{escape(change.front.get('title', change.file))}** · {_post_date(change.front)} ({code(change.file)})"
    if change.status == "added":
        description = change.front.get("description")
        title = field_title(schema, ("description",))
        return [f"Ny {word.lower()}: {named}"] + ([f"  - {escape(title)}: ”{escape(description)}”"] if description else [])
    if change.status == "removed":
        return [f"{word} borttagen: {named}"]
    body = {**schema, "properties": {**schema.get("properties", {}), BODY: {"title": "Inläggets text"}}}
    lines = [f"{word}: {named}"]
    if any(f.path[:1] == ("date",) for f in change.fields):  # one date, however it is written
        lines.append(f"  - {escape(field_title(schema, ('date',)))}: {_post_date(change.old_front)} → "
                     f"{_post_date(change.front)}")
    return lines + [f"  - {describe_field(f, body)}" for f in change.fields if f.path[:1] != ("date",)]


def summarise(diff: KnowledgeBaseDiff) -> str:
    """The whole comment body."""
    if not diff:
        return f"{HEADING}\n\n{NO_CHANGES}\n"
    counts = {s: sum(1 for c in diff.changes if c.status == s) for s in ("changed", "added", "removed", "renamed")}
    words = {"changed": ("post ändrad", "poster ändrade"), "added": ("ny post", "nya poster"),
             "removed": ("post borttagen", "poster borttagna"), "renamed": ("post med nytt id", "poster med nytt id")}
    out = [HEADING, ""]
    if any(counts.values()):
        out += [" · ".join(f"{n} {words[s][0 if n == 1 else 1]}" for s, n in counts.items() if n), ""]

    def section(title: str, lines: list[str]):
        if lines:
            out.extend([f"### {title}", "", *(f"- {line}" for line in lines), ""])

    section("Nya poster", [_record_label(c) for c in diff.changes if c.status == "added"])
    section("Borttagna poster", [_record_label(c) for c in diff.changes if c.status == "removed"])
    section("Nytt id", [f"{_kind_label(c.kind)} **{escape(c.name)}**: {code(c.old_id)} → {code(c.id)} "
                        f"({code(c.old_file)} → {code(c.file)})" for c in diff.changes if c.status == "renamed"])
    edited = [c for c in diff.changes if c.status in ("changed", "renamed")]
    rated = [c for c in diff.changes if c.status in ("added", "changed", "renamed")]  # a new record's too
    section("Bedömningar mot kriterierna", [line for c in rated for line in _verdict_lines(c, diff)])
    section("Siffror", [line for c in rated for line in _figure_lines(c, diff)])
    section("Källor", [line for c in edited for line in _source_lines(c)])
    section("Nyheter", ["\n".join(_post_lines(c, diff.post_schema)) for c in diff.posts])
    other = [c for c in edited if any(not _is_special(f) for f in c.fields)]
    if other:
        out.extend(["### Andra fält", ""])
        for c in other:
            out.append(f"- {_record_label(c)}")
            schema = schema_for(diff, c.kind)
            out.extend(f"  - {describe_field(f, schema)}" for f in c.fields if not _is_special(f))
        out.append("")
    return "\n".join(out).rstrip() + "\n"

"""The excerpts of the source documents that the tests check the records against.

The source documents themselves live outside the repository (``../shared/seeds/``), which a user's
clone does not have; ``make test`` reads only these excerpts, checked in as
``tests/fixtures/source_excerpts.json``:

* for each source, every section heading (``content/sources.yml``) with a little of the text
  around it, in the order the document has them;
* the list of key words in the 2012 report, from which ``content/success_keys.yml`` is made.

With the documents at hand, ``python scripts/source_excerpts.py`` writes the file anew and
``python scripts/source_excerpts.py --check`` says whether the checked-in one is still exactly
what the documents say (exit 0) or not (exit 1). This check is not part of ``make test``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
EXCERPTS = ROOT / "tests" / "fixtures" / "source_excerpts.json"
CONTEXT = 40
KEY_WORDS = ("004_1df438198f702780.txt", "Några nyckelord som sammanfattar", "Skellefteå kommun")


def normalised(text: str) -> str:
    """One line of text, with words hyphenated across lines in the PDF joined again."""
    return re.sub(r"(\w)- (\w)", r"\1\2", " ".join(text.split()))


def heading_in_text(source_id: str, section: str) -> str:
    """Repeated headings carry their parent's name first in sources.yml ("Tyresö – Hinder")."""
    return section.split(" – ", 1)[1] if source_id == "rss-rapport-2012" and " – " in section else section


def excerpts(seeds: Path) -> dict:
    sources = yaml.safe_load((ROOT / "content" / "sources.yml").read_text(encoding="utf-8"))
    sections = {}
    for source in sources:
        text = normalised((seeds / source["files"][0]).read_text(encoding="utf-8"))
        snippets, position = [], 0
        for section in source["sections"]:
            heading = heading_in_text(source["id"], section)
            found = text.find(heading, position)
            if found < 0:
                raise SystemExit(f"{source['id']}: '{section}' finns inte i {source['files'][0]} efter tecken {position}")
            snippets.append(text[max(position, found - CONTEXT):found + len(heading) + CONTEXT])
            position = found
        sections[source["id"]] = {"file": source["files"][0], "snippets": snippets}
    name, start, end = KEY_WORDS
    text = (seeds / name).read_text(encoding="utf-8")
    return {"sections": sections, "key_words": {"file": name, "text": text[text.index(start):text.index(end)]}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="jämför bara med den incheckade filen")
    parser.add_argument("--seeds", default=str(SEEDS), help=f"källdokumentens mapp (standard: {SEEDS})")
    args = parser.parse_args()
    seeds = Path(args.seeds)
    if not seeds.is_dir():
        print(f"Källdokumenten finns inte i {seeds}.", file=sys.stderr)
        return 2
    text = json.dumps(excerpts(seeds), ensure_ascii=False, indent=1) + "\n"
    if args.check:
        if EXCERPTS.read_text(encoding="utf-8") != text:
            print(f"{EXCERPTS.relative_to(ROOT)} stämmer inte med källdokumenten: kör scripts/source_excerpts.py.",
                  file=sys.stderr)
            return 1
        print("Utdragen stämmer med källdokumenten.", file=sys.stderr)
        return 0
    EXCERPTS.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

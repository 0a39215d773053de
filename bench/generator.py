"""Synthetic, schema-valid knowledge bases of any size, deterministic for a given seed.

Field sizes follow the real records (a municipality ~3–4 KB of YAML, a project ~2 KB), with
references to real methods and criteria, and ten verdicts on every municipality so that the
comparison matrix has one row per municipality, as it would with 290 assessed municipalities.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
VOCABULARIES = ("criteria.yml", "sources.yml", "glossary.yml", "target_groups.yml")
WORDS = ("arbete stöd samverkan kommun individ handledare arbetsgivare praktik anställning insats "
         "deltagare metod uppföljning rehabilitering motivation utbildning samordning förbund "
         "funktionsnedsättning daglig verksamhet lönebidrag arbetsträning coach resultat mål "
         "Arbetsförmedlingen Försäkringskassan socialtjänst öppna arbetsmarknaden").split()
EASY_WORDS = ("jobb stöd hjälp plan mål dag vecka tid grupp möte steg väg bra ny hen får ger tar gör kan ska "
              "vill du vi de och med på till för att en ett som har är").split()
"""Short everyday words (none longer than six letters): the synthetic lättläst texts pass the limits."""
COUNTIES = ["Västerbottens län", "Gävleborgs län", "Värmlands län", "Västra Götalands län", "Stockholms län",
            "Skåne län", "Uppsala län", "Örebro län", "Jönköpings län", "Norrbottens län"]
RATINGS = ["met", "partly_met", "not_met", "not_known"]
SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/{}.schema.json\n"


class Synthesizer:
    def __init__(self, seed: int, target_groups: list[str] = ()):
        self.rng = random.Random(seed)
        self.easy_rng = random.Random(seed + 1)  # its own stream: the other fields stay as they were
        # A stream of its own, so that the other fields stay as they were before target groups.
        self.group_rng = random.Random(seed + 1)
        self.target_groups = list(target_groups)

    def groups(self, most: int) -> list[str]:
        if not self.target_groups:
            return []
        return sorted(self.group_rng.sample(self.target_groups, self.group_rng.randint(0, most)))

    def sentence(self, words: int) -> str:
        text = " ".join(self.rng.choice(WORDS) for _ in range(words))
        return text[0].upper() + text[1:] + "."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence(self.rng.randint(8, 16)) for _ in range(sentences))

    def easy_read(self) -> str:
        """Five to seven sentences of six to nine short words: within LIX 35 and 12 words per sentence."""
        rng = self.easy_rng
        sentences = []
        for _ in range(rng.randint(5, 7)):
            text = " ".join(rng.choice(EASY_WORDS) for _ in range(rng.randint(6, 9)))
            sentences.append(text[0].upper() + text[1:] + ".")
        return " ".join(sentences)

    def source(self) -> dict:
        return {"document": "rss-rapport-2012",
                "section": self.rng.choice(["Skellefteå – Resultat", "Tyresö – Hinder", "Partille – Projekt"])}

    def sourced(self, n: int) -> list[dict]:
        return [{"text": self.sentence(12), "source": self.source()} for _ in range(n)]

    def municipality(self, index: int, methods: list[str], criteria: list[str]) -> dict:
        rng = self.rng
        return {
            "id": f"kommun-{index:04d}",
            "name": f"Kommun {index:04d}",
            "county": rng.choice(COUNTIES),
            "population": {"value": rng.randint(2500, 980000), "qualifier": "cirka", "year": "not_known",
                           "source": self.source()},
            "model_municipality": index % 58 == 0,
            "target_groups": self.groups(3),
            "summary": self.paragraph(3),
            "easy_read": self.easy_read(),
            "largest_employers": {"items": ["Kommunen", "Regionen", f"Företag {index}"], "source": self.source()},
            "coordination": {"text": self.paragraph(2), "bodies": [{"name": f"Samordningsförbundet {index}"}],
                             "partners": ["Arbetsförmedlingen", "Försäkringskassan"], "source": self.source()},
            "methods": sorted(rng.sample(methods, 3)),
            "process": {"steps": [{"title": f"Steg {i}", "text": self.sentence(14)} for i in range(1, 5)],
                        "source": self.source()},
            "results": {"text": self.paragraph(2),
                        "figures": [{"label": "Deltagare i arbete", "kind": "outcome", "qualifier": "exakt",
                                     "value": rng.randint(1, 90), "unit": "personer",
                                     "period": "2011", "source": self.source()}]},
            "success_factors": self.sourced(3),
            "obstacles": self.sourced(2),
            "criteria": [{"criterion": c, "rating": rng.choice(RATINGS), "justification": self.sentence(18),
                          "source": self.source()} for c in criteria],
            "sources": [self.source()],
            "updated": "2026-11-22",
        }

    def project(self, index: int, municipalities: list[str], methods: list[str]) -> dict:
        rng = self.rng
        start = rng.randint(2005, 2014)
        return {
            "id": f"projekt-{index:05d}",
            "name": f"Projekt {index:05d}",
            "kind": rng.choice(["project", "pilot_study", "permanent_activity"]),
            "municipalities": [rng.choice(municipalities)],
            "summary": self.paragraph(2),
            "easy_read": self.easy_read(),
            "owner": f"Kommun {rng.randint(1, 290)}",
            "partners": ["Arbetsförmedlingen"],
            "funders": ["ESF"],
            "period": {"start": str(start), "end": str(start + rng.randint(1, 3))},
            "status": rng.choice(["planned", "ongoing", "completed"]),
            "status_as_of": "2015",
            "implementation": {"status": rng.choice(["implemented", "partly", "not_implemented", "not_known"]),
                               "text": self.sentence(14)},
            "target_group": self.sentence(16),
            "target_groups": self.groups(3),
            "goals": [{"goal": self.sentence(10), "target": f"{rng.randint(5, 60)} %",
                       "outcome": rng.choice(["reached", "partly_reached", "not_reached", "not_known"]),
                       "source": self.source()}],
            "methods": sorted(rng.sample(methods, 2)),
            "participants": [{"count": rng.randint(5, 200), "counts": "inskrivna deltagare", "source": self.source()}],
            "results": {"text": self.paragraph(2)},
            "success_factors": self.sourced(2),
            "obstacles": self.sourced(1),
            "evaluations": [],
            "sources": [self.source()],
            "updated": "2026-11-22",
        }


def generate(dest: Path, municipalities: int, projects: int, seed: int = 2012) -> Path:
    """Write a complete content/ folder under ``dest`` and return it."""
    content = dest / "content"
    if content.exists():
        shutil.rmtree(content)
    for folder in ("municipalities", "projects", "methods"):
        (content / folder).mkdir(parents=True)
    for name in VOCABULARIES:
        shutil.copy2(ROOT / "content" / name, content / name)
    # The success keys' examples name real municipalities and projects; keep only those of methods.
    keys = yaml.safe_load((ROOT / "content" / "success_keys.yml").read_text(encoding="utf-8"))
    for key in keys:
        key["examples"] = [e for e in key.get("examples", []) if e["record"]["kind"] == "method"]
    (content / "success_keys.yml").write_text(yaml.safe_dump(keys, allow_unicode=True, sort_keys=False),
                                              encoding="utf-8")
    for method in sorted((ROOT / "content" / "methods").glob("*.yml")):
        shutil.copy2(method, content / "methods" / method.name)
    methods = [p.stem for p in sorted((content / "methods").glob("*.yml"))]
    criteria = [c["id"] for c in yaml.load((content / "criteria.yml").read_text(encoding="utf-8"),
                                           Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))]
    groups = [g["id"] for g in yaml.load((content / "target_groups.yml").read_text(encoding="utf-8"),
                                         Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))]
    synth = Synthesizer(seed, groups)
    ids = []
    for i in range(1, municipalities + 1):
        record = synth.municipality(i, methods, criteria)
        ids.append(record["id"])
        _write(content / "municipalities" / f"{record['id']}.yml", record, "municipality")
    for i in range(1, projects + 1):
        record = synth.project(i, ids, methods)
        _write(content / "projects" / f"{record['id']}.yml", record, "project")
    return content


def _write(path: Path, record: dict, kind: str) -> None:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(record, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(SCHEMA_LINE.format(kind) + text, encoding="utf-8")

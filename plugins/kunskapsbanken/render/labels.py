"""Swedish words for the model's English enum values, shared by pages, matrix and exports."""

NOT_KNOWN_TEXT = "Uppgift saknas i källorna"

RATINGS = {
    # value: (label, short label, symbol, CSS code) — the symbol is never shown without the text.
    "met": ("Uppfyllt", "Ja", "✓", "m"),
    "partly_met": ("Delvis uppfyllt", "Delvis", "◐", "p"),
    "not_met": ("Inte uppfyllt", "Nej", "✗", "n"),
    "not_known": ("Okänt", "Okänt", "?", "u"),
}
KINDS = {"project": "Projekt", "pilot_study": "Förstudie", "permanent_activity": "Permanent verksamhet"}
STATUSES = {"planned": "Planerat", "ongoing": "Pågår", "completed": "Avslutat", "not_known": "Okänd status"}
IMPLEMENTATIONS = {
    "implemented": "Infört i ordinarie verksamhet",
    "partly": "Delvis infört",
    "not_implemented": "Inte infört",
    "not_known": "Okänt om det infördes",
}
OUTCOMES = {"reached": "Uppnått", "partly_reached": "Delvis uppnått", "not_reached": "Inte uppnått",
            "not_known": "Okänt utfall"}
EVIDENCE = {
    # level (data/evidence.py, strongest first): (label, URL slug). The rules are on docs/om.md.
    "external_evaluation": ("Extern utvärdering", "extern-utvardering"),
    "own_follow_up": ("Egen uppföljning med siffror", "egen-uppfoljning"),
    "results_in_words": ("Resultat beskrivna i ord", "resultat-i-ord"),
    "target_only": ("Bara mål, inget resultat", "bara-mal"),
    "plan_only": ("Bara planer", "bara-planer"),
    "nothing_reported": ("Inget resultat redovisat", "inget-redovisat"),
}
RECORD_KINDS = {"municipality": "Kommun", "project": "Projekt", "method": "Metod", "criterion": "Kriterium"}


def rating_label(value: str) -> str:
    return RATINGS[value][0]


def source_year(date) -> str:
    """The year of a source's date ('2015-03-17' → '2015'); empty when the date is not known."""
    return str(date)[:4] if str(date)[:4].isdigit() else ""


def dated_status(project) -> str:
    """The status as the source had it, for use apart from the record's page: a status read off a
    2012 report is not today's ('Pågår enligt källa från 2012')."""
    return f"{project_status(project)} enligt källa från {source_year(project['status_as_of'])}"


def project_status(project) -> str:
    """The status a reader needs at a glance: the status, and 'införd' once implemented."""
    status = STATUSES[project["status"]]
    if project["status"] == "completed" and project["implementation"]["status"] == "implemented":
        return "Avslutat och infört"
    return status


def evidence_label(level: str) -> str:
    return EVIDENCE[level][0]


def evidence_evaluator(by: str, date: str) -> str:
    """Who made an external evaluation and when, in words: 'Payoff …, 2015-03-17'."""
    who = "utvärderare som källan inte namnger" if by == "not_known" else by
    return f"{who}, {'datum okänt' if date == 'not_known' else date}"

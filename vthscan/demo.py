"""The demo set-up: a few organisations, a user each and assessments in every state over two periods.

Answers are generated from the questionnaire with a fixed seed, so every demo looks the same.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import func, select

from .domain.answers import Answer
from .domain.catalog import version_key
from .domain.questionnaire import Questionnaire
from .extensions import db
from .models import Organisation
from .services.accounts import create_organisation, create_user
from .services.answers import save_answers
from .services.assessments import start_assessment
from .services.consultants import grant_consultant
from .services.plan_edits import ActionInput, add_progress_note, create_plan, save_action, set_improvements
from .services.plans import suggestion_choice
from .services.questionnaires import catalog as questionnaire_catalog
from .services.workflow import sign_off, submit_for_review

PASSWORD = "demo-wachtwoord"
DOMAIN = "demo.vthscan.nl"

ORGANISATIONS = [
    ("Omgevingsdienst Polderland", "omgevingsdienst", None),
    ("Omgevingsdienst Heuvelland", "omgevingsdienst", None),
    ("Provincie Middenland", "provincie", "Omgevingsdienst Polderland"),
    ("Gemeente Dijkstad", "gemeente", "Omgevingsdienst Polderland"),
    ("Gemeente Waterveen", "gemeente", "Omgevingsdienst Polderland"),
    ("Gemeente Bergheide", "gemeente", "Omgevingsdienst Heuvelland"),
    ("Gemeente Zandvoorde", "gemeente", "Omgevingsdienst Heuvelland"),
    ("Adviesbureau Toezicht & Co", "adviesbureau", None),
]
# (e-mail, organisation, role, name)
USERS = [
    (f"beheerder@{DOMAIN}", "Provincie Middenland", "beheerder", "Beheerder vthscan"),
    (f"coordinator.polderland@{DOMAIN}", "Omgevingsdienst Polderland", "coordinator", "Petra de Vries"),
    (f"invuller.polderland@{DOMAIN}", "Omgevingsdienst Polderland", "invuller", "Ahmed El Amrani"),
    (f"lezer.polderland@{DOMAIN}", "Omgevingsdienst Polderland", "lezer", "Lotte Jansen"),
    (f"coordinator.heuvelland@{DOMAIN}", "Omgevingsdienst Heuvelland", "coordinator", "Henk Bakker"),
    (f"invuller.heuvelland@{DOMAIN}", "Omgevingsdienst Heuvelland", "invuller", "Iris de Groot"),
    (f"provincie@{DOMAIN}", "Provincie Middenland", "coordinator", "Sanne Visser"),
    (f"dijkstad@{DOMAIN}", "Gemeente Dijkstad", "coordinator", "Daan Smit"),
    (f"invuller.dijkstad@{DOMAIN}", "Gemeente Dijkstad", "invuller", "Dirk Peters"),
    (f"waterveen@{DOMAIN}", "Gemeente Waterveen", "coordinator", "Wendy Mulder"),
    (f"bergheide@{DOMAIN}", "Gemeente Bergheide", "coordinator", "Bart Meijer"),
    (f"zandvoorde@{DOMAIN}", "Gemeente Zandvoorde", "coordinator", "Zeynep Yilmaz"),
    (f"adviseur@{DOMAIN}", "Adviesbureau Toezicht & Co", "invuller", "Anna de Boer"),
]


def database_is_empty() -> bool:
    return not db.session.scalar(select(func.count()).select_from(Organisation))


def demo_questionnaire() -> Questionnaire:
    catalog = questionnaire_catalog()
    questionnaire = catalog.get("vthscan-standaard") or next(iter(sorted(catalog.questionnaires.items())))[1]
    return questionnaire


def previous_version(questionnaire: Questionnaire) -> Questionnaire:
    """The version before `questionnaire` (the one last year's assessments used), else itself."""
    versions = questionnaire_catalog().versions_of(questionnaire.id)
    older = sorted((v for v in versions if version_key(v) < version_key(questionnaire.version)), key=version_key)
    return versions[older[-1]] if older else questionnaire


def create_demo(reset: bool = False) -> None:
    """Build the demo; with `reset` the whole database is emptied first."""
    if reset:
        db.session.remove()
        db.drop_all()
        db.create_all()
        current_app.extensions["vthscan"]["definitions"].clear()
    organisations = {}
    for name, kind, participant_of in ORGANISATIONS:
        organisations[name] = create_organisation(name, kind, participant_of)
    users = {}
    for email, organisation, role, name in USERS:
        users[email] = create_user(email, PASSWORD, organisations[organisation], role, name)

    # 2025 was answered against the previous version of the questionnaire, 2026 against the newest.
    questionnaire = demo_questionnaire()
    last_year = previous_version(questionnaire)
    polderland_coordinator = users[f"coordinator.polderland@{DOMAIN}"]
    heuvelland_coordinator = users[f"coordinator.heuvelland@{DOMAIN}"]
    heuvelland_invuller = users[f"invuller.heuvelland@{DOMAIN}"]

    # Every sign-off has two people: one submits, another signs off (four eyes).
    # Polderland: 2025 signed off; 2026 started from 2025 (copied answers carried to the new version, partly
    # confirmed, some not carried), a consultant helps.
    polder_2025 = _signed_off(users[f"invuller.polderland@{DOMAIN}"], polderland_coordinator,
                              organisations["Omgevingsdienst Polderland"], last_year, "2025", seed=1,
                              signed_at=datetime(2026, 2, 12, 10, 30))
    polder_2026 = start_assessment(polderland_coordinator, organisations["Omgevingsdienst Polderland"],
                                   questionnaire, "2026", "Zelfevaluatie 2026", copy_previous=True)
    first_pillar = questionnaire.pillars_for("omgevingsdienst")[0]
    answers = _answers(questionnaire, "omgevingsdienst", seed=2, pillars=[first_pillar.id])
    save_answers(users[f"invuller.polderland@{DOMAIN}"], polder_2026, polder_2026.version, answers)
    grant_consultant(polderland_coordinator, polder_2026, organisations["Adviesbureau Toezicht & Co"].id)
    _plan(polderland_coordinator, polder_2025, users[f"invuller.polderland@{DOMAIN}"],
          organisations["Gemeente Dijkstad"])

    # Heuvelland: 2025 signed off, 2026 waiting for review by the coordinator.
    _signed_off(heuvelland_invuller, heuvelland_coordinator, organisations["Omgevingsdienst Heuvelland"],
                last_year, "2025", seed=3, signed_at=datetime(2026, 3, 3, 14, 0))
    heuvel_2026 = _filled(heuvelland_invuller, organisations["Omgevingsdienst Heuvelland"], questionnaire,
                          "2026", seed=4)
    submit_for_review(heuvelland_invuller, heuvel_2026, heuvel_2026.version)

    # Municipalities and the province answer their own pillar.
    _signed_off(users[f"invuller.dijkstad@{DOMAIN}"], users[f"dijkstad@{DOMAIN}"], organisations["Gemeente Dijkstad"],
                last_year, "2025", seed=5, signed_at=datetime(2026, 1, 20, 9, 0))
    waterveen = start_assessment(users[f"waterveen@{DOMAIN}"], organisations["Gemeente Waterveen"],
                                 questionnaire, "2026", "Opdrachtgeverschap 2026")
    partial = dict(list(_answers(questionnaire, "gemeente", seed=6).items())[:5])
    save_answers(users[f"waterveen@{DOMAIN}"], waterveen, waterveen.version, partial)
    _signed_off(users[f"provincie@{DOMAIN}"], users[f"beheerder@{DOMAIN}"], organisations["Provincie Middenland"],
                last_year, "2025", seed=7, signed_at=datetime(2026, 2, 2, 11, 0))


def _plan(coordinator, assessment, owner, participant) -> None:
    """Polderland's plan van aanpak from its 2025 assessment: the first suggested actions, two with an
    owner and dates (one of them overdue), and a progress note."""
    keys = [suggestion.key for suggestion in suggestion_choice(assessment, None).suggestions[:5]]
    plan = create_plan(coordinator, assessment, keys)
    today = date.today()
    first, second = plan.actions[:2]
    for action, who, due, status in ((first, f"persoon:{owner.id}", today + timedelta(days=120), "bezig"),
                                     (second, f"deelnemer:{participant.id}", today - timedelta(days=14), "open")):
        save_action(coordinator, plan, action, action.version, ActionInput(
            text=action.text, criterion=action.criterion, owner=who, start=today - timedelta(days=60), due=due,
            status=status, reason="", evidence=""))
    add_progress_note(coordinator, plan, first, "Offerte gevraagd; bespreking in het MT volgende maand.")
    if first.criterion == "R6":  # what the Inspectieview action brings about, for the projection
        set_improvements(coordinator, plan, first, {"r6_inspectieview": "bron_en_gebruiker",
                                                    "r6_landelijke_levering": True})


def _filled(user, organisation, questionnaire, period, seed):
    assessment = start_assessment(user, organisation, questionnaire, period, f"Zelfevaluatie {period}")
    save_answers(user, assessment, assessment.version, _answers(questionnaire, organisation.kind, seed))
    return assessment


def _signed_off(submitter, signer, organisation, questionnaire, period, seed, signed_at):
    """Filled in and submitted by `submitter`, signed off by `signer` (four eyes) on `signed_at`."""
    assessment = _filled(submitter, organisation, questionnaire, period, seed)
    submit_for_review(submitter, assessment, assessment.version)
    sign_off(signer, assessment, assessment.version)
    # the demo's own dates, set directly: no service changes when something was signed off
    assessment.submitted_at, assessment.signed_off_at = signed_at - timedelta(days=2), signed_at
    db.session.commit()
    return assessment


def _answers(questionnaire: Questionnaire, kind: str, seed: int, pillars: list[str] | None = None) -> dict:
    """Plausible answers: mostly reasonable, some weak spots, now and then 'weet niet' or N/A."""
    rng = random.Random(seed)
    strength = rng.uniform(0.45, 0.85)  # how well this organisation is doing overall
    answers = {}
    for pillar in questionnaire.pillars_for(kind):
        if pillars is not None and pillar.id not in pillars:
            continue
        for criterion in pillar.criteria:
            for question in criterion.questions:
                roll = rng.random()
                comment = rng.choice(["", "", "", "Besproken in het MT.", "Zie het jaarverslag."])
                evidence = rng.choice(["", "", "https://intranet.example/documenten/vth-beleid.pdf"])
                if question.allow_na and roll < 0.05:
                    answers[question.id] = Answer(na=True, na_reason="Deze taak ligt niet bij ons.")
                elif roll < 0.08 and question.is_scored:
                    answers[question.id] = Answer(unknown=True, comment="Navragen bij de afdeling.")
                else:
                    answers[question.id] = Answer(value=question.sample_value(rng, strength),
                                                  comment=comment, evidence=evidence)
    return answers


def login_help() -> str:
    lines = ["Inloggen op de demo (wachtwoord voor iedereen: " + PASSWORD + "):"]
    for email, organisation, role, _name in USERS:
        lines.append(f"  {email:<40} {role:<12} {organisation}")
    return "\n".join(lines)

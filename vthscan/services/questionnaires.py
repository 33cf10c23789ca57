"""The questionnaires: the catalog loaded at start, and the definitions stored in the database.

An assessment records the definition it was answered against, stored once per version (by
fingerprint) the first time it is used. `pin_definition` is a helper of the write services that start
an assessment: it adds the definition to their transaction. Everything else here only reads.
"""

from __future__ import annotations

from flask import current_app
from sqlalchemy import select

from ..domain.catalog import Catalog, load_catalog
from ..domain.questionnaire import Questionnaire
from ..extensions import db
from ..models import Assessment, QuestionnaireDefinition
from .errors import ServiceError


def catalog() -> Catalog:
    """The questionnaires, profiles and migrations of the folder. The web app reads them at its start;
    an app made without pages (a command) when it first needs them: `LoadError` if a file is broken."""
    state = current_app.extensions["vthscan"]
    if "catalog" not in state:
        state["catalog"] = load_catalog(state["questionnaires_folder"])
    return state["catalog"]


def available_questionnaires() -> list[Questionnaire]:
    return [q for _, q in sorted(catalog().questionnaires.items())]


def stored_definition(questionnaire_id: str, version: str) -> QuestionnaireDefinition | None:
    return db.session.scalar(select(QuestionnaireDefinition).where(
        QuestionnaireDefinition.questionnaire_id == questionnaire_id,
        QuestionnaireDefinition.version == version))


def pin_definition(questionnaire: Questionnaire) -> QuestionnaireDefinition:
    """The stored definition of this questionnaire version; store it the first time it is used.

    A file whose content changed while its version number did not is refused.
    """
    stored = stored_definition(questionnaire.id, questionnaire.version)
    if stored is not None:
        if stored.fingerprint != questionnaire.fingerprint:
            raise ServiceError(
                f"Het bestand van vragenlijst {questionnaire.id} versie {questionnaire.version} is "
                f"veranderd, maar het versienummer niet. Beoordelingen met deze versie gebruiken de "
                f"opgeslagen versie; geef het gewijzigde bestand een nieuw versienummer.")
        return stored
    stored = QuestionnaireDefinition(questionnaire_id=questionnaire.id, version=questionnaire.version,
                                     fingerprint=questionnaire.fingerprint, title=questionnaire.title,
                                     data=questionnaire.to_data())
    db.session.add(stored)
    db.session.flush()
    return stored


def changed_definitions() -> list[str]:
    """Questionnaire files whose content differs from the stored definition of the same version."""
    problems = []
    for (questionnaire_id, version), questionnaire in sorted(catalog().questionnaires.items()):
        stored = stored_definition(questionnaire_id, version)
        if stored is not None and stored.fingerprint != questionnaire.fingerprint:
            problems.append(f"{catalog().files[(questionnaire_id, version)]}: {questionnaire_id} versie {version} "
                            f"is veranderd sinds hij voor het eerst werd gebruikt, maar het versienummer niet; "
                            f"nieuwe beoordelingen met deze versie worden geweigerd. Geef het bestand een nieuw "
                            f"versienummer.")
    return problems


def questionnaire_for(assessment: Assessment) -> Questionnaire:
    """The definition the assessment was answered against, read from the database (cached)."""
    return questionnaire_of(assessment.definition)


def questionnaire_of(definition: QuestionnaireDefinition) -> Questionnaire:
    """A stored definition as the domain's questionnaire (cached by fingerprint)."""
    cache = current_app.extensions["vthscan"]["definitions"]
    if definition.fingerprint not in cache:
        cache[definition.fingerprint] = Questionnaire.model_validate(definition.data)
    return cache[definition.fingerprint]

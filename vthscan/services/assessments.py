"""Assessments: starting one (optionally from the previous one's answers), importing and exporting an
answers file, and the progress and scores of the overview.

Write services (`write`) audit and commit; on an error nothing of theirs is kept. Reads never commit.
Who may start an assessment, and in which organisation, is decided in access.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..domain.answers import Answer as DomainAnswer
from ..domain.answers import (
    AnswersError,
    AnswerSet,
    check_answer_texts,
    check_answers,
)
from ..domain.comparison import Summary, summary_of
from ..domain.completeness import Completeness, count_answers
from ..domain.limits import NAME, PERIOD
from ..domain.questionnaire import Questionnaire
from ..domain.scoring import Result, score
from ..domain.wording import ASSESSED_KINDS, SIGNED_OFF
from ..extensions import db
from ..models import Answer, Assessment, Organisation, QuestionnaireDefinition, User
from .answers import answers_of, copied_questions, to_domain
from .audit import audit
from .carry_over import carry_over
from .errors import ServiceError, check_text
from .lifecycle import checked_period, require_no_open_assessment
from .questionnaires import catalog, pin_definition, questionnaire_for, stored_definition
from .transaction import write

# --- progress and scores --------------------------------------------------------------------------------

@dataclass
class PillarProgress:
    id: str
    title: str
    completeness: Completeness
    missing: list[tuple[str, str]]  # open questions: (question id, text)
    copied: list[tuple[str, str]]   # copied answers nobody confirmed or changed yet: (question id, text)
    score: float | None = None
    level: str | None = None

    @property
    def is_ready(self) -> bool:
        """Nothing of this pillar blocks submitting: no open question, no unconfirmed copied answer."""
        return not self.missing and not self.copied


@dataclass
class Overview:
    pillars: list[PillarProgress]
    result: Result | None
    problems: list[str] = field(default_factory=list)

    @property
    def completeness(self) -> Completeness:
        return sum((p.completeness for p in self.pillars), Completeness())

    @property
    def is_complete(self) -> bool:
        return self.completeness.is_complete

    @property
    def copied(self) -> int:
        return sum(len(p.copied) for p in self.pillars)

    @property
    def may_be_submitted(self) -> bool:
        """What the workflow asks of a concept before review: everything answered, every copied
        answer confirmed, and answers that fit the questionnaire."""
        return self.is_complete and not self.copied and not self.problems


def overview(assessment: Assessment) -> Overview:
    questionnaire = questionnaire_for(assessment)
    kind = assessment.organisation.kind
    answers = answers_of(assessment)
    copied = copied_questions(assessment)
    try:
        result = score(questionnaire, answers, kind)
        problems = []
    except AnswersError as error:
        result, problems = None, error.problems
    results = {p.id: p for p in result.pillars} if result else {}
    pillars = []
    for pillar in questionnaire.pillars_for(kind):
        questions = [q for c in pillar.criteria for q in c.questions]
        pillar_result = results.get(pillar.id)
        pillars.append(PillarProgress(
            id=pillar.id, title=pillar.title, completeness=count_answers((q.id for q in questions), answers),
            missing=[(q.id, q.text) for q in questions if answers.get(q.id, DomainAnswer()).is_open],
            copied=[(q.id, q.text) for q in questions if q.id in copied],
            score=pillar_result.score if pillar_result else None,
            level=pillar_result.level if pillar_result else None))
    return Overview(pillars=pillars, result=result, problems=problems)


def score_summary(assessment: Assessment) -> dict | None:
    """The overall and pillar scores a peer benchmark needs (stored at sign-off); None if unscorable."""
    try:
        result = score(questionnaire_for(assessment), answers_of(assessment), assessment.organisation.kind)
    except AnswersError:
        return None
    return summary_data(summary_of(result))


def summary_data(summary: Summary) -> dict:
    return {"score": summary.score, "pillars": dict(summary.pillars)}


# --- starting, importing, exporting ---------------------------------------------------------------------

@write
def start_assessment(user: User | None, organisation: Organisation, questionnaire: Questionnaire,
                     period: str, name: str, copy_previous: bool = False) -> Assessment:
    name = (name or "").strip()
    if organisation.kind not in ASSESSED_KINDS:
        raise ServiceError(f"Een {organisation.kind} vult zelf geen beoordeling in.")
    check_text("De periode", (period or "").strip(), PERIOD)
    period = checked_period(period)
    check_text("De naam", name, NAME)
    if not questionnaire.pillars_for(organisation.kind):
        raise ServiceError(f"Vragenlijst {questionnaire.title} heeft geen vragen voor een {organisation.kind}.")
    require_no_open_assessment(organisation, questionnaire.id, period)
    definition = pin_definition(questionnaire)
    assessment = Assessment(organisation=organisation, definition=definition, period=period,
                            name=name or f"{questionnaire.title} {period}")
    _add_new(assessment, questionnaire.id)
    audit(user, "created", assessment, new=f"{questionnaire.id} versie {questionnaire.version}, periode {period}")
    if copy_previous:
        previous = previous_signed_off(organisation, questionnaire.id, exclude=assessment)
        if previous is None:
            raise ServiceError("Er is geen eerdere vastgestelde beoordeling van deze organisatie om "
                               "antwoorden uit over te nemen.")
        carry_over(user, previous, assessment)
    return assessment


def _add_new(assessment: Assessment, questionnaire_id: str) -> None:
    """Add a new open assessment; a second one started at the same moment meets the database's unique
    index, and gets the same message as one started later."""
    db.session.add(assessment)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        require_no_open_assessment(assessment.organisation, questionnaire_id, assessment.period)
        raise


def previous_signed_off(organisation: Organisation, questionnaire_id: str,
                        exclude: Assessment | None = None) -> Assessment | None:
    candidates = db.session.scalars(select(Assessment).join(QuestionnaireDefinition).where(
        Assessment.organisation_id == organisation.id, Assessment.status == SIGNED_OFF,
        QuestionnaireDefinition.questionnaire_id == questionnaire_id)
        .order_by(Assessment.signed_off_at.desc(), Assessment.id.desc()))
    return next((a for a in candidates if exclude is None or a.id != exclude.id), None)


def copy_answers(source: Assessment, target: Assessment) -> int:
    """Copy every answer as it is into an assessment with the same definition (a reopened one); how many.

    Adds to the caller's transaction. Nothing is checked again, so nothing is lost: a text stored
    before a limit existed is kept, and refused only when someone saves its page.
    """
    for row in source.answers:
        db.session.add(Answer(assessment=target, question_id=row.question_id, value=row.value, na=row.na,
                              na_reason=row.na_reason, unknown=row.unknown, comment=row.comment,
                              evidence=row.evidence))
    return len(source.answers)


def answer_set_of(assessment: Assessment) -> AnswerSet:
    return AnswerSet(
        questionnaire_id=assessment.questionnaire_id, questionnaire_version=assessment.questionnaire_version,
        organisation_name=assessment.organisation.name, organisation_kind=assessment.organisation.kind,
        period=assessment.period,
        answers={row.question_id: to_domain(row) for row in sorted(assessment.answers,
                                                                  key=lambda r: r.question_id)})


@write
def export_assessment(user: User | None, assessment: Assessment) -> dict:
    """The assessment as an answers file's data; the download is audited."""
    audit(user, "exported", assessment)
    return answer_set_of(assessment).to_data()


def _questionnaire_of(answer_set: AnswerSet) -> Questionnaire:
    """The questionnaire version an answers file was made for: from the folder, else as stored."""
    questionnaire = catalog().get(answer_set.questionnaire_id, answer_set.questionnaire_version)
    if questionnaire is not None:
        return questionnaire
    stored = stored_definition(answer_set.questionnaire_id, answer_set.questionnaire_version)
    if stored is None:
        raise ServiceError(f"Vragenlijst {answer_set.questionnaire_id} versie "
                           f"{answer_set.questionnaire_version} is niet bekend.")
    return Questionnaire.model_validate(stored.data)


@write
def import_answer_set(user: User | None, organisation: Organisation, answer_set: AnswerSet,
                      name: str = "") -> Assessment:
    """A new concept assessment holding the answers of an answers file."""
    name = (name or "").strip()
    check_text("De periode in het bestand", answer_set.period, PERIOD)
    try:
        period = checked_period(answer_set.period)
    except ServiceError as error:
        raise ServiceError(f"De periode in het bestand: {error}") from None
    check_text("De naam", name, NAME)
    if organisation.kind not in ASSESSED_KINDS:
        raise ServiceError(f"Een {organisation.kind} vult zelf geen beoordeling in.")
    questionnaire = _questionnaire_of(answer_set)
    if answer_set.organisation_kind != organisation.kind:
        raise ServiceError(f"Het bestand is voor een {answer_set.organisation_kind}, maar "
                           f"{organisation.name} is een {organisation.kind}.")
    problems = (check_answers(questionnaire, organisation.kind, answer_set.answers)
                + check_answer_texts(questionnaire, answer_set.answers))
    if problems:
        raise ServiceError("Het antwoordenbestand past niet bij de vragenlijst:\n" + "\n".join(problems))
    require_no_open_assessment(organisation, questionnaire.id, period)
    assessment = Assessment(organisation=organisation, definition=pin_definition(questionnaire),
                            period=period, name=name or f"Import {period}")
    _add_new(assessment, questionnaire.id)
    for question_id, answer in answer_set.answers.items():
        if answer == DomainAnswer():
            continue
        db.session.add(Answer(assessment=assessment, question_id=question_id, value=answer.value, na=answer.na,
                              na_reason=answer.na_reason, unknown=answer.unknown, comment=answer.comment,
                              evidence=answer.evidence))
    audit(user, "imported", assessment, new=f"{len(answer_set.answers)} antwoorden uit een antwoordenbestand")
    return assessment


def get_assessment_by_id(assessment_id: int) -> Assessment:
    """For the command line, which runs with the rights of the server's owner."""
    assessment = db.session.get(Assessment, assessment_id)
    if assessment is None:
        raise ServiceError(f"Beoordeling {assessment_id} bestaat niet.")
    return assessment

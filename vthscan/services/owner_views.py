"""The owners' own view of an omgevingsdienst's assessment (a two-sided assessment): the round, the
owners' views per criterion of the pillars R and G, and what the results page, the report, the
overview, the start page and the comparison show of them.

Who may do what is access.py's (`may_manage_owner_round`, `owner_access`, `sees_owner_names`); the
summary is the domain's (`domain.owner_view`), its wording the report's (`report.owner_view_data`). A
reader who may not know which owner gave which view gets the summary without names. Opening and
closing the round and saving views are write services (`write`), audited in the assessment's log.
Nothing here touches the assessment itself: its answers, version and scores stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..domain.answers import AnswersError
from ..domain.owner_view import OwnerView, owner_view_criteria, summarize, view_problems, without_names
from ..domain.questionnaire import Criterion, Questionnaire
from ..domain.scoring import score
from ..domain.wording import NO_OWNER_VIEW_LABEL, SIGNED_OFF, day_text
from ..extensions import db
from ..models import Assessment, Organisation, OwnerViewRecord, OwnerViewRound, Participation, User, utcnow
from ..report.model import ReportData
from ..report.owner_view_data import OwnerViewSection, build_owner_view_section
from .access import answering_organisations, may_manage_owner_round, owner_access, owner_memberships, sees_owner_names
from .answers import answers_of
from .audit import audit
from .errors import Conflict, Forbidden, NotVisible, OwnerViewInvalid, ServiceError
from .questionnaires import questionnaire_for
from .transaction import write

CLOSED = ("De ronde voor het oordeel van de eigenaren is gesloten. Uw oordeel is niet opgeslagen; "
          "vraag de omgevingsdienst de ronde weer te openen als u nog iets wilt wijzigen.")


def round_of(assessment: Assessment) -> OwnerViewRound | None:
    return db.session.scalar(select(OwnerViewRound).where(OwnerViewRound.assessment_id == assessment.id))


def is_open(found: OwnerViewRound | None, assessment: Assessment) -> bool:
    """A round takes views while it is not closed and its assessment is not archived."""
    return found is not None and found.closed_at is None and assessment.archived_at is None


def owners_of(assessment: Assessment) -> list[Organisation]:
    """The organisations that take part in the assessment's omgevingsdienst, by name."""
    return list(db.session.scalars(
        select(Organisation).join(Participation, Participation.participant_id == Organisation.id)
        .where(Participation.omgevingsdienst_id == assessment.organisation_id).order_by(Organisation.name)))


# --- the round -------------------------------------------------------------------------------------------

@write
def open_round(user: User, assessment: Assessment) -> OwnerViewRound:
    """Open (or open again) the round of the owners' views; Forbidden unless the user manages the OD."""
    if not may_manage_owner_round(user, assessment):
        raise Forbidden()
    if assessment.archived_at is not None:
        raise ServiceError("Een gearchiveerde beoordeling krijgt geen ronde voor het oordeel van de eigenaren. "
                           "Haal hem eerst uit het archief.")
    if not owner_view_criteria(questionnaire_for(assessment)):
        raise ServiceError("Deze vragenlijst heeft geen pijler R of G: er is niets waarover de eigenaren een "
                           "oordeel kunnen geven.")
    if not owners_of(assessment):
        raise ServiceError(f"{assessment.organisation.name} heeft geen deelnemers: er is geen eigenaar om een "
                           "oordeel te vragen.")
    found = round_of(assessment)
    if found is not None and found.closed_at is None:
        raise Conflict("De ronde voor het oordeel van de eigenaren is al open.")
    if found is None:
        found = OwnerViewRound(assessment=assessment)
        db.session.add(found)
    found.opened_by_id, found.opened_at, found.closed_by_id, found.closed_at = user.id, utcnow(), None, None
    audit(user, "owner_round_opened", assessment, new="open")
    return found


@write
def close_round(user: User, assessment: Assessment) -> None:
    """Close the round: the owners' views stay and are shown, nobody changes them any more."""
    if not may_manage_owner_round(user, assessment):
        raise Forbidden()
    found = round_of(assessment)
    if found is None or found.closed_at is not None:
        raise Conflict("De ronde voor het oordeel van de eigenaren is al gesloten.")
    found.closed_by_id, found.closed_at = user.id, utcnow()
    audit(user, "owner_round_closed", assessment, old="open", new="gesloten")


def round_status(found: OwnerViewRound, assessment: Assessment) -> str:
    if found.closed_at is not None:
        return f"De ronde is gesloten op {day_text(found.closed_at)}."
    if assessment.archived_at is not None:
        return "De beoordeling is gearchiveerd; de eigenaren kunnen hun oordeel niet meer wijzigen."
    return f"De ronde is open sinds {day_text(found.opened_at)}."


# --- one owner's page --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class OwnerCriterion:
    pillar: str
    criterion: Criterion
    od_level: str | None         # the OD's own level (its questionnaire's thresholds), None: it has none
    od_score: float | None       # shown only when the reader may see the OD's results (signed off)
    view: OwnerViewRecord | None


@dataclass(frozen=True)
class OwnerPage:
    assessment: Assessment
    organisation: Organisation
    questionnaire: Questionnaire
    round: OwnerViewRound
    criteria: list[OwnerCriterion]
    is_open: bool
    can_answer: bool             # the user gives this organisation's views, and the round is open
    is_provisional: bool         # the OD's assessment is not signed off: its levels may still change


def owner_page(user: User, assessment_id: int, organisation_id: int, answering: bool = False) -> OwnerPage:
    """The page of one participating organisation; NotVisible when it is not the user's, or there is no
    round; Forbidden when `answering` and the user only reads the organisation's views."""
    assessment, rights = owner_access(user, assessment_id, organisation_id)
    found = round_of(assessment)
    if found is None:
        raise NotVisible()
    if answering and not rights.can_answer:
        raise Forbidden()
    questionnaire = questionnaire_for(assessment)
    signed_off = assessment.status == SIGNED_OFF   # then the owners may see its results anyway
    results = _od_results(assessment, questionnaire)
    views = {v.criterion: v for v in found.views if v.organisation_id == organisation_id}
    criteria = []
    for pillar, criterion in owner_view_criteria(questionnaire):
        level, score = results.get(criterion.id, (None, None))
        criteria.append(OwnerCriterion(pillar, criterion, level, score if signed_off else None,
                                       views.get(criterion.id)))
    open_now = is_open(found, assessment)
    return OwnerPage(assessment, rights.organisation, questionnaire, found, criteria, open_now,
                     rights.can_answer and open_now, not signed_off)


def _od_results(assessment: Assessment, questionnaire: Questionnaire) -> dict[str, tuple[str | None, float | None]]:
    """Per criterion the OD's own (level, score) with the questionnaire's thresholds; {} when its answers
    do not fit the questionnaire."""
    try:
        result = score(questionnaire, answers_of(assessment), assessment.organisation.kind)
    except AnswersError:
        return {}
    return {criterion.id: (criterion.level, criterion.score) for criterion in result.criteria}


@write
def save_views(user: User, page: OwnerPage, submitted: dict[str, tuple[str | None, str]]) -> int:
    """Save the organisation's views: per criterion id (level or None, explanation). Returns how many
    changed. Forbidden for a reader; ServiceError when the round is closed; OwnerViewInvalid (nothing
    saved) when a view breaks the rules. A criterion without level and explanation has no view."""
    if not owner_access(user, page.assessment.id, page.organisation.id)[1].can_answer:
        raise Forbidden()
    if not is_open(round_of(page.assessment), page.assessment):
        raise ServiceError(CLOSED)
    errors = {criterion: problems for criterion, (level, explanation) in submitted.items()
              if (problems := view_problems(page.questionnaire, criterion, level, explanation))}
    if errors:
        raise OwnerViewInvalid(errors)
    stored = {v.criterion: v for v in page.round.views if v.organisation_id == page.organisation.id}
    changed = 0
    for criterion, (level, explanation) in submitted.items():
        record = stored.get(criterion)
        old = _described(page.questionnaire, record.level, record.explanation) if record else ""
        new = _described(page.questionnaire, level, explanation) if level or explanation else ""
        if old == new:
            continue
        if not new:
            db.session.delete(record)
        elif record is None:
            page.round.views.append(OwnerViewRecord(organisation=page.organisation, criterion=criterion, level=level,
                                                    explanation=explanation, updated_by_id=user.id))
        else:
            record.level, record.explanation, record.updated_by_id, record.updated_at = level, explanation, user.id, utcnow()
        audit(user, "owner_view", page.assessment, subject=f"{criterion} ({page.organisation.name})", old=old, new=new)
        changed += 1
    return changed


def _described(questionnaire: Questionnaire, level: str | None, explanation: str) -> str:
    """A view as the audit log shows it: 'Aandachtspunt: Te weinig mensen.'"""
    label = questionnaire.level_by_id[level].label if level else NO_OWNER_VIEW_LABEL
    return f"{label}: {explanation}" if explanation else label


# --- the summary on the results page and in the report ------------------------------------------------------

def section_for(reader: User | None, assessment: Assessment, report: ReportData) -> OwnerViewSection | None:
    """The section "Oordeel van de eigenaren" for `reader` (None: a report from the command line, without
    names), compared with the OD's levels in `report` (its threshold profile); None without a round."""
    found = round_of(assessment)
    if found is None:
        return None
    questionnaire = questionnaire_for(assessment)
    summary = summarize(questionnaire, od_levels(questionnaire, report), _views(found), len(owners_of(assessment)))
    if not sees_owner_names(reader, assessment):
        summary = without_names(summary)
    return build_owner_view_section(questionnaire, summary, round_status(found, assessment))


def results_section(reader: User, assessment: Assessment, page) -> OwnerViewSection | None:
    """The section for the results page (results.ResultsPage); None without a round, or when the
    answers do not fit the questionnaire (the page then shows no results at all)."""
    return section_for(reader, assessment, page.view.report) if page.view is not None else None

def od_levels(questionnaire: Questionnaire, report: ReportData) -> dict[str, str | None]:
    """The OD's level per criterion, as the report shows it."""
    return {row.id: questionnaire.levels[row.level_rank].id if row.level_rank is not None else None
            for pillar in report.pillars for row in pillar.criteria}


def _views(found: OwnerViewRound) -> list[OwnerView]:
    return [OwnerView(view.organisation.name, view.criterion, view.level, view.explanation) for view in found.views]


# --- the overview, the start page and the comparison --------------------------------------------------------

@dataclass(frozen=True)
class OverviewState:
    """The owners' round as the assessment's overview shows it."""

    round: OwnerViewRound | None
    status: str
    is_open: bool
    may_manage: bool             # opens and closes it (the OD's coordinators)
    answered: int                # owners that gave at least one view (shown to those who manage it)
    asked: int
    own_pages: list[Organisation]   # the user's participating organisations: a link to each one's page


def overview_state(user: User, assessment: Assessment) -> OverviewState | None:
    """None when the overview has nothing to show about the owners' view to this user."""
    found = round_of(assessment)
    manages = may_manage_owner_round(user, assessment)
    own = [m.organisation for m in owner_memberships(user, assessment)] if found is not None else []
    if found is None and not (manages and assessment.archived_at is None and owners_of(assessment)
                              and owner_view_criteria(questionnaire_for(assessment))):
        return None
    if not manages and not own:
        return None
    answered = len({v.organisation_id for v in found.views}) if found is not None else 0
    return OverviewState(found, round_status(found, assessment) if found is not None else "",
                         is_open(found, assessment), manages, answered, len(owners_of(assessment)), own)


@dataclass(frozen=True)
class WaitingRound:
    """An open round in which one of the user's organisations is asked for its view."""

    assessment: Assessment
    organisation: Organisation
    given: int                   # criteria this organisation gave a view of
    total: int


def waiting_rounds(user: User) -> list[WaitingRound]:
    """The open rounds of the omgevingsdiensten the user's organisations take part in (where the user
    gives their views), newest first."""
    answering = answering_organisations(user)
    if not answering:
        return []
    rows = db.session.execute(
        select(OwnerViewRound, Organisation)
        .join(Assessment, Assessment.id == OwnerViewRound.assessment_id)
        .join(Participation, Participation.omgevingsdienst_id == Assessment.organisation_id)
        .join(Organisation, Organisation.id == Participation.participant_id)
        .where(Participation.participant_id.in_(answering), OwnerViewRound.closed_at.is_(None),
               Assessment.archived_at.is_(None))
        .order_by(OwnerViewRound.opened_at.desc(), OwnerViewRound.id.desc(), Organisation.name))
    return [WaitingRound(found.assessment, organisation,
                         sum(1 for v in found.views if v.organisation_id == organisation.id),
                         len(owner_view_criteria(questionnaire_for(found.assessment))))
            for found, organisation in rows]


@dataclass(frozen=True)
class OwnerCounts:
    """One column of the comparison: the criteria where an owner differs from the OD (talking points),
    and how many owners gave a level."""

    talking_points: int
    owners: int


def comparison_cells(columns, comparison) -> list[OwnerCounts | None]:
    """Per compared assessment (comparison.Candidate, with the domain's Comparison of them): its owners'
    counts against the levels the comparison shows, None without a round; [] when none has a round."""
    rounds = {found.assessment_id: found for found in db.session.scalars(
        select(OwnerViewRound).where(OwnerViewRound.assessment_id.in_([c.id for c in columns])))}
    if not rounds:
        return []
    cells = []
    for index, column in enumerate(columns):
        found = rounds.get(column.id)
        if found is None:
            cells.append(None)
            continue
        levels = {row.id: row.cells[index].level for row in comparison.rows if not row.is_pillar}
        summary = summarize(comparison.columns[index].questionnaire, levels, _views(found), asked=0)
        cells.append(OwnerCounts(len(summary.talking_points), summary.answered))
    return cells


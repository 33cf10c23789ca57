"""A plan van aanpak as files: the spreadsheet, the plan file (vthscan.plan/1) out and in, and the
section of the PDF gap report.

Downloads and the import are write services (`write`): audited and committed. Importing checks the
file against the organisation it is brought into (the domain's `import_plan`): a plan of another
organisation, an unknown criterion or question, an owner outside the organisation and its
participants, a due date before the start, a dropped action without a reason: refused with every
problem in Dutch, and nothing is kept.
"""

from __future__ import annotations

from datetime import date

from ..domain.plan import PlanError
from ..domain.plan_file import import_plan, parse_plan_file, plan_to_json
from ..domain.questionnaire import Questionnaire
from ..models import Assessment, Organisation, PlanNoteRecord, PlanRecord, User
from ..report.exports import to_xlsx
from ..report.plan_data import PlanSection, build_plan_section, plan_sheet
from .audit import audit
from .errors import ServiceError
from .exports import MIMETYPES, Download, safe_name
from .plan_edits import add_actions
from .plans import OwnerDirectory, load_actions, plan_of, plan_questionnaire, signed_off_assessments, to_plan
from .questionnaires import catalog, pin_definition, questionnaire_for
from .transaction import write


def plan_section(plan: PlanRecord, today: date) -> PlanSection:
    """The plan on `today` as report data; people are shown with their names."""
    records = load_actions(plan)
    names = {record.owner_user.email: record.owner_user.name for record in records
             if record.owner_user is not None and record.owner_user.name}
    return build_plan_section(to_plan(plan, records), plan_questionnaire(plan), today, names)


def plan_section_for(assessment: Assessment, today: date) -> PlanSection | None:
    """The gap report's plan section for an assessment: its organisation's plan for the questionnaire, if any."""
    plan = plan_of(assessment.organisation, assessment.questionnaire_id)
    return plan_section(plan, today) if plan is not None else None


def _base_name(plan: PlanRecord) -> str:
    return f"vthscan-plan-{safe_name(plan.organisation.name)}-{safe_name(plan.questionnaire_id)}"


@write
def export_plan_xlsx(user: User, plan: PlanRecord, today: date) -> Download:
    """One row per action: criterion, owner, dates, status, overdue, reason, evidence, last note."""
    content = to_xlsx([plan_sheet(plan_section(plan, today))])
    audit(user, "plan_exported", subject=f"plan {plan.id}: xlsx", organisation=plan.organisation)
    return Download(content, _base_name(plan) + ".xlsx", MIMETYPES["xlsx"])


@write
def export_plan_json(user: User, plan: PlanRecord) -> Download:
    """The plan file (vthscan.plan/1), to bring into another installation or keep elsewhere."""
    content = plan_to_json(to_plan(plan)).encode("utf-8")
    audit(user, "plan_exported", subject=f"plan {plan.id}: json", organisation=plan.organisation)
    return Download(content, _base_name(plan) + ".json", "application/json")


def questionnaire_to_import_into(organisation: Organisation, questionnaire_id: str, version: str) -> Questionnaire:
    """The questionnaire a plan file is brought into: that of the organisation's newest signed-off
    assessment of the file's questionnaire, else the file's version, else the newest version known."""
    assessments = signed_off_assessments(organisation, questionnaire_id)
    if assessments:
        return questionnaire_for(assessments[0])
    found = catalog().get(questionnaire_id, version) or catalog().get(questionnaire_id)
    if found is None:
        raise ServiceError(f"Vragenlijst {questionnaire_id} is hier niet bekend; het plan kan niet worden ingelezen.")
    return found


@write
def import_plan_file(user: User | None, organisation: Organisation, text: str, source: str) -> PlanRecord:
    """Bring a plan file in as the organisation's plan for its questionnaire; ServiceError with every
    problem (one per line) when it is refused."""
    try:
        parsed = parse_plan_file(text, source)
    except PlanError as error:
        raise ServiceError("\n".join(error.problems)) from None
    if plan_of(organisation, parsed.questionnaire_id) is not None:
        raise ServiceError(f"{organisation.name} heeft al een plan van aanpak voor vragenlijst "
                           f"{parsed.questionnaire_id}. Een plan wordt alleen ingelezen bij een organisatie "
                           "die er nog geen heeft.")
    questionnaire = questionnaire_to_import_into(organisation, parsed.questionnaire_id,
                                                 parsed.questionnaire_version)
    directory = OwnerDirectory(organisation)
    try:
        plan = import_plan(text, organisation.name, questionnaire, directory.choices, source)
    except PlanError as error:
        raise ServiceError("\n".join(error.problems)) from None
    record = PlanRecord(organisation=organisation, questionnaire_id=questionnaire.id,
                        definition=pin_definition(questionnaire), source_label=plan.assessment)
    add_actions(record, plan.actions, directory)
    for row, action in zip(record.actions, plan.actions, strict=True):
        row.notes = [PlanNoteRecord(author_id=directory.people_by_email[note.author].id
                                    if note.author in directory.people_by_email else None,
                                    author=note.author, written_at=note.written_at, text=note.text)
                     for note in action.notes]
    audit(user, "plan_imported", subject=f"{source}: {len(plan.actions)} acties"[:200], organisation=organisation)
    return record

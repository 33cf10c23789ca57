"""The state of a plan van aanpak as report data: ready-to-print Dutch text per action.

One source for every document that shows a plan: the PDF gap report's section "Stand van het plan
van aanpak" (plan_section.py), the plan's spreadsheet (`plan_sheet`) and, later, the DOCX. Built
from the domain's `Plan`; who the references (e-mail addresses, organisation names) are as a reader
knows them comes from the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain.plan import Owner, Plan
from ..domain.plan_tracking import count_actions
from ..domain.questionnaire import Questionnaire
from ..domain.wording import GENERAL_CRITERION_LABEL, OVERDUE_LABEL, day_text, owner_kind_label, plan_status_label
from .exports import Sheet


@dataclass(frozen=True)
class PlanActionLine:
    number: str
    criterion: str           # "A1 Titel" or "algemeen"
    text: str
    owner: str               # "" when nobody owns it yet
    start: str               # "01-04-2026" or ""
    due: str
    status: str              # "bezig", "open (te laat)"
    is_overdue: bool
    reason: str              # why it was dropped (vervallen)
    evidence: str            # that it is done (gereed)
    last_note: str           # "12-05-2026, petra@...: Offerte gevraagd." or ""


@dataclass(frozen=True)
class PlanSection:
    organisation: str
    made_from: str           # the assessment the plan was made from, or that it was brought in
    as_of: str               # the day the counts and "te laat" hold for
    open: int                # not yet gereed or vervallen, overdue ones included
    overdue: int
    done: int
    cancelled: int
    actions: tuple[PlanActionLine, ...]

    @property
    def counts(self) -> str:
        """'5 open, waarvan 2 te laat; 3 gereed; 1 vervallen'."""
        return (f"{self.open} open, waarvan {self.overdue} te laat; {self.done} gereed; "
                f"{self.cancelled} vervallen")


def build_plan_section(plan: Plan, questionnaire: Questionnaire, today: date,
                       names: dict[str, str] | None = None) -> PlanSection:
    """The plan on `today`; `names` gives how a reference (an e-mail address) is shown, e.g. with a name."""
    names = names or {}
    titles = {criterion.id: criterion.title for _pillar, criterion in questionnaire.criteria}
    lines = []
    for action in plan.actions:
        overdue = action.is_overdue(today)
        note = action.notes[-1] if action.notes else None
        lines.append(PlanActionLine(
            number=action.id,
            criterion=(f"{action.criterion} {titles.get(action.criterion, '')}".strip() if action.criterion
                       else GENERAL_CRITERION_LABEL),
            text=action.text, owner=_owner(action.owner, names),
            start=day_text(action.start) if action.start else "", due=day_text(action.due) if action.due else "",
            status=plan_status_label(action.status) + (f" ({OVERDUE_LABEL})" if overdue else ""),
            is_overdue=overdue, reason=action.reason, evidence=action.evidence,
            last_note=(f"{day_text(note.written_at)}, {names.get(note.author, note.author)}: {note.text}"
                       if note else "")))
    counts = count_actions(plan, today)
    return PlanSection(
        organisation=plan.organisation,
        made_from=f"gemaakt uit {plan.assessment}" if plan.assessment else "ingelezen uit een planbestand",
        as_of=day_text(today), open=counts.open, overdue=counts.overdue, done=counts.done,
        cancelled=counts.cancelled, actions=tuple(lines))


def _owner(owner: Owner | None, names: dict[str, str]) -> str:
    if owner is None:
        return ""
    if owner.ref is None:
        return owner_kind_label(owner.kind)
    return names.get(owner.ref, owner.ref)


def plan_sheet(section: PlanSection) -> Sheet:
    """One row per action, for the plan's xlsx (user texts stay text: see exports.to_xlsx)."""
    rows = [[line.number, line.criterion, line.text, line.owner, line.start, line.due, line.status,
             "ja" if line.is_overdue else "nee", line.reason, line.evidence, line.last_note]
            for line in section.actions]
    return Sheet("Plan van aanpak", ["Nr", "Criterium", "Actie", "Eigenaar", "Start", "Einddatum", "Status",
                                     "Te laat", "Reden (vervallen)", "Bewijs (gereed)", "Laatste notitie"],
                 rows, [5, 30, 60, 24, 11, 11, 16, 8, 30, 30, 50])

"""The plan van aanpak: making it from a signed-off assessment, the plan page, its actions and their
progress, closing what reached its threshold, and the plan as files.

Who may see or change a plan is access.py's (`get_plan`, `require_make_plan`): 404 or 403 otherwise.
"""

from __future__ import annotations

from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..services import access, plan_edits, plan_files, plans
from ..services.errors import ActionInvalid, Conflict, ServiceError
from .choices import choices
from .ids import whole_number
from .plan_forms import GENERAL, ChoiceForm, NoteForm, PlanActionForm, PlanImportForm, day_of, make_target_form
from .session import members_blueprint, signed_in_user

bp = members_blueprint("plans", __name__)

DOWNLOADS = ("xlsx", "json")


@bp.get("/plannen")
def index():
    return render_template("plans/index.html", plans=plans.visible_plans(signed_in_user()),
                           can_import=bool(access.plan_organisations(signed_in_user())))


@bp.route("/beoordelingen/<int:assessment_id>/plan", methods=["GET", "POST"])
def new(assessment_id: int):
    assessment, _rights = access.get_assessment(signed_in_user(), assessment_id)
    access.require_make_plan(signed_in_user(), assessment)
    existing = plans.plan_of(assessment.organisation, assessment.questionnaire_id)
    if existing is not None:
        return redirect(url_for(".adopt", plan_id=existing.id, beoordeling=assessment.id))
    form = ChoiceForm()
    if form.validate_on_submit():
        try:
            plan = plan_edits.create_plan(signed_in_user(), assessment, request.form.getlist("suggestie"))
        except ServiceError as error:
            flash(str(error), "error")
        else:
            flash(_("Het plan van aanpak is gemaakt."), "success")
            return redirect(url_for(".show", plan_id=plan.id))
    return _suggestions_page(assessment, form, None)


def _suggestions_page(assessment, form, plan):
    return render_template("plans/adopt.html", assessment=assessment, form=form, plan=plan,
                           choice=plans.suggestion_choice(assessment, plan))


@bp.route("/plannen/<int:plan_id>/overnemen", methods=["GET", "POST"])
def adopt(plan_id: int):
    plan, _rights = access.get_plan(signed_in_user(), plan_id, edit=True)
    assessment = _source_assessment(plan)
    form = ChoiceForm()
    if form.validate_on_submit():
        try:
            added = plan_edits.adopt_suggestions(signed_in_user(), plan, assessment, request.form.getlist("suggestie"))
        except ServiceError as error:
            flash(str(error), "error")
        else:
            flash(_("%(count)d acties overgenomen.", count=added), "success")
            return redirect(url_for(".show", plan_id=plan.id))
    return _suggestions_page(assessment, form, plan)


def _source_assessment(plan):
    """The signed-off assessment named in `beoordeling`, else the organisation's newest one."""
    wanted = whole_number(request.values.get("beoordeling", ""))
    found = plans.signed_off_assessments(plan.organisation, plan.questionnaire_id)
    chosen = next((a for a in found if a.id == wanted), None) if wanted is not None else (found[0] if found else None)
    if chosen is None:
        abort(404)
    return chosen


@bp.get("/plannen/<int:plan_id>")
def show(plan_id: int):
    plan, rights = access.get_plan(signed_in_user(), plan_id)
    return render_template("plans/show.html", page=plans.plan_page(plan, date.today()), access=rights,
                           today=date.today())


def _action_form(plan, record=None) -> PlanActionForm:
    directory = plans.OwnerDirectory(plan.organisation)
    questionnaire = plans.plan_questionnaire(plan)
    data = None
    if record is not None and request.method == "GET":
        data = dict(version=str(record.version), text=record.text, criterion=record.criterion or GENERAL,
                    owner=directory.choice_for(record), start=record.start.isoformat() if record.start else "",
                    due=record.due.isoformat() if record.due else "", status=record.status, reason=record.reason,
                    evidence=record.evidence)
    form = PlanActionForm(data=data) if data else PlanActionForm()
    return form.setup([(c.id, f"{c.id} {c.title}") for _p, c in questionnaire.criteria],
                      [(option.value, option.label) for option in directory.options(record)])


def _typed(form: PlanActionForm) -> plan_edits.ActionInput:
    return plan_edits.ActionInput(
        text=form.text.data or "", criterion=form.criterion.data or None, owner=form.owner.data or "",
        start=day_of(form.start.data), due=day_of(form.due.data), status=form.status.data or "",
        reason=form.reason.data or "", evidence=form.evidence.data or "")


def _save(plan, record, form: PlanActionForm):
    """Save a posted action form: the record, or None with the problems on the form (nothing saved)."""
    if not form.validate_on_submit():
        return None
    version = whole_number(form.version.data) if record is not None else None
    try:
        return plan_edits.save_action(signed_in_user(), plan, record, version, _typed(form))
    except ActionInvalid as invalid:
        form.show_problems(invalid.errors)
    except Conflict as conflict:
        form.text.errors = [*form.text.errors, str(conflict)]
    return None


@bp.route("/plannen/<int:plan_id>/acties/nieuw", methods=["GET", "POST"])
def add_action(plan_id: int):
    plan, _rights = access.get_plan(signed_in_user(), plan_id, edit=True)
    form = _action_form(plan)
    if request.method == "GET":
        form.criterion.data = request.args.get("criterium", GENERAL)
    saved = _save(plan, None, form) if request.method == "POST" else None
    if saved is not None:
        flash(_("De actie is toegevoegd."), "success")
        return redirect(url_for(".show", plan_id=plan.id))
    return render_template("plans/action.html", plan=plan, record=None, form=form, note_form=None, access=None)


@bp.route("/plannen/<int:plan_id>/acties/<int:action_id>", methods=["GET", "POST"])
def action(plan_id: int, action_id: int):
    plan, rights = access.get_plan(signed_in_user(), plan_id, edit=request.method == "POST")
    record = _action_in(plan, action_id)
    form = _action_form(plan, record) if rights.can_edit else None
    if request.method == "POST" and _save(plan, record, form) is not None:
        flash(_("De actie is opgeslagen."), "success")
        return redirect(url_for(".action", plan_id=plan.id, action_id=record.id))
    return _action_page(plan, record, rights, form, NoteForm(formdata=None) if rights.can_edit else None)


def _action_in(plan, action_id: int):
    record = plans.action_in(plan, action_id)
    if record is None:
        abort(404)
    return record


def _improves_form(plan, record, formdata=None):
    return make_target_form(plans.plan_questionnaire(plan), plans.improvement_groups(plan, record), formdata,
                            initial=record.improves, csrf=True)


def _action_page(plan, record, rights, form, note_form, improves_form=None):
    if improves_form is None and rights.can_edit:
        improves_form = _improves_form(plan, record)
    return render_template("plans/action.html", plan=plan, record=record, form=form, note_form=note_form,
                           improves_form=improves_form, improvements=plans.improvement_lines(plan, record),
                           access=rights, action=plans.to_action(record), owner=plans.owner_text(record),
                           criterion=plans.criterion_label(plans.plan_questionnaire(plan), record.criterion),
                           today=date.today())


@bp.post("/plannen/<int:plan_id>/acties/<int:action_id>/voortgang")
def add_note(plan_id: int, action_id: int):
    plan, rights = access.get_plan(signed_in_user(), plan_id, edit=True)
    record = _action_in(plan, action_id)
    note_form = NoteForm()
    if note_form.validate_on_submit():
        try:
            plan_edits.add_progress_note(signed_in_user(), plan, record, note_form.note.data or "")
        except ActionInvalid as invalid:
            note_form.note.errors = [*note_form.note.errors, *invalid.errors.get("note", [])]
        else:
            flash(_("De voortgang is toegevoegd."), "success")
            return redirect(url_for(".action", plan_id=plan.id, action_id=record.id) + "#voortgang")
    return _action_page(plan, record, rights, _action_form(plan, record), note_form)


@bp.post("/plannen/<int:plan_id>/acties/<int:action_id>/oplevering")
def set_improvements(plan_id: int, action_id: int):
    plan, rights = access.get_plan(signed_in_user(), plan_id, edit=True)
    record = _action_in(plan, action_id)
    form = _improves_form(plan, record, request.form)
    if form.validate_on_submit():
        targets = form.targets()
        try:
            if not form.error_summary:
                plan_edits.set_improvements(signed_in_user(), plan, record,
                                            {qid: answer.value for qid, answer in targets.items()})
                flash(_("Opgeslagen wat de actie oplevert."), "success")
                return redirect(url_for(".action", plan_id=plan.id, action_id=record.id))
        except ActionInvalid as invalid:
            form.show_problems(invalid.errors)
    return _action_page(plan, record, rights, _action_form(plan, record), NoteForm(formdata=None), form)


@bp.post("/plannen/<int:plan_id>/afsluiten")
def close(plan_id: int):
    plan, _rights = access.get_plan(signed_in_user(), plan_id, edit=True)
    form = ChoiceForm()
    assessment_id = whole_number(form.assessment.data)
    if assessment_id is None:
        abort(400)
    assessment, _assessment_rights = access.get_assessment(signed_in_user(), assessment_id)
    back = url_for("assessments.overview", assessment_id=assessment.id) + "#plan-van-aanpak"
    if form.validate_on_submit():
        ids = [number for number in map(whole_number, request.form.getlist("actie")) if number is not None]
        try:
            closed = plan_edits.close_reached(signed_in_user(), plan, assessment, ids)
            flash(_("%(count)d acties staan nu op gereed.", count=closed), "success")
        except ServiceError as error:
            flash(str(error), "error")
    return redirect(back)


@bp.get("/plannen/<int:plan_id>/export.<kind>")
def export(plan_id: int, kind: str):
    if kind not in DOWNLOADS:
        abort(404)
    plan, _rights = access.get_plan(signed_in_user(), plan_id)
    download = (plan_files.export_plan_xlsx(signed_in_user(), plan, date.today()) if kind == "xlsx"
                else plan_files.export_plan_json(signed_in_user(), plan))
    return Response(download.content, mimetype=download.mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{download.filename}"'})


@bp.route("/plannen/importeren", methods=["GET", "POST"])
def import_plan():
    organisations = access.require_plan_organisations(signed_in_user())
    form = PlanImportForm()
    form.organisation.choices = choices([(o.id, o.name) for o in organisations])
    if form.validate_on_submit():
        plan = _import(form)
        if plan is not None:
            flash(_("Het plan van aanpak is ingelezen."), "success")
            return redirect(url_for(".show", plan_id=plan.id))
    return render_template("plans/import.html", form=form)


def _import(form: PlanImportForm):
    """The plan made from the uploaded file, or None with the problems on the form."""
    try:
        text = form.file.data.read().decode("utf-8")
        organisation = access.plan_organisation(signed_in_user(), form.organisation.data)
        return plan_files.import_plan_file(signed_in_user(), organisation, text, form.file.data.filename or "plan.json")
    except UnicodeDecodeError:
        form.file.errors = [_("Het bestand is geen tekst (UTF-8).")]
    except ServiceError as error:
        form.file.errors = str(error).splitlines()
    return None

"""Assessments: the list, starting one, one page per pillar, the overview, the workflow and files."""

from __future__ import annotations

import json
from datetime import date

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..domain.answers import AnswersError, parse_answers_file
from ..services import (
    access,
    assessments,
    carry_over,
    consultants,
    copied_answers,
    lifecycle,
    plan_progress,
    questionnaires,
    start_page,
    workflow,
)
from ..services.errors import Conflict, ServiceError, StaleSave
from . import confirmations, pillar_page
from .choices import choices
from .errors import BadFormVersion
from .forms import ActionForm, GrantForm, ImportForm, SendBackForm, StartForm
from .ids import whole_number
from .session import members_blueprint, signed_in_user

bp = members_blueprint("assessments", __name__)






@bp.get("/")
def index():
    archived = request.args.get("gearchiveerd") == "1"
    return render_template("assessments/index.html", start=start_page.start_page(signed_in_user(), date.today()),
                           items=access.visible_assessments(signed_in_user(), archived=archived),
                           archived=archived, can_start=access.may_start(signed_in_user()))


@bp.route("/beoordelingen/nieuw", methods=["GET", "POST"])
def start():
    form = _start_form(access.require_start(signed_in_user()))
    if form.validate_on_submit():
        qid, _sep, version = form.questionnaire.data.partition("|")
        try:
            assessment = assessments.start_assessment(
                signed_in_user(), access.organisation_to_start_in(signed_in_user(), form.organisation.data),
                questionnaires.catalog().get(qid, version), form.period.data, form.name.data,
                copy_previous=form.copy_previous.data)
        except ServiceError as error:
            form.period.errors = [str(error)]
        else:
            flash(_("De beoordeling is aangemaakt."), "success")
            return redirect(url_for(".overview", assessment_id=assessment.id))
    return render_template("assessments/start.html", form=form,
                           questionnaires=questionnaires.available_questionnaires())


def _start_form(organisations) -> StartForm:
    form = StartForm()
    form.organisation.choices = choices([(o.id, o.name) for o in organisations])
    form.questionnaire.choices = choices((f"{q.id}|{q.version}", f"{q.title} (versie {q.version})")
                                         for q in questionnaires.available_questionnaires())
    return form


def _grant_form(assessment) -> GrantForm:
    form = GrantForm()
    form.organisation.choices = choices([(o.id, o.name) for o in consultants.consultancies_without_access(assessment)])
    return form


@bp.get("/beoordelingen/<int:assessment_id>")
def overview(assessment_id: int):
    assessment, rights = access.get_assessment(signed_in_user(), assessment_id)
    return render_template(
        "assessments/overview.html", assessment=assessment, access=rights,
        questionnaire=questionnaires.questionnaire_for(assessment), progress=assessments.overview(assessment),
        not_carried=carry_over.not_carried(assessment),
        action_form=ActionForm(version=assessment.version), send_back_form=SendBackForm(version=assessment.version),
        grant_form=_grant_form(assessment) if rights.can_manage else None,
        grants=consultants.grants(assessment) if rights.can_manage else [],
        newer=workflow.newer_version(assessment), can_delete=lifecycle.deletion_refusal(assessment) is None,
        plan_link=plan_progress.plan_link_for(signed_in_user(), assessment),
        plan_progress=plan_progress.progress_for(signed_in_user(), assessment))


@bp.route("/beoordelingen/<int:assessment_id>/pijler/<pillar_id>", methods=["GET", "POST"])
def pillar(assessment_id: int, pillar_id: str):
    assessment, rights = access.get_assessment(signed_in_user(), assessment_id)
    page = pillar_page.find_page(assessment, rights, questionnaires.questionnaire_for(assessment), pillar_id,
                                 request.args.get("deel"))
    if request.method == "POST":
        access.require(rights, "can_edit_answers")
        return pillar_page.save(page, _loaded_version(ActionForm(), assessment))
    return pillar_page.show(page, pillar_page.blank_form(page))


def _workflow(assessment_id: int, needs: str, action, message: str, form_class=ActionForm):
    """Carry out action(assessment, form, loaded version) for a button on the overview."""
    assessment, _rights = access.get_assessment(signed_in_user(), assessment_id, needs=needs)
    form = form_class()
    version = _loaded_version(form, assessment)
    back = url_for(".overview", assessment_id=assessment_id)
    if not form.validate_on_submit():
        for errors in form.errors.values():
            flash(" ".join(str(error) for error in errors), "error")
        return redirect(back)
    try:
        result = action(assessment, form, version)
    except StaleSave:
        return _conflict(_("De beoordeling is intussen gewijzigd"), back, _(
            "Iemand anders heeft deze beoordeling gewijzigd nadat u de pagina opende. Bekijk de "
            "nieuwe stand en probeer het opnieuw."))
    except Conflict as conflict:
        return _conflict(_("Dit is al gebeurd"), back, str(conflict))
    except ServiceError as error:
        flash(str(error), "error")
        return redirect(back)
    flash(message, "success")
    return redirect(url_for(".overview", assessment_id=result.id if result else assessment_id))


def _conflict(title: str, back: str, text: str):
    return render_template("errors/error.html", code=409, title=title, text=text, back=back), 409


def _loaded_version(form, assessment) -> int:
    """The version the form's page showed: a whole number from 1 up to the current version, else 400.

    Checked before anything else, so that a made-up version (0 would be older than every change) can
    never bring parts of the audit log onto a conflict page.
    """
    version = whole_number(form.version.data)
    if version is None or not 1 <= version <= assessment.version:
        raise BadFormVersion()
    return version


@bp.post("/beoordelingen/<int:assessment_id>/indienen")
def submit(assessment_id: int):
    return _workflow(assessment_id, "can_submit",
                     lambda a, f, version: workflow.submit_for_review(signed_in_user(), a, version),
                     _("De beoordeling ligt nu ter review."))


@bp.post("/beoordelingen/<int:assessment_id>/terugsturen")
def send_back(assessment_id: int):
    return _workflow(assessment_id, "can_review",
                     lambda a, f, version: workflow.send_back(signed_in_user(), a, version, f.comment.data),
                     _("De beoordeling is teruggestuurd naar concept."), SendBackForm)


@bp.route("/beoordelingen/<int:assessment_id>/vaststellen", methods=["GET", "POST"])
def sign_off(assessment_id: int):
    if request.method == "GET":
        return confirmations.confirm_sign_off(access.get_assessment(signed_in_user(), assessment_id, "can_sign_off")[0])
    return _workflow(assessment_id, "can_review",
                     lambda a, f, version: workflow.sign_off(signed_in_user(), a, version),
                     _("De beoordeling is vastgesteld."))


@bp.route("/beoordelingen/<int:assessment_id>/heropenen", methods=["GET", "POST"])
def reopen(assessment_id: int):
    if request.method == "GET":
        return confirmations.confirm_reopen(access.get_assessment(signed_in_user(), assessment_id, "can_manage")[0])
    return _workflow(assessment_id, "can_manage", lambda a, f, version: workflow.reopen(signed_in_user(), a),
                     _("Er is een nieuwe versie gemaakt; de vastgestelde versie blijft bewaard."))


@bp.post("/beoordelingen/<int:assessment_id>/pijler/<pillar_id>/overgenomen-bevestigen")
def confirm_copied(assessment_id: int, pillar_id: str):
    def confirm(assessment, _form, version):
        copied_answers.confirm_copied_answers(signed_in_user(), assessment, version, pillar_id)

    return _workflow(assessment_id, "can_edit_answers", confirm,
                     _("De overgenomen antwoorden van pijler %(pillar)s zijn bevestigd.", pillar=pillar_id))


@bp.post("/beoordelingen/<int:assessment_id>/adviseurs")
def grant(assessment_id: int):
    assessment, _rights = access.get_assessment(signed_in_user(), assessment_id, needs="can_manage")
    form = _grant_form(assessment)
    if form.validate_on_submit():
        try:
            consultants.grant_consultant(signed_in_user(), assessment, form.organisation.data)
            flash(_("Het adviesbureau heeft nu toegang tot deze beoordeling."), "success")
        except ServiceError as error:
            flash(str(error), "error")
    return redirect(url_for(".overview", assessment_id=assessment_id))


@bp.route("/beoordelingen/<int:assessment_id>/adviseurs/<int:grant_id>/intrekken", methods=["GET", "POST"])
def withdraw(assessment_id: int, grant_id: int):
    if request.method == "GET":
        assessment, _rights = access.get_assessment(signed_in_user(), assessment_id, "can_manage")
        return confirmations.confirm_withdraw(assessment, consultants.grant_of(assessment, grant_id))
    return _workflow(assessment_id, "can_manage",
                     lambda a, f, version: consultants.withdraw_consultant(signed_in_user(), a, grant_id),
                     _("De toegang van het adviesbureau is ingetrokken."))


@bp.get("/beoordelingen/<int:assessment_id>/export")
def export(assessment_id: int):
    assessment, _rights = access.get_assessment(signed_in_user(), assessment_id)
    data = assessments.export_assessment(signed_in_user(), assessment)
    filename = f"vthscan-beoordeling-{assessment_id}.json"
    return Response(json.dumps(data, ensure_ascii=False, indent=2) + "\n", mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route("/beoordelingen/importeren", methods=["GET", "POST"])
def import_answers():
    form = ImportForm()
    form.organisation.choices = choices([(o.id, o.name) for o in access.require_start(signed_in_user())])
    if form.validate_on_submit():
        assessment = _import(form)
        if assessment is not None:
            flash(_("Het antwoordenbestand is ingelezen als nieuwe beoordeling."), "success")
            return redirect(url_for(".overview", assessment_id=assessment.id))
    return render_template("assessments/import.html", form=form)


def _import(form: ImportForm):
    """The new assessment made from the uploaded answers file, or None with the problems on the form."""
    try:
        text = form.file.data.read().decode("utf-8")
        answer_set = parse_answers_file(text, form.file.data.filename or "bestand")
        return assessments.import_answer_set(
            signed_in_user(), access.organisation_to_start_in(signed_in_user(), form.organisation.data), answer_set, form.name.data)
    except UnicodeDecodeError:
        form.file.errors = [_("Het bestand is geen tekst (UTF-8).")]
    except AnswersError as error:
        form.file.errors = list(error.problems)
    except ServiceError as error:
        form.file.errors = str(error).splitlines()
    return None

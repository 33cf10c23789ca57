"""Assessments: the list, starting one, one page per pillar, the overview, the workflow and files."""

from __future__ import annotations

from .choices import choices

import json

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import services
from ..domain.answers import AnswersError, parse_answers_file
from ..extensions import db
from .answer_form import make_pillar_form
from .errors import BadFormVersion
from .forms import ActionForm, GrantForm, ImportForm, SendBackForm, StartForm
from .ids import whole_number

bp = Blueprint("assessments", __name__)


@bp.before_request
@login_required
def _require_login():
    return None


def _user():
    return current_user._get_current_object()


@bp.get("/")
def index():
    return render_template("assessments/index.html", items=services.visible_assessments(_user()),
                           can_start=bool(services.managed_organisations(_user())))


@bp.route("/beoordelingen/nieuw", methods=["GET", "POST"])
def start():
    organisations = services.managed_organisations(_user())
    if not organisations:
        abort(403)
    form = StartForm()
    form.organisation.choices = choices([(o.id, o.name) for o in organisations])
    form.questionnaire.choices = choices((f"{q.id}|{q.version}", f"{q.title} (versie {q.version})")
                                  for q in services.available_questionnaires())
    if form.validate_on_submit():
        organisation = next(o for o in organisations if o.id == form.organisation.data)
        qid, _sep, version = form.questionnaire.data.partition("|")
        try:
            assessment = services.start_assessment(
                _user(), organisation, services.catalog().get(qid, version), form.period.data, form.name.data,
                copy_previous=form.copy_previous.data)
        except services.ServiceError as error:
            db.session.rollback()
            form.period.errors = [str(error)]
        else:
            flash(_("De beoordeling is aangemaakt."), "success")
            return redirect(url_for(".overview", assessment_id=assessment.id))
    return render_template("assessments/start.html", form=form)


@bp.get("/beoordelingen/<int:assessment_id>")
def overview(assessment_id: int):
    assessment, access = services.get_assessment(_user(), assessment_id)
    grant_form = None
    if access.can_manage:
        grant_form = GrantForm()
        grant_form.organisation.choices = choices([(o.id, o.name) for o in services.consultancies()])
    return render_template(
        "assessments/overview.html", assessment=assessment, access=access,
        questionnaire=services.questionnaire_for(assessment), progress=services.overview(assessment),
        action_form=ActionForm(version=assessment.version), send_back_form=SendBackForm(version=assessment.version),
        grant_form=grant_form, grants=services.grants(assessment) if access.can_manage else [],
        newer=services.newer_version(assessment))


@bp.route("/beoordelingen/<int:assessment_id>/pijler/<pillar_id>", methods=["GET", "POST"])
def pillar(assessment_id: int, pillar_id: str):
    assessment, access = services.get_assessment(_user(), assessment_id)
    questionnaire = services.questionnaire_for(assessment)
    pillar = next((p for p in questionnaire.pillars_for(assessment.organisation.kind) if p.id == pillar_id), None)
    if pillar is None:
        abort(404)
    posted = request.method == "POST"
    if posted and not access.can_edit_answers:
        abort(403)
    answers = services.answers_of(assessment)
    form = make_pillar_form(questionnaire, pillar, answers,
                            services.copied_questions(assessment), assessment.version,
                            formdata=request.form if posted else None)
    loaded_version = _loaded_version(form, assessment) if posted else assessment.version
    pillars = questionnaire.pillars_for(assessment.organisation.kind)
    position = pillars.index(pillar)
    context = dict(assessment=assessment, access=access, questionnaire=questionnaire, pillar=pillar, form=form,
                   pillars=pillars, next_pillar=pillars[position + 1] if position + 1 < len(pillars) else None,
                   descriptions={qid: services.describe_answer(questionnaire, qid, answer)
                                 for qid, answer in answers.items()})
    if posted and form.validate():
        answers, confirmed = form.read_answers()
        if not form.error_summary:
            try:
                changed = services.save_answers(_user(), assessment, loaded_version, answers, confirmed)
            except services.StaleSave as stale:
                form.version.data = str(stale.assessment.version)
                form.version.raw_data = [form.version.data]
                return render_template("assessments/pillar.html", stale=stale, **context), 409
            flash(_("Opgeslagen (%(count)d antwoorden gewijzigd).", count=changed), "success")
            return redirect(_after_save(assessment, pillar, context["pillars"]))
    return render_template("assessments/pillar.html", **context)


def _after_save(assessment, pillar, pillars) -> str:
    """Where the button the user pressed leads: the overview, another pillar, or this page again."""
    go = request.form.get("go", "")
    if go == "overview":
        return url_for(".overview", assessment_id=assessment.id)
    target = next((p.id for p in pillars if p.id == go), pillar.id)
    return url_for(".pillar", assessment_id=assessment.id, pillar_id=target)


def _workflow(assessment_id: int, allowed: str, action, message: str, form_class=ActionForm):
    """Carry out action(assessment, form, loaded version) for a button on the overview."""
    assessment, access = services.get_assessment(_user(), assessment_id)
    if not getattr(access, allowed):
        abort(403)
    form = form_class()
    version = _loaded_version(form, assessment)
    if not form.validate_on_submit():
        for errors in form.errors.values():
            flash(" ".join(str(error) for error in errors), "error")
        return redirect(url_for(".overview", assessment_id=assessment.id))
    try:
        result = action(assessment, form, version)
    except services.StaleSave:
        return render_template(
            "errors/error.html", code=409, title=_("De beoordeling is intussen gewijzigd"),
            text=_("Iemand anders heeft deze beoordeling gewijzigd nadat u de pagina opende. Bekijk de "
                   "nieuwe stand en probeer het opnieuw."),
            back=url_for(".overview", assessment_id=assessment.id)), 409
    except services.Conflict as conflict:
        return render_template("errors/error.html", code=409, title=_("Dit is al gebeurd"), text=str(conflict),
                               back=url_for(".overview", assessment_id=assessment.id)), 409
    except services.ServiceError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for(".overview", assessment_id=assessment.id))
    flash(message, "success")
    return redirect(url_for(".overview", assessment_id=(result or assessment).id))


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
                     lambda a, f, version: services.submit_for_review(_user(), a, version),
                     _("De beoordeling ligt nu ter review."))


@bp.post("/beoordelingen/<int:assessment_id>/terugsturen")
def send_back(assessment_id: int):
    return _workflow(assessment_id, "can_review",
                     lambda a, f, version: services.send_back(_user(), a, version, f.comment.data),
                     _("De beoordeling is teruggestuurd naar concept."), SendBackForm)


@bp.post("/beoordelingen/<int:assessment_id>/vaststellen")
def sign_off(assessment_id: int):
    return _workflow(assessment_id, "can_review",
                     lambda a, f, version: services.sign_off(_user(), a, version),
                     _("De beoordeling is vastgesteld."))


@bp.post("/beoordelingen/<int:assessment_id>/heropenen")
def reopen(assessment_id: int):
    return _workflow(assessment_id, "can_manage", lambda a, f, version: services.reopen(_user(), a),
                     _("Er is een nieuwe versie gemaakt; de vastgestelde versie blijft bewaard."))


@bp.post("/beoordelingen/<int:assessment_id>/adviseurs")
def grant(assessment_id: int):
    def action(assessment, form):
        services.grant_consultant(_user(), assessment, form.organisation.data)

    assessment, access = services.get_assessment(_user(), assessment_id)
    if not access.can_manage:
        abort(403)
    form = GrantForm()
    form.organisation.choices = choices([(o.id, o.name) for o in services.consultancies()])
    if form.validate_on_submit():
        try:
            action(assessment, form)
            flash(_("Het adviesbureau heeft nu toegang tot deze beoordeling."), "success")
        except services.ServiceError as error:
            flash(str(error), "error")
    return redirect(url_for(".overview", assessment_id=assessment.id))


@bp.post("/beoordelingen/<int:assessment_id>/adviseurs/<int:grant_id>/intrekken")
def withdraw(assessment_id: int, grant_id: int):
    return _workflow(assessment_id, "can_manage",
                     lambda a, f, version: services.withdraw_consultant(_user(), a, grant_id),
                     _("De toegang van het adviesbureau is ingetrokken."))


@bp.get("/beoordelingen/<int:assessment_id>/logboek")
def audit_log(assessment_id: int):
    assessment, access = services.get_assessment(_user(), assessment_id)
    if not access.can_manage:
        abort(403)
    return render_template("assessments/audit.html", assessment=assessment,
                           entries=services.audit_entries(assessment))


@bp.get("/beoordelingen/<int:assessment_id>/export")
def export(assessment_id: int):
    assessment, _access = services.get_assessment(_user(), assessment_id)
    data = services.export_assessment(_user(), assessment)
    filename = f"vthscan-beoordeling-{assessment.id}.json"
    return Response(json.dumps(data, ensure_ascii=False, indent=2) + "\n", mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route("/beoordelingen/importeren", methods=["GET", "POST"])
def import_answers():
    organisations = services.managed_organisations(_user())
    if not organisations:
        abort(403)
    form = ImportForm()
    form.organisation.choices = choices([(o.id, o.name) for o in organisations])
    if form.validate_on_submit():
        organisation = next(o for o in organisations if o.id == form.organisation.data)
        try:
            text = form.file.data.read().decode("utf-8")
            assessment = services.import_answer_set(_user(), organisation,
                                                    parse_answers_file(text, form.file.data.filename or "bestand"),
                                                    form.name.data)
        except UnicodeDecodeError:
            form.file.errors = [_("Het bestand is geen tekst (UTF-8).")]
        except AnswersError as error:
            form.file.errors = list(error.problems)
        except services.ServiceError as error:
            db.session.rollback()
            form.file.errors = str(error).splitlines()
        else:
            flash(_("Het antwoordenbestand is ingelezen als nieuwe beoordeling."), "success")
            return redirect(url_for(".overview", assessment_id=assessment.id))
    return render_template("assessments/import.html", form=form)

"""Steps that are hard to undo ask first, on a page of their own that needs no JavaScript: signing off,
reopening, withdrawing a consultancy's access, deleting a concept, removing a participation.

The step's own route answers GET with its confirmation page and POST by taking the step. The page
carries the version of the page the user came from (`?versie=`), so a change someone else made in
between is still refused as stale when the step is confirmed.
"""

from __future__ import annotations

from flask import render_template, request, url_for
from flask_babel import gettext as _

from .errors import BadFormVersion
from .ids import whole_number


def shown_version(assessment) -> int:
    """The version of the page the user came from (`versie`, or a form's `version`): the current one when
    not given, 400 when no page can have shown it."""
    text = request.values.get("versie") or request.values.get("version")
    if text is None:
        return assessment.version
    version = whole_number(text)
    if version is None or not 1 <= version <= assessment.version:
        raise BadFormVersion()
    return version


def confirmation_page(title: str, text: str, button: str, back: str, assessment=None, danger: bool = False):
    """The page that asks; its form posts to the current URL."""
    return render_template("confirm.html", assessment=assessment, title=title, text=text, button=button,
                           action=request.path, back=back, danger=danger,
                           version=shown_version(assessment) if assessment is not None else None)


def _back(assessment) -> str:
    return url_for("assessments.overview", assessment_id=assessment.id)


def confirm_sign_off(assessment):
    return confirmation_page(
        _("Beoordeling vaststellen?"),
        _("Na het vaststellen kan niemand de antwoorden meer wijzigen. De uitkomsten worden definitief en "
          "zichtbaar voor de deelnemers van uw organisatie. Wilt u later toch iets wijzigen, dan heropent u de "
          "beoordeling als nieuwe versie."),
        _("Ja, vaststellen"), _back(assessment), assessment)


def confirm_reopen(assessment):
    return confirmation_page(
        _("Beoordeling heropenen?"),
        _("Er komt een nieuwe versie in concept met dezelfde antwoorden en dezelfde adviesbureaus. Deze "
          "vastgestelde versie blijft bewaard en leesbaar. Een beoordeling kan maar één keer worden heropend."),
        _("Ja, heropenen als nieuwe versie"), _back(assessment), assessment)


def confirm_withdraw(assessment, grant):
    return confirmation_page(
        _("Toegang van %(name)s intrekken?", name=grant.organisation.name),
        _("Het adviesbureau kan deze beoordeling daarna niet meer zien of invullen. U kunt later opnieuw "
          "toegang geven."),
        _("Ja, toegang intrekken"), _back(assessment), assessment, danger=True)


def confirm_delete(assessment):
    return confirmation_page(
        _("Concept verwijderen?"),
        _("Het concept en alle antwoorden erin worden verwijderd. Dit kan niet ongedaan worden gemaakt. In het "
          "logboek van de organisatie blijft staan wie het wanneer verwijderde."),
        _("Ja, concept verwijderen"), _back(assessment), assessment, danger=True)


def confirm_remove_participation(participation):
    names = dict(participant=participation.participant.name, od=participation.omgevingsdienst.name)
    return confirmation_page(
        _("Deelname verwijderen?"),
        _("%(participant)s is dan geen deelnemer meer van %(od)s en ziet de vastgestelde beoordelingen van "
          "%(od)s niet meer.", **names),
        _("Ja, deelname verwijderen"), url_for("admin.organisations"), danger=True)

"""The page "Uw oordeel als eigenaar": per criterion of the owners' round a radio group of the
questionnaire's levels plus "Geen oordeel", and an explanation; shown, and saved.

The form checks what a form can (a level offered, the explanation's length and characters); the
service checks the same rules again (domain.owner_view.view_problems) and whether the round is open.
On any problem nothing is saved and everything typed is shown again, with the errors at their fields
and in a summary at the top.
"""

from __future__ import annotations

import re

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import ValidationError

from ..domain.limits import EXPLANATION
from ..domain.wording import NO_OWNER_VIEW_LABEL
from ..services import owner_views
from ..services.errors import OwnerViewInvalid, ServiceError
from .choices import choices
from .session import signed_in_user
from .validators import TypedText

NO_VIEW = ""   # the radio value of "Geen oordeel"


def field_name(criterion_id: str, part: str) -> str:
    """'R1', 'niveau' -> 'niveau_R1' (criterion ids may hold dots)."""
    return f"{part}_{re.sub(r'[^A-Za-z0-9_]', '_', criterion_id)}"


def _one_of(values: set[str]):
    """A radio group's check: the value posted is one it offers (anything else is refused in Dutch)."""

    def check(form, field) -> None:
        if field.data not in values:
            raise ValidationError(_("Kies een van de niveaus, of Geen oordeel."))

    return check


class OwnerViewForm(FlaskForm):
    def setup(self, page: owner_views.OwnerPage) -> OwnerViewForm:
        self.page = page
        return self

    def level_field(self, criterion_id: str):
        return self[field_name(criterion_id, "niveau")]

    def explanation_field(self, criterion_id: str):
        return self[field_name(criterion_id, "toelichting")]

    def submitted(self) -> dict[str, tuple[str | None, str]]:
        """Per criterion id: (level or None, explanation) as typed."""
        return {item.criterion.id: (self.level_field(item.criterion.id).data or None,
                                    (self.explanation_field(item.criterion.id).data or "").strip())
                for item in self.page.criteria}

    def show_problems(self, errors: dict[str, dict[str, str]]) -> None:
        """The service's problems at their fields (a problem of the criterion itself at its level)."""
        for criterion_id, problems in errors.items():
            for part, message in problems.items():
                field = self.explanation_field(criterion_id) if part == "explanation" else self.level_field(criterion_id)
                field.errors = [*field.errors, message]

    @property
    def error_summary(self) -> list[tuple[str, str, str]]:
        """(id to link to, label, message); a radio group's link lands on its first choice."""
        found = []
        for item in self.page.criteria:
            level, explanation = self.level_field(item.criterion.id), self.explanation_field(item.criterion.id)
            found += [(f"{level.id}-0", f"{item.criterion.id} {level.label.text}", m) for m in level.errors]
            found += [(explanation.id, f"{item.criterion.id} {explanation.label.text}", m) for m in explanation.errors]
        return found


def make_form(page: owner_views.OwnerPage, formdata=None) -> OwnerViewForm:
    """The form of `page`, filled in with the organisation's stored views (or with what was posted)."""

    class Form(OwnerViewForm):
        pass

    offered = [*((level.id, level.label) for level in page.questionnaire.levels), (NO_VIEW, _(NO_OWNER_VIEW_LABEL))]
    data = {}
    for item in page.criteria:
        setattr(Form, field_name(item.criterion.id, "niveau"), RadioField(
            _l("Uw oordeel"), choices=choices(offered), validate_choice=False,
            validators=[_one_of({value for value, _label in offered})], default=NO_VIEW))
        setattr(Form, field_name(item.criterion.id, "toelichting"), TextAreaField(
            _l("Toelichting (niet verplicht)"), validators=[TypedText(EXPLANATION)]))
        if item.view is not None:
            data[field_name(item.criterion.id, "niveau")] = item.view.level or NO_VIEW
            data[field_name(item.criterion.id, "toelichting")] = item.view.explanation
    return Form(formdata=formdata, data=data).setup(page)


def show(page: owner_views.OwnerPage, form: OwnerViewForm):
    return render_template("owner_views/answer.html", page=page, form=form, assessment=page.assessment,
                           levels={level.id: level.label for level in page.questionnaire.levels},
                           reentered=request.method == "POST")


def save(page: owner_views.OwnerPage):
    """Save the posted views: back to this page with a message, or the page again with its problems."""
    form = make_form(page, request.form)
    if not form.validate():
        return show(page, form)
    try:
        changed = owner_views.save_views(signed_in_user(), page, form.submitted())
    except OwnerViewInvalid as invalid:
        form.show_problems(invalid.errors)
        return show(page, form)
    except ServiceError as error:
        flash(str(error), "error")
        return show(page, form)
    flash(ngettext("Uw oordeel is opgeslagen (%(num)d criterium gewijzigd).",
                   "Uw oordeel is opgeslagen (%(num)d criteria gewijzigd).", changed), "success")
    return redirect(url_for("owner_views.answer", assessment_id=page.assessment.id,
                            organisation_id=page.organisation.id))

"""Error pages for requests that do not fit the stored data: a form version its page never had (400)
and a change the database refused because another request made the same one at the same moment (409).
"""

from __future__ import annotations

from flask import Flask, current_app, g, render_template
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from werkzeug.exceptions import BadRequest

from ..extensions import db, login_manager


class BadFormVersion(BadRequest):
    """A form carries a version its page cannot have shown: not a whole number, below 1, or newer
    than the assessment. (A real but older version is a stale save: 409.)"""


def register_error_pages(app: Flask) -> None:
    app.register_error_handler(BadFormVersion, _bad_form_version)
    app.register_error_handler(IntegrityError, _integrity_conflict)


def _bad_form_version(error):
    return render_template(
        "errors/error.html", code=400, title=_("Dit formulier past niet bij de beoordeling"),
        text=_("Het formulier hoort niet bij een stand van deze beoordeling die u kunt hebben gezien. Er is "
               "niets opgeslagen. Laad de pagina opnieuw en probeer het nog eens.")), 400


def _integrity_conflict(error: IntegrityError):
    """A unique constraint (or another rule of the database) refused this request's change, typically
    because another request did the same thing at the same moment. Its transaction is rolled back
    before the page is made, so the page never uses the failed transaction."""
    try:
        db.session.rollback()
    except SQLAlchemyError:
        current_app.logger.warning("rollback after a refused change failed as well")
        db.session.remove()
        g._login_user = login_manager.anonymous_user()
    # the driver's class only: the statement and its parameters stay out of the log
    current_app.logger.warning("change refused by the database: %s", type(error.orig).__name__)
    return render_template(
        "errors/error.html", code=409, title=_("Dit is tegelijk al gebeurd"),
        text=_("Iemand anders heeft op hetzelfde moment dezelfde wijziging gedaan, of deze bestaat al. Uw "
               "wijziging is niet opgeslagen. Laad de pagina opnieuw en kijk of ze nog nodig is.")), 409

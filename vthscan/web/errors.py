"""Error pages, and the one place where a failed request's changes are rolled back.

Services raise their own errors and roll back their own writes; what reaches these handlers is mapped
once: NotVisible -> 404 (and its `access_denied` audit entry, written here in a transaction of its
own), Forbidden -> 403, a form version its page never had -> 400, a change the database refused
because another request made the same one at the same moment -> 409, an unreachable database -> 503.
"""

from __future__ import annotations

from flask import Flask, current_app, g, render_template
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError, SQLAlchemyError
from werkzeug.exceptions import BadRequest

from ..extensions import db
from ..services import audit
from ..services.errors import Forbidden, NotVisible
from .extensions import login_manager


class BadFormVersion(BadRequest):
    """A form carries a version its page cannot have shown: not a whole number, below 1, or newer
    than the assessment. (A real but older version is a stale save: 409.)"""


def register_error_pages(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    for code in (400, 403, 404, 405, 413, 500):
        app.register_error_handler(code, _error_page)
    app.register_error_handler(NotVisible, _not_visible)
    app.register_error_handler(Forbidden, _forbidden)
    app.register_error_handler(OperationalError, _database_unavailable)
    app.register_error_handler(InterfaceError, _database_unavailable)
    app.register_error_handler(BadFormVersion, _bad_form_version)
    app.register_error_handler(IntegrityError, _integrity_conflict)


def _csrf_error(error: CSRFError):
    return render_template("errors/csrf.html"), 400


def _error_page(error, code: int | None = None):
    code = code or getattr(error, "code", 500) or 500
    titles = {
        400: _("Het verzoek klopt niet"),
        403: _("Dit mag u niet doen"),
        404: _("Pagina niet gevonden"),
        405: _("Deze actie kan niet op deze manier"),
        413: _("Het bestand is te groot"),
        500: _("Er ging iets mis"),
    }
    texts = {
        400: _("De server begreep het verzoek niet. Ga terug en probeer het opnieuw."),
        403: _("U heeft niet de rol die hiervoor nodig is."),
        404: _("Deze pagina bestaat niet, of u heeft er geen toegang toe."),
        405: _("Gebruik de knoppen op de pagina."),
        413: _("Kies een kleiner bestand (hoogstens 2 MB)."),
        500: _("Er ging aan onze kant iets mis. Probeer het later opnieuw."),
    }
    return render_template("errors/error.html", code=code, title=titles.get(code, titles[500]),
                           text=texts.get(code, texts[500])), code


def _discard_changes() -> bool:
    """Roll back whatever the failed request left in its transaction; False when even that failed."""
    try:
        db.session.rollback()
        return True
    except SQLAlchemyError:
        current_app.logger.warning("rollback after a failed request failed as well")
        return False


def _not_visible(error: NotVisible):
    """404, as for a page that does not exist; a refusal worth auditing is recorded (and committed)."""
    _discard_changes()
    if error.audit_subject:
        audit.access_denied(current_user._get_current_object() if current_user.is_authenticated else None,
                            error.audit_subject)
    return _error_page(error, 404)


def _forbidden(error: Forbidden):
    _discard_changes()
    return _error_page(error, 403)


def _database_unavailable(error):
    """The database could not be reached or failed mid-request: nothing of this request was kept (its
    transaction is rolled back), and the page says so without touching the database again."""
    _discard_changes()
    try:
        db.session.remove()
    except SQLAlchemyError:
        current_app.logger.warning("closing the session after a database error failed")
    # Flask-Login's template context would try to load the user again: render as anonymous.
    g._login_user = login_manager.anonymous_user()
    # only the driver's own message: the statement and its parameters stay out of the log
    cause = getattr(error, "orig", None) or error
    current_app.logger.error("database unavailable (%s): %s", type(cause).__name__,
                             (str(cause).splitlines() or [""])[0])
    return render_template("errors/unavailable.html"), 503, {"Retry-After": "30"}


def _bad_form_version(error):
    return render_template(
        "errors/error.html", code=400, title=_("Dit formulier past niet bij de beoordeling"),
        text=_("Het formulier hoort niet bij een stand van deze beoordeling die u kunt hebben gezien. Er is "
               "niets opgeslagen. Laad de pagina opnieuw en probeer het nog eens.")), 400


def _integrity_conflict(error: IntegrityError):
    """A unique constraint (or another rule of the database) refused this request's change, typically
    because another request did the same thing at the same moment. Its transaction is rolled back
    before the page is made, so the page never uses the failed transaction."""
    if not _discard_changes():
        db.session.remove()
        g._login_user = login_manager.anonymous_user()
    # the driver's class only: the statement and its parameters stay out of the log
    current_app.logger.warning("change refused by the database: %s", type(error.orig).__name__)
    return render_template(
        "errors/error.html", code=409, title=_("Dit is tegelijk al gebeurd"),
        text=_("Iemand anders heeft op hetzelfde moment dezelfde wijziging gedaan, of deze bestaat al. Uw "
               "wijziging is niet opgeslagen. Laad de pagina opnieuw en kijk of ze nog nodig is.")), 409

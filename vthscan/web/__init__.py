"""The web interface: blueprints, error pages and the headers every response carries."""

from __future__ import annotations

from flask import Flask, current_app, g, render_template, request
from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from ..domain.wording import format_percentage, format_score, timestamp
from ..extensions import db, login_manager
from .errors import register_error_pages
from .ids import BoundedIntConverter
from .labels import kind_label, role_label, status_label

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)


def register_web(app: Flask) -> None:
    from . import admin, assessments, auth, compare, members
    from . import profiles, results

    # every <int:...> in a route is bounded (ids.py); set before the routes are added
    app.url_map.converters["int"] = BoundedIntConverter
    app.register_blueprint(auth.bp)
    app.register_blueprint(assessments.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(members.bp)
    app.register_blueprint(results.bp)
    app.register_blueprint(profiles.bp)
    app.register_blueprint(compare.bp)
    auth.init_login(app)

    app.register_error_handler(CSRFError, _csrf_error)
    for code in (400, 403, 404, 405, 413, 500):
        app.register_error_handler(code, _error_page)
    app.register_error_handler(OperationalError, _database_unavailable)
    app.register_error_handler(InterfaceError, _database_unavailable)
    register_error_pages(app)
    app.after_request(_security_headers)
    app.jinja_env.filters["score"] = format_score
    app.jinja_env.filters["percentage"] = format_percentage
    app.jinja_env.filters["moment"] = timestamp
    app.jinja_env.globals["status_label"] = status_label
    app.jinja_env.globals["kind_label"] = kind_label
    app.jinja_env.globals["role_label"] = role_label
    app.jinja_env.globals["get_locale"] = get_locale


def _csrf_error(error: CSRFError):
    return render_template("errors/csrf.html"), 400


def _error_page(error):
    code = getattr(error, "code", 500) or 500
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


def _database_unavailable(error):
    """The database could not be reached or failed mid-request: nothing of this request was kept (its
    transaction is rolled back), and the page says so without touching the database again."""
    try:
        db.session.rollback()
    except SQLAlchemyError:
        current_app.logger.warning("rollback after a database error failed as well")
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


def _security_headers(response):
    headers = response.headers
    if current_app.config.get("SESSION_COOKIE_SECURE"):
        headers.setdefault("Strict-Transport-Security",
                           f"max-age={current_app.config.get('HSTS_MAX_AGE', 31536000)}; includeSubDomains")
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if not request.path.startswith("/static/"):
        headers.setdefault("Cache-Control", "no-store")
    return response

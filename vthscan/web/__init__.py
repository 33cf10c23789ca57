"""The web interface: blueprints, error pages and the headers every response carries."""

from __future__ import annotations

from flask import Flask, current_app, request
from flask_babel import get_locale

from ..domain.completeness import completeness_text, percentage_text
from ..domain.wording import day_text, format_percentage, format_score, timestamp
from ..services import access
from .errors import register_error_pages
from .extensions import init_web_extensions
from .ids import BoundedIntConverter
from .labels import event_label, kind_label, owner_kind_label, plan_status_label, role_label, status_label
from .pillar_page import question_url

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)


def register_web(app: Flask) -> None:
    from . import (
        admin,
        assessments,
        audit_log,
        auth,
        compare,
        lifecycle,
        members,
        owner_views,
        plans,
        printing,
        profiles,
        results,
        whatif,
    )

    init_web_extensions(app)
    # every <int:...> in a route is bounded (ids.py); set before the routes are added
    app.url_map.converters["int"] = BoundedIntConverter
    app.register_blueprint(auth.bp)
    app.register_blueprint(assessments.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(members.bp)
    app.register_blueprint(results.bp)
    app.register_blueprint(profiles.bp)
    app.register_blueprint(compare.bp)
    app.register_blueprint(lifecycle.bp)
    app.register_blueprint(audit_log.bp)
    app.register_blueprint(printing.bp)
    app.register_blueprint(plans.bp)
    app.register_blueprint(whatif.bp)
    app.register_blueprint(owner_views.bp)
    auth.init_login(app)

    register_error_pages(app)
    app.after_request(_security_headers)
    app.jinja_env.filters["score"] = format_score
    app.jinja_env.filters["percentage"] = format_percentage
    app.jinja_env.filters["moment"] = timestamp
    app.jinja_env.filters["day"] = day_text
    app.jinja_env.filters["completeness"] = completeness_text
    app.jinja_env.filters["completeness_percentage"] = percentage_text
    app.jinja_env.globals["question_url"] = question_url  # links to one question, on the right page
    app.jinja_env.globals["status_label"] = status_label
    app.jinja_env.globals["kind_label"] = kind_label
    app.jinja_env.globals["role_label"] = role_label
    app.jinja_env.globals["event_label"] = event_label
    app.jinja_env.globals["plan_status_label"] = plan_status_label
    app.jinja_env.globals["owner_kind_label"] = owner_kind_label
    app.jinja_env.globals["get_locale"] = get_locale
    app.jinja_env.globals["may_manage_members"] = access.may_manage_members  # the menu shows what access allows
    app.jinja_env.globals["may_administer"] = access.may_administer


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

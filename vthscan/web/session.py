"""The signed-in user and the blueprints that need one: the same check for every feature's pages."""

from __future__ import annotations

from flask import Blueprint
from flask_login import current_user, login_required

from ..models import User
from ..services import access


def signed_in_user() -> User:
    """The user of this request (the model object, not Flask-Login's proxy)."""
    return current_user._get_current_object()


@login_required
def _require_login():
    return None


@login_required
def _require_admin():
    access.require_admin(signed_in_user())
    return None


def members_blueprint(name: str, import_name: str, **options) -> Blueprint:
    """A blueprint whose every page needs a signed-in user."""
    blueprint = Blueprint(name, import_name, **options)
    blueprint.before_request(_require_login)
    return blueprint


def admin_blueprint(name: str, import_name: str, **options) -> Blueprint:
    """A blueprint whose every page is for beheerders only (access decides who that is)."""
    blueprint = Blueprint(name, import_name, **options)
    blueprint.before_request(_require_admin)
    return blueprint

"""Login, logout (which really ends the session), password change and session expiry."""

from __future__ import annotations

import math
import time

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_required, login_user, logout_user

from ..models import User
from ..services import auth as authentication
from ..services.errors import LoginLocked, LoginThrottled, ServiceError, WrongPassword
from .extensions import login_manager
from .forms import LanguageForm, LoginForm, PasswordForm

bp = Blueprint("auth", __name__)


def init_login(app) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Log in om verder te gaan.")
    login_manager.login_message_category = "info"
    app.before_request(_expire_session)


@login_manager.user_loader
def load_user(login_id: str) -> User | None:
    """The user named in the cookie, only if the cookie's session version is still the current one."""
    return authentication.user_for_session(login_id)


def _expire_session():
    """End a session that was idle too long or is older than the absolute limit."""
    if request.endpoint == "static" or "_user_id" not in session:
        return None
    now = time.time()
    config = current_app.config
    started, seen = session.get("login_at", 0), session.get("seen_at", 0)
    if (now - seen > config["SESSION_IDLE_TIMEOUT"].total_seconds()
            or now - started > config["SESSION_ABSOLUTE_TIMEOUT"].total_seconds()):
        logout_user()
        session.clear()
        flash(_("Uw sessie is verlopen. Log opnieuw in."), "info")
        return redirect(url_for("auth.login"))
    session["seen_at"] = now
    return None


def _fresh_session() -> None:
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language


@bp.route("/inloggen", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("assessments.index"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = authentication.authenticate(form.email.data, form.password.data, request.remote_addr)
        except LoginThrottled:
            return render_template(
                "errors/error.html", code=429, title=_("Te veel mislukte pogingen"),
                text=_("Vanaf dit adres is te vaak een verkeerd wachtwoord gegeven. Probeer het over een "
                       "kwartier opnieuw.")), 429, {"Retry-After": "900"}
        except LoginLocked as locked:
            form.password.errors = [_locked_message(locked)]
            return (render_template("auth/login.html", form=form), 429,
                    {"Retry-After": str(locked.seconds_left)})
        if user is not None:
            return _start_session(user)
        form.password.errors = [_("Het e-mailadres of het wachtwoord klopt niet.")]
    return render_template("auth/login.html", form=form)


def _locked_message(locked: LoginLocked) -> str:
    return ngettext(
        "Er is te vaak een verkeerd wachtwoord gegeven voor dit e-mailadres. Probeer het over "
        "%(num)s minuut opnieuw.",
        "Er is te vaak een verkeerd wachtwoord gegeven voor dit e-mailadres. Probeer het over "
        "%(num)s minuten opnieuw.", math.ceil(locked.seconds_left / 60))


def _start_session(user: User):
    _fresh_session()  # nothing carried over from before login but the language
    login_user(user)
    session["login_at"] = session["seen_at"] = time.time()
    session.permanent = True
    return redirect(url_for("assessments.index"))


@bp.post("/uitloggen")
@login_required
def logout():
    authentication.log_out(current_user._get_current_object())
    logout_user()
    _fresh_session()
    flash(_("U bent uitgelogd."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/wachtwoord", methods=["GET", "POST"])
@login_required
def change_password():
    form = PasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            authentication.change_password(user, form.current.data, form.new.data)
        except WrongPassword as error:
            form.current.errors = [str(error)]
        except ServiceError as error:
            form.new.errors = [str(error)]
        else:
            login_user(user)  # this session continues with the new session version; others end
            flash(_("Uw wachtwoord is gewijzigd. Andere sessies zijn beëindigd."), "success")
            return redirect(url_for("assessments.index"))
    return render_template("auth/password.html", form=form)


@bp.post("/taal")
def set_language():
    form = LanguageForm()
    if form.validate_on_submit() and form.lang.data in current_app.config["LANGUAGES"]:
        session["lang"] = form.lang.data
    return redirect(url_for("assessments.index"))

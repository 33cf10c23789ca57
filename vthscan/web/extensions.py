"""The extensions only the web pages use: login, CSRF protection and translations.

Kept out of `vthscan.extensions` (the database), so that a command that builds the app without its
pages (`create_app(pages=False)`, e.g. `vthscan report --assessment ID`) does not import them.
"""

from __future__ import annotations

from flask import Flask, current_app, session
from flask_babel import Babel
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()


def init_web_extensions(app: Flask) -> None:
    csrf.init_app(app)
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=_select_locale)


def _select_locale() -> str:
    language = session.get("lang")
    return language if language in current_app.config["LANGUAGES"] else current_app.config["BABEL_DEFAULT_LOCALE"]

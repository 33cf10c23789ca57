"""Default settings. No I/O here: `create_app` adds the instance folder's config.py and test overrides."""

from __future__ import annotations

from datetime import timedelta


class DefaultConfig:
    SECRET_KEY: str | None = None  # generated into instance/config.py on first start
    # postgresql://user:password@host/db (psycopg 3) or sqlite:///path; None: SQLite in the instance
    # folder. Also from the environment as VTHSCAN_DATABASE_URL.
    DATABASE_URL: str | None = None
    SQLALCHEMY_DATABASE_URI: str | None = None  # the same, under SQLAlchemy's name (DATABASE_URL wins)
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    QUESTIONNAIRES_DIR: str | None = None  # None: $VTHSCAN_QUESTIONNAIRES, ./questionnaires, shipped folder

    # Werkzeug's scrypt; tests set a cheap method so they stay fast.
    PASSWORD_HASH_METHOD = "scrypt"
    PASSWORD_MIN_LENGTH = 10
    LOGIN_MAX_FAILURES = 5  # then the account is locked for LOGIN_LOCK_TIME
    LOGIN_LOCK_TIME = timedelta(minutes=15)
    # Failed logins from one address (any account) within LOGIN_IP_WINDOW before that address gets 429.
    LOGIN_MAX_FAILURES_PER_IP = 50
    LOGIN_IP_WINDOW = timedelta(minutes=15)

    # Sessions: idle and absolute expiry, checked on every request (see web/auth.py).
    SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
    SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=10)
    PERMANENT_SESSION_LIFETIME = timedelta(hours=10)
    SESSION_COOKIE_NAME = "vthscan_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # Set True behind HTTPS: the cookie is then only sent over HTTPS, its name gets the __Host- prefix
    # and every response carries Strict-Transport-Security.
    SESSION_COOKIE_SECURE = False
    HSTS_MAX_AGE = 31536000  # one year
    # Number of reverse proxies in front of the app (nginx: 1). Only then are X-Forwarded-For/-Proto/-Host
    # trusted (werkzeug's ProxyFix), so the audit log and the login throttle see the real client address.
    PROXY_COUNT = 0

    # Four eyes: the person who offered an assessment for review cannot sign it off. Set False (or
    # VTHSCAN_FOUR_EYES=0) for an organisation of one person.
    FOUR_EYES = True

    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session (which itself expires)
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024  # answers files are small

    BABEL_DEFAULT_LOCALE = "nl"
    LANGUAGES = ("nl", "en")

"""The database extension, created unbound; `create_app` attaches it.

The web pages' own extensions (login, CSRF, translations) are in `vthscan.web.extensions`, and
Flask-Migrate is attached only where migrations are run (`app.attach_migrations`): a command that
uses only the database imports neither.
"""

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)

"""Error pages for requests that do not fit the stored data: a form version its page never had (400)
and a change the database refused because another request made the same one at the same moment (409).
"""

from __future__ import annotations

from flask import Flask, render_template
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest


class BadFormVersion(BadRequest):
    """A form carries a version its page cannot have shown: not a whole number, below 1, or newer
    than the assessment. (A real but older version is a stale save: 409.)"""


def register_error_pages(app: Flask) -> None:
    app.register_error_handler(BadFormVersion, _bad_form_version)


def _bad_form_version(error):
    return render_template(
        "errors/error.html", code=400, title=_("Dit formulier past niet bij de beoordeling"),
        text=_("Het formulier hoort niet bij een stand van deze beoordeling die u kunt hebben gezien. Er is "
               "niets opgeslagen. Laad de pagina opnieuw en probeer het nog eens.")), 400

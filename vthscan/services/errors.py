"""The services' own errors, and the check that raises one for a typed text.

A ServiceError's message is Dutch and meant for the user: the page shows it as it is. NotVisible and
Forbidden are refusals, not mistakes in what was typed, so they are no ServiceError: the web layer
answers them with its 404 and 403 pages (web/errors.py), whatever the view was doing.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import TYPE_CHECKING

from ..domain.limits import TextRule, text_problem
from ..models import utcnow

if TYPE_CHECKING:
    from ..models import Assessment, AuditLog


class ServiceError(Exception):
    """A request that cannot be carried out; the message is Dutch and meant for the user."""


class Conflict(ServiceError):
    """The request collides with a change someone else made just before (HTTP 409)."""


class AnswerConflicts(Conflict):
    """Someone else changed fields of this page that the user changed too; nothing was saved.

    `conflicts` names the fields per question; `shown` is what the page shows next (the user's own value
    for every field they changed, the stored value for the rest), `stored` what is stored now.
    """

    def __init__(self, conflicts: dict[str, tuple[str, ...]], shown: dict, stored: dict):
        super().__init__("Iemand anders heeft intussen dezelfde antwoorden gewijzigd.")
        self.conflicts, self.shown, self.stored = conflicts, shown, stored


class InvalidInput(ServiceError):
    """A typed value is refused; `field` names what was typed ("email", "password", "name", "role")."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class WrongPassword(ServiceError):
    """The current password given at a password change is wrong."""


class AddressTaken(InvalidInput):
    """There is already an account with this e-mail address."""

    def __init__(self, message: str):
        super().__init__("email", message)


class LoginLocked(ServiceError):
    """Too many failed logins for this e-mail address; `seconds_left` says when to try again."""

    def __init__(self, until: datetime):
        super().__init__("Te veel mislukte pogingen voor dit e-mailadres.")
        self.seconds_left = max(1, math.ceil((until - utcnow()).total_seconds()))


class LoginThrottled(ServiceError):
    """Too many failed logins from this client address (password spraying); try again later."""

    def __init__(self):
        super().__init__("Vanaf dit adres is te vaak een verkeerd wachtwoord gegeven.")


class StaleSave(ServiceError):
    """The assessment changed after the form was loaded; `changes` lists the answer changes since then
    to the questions of the page that was saved (nothing else of the audit log)."""

    def __init__(self, assessment: Assessment, changes: list[AuditLog] | None = None):
        super().__init__("Iemand anders heeft deze beoordeling intussen gewijzigd.")
        self.assessment = assessment
        self.changes = changes or []


class ProfileInvalid(ServiceError):
    """The form does not make a valid profile: errors per field and per row, and the summary."""

    def __init__(self, errors: dict[tuple, list[str]], name_errors: list[str] | None = None):
        super().__init__("Het normprofiel is niet opgeslagen: er is iets niet goed ingevuld.")
        self.errors = errors              # (scope, id, level) or (scope, id, None) -> messages
        self.name_errors = name_errors or []


class ActionInvalid(ServiceError):
    """An action of a plan van aanpak (or a change to it) breaks the plan's rules: the Dutch messages
    per form field (`text`, `owner`, `due`, ..., `note`, `improves.<question id>`)."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("De actie is niet opgeslagen: er is iets niet goed ingevuld.")
        self.errors = errors


class NotVisible(Exception):
    """What was asked for does not exist, or the user may not even know it exists (HTTP 404).

    `audit_subject`, when given, names what was refused for the audit log's `access_denied` entry:
    that entry is written by whoever handles the error, in a transaction of its own, never by the read
    that found out.
    """

    def __init__(self, audit_subject: str = ""):
        super().__init__(audit_subject or "niet gevonden")
        self.audit_subject = audit_subject


class Forbidden(Exception):
    """The user may see this, but not do this to it (HTTP 403)."""


def check_text(what: str, text: str, rule: TextRule, field: str = "") -> None:
    """Refuse a typed text that breaks its rule (length, control characters), naming it: 'De naam ...'.

    With `field` the refusal is an InvalidInput naming the form field it belongs to.
    """
    problem = text_problem(text, rule)
    if problem:
        raise InvalidInput(field, f"{what} {problem}.") if field else ServiceError(f"{what} {problem}.")

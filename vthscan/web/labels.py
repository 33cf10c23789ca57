"""Labels of stored codes (statuses, organisation kinds, roles) in the user's language.

The codes and their Dutch labels are defined once, in `vthscan.domain.wording`; the English catalogue
holds every such label (marked there with `N_`), so the Dutch pages show it unchanged and other
languages get its translation.
"""

from __future__ import annotations

from flask_babel import gettext, lazy_gettext

from ..domain import wording


def status_label(status: str) -> str:
    return gettext(wording.status_label(status))


def kind_label(kind: str) -> str:
    return gettext(wording.kind_label(kind))


def role_label(role: str) -> str:
    return gettext(wording.role_label(role))


def event_label(action: str) -> str:
    return gettext(wording.event_label(action))


def plan_status_label(status: str) -> str:
    return gettext(wording.plan_status_label(status))


def owner_kind_label(kind: str) -> str:
    return gettext(wording.owner_kind_label(kind))


def kind_choices(kinds) -> list[tuple[str, object]]:
    """(code, label) pairs for a select field; the label is translated when the form is shown."""
    return [(kind, lazy_gettext(wording.kind_label(kind))) for kind in kinds]


def role_choices(roles) -> list[tuple[str, object]]:
    return [(role, lazy_gettext(wording.role_label(role))) for role in roles]

"""Display labels for stored codes: organisation kinds and roles. The Dutch code is the source text, so
the Dutch pages show it unchanged and other languages get a translation."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

KIND_LABELS = {
    "omgevingsdienst": _l("omgevingsdienst"),
    "gemeente": _l("gemeente"),
    "provincie": _l("provincie"),
    "adviesbureau": _l("adviesbureau"),
}

ROLE_LABELS = {
    "beheerder": _l("beheerder"),
    "coordinator": _l("coordinator"),
    "invuller": _l("invuller"),
    "lezer": _l("lezer"),
}


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


def role_label(role: str) -> str:
    return str(ROLE_LABELS.get(role, role))


def kind_choices(kinds) -> list[tuple[str, object]]:
    return [(kind, KIND_LABELS.get(kind, kind)) for kind in kinds]


def role_choices(roles) -> list[tuple[str, object]]:
    return [(role, ROLE_LABELS.get(role, role)) for role in roles]

"""Checking a JSON file a user hands in against its pydantic model, with every problem in Dutch.

Shared by the plan file and the what-if file: pydantic's messages and locations become Dutch
messages that name the place in the file (`actions[2].due: ...`).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationError
from pydantic_core import PydanticCustomError

from .limits import QUESTIONNAIRE_REF, REFERENCE, TextRule, text_problem
from .strict_json import shown_key

_MESSAGES = {
    "missing": "ontbreekt",
    "extra_forbidden": "onbekende sleutel",
    "string_type": "moet tekst zijn",
    "string_too_short": "mag niet leeg zijn",
    "bool_type": "moet true of false zijn",
    "dict_type": "moet een blok met sleutels zijn",
    "model_type": "moet een blok met sleutels zijn",
    "model_attributes_type": "moet een blok met sleutels zijn",
    "list_type": "moet een lijst zijn",
    "too_short": "mag niet leeg zijn",
    "date_type": "moet een datum zijn (JJJJ-MM-DD)",
    "datetime_type": "moet een tijdstip zijn (JJJJ-MM-DDTUU:MM:SSZ)",
}

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_MOMENT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:[0-9]{2})?", re.ASCII)


def following(rule: TextRule):
    """A pydantic check that a text of the file follows `rule` (the message is the domain's Dutch)."""

    def check(text: str) -> str:
        problem = text_problem(text, rule)
        if problem:
            raise PydanticCustomError("dutch", "{problem}", {"problem": problem})
        return text

    return AfterValidator(check)


class FileModel(BaseModel):
    """A block of a file: no unknown keys, and strict types (`true` is a yes/no, "1" is text)."""

    model_config = ConfigDict(extra="forbid", strict=True)


# An id or version of a questionnaire or question; a reference to a person or organisation.
QuestionnaireRef = Annotated[str, following(QUESTIONNAIRE_REF)]
Reference = Annotated[str, following(REFERENCE)]


class QuestionnaireBlock(FileModel):
    id: QuestionnaireRef
    version: QuestionnaireRef


def _date(value):
    if value is None:
        return None
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise PydanticCustomError("dutch", "schrijf een datum als JJJJ-MM-DD, bijvoorbeeld 2026-03-31")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("dutch", "{value} is geen bestaande datum", {"value": value}) from None


def _moment(value):
    if value is None:
        return None
    if not isinstance(value, str) or not _MOMENT.fullmatch(value):
        raise PydanticCustomError("dutch", "schrijf een tijdstip als JJJJ-MM-DDTUU:MM:SSZ, "
                                           "bijvoorbeeld 2026-03-31T14:05:00Z")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("dutch", "{value} is geen bestaand tijdstip", {"value": value}) from None
    # A time without an offset is already UTC; one with an offset is brought to UTC.
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


# A day written as 2026-03-31, and a moment in UTC written as 2026-03-31T14:05:00Z (or null, where
# the model allows it; the checks pass null on so that the model says whether it may be missing).
IsoDate = Annotated[date, BeforeValidator(_date)]
OptionalIsoDate = Annotated[date | None, BeforeValidator(_date)]
IsoMoment = Annotated[datetime, BeforeValidator(_moment)]


def moment_text(moment: datetime) -> str:
    """A UTC moment as the files write it: 2026-03-31T14:05:00Z."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def dutch_problems(error: ValidationError, source: str) -> list[str]:
    """Every problem pydantic found, as `source: place: message` in Dutch."""
    return [f"{source}: {_place(item['loc'])}: {_message(item)}" for item in error.errors()]


def _place(location: tuple) -> str:
    place = ""
    for part in location:
        if part == "[key]":
            continue
        if isinstance(part, int):
            place += f"[{part}]"
        else:
            place += ("." if place else "") + shown_key(part)
    return place or "het bestand"


def _message(item: dict) -> str:
    if item["type"] == "dutch":
        return item["msg"]
    return _MESSAGES.get(item["type"], item["msg"])

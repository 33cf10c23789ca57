"""What a user may type: the one place for the limits on typed text and numbers.

Forms, answers files, services and the database models all check against these. A text may hold
any printable character; control characters (NUL and the like, which PostgreSQL cannot even store)
are refused, except tab and line breaks in texts of more than one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LONG_TEXT_MAX = 4000     # comment, N/A reason, text answer, the reason a review sends an assessment back
EVIDENCE_MAX = 1000      # evidence: a link or a reference to a document
NAME_MAX = 200           # organisation, user, assessment and threshold profile names
DESCRIPTION_MAX = 2000   # a threshold profile's description
PERIOD_MAX = 40
EMAIL_MAX = 254
QUESTIONNAIRE_REF_MAX = 80   # a questionnaire id or version, and a question id, in an answers file
ACTION_TEXT_MAX = 1000   # what an action of an improvement plan (plan van aanpak) is about
REFERENCE_MAX = 254      # who or what a plan names: a user (e-mail address), an organisation (name), an id
EXPLANATION_MAX = 1000   # an owner's short explanation of its view of a criterion (the owners' own view)

# A typed number has at most this many digits before its decimal sign (below a thousand trillion).
NUMBER_DIGITS_MAX = 15
NUMBER_LIMIT = 10 ** NUMBER_DIGITS_MAX
# An id typed into a URL or on the command line: the largest value of an INTEGER column on PostgreSQL.
MAX_ID = 2**31 - 1


@dataclass(frozen=True)
class TextRule:
    max_length: int
    multiline: bool = False


LONG_TEXT = TextRule(LONG_TEXT_MAX, multiline=True)
# Evidence is one line in the form, but answers files written elsewhere may break it over lines.
EVIDENCE = TextRule(EVIDENCE_MAX, multiline=True)
NAME = TextRule(NAME_MAX)
DESCRIPTION = TextRule(DESCRIPTION_MAX, multiline=True)
PERIOD = TextRule(PERIOD_MAX)
EMAIL = TextRule(EMAIL_MAX)
QUESTIONNAIRE_REF = TextRule(QUESTIONNAIRE_REF_MAX)
ACTION_TEXT = TextRule(ACTION_TEXT_MAX, multiline=True)
REFERENCE = TextRule(REFERENCE_MAX)
EXPLANATION = TextRule(EXPLANATION_MAX, multiline=True)

# Control characters (Unicode category Cc: NUL, BEL, ESC, DEL, the C1 range) and lone surrogate
# halves (no UTF-8 text can hold one); a text of more than one line may hold tabs and line breaks.
_FORBIDDEN_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_FORBIDDEN_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_NAMES = {"\t": "een tab", "\n": "een regeleinde", "\r": "een regeleinde"}


def forbidden_character(text: str, multiline: bool) -> tuple[int, str] | None:
    """(position counted from 1, character) of the first character a user may not type, or None."""
    found = (_FORBIDDEN_IN_TEXT if multiline else _FORBIDDEN_IN_LINE).search(text)
    return (found.start() + 1, found.group()) if found else None


def describe_character(character: str) -> str:
    """A refused character in Dutch words: 'een tab', 'een onzichtbaar stuurteken (U+0000)'."""
    return _NAMES.get(character, f"een onzichtbaar stuurteken (U+{ord(character):04X})")


def dutch_count(number: int) -> str:
    """4000 -> '4.000'."""
    return f"{number:,}".replace(",", ".")


def text_length(text: str) -> int:
    """The length as the user counts it: a line break is one character (a browser sends CR LF)."""
    return len(text) - text.count("\r\n")


def text_problem(text: str, rule: TextRule) -> str | None:
    """Why `text` breaks `rule`, in Dutch words that follow the field's name; None when it is fine.

    'mag hoogstens 200 tekens hebben (nu 201)', 'bevat een tab op plaats 4; haal het weg'.
    """
    if text_length(text) > rule.max_length:
        return (f"mag hoogstens {dutch_count(rule.max_length)} tekens hebben "
                f"(nu {dutch_count(text_length(text))})")
    found = forbidden_character(text, rule.multiline)
    if found is not None:
        position, character = found
        return f"bevat {describe_character(character)} op plaats {position}; haal het weg"
    return None

"""The one validator every typed text field uses: the length limit and the characters of its rule.

The rules themselves (how long, which characters) are the domain's (`vthscan.domain.limits`); the
services check the same rules again, so a command or an answers file cannot get around them. No
`maxlength` attribute: a browser cuts a longer pasted text off without a word, this says so.
"""

from __future__ import annotations

from flask_babel import format_number
from flask_babel import gettext as _
from wtforms.validators import ValidationError

from ..domain.limits import TextRule, forbidden_character, text_length


class TypedText:
    def __init__(self, rule: TextRule):
        self.rule = rule

    def __call__(self, form, field) -> None:
        text = field.data or ""
        if text_length(text) > self.rule.max_length:
            raise ValidationError(_("Dit veld mag hoogstens %(max)s tekens hebben (nu %(now)s).",
                                    max=format_number(self.rule.max_length), now=format_number(text_length(text))))
        found = forbidden_character(text, self.rule.multiline)
        if found is not None:
            position, character = found
            raise ValidationError(_("Dit veld bevat %(what)s op plaats %(position)s; haal het weg.",
                                    what=_character_name(character), position=position))


def _character_name(character: str) -> str:
    if character == "\t":
        return _("een tab")
    if character in "\r\n":
        return _("een regeleinde")
    return _("een onzichtbaar stuurteken (U+%(code)s)", code=f"{ord(character):04X}")

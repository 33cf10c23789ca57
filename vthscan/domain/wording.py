"""The Dutch words and formats that pages, reports and commands share, each defined here once: the
statuses of an assessment, the kinds of organisation, the roles, the priorities of an action, and
numbers and dates the Dutch way.

A code is what the database, files and URLs hold; its label is what a reader sees. The web app shows a
label in the user's language: its English catalogue has every label marked with `N_` below, and
`vthscan/web/labels.py` translates it when a page is made.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Context, Decimal
from zoneinfo import ZoneInfo


def N_(label: str) -> str:
    """Mark a label for the translation catalogue (`pybabel extract` finds it); the label stays Dutch here."""
    return label


# --- labels -------------------------------------------------------------------------------------------

# The statuses of an assessment, in the order of the workflow.
STATUS_LABELS = {"concept": N_("concept"), "ter_review": N_("ter review"), "vastgesteld": N_("vastgesteld")}
STATUSES = tuple(STATUS_LABELS)
CONCEPT, IN_REVIEW, SIGNED_OFF = STATUSES
OPEN_STATUSES = (CONCEPT, IN_REVIEW)   # at most one open assessment per organisation, questionnaire, period

KIND_LABELS = {"omgevingsdienst": N_("omgevingsdienst"), "gemeente": N_("gemeente"),
               "provincie": N_("provincie"), "adviesbureau": N_("adviesbureau")}
ORGANISATION_KINDS = tuple(KIND_LABELS)
# The kinds that fill in assessments (a questionnaire's pillars are meant for one or more of them),
# and the kinds that take part in an omgevingsdienst and read its signed-off assessments.
ASSESSED_KINDS = ("omgevingsdienst", "gemeente", "provincie")
PARTICIPANT_KINDS = ("gemeente", "provincie")

ROLE_LABELS = {"beheerder": N_("beheerder"), "coordinator": N_("coordinator"), "invuller": N_("invuller"),
               "lezer": N_("lezer")}
ROLES = tuple(ROLE_LABELS)
LEAST_PRIVILEGE = "lezer"   # what a form offers first when someone gets a role

PRIORITY_LABELS = {"hoog": "hoog", "middel": "middel", "laag": "laag"}   # of an improvement action
PRIORITIES = tuple(PRIORITY_LABELS)

DEFAULT_PROFILE_LABEL = "Standaard (de drempels van de vragenlijst)"

# Who has to carry out an improvement action the questionnaire suggests; the omgevingsdienst unless
# the questionnaire says otherwise.
ACTION_OWNER_LABELS = {"omgevingsdienst": "omgevingsdienst", "bestuur": "bestuur",
                       "gemeenten-en-provincie": "gemeenten en provincie"}
ACTION_OWNERS = tuple(ACTION_OWNER_LABELS)
DEFAULT_ACTION_OWNER = "omgevingsdienst"

# How firmly a criterion is founded (its `basis` in the questionnaire), as a reader says it.
BASIS_LABELS = {"geverifieerd": "geverifieerd", "reconstructie": "reconstructie", "ontwerp": "ontwerpkeuze"}

# What happened to an assessment, as its audit log says it (the codes are what the log stores).
AUDIT_EVENT_LABELS = {
    "created": N_("aangemaakt"), "imported": N_("ingelezen uit een antwoordenbestand"),
    "copied_from": N_("antwoorden overgenomen"), "answer": N_("antwoord gewijzigd"),
    "answer_confirmed": N_("overgenomen antwoord bevestigd"), "status": N_("status gewijzigd"),
    "reopened": N_("heropend"), "grant": N_("adviesbureau kreeg toegang"),
    "grant_withdrawn": N_("toegang adviesbureau ingetrokken"), "exported": N_("gedownload"),
    "report": N_("rapport gedownload"), "archived": N_("gearchiveerd"), "unarchived": N_("uit het archief gehaald"),
    "deleted": N_("verwijderd"),
}

# The plan van aanpak (domain/plan.py holds the codes and their rules): an action's status, who owns
# it, and the criterion of an action about no one criterion.
PLAN_STATUS_LABELS = {"open": N_("open"), "bezig": N_("bezig"), "gereed": N_("gereed"),
                      "vervallen": N_("vervallen")}
OWNER_KIND_LABELS = {"persoon": N_("persoon"), "omgevingsdienst": N_("de omgevingsdienst"),
                     "bestuur": N_("het bestuur"), "deelnemer": N_("deelnemer")}
GENERAL_CRITERION_LABEL = N_("algemeen")
OVERDUE_LABEL = N_("te laat")


def status_label(status: str) -> str:
    """'ter_review' -> 'ter review'; an unknown code as it is."""
    return STATUS_LABELS.get(status, status)


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role)


def plan_status_label(status: str) -> str:
    """'bezig' -> 'bezig' (the codes are Dutch words; the web translates the label)."""
    return PLAN_STATUS_LABELS.get(status, status)


def owner_kind_label(kind: str) -> str:
    """'bestuur' -> 'het bestuur'."""
    return OWNER_KIND_LABELS.get(kind, kind)


# --- numbers and dates ---------------------------------------------------------------------------------

# Room for every digit of any float (at most 309 before the decimal sign) and its decimals, so that
# rounding never fails on a large number the way the default 28 digits would.
_ROUNDING = Context(prec=400, rounding=ROUND_HALF_UP)

LOCAL_TIME = ZoneInfo("Europe/Amsterdam")   # the users' clock; the database keeps UTC

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")


def format_number(value: float, decimals: int = 2) -> str:
    """A number with a decimal comma and no needless decimals: 2.0 -> '2', 1234.5 -> '1234,5'.

    Rounded half up to at most `decimals` decimals, as people round: 56.25 -> '56,3' with one
    decimal (float formatting rounds half to even and would give 56,2).
    """
    rounded = Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), context=_ROUNDING)
    if rounded.is_zero():
        rounded = abs(rounded)  # no '-0'
    text = f"{rounded:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def format_score(value: float | None, decimals: int = 1) -> str:
    """A score with a decimal comma: 62.25 -> '62,3'; None -> 'niet beoordeeld'."""
    if value is None:
        return "niet beoordeeld"
    return format_number(value, decimals)


def rounded_score(value: float) -> Decimal:
    """A score as it is shown: one decimal, rounded half up (48.75 -> 48.8). The one display rule:
    pages, charts, reports, exports and the command line all show scores through it."""
    return Decimal(repr(value)).quantize(Decimal("0.1"), context=_ROUNDING)


def shown_score(value: float | None) -> float | None:
    """The shown score as a number, for a spreadsheet cell: 48.75 -> 48.8."""
    return None if value is None else float(rounded_score(value))


def shown_gap(score: float | None, threshold: float) -> float | None:
    """The gap a reader sees: the threshold minus the score as shown, so that '48,8' under 80 has the
    gap 31,2 (not the 31,3 of the unrounded 31.25). None when the score reaches the threshold or is
    not assessed. A score just under the threshold that shows as the threshold itself (79.96 as
    '80') keeps the smallest shown gap, 0.1: it does not reach the level."""
    if score is None or score >= threshold:
        return None
    gap = Decimal(repr(threshold)) - rounded_score(score)
    return float(max(gap, Decimal("0.1")))


def format_gap(score: float | None, threshold: float) -> str:
    """The gap to a threshold as text ('31,2'); 'geen' when the score reaches it, '-' when not assessed."""
    if score is None:
        return "-"
    gap = shown_gap(score, threshold)
    return "geen" if gap is None else format_score(gap)


def format_percentage(fraction: float | None) -> str:
    """0.853 -> '85 %'; None -> 'niet te bepalen'."""
    if fraction is None:
        return "niet te bepalen"
    return f"{format_score(fraction * 100, 0)} %"


def dutch_date(day: date) -> str:
    """12 March 2026 -> '12 maart 2026'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def day_text(day: date) -> str:
    """12 March 2026 -> '12-03-2026', the short form for messages and tables."""
    return day.strftime("%d-%m-%Y")


def level_symbol(rank: int, count: int) -> str:
    """The sign shown next to a level's label (never colour alone): ✔ for the best of `count` levels
    (rank 0), ✖ for the worst, ▲ for every level between them."""
    return "✔" if rank == 0 else "✖" if rank == count - 1 else "▲"


def event_label(action: str) -> str:
    """'answer' -> 'antwoord gewijzigd'; an unknown code as it is."""
    return AUDIT_EVENT_LABELS.get(action, action)


def local_timestamp(moment: datetime | None) -> str:
    """A moment as stored (UTC) in Dutch local time, to the second: '12-03-2026 15:05:09'; None -> ''."""
    if moment is None:
        return ""
    local = moment.replace(tzinfo=UTC).astimezone(LOCAL_TIME)
    return f"{day_text(local)} {local:%H:%M:%S}"


def timestamp(moment: datetime | None) -> str:
    """A moment as stored (UTC) to the minute: '12-03-2026 14:05 UTC'; None -> ''."""
    return f"{day_text(moment)} {moment:%H:%M} UTC" if moment else ""

"""The gap report's own words: chapter titles, headings, table heads, the fixed sentences and the
small sentences made from one row of the report data. The PDF (`gap_pdf.py`, `gap_sections.py`,
`gap_appendix.py`) and the Word version (`docx.py`, `docx_sections.py`) both take them from here,
so the two always say the same.

Plain text only: every layout adds its own markup. A sentence with bold or italic parts is a tuple
of runs, (text, BOLD | ITALIC | PLAIN), which each layout prints in its own way.
"""

from __future__ import annotations

from ..domain.wording import format_score
from .model import (
    ActionRow,
    AppendixCriterion,
    AppendixQuestion,
    ChartData,
    CriterionRow,
    KnockoutRow,
    PillarSection,
    ReportData,
    Summary,
)
from .plan_data import PlanActionLine, PlanSection

PLAIN, BOLD, ITALIC = "", "b", "i"
Runs = tuple[tuple[str, str], ...]

# --- chapters: (bookmark key, title) in the order of the report -------------------------------------------

CONTENTS = ("inhoud", "Inhoud")
SUMMARY = ("samenvatting", "Samenvatting")
CHARTS = ("grafieken", "Grafieken")
PILLARS = ("pijlers", "Uitkomsten per pijler")
PLAN = ("verbeterplan", "Verbeterplan")
APPENDIX_ANSWERS = ("bijlage-a", "Bijlage A. Alle vragen en antwoorden")
APPENDIX_METHOD = ("bijlage-b", "Bijlage B. Rekenwijze")
APPENDIX_THRESHOLDS = ("bijlage-c", "Bijlage C. Drempels in dit rapport")
APPENDIX_PROVENANCE = ("bijlage-d", "Bijlage D. Herkomst van dit rapport")
APPENDIX_SOURCES = ("bijlage-e", "Bijlage E. Bronnen")
PLAN_STATE = ("stand-plan", "Stand van het plan van aanpak")   # only with a plan van aanpak, after PLAN
APPENDIX_TITLES = (PLAN, APPENDIX_ANSWERS, APPENDIX_METHOD, APPENDIX_THRESHOLDS, APPENDIX_PROVENANCE,
                   APPENDIX_SOURCES)


def pillar_title(pillar: PillarSection) -> str:
    return f"{pillar.id}  {pillar.title}"


def pillar_key(index: int) -> str:
    """The bookmark of the index-th pillar's heading (pillar ids may hold any character)."""
    return f"pijler-{index + 1}"


def chapters(report: ReportData, has_plan_state: bool = False) -> list[tuple[str, str, int]]:
    """(key, title, level) of the chapters and pillars after the contents, in the report's order:
    what the contents list. With `has_plan_state`, the state of the plan van aanpak follows the plan."""
    entries = [(*SUMMARY, 0), (*CHARTS, 0), (*PILLARS, 0)]
    entries += [(pillar_key(index), pillar_title(pillar), 1) for index, pillar in enumerate(report.pillars)]
    entries.append((*PLAN, 0))
    if has_plan_state:
        entries.append((*PLAN_STATE, 0))
    return entries + [(*title, 0) for title in APPENDIX_TITLES[1:]]


# --- every page and the cover ------------------------------------------------------------------------------

def running_head(report: ReportData) -> tuple[str, str]:
    """The page header: (left, right)."""
    right = report.assessment_name
    if report.period not in right:
        right += f" · {report.period}"
    return report.organisation, right


def running_foot(report: ReportData) -> str:
    return (f"{report.questionnaire_id} versie {report.questionnaire_version} · normprofiel: "
            f"{report.profile_name} · {report.status_label.lower()}")


def document_title(report: ReportData) -> str:
    return f"{report.assessment_name} - {report.organisation}"


def document_subject(report: ReportData) -> str:
    return f"{report.questionnaire_title} ({report.questionnaire_id} versie {report.questionnaire_version})"


def signed_off_text(report: ReportData) -> str:
    """Who signed the report off and when, or that nobody has (yet)."""
    if report.signed_off:
        return report.signed_off
    if not report.is_draft:
        return "vastgesteld; door wie en wanneer staat niet in de gegevens van dit rapport"
    return "nog niet vastgesteld"


def cover_facts(report: ReportData) -> list[tuple[str, str]]:
    """The cover's (label, value) lines."""
    facts = [
        ("Organisatie", f"{report.organisation}" + (f" ({report.organisation_kind})"
                                                    if report.organisation_kind else "")),
        ("Beoordeling", report.assessment_name),
        ("Periode", report.period),
        ("Status", report.status_label),
        ("Vastgesteld door", signed_off_text(report)),
        ("Datum van het rapport", report.generated_on),
        ("Vragenlijst", f"{report.questionnaire_title} ({report.questionnaire_id}, versie "
                        f"{report.questionnaire_version})"),
        ("Normprofiel", report.profile_name),
        ("Vingerafdruk vragenlijst en antwoorden", report.fingerprint[:16] + " (volledig in bijlage D)"),
    ]
    if report.submitted:
        facts.insert(4, ("Ingediend voor review door", report.submitted))
    return facts


def verdict_banner(summary: Summary) -> tuple[Runs, str]:
    """The cover's verdict: the level, then the score and completeness."""
    return ((("Totaaloordeel: ", PLAIN), (summary.level, BOLD)),
            f"totaalscore {summary.score} van 100 · volledigheid {summary.completeness}")


COLOPHON_TITLE = "Colofon"
MADE_WITH = (
    "Dit rapport is gemaakt met vthscan, de zelfscan voor het VTH-stelsel. De cijfers volgen uit de "
    "antwoorden, de vragenlijst en de drempels van het normprofiel; bijlage B legt de rekenwijze uit en "
    "bijlage D toont met een vingerafdruk uit welke vragenlijst en antwoorden het rapport komt.")
PDF_COLOPHON = (
    MADE_WITH,
    "Toegankelijkheid: dit PDF-bestand is niet getagd. Het volgt de norm voor toegankelijke PDF's "
    "(PDF/UA) niet, dus een schermlezer leest koppen, tabellen en de volgorde niet goed voor. De "
    "toegankelijke versies van dit rapport zijn de resultatenpagina in vthscan (getest op WCAG 2.1, "
    "niveau AA) en de Word-versie.",
)
DOCX_COLOPHON = (
    MADE_WITH,
    "Toegankelijkheid: dit is de Word-versie van het rapport. Ze heeft echte koppen (zie het "
    "navigatievenster), tabellen met een kopregel en bij elke grafiek een beschrijving met alle scores. "
    "Past u de tekst aan, dan hoort de vingerafdruk in bijlage D alleen nog bij de cijfers zoals vthscan "
    "ze maakte.",
)
# Shown until Word updates the contents (the page numbers are only known then); updating replaces it.
CONTENTS_UPDATE_HINT = ("Paginanummers: klik in Word met de rechtermuisknop op deze inhoudsopgave en kies "
                        "'Veld bijwerken'.")


# --- the summary --------------------------------------------------------------------------------------------

def provisional_runs(summary: Summary) -> Runs:
    return ("Concept.", BOLD), (f" {summary.provisional}", PLAIN)


def verdict_runs(summary: Summary) -> Runs:
    """The verdict, and next to it (in bold) what it rests on."""
    if not summary.reliance:
        return ((summary.verdict, PLAIN),)
    return (f"{summary.verdict} ", PLAIN), (summary.reliance, BOLD)


def summary_facts(report: ReportData) -> Runs:
    return (("Volledigheid:", BOLD), (f" {report.summary.completeness}. ", PLAIN), ("Normprofiel:", BOLD),
            (f" {report.profile_name}.", PLAIN))


PILLARS_HEADING = "Pijlers"
PILLAR_TABLE_HEAD = ("Pijler", "Gewicht", "Score", "Niveau", "Tekort")
GAP_CAPTION = "Tekort: het aantal punten tot de drempel van het beste niveau."


def reliance_warning(reliance: str) -> str:
    return f"Let op: {reliance}"


KNOCKOUTS_HEADING = "Knock-outcriteria die niet voldoen"
NO_FAILING_KNOCKOUTS = "Geen: alle beoordeelde knock-outcriteria halen het beste niveau."


def knockout_runs(knockout: KnockoutRow) -> Runs:
    return ((knockout.criterion, BOLD),
            (f" {knockout.title} (pijler {knockout.pillar}): score {knockout.score}, nodig {knockout.needed}, "
             f"niveau ", PLAIN),
            (knockout.level, BOLD))


def top_actions_heading(count: int) -> str:
    return f"De {count} belangrijkste acties" if count else "Belangrijkste acties"


TOP_ACTIONS_CAPTION = ("Hoogstens twee acties per criterium. Het volledige verbeterplan, met het effect per "
                       "criterium, staat verderop in dit rapport.")
NO_ACTIONS = "Er zijn geen verbeteracties nodig: alle criteria halen het beste niveau."


# --- the charts ---------------------------------------------------------------------------------------------

PILLAR_FIGURE = "Figuur 1. Score per pijler met de drempels."
CRITERIA_FIGURE = "Figuur 2. Score per criterium met de drempels."


def _scores(rows) -> str:
    return "; ".join(f"{row[0]} {'niet beoordeeld' if row[2] is None else format_score(row[2])}" for row in rows)


def pillar_chart_alt(charts: ChartData) -> str:
    """A chart's text alternative names every score it shows (a radar needs three pillars, else bars)."""
    kind = "Radardiagram" if len(charts.pillars) >= 3 else "Staafdiagram"
    return f"{kind} van de scores per pijler: {_scores(charts.pillars)}."


def criteria_chart_alt(charts: ChartData) -> str:
    return f"Staafdiagram van de scores per criterium: {_scores(charts.criteria)}."


# --- per pillar ---------------------------------------------------------------------------------------------

PILLARS_INTRO = ("Per pijler de criteria met hun score, niveau en tekort, en waar elk criterium op rust: "
                 "geverifieerd (het onderwerp komt uit de bronnen), reconstructie (afgeleid, de officiële "
                 "tekst is niet gecontroleerd) of ontwerpkeuze van vthscan (geen officiële norm). De "
                 "bronnen staan in bijlage E, alle antwoorden in bijlage A.")
CRITERION_TABLE_HEAD = ("Criterium", "Gewicht", "Score", "Niveau", "Tekort", "Drempels", "Basis")


def pillar_facts(pillar: PillarSection) -> Runs:
    return ((f"Score {pillar.score}", BOLD), (" · niveau ", PLAIN), (pillar.level, BOLD),
            (f" · tekort {pillar.gap}", PLAIN))


def criterion_marks(criterion: CriterionRow) -> str:
    """Below a criterion's name: knock-out and the count of its questions per status."""
    marks = []
    if criterion.knockout:
        marks.append("knock-out" + (", haalt het beste niveau niet" if criterion.fails_knockout else ""))
    if criterion.counts:
        marks.append(criterion.counts)
    return " · ".join(marks)


PLACEHOLDER_MARK = "voorlopige norm"


def criterion_basis(criterion: CriterionRow) -> tuple[str, str, str]:
    """(basis, the placeholder mark or "", the sources or "") of the Basis column."""
    return (criterion.basis or "niet vermeld", PLACEHOLDER_MARK if criterion.placeholder_norm else "",
            f"bron {', '.join(criterion.sources)}" if criterion.sources else "")


def placeholder_runs(criterion: CriterionRow) -> Runs:
    return (f"Voorlopige norm bij {criterion.id}:", BOLD), (f" {criterion.placeholder_norm}", PLAIN)


def notes_heading(criterion: CriterionRow) -> str:
    return f"Toelichtingen bij {criterion.id} {criterion.title}"


# --- the improvement plan -----------------------------------------------------------------------------------

PLAN_INTRO = ("De acties staan in de volgorde van de rekenregels: eerst de knock-outcriteria, daarna "
              "naar tekort maal gewicht (zie de rekenwijze in bijlage B). Per criterium staat het "
              "effect als het criterium de drempel van het beste niveau haalt en de rest gelijk "
              "blijft. De termijn telt vanaf de datum van het rapport.")
TOP_ACTIONS_HEAD = ("Nr", "Criterium", "Actie", "Eigenaar", "Termijn")
PLAN_TABLE_HEAD = ("Nr", "Actie", "Eigenaar", "Prioriteit, inspanning", "Termijn")
# The plan as one row per action (the Word version): the effect on the first action of each criterion.
PLAN_ROWS_HEAD = ("Nr", "Criterium", "Actie", "Eigenaar", "Prioriteit, inspanning", "Termijn", "Effect")
KNOCKOUT = "knock-out"
EFFECT_LABEL = "Effect:"


def criterion_group(action: ActionRow) -> tuple[str, str]:
    """The plan's line above a criterion's actions: (its id and title, its pillar and knock-out)."""
    return (f"{action.criterion}  {action.criterion_title}",
            f" (pijler {action.pillar}{', knock-out' if action.knockout else ''})")


def effect_reference(action: ActionRow) -> str:
    """In place of the effect on a criterion's later actions (as on the results page)."""
    return f"zoals bij de eerste actie van {action.criterion}"


def effort_text(action: ActionRow) -> str:
    return f"inspanning {action.effort}"


def term_texts(action: ActionRow) -> tuple[str, str]:
    """(the dates, or the term when it has none; the term in brackets after the dates, or "")."""
    return (action.period, f"({action.term})") if action.period else (action.term, "")


# --- the state of the plan van aanpak (when the report has one) -------------------------------------------

def plan_state_intro(section: PlanSection) -> str:
    return (f"Het plan van aanpak van {section.organisation}, {section.made_from}. Stand op {section.as_of}. "
            f"Een actie is te laat als ze open of bezig is na haar einddatum.")


PLAN_STATE_HEAD = ("Open", "Waarvan te laat", "Gereed", "Vervallen")


def plan_state_counts(section: PlanSection) -> tuple[int, int, int, int]:
    return section.open, section.overdue, section.done, section.cancelled


PLAN_STATE_EMPTY = "Het plan heeft nog geen acties."
PLAN_STATE_ACTIONS = "Acties"


def plan_line_heading(line: PlanActionLine) -> Runs:
    return (line.number, BOLD), (f"  {line.criterion} · ", PLAIN), (line.status, BOLD)


def plan_line_texts(line: PlanActionLine) -> list[tuple[str, str]]:
    """(label, text) below an action of the plan van aanpak."""
    texts = [("Actie", line.text), ("Eigenaar", line.owner or "nog niemand"),
             ("Planning", _planning(line.start, line.due))]
    return texts + [(label, value) for label, value in (("Reden vervallen", line.reason), ("Bewijs", line.evidence),
                                                      ("Laatste voortgang", line.last_note)) if value]


def _planning(start: str, due: str) -> str:
    if start and due:
        return f"van {start} tot {due}"
    if due:
        return f"klaar op {due}"
    return f"vanaf {start}" if start else "geen datums"


# --- the appendices -----------------------------------------------------------------------------------------

ANSWERS_INTRO = ("Per criterium elke vraag met het antwoord, de score (0-100), het gewicht, de toelichting en "
                 "het bewijs. Zo is elke score in dit rapport na te rekenen.")
EVIDENCE_LABEL = "Bewijs"


def appendix_criterion_heading(criterion: AppendixCriterion) -> tuple[str, str]:
    return f"{criterion.id}  {criterion.title}", f"(pijler {criterion.pillar}, score {criterion.score})"


def question_facts(question: AppendixQuestion) -> str:
    facts = f"{question.type} · {question.status}"
    if question.score != "-":
        facts += f" · score {question.score}"
    if question.status != "niet gescoord":
        facts += f" · gewicht {question.weight}"
    if question.rule:
        facts += f" · regel: {question.rule}"
    return facts


def question_texts(question: AppendixQuestion) -> list[tuple[str, str]]:
    """(label, user text) below a question: the answer, then what was given with it."""
    texts = [("Antwoord", question.answer)]
    texts += [(label, value) for label, value in (("Reden niet van toepassing", question.na_reason),
                                                  ("Toelichting", question.comment),
                                                  (EVIDENCE_LABEL, question.evidence)) if value]
    return texts


METHOD_INTRO = "Zo komt elk getal in dit rapport tot stand. Dit is precies wat vthscan rekent."


def thresholds_intro(report: ReportData) -> str:
    return f"Normprofiel: {report.profile_name}. Een score haalt een niveau vanaf de genoemde drempel."


def thresholds_head(report: ReportData) -> tuple[str, ...]:
    return ("Onderdeel", "Titel", *(f"{label} vanaf" for label in report.thresholds.levels))


def headline_scopes(report: ReportData) -> set[str]:
    """The rows of the thresholds table printed in bold: the total and the pillars."""
    return {report.thresholds.rows[0][0]} | {pillar.id for pillar in report.pillars}


PROVENANCE_INTRO = ("Met deze gegevens is een afgedrukt rapport terug te voeren op de vragenlijst en de "
                    "antwoorden waaruit het is gemaakt.")


def provenance_rows(report: ReportData) -> list[tuple[str, str, bool]]:
    """(label, value, is a fingerprint) of appendix D."""
    return [
        ("Vragenlijst", report.questionnaire_title, False),
        ("Id en versie", f"{report.questionnaire_id}, versie {report.questionnaire_version}", False),
        ("Vingerafdruk vragenlijst", report.questionnaire_fingerprint, True),
        ("Vingerafdruk vragenlijst en antwoorden", report.fingerprint, True),
        ("Normprofiel", report.profile_name, False),
        ("Status", report.status_label, False),
        ("Ingediend voor review door", report.submitted or "-", False),
        ("Vastgesteld door", report.signed_off or ("-" if not report.is_draft else "nog niet vastgesteld"), False),
        ("Datum van het rapport", report.generated_on, False),
    ]


FINGERPRINT_EXPLANATION = (
    "De vingerafdruk is de SHA-256 van: de vingerafdruk van de vragenlijst, een regeleinde, en alle "
    "antwoorden als JSON (per vraag value, na, na_reason, unknown, comment en evidence; sleutels gesorteerd, "
    "UTF-8, zonder spaties). Verandert er één antwoord of één teken in de vragenlijst, dan verandert de "
    "vingerafdruk.")
NO_SOURCES = "De criteria in dit rapport noemen geen bronnen."
SOURCES_INTRO = ("De bronnen die de criteria in dit rapport noemen, met het adres waar ze te vinden zijn. "
                 "Bij elk criterium staat ook hoe stevig het is onderbouwd (zie de kolom Basis bij de "
                 "pijlers).")
SOURCES_HEAD = ("Bron", "Titel", "Adres", "Bij")
NO_ADDRESS = "niet vastgelegd"

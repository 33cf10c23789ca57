"""The gap report's appendices: every answer (A), the calculation method (B), the thresholds (C),
where the report comes from (D) and the sources the criteria cite (E)."""

from __future__ import annotations

from reportlab.lib.units import cm, mm
from reportlab.platypus import CondPageBreak, Spacer
from reportlab.platypus.flowables import HRFlowable

from . import styles as st
from .document import heading
from .gap_sections import chapter_break
from .layout import cell, escape_text, frame_table, head_row, labelled_texts, linked_text, markup_para, para
from .model import ReportData


def appendix(report: ReportData) -> list:
    return _answers(report) + _method(report) + _thresholds(report) + _provenance(report) + _sources(report)


def _answers(report: ReportData) -> list:
    s = st.styles()
    story = [heading("Bijlage A. Alle vragen en antwoorden", s.h1, "bijlage-a"),
             para("Per criterium elke vraag met het antwoord, de score (0-100), het gewicht, de toelichting en "
                  "het bewijs. Zo is elke score in dit rapport na te rekenen.", s.body)]
    for criterion in report.appendix:
        story.append(CondPageBreak(4 * cm))
        story.append(markup_para(f"{escape_text(criterion.id)}  {escape_text(criterion.title)}  "
                                 f"<font color='#5A5A5A'>(pijler {escape_text(criterion.pillar)}, score "
                                 f"{escape_text(criterion.score)})</font>", s.h3))
        story.append(HRFlowable(width="100%", thickness=0.6, color=st.NAVY, spaceAfter=3))
        for question in criterion.questions:
            facts = f"{question.type} · {question.status}"
            if question.score != "-":
                facts += f" · score {question.score}"
            if question.status != "niet gescoord":
                facts += f" · gewicht {question.weight}"
            if question.rule:
                facts += f" · regel: {question.rule}"
            # One paragraph per question (paragraphs are most of the layout time): the question on
            # the first line, its facts and the answer below it, indented. A paragraph splits over
            # pages where a table cell cannot; a long text gets paragraphs of its own.
            head = (f"<b>{escape_text(question.id)}</b>  {escape_text(question.text)}<br/>"
                    f"<font color='#5A5A5A' size=7.5>{escape_text(facts)}</font>")
            texts = [("Antwoord", question.answer)]
            texts += [(label, value) for label, value in (("Reden niet van toepassing", question.na_reason),
                                                          ("Toelichting", question.comment)) if value]
            # the evidence's http(s) addresses are links
            links = [("Bewijs", question.evidence)] if question.evidence else []
            story += labelled_texts(head, texts + links, s.answer, linked={"Bewijs"})
    return story + [chapter_break()]


def _method(report: ReportData) -> list:
    s = st.styles()
    story = [heading("Bijlage B. Rekenwijze", s.h1, "bijlage-b"),
             para("Zo komt elk getal in dit rapport tot stand. Dit is precies wat vthscan rekent.", s.body)]
    for section in report.method:
        story.append(para(section.title, s.h2))
        story.extend(para(paragraph, s.body) for paragraph in section.paragraphs)
    return story + [chapter_break()]


def _thresholds(report: ReportData) -> list:
    s = st.styles()
    table = report.thresholds
    story = [heading("Bijlage C. Drempels in dit rapport", s.h1, "bijlage-c"),
             para(f"Normprofiel: {report.profile_name}. Een score haalt een niveau vanaf de genoemde drempel.",
                  s.body)]
    rows = [head_row("Onderdeel", "Titel", *(f"{label} vanaf" for label in table.levels))]
    headline = {"Totaal"} | {pillar.id for pillar in report.pillars}
    for scope, title, values in table.rows:
        style = s.cell_bold if scope in headline else s.cell   # the total and pillars in bold
        rows.append([cell(scope, style), cell(title, style), *(cell(v, style) for v in values)])
    level_share = 0.4 / max(len(table.levels), 1)
    story.append(frame_table(rows, [0.14, 0.46] + [level_share] * len(table.levels)))
    return story + [chapter_break()]


def _provenance(report: ReportData) -> list:
    s = st.styles()
    story = [heading("Bijlage D. Herkomst van dit rapport", s.h1, "bijlage-d"),
             para("Met deze gegevens is een afgedrukt rapport terug te voeren op de vragenlijst en de "
                  "antwoorden waaruit het is gemaakt.", s.body)]
    rows = [
        ("Vragenlijst", report.questionnaire_title, s.cell),
        ("Id en versie", f"{report.questionnaire_id}, versie {report.questionnaire_version}", s.cell),
        ("Vingerafdruk vragenlijst", report.questionnaire_fingerprint, s.fingerprint),
        ("Vingerafdruk vragenlijst en antwoorden", report.fingerprint, s.fingerprint),
        ("Normprofiel", report.profile_name, s.cell),
        ("Status", report.status_label, s.cell),
        ("Ingediend voor review door", report.submitted or "-", s.cell),
        ("Vastgesteld door", report.signed_off or ("-" if not report.is_draft else "nog niet vastgesteld"), s.cell),
        ("Datum van het rapport", report.generated_on, s.cell),
    ]
    # the label column leaves the value column room for a whole SHA-256 on one line
    story += [frame_table([[cell(label, s.cell_bold), para(value, style)] for label, value, style in rows],
                          [0.27, 0.73], header=False),
              Spacer(1, 3 * mm),
              para("De vingerafdruk is de SHA-256 van: de vingerafdruk van de vragenlijst, een regeleinde, en "
                   "alle antwoorden als JSON (per vraag value, na, na_reason, unknown, comment en evidence; "
                   "sleutels gesorteerd, UTF-8, zonder spaties). Verandert er één antwoord of één teken in de "
                   "vragenlijst, dan verandert de vingerafdruk.", s.small)]
    return story + [chapter_break()]


def _sources(report: ReportData) -> list:
    s = st.styles()
    story = [heading("Bijlage E. Bronnen", s.h1, "bijlage-e")]
    if not report.sources:
        return story + [para("De criteria in dit rapport noemen geen bronnen.", s.body)]
    story.append(para("De bronnen die de criteria in dit rapport noemen, met het adres waar ze te vinden zijn. "
                      "Bij elk criterium staat ook hoe stevig het is onderbouwd (zie de kolom Basis bij de "
                      "pijlers).", s.body))
    rows = [head_row("Bron", "Titel", "Adres", "Bij")]
    for source in report.sources:
        rows.append([cell(source.key, s.cell_bold), cell(source.title, s.cell),
                     markup_para(linked_text(source.url) if source.url else "niet vastgelegd", s.cell),
                     cell(", ".join(source.cited_by), s.cell)])
    story.append(frame_table(rows, [0.07, 0.43, 0.36, 0.14]))
    return story

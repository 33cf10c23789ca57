"""The plan van aanpak in the gap report: its data (the same text as the plan's Excel rows) and the section
"Stand van het plan van aanpak" in the PDF, with user text printed as typed."""

from __future__ import annotations

from datetime import date, datetime

from vthscan.domain.plan import Owner, Plan, PlanAction, ProgressNote
from vthscan.report.gap_pdf import build_pdf
from vthscan.report.plan_data import build_plan_section, plan_sheet

from .conftest import pdf_text

TODAY = date(2026, 6, 1)
PLAN = Plan("Omgevingsdienst Test", "mini", "1", "Nulmeting 2025", actions=(
    PlanAction("1", "Sluit aan op <b>Inspectieview</b> & meer.", "A1", origin="vragenlijst", suggestion="A1#1",
               owner=Owner("persoon", "petra@test.nl"), start=date(2026, 1, 1), due=date(2026, 5, 1), status="bezig",
               notes=(ProgressNote("petra@test.nl", datetime(2026, 5, 12, 9, 30), "Offerte <para> gevraagd."),)),
    PlanAction("2", "Afspraken over mandaten.", None, owner=Owner("bestuur"), status="gereed", evidence="AB-besluit"),
    PlanAction("3", "Vervalt.", "A2", status="vervallen", reason="Andere aanpak."),
))


def test_the_section_data_says_per_action_what_a_reader_needs(mini):
    section = build_plan_section(PLAN, mini, TODAY, {"petra@test.nl": "Petra de Vries"})
    assert (section.open, section.overdue, section.done, section.cancelled) == (1, 1, 1, 1)
    assert section.counts == "1 open, waarvan 1 te laat; 1 gereed; 1 vervallen"
    assert section.made_from == "gemaakt uit Nulmeting 2025" and section.as_of == "01-06-2026"
    first, second, third = section.actions
    assert (first.criterion, first.owner, first.start, first.due, first.status) == (
        "A1 Criterium A1", "Petra de Vries", "01-01-2026", "01-05-2026", "bezig (te laat)")
    assert first.last_note == "12-05-2026, Petra de Vries: Offerte <para> gevraagd."
    assert (second.criterion, second.owner, second.status, second.evidence) == ("algemeen", "het bestuur", "gereed",
                                                                                 "AB-besluit")
    assert (third.status, third.reason, third.owner) == ("vervallen", "Andere aanpak.", "")
    sheet = plan_sheet(section)
    assert sheet.rows[0][:8] == ["1", "A1 Criterium A1", "Sluit aan op <b>Inspectieview</b> & meer.", "Petra de Vries",
                                 "01-01-2026", "01-05-2026", "bezig (te laat)", "ja"]


def test_the_gap_report_prints_the_section_with_user_text_as_typed(make_report, mini):
    data, without = make_report()
    assert "Stand van het plan van aanpak" not in pdf_text(without)
    text = pdf_text(build_pdf(data, build_plan_section(PLAN, mini, TODAY)))
    for phrase in ("Stand van het plan van aanpak", "Sluit aan op <b>Inspectieview</b> & meer.",
                   "Offerte <para> gevraagd.", "bezig (te laat)", "Andere aanpak.", "van 01-01-2026 tot 01-05-2026"):
        assert phrase in text, phrase

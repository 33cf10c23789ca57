"""Printing: the results page has a print stylesheet; an assessment's printable page shows the results
with every calculation open, the charts and all answers, without navigation; a blank questionnaire
per version."""

from __future__ import annotations

from pathlib import Path

from vthscan.domain.answers import Answer

from .conftest import login

CSS = Path(__file__).resolve().parents[2] / "vthscan" / "web" / "static" / "vthscan.css"


def test_the_printable_assessment_has_the_calculations_open_the_charts_and_the_answers(client, factory):
    org = factory.org()
    coordinator = factory.user(org, "coordinator")
    draft = factory.answer(factory.assessment(org, "2026", coordinator), coordinator, {
        "a1_ja": Answer(value=True, comment="Besluit <b>genomen</b>", evidence="https://example.nl/besluit"),
        "a2_keuze": Answer(na=True, na_reason="Geen taak.")})
    login(client, coordinator)
    html = client.get(f"/beoordelingen/{draft.id}/afdrukken").get_data(as_text=True)
    assert html.count('<details class="calculation"') == html.count("open>") > 0
    assert "resultaten/pijlers.png" in html and "resultaten/criteria.png" in html and 'loading="eager"' in html
    assert 'aria-label="Hoofdmenu"' not in html and "site-footer" not in html
    assert "Alle antwoorden" in html and "Toelichting: Besluit &lt;b&gt;genomen&lt;/b&gt;" in html
    assert "Reden niet van toepassing: Geen taak." in html
    results = client.get(f"/beoordelingen/{draft.id}/resultaten").get_data(as_text=True)
    assert f'href="/beoordelingen/{draft.id}/afdrukken"' in results and "open>" not in results


def test_the_stylesheet_prints_without_navigation():
    css = CSS.read_text(encoding="utf-8")
    media = css[css.index("@media print"):]
    assert ".site-header nav" in media and ".no-print" in media and ".site-footer" in media


def test_a_blank_questionnaire_for_a_kind_of_organisation(client, factory):
    login(client, factory.user(factory.org(), "lezer"))
    html = client.get("/vragenlijsten/mini/1/afdrukken?soort=gemeente").get_data(as_text=True)
    assert "Mini-vragenlijst" in html and "Opdrachtgeverschap" in html and "Pijler A" not in html
    everything = client.get("/vragenlijsten/mini/1/afdrukken").get_data(as_text=True)
    assert "Pijler A" in everything and "☐</span> 3 – Toegepast" in everything and "☐</span> Matig" in everything
    assert "niet van toepassing, want" in everything and "fte" in everything
    assert 'aria-label="Hoofdmenu"' not in everything
    assert client.get("/vragenlijsten/mini/9/afdrukken").status_code == 404
    assert client.get("/vragenlijsten/bestaat-niet/1/afdrukken").status_code == 404

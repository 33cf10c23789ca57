"""Defects 4 and 5 of issue 11: the overview, the results page, the report and the exports say the same
completeness (one definition, percentage and fraction from the same numbers) and the same scores and
gaps (one rounding rule; a gap is the threshold minus the shown score)."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from vthscan.domain.answers import Answer

from .conftest import login

# Everything answered except the text question a2_tekst (not scored, but it must be answered to
# submit), with one "weet niet" and one N/A. A2 scores (40 + 57.5) / 2 = 48.75, shown as 48,8.
ANSWERS = {"a1_ja": Answer(value=True), "a1_schaal": Answer(unknown=True), "a2_keuze": Answer(value="matig"),
           "a2_norm": Answer(value=1.15), "b1_lineair": Answer(value=20),
           "b1_banden": Answer(na=True, na_reason="Geen meldingen.")}
COMPLETENESS = ("85 % beantwoord of niet van toepassing (6 van 7 vragen): 5 beantwoord, waarvan 1 weet niet "
                "(telt als 0), 1 niet van toepassing; 1 nog open")


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def setup(client, factory):
    org = factory.org("Omgevingsdienst Test")
    coordinator = factory.user(org, "coordinator")
    assessment = factory.answer(factory.assessment(org, user=coordinator), coordinator, ANSWERS)
    login(client, coordinator)
    return assessment


def test_completeness_is_the_same_on_every_page_and_in_every_file(client, factory):
    assessment = setup(client, factory)
    overview = text_of(client.get(f"/beoordelingen/{assessment.id}").get_data(as_text=True))
    results = text_of(client.get(f"/beoordelingen/{assessment.id}/resultaten").get_data(as_text=True))
    pdf = client.get(f"/beoordelingen/{assessment.id}/rapport.pdf").data
    report = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)
    scores_csv = client.get(f"/beoordelingen/{assessment.id}/export.csv?deel=scores").get_data(as_text=True)
    assert COMPLETENESS in overview and COMPLETENESS in results
    for part in ("85 % beantwoord of niet van toepassing (6 van 7 vragen)", "waarvan 1 weet niet (telt als 0)",
                 "1 nog open"):   # the PDF breaks the sentence over lines
        assert part in report
    assert COMPLETENESS in scores_csv
    # the per-pillar fraction and percentage come from the same numbers: A has 5 questions, 4 done
    assert "4 van 5 (80 %)" in overview and "2 van 2 (100 %)" in overview


def test_a_score_and_its_gap_are_shown_alike_on_the_page_in_the_report_and_the_export(client, factory):
    assessment = setup(client, factory)
    results = text_of(client.get(f"/beoordelingen/{assessment.id}/resultaten").get_data(as_text=True))
    # A2: 48,75 shown as 48,8 under the threshold 80 for Voldoet: the gap is 31,2 (not 31,3)
    assert re.search(r"A2 Criterium A2 3 48,8 . Tekort 31,2", results), results[results.index("A2 Criterium"):][:200]
    pdf = client.get(f"/beoordelingen/{assessment.id}/rapport.pdf").data
    report = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "31,2" in report and "31,3" not in report
    scores_csv = client.get(f"/beoordelingen/{assessment.id}/export.csv?deel=scores").get_data(as_text=True)
    a2 = next(line for line in scores_csv.splitlines() if line.startswith("criterium;A2;"))
    assert a2.split(";")[3:6] == ["48,8", "Tekort", "31,2"]

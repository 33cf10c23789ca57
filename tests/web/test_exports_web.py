"""Downloads: xlsx, CSV and PDF of a comparison and xlsx/CSV of one assessment; content and access."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from vthscan.domain.answers import Answer

from .compare_helpers import signed_off
from .conftest import login

FORMULA = "=SOM(A1:A9)"


@pytest.fixture
def setup(factory):
    od1, od2, foreign = factory.org("=OD Formule"), factory.org("OD Gewoon"), factory.org("OD Vreemd")
    gemeente = factory.org("Gemeente Cee", kind="gemeente", participant_of=od1)
    coordinator = factory.user(od1, "coordinator")
    a1 = signed_off(factory, od1, coordinator=coordinator,
                    overrides={"a1_ja": Answer(value=False, comment=FORMULA), "a2_tekst": Answer(value="@gevaar")})
    a2 = signed_off(factory, od2)
    a3 = signed_off(factory, foreign)
    draft = factory.assessment(od1, "2026", user=coordinator)
    return {"a1": a1, "a2": a2, "a3": a3, "draft": draft, "coordinator": coordinator,
            "gemeente_user": factory.user(gemeente, "lezer")}


def assert_attachment(response, suffix):
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="vthscan-') and disposition.endswith(f'.{suffix}"')
    name = disposition.split('"')[1]
    assert all(c.isalnum() or c in "-." for c in name)


def test_comparison_xlsx_has_dutch_headings_and_text_not_formulas(client, setup, app):
    login(client, setup["coordinator"])
    # the coordinator of OD Formule may compare only its own assessment
    response = client.get(f"/vergelijken/export.xlsx?a={setup['a1'].id}")
    assert_attachment(response, "xlsx")
    admin_client = app.test_client()
    from .conftest import Factory
    login(admin_client, Factory(app).user(Factory(app).org("Beheer"), "beheerder"))
    response = admin_client.get(f"/vergelijken/export.xlsx?a={setup['a1'].id}&a={setup['a2'].id}")
    assert_attachment(response, "xlsx")
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames[:3] == ["Vergelijking", "Veelvoorkomende tekorten", "Grootste verschillen"]
    sheet = book["Vergelijking"]
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["Soort", "Id", "Onderdeel"]
    assert "=OD Formule (2025): score" in headers
    cell = next(c for c in sheet[1] if c.value == "=OD Formule (2025): score")
    assert cell.data_type == "s"  # text, not a formula
    assert sheet["C2"].value == "Totaaloordeel"


def test_comparison_csv_and_pdf(setup, app):
    from .conftest import Factory
    client = app.test_client()
    login(client, Factory(app).user(Factory(app).org("Beheer"), "beheerder"))
    ids = f"a={setup['a1'].id}&a={setup['a2'].id}"
    response = client.get(f"/vergelijken/export.csv?{ids}")
    assert_attachment(response, "csv")
    text = response.data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Soort", "Id", "Onderdeel"]
    assert "'=OD Formule (2025): score" in rows[0]
    response = client.get(f"/vergelijken/export.pdf?{ids}")
    assert_attachment(response, "pdf")
    assert response.mimetype == "application/pdf"
    pdf_text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "Vergelijking van zelfevaluaties" in pdf_text
    assert "=OD Formule" in pdf_text and "OD Gewoon" in pdf_text
    assert "Criteria die het vaakst onder de norm blijven" in pdf_text


def test_assessment_xlsx_holds_answers_scores_and_plan(client, setup):
    login(client, setup["coordinator"])
    response = client.get(f"/beoordelingen/{setup['a1'].id}/export.xlsx")
    assert_attachment(response, "xlsx")
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Antwoorden", "Scores", "Verbeterplan"]
    answers = book["Antwoorden"]
    assert [c.value for c in answers[1]][:5] == ["Pijler", "Criterium", "Vraag-id", "Vraag", "Antwoord"]
    row = next(r for r in answers.iter_rows(min_row=2) if r[2].value == "a1_ja")
    comment = row[6]
    assert comment.value == FORMULA and comment.data_type == "s"
    text_row = next(r for r in answers.iter_rows(min_row=2) if r[2].value == "a2_tekst")
    assert text_row[4].value == "@gevaar" and text_row[4].data_type == "s"
    scores = book["Scores"]
    assert [c.value for c in scores[1]][:5] == ["Soort", "Id", "Onderdeel", "Score", "Niveau"]
    plan = book["Verbeterplan"]
    assert any(r[3].value == "Doe iets aan A1." for r in plan.iter_rows(min_row=2))


@pytest.mark.parametrize("part, heading", [("antwoorden", "Vraag-id"), ("scores", "Niveau"),
                                           ("verbeterplan", "Actie")])
def test_assessment_csv_parts(client, setup, part, heading):
    login(client, setup["coordinator"])
    response = client.get(f"/beoordelingen/{setup['a1'].id}/export.csv?deel={part}")
    assert_attachment(response, "csv")
    assert part in response.headers["Content-Disposition"]
    text = response.data.decode("utf-8-sig")
    assert heading in text.splitlines()[0]
    if part == "antwoorden":
        assert "'" + FORMULA in text and ";" + FORMULA not in text


def test_unknown_part_or_format_is_404(client, setup):
    login(client, setup["coordinator"])
    assert client.get(f"/beoordelingen/{setup['a1'].id}/export.csv?deel=alles").status_code == 404
    assert client.get(f"/beoordelingen/{setup['a1'].id}/export.pdf").status_code == 404
    assert client.get(f"/vergelijken/export.doc?a={setup['a1'].id}").status_code == 404
    assert client.get("/vergelijken/export.xlsx").status_code == 404


def test_every_download_checks_access(client, setup):
    login(client, setup["gemeente_user"])
    own_od = setup["a1"].id
    assert client.get(f"/vergelijken/export.xlsx?a={own_od}").status_code == 200
    assert client.get(f"/beoordelingen/{own_od}/export.xlsx").status_code == 200
    forbidden = [
        *(f"/vergelijken/export.{kind}?a={own_od}&a={setup['a3'].id}" for kind in ("xlsx", "csv", "pdf")),
        *(f"/vergelijken/export.{kind}?a={setup['draft'].id}" for kind in ("xlsx", "csv", "pdf")),
        f"/beoordelingen/{setup['a3'].id}/export.xlsx", f"/beoordelingen/{setup['a3'].id}/export.csv",
        f"/beoordelingen/{setup['draft'].id}/export.xlsx", f"/beoordelingen/{setup['draft'].id}/export.csv",
        f"/vergelijken/organisatie/{setup['a3'].organisation_id}/grafiek.png",
    ]
    for url in forbidden:
        assert client.get(url).status_code == 404, url


def test_anonymous_downloads_go_to_login(client, setup):
    for url in (f"/vergelijken/export.xlsx?a={setup['a1'].id}", f"/beoordelingen/{setup['a1'].id}/export.csv",
                f"/vergelijken/organisatie/{setup['a1'].organisation_id}/grafiek.png"):
        response = client.get(url)
        assert response.status_code == 302 and "/inloggen" in response.headers["Location"]

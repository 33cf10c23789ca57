"""The Word version of the gap report: downloaded next to the PDF on the results page, with the same
access checks, and `vthscan report --assessment ID --format docx`."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document

from vthscan.extensions import db
from vthscan.models import Assessment

from .conftest import login
from .test_report_download import cli, profile_id, setup  # noqa: F401  fixtures used here

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def text_of(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def test_the_results_page_offers_the_word_version_next_to_the_pdf(client, setup):  # noqa: F811  the imported fixtures
    _org, coordinator, assessment = setup
    login(client, coordinator)
    body = client.get(f"/beoordelingen/{assessment.id}/resultaten").get_data(as_text=True)
    pdf, docx = body.index(f"/beoordelingen/{assessment.id}/rapport.pdf"), body.index(
        f"/beoordelingen/{assessment.id}/rapport.docx")
    assert pdf < docx and "Rapport als Word (DOCX)" in body


def test_a_member_downloads_a_word_document_with_a_safe_name(
        app, client, setup, profile_id):  # noqa: F811  the imported fixtures
    _org, coordinator, assessment = setup
    login(client, coordinator)
    response = client.get(f"/beoordelingen/{assessment.id}/rapport.docx")
    assert response.status_code == 200 and response.mimetype == DOCX
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="rapport-omgevingsdienst-een-zuid-2026-q1.docx"')
    text = text_of(response.data)
    assert "Omgevingsdienst Één & <Zuid>" in text and "Doe iets aan A1." in text
    assert "Normprofiel\nStandaard (de drempels van de vragenlijst)" in text

    profiled = client.get(f"/beoordelingen/{assessment.id}/rapport.docx", query_string={"profiel": f"db:{profile_id}"})
    assert re.fullmatch(r'attachment; filename="[a-z0-9-]+-streng-scherp\.docx"',
                        profiled.headers["Content-Disposition"])
    assert "Normprofiel\nStreng & <scherp>" in text_of(profiled.data)
    with app.app_context():
        from vthscan.services import audit

        subjects = [entry.subject for entry in audit.audit_entries(db.session.get(Assessment, assessment.id))
                    if entry.action == "report"]
    assert "rapport-omgevingsdienst-een-zuid-2026-q1.docx" in subjects


def test_another_organisations_user_gets_404(client, factory, setup):  # noqa: F811  the imported fixtures
    _org, _coordinator, assessment = setup
    login(client, factory.user(factory.org("Andere dienst"), "coordinator"))
    assert client.get(f"/beoordelingen/{assessment.id}/rapport.docx").status_code == 404


def test_a_participant_gets_only_a_signed_off_assessment(client, factory, setup):  # noqa: F811  the imported fixtures
    org, coordinator, draft = setup
    signed = factory.signed_off(org, "2024", coordinator)
    login(client, factory.user(factory.org("Gemeente Deelnemer", kind="gemeente", participant_of=org), "lezer"))
    assert client.get(f"/beoordelingen/{draft.id}/rapport.docx").status_code == 404
    assert client.get(f"/beoordelingen/{signed.id}/rapport.docx").status_code == 200


def test_anonymous_is_sent_to_login(client, setup):  # noqa: F811  the imported fixtures
    _org, _coordinator, assessment = setup
    response = client.get(f"/beoordelingen/{assessment.id}/rapport.docx")
    assert response.status_code == 302 and "/inloggen" in response.headers["Location"]


def test_cli_writes_the_word_version_of_an_assessment(cli, setup, tmp_path):  # noqa: F811  the imported fixtures
    _org, _coordinator, assessment = setup
    output = tmp_path / "rapport.docx"
    result = cli("report", "--assessment", assessment.id, "--format", "docx", "-o", output, "--date", "2026-03-31")
    assert result.exit_code == 0, result.output
    text = text_of(output.read_bytes())
    assert "Omgevingsdienst Één & <Zuid>" in text and "Datum van het rapport\n31 maart 2026" in text


@pytest.mark.parametrize("args, message", [
    (["--format", "pdf/a", "-o", "x.pdf"], "onbekend formaat 'pdf/a'; kies pdf of docx"),
    (["--format", "docx", "-o", "x.pdf"], "een Word-rapport krijgt een naam die eindigt op .docx"),
])
def test_cli_wrong_format_for_an_assessment_exits_1(
        cli, setup, tmp_path, monkeypatch, args, message):  # noqa: F811  the imported fixtures
    _org, _coordinator, assessment = setup
    monkeypatch.chdir(tmp_path)
    result = cli("report", "--assessment", assessment.id, *args)
    assert result.exit_code == 1 and message in result.stderr

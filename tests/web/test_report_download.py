"""The PDF gap report: downloaded from the results page, and `vthscan report --assessment ID`."""

from __future__ import annotations

import io
import re

import pytest
from click.testing import CliRunner

from vthscan.commands import main
from vthscan.extensions import db
from vthscan.models import ThresholdProfileRecord

from .conftest import login
from .test_results import KNOCKOUT_ANSWERS


def watermarked(pdf: bytes) -> list[bool]:
    """Per page: does it carry the CONCEPT watermark (drawn as outlines, so it is not in the text)."""
    from pypdf import PdfReader

    return [any("Watermark" in name for name in page["/Resources"].get("/XObject") or {})
            for page in PdfReader(io.BytesIO(pdf)).pages]


def pdf_text(pdf: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def setup(factory):
    org = factory.org("Omgevingsdienst Één & <Zuid>")
    coordinator = factory.user(org, "coordinator")
    assessment = factory.answer(factory.assessment(org, "2026-Q1", user=coordinator), coordinator, KNOCKOUT_ANSWERS)
    return org, coordinator, assessment


@pytest.fixture
def profile_id(app):
    with app.app_context():
        record = ThresholdProfileRecord(
            questionnaire_id="mini", name="Streng & <scherp>", description="",
            data={"schema": "vthscan.thresholds/1", "questionnaire": "mini", "name": "Streng & <scherp>",
                  "thresholds": {"voldoet": 90, "aandachtspunt": 60}})
        db.session.add(record)
        db.session.commit()
        return record.id


def test_download_is_a_pdf_attachment_with_a_safe_name(client, setup):
    _org, coordinator, assessment = setup
    login(client, coordinator)
    response = client.get(f"/beoordelingen/{assessment.id}/rapport.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert disposition == 'attachment; filename="rapport-omgevingsdienst-een-zuid-2026-q1.pdf"'
    assert response.data.startswith(b"%PDF")
    text = pdf_text(response.data)
    assert "Omgevingsdienst Één & <Zuid>" in text
    assert "Normprofiel Standaard (de drempels van de vragenlijst)" in text
    assert all(watermarked(response.data)) and "Status Concept" in text
    assert "Doe iets aan A1." in text


def test_download_with_a_profile_names_it(client, setup, profile_id):
    _org, coordinator, assessment = setup
    login(client, coordinator)
    response = client.get(f"/beoordelingen/{assessment.id}/rapport.pdf", query_string={"profiel": f"db:{profile_id}"})
    assert response.status_code == 200
    assert re.fullmatch(r'attachment; filename="[a-z0-9-]+\.pdf"', response.headers["Content-Disposition"])
    assert "streng-scherp" in response.headers["Content-Disposition"]
    assert "Normprofiel Streng & <scherp>" in pdf_text(response.data)


def test_signed_off_report_has_no_watermark(client, factory, setup):
    org, coordinator, _draft = setup
    signed = factory.signed_off(org, "2025", coordinator)
    login(client, coordinator)
    pdf = client.get(f"/beoordelingen/{signed.id}/rapport.pdf").data
    assert not any(watermarked(pdf)) and "Status Vastgesteld" in pdf_text(pdf)


def test_report_in_review_is_still_a_concept(client, factory, setup):
    org, coordinator, _draft = setup
    assessment = factory.complete(factory.assessment(org, "2027", user=coordinator), coordinator)
    factory.transition(assessment, coordinator, "submit_for_review")
    login(client, coordinator)
    pdf = client.get(f"/beoordelingen/{assessment.id}/rapport.pdf").data
    assert all(watermarked(pdf)) and "Status Ter review" in pdf_text(pdf)


def test_download_is_logged(app, client, setup):
    from vthscan.models import Assessment
    from vthscan.services import audit

    _org, coordinator, assessment = setup
    login(client, coordinator)
    client.get(f"/beoordelingen/{assessment.id}/rapport.pdf")
    with app.app_context():
        entries = audit.audit_entries(db.session.get(Assessment, assessment.id))
        assert any(entry.action == "report" for entry in entries)


# --- command line -------------------------------------------------------------------------------------------

@pytest.fixture
def cli(app, tmp_path, mini_dir, monkeypatch):
    """`vthscan ...` on the same database as the `app` fixture."""
    instance = tmp_path / "cli-instance"
    instance.mkdir()
    (instance / "config.py").write_text(
        f'SECRET_KEY = "cli-test"\nSQLALCHEMY_DATABASE_URI = {app.config["SQLALCHEMY_DATABASE_URI"]!r}\n',
        encoding="utf-8")
    monkeypatch.setenv("VTHSCAN_INSTANCE", str(instance))

    def run(*args):
        return CliRunner().invoke(main, ["--questionnaires", str(mini_dir), *map(str, args)])
    return run


def test_cli_report_of_an_assessment(cli, setup, profile_id, tmp_path):
    _org, _coordinator, assessment = setup
    output = tmp_path / "rapport.pdf"
    result = cli("report", "--assessment", assessment.id, "-o", output, "--date", "2026-03-31",
                 "--thresholds", "Streng & <scherp>")
    assert result.exit_code == 0, result.output
    assert "Rapport geschreven" in result.stderr
    text = pdf_text(output.read_bytes())
    for phrase in ("Omgevingsdienst Één & <Zuid>", "Beoordeling 2026-Q1", "31 maart 2026",
                   "Normprofiel Streng & <scherp>"):
        assert phrase in text, phrase
    assert all(watermarked(output.read_bytes()))


@pytest.mark.parametrize("args, message", [
    (["report", "-o", "x.pdf"], "geef een antwoordenbestand of --assessment ID"),
    (["report", "antwoorden.json", "--assessment", "1", "-o", "x.pdf"], "niet allebei"),
    (["report", "--assessment", "999", "-o", "x.pdf"], "Beoordeling 999 bestaat niet"),
    (["report", "--assessment", "{id}", "-o", "x.pdf", "--thresholds", "Onbekend"],
     "normprofiel 'Onbekend' niet gevonden"),
    (["report", "--assessment", "{id}", "-o", "x.pdf", "--status", "vastgesteld"],
     "--status kan niet samen met --assessment"),
])
def test_cli_bad_input_exits_1_in_dutch(cli, setup, tmp_path, monkeypatch, args, message):
    _org, _coordinator, assessment = setup
    monkeypatch.chdir(tmp_path)
    result = cli(*(arg.format(id=assessment.id) for arg in args))
    assert result.exit_code == 1, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output

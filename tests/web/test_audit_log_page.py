"""The audit log people can read: Dutch event names, question texts instead of ids, Dutch local time,
filters by person, event and pillar, pages of 50, and a formula-safe CSV export."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from sqlalchemy import select, update

from vthscan.domain.answers import Answer
from vthscan.extensions import db
from vthscan.models import AuditLog

from .conftest import login


def setup(app, factory):
    org = factory.org()
    coordinator = factory.user(org, "coordinator", email="coordinator@log.nl")
    invuller = factory.user(org, "invuller", email="invuller@log.nl")
    draft = factory.assessment(org, "2026", coordinator)
    factory.answer(draft, invuller, {"a1_ja": Answer(value=True), "b1_lineair": Answer(value=30)})
    draft = factory.answer(draft, coordinator, {"a1_ja": Answer(value=False, comment="=SOM(A1)")})
    with app.app_context():   # a moment in winter: Amsterdam is UTC+1
        db.session.execute(update(AuditLog).values(at=datetime(2026, 1, 15, 13, 5, 9)))
        db.session.commit()
    return draft, coordinator, invuller


def test_the_log_speaks_dutch_with_question_texts_and_local_time(app, client, factory):
    draft, coordinator, _invuller = setup(app, factory)
    login(client, coordinator)
    html = client.get(f"/beoordelingen/{draft.id}/logboek").get_data(as_text=True)
    assert "antwoord gewijzigd" in html and "aangemaakt" in html
    assert "Ja of nee?" in html and "Dagen?" in html        # the questions' texts, not a1_ja
    assert ">answer<" not in html
    assert "15-01-2026 14:05:09" in html and "UTC" not in html
    assert "oud:" in html and "nieuw:" in html
    assert 'role="region"' in html and 'tabindex="0"' in html


def test_filters_by_person_event_and_pillar(app, client, factory):
    draft, coordinator, invuller = setup(app, factory)
    login(client, coordinator)
    url = f"/beoordelingen/{draft.id}/logboek"
    by_invuller = client.get(f"{url}?persoon={invuller.id}").get_data(as_text=True)
    assert "2 gebeurtenissen" in by_invuller and "invuller@log.nl" in by_invuller
    pillar_b = client.get(f"{url}?pijler=B").get_data(as_text=True)
    assert "1 gebeurtenis</p>" in pillar_b and "Dagen?" in pillar_b
    created = client.get(f"{url}?gebeurtenis=created").get_data(as_text=True)
    assert "1 gebeurtenis" in created and "Ja of nee?" not in created
    assert client.get(f"{url}?persoon=abc&pagina=-1&pijler=ZZ").status_code == 200


def test_pages_of_50(app, client, factory):
    draft, coordinator, _invuller = setup(app, factory)
    with app.app_context():
        db.session.add_all([AuditLog(assessment_id=draft.id, organisation_id=draft.organisation_id, action="report",
                                     subject=f"rapport-{n}.pdf", at=datetime(2026, 2, 1, 12, n % 60))
                            for n in range(60)])
        db.session.commit()
    login(client, coordinator)
    first = client.get(f"/beoordelingen/{draft.id}/logboek").get_data(as_text=True)
    assert "64 gebeurtenissen" in first and "pagina 1 van 2" in first and first.count("<tr>") == 51
    second = client.get(f"/beoordelingen/{draft.id}/logboek?pagina=2").get_data(as_text=True)
    assert "pagina 2 van 2" in second and second.count("<tr>") == 15
    assert 'aria-current="page">2<' in second


def test_the_csv_export_is_formula_safe_filtered_and_audited(app, client, factory):
    draft, coordinator, _invuller = setup(app, factory)
    login(client, coordinator)
    response = client.get(f"/beoordelingen/{draft.id}/logboek.csv?pijler=A")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["Wanneer (Nederlandse tijd)", "Wie", "Wat"]
    assert len(rows) == 3 and all(row[3] == "A" and row[5] == "Ja of nee?" for row in rows[1:])
    assert "toelichting: =SOM(A1)" in rows[1][7] and not any(cell.startswith("=") for row in rows for cell in row)
    with app.app_context():
        assert db.session.scalar(select(AuditLog.subject).where(AuditLog.action == "exported")) == "logboek csv"


def test_the_log_is_for_managers_only(app, client, factory):
    draft, _coordinator, invuller = setup(app, factory)
    login(client, invuller)
    assert client.get(f"/beoordelingen/{draft.id}/logboek").status_code == 403
    assert client.get(f"/beoordelingen/{draft.id}/logboek.csv").status_code == 403

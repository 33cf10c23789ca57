"""Faults: the database failing during a save or a page, a corrupt questionnaire at start-up, and a
questionnaire version removed while assessments still use it."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from sqlalchemy import event, select
from sqlalchemy.exc import OperationalError

from vthscan.app import create_app
from vthscan.commands import main
from vthscan.domain.answers import Answer as DomainAnswer
from vthscan.domain.loader import LoadError
from vthscan.extensions import db
from vthscan.models import Answer, Assessment
from vthscan.services import questionnaires

from .conftest import DATA, login, make_app

PAGE_A = {"version": "1", "q_a1_ja": "ja", "q_a1_schaal": "2", "q_a2_keuze_na": "y",
          "q_a2_keuze_na_reason": "Geen taak van ons", "q_a2_norm": "1,5", "q_a2_tekst": "Tekst",
          "go": "overview"}
PAGE_A_QUESTIONS = {"a1_ja", "a1_schaal", "a2_keuze", "a2_norm", "a2_tekst"}


class DatabaseOutage:
    """Makes the app's database fail: in the middle of a save (the second INSERT after the version was
    raised), at the commit, or on every statement. `stop()` is the recovery."""

    def __init__(self, app, when: str):
        self.app, self.when, self.inserts, self.failed = app, when, 0, 0
        with app.app_context():
            self.engine = db.engine
        event.listen(self.engine, "before_cursor_execute", self._statement)
        event.listen(self.engine, "commit", self._commit)

    def _fail(self, statement="COMMIT"):
        self.failed += 1
        raise OperationalError(statement, None, ConnectionError("server closed the connection unexpectedly"))

    def _statement(self, _conn, _cursor, statement, _params, _context, _many):
        if self.when == "always":
            self._fail(statement)
        if self.when == "mid-save":
            # after the assessment's version was raised and some rows were written, before the rest
            words = statement.lstrip().upper()
            if words.startswith("UPDATE ASSESSMENT"):
                self.bumped = True
            elif words.startswith("INSERT") and getattr(self, "bumped", False):
                self.inserts += 1
                if self.inserts == 2:
                    self._fail(statement)

    def _commit(self, _conn):
        if self.when == "commit":
            self._fail()

    def stop(self):
        event.remove(self.engine, "before_cursor_execute", self._statement)
        event.remove(self.engine, "commit", self._commit)


def _stored(app, assessment_id):
    with app.app_context():
        assessment = db.session.get(Assessment, assessment_id)
        rows = db.session.scalars(select(Answer).where(Answer.assessment_id == assessment_id)).all()
        return assessment.version, {row.question_id for row in rows}


@pytest.fixture
def filling(app, factory):
    org = factory.org()
    user = factory.user(org, "invuller")
    return user, factory.assessment(org, user=user)


@pytest.mark.parametrize("when", ["mid-save", "commit"])
def test_database_failing_during_a_save_gives_503_and_keeps_nothing_half_written(app, client, filling, when):
    user, assessment = filling
    login(client, user)
    url = f"/beoordelingen/{assessment.id}/pijler/A"
    assert client.get(url).status_code == 200

    outage = DatabaseOutage(app, when)
    response = client.post(url, data=PAGE_A)
    outage.stop()  # the database is back

    assert outage.failed == 1
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    text = response.get_data(as_text=True)
    assert "vthscan is tijdelijk niet beschikbaar" in text and "niet opgeslagen" in text
    assert "Traceback" not in text and "INSERT" not in text
    assert "Content-Security-Policy" in response.headers
    # all or nothing: none of the page's answers, and the version did not move
    assert _stored(app, assessment.id) == (1, set())

    # after recovery the same save goes through completely
    response = client.post(url, data=PAGE_A)
    assert response.status_code == 302
    assert _stored(app, assessment.id) == (2, PAGE_A_QUESTIONS)


def test_database_down_for_a_page_gives_the_503_page_without_needing_the_database(app, client, filling):
    user, assessment = filling
    login(client, user)
    outage = DatabaseOutage(app, "always")
    try:
        response = client.get(f"/beoordelingen/{assessment.id}")
    finally:
        outage.stop()
    assert response.status_code == 503
    assert "De database is op dit moment niet bereikbaar." in response.get_data(as_text=True)
    assert client.get(f"/beoordelingen/{assessment.id}").status_code == 200  # and it recovers by itself


def test_a_corrupt_questionnaire_stops_the_app_from_starting(tmp_path, mini_dir, monkeypatch):
    broken = mini_dir / "kapot.yaml"
    broken.write_text("schema: vthscan.questionnaire/1\nid: kapot\nversion: \"1\"\n  title: verkeerd ingesprongen\n"
                      "pillars: []\n", encoding="utf-8")
    with pytest.raises(LoadError) as raised:
        make_app(tmp_path, mini_dir)
    assert "kapot.yaml:4" in str(raised.value)

    instance = tmp_path / "instance-run"
    instance.mkdir()
    (instance / "config.py").write_text('SECRET_KEY = "x"\n', encoding="utf-8")
    monkeypatch.setenv("VTHSCAN_INSTANCE", str(instance))
    served = []
    monkeypatch.setattr("werkzeug.serving.run_simple", lambda *args, **kwargs: served.append(args))
    result = CliRunner().invoke(main, ["--questionnaires", str(mini_dir), "run"])
    assert result.exit_code == 1
    assert "de app start niet" in result.output and "kapot.yaml:4" in result.output
    assert served == []


def test_assessments_stay_readable_when_their_questionnaire_file_is_removed(tmp_path, mini_dir, factory, app):
    org = factory.org()
    coordinator = factory.user(org, "coordinator")
    signed = factory.signed_off(org, "2025", coordinator)
    draft = factory.answer(factory.assessment(org, "2026", coordinator), coordinator,
                           {"a1_ja": DomainAnswer(value=True)})

    # another questionnaire stays; the mini questionnaire's file is gone after a restart
    other = tmp_path / "andere"
    other.mkdir()
    text = (DATA / "mini.yaml").read_text(encoding="utf-8").replace("id: mini", "id: ander", 1)
    (other / "ander.yaml").write_text(text, encoding="utf-8")
    shutil.rmtree(mini_dir)
    restarted = make_app(tmp_path, other)
    with restarted.app_context():
        assert questionnaires.catalog().get("mini") is None

    client = restarted.test_client()
    login(client, coordinator)
    for assessment in (signed, draft):
        overview = client.get(f"/beoordelingen/{assessment.id}")
        assert overview.status_code == 200
        assert "Pijler A" in overview.get_data(as_text=True)
        pillar = client.get(f"/beoordelingen/{assessment.id}/pijler/A")
        assert pillar.status_code == 200
        assert "Ja of nee?" in pillar.get_data(as_text=True)
    # the signed-off one is read-only: its pillar page offers no save button, and a save is refused
    assert 'name="go"' not in client.get(f"/beoordelingen/{signed.id}/pijler/A").get_data(as_text=True)
    assert client.post(f"/beoordelingen/{signed.id}/pijler/A", data=PAGE_A).status_code == 403
    export = client.get(f"/beoordelingen/{signed.id}/export")
    assert export.status_code == 200
    data = json.loads(export.get_data(as_text=True))
    assert data["questionnaire"] == {"id": "mini", "version": "1"}
    assert data["answers"]["a1_ja"]["value"] is True
    report = client.get(f"/beoordelingen/{signed.id}/rapport.pdf")
    assert report.status_code == 200 and report.data.startswith(b"%PDF")
    # the draft can still be filled in from the stored definition
    response = client.post(f"/beoordelingen/{draft.id}/pijler/A",
                           data={**PAGE_A, "version": str(draft.version)})
    assert response.status_code == 302
    assert _stored(restarted, draft.id)[1] >= PAGE_A_QUESTIONS


def test_no_app_starts_without_its_questionnaires_folder_being_valid_yaml(tmp_path, mini_dir):
    """A questionnaire with a tab in its indentation is refused with file and line, like other errors."""
    (mini_dir / "tab.yaml").write_text("schema: vthscan.questionnaire/1\nid: tab\n\tversion: \"1\"\n",
                                       encoding="utf-8")
    with pytest.raises(LoadError) as raised:
        create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"}, instance_path=str(tmp_path / "i"),
                   questionnaires=str(mini_dir))
    assert "tab.yaml:3" in str(raised.value)

"""Starting an assessment, the pillar pages built from the definition, validation, stale saves,
the overview, copying from last period and pinned questionnaire definitions."""

from __future__ import annotations

import re

from vthscan.domain.answers import Answer
from vthscan.extensions import db
from vthscan.models import Assessment, QuestionnaireDefinition
from vthscan.services import questionnaires
from vthscan.services.answers import answers_of, copied_questions

from .conftest import login
from .form_helpers import form_data


def _answers(app, assessment_id):
    with app.app_context():
        return answers_of(db.session.get(Assessment, assessment_id))


def test_coordinator_starts_an_assessment_with_pinned_version(app, client, factory):
    org = factory.org(kind="gemeente")
    login(client, factory.user(org, "coordinator"))
    response = client.post("/beoordelingen/nieuw", data={"organisation": org.id, "questionnaire": "mini|1",
                                                        "period": "2026", "name": "Eerste scan"})
    assert response.status_code == 302
    assessment_id = int(response.headers["Location"].rsplit("/", 1)[1])
    page = client.get(f"/beoordelingen/{assessment_id}").get_data(as_text=True)
    assert "Eerste scan" in page
    assert "Pijler B" in page and "Opdrachtgeverschap" in page
    assert "Pijler A" not in page  # pillar A is for omgevingsdiensten only
    assert client.get(f"/beoordelingen/{assessment_id}/pijler/A").status_code == 404
    with app.app_context():
        definition = db.session.scalar(db.select(QuestionnaireDefinition))
        assert (definition.questionnaire_id, definition.version) == ("mini", "1")


def test_start_requires_a_period(client, factory):
    org = factory.org()
    login(client, factory.user(org))
    response = client.post("/beoordelingen/nieuw", data={"organisation": org.id, "questionnaire": "mini|1",
                                                        "period": ""})
    assert response.status_code == 200
    assert "Dit veld is verplicht." in response.get_data(as_text=True)


def test_pillar_page_has_fieldsets_help_and_answer_options(client, factory):
    org = factory.org()
    assessment = factory.assessment(org)
    login(client, factory.user(org, "invuller"))
    page = client.get(f"/beoordelingen/{assessment.id}/pijler/A").get_data(as_text=True)
    assert page.count("<fieldset class=\"criterion\"") == 2
    assert '<legend><span class="criterion-id">A1</span> <span lang="nl">Criterium A1</span>' in page
    assert "Hulp." in page
    assert 'name="q_a1_ja"' in page and 'value="ja"' in page
    assert 'name="q_a1_schaal"' in page and "3 – Toegepast" in page
    assert 'name="q_a2_keuze_na"' in page  # allow_na
    assert 'name="q_a1_ja_na"' not in page  # not allowed there
    assert 'name="q_a1_ja_unknown"' in page and 'name="q_a1_ja_comment"' in page
    assert 'name="q_a1_ja_evidence"' in page
    assert 'name="version" type="hidden" value="1"' in page


def test_saving_stores_every_part_of_an_answer(app, client, factory):
    org = factory.org()
    assessment = factory.assessment(org)
    login(client, factory.user(org, "invuller"))
    response = client.post(f"/beoordelingen/{assessment.id}/pijler/A", data={
        "version": "1", "q_a1_ja": "ja", "q_a1_schaal": "2", "q_a2_keuze_na": "y",
        "q_a2_keuze_na_reason": "Geen taak van ons", "q_a2_norm": "1,5", "q_a2_tekst_unknown": "y",
        "q_a1_ja_comment": "Besproken", "q_a1_ja_evidence": "https://example.nl/doc.pdf", "go": "overview"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/beoordelingen/{assessment.id}")
    answers = _answers(app, assessment.id)
    assert answers["a1_ja"] == Answer(value=True, comment="Besproken", evidence="https://example.nl/doc.pdf")
    assert answers["a1_schaal"].value == 2
    assert answers["a2_keuze"] == Answer(na=True, na_reason="Geen taak van ons")
    assert answers["a2_norm"].value == 1.5
    assert answers["a2_tekst"].unknown
    # saving the same again changes nothing and keeps the version
    page = client.get(f"/beoordelingen/{assessment.id}/pijler/A").get_data(as_text=True)
    assert 'value="1,5"' in page
    assert factory.get(Assessment, assessment.id).version == 2


def test_validation_errors_are_shown_next_to_the_field_and_keep_input(app, client, factory):
    org = factory.org()
    assessment = factory.assessment(org)
    login(client, factory.user(org, "invuller"))
    response = client.post(f"/beoordelingen/{assessment.id}/pijler/A", data={
        "version": "1", "q_a1_ja": "ja", "q_a2_norm": "veel", "q_a2_keuze_na": "y",
        "q_a1_schaal": "3", "q_a1_ja_comment": "mijn toelichting"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Er is iets niet goed ingevuld" in page
    assert '<a href="#q_a2_norm">Hoeveel fte?: Vul een getal in, bijvoorbeeld 12 of 2,5.</a>' in page
    assert '<a href="#q_a2_keuze-legend">Welke?: Geef een reden waarom de vraag niet van toepassing is.</a>' in page
    assert 'id="q_a2_norm-error"' in page
    assert re.search(r'aria-describedby="q_a2_norm-help q_a2_norm-error"', page)
    # everything typed is still there
    assert 'value="veel"' in page
    assert "mijn toelichting" in page
    assert re.search(r'checked[^>]*value="ja"|value="ja"[^>]*checked', page)
    # and nothing was saved
    assert _answers(app, assessment.id) == {}


def test_domain_range_message_is_used(client, factory):
    org = factory.org()
    assessment = factory.assessment(org)
    login(client, factory.user(org, "invuller"))
    page = client.post(f"/beoordelingen/{assessment.id}/pijler/A",
                       data={"version": "1", "q_a2_norm": "80"}).get_data(as_text=True)
    assert "Het getal mag hoogstens 50 zijn." in page
    page = client.post(f"/beoordelingen/{assessment.id}/pijler/A",
                       data={"version": "1", "q_a2_keuze_unknown": "y", "q_a2_keuze_na": "y",
                             "q_a2_keuze_na_reason": "geen taak"}
                       ).get_data(as_text=True)
    assert "Kies &#39;niet van toepassing&#39; of &#39;weet niet&#39;, niet allebei." in page


def test_a_save_that_collides_is_a_409_showing_the_conflict_and_keeping_input(app, factory):
    """The short version; tests/web/test_merge_on_save.py has the whole merge."""
    org = factory.org()
    assessment = factory.assessment(org)
    first, second = app.test_client(), app.test_client()
    login(first, factory.user(org, "invuller", email="eerste@example.nl"))
    login(second, factory.user(org, "invuller", email="tweede@example.nl"))
    url = f"/beoordelingen/{assessment.id}/pijler/A"
    second_form = form_data(second.get(url).get_data(as_text=True))
    first_form = form_data(first.get(url).get_data(as_text=True))
    assert first.post(url, data={**first_form, "q_a1_ja": "ja"}).status_code == 302

    response = second.post(url, data={**second_form, "q_a1_ja": "nee", "q_a1_ja_comment": "mijn versie"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "iemand anders heeft intussen dezelfde antwoorden gewijzigd" in page
    assert "eerste@example.nl" in page and "Ja of nee?" in page
    assert "mijn versie" in page
    assert 'name="version" type="hidden" value="2"' in page
    assert _answers(app, assessment.id)["a1_ja"].value is True
    # keeping one's own value is a deliberate choice, and then it goes through
    again = {**form_data(page), "q_a1_ja_keep_answer": "mine"}
    assert second.post(url, data=again).status_code == 302
    assert _answers(app, assessment.id)["a1_ja"] == Answer(value=False, comment="mijn versie")


def test_overview_shows_progress_scores_and_missing(client, factory):
    org = factory.org()
    user = factory.user(org, "coordinator")
    assessment = factory.assessment(org, user=user)
    factory.answer(assessment, user, {"a1_ja": Answer(value=True), "a1_schaal": Answer(value=4)})
    login(client, user)
    page = client.get(f"/beoordelingen/{assessment.id}").get_data(as_text=True)
    assert "2 van 5 (40 %)" in page and "0 van 2 (0 %)" in page
    assert "Hoeveel fte?" in page  # listed as missing
    assert "Totaal" in page and "Volledigheid: 28 % beantwoord (2 van 7 vragen); 5 nog open" in page


def test_start_from_last_period_copies_answers_marked_until_confirmed(app, client, factory):
    org = factory.org()
    coordinator = factory.user(org, "coordinator")
    factory.signed_off(org, "2025", coordinator)
    login(client, coordinator)
    response = client.post("/beoordelingen/nieuw", data={"organisation": org.id, "questionnaire": "mini|1",
                                                        "period": "2026", "copy_previous": "y"})
    new_id = int(response.headers["Location"].rsplit("/", 1)[1])
    answers = _answers(app, new_id)
    assert answers["a1_schaal"].value == 3
    page = client.get(f"/beoordelingen/{new_id}/pijler/B").get_data(as_text=True)
    assert "Overgenomen uit de vorige periode" in page
    assert 'name="q_b1_lineair_confirm"' in page
    # confirm one, change another; the third stays marked
    client.post(f"/beoordelingen/{new_id}/pijler/B", data={
        "version": "1", "q_b1_lineair": "30", "q_b1_lineair_confirm": "y", "q_b1_banden": "50"})
    with app.app_context():
        copied = copied_questions(db.session.get(Assessment, new_id))
    assert "b1_lineair" not in copied and "b1_banden" not in copied
    assert "a1_ja" in copied
    overview = client.get(f"/beoordelingen/{new_id}").get_data(as_text=True)
    assert "overgenomen, niet bevestigd" in overview


def test_start_from_last_period_without_one_is_explained(client, factory):
    org = factory.org()
    login(client, factory.user(org))
    response = client.post("/beoordelingen/nieuw", data={"organisation": org.id, "questionnaire": "mini|1",
                                                        "period": "2026", "copy_previous": "y"})
    assert response.status_code == 200
    assert "geen eerdere vastgestelde beoordeling" in response.get_data(as_text=True)


def test_changed_file_with_same_version_is_refused_and_old_assessments_still_work(app, client, factory, mini_dir):
    org = factory.org()
    user = factory.user(org)
    assessment = factory.assessment(org, user=user)
    changed = (mini_dir / "mini.yaml").read_text(encoding="utf-8").replace('title: "Pijler A"', 'title: "Anders"')
    (mini_dir / "mini.yaml").write_text(changed, encoding="utf-8")
    from .conftest import make_app
    reloaded = make_app(mini_dir.parent, mini_dir)
    reloaded_client = reloaded.test_client()
    login(reloaded_client, user)
    response = reloaded_client.post("/beoordelingen/nieuw", data={
        "organisation": org.id, "questionnaire": "mini|1", "period": "2027"})
    assert response.status_code == 200
    assert "veranderd, maar het versienummer niet" in response.get_data(as_text=True)
    # the existing assessment is read from the stored definition
    (mini_dir / "mini.yaml").unlink()
    (mini_dir / "leeg.txt").write_text("", encoding="utf-8")
    page = reloaded_client.get(f"/beoordelingen/{assessment.id}/pijler/A").get_data(as_text=True)
    assert "Pijler A" in page and "Anders" not in page


def test_real_questionnaire_pages_render_with_at_most_30_questions(tmp_path):
    from .conftest import REAL_QUESTIONNAIRES, Factory, make_app
    app = make_app(tmp_path, REAL_QUESTIONNAIRES)
    factory = Factory(app)
    org = factory.org()
    user = factory.user(org)
    assessment = factory.assessment(org, user=user, questionnaire="vthscan-standaard")
    client = app.test_client()
    login(client, user)
    with app.app_context():
        questionnaire = questionnaires.questionnaire_for(db.session.get(Assessment, assessment.id))
    for pillar in questionnaire.pillars_for("omgevingsdienst"):
        response = client.get(f"/beoordelingen/{assessment.id}/pijler/{pillar.id}")
        assert response.status_code == 200
        assert response.get_data(as_text=True).count('id="vraag-') <= 30  # R in 1.1: ten expertise areas


def test_next_pillar_button_and_large_numbers_round_trip(app, client, factory):
    org = factory.org()
    assessment = factory.assessment(org)
    login(client, factory.user(org, "invuller"))
    url = f"/beoordelingen/{assessment.id}/pijler/B"
    page = client.get(f"/beoordelingen/{assessment.id}/pijler/A").get_data(as_text=True)
    assert 'name="go" value="B"' in page
    response = client.post(url, data={"version": "1", "b1_lineair": "", "q_b1_lineair": "365",
                                      "q_b1_banden": "12,25", "go": "B"})
    assert response.headers["Location"].endswith(url)
    page = client.get(url).get_data(as_text=True)
    assert 'value="365"' in page and 'value="12,25"' in page
    assert _answers(app, assessment.id)["b1_banden"].value == 12.25

"""The results page: verdict, levels, gaps, knock-outs, plan and calculation; who may see it; charts."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest

from vthscan.domain.answers import Answer
from vthscan.extensions import db
from vthscan.models import Assessment, ThresholdProfileRecord
from vthscan.services import results as results_service

from .conftest import MINI_VALUES, login

# A1 (knock-out) fails: (0 × 1 + 25 × 3) / 4 = 18,75; pillar A by score 79,7 (Voldoet), capped to Tekort.
KNOCKOUT_ANSWERS = {**{qid: Answer(value=value) for qid, value in MINI_VALUES.items() if qid != "g1_ja"},
                    "a1_ja": Answer(value=False, comment="Nog <b>geen</b> besluit & plan"),
                    "a1_schaal": Answer(value=1)}


def text_of(response) -> str:
    """The page's visible text, tags removed and spaces folded."""
    body = response.get_data(as_text=True)
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", body).split()))


@pytest.fixture
def setup(factory):
    org = factory.org("Omgevingsdienst Test")
    coordinator = factory.user(org, "coordinator")
    assessment = factory.answer(factory.assessment(org, user=coordinator), coordinator, KNOCKOUT_ANSWERS)
    return org, coordinator, assessment


def results_url(assessment, suffix="", **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"/beoordelingen/{assessment.id}/resultaten{suffix}" + (f"?{query}" if query else "")


def test_results_show_verdict_levels_gap_knockout_and_plan(client, setup):
    _org, coordinator, assessment = setup
    login(client, coordinator)
    response = client.get(results_url(assessment))
    assert response.status_code == 200
    text = text_of(response)
    assert "Het totaaloordeel voor Omgevingsdienst Test is: Tekort." in text
    assert "Totaalscore 84,4" in text
    assert "Volledigheid 100 %" in text
    # pillar A: its level as symbol and text, the gap (none: the score reaches Voldoet) and the cap
    assert "A Pijler A 2 79,7 ✖ Tekort geen begrensd op Tekort door knock-out A1" in text
    # A1: knock-out mark, score 18,75 shown as 18,8, level, the gap to Voldoet from the shown score: 75 - 18,8
    assert "A1 Criterium A1 ⚑ knock-out: haalt Voldoet niet 1 18,8 ✖ Tekort 56,2" in text
    # which knock-out capped what
    assert "pijler A en het totaaloordeel" in text
    # the plan in the engine's order: the knock-out's action first
    plan = text[text.index("Verbeterplan"):]
    assert "1 A1 Criterium A1 knock-out Doe iets aan A1. hoog klein 0-3 maanden" in plan.replace("⚑ ", "")
    # the default profile is stated
    assert "Normprofiel Standaard (de drempels van de vragenlijst)" in text


def test_calculation_explains_every_criterion(client, setup):
    _org, coordinator, assessment = setup
    login(client, coordinator)
    response = client.get(results_url(assessment))
    body = response.get_data(as_text=True)
    assert '<details class="calculation" id="rekenwijze-A1">' in body
    text = text_of(response)
    assert "Score: (0 × 1 + 25 × 3) / (1 + 3) = 18,8" in text
    assert "Ja of nee? (a1_ja, ja/nee) nee" in text
    assert "Toelichting: Nog <b>geen</b> besluit & plan" in text      # escaped, shown as typed
    assert "&lt;b&gt;geen&lt;/b&gt;" in body
    assert "Rekenwijze" in text and "Knock-outcriteria" in text
    assert "Voldoet vanaf 80; Aandachtspunt vanaf 50" in text         # A2's own thresholds


def test_draft_is_marked_provisional_and_signed_off_is_not(client, factory, setup):
    org, coordinator, assessment = setup
    login(client, coordinator)
    assert "Voorlopige uitkomst: deze beoordeling is nog niet vastgesteld" in text_of(
        client.get(results_url(assessment)))
    signed = factory.signed_off(org, "2024", coordinator)
    assert "Voorlopige uitkomst" not in text_of(client.get(results_url(signed)))


def test_overview_links_to_the_results(client, setup):
    _org, coordinator, assessment = setup
    login(client, coordinator)
    body = client.get(f"/beoordelingen/{assessment.id}").get_data(as_text=True)
    assert f'href="/beoordelingen/{assessment.id}/resultaten"' in body


# --- who may see it ------------------------------------------------------------------------------------

ROUTES = ("/resultaten", "/resultaten/pijlers.png", "/resultaten/criteria.png", "/rapport.pdf")


@pytest.mark.parametrize("suffix", ROUTES)
def test_other_organisation_gets_404(client, factory, setup, suffix):
    _org, _coordinator, assessment = setup
    login(client, factory.user(factory.org("Andere dienst"), "coordinator"))
    assert client.get(f"/beoordelingen/{assessment.id}{suffix}").status_code == 404


@pytest.mark.parametrize("suffix", ROUTES)
def test_participant_sees_signed_off_only(client, factory, setup, suffix):
    org, coordinator, draft = setup
    signed = factory.signed_off(org, "2024", coordinator)
    municipality = factory.org("Gemeente Deelnemer", kind="gemeente", participant_of=org)
    login(client, factory.user(municipality, "lezer"))
    assert client.get(f"/beoordelingen/{draft.id}{suffix}").status_code == 404
    assert client.get(f"/beoordelingen/{signed.id}{suffix}").status_code == 200


@pytest.mark.parametrize("suffix", ROUTES)
def test_reader_of_the_organisation_may_read(client, factory, setup, suffix):
    org, _coordinator, assessment = setup
    login(client, factory.user(org, "lezer"))
    assert client.get(f"/beoordelingen/{assessment.id}{suffix}").status_code == 200


@pytest.mark.parametrize("suffix", ROUTES)
def test_anonymous_is_sent_to_login(client, setup, suffix):
    _org, _coordinator, assessment = setup
    response = client.get(f"/beoordelingen/{assessment.id}{suffix}")
    assert response.status_code == 302 and "/inloggen" in response.headers["Location"]


def test_missing_assessment_is_404(client, setup):
    _org, coordinator, _assessment = setup
    login(client, coordinator)
    assert client.get("/beoordelingen/9999/resultaten").status_code == 404


# --- charts ----------------------------------------------------------------------------------------------

def test_charts_are_png_with_text_alternative(client, setup):
    _org, coordinator, assessment = setup
    login(client, coordinator)
    body = client.get(results_url(assessment)).get_data(as_text=True)
    for name in ("pijlers", "criteria"):
        assert f'src="/beoordelingen/{assessment.id}/resultaten/{name}.png"' in body
        response = client.get(results_url(assessment, f"/{name}.png"))
        assert response.status_code == 200 and response.mimetype == "image/png"
        assert response.data.startswith(b"\x89PNG")
    assert re.search(r'<img [^>]*alt="[^"]{20,}"', body)
    assert client.get(results_url(assessment, "/anders.png")).status_code == 404


def test_chart_is_cached_by_content(app, setup):
    """A second request for the same content does not draw again (the chart cache keys on content)."""
    from vthscan.report import charts

    _org, _coordinator, assessment = setup
    charts.cache_clear()
    with app.app_context():
        current = db.session.get(Assessment, assessment.id)
        first = results_service.chart_png(current, "", "criteria", date(2026, 3, 1))
        second = results_service.chart_png(current, "", "criteria", date(2026, 3, 2))
    assert first == second
    assert charts._bars.cache_info().hits == 1 and charts._bars.cache_info().misses == 1


# --- threshold profiles on the results page ------------------------------------------------------------------

@pytest.fixture
def strict_profile(app):
    """A stored profile: everything needs 96 for Voldoet."""
    with app.app_context():
        record = ThresholdProfileRecord(
            questionnaire_id="mini", name="Heel streng", description="",
            data={"schema": "vthscan.thresholds/1", "questionnaire": "mini", "name": "Heel streng",
                  "thresholds": {"voldoet": 96}, "pillars": {"A": {"voldoet": 96}, "B": {"voldoet": 96}},
                  "criteria": {"A1": {"voldoet": 96}, "A2": {"voldoet": 96}, "B1": {"voldoet": 96}}})
        db.session.add(record)
        db.session.commit()
        return record.id


def test_profile_changes_levels_never_scores(app, client, factory, strict_profile):
    org = factory.org()
    user = factory.user(org)
    assessment = factory.complete(factory.assessment(org, user=user), user)
    login(client, user)
    default = text_of(client.get(results_url(assessment)))
    strict = text_of(client.get(results_url(assessment, profiel=f"db:{strict_profile}")))
    assert "Totaalscore 94,8" in default and "Totaalscore 94,8" in strict
    assert "Niveau ✔ Voldoet" in default and "Niveau ▲ Aandachtspunt" in strict
    assert "Normprofiel Heel streng" in strict
    assert "Geen acties" in default and "Verbeter B1." in strict

    with app.app_context():
        current = db.session.get(Assessment, assessment.id)
        plain = results_service.results_page(current, "", date(2026, 1, 1)).view.result
        other = results_service.results_page(current, f"db:{strict_profile}", date(2026, 1, 1)).view.result
    assert [c.score for c in plain.criteria] == [c.score for c in other.criteria]
    assert [p.score for p in plain.pillars] == [p.score for p in other.pillars] and plain.score == other.score
    assert [p.level for p in plain.pillars] != [p.level for p in other.pillars]


def test_profile_select_offers_default_and_profiles(client, setup, strict_profile):
    _org, coordinator, assessment = setup
    login(client, coordinator)
    body = client.get(results_url(assessment, profiel=f"db:{strict_profile}")).get_data(as_text=True)
    assert '<select class="select" id="profiel" name="profiel"' in body
    assert '<option value="">Standaard (de drempels van de vragenlijst)</option>' in body
    assert f'<option value="db:{strict_profile}" selected>Heel streng</option>' in body
    assert f'rapport.pdf?profiel=db:{strict_profile}' in body
    assert f'pijlers.png?profiel=db:{strict_profile}' in body


@pytest.mark.parametrize("key", ["db:999", "bestand:Bestaat niet", "onzin", "db:abc"])
def test_unknown_profile_is_404_not_a_crash(client, setup, key):
    _org, coordinator, assessment = setup
    login(client, coordinator)
    for suffix in ROUTES:
        assert client.get(f"/beoordelingen/{assessment.id}{suffix}", query_string={"profiel": key}).status_code == 404


def test_plan_follows_the_engines_order(app, client, factory, strict_profile):
    from vthscan.domain.scoring import score
    from vthscan.services import questionnaires
    from vthscan.services.answers import answers_of
    from vthscan.services.profiles import record_profile

    org = factory.org()
    user = factory.user(org)
    assessment = factory.answer(factory.assessment(org, user=user), user, KNOCKOUT_ANSWERS)
    login(client, user)
    text = text_of(client.get(results_url(assessment, profiel=f"db:{strict_profile}")))
    plan = text[text.index("Verbeterplan"):text.index("Rekenwijze", text.index("Verbeterplan"))]
    with app.app_context():
        current = db.session.get(Assessment, assessment.id)
        profile = record_profile(db.session.get(ThresholdProfileRecord, strict_profile))
        result = score(questionnaires.questionnaire_for(current), answers_of(current), "omgevingsdienst", profile)
    expected = [planned.action.text for planned in result.actions]
    assert len(expected) >= 2
    positions = [plan.index(action) for action in expected]
    assert positions == sorted(positions)


def test_the_plan_states_a_criterions_effect_once_not_on_each_of_its_actions(client, factory):
    org = factory.org("Omgevingsdienst Effect")
    coordinator = factory.user(org, "coordinator")
    answers = {**KNOCKOUT_ANSWERS, "a2_keuze": Answer(value="matig"), "a2_norm": Answer(value=0)}
    assessment = factory.answer(factory.assessment(org, user=coordinator), coordinator, answers)
    login(client, coordinator)
    body = client.get(results_url(assessment)).get_data(as_text=True)
    plan = body[body.index('id="verbeterplan"'):body.index('id="rekenwijze"')]
    rows = [html.unescape(" ".join(re.sub(r"<[^>]+>", " ", row.split("</tr>")[0]).split()))
            for row in plan.split("<tr>")[2:]]
    first, second = [row for row in rows if "Verbeter A2" in row]     # A2's two actions, in order
    assert "Haalt A2 de drempel van Voldoet" in first
    assert "Haalt A2" not in second and second.endswith("zoals bij de eerste actie van A2")

"""Finding one's way on the fill-in page: a long pillar on pages of whole criteria, the side navigation
with answered/open per criterion, the next open question, returning to where one was after saving,
read-only answers, the questionnaire's language marked, and a page shown again counting as unsaved."""

from __future__ import annotations

import re

import pytest

from vthscan.domain.answers import Answer
from vthscan.extensions import db
from vthscan.models import Assessment
from vthscan.services.answers import answers_of

from .conftest import REAL_QUESTIONNAIRES, Factory, login, make_app
from .form_helpers import form_data


@pytest.fixture
def standard(tmp_path):
    """The standard questionnaire, its newest version 1.1 (pillar R has 30 questions in 6 criteria), an
    invuller and a lezer."""
    app = make_app(tmp_path, REAL_QUESTIONNAIRES)
    factory = Factory(app)
    org = factory.org()
    invuller = factory.user(org, "invuller")
    lezer = factory.user(org, "lezer")
    assessment = factory.assessment(org, user=invuller, questionnaire="vthscan-standaard")
    return app, assessment, invuller, lezer


def question_count(html: str) -> int:
    return html.count('id="vraag-')


def get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def test_every_page_of_the_standard_questionnaire_has_at_most_15_questions(standard):
    app, assessment, invuller, _lezer = standard
    client = app.test_client()
    login(client, invuller)
    seen = 0
    for pillar in ("R", "P1", "P2", "P3", "P4", "P5", "P6"):
        number = 1
        while True:
            response = client.get(f"/beoordelingen/{assessment.id}/pijler/{pillar}"
                                  + (f"?deel={number}" if number > 1 else ""))
            if response.status_code == 404:
                break
            page = response.get_data(as_text=True)
            assert 0 < question_count(page) <= 15, (pillar, number)
            seen += question_count(page)
            number += 1
        if pillar == "R":
            assert number - 1 > 1, "pillar R is paged"
    assert seen == 30 + 10 + 10 + 7 + 8 + 8 + 12  # every question on exactly one page


@pytest.mark.parametrize("part", ["0", "9", "abc", "-1", "1.5", "٢", "9" * 30])
def test_a_page_that_does_not_exist_is_404(standard, part):
    app, assessment, invuller, _lezer = standard
    client = app.test_client()
    login(client, invuller)
    assert client.get(f"/beoordelingen/{assessment.id}/pijler/R?deel={part}").status_code == 404


def test_the_side_navigation_shows_every_criterion_with_answered_and_open(app, factory):
    org = factory.org()
    invuller = factory.user(org, "invuller")
    assessment = factory.answer(factory.assessment(org), invuller, {
        "a1_ja": Answer(value=True), "a1_schaal": Answer(unknown=True), "a2_keuze": Answer(value="goed")})
    client = app.test_client()
    login(client, invuller)
    page = get(client, f"/beoordelingen/{assessment.id}/pijler/B")
    nav = page[page.index('class="criteria-nav"'):page.index("</nav>", page.index('class="criteria-nav"'))]
    assert "Criterium B1" in nav and "0 beantwoord, 2 open" in nav
    assert f'href="/beoordelingen/{assessment.id}/pijler/B#criterium-B1"' in nav
    # the next open question: the first open one from this page on
    assert f'href="/beoordelingen/{assessment.id}/pijler/B#vraag-q_b1_lineair">Naar de volgende open vraag' in nav
    page = get(client, f"/beoordelingen/{assessment.id}/pijler/A")
    nav = page[page.index('class="criteria-nav"'):page.index("</nav>", page.index('class="criteria-nav"'))]
    assert "alles beantwoord" in nav and "1 beantwoord, 2 open" in nav   # A1, and A2 (a2_norm, a2_tekst open)
    assert "#vraag-q_a2_norm" in nav


def test_a_link_to_one_question_leads_to_the_page_that_asks_it(standard):
    from vthscan.services import questionnaires
    from vthscan.web.pillar_page import question_url

    app, assessment, _invuller, _lezer = standard
    with app.test_request_context(), app.app_context():
        current = db.session.get(Assessment, assessment.id)
        questionnaire = questionnaires.questionnaire_for(current)
        pillar_r = questionnaire.pillars[0]
        last = pillar_r.criteria[-1].questions[-1]
        first = pillar_r.criteria[0].questions[0]
        assert question_url(current, questionnaire, last.id) == (
            f"/beoordelingen/{assessment.id}/pijler/R?deel=3#vraag-q_{last.id}")
        assert question_url(current, questionnaire, first.id) == f"/beoordelingen/{assessment.id}/pijler/R#vraag-q_{first.id}"
        gemeente_only = questionnaire.pillars[-1].criteria[0].questions[0].id  # pillar G is not for an OD
        assert question_url(current, questionnaire, gemeente_only) is None


def test_saving_with_next_open_question_goes_there(app, factory):
    org = factory.org()
    invuller = factory.user(org, "invuller")
    assessment = factory.assessment(org)
    client = app.test_client()
    login(client, invuller)
    data = form_data(get(client, f"/beoordelingen/{assessment.id}/pijler/A"))
    data.update({"q_a1_ja": "ja", "q_a1_schaal": "2", "q_a2_keuze": "goed", "q_a2_norm": "2", "q_a2_tekst": "x",
                 "go": "open"})
    response = client.post(f"/beoordelingen/{assessment.id}/pijler/A", data=data)
    assert response.headers["Location"] == f"/beoordelingen/{assessment.id}/pijler/B#vraag-q_b1_lineair"


def test_a_page_saves_only_its_own_questions_and_the_buttons_lead_to_the_next_part(standard):
    app, assessment, invuller, _lezer = standard
    client = app.test_client()
    login(client, invuller)
    first = get(client, f"/beoordelingen/{assessment.id}/pijler/R")
    assert 'name="go" value="R/2"' in first and "Opslaan en naar deel 2" in first
    data = form_data(get(client, f"/beoordelingen/{assessment.id}/pijler/R?deel=2"))
    assert 'name="go" value="R/3"' in get(client, f"/beoordelingen/{assessment.id}/pijler/R?deel=2")
    question = next(name.removesuffix("_loaded") for name in data if name.endswith("_loaded"))
    data[question + "_unknown"] = "y"
    data["go"] = "R/3"
    response = client.post(f"/beoordelingen/{assessment.id}/pijler/R?deel=2", data=data)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/beoordelingen/{assessment.id}/pijler/R?deel=3"
    with app.app_context():
        stored = answers_of(db.session.get(Assessment, assessment.id))
    assert [q for q, answer in stored.items() if not answer.is_open] == [question.removeprefix("q_")]


def test_after_saving_the_page_opens_at_the_question_the_user_was_at(app, factory):
    org = factory.org()
    invuller = factory.user(org, "invuller")
    assessment = factory.assessment(org)
    client = app.test_client()
    login(client, invuller)
    url = f"/beoordelingen/{assessment.id}/pijler/A"
    data = form_data(get(client, url))
    assert "where" in data  # filled in by the page's script
    response = client.post(url, data={**data, "q_a2_norm": "1", "where": "q_a2_norm", "go": "A"})
    assert response.headers["Location"] == url + "#vraag-q_a2_norm"
    for forged in ("q_b1_lineair", "x\"><script>", "vraag-q_a2_norm"):
        response = client.post(url, data={**form_data(get(client, url)), "where": forged, "go": "A"})
        assert response.headers["Location"] == url, forged
    page = get(client, url)
    assert re.search(r'<div class="question" id="vraag-q_a2_norm" tabindex="-1"', page)


def test_a_page_shown_again_with_the_users_input_counts_as_unsaved(app, factory):
    org = factory.org()
    invuller = factory.user(org, "invuller")
    assessment = factory.assessment(org)
    client = app.test_client()
    login(client, invuller)
    url = f"/beoordelingen/{assessment.id}/pijler/A"
    assert "data-unsaved-input" not in get(client, url)
    response = client.post(url, data={**form_data(get(client, url)), "q_a2_norm": "veel"})
    assert response.status_code == 200 and "data-unsaved-input" in response.get_data(as_text=True)


def test_after_a_failed_save_the_summary_takes_focus_and_links_to_the_legend(app, factory):
    org = factory.org()
    invuller = factory.user(org, "invuller")
    assessment = factory.assessment(org)
    client = app.test_client()
    login(client, invuller)
    url = f"/beoordelingen/{assessment.id}/pijler/A"
    page = client.post(url, data={**form_data(get(client, url)), "q_a2_keuze_na": "y", "q_a2_norm": "veel",
                                  "q_a2_keuze_comment": "mijn toelichting"}).get_data(as_text=True)
    assert re.search(r'<div class="error-summary"[^>]*autofocus', page)
    assert 'href="#q_a2_keuze-legend"' in page and 'href="#q_a2_norm"' in page
    assert re.search(r'<legend class="form-label" id="q_a2_keuze-legend" tabindex="-1"', page)
    # the question's other fields have no error, and are not marked as having one
    for field in ("q_a2_keuze_comment", "q_a2_keuze_evidence", "q_a2_norm_comment"):
        tag = re.search(rf'<(?:input|textarea)[^>]*id="{field}"[^>]*>', page).group(0)
        assert "aria-invalid" not in tag, field
    stylesheet = client.get("/static/vthscan.css")
    assert ".question--invalid .input" not in stylesheet.get_data(as_text=True)
    stylesheet.close()


def test_read_only_answers_show_answer_comment_and_evidence_on_lines_of_their_own(app, factory):
    org = factory.org()
    invuller = factory.user(org, "invuller")
    lezer = factory.user(org, "lezer")
    assessment = factory.answer(factory.assessment(org), invuller, {
        "a1_ja": Answer(value=True, comment="Besproken <b>in</b> MT", evidence="https://example.nl/besluit?id=1&x=2"),
        "a1_schaal": Answer(value=2, evidence="javascript:alert(1)"),
        "a2_keuze": Answer(na=True, na_reason="Geen taak", evidence="Map 3, kast B"),
        "a2_norm": Answer(value=1, evidence="https://voorbeeld.nl/a b")})
    client = app.test_client()
    login(client, lezer)
    page = get(client, f"/beoordelingen/{assessment.id}/pijler/A")
    assert "<form method=\"post\" class=\"form answers\"" not in page
    assert ('<dd><span class="answer-label">Antwoord:</span> <span lang="nl">ja</span></dd>' in page)
    assert ('<dd class="answer-comment"><span class="answer-label">Toelichting:</span> '
            "Besproken &lt;b&gt;in&lt;/b&gt; MT</dd>") in page
    assert ('<a href="https://example.nl/besluit?id=1&amp;x=2" rel="noopener noreferrer">'
            "https://example.nl/besluit?id=1&amp;x=2</a>") in page
    assert "niet van toepassing</span> (Geen taak)" in page and "Map 3, kast B" in page
    assert 'href="javascript' not in page and "javascript:alert(1)" in page
    assert 'href="https://voorbeeld.nl/a' not in page
    assert "(niet beantwoord)" in page  # a2_tekst


def test_in_english_the_questionnaire_texts_are_marked_dutch(app, factory):
    org = factory.org()
    invuller = factory.user(org, "invuller")
    assessment = factory.assessment(org)
    client = app.test_client()
    assert client.post("/taal", data={"lang": "en"}).status_code == 302
    login(client, invuller)
    page = get(client, f"/beoordelingen/{assessment.id}/pijler/A")
    assert '<html lang="en">' in page
    assert '<legend class="form-label" id="q_a1_ja-legend" tabindex="-1" lang="nl">Ja of nee?</legend>' in page
    assert '<p class="form-hint" id="q_a1_ja-help" lang="nl">Hulp.</p>' in page
    assert '<span lang="nl">Criterium A1</span>' in page and '<span lang="nl">Hoeveel fte?</span>' in page
    assert re.search(r'<label for="q_a1_schaal-3" lang="nl">3 – Toegepast</label>', page)
    assert re.search(r'<label for="q_a1_ja-0">Yes</label>', page)        # the interface's own words
    assert re.search(r'<label for="q_a1_ja-2">No answer</label>', page)
